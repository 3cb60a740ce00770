/* calib_report.c: building the calibration report. */
#include "calib_report.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "strmap.h"
#include "util.h"

double
calib_linked_share(const struct calib_evidence *e)
{
	return e->ratings ? (double)e->linked / (double)e->ratings : 0;
}

static void
add_evidence(struct calib_evidence *to, const struct cycle_evidence *from)
{
	to->ratings += from->ratings;
	to->unsupported += from->unsupported;
	to->activity_only += from->activity_only;
	to->linked += from->linked;
}

static int
in_slice(const struct cycle_person *p, const struct calib_slice *s)
{
	const struct store_person *i = &p->info;

	if (p->model == NULL)
		return 0;
	if (s->team && (i->team == NULL || strcmp(i->team, s->team) != 0))
		return 0;
	if (s->manager && (i->manager == NULL || strcmp(i->manager, s->manager) != 0))
		return 0;
	if (s->level && (i->level == NULL || strcmp(i->level, s->level) != 0))
		return 0;
	if (s->target && (p->target == NULL || strcmp(p->target->id, s->target) != 0))
		return 0;
	return 1;
}

/* Position of a key in an index (position + 1 stored), or -1. */
static long
indexed(const struct strmap *map, const char *key)
{
	uintptr_t v = (uintptr_t)strmap_get(map, key);

	return v ? (long)v - 1 : -1;
}

static long
find_rater(struct calib_report *r, const char *id)
{
	long i = indexed(r->rater_index, id);

	if (i >= 0)
		return i;
	strmap_put(r->rater_index, id, (void *)(uintptr_t)(r->nraters + 1));
	xgrow((void **)&r->raters, &r->raters_cap, r->nraters + 1, sizeof(*r->raters));
	memset(&r->raters[r->nraters], 0, sizeof(*r->raters));
	r->raters[r->nraters].id = id;
	return (long)r->nraters++;
}

static struct calib_level *
find_level(struct calib_report *r, const char *level)
{
	long i = indexed(r->level_index, level);

	if (i >= 0)
		return &r->levels[i];
	strmap_put(r->level_index, level, (void *)(uintptr_t)(r->nlevels + 1));
	xgrow((void **)&r->levels, &r->levels_cap, r->nlevels + 1, sizeof(*r->levels));
	memset(&r->levels[r->nlevels], 0, sizeof(*r->levels));
	r->levels[r->nlevels].level = level;
	return &r->levels[r->nlevels++];
}

static struct calib_team *
find_team(struct calib_report *r, const char *team)
{
	long i = indexed(r->team_index, team);

	if (i >= 0)
		return &r->teams[i];
	strmap_put(r->team_index, team, (void *)(uintptr_t)(r->nteams + 1));
	xgrow((void **)&r->teams, &r->teams_cap, r->nteams + 1, sizeof(*r->teams));
	memset(&r->teams[r->nteams], 0, sizeof(*r->teams));
	r->teams[r->nteams].team = team;
	r->teams[r->nteams].counts = xcalloc(r->k * r->k, sizeof(unsigned long));
	return &r->teams[r->nteams++];
}

/* The scale index of a mean rating (rounded to the nearest point), or -1. */
static long
category(const struct model *m, double mean)
{
	size_t i, best = 0;
	double d = INFINITY;

	for (i = 0; i < m->nscale; i++) {
		double e = fabs((double)m->scale[i]->value - mean);

		if (e < d) {
			d = e;
			best = i;
		}
	}
	return m->nscale ? (long)best : -1;
}

/* Self/manager pairs of one person into the overall and team matrices. */
static void
add_pairs(struct calib_report *r, const struct cycle_person *p, struct calib_team *team)
{
	const struct assess_tally *t = &p->tally;
	size_t i;

	for (i = 0; i < p->items->n; i++) {
		long a, b;

		if (t->count[ROLE_SELF][i] == 0 || t->count[ROLE_MANAGER][i] == 0)
			continue;
		a = category(p->model, t->sum[ROLE_SELF][i] / t->count[ROLE_SELF][i]);
		b = category(p->model, t->sum[ROLE_MANAGER][i] / t->count[ROLE_MANAGER][i]);
		if (a < 0 || b < 0 || (size_t)a >= r->k || (size_t)b >= r->k)
			continue;
		r->counts[(size_t)a * r->k + (size_t)b]++;
		team->counts[(size_t)a * r->k + (size_t)b]++;
		r->pairs++;
		team->pairs++;
	}
}

/* Ratings the person's manager gave: into the rater's sums. */
static void
add_rater(struct calib_report *r, struct calib_person *cp)
{
	const struct cycle_person *p = cp->p;
	struct calib_rater *rt;
	size_t i;

	if (p->raters[ROLE_MANAGER] == NULL)
		return;
	cp->rater = find_rater(r, p->raters[ROLE_MANAGER]);
	rt = &r->raters[cp->rater];
	rt->people++;
	for (i = 0; i < p->items->n; i++) {
		rt->sum += p->tally.sum[ROLE_MANAGER][i];
		rt->sumsq += p->tally.sumsq[ROLE_MANAGER][i];
		rt->nratings += p->tally.count[ROLE_MANAGER][i];
	}
	if (!isnan(cp->gap)) {
		rt->gap += cp->gap;
		rt->ngap++;
	}
	add_evidence(&rt->evidence, &p->evidence[ROLE_MANAGER]);
}

