/*
 * ladder_read.c: a ladder directory (ladder.md and competencies/NAME.md) into
 * an unvalidated model. Shape problems of the front matter (missing fields,
 * wrong types, unknown keys) and broken links are reported here, where the
 * YAML and the file system are at hand; cross-references are checked by
 * ladder_validate.c on the model.
 */
#include "ladder.h"
#include "diag.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "arena.h"
#include "markdown.h"
#include "source.h"
#include "strmap.h"
#include "util.h"

struct reader {
	struct model *m;
	struct diag_list *dl;
	const char *dir;	/* the ladder directory as the user wrote it */
	struct source *s;	/* the file being read */
	const char *rel;	/* its path relative to dir, owned by the model */
	int levels_ok;		/* tracks and levels were read without an error */
	const char **all_tracks;	/* the distinct track ids, for competencies without tracks */
	struct model_pos *all_track_pos;
	size_t nall_tracks;
	const struct ladder_file *files;	/* a ladder in memory, else NULL: read dir */
	size_t nfiles;
};

/* The file rel of a ladder in memory, or NULL. */
static const struct ladder_file *
memory_file(const struct reader *r, const char *rel)
{
	size_t i;

	for (i = 0; i < r->nfiles; i++)
		if (strcmp(r->files[i].rel, rel) == 0)
			return &r->files[i];
	return NULL;
}

/*
 * Opens the ladder's file rel: from dir (reported as dir/rel), or from
 * memory (reported as rel, which the caller's origins map).
 */
static enum source_status
open_file(struct reader *r, struct source *s, const char *rel)
{
	const struct ladder_file *f;
	enum source_status st;
	char *path;

	if (r->files == NULL) {
		path = path_join(r->dir, rel);
		st = source_open(s, path, r->dl);
		free(path);
		return st;
	}
	if ((f = memory_file(r, rel)) == NULL) {
		memset(s, 0, sizeof(*s));
		fprintf(stderr, "egf: %s: no such file in the ladder\n", rel);
		return SOURCE_IO;
	}
	return source_open_buffer(s, rel, f->data, f->len, r->dl);
}

/*
 * Removes "." and "name/.." steps from a relative path, in place; returns
 * how many ".." steps are left climbing out of where it starts (and are
 * taken off the front).
 */
static size_t
normalise_rel(char *path)
{
	char *out = path, *p = path;
	size_t up = 0;

	while (*p != '\0') {
		size_t n = strcspn(p, "/");
		char *seg = p;

		/* step past the segment first: what is written below lies behind p */
		p += n;
		if (*p == '/')
			p++;
		if (n == 2 && seg[0] == '.' && seg[1] == '.') {
			if (out == path)
				up++;
			else {
				while (out > path && out[-1] != '/')
					out--;
				if (out > path)
					out--;	/* the slash before the removed name */
			}
		} else if (n > 0 && !(n == 1 && seg[0] == '.')) {
			if (out != path)
				*out++ = '/';
			memmove(out, seg, n);
			out += n;
		}
	}
	*out = '\0';
	return up;
}

/*
 * Whether the file a link of the current file names exists: on disk for a
 * ladder directory; in memory for a ladder in memory, or on disk around the
 * directory it is to be written as when the link leads out of it.
 */
static int
link_exists(const struct reader *r, const char *path)
{
	char *rel;
	size_t i, n, up;
	int found = 0;

	if (r->files == NULL)
		return access(path, F_OK) == 0;
	rel = xstrdup(path);
	if ((up = normalise_rel(rel)) > 0) {
		/* the directory the ladder goes into, then up-1 more steps */
		struct buf where = {0};
		const char *slash;
		size_t len = strlen(r->dir);

		while (len > 1 && r->dir[len - 1] == '/')
			len--;
		for (slash = r->dir + len; slash > r->dir && slash[-1] != '/'; slash--)
			;
		if (slash == r->dir)
			buf_puts(&where, ".");
		else
			buf_add(&where, r->dir, (size_t)(slash - r->dir));
		for (i = 1; i < up; i++)
			buf_puts(&where, "/..");
		buf_printf(&where, "/%s", rel);
		found = access(where.data, F_OK) == 0;
		buf_free(&where);
		free(rel);
		return found;
	}
	n = strlen(rel);
	for (i = 0; i < r->nfiles && !found; i++)	/* a file, or a directory holding one */
		found = n == 0 || (strncmp(r->files[i].rel, rel, n) == 0 &&
		    (r->files[i].rel[n] == '\0' || r->files[i].rel[n] == '/'));
	free(rel);
	return found;
}

static struct model_pos
node_pos(const struct reader *r, const yaml_node_t *node)
{
	struct model_pos p = { r->rel, source_line(r->s, node), source_col(r->s, node) };

	return p;
}

static struct model_pos
md_pos(const struct reader *r, cmark_node *node)
{
	struct model_pos p;

	p.file = r->rel;
	p.line = (unsigned)cmark_node_get_start_line(node) + r->s->body_line - 1;
	p.col = (unsigned)cmark_node_get_start_column(node);
	return p;
}

