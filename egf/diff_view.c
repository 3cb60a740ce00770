/*
 * diff_view.c: the changes between two ladders, or between two levels of
 * one ladder, as text, Markdown or JSON: the view is built once and one walk
 * over it calls the backend of the format.
 */
#include "diff_view.h"

#include "html.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "json_text.h"
#include "model_diff.h"

const char *const diff_format_names[] = { "text", "md", "json", NULL };

/* Word diff */

struct word {
	const char *p;
	size_t len;
};

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* The words of s; the caller frees the array (the words point into s). */
static size_t
split_words(const char *s, struct word **out)
{
	struct word *w = NULL;
	size_t n = 0, cap = 0;

	for (s = s ? s : ""; *s != '\0';) {
		const char *start;

		while (is_space(*s))
			s++;
		if (*s == '\0')
			break;
		start = s;
		while (*s != '\0' && !is_space(*s))
			s++;
		xgrow((void **)&w, &cap, n + 1, sizeof(*w));
		w[n].p = start;
		w[n].len = (size_t)(s - start);
		n++;
	}
	*out = w;
	return n;
}

static int
word_eq(const struct word *a, const struct word *b)
{
	return a->len == b->len && memcmp(a->p, b->p, a->len) == 0;
}

/* Collects words into runs: '-' and '+' words of one stretch wait for the next '='. */
struct run_builder {
	struct word_diff *d;
	struct buf same, del, ins;
};

static void
push_run(struct word_diff *d, char op, struct buf *b)
{
	if (b->len == 0)
		return;
	xgrow((void **)&d->runs, &d->cap, d->n + 1, sizeof(*d->runs));
	d->runs[d->n].op = op;
	d->runs[d->n].text = buf_take(b);
	d->n++;
}

static void
add_word(struct run_builder *rb, char op, const struct word *w)
{
	struct buf *b = op == '=' ? &rb->same : op == '-' ? &rb->del : &rb->ins;

	if (op == '=') {
		push_run(rb->d, '-', &rb->del);
		push_run(rb->d, '+', &rb->ins);
	} else
		push_run(rb->d, '=', &rb->same);
	if (b->len > 0)
		buf_putc(b, ' ');
	buf_add(b, w->p, w->len);
}

static void
finish_runs(struct run_builder *rb)
{
	push_run(rb->d, '=', &rb->same);
	push_run(rb->d, '-', &rb->del);
	push_run(rb->d, '+', &rb->ins);
}

/* The LCS walk over a[0..n) and b[0..m); n and m are small enough (checked). */
static void
lcs_words(struct run_builder *rb, const struct word *a, size_t n, const struct word *b,
    size_t m)
{
	uint32_t *len = xcalloc((n + 1) * (m + 1), sizeof(*len));
	size_t i, j, w = m + 1;

	/* len[i][j]: the longest common subsequence of a[i..n) and b[j..m). */
	for (i = n; i-- > 0;)
		for (j = m; j-- > 0;) {
			if (word_eq(&a[i], &b[j]))
				len[i * w + j] = len[(i + 1) * w + j + 1] + 1;
			else if (len[(i + 1) * w + j] >= len[i * w + j + 1])
				len[i * w + j] = len[(i + 1) * w + j];
			else
				len[i * w + j] = len[i * w + j + 1];
		}
	for (i = 0, j = 0; i < n && j < m;) {
		if (word_eq(&a[i], &b[j])) {
			add_word(rb, '=', &a[i]);
			i++;
			j++;
		} else if (len[(i + 1) * w + j] >= len[i * w + j + 1])
			add_word(rb, '-', &a[i++]);
		else
			add_word(rb, '+', &b[j++]);
	}
	for (; i < n; i++)
		add_word(rb, '-', &a[i]);
	for (; j < m; j++)
		add_word(rb, '+', &b[j]);
	free(len);
}

