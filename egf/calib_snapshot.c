/* calib_snapshot.c: one packet's calibration numbers from the snapshot (calib_snapshot.h). */
#include "calib_snapshot.h"

#include <stdlib.h>
#include <string.h>

#include "cycle.h"
#include "store_calib.h"
#include "util.h"

static int
keep_sum(const struct store_rater_sums *row, void *arg)
{
	struct calib_snapshot *s = arg;
	struct calib_rater *rt;

	xgrow((void **)&s->raters, &s->raters_cap, s->nraters + 1, sizeof(*s->raters));
	rt = &s->raters[s->nraters++];
	memset(rt, 0, sizeof(*rt));
	rt->id = xstrdup(row->rater);
	rt->people = (size_t)row->people;
	rt->nratings = (size_t)row->nratings;
	rt->sum = row->sum;
	rt->sumsq = row->sumsq;
	rt->evidence.ratings = (size_t)row->nratings;
	rt->evidence.unsupported = (size_t)row->unsupported;
	rt->evidence.activity_only = (size_t)row->activity_only;
	rt->evidence.linked = (size_t)row->linked;
	s->unflagged += row->unflagged;
	return 0;
}

static void
add_share(struct calib_snapshot *s, const char *person, double share)
{
	xgrow((void **)&s->people, &s->people_cap, s->n + 1, sizeof(*s->people));
	xgrow((void **)&s->shares, &s->shares_cap, s->n + 1, sizeof(*s->shares));
	s->people[s->n] = xstrdup(person);
	s->shares[s->n++] = share;
}

static int
keep_share(const struct store_calib_share *row, void *arg)
{
	add_share(arg, row->person, row->share);
	return 0;
}

/* Every rater's sums as stored (ids borrowed from s). */
static struct store_rater_sums *
sums_rows(const struct calib_snapshot *s)
{
	struct store_rater_sums *v = xcalloc(s->nraters + 1, sizeof(*v));
	size_t i;

	for (i = 0; i < s->nraters; i++) {
		const struct calib_rater *rt = &s->raters[i];

		v[i].rater = rt->id;
		v[i].people = (long long)rt->people;
		v[i].nratings = (long long)rt->nratings;
		v[i].sum = rt->sum;
		v[i].sumsq = rt->sumsq;
		v[i].unsupported = (long long)rt->evidence.unsupported;
		v[i].activity_only = (long long)rt->evidence.activity_only;
		v[i].linked = (long long)rt->evidence.linked;
	}
	/* the unflagged count is the cycle's; stored with the first rater */
	if (s->nraters > 0)
		v[0].unflagged = s->unflagged;
	return v;
}

/*
 * Under w's write lock: the manager sums and the whole cycle's shares, the
 * level's kept in s, all stored. 1 stored, 0 not (s still right), -1 error.
 */
static int
build(struct calib_snapshot *s, struct store *w, struct diag_list *dl, const char *cycle,
    const char *level)
{
	struct store_calib_share *all = NULL;
	struct store_rater_sums *rows;
	struct cycle c;
	size_t i, n = 0;
	int rc;

	if (store_cycle_manager_sums(w, cycle, keep_sum, s) != 0)
		return -1;
	/* readiness needs the tallies only: no evidence is read */
	if (cycle_load(&c, w, dl, cycle, NULL, 0) != 0) {
		cycle_clear(&c);
		return -1;
	}
	all = xcalloc(c.n + 1, sizeof(*all));
	for (i = 0; i < c.n; i++) {
		const struct cycle_person *p = &c.people[i];

		if (p->model == NULL || p->info.level == NULL)
			continue;	/* in no level's report */
		all[n].person = p->info.id;
		all[n].level = p->info.level;
		all[n++].share = p->readiness.role[ROLE_MANAGER].share;
		if (strcmp(p->info.level, level) == 0)
			add_share(s, p->info.id, p->readiness.role[ROLE_MANAGER].share);
	}
	rows = sums_rows(s);
	rc = store_calib_snapshot_write(w, cycle, rows, s->nraters, all, n) == 0;
	free(rows);
	free(all);
	cycle_clear(&c);
	return rc;
}

/* Without the snapshot: the sums from the ratings, the level's people loaded. */
static int
compute(struct calib_snapshot *s, struct store *st, struct diag_list *dl, const char *cycle,
    const char *level, struct published *models)
{
	struct cycle lc;
	size_t i;
	int rc = 0;

	if (store_cycle_manager_sums(st, cycle, keep_sum, s) != 0)
		return -1;
	if (cycle_load_level(&lc, st, dl, cycle, level, models, CYCLE_FLAGS) != 0)
		rc = -1;
	for (i = 0; rc == 0 && i < lc.n; i++)
		if (lc.people[i].model != NULL && lc.people[i].info.level != NULL &&
		    strcmp(lc.people[i].info.level, level) == 0)
			add_share(s, lc.people[i].info.id,
			    lc.people[i].readiness.role[ROLE_MANAGER].share);
	cycle_clear(&lc);
	return rc;
}

int
calib_snapshot_get(struct calib_snapshot *s, struct store *st, struct diag_list *dl,
    const char *cycle, const char *level, struct published *models, int *stored)
{
	struct store *w;
	int rc, built;

	if (stored != NULL)
		*stored = 0;
	if ((rc = store_calib_snapshot_read(st, cycle, level, keep_sum, keep_share, s)) != 0) {
		if (rc > 0 && stored != NULL)
			*stored = 1;
		return rc < 0 ? -1 : 0;
	}
	if ((w = store_calib_writer_begin(st)) == NULL)
		return compute(s, st, dl, cycle, level, models);
	/* another run may have stored it since it was looked for */
	if ((rc = store_calib_snapshot_read(w, cycle, level, keep_sum, keep_share, s)) == 0) {
		built = build(s, w, dl, cycle, level);
		rc = built < 0 ? -1 : built > 0 ? 2 : 0;
	}
	if (store_calib_writer_end(w, rc == 2) != 0 && rc == 2)
		rc = 0;		/* the numbers are right; only the snapshot was not kept */
	if (stored != NULL && rc > 0)
		*stored = rc;
	return rc < 0 ? -1 : 0;
}

void
calib_snapshot_clear(struct calib_snapshot *s)
{
	size_t i;

	for (i = 0; i < s->nraters; i++)
		free((char *)s->raters[i].id);
	for (i = 0; i < s->n; i++)
		free(s->people[i]);
	free(s->raters);
	free(s->people);
	free(s->shares);
	memset(s, 0, sizeof(*s));
}
