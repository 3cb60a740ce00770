/* model.c: building and querying the ladder model. */
#include "model.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "strmap.h"
#include "util.h"

struct model *
model_new(void)
{
	struct model *m = xcalloc(1, sizeof(*m));

	m->arena = arena_new();
	m->cumulative = 1;
	return m;
}

void
model_free(struct model *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->ncompetencies; i++) {
		free(m->competencies[i]->expectations);
		free(m->competencies[i]->sections);
	}
	free(m->scale);
	free(m->required);
	free(m->required_pos);
	free(m->activity_terms);
	free(m->tracks);
	free(m->levels);
	free(m->areas);
	free(m->competencies);
	strmap_free(m->expectation_index);
	strmap_free(m->level_index);
	strmap_free(m->track_index);
	strmap_free(m->competency_index);
	arena_free(m->arena);
	free(m);
}

const char *
model_strdup(struct model *m, const char *s)
{
	return arena_strdup(m->arena, s);
}

const char *
model_strndup(struct model *m, const char *s, size_t n)
{
	return arena_strndup(m->arena, s, n);
}

/* Appends a zeroed node of size bytes to a pointer array. */
static void *
append_node(struct model *m, void ***array, size_t *len, size_t *cap, size_t size)
{
	void *node = arena_alloc(m->arena, size);

	xgrow((void **)array, cap, *len + 1, sizeof(void *));
	(*array)[(*len)++] = node;
	return node;
}

struct model_scale_point *
model_add_scale_point(struct model *m)
{
	return append_node(m, (void ***)&m->scale, &m->nscale, &m->scale_cap,
	    sizeof(struct model_scale_point));
}

struct model_track *
model_add_track(struct model *m)
{
	return append_node(m, (void ***)&m->tracks, &m->ntracks, &m->tracks_cap,
	    sizeof(struct model_track));
}

struct model_level *
model_add_level(struct model *m)
{
	struct model_level *l = append_node(m, (void ***)&m->levels, &m->nlevels,
	    &m->levels_cap, sizeof(struct model_level));

	l->index = m->nlevels - 1;
	return l;
}

struct model_competency *
model_add_competency(struct model *m)
{
	return append_node(m, (void ***)&m->competencies, &m->ncompetencies,
	    &m->competencies_cap, sizeof(struct model_competency));
}

struct model_expectation *
model_add_expectation(struct model *m, struct model_competency *c)
{
	struct model_expectation *e = append_node(m, (void ***)&c->expectations,
	    &c->nexpectations, &c->expectations_cap, sizeof(struct model_expectation));

	e->competency = c;
	m->nexpectations++;
	return e;
}

struct model_section *
model_add_section(struct model *m, struct model_competency *c)
{
	(void)m;
	xgrow((void **)&c->sections, &c->sections_cap, c->nsections + 1, sizeof(*c->sections));
	memset(&c->sections[c->nsections], 0, sizeof(*c->sections));
	return &c->sections[c->nsections++];
}

void
model_add_required(struct model *m, const char *id, struct model_pos pos)
{
	size_t cap = m->required_cap;

	xgrow((void **)&m->required, &m->required_cap, m->nrequired + 1, sizeof(*m->required));
	xgrow((void **)&m->required_pos, &cap, m->nrequired + 1, sizeof(*m->required_pos));
	m->required[m->nrequired] = model_strdup(m, id);
	m->required_pos[m->nrequired] = pos;
	m->nrequired++;
}

void
model_add_activity_term(struct model *m, const char *term)
{
	xgrow((void **)&m->activity_terms, &m->activity_terms_cap, m->nactivity_terms + 1,
	    sizeof(*m->activity_terms));
	m->activity_terms[m->nactivity_terms++] = model_strdup(m, term);
}

void
model_set_tracks(struct model *m, struct model_competency *c, const char **ids,
    const struct model_pos *pos, size_t n)
{
	size_t i;

	c->track_ids = arena_alloc(m->arena, sizeof(*c->track_ids) * (n ? n : 1));
	c->track_pos = arena_alloc(m->arena, sizeof(*c->track_pos) * (n ? n : 1));
	for (i = 0; i < n; i++) {
		c->track_ids[i] = model_strdup(m, ids[i]);
		c->track_pos[i] = pos[i];
	}
	c->ntracks = n;
}