void
word_diff(const char *old_text, const char *new_text, struct word_diff *out)
{
	struct run_builder rb;
	struct word *a = NULL, *b = NULL;
	size_t n = split_words(old_text, &a), m = split_words(new_text, &b);
	size_t pre = 0, suf = 0, k, mid_a, mid_b;

	memset(out, 0, sizeof(*out));
	memset(&rb, 0, sizeof(rb));
	rb.d = out;
	while (pre < n && pre < m && word_eq(&a[pre], &b[pre]))
		pre++;
	while (suf < n - pre && suf < m - pre && word_eq(&a[n - 1 - suf], &b[m - 1 - suf]))
		suf++;
	for (k = 0; k < pre; k++)
		add_word(&rb, '=', &a[k]);
	mid_a = n - pre - suf;
	mid_b = m - pre - suf;
	if (mid_a == 0 || mid_b == 0 ||
	    (mid_a + 1) > WORD_DIFF_MAX_CELLS / (mid_b + 1)) {
		/* Nothing to match, or too large to match: all out, all in. */
		for (k = 0; k < mid_a; k++)
			add_word(&rb, '-', &a[pre + k]);
		for (k = 0; k < mid_b; k++)
			add_word(&rb, '+', &b[pre + k]);
	} else
		lcs_words(&rb, a + pre, mid_a, b + pre, mid_b);
	for (k = n - suf; k < n; k++)
		add_word(&rb, '=', &a[k]);
	finish_runs(&rb);
	buf_free(&rb.same);
	buf_free(&rb.del);
	buf_free(&rb.ins);
	free(a);
	free(b);
}

void
word_diff_free(struct word_diff *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		free(d->runs[i].text);
	free(d->runs);
	memset(d, 0, sizeof(*d));
}

/* The view */

enum section_kind { SEC_GROUP, SEC_LEVEL, SEC_COMPETENCY };

/* One line of the output; every string is borrowed from the models or the changes. */
struct item {
	const char *kind;	/* added removed reworded moved changed; new kept unlisted */
	const char *node;	/* as in model_diff.h */
	const char *id;
	const char *field;	/* for "changed" */
	const char *track, *level, *competency;	/* where it is (for removed: was) */
	const char *competency_title;
	const char *old_level, *old_competency;	/* where it was in the old ladder */
	const char *old_value, *new_value;
	int words;		/* show old and new as a word diff */
	size_t order;		/* competency order within a level section */
	size_t seq;
};

struct section {
	enum section_kind kind;
	const char *name;	/* group word, level id or competency id */
	const char *heading;	/* for groups: the Markdown heading */
	const char *title;	/* the level's or competency's title */
	const char *track, *track_title;	/* level sections */
	const char *note;	/* "new level", "removed level" or NULL */
	struct item *items;
	size_t n, cap;
};

struct diff_view {
	int levels;		/* made by diff_view_levels */
	const struct model *a, *b;	/* old and new; the same model for levels */
	const struct model_level *from, *to;
	struct section *sections;
	size_t n, cap;
	size_t nchanges;
	struct model_changes changes;	/* the items of diff_view_models borrow from it */
};

/* The groups of non-expectation changes, in output order, by model_diff node. */
static const struct {
	const char *node, *name, *heading;
} groups[] = {
	{ "ladder", "ladder", "Ladder" },
	{ "scale", "scale", "Scale" },
	{ "promotion", "promotion", "Promotion rule" },
	{ "track", "tracks", "Tracks" },
	{ "level", "levels", "Levels" },
	{ "competency", "competencies", "Competencies" },
};
#define NGROUPS (sizeof(groups) / sizeof(groups[0]))

static struct section *
add_section(struct diff_view *v, enum section_kind kind, const char *name)
{
	struct section *s;

	xgrow((void **)&v->sections, &v->cap, v->n + 1, sizeof(*v->sections));
	s = &v->sections[v->n++];
	memset(s, 0, sizeof(*s));
	s->kind = kind;
	s->name = name;
	return s;
}