/*
 * cmark reports inline columns on paragraph continuation lines without the
 * indentation it stripped. Moves pos right, within that line's leading
 * white space, to the first character in accept.
 */
static void
fix_inline_col(const struct reader *r, struct model_pos *pos, const char *accept)
{
	size_t len, lead = 0, k;
	const char *text = source_line_text(r->s, pos->line, &len);

	if (text == NULL)
		return;
	while (lead < len && (text[lead] == ' ' || text[lead] == '\t'))
		lead++;
	for (k = 0; k <= lead && pos->col - 1 + k < len; k++)
		if (strchr(accept, text[pos->col - 1 + k]) != NULL) {
			pos->col += (unsigned)k;
			return;
		}
}

/* A required scalar field copied into the model; NULL when absent or wrong. */
static const char *
get_string(struct reader *r, const yaml_node_t *map, const char *key, const char *what,
    struct model_pos *pos)
{
	yaml_node_t *v = source_require(r->s, map, key, what);
	const char *text;

	if (v == NULL)
		return NULL;
	if (pos != NULL)
		*pos = node_pos(r, v);
	text = source_scalar(r->s, v, key);
	return text ? model_strdup(r->m, text) : NULL;
}

/* Calls fn for each scalar of a scalar-or-list value. */
static void
each_scalar(struct reader *r, const yaml_node_t *v, const char *what,
    void (*fn)(struct reader *, const char *, struct model_pos, void *), void *arg)
{
	size_t i, n;

	if (v->type == YAML_SCALAR_NODE) {
		const char *text = source_scalar(r->s, v, what);

		if (text != NULL && *text != '\0')
			fn(r, text, node_pos(r, v), arg);
		return;
	}
	if (v->type != YAML_SEQUENCE_NODE) {
		source_diag(r->s, DIAG_BAD_VALUE, v, "expected %s or a list of them", what);
		return;
	}
	n = source_count(v);
	for (i = 0; i < n; i++) {
		yaml_node_t *item = source_item(r->s, v, i);
		const char *text = source_scalar(r->s, item, what);

		if (text != NULL)
			fn(r, text, node_pos(r, item), arg);
	}
}

/* The items of a list of mappings, each checked against its allowed keys. */
static size_t
mapping_list(struct reader *r, const yaml_node_t *v, const char *what,
    const char *const keys[], yaml_node_t ***items)
{
	size_t i, n, kept = 0;

	*items = NULL;
	if (v->type != YAML_SEQUENCE_NODE) {
		source_diag(r->s, DIAG_BAD_VALUE, v, "expected a list of %ss", what);
		return 0;
	}
	n = source_count(v);
	*items = xcalloc(n ? n : 1, sizeof(**items));
	for (i = 0; i < n; i++) {
		yaml_node_t *item = source_item(r->s, v, i);

		if (item->type != YAML_MAPPING_NODE) {
			source_diag(r->s, DIAG_BAD_VALUE, item, "expected a %s mapping", what);
			continue;
		}
		source_check_keys(r->s, item, keys);
		(*items)[kept++] = item;
	}
	return kept;
}

static void
read_scale(struct reader *r, const yaml_node_t *v)
{
	static const char *const keys[] = { "id", "label", "value", NULL };
	yaml_node_t **items;
	size_t i, n = mapping_list(r, v, "scale point", keys, &items);

	for (i = 0; i < n; i++) {
		struct model_scale_point *p = model_add_scale_point(r->m);
		yaml_node_t *value;
		const char *text;

		p->id = get_string(r, items[i], "id", "scale point", &p->pos);
		p->label = get_string(r, items[i], "label", "scale point", NULL);
		if ((value = source_require(r->s, items[i], "value", "scale point")) != NULL &&
		    (text = source_scalar(r->s, value, "value")) != NULL) {
			char *end;

			errno = 0;
			p->value = strtol(text, &end, 10);
			if (*text == '\0' || *end != '\0' || errno != 0)
				source_diag(r->s, DIAG_BAD_VALUE, value,
				    "scale value '%s' is not a whole number", text);
		}
	}
	free(items);
}

static void
add_required(struct reader *r, const char *id, struct model_pos pos, void *arg)
{
	(void)arg;
	model_add_required(r->m, id, pos);
}

static void
read_promotion(struct reader *r, const yaml_node_t *v)
{
	static const char *const keys[] = { "threshold", "required", NULL };
	yaml_node_t *t, *req;
	const char *text;

	if (v->type != YAML_MAPPING_NODE) {
		source_diag(r->s, DIAG_BAD_VALUE, v, "expected a mapping with 'threshold'");
		return;
	}
	source_check_keys(r->s, v, keys);
	if ((t = source_require(r->s, v, "threshold", "promotion")) != NULL &&
	    (text = source_scalar(r->s, t, "threshold")) != NULL) {
		char *end;

		r->m->threshold_pos = node_pos(r, t);
		r->m->threshold = strtod(text, &end);
		if (*text == '\0' || *end != '\0' || !isfinite(r->m->threshold) ||
		    r->m->threshold <= 0 || r->m->threshold > 1)
			source_diag(r->s, DIAG_BAD_VALUE, t,
			    "threshold '%s' is not a number above 0 and at most 1", text);
	}
	if ((req = source_get(r->s, v, "required")) != NULL)
		each_scalar(r, req, "a competency id", add_required, NULL);
}