void
model_add_from(struct model *m, struct model_competency *c, const char *id, struct model_pos pos)
{
	const char **ids = arena_alloc(m->arena, sizeof(*ids) * (c->nfrom + 1));
	struct model_pos *p = arena_alloc(m->arena, sizeof(*p) * (c->nfrom + 1));

	if (c->nfrom) {
		memcpy(ids, c->from_ids, sizeof(*ids) * c->nfrom);
		memcpy(p, c->from_pos, sizeof(*p) * c->nfrom);
	}
	ids[c->nfrom] = model_strdup(m, id);
	p[c->nfrom] = pos;
	c->from_ids = ids;
	c->from_pos = p;
	c->nfrom++;
}

void
model_add_example(struct model *m, struct model_expectation *e, const char *text,
    const char *html, struct model_pos pos)
{
	struct model_example *x = arena_alloc(m->arena, sizeof(*x) * (e->nexamples + 1));

	if (e->nexamples)
		memcpy(x, e->examples, sizeof(*x) * e->nexamples);
	x[e->nexamples].text = model_strdup(m, text);
	x[e->nexamples].html = model_strdup(m, html);
	x[e->nexamples].pos = pos;
	e->examples = x;
	e->nexamples++;
}

void
model_add_attr(struct model *m, struct model_expectation *e, const char *name,
    const char *value)
{
	struct model_attr *a = arena_alloc(m->arena, sizeof(*a) * (e->nattrs + 1));

	if (e->nattrs)
		memcpy(a, e->attrs, sizeof(*a) * e->nattrs);
	a[e->nattrs].name = model_strdup(m, name);
	a[e->nattrs].value = model_strdup(m, value);
	e->attrs = a;
	e->nattrs++;
}

struct model_check *
model_add_check(struct model *m, const char *name)
{
	struct model_check *c = arena_alloc(m->arena, sizeof(*c) * (m->nchecks + 1));

	if (m->nchecks)
		memcpy(c, m->checks, sizeof(*c) * m->nchecks);
	m->checks = c;
	c = &m->checks[m->nchecks++];
	memset(c, 0, sizeof(*c));
	c->name = model_strdup(m, name);
	c->code = -1;
	c->level = -1;
	return c;
}

/* Competencies with `order:` first, by it; ties and the others by file name. */
static int
competency_cmp(const void *a, const void *b)
{
	const struct model_competency *x = *(const struct model_competency *const *)a;
	const struct model_competency *y = *(const struct model_competency *const *)b;

	if (x->has_order != y->has_order)
		return x->has_order ? -1 : 1;
	if (x->has_order && x->order != y->order)
		return x->order < y->order ? -1 : 1;
	if (x->pos.file != NULL && y->pos.file != NULL) {
		int c = strcmp(x->pos.file, y->pos.file);

		if (c != 0)
			return c;
	}
	return x < y ? -1 : x > y;	/* arena order: the order they were added */
}

void
model_sort_competencies(struct model *m)
{
	size_t i;

	for (i = 1; i < m->ncompetencies; i++)
		if (competency_cmp(&m->competencies[i - 1], &m->competencies[i]) > 0)
			break;
	if (i < m->ncompetencies)
		qsort(m->competencies, m->ncompetencies, sizeof(*m->competencies),
		    competency_cmp);
}

void
model_display_order(const struct model *m, const struct model_competency **out)
{
	size_t i, j, n = 0;

	for (i = 0; i < m->ncompetencies; i++) {
		const struct model_competency *c = m->competencies[i];

		if (c->area == NULL) {
			out[n++] = c;
			continue;
		}
		for (j = 0; j < i; j++)
			if (m->competencies[j]->area != NULL &&
			    strcmp(m->competencies[j]->area, c->area) == 0)
				break;
		if (j < i)
			continue;	/* its area was listed with the first of it */
		for (j = i; j < m->ncompetencies; j++)
			if (m->competencies[j]->area != NULL &&
			    strcmp(m->competencies[j]->area, c->area) == 0)
				out[n++] = m->competencies[j];
	}
}

