/*
 * ladder_validate.c: the checks of docs/diagnostics.md that need the whole model:
 * identifiers, duplicates, references between ladder.md and the competency
 * files, sections per level, repeated text.
 */
#include "ladder.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "strmap.h"
#include "util.h"

struct validator {
	struct model *m;
	const char *dir;
	const char *xml_path;
	const struct ladder_origin *origin;	/* a ladder in memory: where to report */
	struct diag_list *dl;
};

/* The path of a model position as the user knows it; the caller frees it. */
static char *
display_path(const struct validator *v, struct model_pos pos)
{
	if (pos.file == NULL)
		return xstrdup(v->xml_path ? v->xml_path : v->dir);
	return path_join(v->dir, pos.file);
}

/*
 * Where to report pos: the file (the caller frees it), *line and *col; a
 * ladder in memory maps it to the text it was made from.
 */
static char *
locate(const struct validator *v, struct model_pos pos, unsigned *line, unsigned *col)
{
	*line = pos.line;
	*col = pos.col;
	if (v->origin != NULL && pos.file != NULL)
		return v->origin->map(v->origin->arg, pos.file, line, col);
	return display_path(v, pos);
}

/* A position for a message, "file:line:col" ("file" for a whole file); the caller frees it. */
static char *
position_text(const struct validator *v, struct model_pos pos)
{
	unsigned line, col;
	char *file = locate(v, pos, &line, &col), *text;

	if (v->origin != NULL && line == 0)
		return file;
	text = xasprintf("%s:%u:%u", file, line, col);
	free(file);
	return text;
}