static void
person_row(struct calib_report *r, struct calib_person *cp, const struct cycle_person *p,
    const struct strmap *decisions)
{
	int role;

	cp->p = p;
	cp->team = p->info.team ? p->info.team : "";
	cp->rater = -1;
	for (role = 0; role < ROLE__MAX; role++) {
		cp->has[role] = p->readiness.role[role].raters > 0;
		cp->share[role] = p->readiness.role[role].share;
		cp->mean[role] = p->readiness.role[role].mean;
	}
	cp->gap = p->readiness.role[ROLE_SELF].nratings > 0 &&
	    p->readiness.role[ROLE_MANAGER].nratings > 0 ?
	    cp->mean[ROLE_SELF] - cp->mean[ROLE_MANAGER] : NAN;
	cp->decision = decisions ? strmap_get(decisions, p->info.id) : NULL;
	for (role = 0; role < ROLE__MAX; role++)
		add_evidence(&cp->evidence, &p->evidence[role]);
	(void)r;
}

static void
finish_raters(struct calib_report *r)
{
	double *means = xcalloc(r->nraters ? r->nraters : 1, sizeof(double));
	size_t i, n = 0;

	for (i = 0; i < r->nraters; i++) {
		struct calib_rater *rt = &r->raters[i];

		if (rt->nratings > 0) {
			double var;

			rt->mean = rt->sum / (double)rt->nratings;
			var = rt->nratings > 1 ? (rt->sumsq - rt->sum * rt->mean) /
			    (double)(rt->nratings - 1) : 0;
			rt->sd = var > 0 ? sqrt(var) : 0;
			means[n++] = rt->mean;
		}
		rt->gap = rt->ngap ? rt->gap / (double)rt->ngap : NAN;
	}
	calib_moments(means, n, &r->rater_means);
	for (i = 0; i < r->nraters; i++) {
		struct calib_rater *rt = &r->raters[i];

		rt->z = rt->nratings ? calib_z(rt->mean, &r->rater_means) : 0;
		rt->flag = n >= 2 ? calib_rater_flag(rt->z) : 0;
	}
	free(means);
}

/* Competencies of the people's targets, in model order, as the matrix columns. */
static void
level_matrix(struct calib_report *r, struct calib_level *lv)
{
	size_t i, j, k, cap = 0;

	for (i = 0; i < lv->n; i++) {
		const struct cycle_person *p = r->people[lv->people[i]].p;

		for (j = 0; j < p->items->n; j++) {
			const struct model_competency *c = p->items->items[j]->competency;

			for (k = 0; k < lv->ncomps; k++)
				if (strcmp(lv->comps[k]->id, c->id) == 0)
					break;
			if (k == lv->ncomps) {
				xgrow((void **)&lv->comps, &cap, lv->ncomps + 1, sizeof(*lv->comps));
				lv->comps[lv->ncomps++] = c;
			}
		}
	}
	lv->cells = xcalloc(lv->n * lv->ncomps + 1, sizeof(double));
	for (i = 0; i < lv->n; i++) {
		const struct cycle_person *p = r->people[lv->people[i]].p;

		for (k = 0; k < lv->ncomps; k++) {
			double sum = 0;
			unsigned n = 0;

			for (j = 0; j < p->items->n; j++)
				if (strcmp(p->items->items[j]->competency->id, lv->comps[k]->id) == 0) {
					sum += p->tally.sum[ROLE_MANAGER][j];
					n += p->tally.count[ROLE_MANAGER][j];
				}
			lv->cells[i * lv->ncomps + k] = n ? sum / n : NAN;
		}
	}
}

static void
finish_levels(struct calib_report *r)
{
	size_t l, i;

	for (l = 0; l < r->nlevels; l++) {
		struct calib_level *lv = &r->levels[l];
		double *shares = xcalloc(lv->n ? lv->n : 1, sizeof(double));

		for (i = 0; i < lv->n; i++)
			shares[i] = r->people[lv->people[i]].share[ROLE_MANAGER];
		calib_histogram(shares, lv->n, CALIB_BUCKETS, lv->hist);
		calib_moments(shares, lv->n, &lv->share);
		for (i = 0; i < lv->n; i++) {
			struct calib_person *cp = &r->people[lv->people[i]];

			cp->level_z = calib_z(shares[i], &lv->share);
			cp->outlier = fabs(cp->level_z) > 2;
			lv->outliers += cp->outlier;
		}
		lv->shares = shares;
		level_matrix(r, lv);
	}
}