/* An activity term: more words that count output; see evidence.h. */
static void
add_activity_term(struct reader *r, const char *term, struct model_pos pos, void *arg)
{
	(void)pos;
	(void)arg;
	model_add_activity_term(r->m, term);
}

/*
 * An optional `description:` (Markdown) of a track or level, as plain text
 * and safe HTML; both NULL when absent.
 */
static void
get_description(struct reader *r, const yaml_node_t *map, const char **text,
    const char **html)
{
	yaml_node_t *v = source_get(r->s, map, "description");
	const char *md;
	cmark_node *doc;
	char *t;
	size_t off;

	*text = *html = NULL;
	if (v == NULL || (md = source_scalar(r->s, v, "description")) == NULL)
		return;
	if (md_check_complexity(md, strlen(md), &off) != 0) {
		source_diag(r->s, DIAG_TOO_COMPLEX, v, "description too complex to parse in time");
		return;
	}
	doc = md_parse(md, strlen(md));
	t = md_text_range(cmark_node_first_child(doc), NULL, "\n\n");
	*text = model_strdup(r->m, t);
	free(t);
	t = md_html_range(cmark_node_first_child(doc), NULL);
	*html = model_strdup(r->m, t);
	free(t);
	cmark_node_free(doc);
}

static void
read_tracks(struct reader *r, const yaml_node_t *v)
{
	static const char *const keys[] = { "id", "title", "from", "description", NULL };
	yaml_node_t **items, *from;
	size_t i, n = mapping_list(r, v, "track", keys, &items);

	for (i = 0; i < n; i++) {
		struct model_track *t = model_add_track(r->m);

		t->id = get_string(r, items[i], "id", "track", &t->pos);
		t->title = get_string(r, items[i], "title", "track", NULL);
		if ((from = source_get(r->s, items[i], "from")) != NULL)
			t->from_id = get_string(r, items[i], "from", "track", &t->from_pos);
		get_description(r, items[i], &t->description_text, &t->description_html);
	}
	free(items);
}

static void
read_levels(struct reader *r, const yaml_node_t *v)
{
	static const char *const keys[] = { "id", "title", "track", "description", NULL };
	yaml_node_t **items;
	size_t i, n = mapping_list(r, v, "level", keys, &items);

	for (i = 0; i < n; i++) {
		struct model_level *l = model_add_level(r->m);

		l->id = get_string(r, items[i], "id", "level", &l->pos);
		l->title = get_string(r, items[i], "title", "level", NULL);
		l->track_id = get_string(r, items[i], "track", "level", &l->track_pos);
		get_description(r, items[i], &l->description_text, &l->description_html);
	}
	free(items);
}

/* `cumulative: true|false`. */
static void
read_cumulative(struct reader *r, const yaml_node_t *v)
{
	const char *text = source_scalar(r->s, v, "cumulative");

	if (text == NULL)
		return;
	if (strcmp(text, "true") == 0)
		r->m->cumulative = 1;
	else if (strcmp(text, "false") == 0)
		r->m->cumulative = 0;
	else
		source_diag(r->s, DIAG_BAD_VALUE, v, "cumulative is '%s', not true or false", text);
}

/*
 * `checks: {NAME: off|warning|error, ...}`: the ladder's level for each
 * named check. Only warnings can be set; an error stays an error.
 */
static void
read_checks(struct reader *r, const yaml_node_t *v)
{
	static const char *const levels[] = { "off", "warning", "error" };
	size_t i, n;

	if (v->type != YAML_MAPPING_NODE) {
		source_diag(r->s, DIAG_BAD_VALUE, v, "expected a mapping of check names to "
		    "off, warning or error");
		return;
	}
	n = source_count(v);
	for (i = 0; i < n; i++) {
		yaml_node_t *key = source_key_at(r->s, v, i), *val = source_value_at(r->s, v, i);
		const char *name = key ? source_scalar(r->s, key, "a check name") : NULL;
		const char *level = val ? source_scalar(r->s, val, "a check level") : NULL;
		struct model_check *c;
		int code, k;

		if (name == NULL || level == NULL)
			continue;
		c = model_add_check(r->m, name);
		c->pos = node_pos(r, key);
		for (code = 0; code < DIAG__MAX; code++)
			if (strcmp(diag_name((enum diag_code)code), name) == 0)
				break;
		if (code == DIAG__MAX) {
			source_diag(r->s, DIAG_BAD_VALUE, key, "no check is called '%s'", name);
			continue;
		}
		if (diag_code_level((enum diag_code)code) != DIAG_WARNING) {
			source_diag(r->s, DIAG_BAD_VALUE, key,
			    "'%s' is an error; only warnings can be set in checks", name);
			continue;
		}
		c->code = code;
		for (k = 0; k < 3; k++)
			if (strcmp(levels[k], level) == 0)
				c->level = k;
		if (c->level < 0)
			source_diag(r->s, DIAG_BAD_VALUE, val,
			    "check level '%s' is not off, warning or error", level);
	}
}