static void
report(const struct validator *v, enum diag_code code, struct model_pos pos,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
report(const struct validator *v, enum diag_code code, struct model_pos pos,
    const char *fmt, ...)
{
	struct buf msg = {0};
	va_list ap;
	char *where, *text;
	unsigned line, col;

	va_start(ap, fmt);
	text = xvasprintf(fmt, ap);
	va_end(ap);
	buf_puts(&msg, text);
	free(text);
	where = locate(v, pos, &line, &col);
	if (v->xml_path != NULL) {
		if (pos.line > 0)
			buf_printf(&msg, " (from %s:%u:%u)", where, pos.line, pos.col);
		diag_add(v->dl, code, v->xml_path, 0, 0, "%s", msg.data);
	} else
		diag_add(v->dl, code, where, line, line ? col : 0, "%s", msg.data);
	free(where);
	buf_free(&msg);
}

/* [a-z0-9][a-z0-9._-]*, or with upper case too for level ids. */
static int
valid_id(const char *id, int upper_ok)
{
	const unsigned char *p = (const unsigned char *)id;

	if (!(islower(*p) || isdigit(*p) || (upper_ok && isupper(*p))))
		return 0;
	for (p++; *p != '\0'; p++)
		if (!(islower(*p) || isdigit(*p) || (upper_ok && isupper(*p)) ||
		    *p == '.' || *p == '_' || *p == '-'))
			return 0;
	return 1;
}

static void
check_id(const struct validator *v, const char *kind, const char *id,
    struct model_pos pos, int upper_ok)
{
	if (id != NULL && !valid_id(id, upper_ok))
		report(v, DIAG_BAD_ID, pos, "%s id '%s' does not match %s", kind, id,
		    upper_ok ? "[A-Za-z0-9][A-Za-z0-9._-]*" : "[a-z0-9][a-z0-9._-]*");
}

/* Records id in seen; reports [duplicate-id] naming the first definition. */
static void
check_unique(const struct validator *v, struct strmap *seen, const char *kind,
    const char *id, const struct model_pos *pos)
{
	const struct model_pos *first;
	char *where;

	if (id == NULL || (first = strmap_put(seen, id, (void *)pos)) == NULL)
		return;
	where = position_text(v, *first);
	report(v, DIAG_DUPLICATE_ID, *pos, "duplicate %s id '%s' (first defined at %s)",
	    kind, id, where);
	free(where);
}

/* A track's `from:` names a level of another track, and following them ends. */
static void
check_fork(const struct validator *v, const struct model_track *t)
{
	const struct model *m = v->m;
	const struct model_track *k = t;
	size_t steps;

	if (t->from_id == NULL)
		return;
	if (t->from == NULL) {
		report(v, DIAG_UNKNOWN_LEVEL, t->from_pos, "unknown level '%s'", t->from_id);
		return;
	}
	if (t->from->track == NULL)
		return;		/* its unknown track is reported with the level */
	if (t->from->track == t) {
		report(v, DIAG_BAD_VALUE, t->from_pos,
		    "track '%s' cannot branch off its own level '%s'", t->id ? t->id : "",
		    t->from_id);
		return;
	}
	for (steps = 0; k != NULL && k->from != NULL && steps <= m->ntracks; steps++)
		k = k->from->track;
	if (steps > m->ntracks)
		report(v, DIAG_BAD_VALUE, t->from_pos,
		    "track '%s' branches off in a circle (through level '%s')",
		    t->id ? t->id : "", t->from_id);
}

static void
check_ladder(const struct validator *v)
{
	const struct model *m = v->m;
	struct strmap *seen;
	size_t i;

	check_id(v, "ladder", m->id, m->id_pos, 0);

	seen = strmap_new();
	for (i = 0; i < m->nscale; i++) {
		const struct model_scale_point *p = m->scale[i];

		check_id(v, "scale", p->id, p->pos, 0);
		check_unique(v, seen, "scale", p->id, &p->pos);
		if (i > 0 && p->value <= m->scale[i - 1]->value)
			report(v, DIAG_BAD_VALUE, p->pos,
			    "scale value %ld of '%s' is not above the one before (%ld)",
			    p->value, p->id ? p->id : "", m->scale[i - 1]->value);
	}
	strmap_free(seen);
	if (m->meets != NULL && model_scale_point(m, m->meets) == NULL)
		report(v, DIAG_BAD_VALUE, m->meets_pos, "meets '%s' is not a scale id", m->meets);

	seen = strmap_new();
	for (i = 0; i < m->ntracks; i++) {
		check_id(v, "track", m->tracks[i]->id, m->tracks[i]->pos, 0);
		check_unique(v, seen, "track", m->tracks[i]->id, &m->tracks[i]->pos);
	}
	strmap_free(seen);
	for (i = 0; i < m->ntracks; i++)
		check_fork(v, m->tracks[i]);

	seen = strmap_new();
	for (i = 0; i < m->nlevels; i++) {
		const struct model_level *l = m->levels[i];

		check_id(v, "level", l->id, l->pos, 1);
		check_unique(v, seen, "level", l->id, &l->pos);
		if (l->track_id != NULL && l->track == NULL)
			report(v, DIAG_UNKNOWN_TRACK, l->track_pos, "unknown track '%s'", l->track_id);
	}
	strmap_free(seen);

	for (i = 0; i < m->nrequired; i++)
		if (model_competency(m, m->required[i]) == NULL)
			report(v, DIAG_UNKNOWN_COMPETENCY, m->required_pos[i],
			    "required competency '%s' does not exist", m->required[i]);
}

static void
check_competency_meta(const struct validator *v, const struct model_competency *c)
{
	const struct model *m = v->m;
	size_t i, j;

	for (i = 0; i < c->ntracks; i++) {
		if (model_track(m, c->track_ids[i]) == NULL)
			report(v, DIAG_UNKNOWN_TRACK, c->track_pos[i], "unknown track '%s'",
			    c->track_ids[i]);
		for (j = 0; j < i && c->track_pos[i].file != NULL; j++)
			if (strcmp(c->track_ids[i], c->track_ids[j]) == 0)
				report(v, DIAG_DUPLICATE_ID, c->track_pos[i],
				    "track '%s' is listed twice", c->track_ids[i]);
	}
	for (i = 0; i < c->nfrom; i++) {
		const struct model_level *l = model_level(m, c->from_ids[i]);

		if (l == NULL) {
			report(v, DIAG_UNKNOWN_LEVEL, c->from_pos[i], "unknown level '%s'",
			    c->from_ids[i]);
			continue;
		}
		if (l->track_id == NULL || !model_has_track(c, l->track_id))
			report(v, DIAG_TRACK_MISMATCH, c->from_pos[i],
			    "from level '%s' is in track '%s', which this competency is not in",
			    l->id, l->track_id ? l->track_id : "");
		for (j = 0; j < i; j++) {
			const struct model_level *k = model_level(m, c->from_ids[j]);

			if (k != NULL && k->track == l->track)
				report(v, DIAG_BAD_VALUE, c->from_pos[i],
				    "two first levels for track '%s'", l->track_id);
		}
	}
}

/* Checks a level named by a section or an expectation; 1 when it applies. */
static int
check_level_ref(const struct validator *v, const struct model_competency *c,
    const char *level_id, struct model_pos pos)
{
	const struct model *m = v->m;
	const struct model_level *l = model_level(m, level_id);

	if (l == NULL) {
		report(v, DIAG_UNKNOWN_LEVEL, pos, "unknown level '%s'", level_id);
		return 0;
	}
	if (l->track_id == NULL || !model_has_track(c, l->track_id)) {
		report(v, DIAG_TRACK_MISMATCH, pos,
		    "level '%s' is in track '%s', which competency '%s' is not in",
		    l->id, l->track_id ? l->track_id : "", c->id ? c->id : "");
		return 0;
	}
	if (!model_applies(m, c, l)) {
		report(v, DIAG_TRACK_MISMATCH, pos,
		    "level '%s' is below the first level this competency applies to", l->id);
		return 0;
	}
	return 1;
}

static int
any_expectation_at(const struct model_competency *c, const char *level_id)
{
	size_t i;

	for (i = 0; i < c->nexpectations; i++)
		if (strcmp(c->expectations[i]->level_id, level_id) == 0)
			return 1;
	return 0;
}

static void
check_sections(const struct validator *v, const struct model_competency *c)
{
	const struct model *m = v->m;
	struct strmap *seen = strmap_new();
	size_t i;

	for (i = 0; i < c->nsections; i++) {
		const struct model_section *s = &c->sections[i];

		check_level_ref(v, c, s->level_id, s->pos);
		check_unique(v, seen, "section for level", s->level_id, &s->pos);
		if (s->nexpectations == 0)
			report(v, DIAG_EMPTY_LEVEL, s->pos, "level '%s' has no expectations",
			    s->level_id);
	}
	if (c->nsections == 0)
		for (i = 0; i < c->nexpectations; i++)
			check_level_ref(v, c, c->expectations[i]->level_id, c->expectations[i]->pos);
	for (i = 0; i < m->nlevels; i++) {
		const struct model_level *l = m->levels[i];

		if (l->id == NULL || model_level(m, l->id) != l || !model_applies(m, c, l))
			continue;	/* unnamed, a duplicate, or not for this competency */
		if (c->nsections > 0 ? strmap_get(seen, l->id) == NULL :
		    !any_expectation_at(c, l->id))
			report(v, DIAG_MISSING_LEVEL, c->pos,
			    "competency '%s' has no section for level '%s'",
			    c->id ? c->id : "", l->id);
	}
	strmap_free(seen);
}

/*
 * Text folded for comparison: ASCII lower case, runs of white space as one
 * space, none at the ends. The result is never longer than the text.
 */
static char *
fold_text(const char *text)
{
	char *out = xmalloc(strlen(text) + 1), *o = out;
	int space = 0;

	for (; *text != '\0'; text++) {
		unsigned char ch = (unsigned char)*text;

		if (ch == ' ' || (ch >= '\t' && ch <= '\r')) {
			space = o > out;
			continue;
		}
		if (space)
			*o++ = ' ';
		space = 0;
		*o++ = (char)(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
	}
	*o = '\0';
	return out;
}

/* 1 when a person may hold both levels: one track, or one is on the other's career. */
static int
one_career(const struct model *m, const struct model_level *a, const struct model_level *b)
{
	return a->track == b->track || model_in_career(m, a->track, b) ||
	    model_in_career(m, b->track, a);
}

static void
check_expectations(const struct validator *v, const struct model_competency *c,
    struct strmap *ids)
{
	struct strmap *texts = strmap_new(), *by_track = strmap_new();
	char **folded = xcalloc(c->nexpectations ? c->nexpectations : 1, sizeof(*folded));
	char **keyed = xcalloc(c->nexpectations ? c->nexpectations : 1, sizeof(*keyed));
	size_t i;

	for (i = 0; i < c->nexpectations; i++) {
		const struct model_expectation *e = c->expectations[i];
		const struct model_expectation *first;

		if (e->explicit_id)
			check_id(v, "expectation", e->id, e->id_pos, 0);
		check_unique(v, ids, "expectation", e->id, &e->id_pos);
		folded[i] = fold_text(e->text);
		if (*folded[i] == '\0')
			continue;
		/*
		 * Repeats count along a career, a track with the trunk it branches
		 * off (separate tracks may share text on purpose): texts holds the
		 * first of each text, by_track the first per track and text; an
		 * unresolved level compares with any.
		 */
		first = strmap_put(texts, folded[i], (void *)e);
		if (e->level != NULL && e->level->track_id != NULL) {
			const struct model_expectation *same;
			size_t tl = strlen(e->level->track_id), fl = strlen(folded[i]);

			/* "track\x1ftext", copied rather than printed: a ladder has thousands */
			keyed[i] = xmalloc(tl + fl + 2);
			memcpy(keyed[i], e->level->track_id, tl);
			keyed[i][tl] = '\x1f';
			memcpy(keyed[i] + tl + 1, folded[i], fl + 1);
			same = strmap_put(by_track, keyed[i], (void *)e);
			if (first != NULL && first->level != NULL && !one_career(v->m, first->level,
			    e->level))
				first = same;
		}
		if (v->m->cumulative && first != NULL && strcmp(first->level_id, e->level_id) != 0) {
			char *where = position_text(v, first->pos);

			report(v, DIAG_REPEATED_TEXT, e->pos,
			    "same text as expectation '%s' at level '%s' (%s)",
			    first->id ? first->id : "", first->level_id, where);
			free(where);
		}
	}
	strmap_free(texts);
	strmap_free(by_track);
	for (i = 0; i < c->nexpectations; i++) {
		free(folded[i]);
		free(keyed[i]);
	}
	free(folded);
	free(keyed);
}

void
ladder_validate(struct model *m, const char *dir, const char *xml_path,
    const struct ladder_origin *origin, int head_ok, struct diag_list *dl)
{
	struct validator v = { m, dir, xml_path, origin, dl };
	struct strmap *competency_ids = strmap_new();
	struct strmap *expectation_ids = strmap_new();
	size_t i;

	model_resolve(m);
	if (head_ok >= 1)
		check_ladder(&v);
	for (i = 0; i < m->ncompetencies; i++) {
		const struct model_competency *c = m->competencies[i];

		check_id(&v, "competency", c->id, c->id_pos, 0);
		check_unique(&v, competency_ids, "competency", c->id, &c->id_pos);
		check_expectations(&v, c, expectation_ids);
		if (head_ok < 2)
			continue;	/* its tracks and levels are not known well enough */
		check_competency_meta(&v, c);
		check_sections(&v, c);
	}
	strmap_free(competency_ids);
	strmap_free(expectation_ids);
}