static struct item *
add_item(struct diff_view *v, struct section *s, const char *kind)
{
	struct item *it;

	xgrow((void **)&s->items, &s->cap, s->n + 1, sizeof(*s->items));
	it = &s->items[s->n];
	memset(it, 0, sizeof(*it));
	it->kind = kind;
	it->seq = s->n++;
	if (strcmp(kind, "kept") != 0)
		v->nchanges++;
	return it;
}

static const char *
track_title(const struct model *m, const char *id)
{
	const struct model_track *t = id ? model_track(m, id) : NULL;

	return t ? t->title : NULL;
}

/* A section for a level, taking its title and track from m. */
static void
add_level_section(struct diff_view *v, const struct model *m, const struct model_level *l,
    const char *note)
{
	struct section *s = add_section(v, SEC_LEVEL, l->id);

	s->title = l->title;
	s->track = l->track_id;
	s->track_title = track_title(m, l->track_id);
	s->note = note;
}

/*
 * The level sections in career order: the new ladder's tracks and their
 * levels, each track followed by its levels that only the old ladder has,
 * then the old ladder's tracks that are gone, with their levels.
 */
static void
level_sections(struct diff_view *v)
{
	const struct model *a = v->a, *b = v->b;
	size_t t, i;

	for (t = 0; t < b->ntracks; t++) {
		const char *tid = b->tracks[t]->id;

		for (i = 0; i < b->nlevels; i++)
			if (strcmp(b->levels[i]->track_id, tid) == 0)
				add_level_section(v, b, b->levels[i],
				    model_level(a, b->levels[i]->id) ? NULL : "new level");
		for (i = 0; i < a->nlevels; i++)
			if (strcmp(a->levels[i]->track_id, tid) == 0 &&
			    model_level(b, a->levels[i]->id) == NULL)
				add_level_section(v, a, a->levels[i], "removed level");
	}
	for (t = 0; t < a->ntracks; t++) {
		const char *tid = a->tracks[t]->id;

		if (model_track(b, tid) != NULL)
			continue;
		for (i = 0; i < a->nlevels; i++)
			if (strcmp(a->levels[i]->track_id, tid) == 0 &&
			    model_level(b, a->levels[i]->id) == NULL)
				add_level_section(v, a, a->levels[i], "removed level");
	}
}

static struct section *
find_section(struct diff_view *v, enum section_kind kind, const char *name)
{
	size_t i;

	for (i = 0; i < v->n; i++)
		if (v->sections[i].kind == kind && strcmp(v->sections[i].name, name) == 0)
			return &v->sections[i];
	return add_section(v, kind, name);	/* a level no model knows: last */
}

/* The position of a competency: in the new ladder, else after them in the old. */
static size_t
competency_order(const struct diff_view *v, const char *id, const char **title)
{
	size_t i;

	for (i = 0; i < v->b->ncompetencies; i++)
		if (strcmp(v->b->competencies[i]->id, id) == 0) {
			*title = v->b->competencies[i]->title;
			return i;
		}
	for (i = 0; i < v->a->ncompetencies; i++)
		if (strcmp(v->a->competencies[i]->id, id) == 0) {
			*title = v->a->competencies[i]->title;
			return v->b->ncompetencies + i;
		}
	*title = id;
	return SIZE_MAX;
}

static void
add_expectation_change(struct diff_view *v, const struct model_change *ch)
{
	int removed = ch->kind == CHANGE_REMOVED;
	const char *level = removed ? ch->old_level : ch->new_level;
	const char *competency = removed ? ch->old_competency : ch->new_competency;
	struct section *s = find_section(v, SEC_LEVEL, level);
	struct item *it = add_item(v, s, change_kind_name(ch->kind));

	it->node = ch->node;
	it->id = ch->id;
	it->track = s->track;
	it->level = level;
	it->competency = competency;
	it->order = competency_order(v, competency, &it->competency_title);
	it->old_level = ch->old_level;
	it->old_competency = ch->old_competency;
	it->old_value = ch->old_value;
	it->new_value = ch->new_value;
	it->field = ch->field;	/* an example or attribute that changed */
	it->words = ch->kind == CHANGE_REWORDED || ch->kind == CHANGE_MODIFIED;
	if (ch->kind == CHANGE_MOVED) {
		/* Show what moved; a new wording is a change of its own. */
		const struct model_expectation *e = model_expectation(v->b, ch->id);
		const struct model_expectation *old = model_expectation(v->a, ch->id);

		it->new_value = e ? e->text : NULL;
		it->old_value = old ? old->text : NULL;
	}
}