/* Reports relative links whose target file does not exist. */
static void
check_link(cmark_node *link, void *arg)
{
	struct reader *r = arg;
	const char *url = cmark_node_get_url(link);
	struct model_pos pos;
	size_t n, i;
	char *target, *decoded, *slash, *base, *path;

	if (url == NULL || *url == '\0' || *url == '#' || *url == '/' || *url == '?')
		return;
	for (i = 0; url[i] != '\0'; i++) {
		if (url[i] == ':' && i > 0)
			return;	/* a scheme: mailto:, https:, ... */
		if (!isalnum((unsigned char)url[i]) && url[i] != '+' && url[i] != '.' &&
		    url[i] != '-')
			break;
	}
	n = strcspn(url, "#?");
	target = xstrndup(url, n);
	decoded = xmalloc(n + 1);
	for (i = 0, n = 0; target[i] != '\0'; i++) {
		if (target[i] == '%' && isxdigit((unsigned char)target[i + 1]) &&
		    isxdigit((unsigned char)target[i + 2])) {
			char hex[3] = { target[i + 1], target[i + 2], '\0' };

			decoded[n++] = (char)strtol(hex, NULL, 16);
			i += 2;
		} else
			decoded[n++] = target[i];
	}
	decoded[n] = '\0';
	base = xstrdup(r->s->path);
	slash = strrchr(base, '/');
	if (slash != NULL)
		slash[1] = '\0';
	else
		base[0] = '\0';
	path = xasprintf("%s%s", base, decoded);
	if (strlen(decoded) != n || !link_exists(r, path)) {
		pos = md_pos(r, link);
		fix_inline_col(r, &pos, "[!");
		diag_add(r->dl, DIAG_BROKEN_LINK, r->s->path, pos.line, pos.col,
		    "link to '%s', which does not exist", target);
	}
	free(path);
	free(base);
	free(decoded);
	free(target);
}

/*
 * Parses the body of the current file, unless it is too complex for cmark
 * to parse quickly ([too-complex]); NULL then.
 */
static cmark_node *
parse_body(struct reader *r)
{
	size_t off;

	if (md_check_complexity(r->s->body, r->s->body_len, &off) != 0) {
		unsigned line, col;

		text_position(r->s->data, (size_t)(r->s->body - r->s->data) + off, &line, &col);
		diag_add(r->dl, DIAG_TOO_COMPLEX, r->s->path, line, col,
		    "more than %d images or %d brackets in one file: too complex to parse "
		    "in time", MD_MAX_IMAGES, MD_MAX_BRACKETS);
		return NULL;
	}
	return md_parse(r->s->body, r->s->body_len);
}

static enum ladder_status
read_ladder_file(struct reader *r)
{
	static const char *const keys[] = { "id", "title", "version", "scale", "meets",
	    "promotion", "tracks", "levels", "activity_terms", "cumulative", "checks", NULL };
	struct source s;
	enum source_status st = open_file(r, &s, "ladder.md");
	yaml_node_t *root, *v;
	cmark_node *doc;
	char *text;

	r->s = &s;
	r->rel = model_strdup(r->m, "ladder.md");
	if (st != SOURCE_OK) {
		source_close(&s);
		return st == SOURCE_IO ? LADDER_IO : LADDER_INVALID;
	}
	if ((root = s.root) == NULL) {
		source_diag(&s, DIAG_MISSING_FIELD, NULL, "ladder.md has no YAML front matter");
		source_close(&s);
		return LADDER_INVALID;
	}
	source_check_keys(&s, root, keys);
	if ((v = source_get(&s, root, "checks")) != NULL)
		read_checks(r, v);
	if ((v = source_get(&s, root, "cumulative")) != NULL)
		read_cumulative(r, v);
	r->m->id = get_string(r, root, "id", "the ladder", &r->m->id_pos);
	r->m->title = get_string(r, root, "title", "the ladder", NULL);
	r->m->version = get_string(r, root, "version", "the ladder", NULL);
	if ((v = source_require(&s, root, "scale", "the ladder")) != NULL) {
		read_scale(r, v);
		if (r->m->nscale < 2 && v->type == YAML_SEQUENCE_NODE)
			source_diag(&s, DIAG_BAD_VALUE, v, "the scale needs at least 2 points");
	}
	r->m->meets = get_string(r, root, "meets", "the ladder", &r->m->meets_pos);
	if ((v = source_require(&s, root, "promotion", "the ladder")) != NULL)
		read_promotion(r, v);
	if ((v = source_get(&s, root, "activity_terms")) != NULL)
		each_scalar(r, v, "a term", add_activity_term, NULL);
	{
		size_t errors = diag_errors(r->dl);

		if ((v = source_require(&s, root, "tracks", "the ladder")) != NULL)
			read_tracks(r, v);
		if ((v = source_require(&s, root, "levels", "the ladder")) != NULL)
			read_levels(r, v);
		r->levels_ok = diag_errors(r->dl) == errors;
	}

	if ((doc = parse_body(r)) == NULL) {
		source_close(&s);
		return LADDER_INVALID;
	}
	text = md_text_range(cmark_node_first_child(doc), NULL, "\n\n");
	r->m->intro_text = model_strdup(r->m, text);
	free(text);
	text = md_html_range(cmark_node_first_child(doc), NULL);
	r->m->intro_html = model_strdup(r->m, text);
	free(text);
	md_each_link(doc, check_link, r);
	cmark_node_free(doc);
	source_close(&s);
	return LADDER_OK;
}

