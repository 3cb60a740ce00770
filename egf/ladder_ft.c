/*
 * ladder_ft.c: a Financial-Times engineering-progression job family
 * (data/job-families/NAME.yml: name, summary, levels, themes, competencies)
 * into a ladder directory.
 *
 * Each theme becomes a competency (in the file's order, its summary the
 * description), each FT competency an expectation of its theme at its level
 * with the FT id as explicit id, its proficiency as an attribute and its
 * examples as `Example:` items. Levels whose ids end in a suffix shared by
 * several levels (-ic, -pm) fork: the levels before the first such level
 * are the first suffix's track, which the others branch off at the last of
 * them; a level without a suffix after the fork stays on the track of the
 * level before it.
 */
#include "ladder_import.h"

#include <stdlib.h>
#include <string.h>

#include "source.h"
#include "ladder.h"
#include "strmap.h"
#include "util.h"

struct ft_level {
	const char *id, *name;	/* borrowed from the YAML */
	const yaml_node_t *node;
	const char *track;	/* a suffix, or NULL until assigned */
};

struct ft {
	struct source s;
	struct diag_list *dl;
	int src;
	struct ft_level *levels;
	size_t nlevels;
	const char **tracks;	/* track ids in order */
	const char **track_titles;
	size_t ntracks;
	const char *fork_at;	/* the last trunk level, or NULL */
};

/* 1 when id matches [a-z0-9][a-z0-9._-]* (upper case too with upper). */
static int
id_ok(const char *id, int upper)
{
	const char *p;

	for (p = id; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    (upper && *p >= 'A' && *p <= 'Z') ||
		    (p > id && (*p == '.' || *p == '_' || *p == '-'))))
			return 0;
	return p > id;
}

/* A required string field of a mapping, or NULL after a diagnostic. */
static const char *
str_field(struct ft *ft, const yaml_node_t *map, const char *key, const char *what)
{
	yaml_node_t *v = source_require(&ft->s, map, key, what);

	return v ? source_scalar(&ft->s, v, key) : NULL;
}

/* The items of a top-level list that must be there. */
static yaml_node_t *
top_list(struct ft *ft, const char *key)
{
	yaml_node_t *v = source_require(&ft->s, ft->s.root, key, "the job family");

	if (v != NULL && v->type != YAML_SEQUENCE_NODE) {
		source_diag(&ft->s, DIAG_BAD_VALUE, v, "'%s' is not a list", key);
		return NULL;
	}
	return v;
}