void
calib_report_build(struct calib_report *r, const struct cycle *c,
    const struct calib_slice *slice, const struct strmap *decisions)
{
	double org_sum = 0;
	size_t i, org_n = 0;

	memset(r, 0, sizeof(*r));
	r->rater_index = strmap_new();
	r->level_index = strmap_new();
	r->team_index = strmap_new();
	r->cycle = c->id;
	r->slice = *slice;
	r->people = xcalloc(c->n ? c->n : 1, sizeof(*r->people));
	for (i = 0; i < c->n && r->k == 0; i++)
		if (c->people[i].model != NULL)
			r->k = c->people[i].model->nscale;
	r->counts = xcalloc(r->k * r->k + 1, sizeof(unsigned long));
	for (i = 0; i < c->n; i++) {
		const struct cycle_person *p = &c->people[i];
		struct calib_person *cp;
		struct calib_level *lv;
		struct calib_team *team;

		if (!in_slice(p, slice))
			continue;
		cp = &r->people[r->npeople];
		person_row(r, cp, p, decisions);
		add_rater(r, cp);
		team = find_team(r, cp->team);
		team->people++;
		team->evidence.ratings += cp->evidence.ratings;
		team->evidence.unsupported += cp->evidence.unsupported;
		team->evidence.activity_only += cp->evidence.activity_only;
		team->evidence.linked += cp->evidence.linked;
		add_pairs(r, p, team);
		lv = find_level(r, p->info.level ? p->info.level : "");
		xgrow((void **)&lv->people, &lv->cap, lv->n + 1, sizeof(*lv->people));
		lv->people[lv->n++] = r->npeople;
		r->npeople++;
	}
	for (i = 0; i < r->nraters; i++) {
		org_sum += r->raters[i].sum;
		org_n += r->raters[i].nratings;
	}
	r->org_mean = org_n ? org_sum / (double)org_n : NAN;
	finish_raters(r);
	finish_levels(r);
	r->kappa = calib_kappa_quadratic(r->counts, r->k);
	for (i = 0; i < r->nteams; i++)
		r->teams[i].kappa = calib_kappa_quadratic(r->teams[i].counts, r->k);
	r->few = r->npeople < CALIB_FEW;
}

void
calib_report_free(struct calib_report *r)
{
	size_t i;

	for (i = 0; i < r->nlevels; i++) {
		free(r->levels[i].people);
		free(r->levels[i].shares);
		free(r->levels[i].comps);
		free(r->levels[i].cells);
	}
	for (i = 0; i < r->nteams; i++)
		free(r->teams[i].counts);
	free(r->levels);
	free(r->teams);
	free(r->raters);
	free(r->people);
	free(r->counts);
	strmap_free(r->rater_index);
	strmap_free(r->level_index);
	strmap_free(r->team_index);
	memset(r, 0, sizeof(*r));
}

void
calib_report_set_raters(struct calib_report *r, const struct calib_rater *sums, size_t n)
{
	double org_sum = 0;
	size_t i, org_n = 0;

	free(r->raters);
	strmap_free(r->rater_index);
	r->raters = NULL;
	r->nraters = r->raters_cap = 0;
	r->rater_index = strmap_new();
	for (i = 0; i < n; i++) {
		long k = find_rater(r, sums[i].id);

		r->raters[k] = sums[i];
		r->raters[k].gap = 0;
		r->raters[k].ngap = 0;
		org_sum += sums[i].sum;
		org_n += sums[i].nratings;
	}
	for (i = 0; i < r->npeople; i++) {
		const char *m = r->people[i].p->raters[ROLE_MANAGER];

		r->people[i].rater = m ? indexed(r->rater_index, m) : -1;
	}
	r->org_mean = org_n ? org_sum / (double)org_n : NAN;
	finish_raters(r);
}

int
calib_report_level(struct calib_report *r, const char *cycle, const struct cycle_person *p,
    char *const *ids, const double *shares, size_t n)
{
	struct calib_person *cp;
	struct calib_level *lv;
	size_t i, self = n;

	memset(r, 0, sizeof(*r));
	r->rater_index = strmap_new();
	r->level_index = strmap_new();
	r->team_index = strmap_new();
	for (i = 0; i < n && self == n; i++)
		if (strcmp(ids[i], p->info.id) == 0)
			self = i;
	if (self == n || p->model == NULL || p->info.level == NULL)
		return -1;
	r->cycle = cycle;
	r->slice.level = p->info.level;
	r->k = p->model->nscale;
	r->counts = xcalloc(r->k * r->k + 1, sizeof(unsigned long));
	r->people = xcalloc(1, sizeof(*r->people));
	cp = &r->people[r->npeople++];
	person_row(r, cp, p, NULL);
	add_rater(r, cp);
	lv = find_level(r, p->info.level);
	lv->n = n;
	lv->shares = xcalloc(n + 1, sizeof(*lv->shares));
	if (n > 0)
		memcpy(lv->shares, shares, n * sizeof(*shares));
	calib_histogram(lv->shares, n, CALIB_BUCKETS, lv->hist);
	calib_moments(lv->shares, n, &lv->share);
	for (i = 0; i < n; i++) {
		double z = calib_z(lv->shares[i], &lv->share);

		lv->outliers += fabs(z) > 2;
		if (i == self) {
			cp->level_z = z;
			cp->outlier = fabs(z) > 2;
		}
	}
	r->org_mean = NAN;
	finish_raters(r);
	r->kappa = NAN;
	r->few = n < CALIB_FEW;
	return 0;
}