static void
resolve_areas(struct model *m)
{
	size_t i, j;

	m->nareas = 0;
	for (i = 0; i < m->ncompetencies; i++) {
		const char *area = m->competencies[i]->area;

		if (area == NULL)
			continue;
		for (j = 0; j < m->nareas; j++)
			if (strcmp(m->areas[j], area) == 0)
				break;
		if (j < m->nareas)
			continue;
		xgrow((void **)&m->areas, &m->areas_cap, m->nareas + 1, sizeof(*m->areas));
		m->areas[m->nareas++] = area;
	}
}

/* Indexes ids for the lookups: the first definition of an id wins. */
static struct strmap *
index_ids(void **nodes, size_t n, size_t id_offset)
{
	struct strmap *map = strmap_new();
	size_t i;

	for (i = 0; i < n; i++) {
		const char *id = *(const char **)((char *)nodes[i] + id_offset);

		if (id != NULL)
			strmap_put(map, id, nodes[i]);
	}
	return map;
}

/* Each level's position within its track, counting levels of one track in order. */
static void
resolve_ranks(struct model *m)
{
	struct strmap *counts = strmap_new();
	size_t *slots = xcalloc(m->ntracks + 1, sizeof(*slots));
	size_t i, used = 0;

	for (i = 0; i < m->nlevels; i++) {
		struct model_level *l = m->levels[i];
		size_t *count;

		l->index = i;
		l->track = l->track_id ? model_track(m, l->track_id) : NULL;
		l->rank = 0;
		if (l->track == NULL)
			continue;
		if ((count = strmap_get(counts, l->track->id)) == NULL) {
			count = &slots[used++];
			strmap_put(counts, l->track->id, count);
		}
		l->rank = (*count)++;
	}
	free(slots);
	strmap_free(counts);
}

void
model_resolve(struct model *m)
{
	size_t i, j;

	strmap_free(m->track_index);
	strmap_free(m->level_index);
	strmap_free(m->competency_index);
	m->track_index = index_ids((void **)m->tracks, m->ntracks,
	    offsetof(struct model_track, id));
	m->level_index = index_ids((void **)m->levels, m->nlevels,
	    offsetof(struct model_level, id));
	m->competency_index = index_ids((void **)m->competencies, m->ncompetencies,
	    offsetof(struct model_competency, id));
	resolve_ranks(m);
	for (i = 0; i < m->ntracks; i++)
		m->tracks[i]->from = m->tracks[i]->from_id ?
		    model_level(m, m->tracks[i]->from_id) : NULL;
	strmap_free(m->expectation_index);
	m->expectation_index = strmap_new();
	for (i = 0; i < m->ncompetencies; i++) {
		struct model_competency *c = m->competencies[i];

		for (j = 0; j < c->nexpectations; j++) {
			struct model_expectation *e = c->expectations[j];

			e->level = e->level_id ? model_level(m, e->level_id) : NULL;
			if (e->id != NULL)
				strmap_put(m->expectation_index, e->id, e);
		}
	}
	resolve_areas(m);
}

const struct model_track *
model_track(const struct model *m, const char *id)
{
	size_t i;

	if (m->track_index != NULL)
		return strmap_get(m->track_index, id);
	for (i = 0; i < m->ntracks; i++)
		if (m->tracks[i]->id && strcmp(m->tracks[i]->id, id) == 0)
			return m->tracks[i];
	return NULL;
}

const struct model_level *
model_level(const struct model *m, const char *id)
{
	size_t i;

	if (m->level_index != NULL)
		return strmap_get(m->level_index, id);
	for (i = 0; i < m->nlevels; i++)
		if (m->levels[i]->id && strcmp(m->levels[i]->id, id) == 0)
			return m->levels[i];
	return NULL;
}

const struct model_competency *
model_competency(const struct model *m, const char *id)
{
	size_t i;

	if (m->competency_index != NULL)
		return strmap_get(m->competency_index, id);
	for (i = 0; i < m->ncompetencies; i++)
		if (m->competencies[i]->id && strcmp(m->competencies[i]->id, id) == 0)
			return m->competencies[i];
	return NULL;
}

const struct model_expectation *
model_expectation(const struct model *m, const char *id)
{
	return m->expectation_index ? strmap_get(m->expectation_index, id) : NULL;
}

const struct model_scale_point *
model_scale_point(const struct model *m, const char *id)
{
	size_t i;

	for (i = 0; i < m->nscale; i++)
		if (m->scale[i]->id && strcmp(m->scale[i]->id, id) == 0)
			return m->scale[i];
	return NULL;
}