static int
item_cmp(const void *x, const void *y)
{
	const struct item *a = x, *b = y;

	if (a->order != b->order)
		return a->order < b->order ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

struct diff_view *
diff_view_models(const struct model *a, const struct model *b)
{
	struct diff_view *v = xcalloc(1, sizeof(*v));
	size_t i, g;

	v->a = a;
	v->b = b;
	for (g = 0; g < NGROUPS; g++)
		add_section(v, SEC_GROUP, groups[g].name)->heading = groups[g].heading;
	level_sections(v);
	model_diff(a, b, &v->changes);
	for (i = 0; i < v->changes.n; i++) {
		const struct model_change *ch = &v->changes.items[i];
		struct item *it;

		if (strcmp(ch->node, "expectation") == 0) {
			add_expectation_change(v, ch);
			continue;
		}
		for (g = 0; g < NGROUPS && strcmp(groups[g].node, ch->node) != 0; g++)
			;
		if (g == NGROUPS)
			g = 0;	/* model_diff knows no other nodes */
		it = add_item(v, &v->sections[g], change_kind_name(ch->kind));
		it->node = ch->node;
		it->id = ch->id;
		it->field = ch->field;
		it->old_value = ch->old_value;
		it->new_value = ch->new_value;
		it->words = ch->kind == CHANGE_MODIFIED;
	}
	for (i = NGROUPS; i < v->n; i++)
		if (v->sections[i].n > 1)
			qsort(v->sections[i].items, v->sections[i].n, sizeof(struct item), item_cmp);
	return v;
}

/*
 * Texts are compared folded: ASCII lower case, white space runs as one
 * space, none at either end. fold_next gives the next character of s so
 * folded ('\0' at the end), advancing *s; *started says whether one was
 * given yet. Compared as they are read, without a folded copy: the "me"
 * page compares thousands of pairs, most of which differ at once.
 */
static char
fold_next(const char **s, int *started)
{
	const char *p = *s;
	int space = 0;

	while (is_space(*p)) {
		p++;
		space = 1;
	}
	*s = p;
	if (*p == '\0')
		return '\0';
	if (space && *started)
		return ' ';	/* the character itself comes next time */
	*started = 1;
	*s = p + 1;
	return (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
}

static int
same_folded(const char *a, const char *b)
{
	int sa = 0, sb = 0;
	char ca, cb;

	do {
		ca = fold_next(&a, &sa);
		cb = fold_next(&b, &sb);
		if (ca != cb)
			return 0;
	} while (ca != '\0');
	return 1;
}

/* The expectation of c at level whose text is text's, folded; or NULL. */
static const struct model_expectation *
same_text_at(const struct model_competency *c, const char *level, const char *text)
{
	size_t i;

	for (i = 0; i < c->nexpectations; i++) {
		const struct model_expectation *e = c->expectations[i];

		if (strcmp(e->level_id, level) == 0 && same_folded(e->text, text))
			return e;
	}
	return NULL;
}

static struct item *
level_item(struct diff_view *v, struct section *s, const char *kind,
    const struct model_expectation *e, const struct model_level *l)
{
	struct item *it = add_item(v, s, kind);

	it->node = "expectation";
	it->id = e->id;
	it->track = l->track_id;
	it->level = l->id;
	it->competency = e->competency->id;
	it->competency_title = e->competency->title;
	return it;
}

static void
competency_levels(struct diff_view *v, const struct model_competency *c)
{
	struct section *s = NULL;
	size_t i, pass;

	/* Pass 0: the expectations of `to`; pass 1: those of `from` it no longer lists. */
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < c->nexpectations; i++) {
			const struct model_expectation *e = c->expectations[i], *other;
			const struct model_level *here = pass == 0 ? v->to : v->from;
			const struct model_level *there = pass == 0 ? v->from : v->to;
			struct item *it;

			if (strcmp(e->level_id, here->id) != 0)
				continue;
			other = same_text_at(c, there->id, e->text);
			if (pass == 1 && other != NULL)
				continue;
			if (s == NULL) {
				s = add_section(v, SEC_COMPETENCY, c->id);
				s->title = c->title;
			}
			if (pass == 0) {
				it = level_item(v, s, other ? "kept" : "new", e, here);
				it->new_value = e->text;
				it->old_value = other ? other->text : NULL;
				it->old_level = other ? there->id : NULL;
				it->old_competency = other ? c->id : NULL;
			} else {
				it = level_item(v, s, "unlisted", e, here);
				it->old_value = e->text;
				it->old_level = here->id;
				it->old_competency = c->id;
			}
		}
}

struct diff_view *
diff_view_levels(const struct model *m, const struct model_level *from,
    const struct model_level *to)
{
	struct diff_view *v = xcalloc(1, sizeof(*v));
	size_t i;

	v->levels = 1;
	v->a = v->b = m;
	v->from = from;
	v->to = to;
	for (i = 0; i < m->ncompetencies; i++)
		competency_levels(v, m->competencies[i]);
	return v;
}

size_t
diff_view_changes(const struct diff_view *v)
{
	return v->nchanges;
}

void
diff_view_free(struct diff_view *v)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < v->n; i++)
		free(v->sections[i].items);
	free(v->sections);
	model_changes_free(&v->changes);
	free(v);
}

