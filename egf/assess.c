/* assess.c: assessment forms and readiness. */
#include "assess.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "evidence.h"
#include "sha256.h"
#include "source.h"
#include "strmap.h"
#include "util.h"

static const char *const role_names[ROLE__MAX] = { "self", "manager", "peer" };
static const char *const field_names[FORM__FIELDS] = { "ladder", "version", "cycle",
	"person", "rater", "role", "target" };

int
assess_role_parse(const char *s)
{
	int i;

	for (i = 0; i < ROLE__MAX; i++)
		if (strcmp(role_names[i], s) == 0)
			return i;
	return -1;
}

const char *
assess_role_name(enum assess_role role)
{
	return role_names[role];
}

const char *
assess_field_name(enum assess_field f)
{
	return field_names[f];
}

const char *
assess_verdict_name(enum assess_verdict v)
{
	static const char *const names[] = { "ready", "borderline", "not-ready" };

	return names[v];
}

/* ---- reading forms ---- */

enum form_text { TEXT_NONE, TEXT_EVIDENCE, TEXT_PRIVATE };

struct form_reader {
	struct assess_form *form;
	struct diag_list *dl;
	struct assess_item *item;	/* the open section, or NULL */
	enum form_text text;		/* the field that runs on */
	struct buf evidence, private_note;
	struct strmap *seen;		/* expectation id -> line of its first section */
	int sections;			/* a ### section was seen */
};

static void
rtrim_buf(struct buf *b)
{
	while (b->len > 0 && isspace((unsigned char)b->data[b->len - 1]))
		b->data[--b->len] = '\0';
}

/* Ends the open section: its running texts become the item's. */
static void
close_item(struct form_reader *r)
{
	if (r->item != NULL) {
		rtrim_buf(&r->evidence);
		rtrim_buf(&r->private_note);
		if (r->evidence.len > 0)
			r->item->evidence = buf_take(&r->evidence);
		if (r->private_note.len > 0)
			r->item->private_note = buf_take(&r->private_note);
	}
	buf_free(&r->evidence);
	buf_free(&r->private_note);
	r->item = NULL;
	r->text = TEXT_NONE;
}

/* The fields of a section; names are exact (another case or spelling is a near-miss). */
static const char *const form_fields[] = { "Rating", "Evidence", "Link", "Private" };
#define NFORM_FIELDS (sizeof(form_fields) / sizeof(form_fields[0]))

/* Matches "Name:" at the start of a line, exactly; returns the text after it. */
static const char *
field_value(const char *line, const char *name)
{
	size_t n = strlen(name);

	if (strncmp(line, name, n) != 0 || line[n] != ':')
		return NULL;
	line += n + 1;
	while (*line == ' ' || *line == '\t')
		line++;
	return line;
}

/* 1 when the line starts with one of the fields, exactly. */
static int
is_field(const char *line)
{
	size_t i;

	for (i = 0; i < NFORM_FIELDS; i++)
		if (field_value(line, form_fields[i]) != NULL)
			return 1;
	return 0;
}

/* Edit distance of two short ASCII-folded words, capped at 3. */
static size_t
word_distance(const char *a, size_t la, const char *b, size_t lb)
{
	size_t d;

	if (la >= 31 || lb >= 31)
		return 3;
	d = text_edit_distance(a, la, b, lb, 1);
	return d < 3 ? d : 3;
}

/* Skips what may stand before a field name: blanks, list and quote markers, emphasis. */
static const char *
skip_decoration(const char *p)
{
	for (;;) {
		const char *q = p;

		while (*p == ' ' || *p == '\t' || *p == '*' || *p == '_' || *p == '~' ||
		    *p == '`' || *p == '>' || *p == '-' || *p == '+')
			p++;
		while (isdigit((unsigned char)*p))
			p++;
		if (p > q && (*p == '.' || *p == ')') && isdigit((unsigned char)p[-1]))
			p++;
		if (p == q)
			return p;
	}
}

/* Length of a colon at p: ':' or the full-width and small colons (U+FF1A, U+FE55). */
static size_t
colon_at(const char *p)
{
	if (*p == ':')
		return 1;
	if (strncmp(p, "\xef\xbc\x9a", 3) == 0 || strncmp(p, "\xef\xb9\x95", 3) == 0)
		return 3;
	return 0;
}

/* A letter of a word: ASCII letters, and any byte of another script but a colon. */
static int
word_char(const char *p)
{
	return isalpha((unsigned char)*p) || ((unsigned char)*p >= 0x80 && colon_at(p) == 0);
}