static void
add_track_id(struct reader *r, const char *id, struct model_pos pos, void *arg)
{
	struct {
		const char **ids;
		struct model_pos *pos;
		size_t n, cap;
	} *list = arg;
	size_t cap = list->cap;

	(void)r;
	xgrow((void **)&list->ids, &list->cap, list->n + 1, sizeof(*list->ids));
	xgrow((void **)&list->pos, &cap, list->n + 1, sizeof(*list->pos));
	list->ids[list->n] = id;
	list->pos[list->n] = pos;
	list->n++;
}

static void
add_from(struct reader *r, const char *id, struct model_pos pos, void *arg)
{
	model_add_from(r->m, arg, id, pos);
}

static void
read_competency_meta(struct reader *r, struct model_competency *c)
{
	static const char *const keys[] = { "id", "area", "tracks", "from", "order", NULL };
	yaml_node_t *root = r->s->root, *v;
	struct {
		const char **ids;
		struct model_pos *pos;
		size_t n, cap;
	} tracks = { NULL, NULL, 0, 0 };

	source_check_keys(r->s, root, keys);
	c->id = get_string(r, root, "id", "the competency", &c->id_pos);
	if (source_get(r->s, root, "area") != NULL)
		c->area = get_string(r, root, "area", "the competency", &c->area_pos);
	if ((v = source_get(r->s, root, "order")) != NULL) {
		const char *text = source_scalar(r->s, v, "order");
		char *end;

		if (text != NULL) {
			errno = 0;
			c->order = strtol(text, &end, 10);
			c->order_pos = node_pos(r, v);
			if (*text == '\0' || *end != '\0' || errno != 0)
				source_diag(r->s, DIAG_BAD_VALUE, v, "order '%s' is not a whole number",
				    text);
			else
				c->has_order = 1;
		}
	}
	if ((v = source_get(r->s, root, "tracks")) != NULL) {
		each_scalar(r, v, "a track id", add_track_id, &tracks);
		model_set_tracks(r->m, c, tracks.ids, tracks.pos, tracks.n);
	} else
		model_set_tracks(r->m, c, r->all_tracks, r->all_track_pos, r->nall_tracks);
	free(tracks.ids);
	free(tracks.pos);
	if ((v = source_get(r->s, root, "from")) != NULL)
		each_scalar(r, v, "a level id", add_from, c);
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The attributes of a trailing {...}: an optional #id and name="value" pairs. */
struct item_attrs {
	char *id;		/* NULL without #id */
	char **names, **values;
	size_t n;
};

static void
item_attrs_clear(struct item_attrs *a)
{
	size_t i;

	free(a->id);
	for (i = 0; i < a->n; i++) {
		free(a->names[i]);
		free(a->values[i]);
	}
	free(a->names);
	free(a->values);
	memset(a, 0, sizeof(*a));
}

static int
attr_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
	    c == '.';
}

/*
 * Parses the text between { and } as attributes: `#id` (at most once) and
 * name="value" (a value ends at the '"' before white space or the end),
 * separated by white space, at least one. 0 on success, -1 when it is not
 * such a list (a is then empty).
 */
static int
parse_attrs(const char *p, size_t len, struct item_attrs *a)
{
	const char *end = p + len;

	memset(a, 0, sizeof(*a));
	while (p < end) {
		const char *start;

		while (p < end && is_space(*p))
			p++;
		if (p == end)
			break;
		start = p;
		if (*p == '#') {
			if (a->id != NULL)
				goto bad;
			while (p < end && !is_space(*p))
				p++;
			if (p - start < 2)
				goto bad;
			a->id = xstrndup(start + 1, (size_t)(p - start - 1));
			continue;
		}
		while (p < end && attr_name_char(*p))
			p++;
		if (p == start || *start == '-' || *start == '_' || *start == '.' || p + 1 >= end || p[0] != '=' || p[1] != '"')
			goto bad;
		{
			const char *v = p + 2, *q;

			for (q = v; q < end; q++)
				if (*q == '"' && (q + 1 == end || is_space(q[1])))
					break;
			if (q == end)
				goto bad;
			a->names = xrealloc(a->names, (a->n + 1) * sizeof(*a->names));
			a->values = xrealloc(a->values, (a->n + 1) * sizeof(*a->values));
			a->names[a->n] = xstrndup(start, (size_t)(p - start));
			a->values[a->n] = xstrndup(v, (size_t)(q - v));
			a->n++;
			p = q + 1;
		}
	}
	if (a->id == NULL && a->n == 0)
		goto bad;
	return 0;
bad:
	item_attrs_clear(a);
	return -1;
}

