/*
 * store_cycle.h: what the store keeps of a review cycle opened with phases
 * (schema version 7, docs/cycles.md): its row of cycles (ladder version,
 * phase, due dates), its people, the forms hr reopened, and the audit
 * entries of those changes. The rules (which phase comes next, what a date
 * does, what is locked) are cycle_phase.h's; this module only reads and
 * writes rows.
 *
 * As in store.h: every function that can fail prints why and returns -1;
 * lookups return 1 (found, *out filled and owned by the caller), 0 or -1.
 * Changes are made inside the caller's transaction.
 */
#ifndef EGF_STORE_CYCLE_H
#define EGF_STORE_CYCLE_H

#include "store.h"

/* The dates of a cycle, in the order of the phases they end or start. */
enum store_due {
	STORE_DUE_SELF,		/* self-assessments due (the last day of phase self) */
	STORE_DUE_MANAGER,	/* manager assessments due */
	STORE_DUE_CALIBRATION,	/* phase calibration starts */
	STORE_DUE_RELEASE,	/* phase released starts */
	STORE_NDUE,
};

struct store_cycle_row {
	char *id;			/* owned */
	long long ladder;		/* the ladder version's rowid; 0 when never opened */
	char *phase;			/* owned; NULL: never opened */
	char *due[STORE_NDUE];		/* owned YYYY-MM-DD, NULL when not given */
	char *opened_at, *opened_by, *created_at;	/* owned; NULL-able */
};

/* The cycle's row (opened or only named by forms): 1, 0 (no such cycle) or -1. */
int store_cycle_get(struct store *st, const char *id, struct store_cycle_row *out);
/* Frees what the row owns; accepts a zeroed row. */
void store_cycle_row_clear(struct store_cycle_row *r);

/*
 * Opens the cycle r->id: creates its row, or fills the row of a cycle only
 * named by forms so far, with r's ladder, phase, dates and opener (opened_at
 * is set here). 1 opened, 0 when it was already open, -1.
 */
int store_cycle_open(struct store *st, const struct store_cycle_row *r);
/* Calls fn for every cycle (opened or only named by forms), newest first; the row is the call's. */
int store_cycle_list(struct store *st, int (*fn)(const struct store_cycle_row *r, void *arg),
    void *arg);
/*
 * Calls fn for every published ladder version a cycle may name, the newest
 * first (strings valid during the call); non-zero from fn stops.
 */
int store_cycle_versions_each(struct store *st, int (*fn)(const char *ladder,
    const char *version, void *arg), void *arg);
/* Sets the phase of an opened cycle (the schema refuses a move backward). */
int store_cycle_set_phase(struct store *st, const char *id, const char *phase);

/* Puts everyone in the people table (tombstones of erasures aside) in the cycle; *n added. */
int store_cycle_people_all(struct store *st, const char *cycle, long long *n);
/* How many people store_cycle_people_all would put in a cycle; -1 on error. */
long long store_cycle_people_everyone(struct store *st);
/* Puts one person in the cycle (again: no change). */
int store_cycle_person_add(struct store *st, const char *cycle, const char *person);
/* 1 when person is one of the cycle's people, 0 when not, -1. */
int store_cycle_has_person(struct store *st, const char *cycle, const char *person);
/* Number of the cycle's people; -1 on error. */
long long store_cycle_people_count(struct store *st, const char *cycle);
/* Calls fn for each of the cycle's people, by id; non-zero from fn stops. */
int store_cycle_people_each(struct store *st, const char *cycle,
    int (*fn)(const char *person, void *arg), void *arg);

/* A form hr reopened in a locked cycle: (cycle, person, rater) may be submitted once. */
struct store_reopening {
	const char *cycle, *person, *rater, *role, *by, *at;	/* borrowed */
};

/* Records a reopening (at is set here); 1 new, 0 when that form is already reopened, -1. */
int store_reopening_add(struct store *st, const struct store_reopening *r);
/* The role of the reopened form (cycle, person, rater): 1 with *role (caller frees), 0, -1. */
int store_reopening_get(struct store *st, const char *cycle, const char *person,
    const char *rater, char **role);
/* Removes the reopening once its form is stored. */
int store_reopening_delete(struct store *st, const char *cycle, const char *person,
    const char *rater);
/* Calls fn for each open reopening of the cycle, by person and rater. */
int store_reopenings_each(struct store *st, const char *cycle,
    int (*fn)(const struct store_reopening *r, void *arg), void *arg);

/* Appends an entry to the audit log (at is now); fields borrowed, before and after NULL-able. */
int store_audit_add(struct store *st, const char *actor, const char *action,
    const char *subject, const char *before, const char *after);

/* ---- progress, for hr's dashboard ---- */

/* What a person of the cycle has so far (current assessments and peer requests). */
struct store_cycle_progress {
	const char *person, *name, *team, *manager;	/* borrowed; NULL-able but person */
	int self_done;			/* a current self-assessment */
	int manager_done;		/* a current manager assessment */
	long long peers_asked;		/* peer requests */
	long long peers_answered;	/* peer assessments (from anyone) */
	const char *self_at, *manager_at;	/* when the current ones were first stored */
};

/* Calls fn for each of the cycle's people, by team then id; the row is valid during the call. */
int store_cycle_progress_each(struct store *st, const char *cycle,
    int (*fn)(const struct store_cycle_progress *p, void *arg), void *arg);

/*
 * Calls fn for each peer asked for feedback on one of the cycle's people
 * (peer_requests) who has no current peer assessment of them, by person
 * and peer.
 */
int store_cycle_unanswered_each(struct store *st, const char *cycle,
    int (*fn)(const char *person, const char *peer, void *arg), void *arg);

/*
 * Calls fn for each day (YYYY-MM-DD, UTC) on which forms about the cycle's
 * people were stored, oldest first, with the number of forms stored that day
 * per role (every revision counts: a submission is a submission).
 */
int store_cycle_submissions_each(struct store *st, const char *cycle,
    int (*fn)(const char *day, long long self, long long manager, long long peer, void *arg),
    void *arg);

#endif
