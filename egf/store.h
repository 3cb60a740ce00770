/*
 * store.h: egf's SQLite database: published ladder versions, people,
 * cycles, assessments with their ratings, evidence and private notes,
 * decisions and the audit log (schema: docs/store.md).
 *
 * Every function that can fail prints what went wrong ("egf: DB: ...") and
 * returns -1 (or NULL); the caller turns that into exit status 2. SQL goes
 * only through prepared statements with bound parameters.
 */
#ifndef EGF_STORE_H
#define EGF_STORE_H

#include <stddef.h>

struct store;

/* The current schema version (PRAGMA user_version). */
#define STORE_SCHEMA_VERSION 14

/* The database path: explicit, else $EGF_DB, else ./egf.db. Borrowed. */
const char *store_path(const char *explicit_path);

enum store_mode {
	STORE_READ,		/* the database must exist */
	STORE_WRITE,		/* created (mode 0600) and migrated when needed */
};

/* Opens the database; NULL after printing the reason. Close with store_close. */
struct store *store_open(const char *path, enum store_mode mode);
/* Closes the database; accepts NULL. */
void store_close(struct store *st);

/* One transaction per change: BEGIN IMMEDIATE, COMMIT, ROLLBACK. */
int store_begin(struct store *st);
int store_commit(struct store *st);
void store_rollback(struct store *st);

/* The time stamp stored with changes: SOURCE_DATE_EPOCH when set, else now (UTC ISO 8601). */
void store_now(char out[32]);

/* ---- ladder versions ---- */

struct store_ladder {
	long long rowid;
	char *ladder, *version, *hash, *model_xml, *published_at;	/* owned */
};

/* 1 and *out filled when found, 0 when not, -1 on error. */
int store_ladder_find(struct store *st, const char *ladder, const char *version,
    struct store_ladder *out);
/* The most recently published version of any ladder; 1, 0 or -1. */
int store_ladder_latest(struct store *st, struct store_ladder *out);
/* The version with that rowid; 1, 0 or -1. */
int store_ladder_get(struct store *st, long long rowid, struct store_ladder *out);
int store_ladder_insert(struct store *st, const char *ladder, const char *version,
    const char *hash, const char *model_xml);
/* Frees what the struct owns; accepts a zeroed struct. */
/*
 * The binary form of version rowid's model in format (model_bin.h), when
 * kept for the version's present content hash: calls fn(data, len, arg)
 * with its bytes (SQLite's, valid during the call) and returns 1 with that
 * hash in hash; 0 when none is kept, -1 on error (printed).
 */
int store_ladder_model_get(struct store *st, long long rowid, int format, char hash[65],
    void (*fn)(const void *data, size_t len, void *arg), void *arg);
/*
 * Keeps the binary form of version rowid (content hash hash), on a
 * connection of its own, so that a read-only command may fill the cache
 * too (store_open_cache_writer). 0, or -1 when it could not (a read-only
 * or locked database): nothing is lost, the next load reads the XML.
 */
int store_ladder_model_put(const struct store *st, long long rowid, const char *hash,
    int format, const void *data, size_t len);
void store_ladder_clear(struct store_ladder *l);

/* ---- people ---- */

/* A person as the store gives it (a result): every string owned, store_person_clear. */
struct store_person {
	char *id, *name, *email, *team, *manager, *track, *level;	/* owned; NULL when empty */
};

/* A person to store (an input): every string borrowed from the caller; NULL when empty. */
struct store_person_in {
	const char *id, *name, *email, *team, *manager, *track, *level;
};

/* 1 and *out filled (owned by the caller) when found, 0 when not, -1 on error. */
int store_person_get(struct store *st, const char *id, struct store_person *out);
/* Inserts or updates by id; p and its strings stay the caller's. */
int store_person_upsert(struct store *st, const struct store_person_in *p);
/* The input view of a result: borrows p's strings. */
struct store_person_in store_person_in(const struct store_person *p);
void store_person_clear(struct store_person *p);
/* Calls fn for every person, by id; the record is only valid during the call. */
int store_people_each(struct store *st, int (*fn)(const struct store_person *p, void *arg),
    void *arg);

/* ---- cycles and assessments ---- */

int store_cycle_ensure(struct store *st, const char *cycle);

/* A rating's `Link: TARGET (KIND)`. */
struct store_link {
	const char *target;
	const char *kind;
};

struct store_rating {
	const char *expectation;
	const char *competency;
	int rated;		/* 0: left empty */
	long value;
	const char *scale_id;
	const char *evidence;	/* NULL or text */
	const char *private_note;	/* NULL or text */
	const struct store_link *links;	/* nlinks, in form order */
	size_t nlinks;
	int flags;		/* evidence.h's EVIDENCE_* of the rating, computed by the caller */
};

struct store_assessment {
	const char *person, *cycle, *rater, *role, *target;
	long long ladder;	/* rowid of the ladder version */
	const char *source;	/* the file it came from */
	const char *source_hash;
	const struct store_rating *ratings;
	size_t nratings;
};

/*
 * Stores an assessment as the next revision of (person, cycle, rater); the
 * previous revision stays in history. *revision receives the number.
 * Call inside a transaction.
 */
int store_assessment_add(struct store *st, const struct store_assessment *a, int *revision);

/* One rating of a current (latest-revision) assessment, as queries return it. */
struct store_rating_row {
	long long assessment;
	long long ladder;
	const char *person, *rater, *role, *target, *expectation;
	int rated;
	long value;
	const char *evidence;		/* NULL when none */
	const char *private_note;	/* NULL when none or not asked for */
	const struct store_link *links;	/* read with STORE_EVIDENCE; nlinks in form order */
	size_t nlinks;
	int flags;		/* the stored EVIDENCE_* flags; -1 when stored before schema 5 */
};