/*
 * Takes a trailing {#id name="value" ...} off the item's first paragraph
 * into *a. Returns 1 when there was one, else 0 (*a empty); *pos is where
 * it was written. A trailing {#...} that is not an attribute list is the
 * id as written, for [bad-id] to report.
 */
static int
take_attrs(struct reader *r, cmark_node *item, struct model_pos *pos, struct item_attrs *a)
{
	cmark_node *para = cmark_node_first_child(item), *n, *first;
	struct buf all = {0};
	size_t open, close, keep, off;
	int found = 0;

	memset(a, 0, sizeof(*a));
	if (para == NULL || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH)
		return 0;
	first = NULL;
	for (n = cmark_node_last_child(para); n != NULL &&
	    cmark_node_get_type(n) == CMARK_NODE_TEXT; n = cmark_node_previous(n))
		first = n;
	if (first == NULL)
		return 0;
	for (n = first; n != NULL; n = cmark_node_next(n))
		buf_puts(&all, cmark_node_get_literal(n));
	close = all.len;
	while (close > 0 && is_space(all.data[close - 1]))
		close--;
	if (close == 0 || all.data[close - 1] != '}')
		goto out;
	/* The nearest '{' whose content is an attribute list. */
	for (open = close - 1; open > 0; open--)
		if (all.data[open - 1] == '{' &&
		    parse_attrs(all.data + open, close - 1 - open, a) == 0)
			break;
	if (open == 0) {
		/* The old form: the last {# up to the end is the id, whatever it holds. */
		for (open = close - 1; open > 0; open--)
			if (all.data[open - 1] == '{' && all.data[open] == '#')
				break;
		if (open == 0)
			goto out;
		a->id = xstrndup(all.data + open + 1, close - 1 - (open + 1));
	}
	open--;			/* at the '{' */
	found = 1;
	keep = open;
	while (keep > 0 && is_space(all.data[keep - 1]))
		keep--;
	/* Cut the text nodes down to the first keep bytes of the run. */
	off = 0;
	n = first;
	while (n != NULL) {
		cmark_node *next = cmark_node_next(n);
		const char *lit = cmark_node_get_literal(n);
		size_t len = strlen(lit);

		if (off <= open && open < off + len) {
			/* The column of the last "{#" (else "{") on the node's source line. */
			size_t line_len;
			const char *text, *brace = NULL, *any = NULL, *q;

			*pos = md_pos(r, n);
			pos->col += (unsigned)(open - off);
			text = source_line_text(r->s, pos->line, &line_len);
			for (q = text; text != NULL && q + 1 < text + line_len; q++) {
				if (q[0] == '{' && q[1] == '#')
					brace = q;
				if (q[0] == '{')
					any = q;
			}
			if (brace == NULL)
				brace = any;
			if (brace != NULL)
				pos->col = (unsigned)(brace - text) + 1;
		}
		if (off >= keep) {
			cmark_node_free(n);	/* unlinks it too */
		} else if (off + len > keep) {
			char *prefix = xstrndup(lit, keep - off);

			cmark_node_set_literal(n, prefix);
			free(prefix);
		}
		off += len;
		n = next;
	}
out:
	buf_free(&all);
	return found;
}

static char *
trim(char *s)
{
	size_t n;

	while (is_space(*s))
		s++;
	n = strlen(s);
	while (n > 0 && is_space(s[n - 1]))
		s[--n] = '\0';
	return s;
}

/* 1 when the list item's text begins with "Example:" (any case). */
static int
is_example_item(cmark_node *item)
{
	cmark_node *para = cmark_node_first_child(item), *t;
	const char *lit;

	if (para == NULL || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH)
		return 0;
	t = cmark_node_first_child(para);
	if (t == NULL || cmark_node_get_type(t) != CMARK_NODE_TEXT)
		return 0;
	lit = cmark_node_get_literal(t);
	return lit != NULL && strncasecmp(lit, "Example:", 8) == 0;
}

/*
 * Moves the nested `Example:` items of item into e's examples (without
 * the "Example:" word) and takes them out of the tree, with a nested list
 * that held nothing else.
 */
