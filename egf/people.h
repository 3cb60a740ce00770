/*
 * people.h: the people list (docs/csv.md: id,name,email,team,manager,
 * track,level) read from CSV and checked against a ladder model.
 */
#ifndef EGF_PEOPLE_H
#define EGF_PEOPLE_H

#include <stddef.h>

#include "diag.h"
#include "model.h"
#include "store.h"

struct people_row {
	struct store_person p;	/* owned strings */
	unsigned line;
	unsigned col[7];	/* column of each field, in the order of struct store_person */
};

struct people_list {
	struct people_row *rows;
	size_t n, cap;
};

/*
 * Reads and checks a people CSV against model: header, ids, duplicate ids,
 * tracks and levels. Managers are not checked here (see people_check_managers).
 * Returns 0 (look at dl for errors) or -1 on an I/O error (printed).
 */
int people_read_csv(const char *path, const struct model *m, struct diag_list *dl,
    struct people_list *out);
/*
 * Reports every manager that is neither in the list nor in the store, and
 * people who manage themselves. Returns -1 on a database error.
 */
int people_check_managers(const char *path, const struct people_list *list,
    struct store *st, struct diag_list *dl);
void people_list_clear(struct people_list *list);

enum people_status {
	PEOPLE_OK,
	PEOPLE_INVALID,		/* the file has errors (in dl); nothing stored */
	PEOPLE_UNPUBLISHED,	/* no ladder is published to check against; nothing stored */
	PEOPLE_FAILED,		/* an I/O or database error (printed); nothing stored */
};

/* What people_import stored. */
struct people_import {
	size_t total;		/* rows in the file */
	size_t added;		/* of them new; the others updated */
};

/*
 * Imports the people list at path into st in one transaction: read and
 * checked against the latest published ladder (people_read_csv), managers
 * checked (people_check_managers), then every row inserted or updated by
 * id. Diagnostics are added to dl, not printed; on anything but PEOPLE_OK
 * nothing is stored. Fills *out on PEOPLE_OK.
 */
enum people_status people_import(struct store *st, const char *path, struct diag_list *dl,
    struct people_import *out);

/* 1 when id is a valid person id: [A-Za-z0-9][A-Za-z0-9._@-]* */
int people_valid_id(const char *id);

#endif