/*
 * Whether a line that is not an exact field looks like one: its first word,
 * ignoring leading blanks, list markers and emphasis, is a field name in
 * another case or spelling (within two edits, or the name and more letters;
 * bytes of other scripts count as letters, so look-alike letters are near
 * too), followed by a colon at once or after at most three more words
 * ("Private notes:", "Private note for committee:"). Returns the field's
 * name, or NULL.
 */
static const char *
near_miss_field(const char *line)
{
	const char *p = skip_decoration(line), *word = p;
	size_t len, i;
	int words = 0;

	while (word_char(p))
		p++;
	len = (size_t)(p - word);
	if (len == 0)
		return NULL;
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '*' || *p == '_' || *p == '~' ||
		    *p == '`' || *p == '-')
			p++;
		if (colon_at(p) > 0)
			break;
		if (words == 3 || !word_char(p))
			return NULL;
		while (word_char(p))
			p++;
		words++;
	}
	for (i = 0; i < NFORM_FIELDS; i++) {
		size_t n = strlen(form_fields[i]);

		if (word_distance(word, len, form_fields[i], n) <= 2 ||
		    (len > n && strncasecmp(word, form_fields[i], n) == 0))
			return form_fields[i];
	}
	return NULL;
}

/* The number of '#' of an ATX heading (1 to 6, then a blank or the end), else 0. */
static int
heading_level(const char *line)
{
	int n = 0;

	while (line[n] == '#')
		n++;
	if (n == 0 || n > 6 || (line[n] != ' ' && line[n] != '\t' && line[n] != '\0'))
		return 0;
	return n;
}

static void
append_line(struct buf *b, const char *text)
{
	if (b->len > 0 || *text != '\0') {
		if (b->len > 0)
			buf_putc(b, '\n');
		buf_puts(b, text);
	}
}

/*
 * A Link: line of the open section: "TARGET (KIND)", TARGET an http(s) URL
 * or okr:ID. An empty value (as in a blank form) is no link.
 */
static void
read_link(struct form_reader *r, const char *line, const char *v, unsigned lineno)
{
	struct assess_form *f = r->form;
	struct assess_item *it = r->item;
	struct assess_link *l;
	char *value, *target, *kind;
	size_t kind_off;
	unsigned col = (unsigned)(v - line) + 1;

	if (*v == '\0')
		return;
	value = xstrdup(v);
	if (evidence_link_split(value, &target, &kind, &kind_off) != 0)
		diag_add(r->dl, DIAG_BAD_LINK, f->path, lineno, col,
		    "expected 'Link: TARGET (KIND)', KIND one of %s", evidence_link_kinds());
	else if (!evidence_link_target_ok(target))
		diag_add(r->dl, DIAG_BAD_LINK, f->path, lineno, col + (unsigned)(target - value),
		    "link target '%s' is not an http: or https: URL or okr:ID", target);
	else if (evidence_link_kind(kind) < 0)
		diag_add(r->dl, DIAG_BAD_LINK, f->path, lineno, col + (unsigned)kind_off,
		    "link kind '%s' is not one of %s", kind, evidence_link_kinds());
	else {
		xgrow((void **)&it->links, &it->links_cap, it->nlinks + 1, sizeof(*it->links));
		l = &it->links[it->nlinks++];
		l->target = xstrdup(target);
		l->kind = xstrdup(kind);
		l->pos.line = lineno;
		l->pos.col = col + (unsigned)(target - value);
	}
	free(value);
}

/* Opens the section of a "### id" line. */
static void
open_item(struct form_reader *r, char *line, unsigned lineno)
{
	struct assess_form *f = r->form;
	const void *first;
	char *id = line + 3;
	size_t n;

	close_item(r);
	while (*id == ' ' || *id == '\t')
		id++;
	n = strlen(id);
	while (n > 0 && (id[n - 1] == ' ' || id[n - 1] == '\t' || id[n - 1] == '#'))
		id[--n] = '\0';
	xgrow((void **)&f->items, &f->items_cap, f->nitems + 1, sizeof(*f->items));
	r->item = &f->items[f->nitems++];
	memset(r->item, 0, sizeof(*r->item));
	r->item->expectation = xstrdup(id);
	if ((first = strmap_put(r->seen, r->item->expectation,
	    (void *)(uintptr_t)lineno)) != NULL)
		diag_add(r->dl, DIAG_DUPLICATE_ID, f->path, lineno,
		    (unsigned)(id - line) + 1,
		    "expectation '%s' is assessed twice (first at line %u)", id,
		    (unsigned)(uintptr_t)first);
	r->item->pos.line = lineno;
	r->item->pos.col = (unsigned)(id - line) + 1;
	r->sections = 1;
}

