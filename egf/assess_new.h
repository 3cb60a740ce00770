/*
 * assess_new.h: the blank assessment form for a person: the operation
 * behind `egf assess new`, usable from a request handler. It finds the
 * latest published ladder, the person, their target level and the rater,
 * checks them, and writes the form (format: man 5 egf-form) to a buffer.
 * No printing and no exit codes: the caller reports the status.
 */
#ifndef EGF_ASSESS_NEW_H
#define EGF_ASSESS_NEW_H

#include "assess.h"
#include "diag.h"
#include "store.h"
#include "util.h"

/* What form to make. Every string is borrowed from the caller. */
struct assess_new_request {
	const char *person, *cycle;
	enum assess_role role;
	const char *rater;	/* NULL: the person (self) or their manager (manager) */
	const char *target;	/* NULL: the next level on the person's track */
};

enum assess_new_status {
	ASSESS_NEW_OK,
	ASSESS_NEW_UNPUBLISHED,		/* no ladder is published */
	ASSESS_NEW_NO_PERSON,		/* the person is not in the store */
	ASSESS_NEW_BAD_LEVEL,		/* the person's level is not in the ladder */
	ASSESS_NEW_NO_TARGET,		/* the target level is not in the ladder */
	ASSESS_NEW_TOP,			/* the person is at the top of their track */
	ASSESS_NEW_NO_RATER,		/* no rater given and none follows from the role */
	ASSESS_NEW_UNKNOWN_RATER,	/* the rater is not in the store */
	ASSESS_NEW_ROLE_MISMATCH,	/* the rater does not fit the role */
	ASSESS_NEW_FAILED,		/* a database or ladder error (printed) */
};

/*
 * The result: form holds the blank form on ASSESS_NEW_OK; the other fields
 * say as much as the status needs for its message. person and rater are
 * owned (store_person_clear); ladder_id, ladder_version and track are
 * owned copies. Free with assess_new_result_clear, whatever the status.
 */
struct assess_new_result {
	struct buf form;
	struct store_person person;
	const char *rater;		/* borrowed from the request or person */
	char *ladder_id, *ladder_version;
	char *track;			/* the person's track, for ASSESS_NEW_TOP */
};

/* Makes the blank form of req; diagnostics of loading the ladder go to dl. */
enum assess_new_status assess_new_form(struct store *st, struct diag_list *dl,
    const struct assess_new_request *req, struct assess_new_result *out);
void assess_new_result_clear(struct assess_new_result *r);

#endif
