/*
 * assess_import.h: assessment forms and rating CSVs into the store, each
 * validated against its published ladder version and the people in the
 * store before anything is written.
 */
#ifndef EGF_ASSESS_IMPORT_H
#define EGF_ASSESS_IMPORT_H

#include "diag.h"
#include "store_published.h"
#include "store.h"

enum import_status {
	IMPORT_OK,		/* stored */
	IMPORT_INVALID,		/* diagnosed; nothing stored */
	IMPORT_FAILED,		/* I/O or database error, printed; nothing stored */
	IMPORT_STALE,		/* assess_import_read_if: not the expected revision; nothing stored */
};

/*
 * Validates one form file and stores it, in one transaction, as the next
 * revision of (person, cycle, rater). Diagnostics go to dl. A line saying
 * what was stored is printed on stdout.
 */
enum import_status assess_import_form(struct store *st, struct published *pub,
    const char *path, struct diag_list *dl);

struct assess_form;
/*
 * The same for a form already read (assess_form_read or _read_buffer, its
 * shape diagnosed into dl): checks it against its published ladder version
 * and the people in the store and stores it, in one transaction, as the
 * next revision, unless dl holds more errors than errors (its count before
 * the form was read). On IMPORT_OK *revision is that revision and *nratings the
 * number of ratings stored. Prints nothing on success; egf serve and egf
 * assess import both call it.
 */
enum import_status assess_import_read(struct store *st, struct published *pub,
    const struct assess_form *form, struct diag_list *dl, size_t errors, int *revision,
    size_t *nratings);

/*
 * The same, stored only when the rater's current form of that role about
 * that person in that cycle (store_form_revision) is at revision expect (0:
 * none stored yet): the revision the client edited. The comparison is made
 * in the transaction that stores the form, so two writers cannot both pass
 * it. IMPORT_STALE (nothing stored, *current the revision now) when it
 * differs; a form that is also invalid is IMPORT_INVALID first.
 */
enum import_status assess_import_read_if(struct store *st, struct published *pub,
    const struct assess_form *form, struct diag_list *dl, size_t errors, long long expect,
    long long *current, int *revision, size_t *nratings);

/*
 * Imports a CSV of ratings (person,cycle,rater,role,target,expectation,
 * rating,evidence) against the latest published ladder, in one transaction:
 * each run of rows with the same (person, cycle, rater) is one assessment.
 */
enum import_status assess_import_csv(struct store *st, struct published *pub,
    const char *path, struct diag_list *dl);

#endif
