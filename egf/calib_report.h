/*
 * calib_report.h: the calibration report (docs/calibration.md), built from a
 * loaded cycle and a slice (team, manager, level): per person, per rater,
 * agreement (kappa), per level distributions and outliers, and the
 * same-level side-by-side matrix. Pure computation; views render it.
 */
#ifndef EGF_CALIB_REPORT_H
#define EGF_CALIB_REPORT_H

#include <stddef.h>

#include "calib.h"
#include "cycle.h"

struct strmap;
struct team_outcomes;

/*
 * What the evidence behind ratings shows (evidence.h): counts of rated
 * expectations, of unsupported ones (above meets, no evidence, no link), of
 * activity-only evidence (counts output, no link) and of linked ones.
 */
struct calib_evidence {
	size_t ratings, unsupported, activity_only, linked;
};

/* linked / ratings, 0 when there are no ratings. */
double calib_linked_share(const struct calib_evidence *e);

#define CALIB_BUCKETS 10	/* readiness histogram: tenths of the share */
#define CALIB_FEW 5		/* fewer people than this: statistics mislead */

struct calib_slice {
	/* NULL: any; level is the current level, target the level assessed against */
	const char *team, *manager, *level, *target;
};

struct calib_person {
	const struct cycle_person *p;
	const char *team;		/* "" when none */
	double share[ROLE__MAX], mean[ROLE__MAX];
	int has[ROLE__MAX];		/* an assessment of that role exists */
	double gap;			/* self mean - manager mean; NAN without both */
	double level_z;			/* manager share against the level's people */
	int outlier;			/* |level_z| > 2 */
	long rater;			/* index into raters, or -1 */
	const char *decision;		/* borrowed from the decisions map, or NULL */
	struct calib_evidence evidence;	/* of every rating about the person */
};

struct calib_rater {
	const char *id;
	const char *name;		/* filled in by the caller, may stay NULL */
	size_t people, nratings;
	double sum, sumsq;
	double mean, sd, z;
	int flag;			/* +1 lenient, -1 severe, 0 */
	double gap;			/* mean over reports of their self-minus-manager gap */
	size_t ngap;
	struct calib_evidence evidence;	/* of the manager ratings they gave in the slice */
};

struct calib_level {
	const char *level;
	size_t *people;			/* indexes into report people (NULL: calib_report_level) */
	size_t n, cap;
	double *shares;			/* the n people's manager shares, in their order */
	size_t hist[CALIB_BUCKETS];
	struct calib_moments share;	/* of the manager shares */
	size_t outliers;
	const struct model_competency **comps;	/* columns of the side-by-side view */
	size_t ncomps;
	double *cells;			/* n x ncomps mean manager ratings, NAN when none */
};

struct calib_team {
	const char *team;
	unsigned long *counts;		/* k x k self (rows) vs manager (columns) */
	size_t pairs;
	double kappa;			/* NAN when undefined */
	size_t people;
	struct calib_evidence evidence;	/* of every rating about the team's people */
	const struct team_outcomes *outcomes;	/* context set by the caller, or NULL */
};

struct calib_report {
	const char *cycle;
	struct calib_slice slice;
	struct calib_person *people;
	size_t npeople;
	struct calib_rater *raters;
	size_t nraters, raters_cap;
	struct calib_level *levels;
	size_t nlevels, levels_cap;
	struct calib_team *teams;
	size_t nteams, teams_cap;
	size_t k;			/* scale points: kappa categories */
	unsigned long *counts;		/* all pairs */
	size_t pairs;
	double kappa;
	double org_mean;		/* mean manager rating over the slice */
	struct calib_moments rater_means;
	int few;			/* fewer than CALIB_FEW people */
	struct strmap *rater_index, *level_index, *team_index;	/* id -> position + 1 */
};

/*
 * Builds the report for the people of c inside slice. The evidence counts
 * need a cycle loaded with CYCLE_FLAGS or CYCLE_RATINGS (else they are 0). decisions maps person
 * ids to a description of their decision (may be NULL). The report borrows
 * from c and decisions; free it with calib_report_free.
 */
void calib_report_build(struct calib_report *r, const struct cycle *c,
    const struct calib_slice *slice, const struct strmap *decisions);
void calib_report_free(struct calib_report *r);

/*
 * Replaces the raters of a report built from a slice with sums over a wider
 * set (for one packet: the report of the person's level, the manager sums
 * of the whole cycle, store_cycle_manager_sums): the report copies sums and
 * borrows their ids; the means, z-scores, flags, the mean across raters,
 * org_mean and each person's rater are computed again. The rater gaps are
 * not in the sums: they become NAN.
 */
void calib_report_set_raters(struct calib_report *r, const struct calib_rater *sums, size_t n);

/*
 * The report of one person's level for their packet, from the level's
 * manager shares alone (calib_snapshot.h: the people at p's level in id
 * order, p among them): the level's moments, histogram, outliers and p's
 * z-score as calib_report_build computes them from the same shares in the
 * same order. people holds p's row only, and the level no indexes (people
 * NULL) and no side-by-side matrix. Set the raters with
 * calib_report_set_raters. Returns 0, or -1 when p is not among ids (the
 * report is then empty). Borrows p and cycle; free with calib_report_free.
 */
int calib_report_level(struct calib_report *r, const char *cycle, const struct cycle_person *p,
    char *const *ids, const double *shares, size_t n);

#endif
