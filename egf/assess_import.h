/*
 * assess_import.h: assessment forms and rating CSVs into the store, each
 * validated against its published ladder version and the people in the
 * store before anything is written.
 */
#ifndef EGF_ASSESS_IMPORT_H
#define EGF_ASSESS_IMPORT_H

#include "diag.h"
#include "published.h"
#include "store.h"

enum import_status {
	IMPORT_OK,		/* stored */
	IMPORT_INVALID,		/* diagnosed; nothing stored */
	IMPORT_FAILED,		/* I/O or database error, printed; nothing stored */
};

/*
 * Validates one form file and stores it, in one transaction, as the next
 * revision of (person, cycle, rater). Diagnostics go to dl. A line saying
 * what was stored is printed on stdout.
 */
enum import_status assess_import_form(struct store *st, struct published *pub,
    const char *path, struct diag_list *dl);

/*
 * Imports a CSV of ratings (person,cycle,rater,role,target,expectation,
 * rating,evidence) against the latest published ladder, in one transaction:
 * each run of rows with the same (person, cycle, rater) is one assessment.
 */
enum import_status assess_import_csv(struct store *st, struct published *pub,
    const char *path, struct diag_list *dl);

#endif