/* Rendering: one walk, one backend per format */

struct out {
	const struct diff_view *v;
	struct buf *b;
	size_t nsections;	/* sections written so far */
	const char *track;	/* the track of the last level section (md) */
	struct jw w;		/* json */
};

struct backend {
	void (*begin)(struct out *o);
	void (*section)(struct out *o, const struct section *s);
	void (*item)(struct out *o, const struct section *s, const struct item *it);
	void (*end)(struct out *o);
};

static const char *
or_empty(const char *s)
{
	return s ? s : "";
}

/* Appends s with white space runs as single spaces, without leading or trailing ones. */
static void
put_flat(struct buf *b, const char *s)
{
	int space = 0;
	size_t start = b->len;

	for (s = or_empty(s); *s != '\0'; s++) {
		if (is_space(*s)) {
			space = b->len > start;
			continue;
		}
		if (space)
			buf_putc(b, ' ');
		space = 0;
		buf_putc(b, *s);
	}
}

/* For "changed": "field", or "id field" where the id says more than the group. */
static void
put_label(struct buf *b, const struct item *it, int md)
{
	int show_id = strcmp(it->node, "ladder") != 0 && strcmp(it->id, it->field) != 0;

	if (show_id)
		buf_printf(b, md ? "`%s` " : "%s ", it->id);
	buf_printf(b, "%s: ", it->field);
}

/* Text */

static void
text_words(struct buf *b, const struct item *it)
{
	struct word_diff d;
	size_t i;
	int changed = 0;

	word_diff(it->old_value, it->new_value, &d);
	for (i = 0; i < d.n; i++) {
		const struct word_run *r = &d.runs[i];

		if (i > 0 && !(r->op == '+' && d.runs[i - 1].op == '-'))
			buf_putc(b, ' ');	/* git's [-old-]{+new+} */
		if (r->op == '=')
			buf_puts(b, r->text);
		else
			buf_printf(b, r->op == '-' ? "[-%s-]" : "{+%s+}", r->text);
		changed |= r->op != '=';
	}
	if (!changed)
		buf_puts(b, d.n ? " (white space only)" : "(white space only)");
	word_diff_free(&d);
}

static void
text_begin(struct out *o)
{
	const struct diff_view *v = o->v;

	if (v->levels)
		buf_printf(o->b, "from %s: %s (track %s) to %s: %s (track %s)\n", v->from->id,
		    v->from->title, v->from->track_id, v->to->id, v->to->title, v->to->track_id);
}

