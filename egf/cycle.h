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
#include "store_published.h"
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
	const struct store_link *links;	/* nlinks, arena copies */
	size_t nlinks;
	int flags;			/* evidence.h's EVIDENCE_* of this rating */
	int anonymous;			/* cycle_cut: the rater is not to be named */
};

/*
 * What the evidence of one role's ratings of a person shows (evidence.h):
 * counts over the rated expectations of the person's target.
 */
struct cycle_evidence {
	size_t ratings, unsupported, activity_only, linked;
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
	struct cycle_evidence evidence[ROLE__MAX];	/* with CYCLE_RATINGS or CYCLE_FLAGS */
};

enum cycle_flags {
	CYCLE_RATINGS = 1,	/* keep every rating and its evidence */
	CYCLE_PRIVATE = 2,	/* with private notes too (committee views only) */
	CYCLE_FLAGS = 4,	/* the evidence counts only, from the stored flags */
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

/* Peer feedback the employee sees: anonymous, and only from this many peers on. */
#define CYCLE_PEER_MIN 3

/*
 * Whether an employee's view shows the person's peer feedback: at least
 * peer_min peers answered (their names are never shown to the employee).
 */
int cycle_peers_shown(const struct cycle_person *p, unsigned peer_min);

/*
 * Loads the current assessments of a cycle (of one person when person is
 * non-NULL) and computes readiness for each person. Returns 0, or -1 after
 * printing a database or ladder error. Free with cycle_clear either way.
 */
int cycle_load(struct cycle *c, struct store *st, struct diag_list *dl, const char *cycle,
    const char *person, int flags);
/*
 * The same for the people at one level (as the people table has it). With
 * models non-NULL (another loaded cycle's ladder cache, which must outlive
 * c) each ladder version is parsed once for both.
 */
int cycle_load_level(struct cycle *c, struct store *st, struct diag_list *dl, const char *cycle,
    const char *level, struct published *models, int flags);
/* The same for manager and everyone below them in the manager chain. */
int cycle_load_chain(struct cycle *c, struct store *st, struct diag_list *dl, const char *cycle,
    const char *manager, int flags);
void cycle_clear(struct cycle *c);

#endif
