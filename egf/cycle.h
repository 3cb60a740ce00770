/*
 * cycle.h: one assessment cycle loaded from the store: for every person
 * assessed, their record, target level, ladder version and the tally of
 * ratings per role, optionally every rating with its evidence. Readiness,
 * assess show, calibration and packets read this; none query ratings again.
 */
#ifndef EGF_CYCLE_H
#define EGF_CYCLE_H

#include <stddef.h>

#include "assess.h"
#include "published.h"
#include "store.h"

struct arena;

struct cycle_rating {
	enum assess_role role;
	const char *rater;
	size_t index;		/* into the person's target items */
	int rated;
	long value;
	const char *evidence;		/* NULL when none */
	const char *private_note;	/* NULL when none or not loaded */
	int anonymous;			/* cycle_cut: the rater is not to be named */
};

struct cycle_person {
	struct store_person info;	/* owned strings */
	long long ladder;		/* the version the manager (else first) form used */
	const struct model *model;	/* borrowed from the cycle's cache */
	const struct model_level *target;
	const struct assess_target *items;	/* shared by everyone with the same target */
	struct assess_tally tally;
	const char *raters[ROLE__MAX];	/* the first rater of each role, or NULL */
	struct cycle_rating *ratings;	/* only with CYCLE_RATINGS; by index, role, rater */
	size_t nratings, ratings_cap;
	struct assess_readiness readiness;
};

enum cycle_flags {
	CYCLE_RATINGS = 1,	/* keep every rating and its evidence */
	CYCLE_PRIVATE = 2,	/* with private notes too (committee views only) */
};

struct cycle {
	const char *id;
	struct cycle_person *people;	/* sorted by id */
	size_t n, cap;
	struct published pub;
	struct arena *arena;		/* rater names, evidence */
	struct assess_target **targets;	/* one per (ladder version, level) in use */
	size_t ntargets, targets_cap;
};

/*
 * Loads the current assessments of a cycle (of one person when person is
 * non-NULL) and computes readiness for each person. Returns 0, or -1 after
 * printing a database or ladder error. Free with cycle_clear either way.
 */
int cycle_load(struct cycle *c, struct store *st, struct diag_list *dl, const char *cycle,
    const char *person, int flags);
void cycle_clear(struct cycle *c);

#endif