static void
text_section(struct out *o, const struct section *s)
{
	if (o->nsections++ > 0 || o->v->levels)
		buf_putc(o->b, '\n');
	switch (s->kind) {
	case SEC_GROUP:
		buf_printf(o->b, "%s\n", s->name);
		break;
	case SEC_LEVEL:
		buf_printf(o->b, "level %s: %s (track %s%s%s)\n", s->name, or_empty(s->title),
		    s->track ? s->track : "?", s->note ? ", " : "", or_empty(s->note));
		break;
	case SEC_COMPETENCY:
		buf_printf(o->b, "competency %s: %s\n", s->name, or_empty(s->title));
		break;
	}
}

static void
text_moved(struct buf *b, const struct item *it)
{
	int other_level = strcmp(or_empty(it->old_level), or_empty(it->level)) != 0;
	int other_comp = strcmp(or_empty(it->old_competency), or_empty(it->competency)) != 0;

	buf_puts(b, "from ");
	if (other_comp)
		buf_printf(b, "competency %s%s", it->old_competency, other_level ? ", " : "");
	if (other_level)
		buf_printf(b, "level %s", it->old_level);
	if (it->new_value != NULL) {
		buf_puts(b, ": ");
		put_flat(b, it->new_value);
	}
}

static void
text_item(struct out *o, const struct section *s, const struct item *it)
{
	struct buf *b = o->b;

	buf_printf(b, "  %-9s ", it->kind);
	if (s->kind == SEC_GROUP) {
		if (it->words) {
			put_label(b, it, 0);
			text_words(b, it);
		} else {
			const char *value = it->new_value ? it->new_value : it->old_value;

			buf_puts(b, it->id);
			if (value != NULL && *value != '\0') {
				buf_puts(b, ": ");
				put_flat(b, value);
			}
		}
		buf_putc(b, '\n');
		return;
	}
	buf_puts(b, it->id);
	if (s->kind == SEC_LEVEL)
		buf_printf(b, " [%s]", it->competency);
	if (it->field != NULL)
		buf_printf(b, " %s", it->field);
	buf_puts(b, ": ");
	if (it->words)
		text_words(b, it);
	else if (strcmp(it->kind, "moved") == 0)
		text_moved(b, it);
	else
		put_flat(b, it->new_value ? it->new_value : it->old_value);
	buf_putc(b, '\n');
}

static void
text_end(struct out *o)
{
	(void)o;
}

/* Markdown, to paste into a pull request */

/* Appends s as Markdown text: punctuation that could mean something escaped. */
static void
md_text(struct buf *b, const char *s)
{
	struct buf flat = {0};
	const char *p;

	put_flat(&flat, s);
	for (p = or_empty(flat.data); *p != '\0'; p++) {
		if (strchr("\\`*_[]<>~|&#!", *p) != NULL)
			buf_putc(b, '\\');
		buf_putc(b, *p);
	}
	buf_free(&flat);
}

static void
md_words(struct buf *b, const struct item *it)
{
	struct word_diff d;
	size_t i;
	int changed = 0;

	word_diff(it->old_value, it->new_value, &d);
	for (i = 0; i < d.n; i++) {
		const struct word_run *r = &d.runs[i];

		if (i > 0)
			buf_putc(b, ' ');
		if (r->op != '=')
			buf_puts(b, r->op == '-' ? "~~" : "**");
		md_text(b, r->text);
		if (r->op != '=')
			buf_puts(b, r->op == '-' ? "~~" : "**");
		changed |= r->op != '=';
	}
	if (!changed)
		buf_puts(b, d.n ? " (white space only)" : "(white space only)");
	word_diff_free(&d);
}