/* Parses a whole decimal integer; 1 on success. */
static int
parse_long(const char *s, long *out)
{
	char *end;

	if (*s == '\0')
		return 0;
	*out = strtol(s, &end, 10);
	return *end == '\0';
}

const struct model_scale_point *
model_scale_lookup(const struct model *m, const char *rating)
{
	const struct model_scale_point *p;
	size_t i;
	long value;

	if ((p = model_scale_point(m, rating)) != NULL)
		return p;
	for (i = 0; i < m->nscale; i++)
		if (m->scale[i]->label && strcasecmp(m->scale[i]->label, rating) == 0)
			return m->scale[i];
	if (parse_long(rating, &value))
		for (i = 0; i < m->nscale; i++)
			if (m->scale[i]->value == value)
				return m->scale[i];
	return NULL;
}

const struct model_level *
model_next_level(const struct model *m, const struct model_level *l)
{
	size_t i;

	for (i = l->index + 1; i < m->nlevels; i++)
		if (m->levels[i]->track == l->track)
			return m->levels[i];
	return NULL;
}

/* Appends t's career to out[*n...]; depth guards against a cycle of `from:`. */
static void
career_of(const struct model *m, const struct model_track *t, const struct model_level **out,
    size_t max, size_t *n, size_t depth)
{
	size_t i;

	if (t == NULL || depth > m->ntracks)
		return;
	if (t->from != NULL && t->from->track != NULL && t->from->track != t) {
		size_t start = *n;

		career_of(m, t->from->track, out, max, n, depth + 1);
		/* Cut the trunk after the level the track branches off at. */
		for (i = start; i < *n && i < max; i++)
			if (out[i] == t->from) {
				*n = i + 1;
				break;
			}
	}
	for (i = 0; i < m->nlevels; i++)
		if (m->levels[i]->track == t) {
			if (*n < max)
				out[*n] = m->levels[i];
			(*n)++;
		}
}

size_t
model_career(const struct model *m, const struct model_track *t,
    const struct model_level **out, size_t max)
{
	size_t n = 0;

	career_of(m, t, out, max, &n, 0);
	return n;
}

/* The index of l in t's career, or -1. */
static long
career_index(const struct model *m, const struct model_track *t, const struct model_level *l,
    const struct model_level ***levels, size_t *n)
{
	size_t i, cap = m->nlevels * (m->ntracks + 1) + 1;

	*levels = xcalloc(cap, sizeof(**levels));
	*n = model_career(m, t, *levels, cap);
	if (*n > cap)
		*n = cap;
	for (i = 0; i < *n; i++)
		if ((*levels)[i] == l)
			return (long)i;
	return -1;
}

int
model_in_career(const struct model *m, const struct model_track *t,
    const struct model_level *l)
{
	const struct model_level **levels;
	size_t n;
	long i;

	if (t == NULL || l == NULL)
		return 0;
	if (l->track == t)
		return 1;
	i = career_index(m, t, l, &levels, &n);
	free(levels);
	return i >= 0;
}

const struct model_level *
model_next_level_on(const struct model *m, const struct model_track *t,
    const struct model_level *l)
{
	const struct model_level **levels, *next = NULL;
	size_t n;
	long i;

	if (t == NULL)
		t = l->track;
	if (t == NULL)
		return NULL;
	i = career_index(m, t, l, &levels, &n);
	if (i >= 0 && (size_t)i + 1 < n)
		next = levels[i + 1];
	free(levels);
	return next;
}

int
model_has_track(const struct model_competency *c, const char *track_id)
{
	size_t i;

	for (i = 0; i < c->ntracks; i++)
		if (strcmp(c->track_ids[i], track_id) == 0)
			return 1;
	return 0;
}

size_t
model_from_rank(const struct model *m, const struct model_competency *c, const char *track_id)
{
	size_t i;

	for (i = 0; i < c->nfrom; i++) {
		const struct model_level *l = model_level(m, c->from_ids[i]);

		if (l != NULL && l->track_id && strcmp(l->track_id, track_id) == 0)
			return l->rank;
	}
	return 0;
}

int
model_applies(const struct model *m, const struct model_competency *c,
    const struct model_level *l)
{
	if (l->track_id == NULL || !model_has_track(c, l->track_id))
		return 0;
	return l->rank >= model_from_rank(m, c, l->track_id);
}