static void
read_line(struct form_reader *r, char *line, unsigned lineno)
{
	struct assess_form *f = r->form;
	const char *v, *near;
	int level = heading_level(line);

	if (level == 3) {
		open_item(r, line, lineno);
		return;
	}
	if (level == 1 || level == 2) {
		close_item(r);	/* a competency or title heading */
		return;
	}
	if (!r->sections)
		return;		/* title text before the first section */
	/*
	 * A field name in another case or spelling must never turn a note
	 * into evidence, nor text after a section be dropped unseen.
	 */
	if (!is_field(line) && (near = near_miss_field(line)) != NULL) {
		diag_add(r->dl, DIAG_FIELD_SYNTAX, f->path, lineno,
		    (unsigned)(skip_decoration(line) - line) + 1,
		    "this looks like the field '%s:' but is not written exactly so (at the "
		    "start of the line, in that case, the colon right after the name)",
		    near);
		return;
	}
	if (r->item == NULL) {
		if (*skip_decoration(line) != '\0')
			diag_add(r->dl, DIAG_FIELD_SYNTAX, f->path, lineno, 1,
			    "text after a heading belongs to no expectation and would be lost; "
			    "put it under a '### id' section");
		return;
	}
	if ((v = field_value(line, "Rating")) != NULL) {
		char *rating = xstrdup(v);
		size_t n = strlen(rating);

		while (n > 0 && isspace((unsigned char)rating[n - 1]))
			rating[--n] = '\0';
		if (r->item->rating != NULL)
			diag_add(r->dl, DIAG_DUPLICATE_ID, f->path, lineno, 1,
			    "expectation '%s' has two Rating lines", r->item->expectation);
		free(r->item->rating);
		r->item->rating = rating;
		r->item->rating_pos.line = lineno;
		r->item->rating_pos.col = (unsigned)(v - line) + 1;
		r->text = TEXT_NONE;
	} else if ((v = field_value(line, "Evidence")) != NULL) {
		r->text = TEXT_EVIDENCE;
		if (r->item->evidence_pos.line == 0) {
			r->item->evidence_pos.line = lineno;
			r->item->evidence_pos.col = 1;
		}
		append_line(&r->evidence, v);
	} else if ((v = field_value(line, "Link")) != NULL) {
		r->text = TEXT_NONE;
		read_link(r, line, v, lineno);
	} else if ((v = field_value(line, "Private")) != NULL) {
		r->text = TEXT_PRIVATE;
		append_line(&r->private_note, v);
	} else if (r->text == TEXT_EVIDENCE)
		append_line(&r->evidence, line);
	else if (r->text == TEXT_PRIVATE)
		append_line(&r->private_note, line);
}

/* A form must rate something: one without any rating would replace one that did. */
static void
check_not_empty(const struct assess_form *f, struct diag_list *dl, unsigned body_line)
{
	size_t i;

	for (i = 0; i < f->nitems; i++)
		if (f->items[i].rating != NULL && f->items[i].rating[0] != '\0')
			return;
	diag_add(dl, DIAG_EMPTY_FORM, f->path, f->nitems ? f->items[0].pos.line : body_line, 1,
	    "the form rates no expectation (%zu '### id' section%s, none with a Rating); "
	    "it would replace an earlier form with nothing", f->nitems,
	    f->nitems == 1 ? "" : "s");
}

static void
read_front_matter(struct assess_form *f, struct source *s, struct diag_list *dl)
{
	static const char *const keys[] = { "ladder", "version", "cycle", "person", "rater",
	    "role", "target", NULL };
	int i;

	if (s->root == NULL) {
		diag_add(dl, DIAG_MISSING_FIELD, f->path, 1, 1, "form has no YAML front matter");
		return;
	}
	source_check_keys(s, s->root, keys);
	for (i = 0; i < FORM__FIELDS; i++) {
		yaml_node_t *v = source_require(s, s->root, field_names[i], "the form");
		const char *text;

		if (v == NULL)
			continue;
		f->field_pos[i].line = source_line(s, v);
		f->field_pos[i].col = source_col(s, v);
		if ((text = source_scalar(s, v, field_names[i])) == NULL)
			continue;
		if (*text == '\0') {
			source_diag(s, DIAG_MISSING_FIELD, v, "'%s' is empty", field_names[i]);
			continue;
		}
		f->field[i] = xstrdup(text);
	}
}

