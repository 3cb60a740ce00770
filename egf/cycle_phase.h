/*
 * cycle_phase.h: review cycles with phases (docs/cycles.md). A cycle opened
 * with egf cycle open names its ladder version, its people and its dates,
 * and moves through self, manager, calibration, released and closed:
 * forward one phase at a time by hand, or by its dates.
 *
 * The dates: the manager phase starts the day after self-due; calibration
 * starts on the calibration date (without one, the day after manager-due);
 * released starts on the release date; closed is only ever set by hand. A
 * date has passed at 00:00 UTC of the day that starts the phase, with
 * today taken from SOURCE_DATE_EPOCH when set (as every time stamp egf
 * stores). The phase of a cycle is therefore computed whenever it is read:
 * the later of the stored phase and the phase its dates give today. Every
 * change hr makes to the cycle (phase, reopen) first stores the phases the
 * dates passed, each as an audit entry by "egf", so the audit log shows
 * when each phase was entered and why.
 *
 * Forms of every role are accepted in self and manager; from calibration
 * on they are locked, except a form hr reopened, which is accepted once.
 * A cycle never opened is always open, has no phase and is never released.
 *
 * Operations return a CYCLE_* status; a status other than CYCLE_OK and
 * CYCLE_ERROR comes with the reason in *why (a buf the caller frees). A
 * database error is printed and returns CYCLE_ERROR. Changes are one
 * transaction each, begun and ended here.
 */
#ifndef EGF_CYCLE_PHASE_H
#define EGF_CYCLE_PHASE_H

#include "store.h"
#include "store_cycle.h"
#include "util.h"

enum cycle_phase {
	PHASE_SELF,
	PHASE_MANAGER,
	PHASE_CALIBRATION,
	PHASE_RELEASED,
	PHASE_CLOSED,
	PHASE__MAX,
};

/* "self", "manager", ...; the names egf cycle phase takes. */
const char *cycle_phase_name(enum cycle_phase p);
/* The phase named name, or -1. */
int cycle_phase_parse(const char *name);

/* The names of the dates (self-due, manager-due, calibration, release), by enum store_due. */
const char *cycle_due_name(enum store_due d);
/* 1 when s is a valid calendar date YYYY-MM-DD (years 1970 to 9999). */
int cycle_date_valid(const char *s);
/* Days from date from to date to (both valid YYYY-MM-DD; negative when to is earlier). */
long cycle_days_between(const char *from, const char *to);

enum cycle_status {
	CYCLE_OK,
	CYCLE_NOT_FOUND,	/* no such cycle (or, to open, no such ladder version) */
	CYCLE_CONFLICT,		/* already open, not the next phase, not locked, closed */
	CYCLE_INVALID,		/* bad dates, an unknown person or role */
	CYCLE_ERROR,		/* database error, printed */
};

/* A cycle as read now. */
struct cycle_state {
	int exists;			/* the cycle has a row (forms or opened) */
	int opened;			/* opened with phases */
	enum cycle_phase stored;	/* the phase in the store */
	enum cycle_phase phase;		/* the phase now (stored, or later by the dates) */
	char today[11];			/* the day phase was computed for */
	struct store_cycle_row row;	/* owned */
	char *ladder_id, *version;	/* owned; NULL when never opened */
	long long npeople;
};

/*
 * Reads cycle id into *cs (cleared first; free with cycle_state_clear either
 * way). Returns 0 (cs->exists says whether there is such a cycle) or -1.
 */
int cycle_state_get(struct store *st, const char *id, struct cycle_state *cs);
void cycle_state_clear(struct cycle_state *cs);

/*
 * The first day (YYYY-MM-DD) of phase p by the dates given, into out; 0
 * when no date starts it (self, closed, or a date not given).
 */
int cycle_phase_starts(const char *const due[STORE_NDUE], enum cycle_phase p, char out[11]);
/* The phase the dates give on day today (YYYY-MM-DD). */
enum cycle_phase cycle_phase_by_date(const char *const due[STORE_NDUE], const char *today);

/* What egf cycle open and POST /api/v1/cycles are given. Borrowed. */
struct cycle_open {
	const char *id;
	const char *ladder;		/* the ladder id; NULL: that of the latest published */
	const char *version;
	const char *due[STORE_NDUE];	/* NULL when not given */
	const char *const *people;	/* NULL: everyone in the people table */
	size_t npeople;
	const char *by;			/* who opens it, for the audit log */
};

/*
 * Checks the dates: each a valid date, self-due not after manager-due, and
 * the phases they start in order (manager before calibration before
 * released). CYCLE_OK, or CYCLE_INVALID with *why.
 */
enum cycle_status cycle_dates_check(const char *const due[STORE_NDUE], struct buf *why);

/* Opens a cycle in phase self (or later, if its dates passed already). */
enum cycle_status cycle_phase_open(struct store *st, const struct cycle_open *o,
    struct buf *why);

/*
 * Moves cycle id to phase to, which must be the phase after its phase now
 * (after the dates); by is the actor. On CYCLE_OK *from is the phase left.
 */
enum cycle_status cycle_phase_move(struct store *st, const char *id, enum cycle_phase to,
    const char *by, enum cycle_phase *from, struct buf *why);

/*
 * Reopens one form of a locked cycle (calibration or released; a closed
 * cycle stays closed): the form of role by rater about person may be
 * submitted once more. Audited. CYCLE_CONFLICT when the cycle is not locked
 * or that form is already reopened.
 */
enum cycle_status cycle_phase_reopen(struct store *st, const char *id, const char *person,
    const char *role, const char *rater, const char *by, struct buf *why);

/* Whether a form may be stored now. */
enum cycle_form {
	CYCLE_FORM_OPEN,		/* never opened, or self or manager phase */
	CYCLE_FORM_REOPENED,		/* locked, but hr reopened this form */
	CYCLE_FORM_LOCKED,		/* calibration or later */
	CYCLE_FORM_NOT_IN_CYCLE,	/* the person is not one of the cycle's people */
	CYCLE_FORM_OTHER_LADDER,	/* the form's ladder version is not the cycle's */
};

/*
 * Whether the form of role by rater about person, against ladder version
 * ladder (its rowid; 0 skips that check), may be stored in cycle. *cs is
 * filled as cycle_state_get does (free it with cycle_state_clear). 0 with
 * *out, or -1.
 */
int cycle_phase_form(struct store *st, const char *cycle, const char *person,
    const char *role, const char *rater, long long ladder, enum cycle_form *out,
    struct cycle_state *cs);

/* 1 when forms about person in role are locked in cycle (no reopening asked), 0, -1. */
int cycle_phase_is_locked(struct store *st, const char *cycle, const char *person,
    const char *role);

/*
 * After a form was stored inside the caller's transaction: when it was
 * admitted by a reopening (how is CYCLE_FORM_REOPENED), closes the reopening
 * and audits the submission with its revision. 0 or -1.
 */
int cycle_phase_form_stored(struct store *st, const char *cycle, const char *person,
    const char *role, const char *rater, int revision, enum cycle_form how);

/* 1 when the cycle's results are released to the people (released or closed), 0, -1. */
int cycle_phase_released(struct store *st, const char *cycle);

/*
 * Writes cycle id as JSON (docs/cycles.md) or text to out: phase, ladder,
 * dates, people count, reopened forms and the history of phase moves.
 * Returns CYCLE_OK, CYCLE_NOT_FOUND (with *why) or CYCLE_ERROR.
 */
enum cycle_status cycle_phase_show(struct store *st, const char *id, int json, struct buf *out,
    struct buf *why);

#endif
