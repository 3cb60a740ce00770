/*
 * cycle_cut.h: a loaded cycle cut down to what one reader may see: people
 * dropped, ratings dropped or stripped of their private note or rater, and
 * each person's tally and readiness computed again from what is left, so
 * that every view of the cut cycle (assess show, readiness, calibration)
 * shows exactly the visible data. The decisions come from the caller
 * (egf serve asks authz.h).
 */
#ifndef EGF_CYCLE_CUT_H
#define EGF_CYCLE_CUT_H

#include "cycle.h"

enum cut_keep {
	CUT_DROP = 0,
	CUT_KEEP = 1,		/* without the private note */
	CUT_PRIVATE = 2,	/* keep the private note too */
	CUT_ANONYMOUS = 4,	/* without the rater's id */
};

/* The rater id an anonymous rating carries instead of its author's. */
#define CUT_ANONYMOUS_RATER "anonymous"

struct cycle_cut {
	/* 0 drops the person (and all their ratings). */
	int (*person)(const struct cycle_person *p, void *arg);
	/* CUT_* bits for one rating of a person kept; NULL keeps every rating and tally. */
	unsigned (*rating)(const struct cycle_person *p, const struct cycle_rating *r, void *arg);
	void *arg;
};

/*
 * Applies cut to c, which must have been loaded with CYCLE_RATINGS when
 * cut->rating is set (and
 * CYCLE_PRIVATE for private notes to survive). People keep their order.
 * Returns 0, or -1 when a callback returned an error (a person callback
 * returning -1).
 */
int cycle_cut(struct cycle *c, const struct cycle_cut *cut);

#endif
