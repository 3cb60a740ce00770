/* cycle_cut.c: a cycle cut to what one reader may see (cycle_cut.h). */
#include "cycle_cut.h"

#include <stdlib.h>
#include <string.h>

/* Counts the distinct raters per role of p's kept ratings and tallies them. */
static void
retally(struct cycle_person *p)
{
	size_t i, j;
	int role;

	assess_tally_clear(&p->tally);
	assess_tally_init(&p->tally, p->items);
	for (role = 0; role < ROLE__MAX; role++)
		p->raters[role] = NULL;
	for (i = 0; i < p->nratings; i++) {
		const struct cycle_rating *r = &p->ratings[i];
		int seen = 0;

		for (j = 0; j < i && !seen; j++)
			seen = p->ratings[j].role == r->role && strcmp(p->ratings[j].rater, r->rater) == 0;
		if (!seen) {
			p->tally.raters[r->role]++;
			if (p->raters[r->role] == NULL)
				p->raters[r->role] = r->rater;
		}
		if (r->rated)
			assess_tally_add(&p->tally, r->role, r->index, r->value);
	}
	assess_readiness(p->model, &p->tally, &p->readiness);
}

int
cycle_cut(struct cycle *c, const struct cycle_cut *cut)
{
	size_t i, j, kept = 0;

	for (i = 0; i < c->n; i++) {
		struct cycle_person *p = &c->people[i];
		int keep = cut->person(p, cut->arg);
		size_t n = 0;

		if (keep < 0)
			return -1;
		if (!keep) {
			store_person_clear(&p->info);
			assess_tally_clear(&p->tally);
			free(p->ratings);
			continue;
		}
		if (cut->rating == NULL)
			goto keep;	/* the person only: tallies stay as loaded */
		for (j = 0; j < p->nratings; j++) {
			struct cycle_rating r = p->ratings[j];
			unsigned how = cut->rating(p, &r, cut->arg);

			if (!(how & CUT_KEEP))
				continue;
			if (!(how & CUT_PRIVATE))
				r.private_note = NULL;
			/* Anonymous raters are still told apart while tallying. */
			r.anonymous = (how & CUT_ANONYMOUS) != 0;
			p->ratings[n++] = r;
		}
		p->nratings = n;
		if (p->model != NULL)
			retally(p);
		for (j = 0; j < p->nratings; j++)
			if (p->ratings[j].anonymous) {
				if (p->raters[p->ratings[j].role] == p->ratings[j].rater)
					p->raters[p->ratings[j].role] = CUT_ANONYMOUS_RATER;
				p->ratings[j].rater = CUT_ANONYMOUS_RATER;
			}
keep:
		if (kept != i)
			c->people[kept] = *p;
		kept++;
	}
	c->n = kept;
	for (i = 0; i < c->n; i++)
		c->people[i].tally.target = c->people[i].items;
	return 0;
}
