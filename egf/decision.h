/*
 * decision.h: recording a promotion decision, checked against the store:
 * the operation behind `egf decide` and the decisions route of egf serve.
 * No printing and no exit codes: the caller reports the status.
 */
#ifndef EGF_DECISION_H
#define EGF_DECISION_H

#include "diag.h"
#include "store.h"

/* A decision to record. Every string is borrowed from the caller. */
struct decision_request {
	const char *person, *cycle, *outcome;	/* outcome: promote, hold or defer */
	const char *to_level;			/* NULL: promote to the target level */
	const char *decided_by, *note;		/* note may be NULL */
};

enum decision_status {
	DECISION_OK,
	DECISION_NO_PERSON,	/* no person request->person */
	DECISION_NO_DECIDER,	/* no person request->decided_by */
	DECISION_NOT_ASSESSED,	/* the person has no assessment in the cycle */
	DECISION_NO_LEVEL,	/* to_level is not a level of the person's ladder */
	DECISION_FAILED,	/* a database or ladder error (printed) */
};

/* What was recorded, and what it replaced. Every string owned; decision_result_clear. */
struct decision_result {
	int changed;			/* 1: it replaced an earlier decision */
	char *to_level;			/* the level recorded (NULL for hold and defer) */
	char *old_outcome, *old_to_level;	/* the replaced decision, when changed */
	char *ladder_id, *ladder_version;	/* the person's ladder, for DECISION_NO_LEVEL */
};

/*
 * Checks req against st (both people exist, the person is assessed in the
 * cycle, to_level is a level of their ladder) and records it with its
 * audit entry in one transaction. A promotion without to_level goes to the
 * person's target level. Diagnostics of loading the cycle go to dl. *out
 * is filled as far as the status says; clear it in any case.
 */
enum decision_status decision_record(struct store *st, struct diag_list *dl,
    const struct decision_request *req, struct decision_result *out);
void decision_result_clear(struct decision_result *r);

#endif