static void
take_examples(struct reader *r, struct model_expectation *e, cmark_node *item)
{
	cmark_node *list, *next_list;

	for (list = cmark_node_first_child(item); list != NULL; list = next_list) {
		cmark_node *sub, *next;

		next_list = cmark_node_next(list);
		if (cmark_node_get_type(list) != CMARK_NODE_LIST)
			continue;
		for (sub = cmark_node_first_child(list); sub != NULL; sub = next) {
			cmark_node *t;
			const char *lit;
			char *text, *html, *rest;

			next = cmark_node_next(sub);
			if (!is_example_item(sub))
				continue;
			t = cmark_node_first_child(cmark_node_first_child(sub));
			lit = cmark_node_get_literal(t);
			for (rest = (char *)lit + 8; is_space(*rest); rest++)
				;
			rest = xstrdup(rest);
			if (*rest == '\0' && cmark_node_next(t) == NULL)
				cmark_node_free(t);
			else
				cmark_node_set_literal(t, rest);
			free(rest);
			text = md_text_range(cmark_node_first_child(sub), NULL, "\n");
			html = md_html_range(cmark_node_first_child(sub), NULL);
			model_add_example(r->m, e, trim(text), html, md_pos(r, sub));
			free(text);
			free(html);
			cmark_node_free(sub);
		}
		if (cmark_node_first_child(list) == NULL)
			cmark_node_free(list);
	}
}

static void
read_item(struct reader *r, struct model_competency *c, cmark_node *item,
    const char *level_id, size_t position)
{
	struct model_expectation *e = model_add_expectation(r->m, c);
	struct item_attrs attrs;
	char *text, *html;
	size_t i;

	e->pos = md_pos(r, item);
	e->id_pos = e->pos;
	e->level_id = level_id;
	e->position = position;
	take_attrs(r, item, &e->id_pos, &attrs);
	if (attrs.id != NULL) {
		e->id = model_strdup(r->m, attrs.id);
		e->explicit_id = 1;
	} else if (c->id != NULL) {
		char *gen = xasprintf("%s.%s.%zu", c->id, level_id, position);

		e->id = model_strdup(r->m, gen);
		free(gen);
	}
	for (i = 0; i < attrs.n; i++)
		model_add_attr(r->m, e, attrs.names[i], attrs.values[i]);
	item_attrs_clear(&attrs);
	take_examples(r, e, item);
	text = md_text_range(cmark_node_first_child(item), NULL, "\n");
	e->text = model_strdup(r->m, trim(text));
	free(text);
	html = md_html_range(cmark_node_first_child(item), NULL);
	e->html = model_strdup(r->m, html);
	free(html);
	if (*e->text == '\0')
		diag_add(r->dl, DIAG_BAD_VALUE, r->s->path, e->pos.line, e->pos.col,
		    "expectation has no text");
}

/*
 * The next position in a level's numbering within one competency file;
 * numbering goes on across repeated sections of the same level.
 */
static size_t
next_position(struct strmap *counts, struct model *m, const char *level_id)
{
	size_t *count = strmap_get(counts, level_id);

	if (count == NULL) {
		count = arena_alloc(m->arena, sizeof(*count));
		strmap_put(counts, level_id, count);
	}
	return ++*count;
}

static void
read_competency_body(struct reader *r, struct model_competency *c)
{
	cmark_node *doc = parse_body(r);
	cmark_node *n, *first_h2 = NULL, *title = NULL;
	struct model_section *sec = NULL;
	struct strmap *counts;
	char *text;

	if (doc == NULL)
		return;
	counts = strmap_new();
	md_each_link(doc, check_link, r);
	for (n = cmark_node_first_child(doc); n != NULL; n = cmark_node_next(n)) {
		if (cmark_node_get_type(n) != CMARK_NODE_HEADING)
			continue;
		if (cmark_node_get_heading_level(n) == 2) {
			first_h2 = n;
			break;
		}
		if (cmark_node_get_heading_level(n) == 1 && title == NULL)
			title = n;
	}
	if (title != NULL) {
		text = md_text(title, " ");
		c->title = model_strdup(r->m, trim(text));
		free(text);
		cmark_node_free(title);
	}
	if (c->title == NULL || *c->title == '\0')
		c->title = c->id;
	text = md_text_range(cmark_node_first_child(doc), first_h2, "\n\n");
	c->description_text = model_strdup(r->m, trim(text));
	free(text);
	text = md_html_range(cmark_node_first_child(doc), first_h2);
	c->description_html = model_strdup(r->m, text);
	free(text);

	for (n = first_h2; n != NULL; n = cmark_node_next(n)) {
		cmark_node_type t = cmark_node_get_type(n);

		if (t == CMARK_NODE_HEADING && cmark_node_get_heading_level(n) == 2) {
			cmark_node *label = cmark_node_first_child(n);

			sec = model_add_section(r->m, c);
			text = md_text(n, " ");
			sec->level_id = model_strdup(r->m, trim(text));
			free(text);
			sec->pos = md_pos(r, label != NULL ? label : n);
		} else if (t == CMARK_NODE_LIST && sec != NULL) {
			cmark_node *item;

			for (item = cmark_node_first_child(n); item != NULL;
			    item = cmark_node_next(item)) {
				read_item(r, c, item, sec->level_id,
				    next_position(counts, r->m, sec->level_id));
				sec->nexpectations++;
			}
		}
	}
	strmap_free(counts);
	cmark_node_free(doc);
}