/* Reads the form from a source opened into s (status st); closes s. */
static int
read_form(struct source *s, enum source_status st, struct diag_list *dl,
    struct assess_form *form)
{
	struct form_reader r;
	const char *p, *end;
	unsigned lineno;

	if (st != SOURCE_OK) {
		source_close(s);
		return st == SOURCE_IO ? -1 : 0;
	}
	sha256_of(s->data, s->len, form->hash);
	read_front_matter(form, s, dl);
	memset(&r, 0, sizeof(r));
	r.form = form;
	r.dl = dl;
	r.seen = strmap_new();
	p = s->body;
	end = s->body + s->body_len;
	/* CR, LF and CRLF each end a line. */
	for (lineno = s->body_line; p < end; lineno++) {
		size_t n = strcspn(p, "\r\n");
		char *line;

		if (p + n > end)
			n = (size_t)(end - p);
		line = xstrndup(p, n);
		read_line(&r, line, lineno);
		free(line);
		p += n;
		if (p < end && *p == '\r' && p + 1 < end && p[1] == '\n')
			p += 2;
		else if (p < end)
			p++;
	}
	close_item(&r);
	check_not_empty(form, dl, s->body_line);
	strmap_free(r.seen);
	source_close(s);
	return 0;
}

int
assess_form_read(const char *path, struct diag_list *dl, struct assess_form *form)
{
	struct source s;

	memset(form, 0, sizeof(*form));
	form->path = xstrdup(path);
	return read_form(&s, source_open(&s, path, dl), dl, form);
}

int
assess_form_read_buffer(const char *name, const char *data, size_t len, struct diag_list *dl,
    struct assess_form *form)
{
	struct source s;

	memset(form, 0, sizeof(*form));
	form->path = xstrdup(name);
	return read_form(&s, source_open_buffer(&s, name, data, len, dl), dl, form);
}

void
assess_form_clear(struct assess_form *form)
{
	size_t i, k;

	for (i = 0; i < FORM__FIELDS; i++)
		free(form->field[i]);
	for (i = 0; i < form->nitems; i++) {
		free(form->items[i].expectation);
		free(form->items[i].rating);
		free(form->items[i].evidence);
		free(form->items[i].private_note);
		for (k = 0; k < form->items[i].nlinks; k++) {
			free(form->items[i].links[k].target);
			free(form->items[i].links[k].kind);
		}
		free(form->items[i].links);
	}
	free(form->items);
	free(form->path);
	memset(form, 0, sizeof(*form));
}

void
assess_form_check(const struct assess_form *form, const struct model *m,
    struct diag_list *dl, struct assess_rating **ratings, size_t *n)
{
	const struct model_level *target = NULL;
	const char *tid = form->field[FORM_TARGET], *role = form->field[FORM_ROLE];
	size_t i;

	*ratings = xcalloc(form->nitems ? form->nitems : 1, sizeof(**ratings));
	*n = 0;
	if (tid != NULL && (target = model_level(m, tid)) == NULL)
		diag_add(dl, DIAG_UNKNOWN_LEVEL, form->path, form->field_pos[FORM_TARGET].line,
		    form->field_pos[FORM_TARGET].col, "unknown level '%s' in ladder %s %s", tid,
		    m->id, m->version);
	if (role != NULL && assess_role_parse(role) < 0)
		diag_add(dl, DIAG_BAD_VALUE, form->path, form->field_pos[FORM_ROLE].line,
		    form->field_pos[FORM_ROLE].col, "role '%s' is not self, manager or peer", role);
	for (i = 0; i < form->nitems; i++) {
		const struct assess_item *it = &form->items[i];
		const struct model_expectation *e = model_expectation(m, it->expectation);
		struct assess_rating *r = &(*ratings)[*n];

		if (e == NULL) {
			diag_add(dl, DIAG_UNKNOWN_EXPECTATION, form->path, it->pos.line, it->pos.col,
			    "unknown expectation '%s'", it->expectation);
			continue;
		}
		if (target != NULL && e->level != target) {
			diag_add(dl, DIAG_WRONG_LEVEL, form->path, it->pos.line, it->pos.col,
			    "expectation '%s' is at level %s, not the target %s", it->expectation,
			    e->level_id, target->id);
			continue;
		}
		r->expectation = e;
		r->evidence = it->evidence;
		r->private_note = it->private_note;
		r->links = it->links;
		r->nlinks = it->nlinks;
		if (it->rating != NULL && *it->rating != '\0' &&
		    (r->point = model_scale_lookup(m, it->rating)) == NULL) {
			struct buf scale = {0};
			size_t k;

			for (k = 0; k < m->nscale; k++)
				buf_printf(&scale, "%s%s", k ? ", " : "", m->scale[k]->id);
			diag_add(dl, DIAG_BAD_RATING, form->path, it->rating_pos.line,
			    it->rating_pos.col, "rating '%s' is not on the scale (%s)", it->rating,
			    scale.data);
			buf_free(&scale);
			continue;
		}
		(*n)++;
	}
}

