/* cycle_load.c: loading a cycle's assessments. */
#include "cycle.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "evidence.h"
#include "util.h"

struct loader {
	struct cycle *c;
	struct store *st;
	int flags;
	int failed;
	struct cycle_person *cur;	/* the person rows are arriving for */
	long long cur_assessment;
	int skip_person;		/* its ladder could not be read */
};

/* Starts a person when the first rating of one of their assessments arrives. */
static struct cycle_person *
begin_person(struct loader *ld, const struct store_rating_row *row)
{
	struct cycle *c = ld->c;
	struct cycle_person *p;
	int got;

	xgrow((void **)&c->people, &c->cap, c->n + 1, sizeof(*c->people));
	p = &c->people[c->n++];
	memset(p, 0, sizeof(*p));
	got = store_person_get(ld->st, row->person, &p->info);
	if (got <= 0) {
		if (got == 0)
			p->info.id = xstrdup(row->person);
		if (got < 0)
			ld->failed = 1;
	}
	return p;
}

/* The expectations of a level, computed once per cycle and shared. */
static const struct assess_target *
shared_target(struct cycle *c, const struct model *m, const struct model_level *l)
{
	struct assess_target *t;
	size_t i;

	for (i = 0; i < c->ntargets; i++)
		if (c->targets[i]->level == l)
			return c->targets[i];
	(void)m;
	t = xcalloc(1, sizeof(*t));
	assess_target_init(t, m, l);
	xgrow((void **)&c->targets, &c->targets_cap, c->ntargets + 1, sizeof(*c->targets));
	c->targets[c->ntargets++] = t;
	return t;
}

/*
 * Sets the person's ladder and target from their first assessment. Rows come
 * ordered by role name, so a manager's form, when there is one, decides.
 */
static int
set_target(struct loader *ld, struct cycle_person *p, const struct store_rating_row *row)
{
	const struct model *m;
	const struct model_level *l;

	if (p->model != NULL)
		return 0;
	if ((m = published_get(&ld->c->pub, row->ladder)) == NULL) {
		ld->failed = 1;
		return -1;
	}
	if ((l = model_level(m, row->target)) == NULL)
		return -1;
	p->model = m;
	p->ladder = row->ladder;
	p->target = l;
	p->items = shared_target(ld->c, m, l);
	assess_tally_init(&p->tally, p->items);
	return 0;
}

static int
on_rating(const struct store_rating_row *row, void *arg)
{
	struct loader *ld = arg;
	struct cycle_person *p = ld->cur;
	int role = assess_role_parse(row->role);
	int flags = 0;
	long index;

	if (p == NULL || strcmp(p->info.id, row->person) != 0) {
		p = ld->cur = begin_person(ld, row);
		ld->cur_assessment = 0;
	}
	if (role < 0 || set_target(ld, p, row) != 0)
		return ld->failed;
	if (row->assessment != ld->cur_assessment) {
		ld->cur_assessment = row->assessment;
		p->tally.raters[role]++;
		if (p->raters[role] == NULL)
			p->raters[role] = arena_strdup(ld->c->arena, row->rater);
	}
	if ((index = assess_target_index(p->items, row->expectation)) < 0)
		return 0;	/* rated against another target; not part of this one */
	if (row->rated)
		assess_tally_add(&p->tally, (enum assess_role)role, (size_t)index, row->value);
	if (ld->flags & (CYCLE_RATINGS | CYCLE_FLAGS)) {
		struct cycle_evidence *ev = &p->evidence[role];

		/* stored with the rating; judged here for ratings stored before that */
		flags = row->flags >= 0 ? row->flags :
		    evidence_flags(p->model, row->rated, row->value, row->evidence, row->nlinks);
		ev->ratings += row->rated != 0;
		ev->unsupported += (flags & EVIDENCE_UNSUPPORTED) != 0;
		ev->activity_only += (flags & EVIDENCE_ACTIVITY_ONLY) != 0;
		ev->linked += (flags & EVIDENCE_LINKED) != 0;
	}
	if (ld->flags & CYCLE_RATINGS) {
		struct cycle_rating *r;
		struct store_link *links = NULL;
		size_t k;

		xgrow((void **)&p->ratings, &p->ratings_cap, p->nratings + 1, sizeof(*p->ratings));
		r = &p->ratings[p->nratings++];
		r->role = (enum assess_role)role;
		r->rater = p->raters[role] && strcmp(p->raters[role], row->rater) == 0 ?
		    p->raters[role] : arena_strdup(ld->c->arena, row->rater);
		r->index = (size_t)index;
		r->anonymous = 0;
		r->rated = row->rated;
		r->value = row->value;
		r->evidence = row->evidence ? arena_strdup(ld->c->arena, row->evidence) : NULL;
		r->private_note = row->private_note ?
		    arena_strdup(ld->c->arena, row->private_note) : NULL;
		if (row->nlinks > 0)
			links = arena_alloc(ld->c->arena, row->nlinks * sizeof(*links));
		for (k = 0; k < row->nlinks; k++) {
			links[k].target = arena_strdup(ld->c->arena, row->links[k].target);
			links[k].kind = arena_strdup(ld->c->arena, row->links[k].kind);
		}
		r->links = links;
		r->nlinks = row->nlinks;
		r->flags = flags;
	}
	return 0;
}