/* The part of a level id after its last '-', when alphabetic. */
static const char *
suffix_of(const char *id)
{
	const char *dash = strrchr(id, '-'), *p;

	if (dash == NULL || dash[1] == '\0')
		return NULL;
	for (p = dash + 1; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
			return NULL;
	return dash + 1;
}

static size_t
suffix_count(const struct ft *ft, const char *suffix)
{
	size_t i, n = 0;

	for (i = 0; i < ft->nlevels; i++) {
		const char *x = suffix_of(ft->levels[i].id);

		n += x != NULL && strcmp(x, suffix) == 0;
	}
	return n;
}

/* A track's title: the parenthesis of its first level's name, else its id. */
static char *
track_title(const struct ft *ft, const char *suffix)
{
	size_t i;

	for (i = 0; i < ft->nlevels; i++) {
		const char *open, *close;

		const char *x = suffix_of(ft->levels[i].id);

		if (x == NULL || strcmp(x, suffix) != 0)
			continue;
		if ((open = strrchr(ft->levels[i].name, '(')) != NULL &&
		    (close = strchr(open, ')')) != NULL && close > open + 1)
			return xstrndup(open + 1, (size_t)(close - open - 1));
		break;
	}
	return xstrdup(suffix);
}

/* Assigns every level a track (see the comment at the top). */
static void
plan_tracks(struct ft *ft, const char *family_track)
{
	size_t i, k, first = ft->nlevels;
	const char *current = NULL;

	ft->tracks = xcalloc(ft->nlevels + 1, sizeof(*ft->tracks));
	for (i = 0; i < ft->nlevels; i++) {
		const char *x = suffix_of(ft->levels[i].id);

		if (x == NULL || suffix_count(ft, x) < 2)
			continue;
		for (k = 0; k < ft->ntracks; k++)
			if (strcmp(ft->tracks[k], x) == 0)
				break;
		if (k == ft->ntracks)
			ft->tracks[ft->ntracks++] = x;
		if (first == ft->nlevels)
			first = i;
		ft->levels[i].track = ft->tracks[k];
	}
	if (ft->ntracks < 2) {
		/* No fork: one track for every level. */
		ft->ntracks = 1;
		ft->tracks[0] = family_track;
		for (i = 0; i < ft->nlevels; i++)
			ft->levels[i].track = family_track;
		return;
	}
	for (i = 0; i < ft->nlevels; i++) {
		if (i < first)
			ft->levels[i].track = ft->tracks[0];
		else if (ft->levels[i].track == NULL)
			ft->levels[i].track = current;	/* no shared suffix: the track before */
		current = ft->levels[i].track;
	}
	if (first > 0)
		ft->fork_at = ft->levels[first - 1].id;
}

static int
read_levels(struct ft *ft)
{
	static const char *const keys[] = { "id", "name", NULL };
	yaml_node_t *list = top_list(ft, "levels");
	struct strmap *seen = strmap_new();
	size_t i, n = list ? source_count(list) : 0;
	int ok = list != NULL;

	ft->levels = xcalloc(n + 1, sizeof(*ft->levels));
	for (i = 0; i < n; i++) {
		yaml_node_t *item = source_item(&ft->s, list, i), *idn;
		struct ft_level *l = &ft->levels[ft->nlevels];

		if (item->type != YAML_MAPPING_NODE) {
			source_diag(&ft->s, DIAG_BAD_VALUE, item, "a level is a mapping with id and name");
			ok = 0;
			continue;
		}
		source_check_keys(&ft->s, item, keys);
		l->id = str_field(ft, item, "id", "level");
		l->name = str_field(ft, item, "name", "level");
		if (l->id == NULL || l->name == NULL) {
			ok = 0;
			continue;
		}
		idn = source_get(&ft->s, item, "id");
		l->node = idn;
		if (!id_ok(l->id, 1)) {
			source_diag(&ft->s, DIAG_BAD_ID, idn,
			    "level id '%s' does not match [A-Za-z0-9][A-Za-z0-9._-]*", l->id);
			ok = 0;
			continue;
		}
		if (strmap_put(seen, l->id, (void *)l) != NULL) {
			source_diag(&ft->s, DIAG_DUPLICATE_ID, idn, "level '%s' is listed twice", l->id);
			ok = 0;
			continue;
		}
		ft->nlevels++;
	}
	strmap_free(seen);
	if (ok && ft->nlevels == 0) {
		source_diag(&ft->s, DIAG_MISSING_FIELD, list, "the job family has no levels");
		ok = 0;
	}
	return ok;
}

/* The theme's index for a theme id, or -1. */
static long
theme_index(yaml_node_t **themes, const char **ids, size_t n, const char *id)
{
	size_t i;

	(void)themes;
	for (i = 0; i < n; i++)
		if (ids[i] != NULL && strcmp(ids[i], id) == 0)
			return (long)i;
	return -1;
}

static long
level_index(const struct ft *ft, const char *id)
{
	size_t i;

	for (i = 0; i < ft->nlevels; i++)
		if (strcmp(ft->levels[i].id, id) == 0)
			return (long)i;
	return -1;
}

/* The {#id proficiency="..."} of an expectation. */
static void
attrs_of(struct ft *ft, const yaml_node_t *comp, struct buf *b)
{
	yaml_node_t *v;
	const char *id = NULL, *prof = NULL;

	if ((v = source_get(&ft->s, comp, "id")) != NULL)
		id = source_scalar(&ft->s, v, "id");
	if ((v = source_get(&ft->s, comp, "proficiency")) != NULL)
		prof = source_scalar(&ft->s, v, "proficiency");
	buf_puts(b, "{");
	if (id != NULL) {
		char *low = xstrdup(id), *p;

		for (p = low; *p != '\0'; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p - 'A' + 'a');
		buf_printf(b, "#%s", low);
		free(low);
	}
	if (prof != NULL && *prof != '\0') {
		buf_puts(b, id ? " proficiency=\"" : "proficiency=\"");
		ladder_csv_md_plain(b, prof);
		buf_puts(b, "\"");
	}
	buf_puts(b, "}");
	if (b->len == 2)
		b->len = 0, b->data[0] = '\0';
}

/* Writes competencies/THEME.md for theme t. */
static void
write_theme(struct ft *ft, struct ladder_csv *lc, yaml_node_t *theme, const char *tid,
    size_t order, yaml_node_t *comps)
{
	struct buf b = {0}, attrs = {0};
	char *rel = xasprintf("competencies/%s.md", tid);
	struct gen_file *f = ladder_gen_file(lc, rel);
	unsigned line = source_line(&ft->s, theme), col = source_col(&ft->s, theme);
	yaml_node_t *v;
	const char *name = str_field(ft, theme, "name", "theme");
	size_t l, i, n = comps ? source_count(comps) : 0;

	free(rel);
	buf_printf(&b, "---\nid: %s\norder: %zu\n---\n# ", tid, order);
	ladder_csv_md_plain(&b, name ? name : tid);
	ladder_gen_lines(f, ft->src, line, col, b.data);
	if ((v = source_get(&ft->s, theme, "summary")) != NULL &&
	    (name = source_scalar(&ft->s, v, "summary")) != NULL && *name != '\0') {
		b.len = 0;
		buf_puts(&b, "\n");
		ladder_gen_md_item(&b, name, 0, NULL);
		ladder_gen_lines(f, ft->src, source_line(&ft->s, v), source_col(&ft->s, v), b.data);
	}
	for (l = 0; l < ft->nlevels; l++) {
		int head = 0;

		for (i = 0; i < n; i++) {
			yaml_node_t *c = source_item(&ft->s, comps, i), *lv, *th, *sum, *ex;
			const char *lid, *thid, *text;

			if (c->type != YAML_MAPPING_NODE ||
			    (lv = source_get(&ft->s, c, "level")) == NULL ||
			    (th = source_get(&ft->s, c, "theme")) == NULL ||
			    (lid = source_scalar(&ft->s, lv, "level")) == NULL ||
			    (thid = source_scalar(&ft->s, th, "theme")) == NULL ||
			    strcmp(lid, ft->levels[l].id) != 0 || strcmp(thid, tid) != 0 ||
			    (sum = source_get(&ft->s, c, "summary")) == NULL ||
			    (text = source_scalar(&ft->s, sum, "summary")) == NULL)
				continue;
			if (!head) {
				b.len = 0;
				buf_printf(&b, "\n## %s\n", ft->levels[l].id);
				ladder_gen_lines(f, ft->src, source_line(&ft->s, lv),
				    source_col(&ft->s, lv), b.data);
				head = 1;
			}
			attrs.len = 0;
			if (attrs.data)
				attrs.data[0] = '\0';
			attrs_of(ft, c, &attrs);
			b.len = 0;
			buf_puts(&b, "- ");
			ladder_gen_md_item(&b, text, 0, attrs.data);
			if ((ex = source_get(&ft->s, c, "examples")) != NULL &&
			    ex->type == YAML_SEQUENCE_NODE) {
				size_t k, nex = source_count(ex);
				const char **list = xcalloc(nex + 1, sizeof(*list));
				size_t got = 0;

				for (k = 0; k < nex; k++) {
					const char *t = source_scalar(&ft->s,
					    source_item(&ft->s, ex, k), "an example");

					if (t != NULL && *t != '\0')
						list[got++] = t;
				}
				ladder_gen_md_examples(&b, list, got, 0);
				free(list);
			}
			ladder_gen_lines(f, ft->src, source_line(&ft->s, sum),
			    source_col(&ft->s, sum), b.data);
		}
	}
	buf_free(&b);
	buf_free(&attrs);
}

/* Checks every FT competency's fields and references; 0 when they all hold. */
static int
check_competencies(struct ft *ft, yaml_node_t *comps, const char **theme_ids, size_t nthemes)
{
	static const char *const keys[] = { "id", "level", "theme", "summary", "proficiency",
	    "examples", "supportingUrls", NULL };
	size_t i, n = source_count(comps);
	int ok = 1;

	for (i = 0; i < n; i++) {
		yaml_node_t *c = source_item(&ft->s, comps, i), *v;
		const char *text;

		if (c->type != YAML_MAPPING_NODE) {
			source_diag(&ft->s, DIAG_BAD_VALUE, c, "a competency is a mapping");
			ok = 0;
			continue;
		}
		source_check_keys(&ft->s, c, keys);
		if ((text = str_field(ft, c, "level", "competency")) != NULL &&
		    level_index(ft, text) < 0) {
			source_diag(&ft->s, DIAG_UNKNOWN_LEVEL, source_get(&ft->s, c, "level"),
			    "unknown level '%s'", text);
			ok = 0;
		} else if (text == NULL)
			ok = 0;
		if ((text = str_field(ft, c, "theme", "competency")) != NULL &&
		    theme_index(NULL, theme_ids, nthemes, text) < 0) {
			source_diag(&ft->s, DIAG_UNKNOWN_COMPETENCY, source_get(&ft->s, c, "theme"),
			    "unknown theme '%s'", text);
			ok = 0;
		} else if (text == NULL)
			ok = 0;
		if ((text = str_field(ft, c, "summary", "competency")) == NULL)
			ok = 0;
		else if (*text == '\0') {
			source_diag(&ft->s, DIAG_MISSING_FIELD, source_get(&ft->s, c, "summary"),
			    "empty summary");
			ok = 0;
		}
		if ((v = source_get(&ft->s, c, "examples")) != NULL && v->type != YAML_SEQUENCE_NODE) {
			source_diag(&ft->s, DIAG_BAD_VALUE, v, "examples is not a list");
			ok = 0;
		}
	}
	return ok;
}

static void
write_ladder_md(struct ft *ft, struct ladder_csv *lc, const char *id, const char *name,
    const char *path)
{
	struct gen_file *f = ladder_gen_file(lc, "ladder.md");
	struct buf b = {0};
	yaml_node_t *v;
	const char *summary = NULL;
	size_t i;

	buf_printf(&b, "---\nid: %s\ntitle: ", id);
	ladder_gen_yaml_string(&b, name);
	buf_puts(&b, "\nversion: \"1\"");
	ladder_gen_lines(f, ft->src, 1, 1, b.data);
	ladder_import_default_rule(f, ft->src, path, ft->dl);
	ladder_gen_lines(f, ft->src, 0, 0, "tracks:");
	for (i = 0; i < ft->ntracks; i++) {
		char *title = ft->ntracks > 1 ? track_title(ft, ft->tracks[i]) : xstrdup(name);

		b.len = 0;
		buf_printf(&b, "  - {id: %s, title: ", ft->tracks[i]);
		ladder_gen_yaml_string(&b, title);
		if (i > 0 && ft->fork_at != NULL)
			buf_printf(&b, ", from: %s", ft->fork_at);
		buf_puts(&b, "}");
		ladder_gen_lines(f, ft->src, 0, 0, b.data);
		free(title);
	}
	ladder_gen_lines(f, ft->src, 0, 0, "levels:");
	for (i = 0; i < ft->nlevels; i++) {
		b.len = 0;
		buf_printf(&b, "  - {id: %s, title: ", ft->levels[i].id);
		ladder_gen_yaml_string(&b, ft->levels[i].name);
		buf_printf(&b, ", track: %s}", ft->levels[i].track);
		ladder_gen_lines(f, ft->src, source_line(&ft->s, ft->levels[i].node),
		    source_col(&ft->s, ft->levels[i].node), b.data);
	}
	ladder_gen_lines(f, ft->src, 0, 0, "---");
	if ((v = source_get(&ft->s, ft->s.root, "summary")) != NULL)
		summary = source_scalar(&ft->s, v, "summary");
	if (summary != NULL && *summary != '\0')
		ladder_gen_lines(f, ft->src, source_line(&ft->s, v), 1, summary);
	b.len = 0;
	buf_puts(&b, "\nImported from ");
	ladder_csv_md_plain(&b, path);
	buf_puts(&b, " by egf import ft.");
	ladder_gen_lines(f, ft->src, 0, 0, b.data);
	buf_free(&b);
}

enum ladder_status
ladder_ft_read(const char *path, struct diag_list *dl, struct ladder_csv **out)
{
	static const char *const keys[] = { "name", "summary", "googleSheetId", "isLegacy",
	    "levels", "themes", "competencies", NULL };
	struct ft ft;
	struct ladder_csv *lc = NULL;
	enum source_status sst;
	enum ladder_status st = LADDER_INVALID;
	yaml_node_t *themes, *comps;
	const char **theme_ids = NULL, *name;
	size_t errors = diag_errors(dl), i, nthemes = 0;
	char *id = NULL, *family_track = NULL;

	*out = NULL;
	memset(&ft, 0, sizeof(ft));
	ft.dl = dl;
	sst = source_open_yaml(&ft.s, path, dl);
	if (sst == SOURCE_IO) {
		st = LADDER_IO;
		goto out;
	}
	if (sst != SOURCE_OK || ft.s.root == NULL) {
		if (sst == SOURCE_OK)
			diag_add(dl, DIAG_MISSING_FIELD, path, 1, 1,
			    "not a job family: expected a mapping with name, levels, themes and "
			    "competencies");
		goto out;
	}
	source_check_keys(&ft.s, ft.s.root, keys);
	name = str_field(&ft, ft.s.root, "name", "the job family");
	themes = top_list(&ft, "themes");
	comps = top_list(&ft, "competencies");
	read_levels(&ft);
	if (name == NULL || themes == NULL || comps == NULL)
		goto out;
	theme_ids = xcalloc(source_count(themes) + 1, sizeof(*theme_ids));
	for (i = 0; i < source_count(themes); i++) {
		yaml_node_t *t = source_item(&ft.s, themes, i);
		static const char *const tkeys[] = { "id", "name", "summary", NULL };

		if (t->type != YAML_MAPPING_NODE) {
			source_diag(&ft.s, DIAG_BAD_VALUE, t, "a theme is a mapping with id and name");
			continue;
		}
		source_check_keys(&ft.s, t, tkeys);
		theme_ids[i] = str_field(&ft, t, "id", "theme");
		str_field(&ft, t, "name", "theme");
		if (theme_ids[i] != NULL && !id_ok(theme_ids[i], 0)) {
			source_diag(&ft.s, DIAG_BAD_ID, source_get(&ft.s, t, "id"),
			    "theme id '%s' does not match [a-z0-9][a-z0-9._-]*", theme_ids[i]);
			theme_ids[i] = NULL;
			continue;
		}
		if (theme_ids[i] != NULL && theme_index(NULL, theme_ids, i, theme_ids[i]) >= 0)
			source_diag(&ft.s, DIAG_DUPLICATE_ID, source_get(&ft.s, t, "id"),
			    "theme '%s' is listed twice", theme_ids[i]);
	}
	nthemes = source_count(themes);
	check_competencies(&ft, comps, theme_ids, nthemes);
	if (diag_errors(dl) > errors)
		goto out;

	id = ladder_csv_slug(name);
	if (*id == '\0') {
		free(id);
		id = xstrdup("ladder");
	}
	family_track = xstrdup(id);
	plan_tracks(&ft, family_track);
	lc = ladder_gen_new();
	ft.src = ladder_gen_source(lc, path);
	write_ladder_md(&ft, lc, id, name, path);
	for (i = 0; i < nthemes; i++)
		if (theme_ids[i] != NULL)
			write_theme(&ft, lc, source_item(&ft.s, themes, i), theme_ids[i], i + 1, comps);
	*out = lc;
	lc = NULL;
	st = LADDER_OK;
out:
	ladder_csv_free(lc);
	free(theme_ids);
	free(ft.levels);
	free(ft.tracks);
	free(id);
	free(family_track);
	source_close(&ft.s);
	return st;
}