static void
md_begin(struct out *o)
{
	const struct diff_view *v = o->v;

	if (v->levels) {
		buf_printf(o->b, "## From `%s` ", v->from->id);
		md_text(o->b, v->from->title);
		buf_printf(o->b, " to `%s` ", v->to->id);
		md_text(o->b, v->to->title);
		buf_putc(o->b, '\n');
		return;
	}
	buf_printf(o->b, "## Ladder changes: `%s` ", v->a->id);
	md_text(o->b, v->a->version);
	buf_puts(o->b, " \xe2\x86\x92 ");	/* → */
	if (strcmp(v->a->id, v->b->id) != 0)
		buf_printf(o->b, "`%s` ", v->b->id);
	md_text(o->b, v->b->version);
	buf_putc(o->b, '\n');
}

static void
md_section(struct out *o, const struct section *s)
{
	struct buf *b = o->b;

	switch (s->kind) {
	case SEC_GROUP:
		buf_printf(b, "\n### %s\n\n", s->heading);
		break;
	case SEC_LEVEL:
		if (o->track == NULL || s->track == NULL || strcmp(o->track, s->track) != 0) {
			if (s->track != NULL) {
				buf_printf(b, "\n### Track `%s`", s->track);
				if (s->track_title != NULL) {
					buf_puts(b, ": ");
					md_text(b, s->track_title);
				}
				buf_putc(b, '\n');
			} else
				buf_puts(b, "\n### Other levels\n");
			o->track = s->track;
		}
		buf_printf(b, "\n#### `%s` ", s->name);
		md_text(b, s->title);
		if (s->note != NULL)
			buf_printf(b, " (%s)", s->note);
		buf_puts(b, "\n\n");
		break;
	case SEC_COMPETENCY:
		buf_puts(b, "\n### ");
		md_text(b, s->title);
		buf_printf(b, " (`%s`)\n\n", s->name);
		break;
	}
}

static void
md_item(struct out *o, const struct section *s, const struct item *it)
{
	struct buf *b = o->b;
	int struck = strcmp(it->kind, "removed") == 0 || strcmp(it->kind, "unlisted") == 0;
	const char *value = it->new_value ? it->new_value : it->old_value;

	buf_printf(b, "- **%s** ", it->kind);
	if (s->kind == SEC_GROUP && it->words) {
		put_label(b, it, 1);
		md_words(b, it);
		buf_putc(b, '\n');
		return;
	}
	buf_printf(b, "`%s`", it->id);
	if (s->kind == SEC_LEVEL) {
		buf_puts(b, " (");
		md_text(b, it->competency_title);
		buf_putc(b, ')');
	}
	if (it->field != NULL) {
		buf_putc(b, ' ');
		md_text(b, it->field);
	}
	if (it->words) {
		buf_puts(b, ": ");
		md_words(b, it);
	} else if (strcmp(it->kind, "moved") == 0) {
		int other_level = strcmp(or_empty(it->old_level), or_empty(it->level)) != 0;
		int other_comp = strcmp(or_empty(it->old_competency),
		    or_empty(it->competency)) != 0;

		buf_puts(b, ": from ");
		if (other_comp)
			buf_printf(b, "competency `%s`%s", it->old_competency,
			    other_level ? ", " : "");
		if (other_level)
			buf_printf(b, "level `%s`", it->old_level);
		if (it->new_value != NULL) {
			buf_puts(b, ": ");
			md_text(b, it->new_value);
		}
	} else if (value != NULL && *value != '\0') {
		buf_puts(b, ": ");
		if (struck)
			buf_puts(b, "~~");
		md_text(b, value);
		if (struck)
			buf_puts(b, "~~");
	}
	buf_putc(b, '\n');
}

static void
md_end(struct out *o)
{
	(void)o;
}

/* JSON (json_text.h's writer; a missing value is null) */

static void
jstr(struct jw *w, const char *key, const char *s)
{
	jw_key(w, key);
	jw_string(w, s);
}

static void
ladder_json(struct jw *w, const char *key, const struct model *m)
{
	jw_key(w, key);
	jw_object_begin(w);
	jstr(w, "id", m->id);
	jstr(w, "title", m->title);
	jstr(w, "version", m->version);
	jw_object_end(w);
}