/*
 * Calls fn for every rating of the current assessments of a cycle (of one
 * person when person is non-NULL), ordered by person, role, rater,
 * assessment, expectation. Evidence and links are read only with
 * STORE_EVIDENCE, private notes only with STORE_PRIVATE (flags). Every row
 * carries its stored evidence flags; a rating stored before they were
 * (flags -1, schema 3 and older, so without links) also carries its
 * evidence, so that the caller can judge it. The row is only valid during
 * the call. fn returns 0 to go on, non-zero to stop. Returns 0, or -1.
 */
enum { STORE_EVIDENCE = 1, STORE_PRIVATE = 2 };
int store_cycle_ratings(struct store *st, const char *cycle, const char *person,
    int flags, int (*fn)(const struct store_rating_row *row, void *arg), void *arg);
/* The same, of the people whose level (in the people table) is level when non-NULL. */
int store_cycle_ratings_at(struct store *st, const char *cycle, const char *person,
    const char *level, int flags, int (*fn)(const struct store_rating_row *row, void *arg),
    void *arg);
/*
 * The same, of manager and everyone below them in the manager chain (the
 * server's pages for a manager read no one else's assessments).
 */
int store_cycle_ratings_chain(struct store *st, const char *cycle, const char *manager,
    int flags, int (*fn)(const struct store_rating_row *row, void *arg), void *arg);

/*
 * The manager ratings of a cycle's current assessments, summed per rater as
 * the calibration report counts them: each person's manager ratings (all of
 * them) go to their first manager rater (in id order). people: the people
 * whose ratings those are; nratings: the rated ones, with their sum and sum
 * of squares. Calls fn per rater in id order; the row is only valid during
 * the call. Returns 0, or -1 on error (printed).
 */
struct store_rater_sums {
	const char *rater;
	long long people, nratings;
	double sum, sumsq;
	/* the stored evidence flags of those ratings; unflagged counts ratings
	 * stored before schema 5, whose flags only their evidence text can give */
	long long unsupported, activity_only, linked, unflagged;
};
int store_cycle_manager_sums(struct store *st, const char *cycle,
    int (*fn)(const struct store_rater_sums *row, void *arg), void *arg);

/* Calls fn for each person id assessed in the cycle, in order. */
int store_cycle_people(struct store *st, const char *cycle,
    int (*fn)(const char *person, void *arg), void *arg);

/* ---- team outcomes ---- */

/* One measure of a team in a cycle (docs/outcomes.md). Strings borrowed. */
struct store_outcome {
	const char *team, *cycle, *kind, *name;
	double value;
	int has_target;
	double target;
	const char *unit, *source;	/* NULL when empty */
};

/*
 * Replaces the current outcomes of (team, cycle) with rows (all of that team
 * and cycle) as the next revision; the previous one stays in history.
 * *revision receives the number. Call inside a transaction.
 */
int store_outcomes_replace(struct store *st, const char *team, const char *cycle,
    const struct store_outcome *rows, size_t n, const char *file, int *revision);

/*
 * Calls fn for each current outcome of a cycle (of one team when team is
 * non-NULL), ordered by team, kind, name. The row is valid during the call.
 */
int store_outcomes_each(struct store *st, const char *cycle, const char *team,
    int (*fn)(const struct store_outcome *o, void *arg), void *arg);

/*
 * The cycle with current outcomes of the team whose id sorts just before
 * cycle: 1 with *prev (the caller frees it), 0 when there is none, -1.
 */
int store_outcomes_previous_cycle(struct store *st, const char *team, const char *cycle,
    char **prev);

/* 1 when a current key result (kind okr) named id exists for the cycle, 0 when not, -1. */
int store_okr_exists(struct store *st, const char *cycle, const char *id);

/* ---- decisions and the audit log ---- */

/* A decision as the store gives it (a result): every string owned, store_decision_clear. */
struct store_decision {
	char *person, *cycle, *outcome, *to_level, *decided_by, *note, *decided_at;	/* owned */
};

/* A decision to store (an input): every string borrowed; to_level and note may be NULL. */
struct store_decision_in {
	const char *person, *cycle, *outcome, *to_level, *decided_by, *note;
};

/* 1 and *out filled (owned by the caller) when recorded, 0 when not, -1 on error. */
int store_decision_get(struct store *st, const char *person, const char *cycle,
    struct store_decision *out);
/*
 * Records or replaces the decision for (person, cycle) and appends an audit
 * entry with the decision before and after; the time is set here. d stays
 * the caller's. Call inside a transaction.
 */
int store_decision_set(struct store *st, const struct store_decision_in *d);
void store_decision_clear(struct store_decision *d);
/* Calls fn for each decision of a cycle, by person. */
int store_cycle_decisions(struct store *st, const char *cycle,
    int (*fn)(const struct store_decision *d, void *arg), void *arg);

struct store_audit {
	long long id;
	const char *at, *actor, *action, *subject, *before, *after;	/* borrowed, NULL-able */
};

/*
 * Calls fn for each audit entry (of one cycle when cycle is non-NULL: the
 * cycle itself, as its phase moves, and its subjects CYCLE/...), oldest first.
 */
int store_audit_each(struct store *st, const char *cycle,
    int (*fn)(const struct store_audit *a, void *arg), void *arg);

/* Counts rows of a table (for tests and summaries); -1 on error. */
long long store_count(struct store *st, const char *table);

/*
 * What the database holds, as far as this connection can tell: state[0]
 * changes when another connection (of this process or another) committed
 * (PRAGMA data_version), state[1] when this one changed rows. Equal states
 * read at two moments mean nothing was committed in between. 0 or -1.
 */
int store_state(struct store *st, long long state[2]);

#endif