static int
rating_cmp(const void *a, const void *b)
{
	const struct cycle_rating *x = a, *y = b;

	if (x->index != y->index)
		return x->index < y->index ? -1 : 1;
	if (x->role != y->role)
		return x->role < y->role ? -1 : 1;
	return strcmp(x->rater, y->rater);
}

static int load(struct cycle *c, struct store *st, struct diag_list *dl, const char *cycle,
    const char *person, const char *level, const char *chain, struct published *models,
    int flags);

int
cycle_load(struct cycle *c, struct store *st, struct diag_list *dl, const char *cycle,
    const char *person, int flags)
{
	return load(c, st, dl, cycle, person, NULL, NULL, NULL, flags);
}

int
cycle_load_level(struct cycle *c, struct store *st, struct diag_list *dl, const char *cycle,
    const char *level, struct published *models, int flags)
{
	return load(c, st, dl, cycle, NULL, level, NULL, models, flags);
}

int
cycle_load_chain(struct cycle *c, struct store *st, struct diag_list *dl, const char *cycle,
    const char *manager, int flags)
{
	return load(c, st, dl, cycle, NULL, NULL, manager, NULL, flags);
}

static int
load(struct cycle *c, struct store *st, struct diag_list *dl, const char *cycle,
    const char *person, const char *level, const char *chain, struct published *models,
    int flags)
{
	struct loader ld;
	size_t i;
	int sflags;

	memset(c, 0, sizeof(*c));
	c->arena = arena_new();
	c->id = arena_strdup(c->arena, cycle);
	published_init(&c->pub, st, dl);
	if (models != NULL)
		published_share(&c->pub, models);
	memset(&ld, 0, sizeof(ld));
	ld.c = c;
	ld.st = st;
	ld.flags = flags;
	/*
	 * The counts need only the stored flags, and the evidence of a rating
	 * stored before them (without links), which every row carries: the
	 * evidence texts and links are read only to keep them. Reading them
	 * for the counts joined each rating with its evidence, a search of
	 * the whole cycle's evidence per rating.
	 */
	sflags = ((flags & CYCLE_RATINGS) ? STORE_EVIDENCE : 0) |
	    ((flags & CYCLE_PRIVATE) ? STORE_PRIVATE : 0);
	if ((chain != NULL ? store_cycle_ratings_chain(st, cycle, chain, sflags, on_rating, &ld) :
	    store_cycle_ratings_at(st, cycle, person, level, sflags, on_rating, &ld)) != 0 ||
	    ld.failed)
		return -1;
	for (i = 0; i < c->n; i++) {
		struct cycle_person *p = &c->people[i];

		/* The array moved while it grew: point each tally at its own target again. */
		p->tally.target = p->items;
		if (p->model != NULL)
			assess_readiness(p->model, &p->tally, &p->readiness);
		if (p->nratings > 1)
			qsort(p->ratings, p->nratings, sizeof(*p->ratings), rating_cmp);
	}
	return 0;
}

void
cycle_clear(struct cycle *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		store_person_clear(&c->people[i].info);
		assess_tally_clear(&c->people[i].tally);
		free(c->people[i].ratings);
	}
	for (i = 0; i < c->ntargets; i++) {
		assess_target_clear(c->targets[i]);
		free(c->targets[i]);
	}
	free(c->targets);
	free(c->people);
	published_clear(&c->pub);
	arena_free(c->arena);
	memset(c, 0, sizeof(*c));
}

int
cycle_peers_shown(const struct cycle_person *p, unsigned peer_min)
{
	return p->tally.raters[ROLE_PEER] >= peer_min;
}