/* ---- readiness ---- */

void
assess_target_init(struct assess_target *t, const struct model *m,
    const struct model_level *level)
{
	size_t i, j, cap = 0;

	memset(t, 0, sizeof(*t));
	t->level = level;
	t->index = strmap_new();
	for (i = 0; i < m->ncompetencies; i++) {
		const struct model_competency *c = m->competencies[i];

		for (j = 0; j < c->nexpectations; j++)
			if (c->expectations[j]->level == level) {
				xgrow((void **)&t->items, &cap, t->n + 1, sizeof(*t->items));
				t->items[t->n++] = c->expectations[j];
				/* the index holds position + 1, so that 0 means absent */
				strmap_put(t->index, c->expectations[j]->id, (void *)(uintptr_t)t->n);
			}
	}
}

void
assess_target_clear(struct assess_target *t)
{
	strmap_free(t->index);
	free(t->items);
	memset(t, 0, sizeof(*t));
}

long
assess_target_index(const struct assess_target *t, const char *expectation_id)
{
	uintptr_t pos = t->index ? (uintptr_t)strmap_get(t->index, expectation_id) : 0;

	return pos ? (long)pos - 1 : -1;
}

void
assess_tally_init(struct assess_tally *t, const struct assess_target *target)
{
	int r;

	memset(t, 0, sizeof(*t));
	t->target = target;
	for (r = 0; r < ROLE__MAX; r++) {
		t->sum[r] = xcalloc(target->n ? target->n : 1, sizeof(double));
		t->sumsq[r] = xcalloc(target->n ? target->n : 1, sizeof(double));
		t->count[r] = xcalloc(target->n ? target->n : 1, sizeof(unsigned));
	}
}

void
assess_tally_clear(struct assess_tally *t)
{
	int r;

	for (r = 0; r < ROLE__MAX; r++) {
		free(t->sum[r]);
		free(t->sumsq[r]);
		free(t->count[r]);
	}
	memset(t, 0, sizeof(*t));
}

void
assess_tally_add(struct assess_tally *t, enum assess_role role, size_t index, long value)
{
	t->sum[role][index] += (double)value;
	t->sumsq[role][index] += (double)value * (double)value;
	t->count[role][index]++;
}

static long
meets_value(const struct model *m)
{
	const struct model_scale_point *p = model_scale_point(m, m->meets);

	return p ? p->value : 0;
}

int
assess_met(const struct model *m, const struct assess_tally *t, enum assess_role role,
    size_t i)
{
	unsigned n = t->count[role][i];

	/* mean >= meets, compared without division */
	return n > 0 && t->sum[role][i] >= (double)meets_value(m) * n - 1e-9;
}

void
assess_readiness(const struct model *m, const struct assess_tally *t,
    struct assess_readiness *out)
{
	const struct assess_target *target = t->target;
	const struct assess_role_result *mgr;
	size_t i, k;
	int r;

	memset(out, 0, sizeof(*out));
	for (r = 0; r < ROLE__MAX; r++) {
		struct assess_role_result *res = &out->role[r];
		double sum = 0;

		res->raters = t->raters[r];
		res->total = target->n;
		res->required_met = 1;
		for (i = 0; i < target->n; i++) {
			if (t->count[r][i] > 0) {
				res->rated++;
				sum += t->sum[r][i];
				res->nratings += t->count[r][i];
			}
			if (assess_met(m, t, (enum assess_role)r, i))
				res->met++;
			else
				for (k = 0; k < m->nrequired; k++)
					if (strcmp(target->items[i]->competency->id, m->required[k]) == 0)
						res->required_met = 0;
		}
		res->unrated = res->total - res->rated;
		res->share = res->total ? (double)res->met / (double)res->total : 0;
		res->mean = res->nratings ? sum / (double)res->nratings : 0;
	}
	mgr = &out->role[ROLE_MANAGER];
	if (mgr->required_met && mgr->share >= m->threshold - 1e-9)
		out->verdict = VERDICT_READY;
	else if (mgr->required_met && mgr->share >= m->threshold - 0.1 - 1e-9)
		out->verdict = VERDICT_BORDERLINE;
	else
		out->verdict = VERDICT_NOT_READY;
}