static enum ladder_status
read_competency_file(struct reader *r, const char *name)
{
	char *rel = xasprintf("competencies/%s", name);
	struct source s;
	enum source_status st = open_file(r, &s, rel);
	struct model_competency *c;

	r->s = &s;
	r->rel = model_strdup(r->m, rel);
	free(rel);
	if (st != SOURCE_OK) {
		source_close(&s);
		return st == SOURCE_IO ? LADDER_IO : LADDER_INVALID;
	}
	if (s.root == NULL) {
		source_diag(&s, DIAG_MISSING_FIELD, NULL, "competency file has no YAML front matter");
		source_close(&s);
		return LADDER_INVALID;
	}
	c = model_add_competency(r->m);
	c->pos.file = r->rel;
	c->pos.line = c->pos.col = 1;
	read_competency_meta(r, c);
	read_competency_body(r, c);
	source_close(&s);
	return LADDER_OK;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.md names under competencies/ of a ladder in memory; the caller frees them. */
static void
list_memory_competencies(const struct reader *r, char ***names, size_t *count)
{
	size_t i, n = 0, cap = 0;
	char **list = NULL;

	for (i = 0; i < r->nfiles; i++) {
		const char *name = r->files[i].rel, *base;
		size_t len;

		if (strncmp(name, "competencies/", 13) != 0)
			continue;
		base = name + 13;
		len = strlen(base);
		if (base[0] == '.' || len < 4 || strchr(base, '/') != NULL ||
		    strcmp(base + len - 3, ".md") != 0)
			continue;
		xgrow((void **)&list, &cap, n + 1, sizeof(*list));
		list[n++] = xstrdup(base);
	}
	if (n > 1)
		qsort(list, n, sizeof(*list), name_cmp);
	*names = list;
	*count = n;
}

/* The sorted names of the *.md files in dir/competencies; the caller frees them. */
static int
list_competencies(const struct reader *r, char ***names, size_t *count)
{
	char *path;
	DIR *d;

	if (r->files != NULL) {
		list_memory_competencies(r, names, count);
		return 0;
	}
	path = path_join(r->dir, "competencies");
	struct dirent *de;
	size_t n = 0, cap = 0;
	char **list = NULL;

	if ((d = opendir(path)) == NULL) {
		diag_report(NULL, DIAG_SYSTEM, NULL, "%s: %s", path, strerror(errno));
		free(path);
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		size_t len = strlen(de->d_name);
		char *full;

		if (de->d_name[0] == '.' || len < 4 || strcmp(de->d_name + len - 3, ".md") != 0)
			continue;
		full = path_join(path, de->d_name);
		if (path_is_dir(full)) {
			free(full);
			continue;
		}
		free(full);
		xgrow((void **)&list, &cap, n + 1, sizeof(*list));
		list[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	free(path);
	if (n > 1)
		qsort(list, n, sizeof(*list), name_cmp);
	*names = list;
	*count = n;
	return 0;
}

/* The track ids of ladder.md, each once, in order: what "all tracks" means. */
static void
distinct_tracks(struct reader *r)
{
	struct strmap *seen = strmap_new();
	size_t i;

	r->all_tracks = xcalloc(r->m->ntracks + 1, sizeof(*r->all_tracks));
	r->all_track_pos = xcalloc(r->m->ntracks + 1, sizeof(*r->all_track_pos));
	for (i = 0; i < r->m->ntracks; i++) {
		const char *id = r->m->tracks[i]->id;

		if (id != NULL && strmap_put(seen, id, (void *)id) == NULL)
			r->all_tracks[r->nall_tracks++] = id;
	}
	strmap_free(seen);
}

static enum ladder_status
read_ladder(struct reader *rp, int *head_ok)
{
	struct reader r = *rp;
	struct model *m = r.m;
	enum ladder_status st, worst;
	char **names = NULL;
	size_t i, n = 0;

	worst = read_ladder_file(&r);
	*head_ok = worst != LADDER_OK ? 0 : r.levels_ok ? 2 : 1;
	distinct_tracks(&r);
	if (worst == LADDER_IO || list_competencies(&r, &names, &n) != 0) {
		worst = LADDER_IO;
		goto out;
	}
	for (i = 0; i < n; i++) {
		st = read_competency_file(&r, names[i]);
		if (st > worst)
			worst = st;
		free(names[i]);
	}
	free(names);
	model_sort_competencies(m);
out:
	free(r.all_tracks);
	free(r.all_track_pos);
	return worst;
}

enum ladder_status
ladder_read_dir(const char *dir, struct model *m, struct diag_list *dl, int *head_ok)
{
	struct reader r = { m, dl, dir, NULL, NULL, 0, NULL, NULL, 0, NULL, 0 };

	return read_ladder(&r, head_ok);
}

enum ladder_status
ladder_read_files(const struct ladder_file *files, size_t n, const char *dir, struct model *m,
    struct diag_list *dl, int *head_ok)
{
	struct reader r = { m, dl, dir, NULL, NULL, 0, NULL, NULL, 0, files, n };

	return read_ladder(&r, head_ok);
}