static void
level_json(struct jw *w, const char *key, const struct model_level *l)
{
	jw_key(w, key);
	jw_object_begin(w);
	jstr(w, "id", l->id);
	jstr(w, "title", l->title);
	jstr(w, "track", l->track_id);
	jw_object_end(w);
}

static void
json_begin(struct out *o)
{
	const struct diff_view *v = o->v;

	jw_init(&o->w, o->b, 17);
	jw_object_begin(&o->w);
	if (v->levels) {
		ladder_json(&o->w, "ladder", v->a);
		level_json(&o->w, "from", v->from);
		level_json(&o->w, "to", v->to);
	} else {
		ladder_json(&o->w, "old", v->a);
		ladder_json(&o->w, "new", v->b);
	}
	jw_key(&o->w, v->levels ? "expectations" : "changes");
	jw_array_begin(&o->w);
}

static void
json_section(struct out *o, const struct section *s)
{
	(void)o;
	(void)s;
}

static void
json_item(struct out *o, const struct section *s, const struct item *it)
{
	struct jw *w = &o->w;

	(void)s;
	jw_object_begin(w);
	jstr(w, "kind", it->kind);
	jstr(w, "node", it->node);
	jstr(w, "id", it->id);
	jstr(w, "field", it->field);
	jstr(w, "track", it->track);
	jstr(w, "level", it->level);
	jstr(w, "competency", it->competency);
	jstr(w, "old_level", it->old_level);
	jstr(w, "old_competency", it->old_competency);
	jstr(w, "old", it->old_value);
	jstr(w, "new", it->new_value);
	jw_object_end(w);
}

static void
json_end(struct out *o)
{
	jw_array_end(&o->w);
	jw_object_end(&o->w);
	buf_putc(o->b, '\n');
}

/* ---- HTML (egf serve's pages): a list per section, escaped ---- */

static void
html_begin(struct out *o)
{
	buf_puts(o->b, "<div class=\"diff\">\n");
}

static void
html_section(struct out *o, const struct section *s)
{
	if (o->nsections++ > 0)
		buf_puts(o->b, "</ul>\n");
	html_wrap(o->b, "<h3>", s->title ? s->title : s->name, "</h3>\n<ul class=\"expectations\">\n");
}

static void
html_item(struct out *o, const struct section *s, const struct item *it)
{
	const char *value = it->new_value ? it->new_value : it->old_value;

	/* The site's classes: new expectations stand out, kept ones are muted. */
	const char *cls = strcmp(it->kind, "new") == 0 ? "new" :
	    strcmp(it->kind, "kept") == 0 ? "same" : "unlisted";

	(void)s;
	buf_printf(o->b, "<li class=\"%s\"><span class=\"badge %s\">%s</span> ", cls, cls,
	    it->kind);
	html_escape(o->b, value ? value : it->id);
	buf_puts(o->b, "</li>\n");
}

static void
html_end(struct out *o)
{
	buf_puts(o->b, o->nsections > 0 ? "</ul>\n</div>\n" : "</div>\n");
}

static const struct backend backends[] = {
	[DIFF_TEXT] = { text_begin, text_section, text_item, text_end },
	[DIFF_MD] = { md_begin, md_section, md_item, md_end },
	[DIFF_JSON] = { json_begin, json_section, json_item, json_end },
	[DIFF_HTML] = { html_begin, html_section, html_item, html_end },
};

void
diff_view_render(const struct diff_view *v, enum diff_format fmt, struct buf *out)
{
	const struct backend *be = &backends[fmt];
	struct out o;
	size_t i, j;

	if (fmt != DIFF_JSON && !v->levels && v->nchanges == 0)
		return;
	memset(&o, 0, sizeof(o));
	o.v = v;
	o.b = out;
	be->begin(&o);
	for (i = 0; i < v->n; i++) {
		const struct section *s = &v->sections[i];

		if (s->n == 0)
			continue;
		be->section(&o, s);
		for (j = 0; j < s->n; j++)
			be->item(&o, s, &s->items[j]);
	}
	be->end(&o);
}
