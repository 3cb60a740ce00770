/*
 * store_int.h: for the store's own modules (store.c, store_person_data.c)
 * only: the connection behind a struct store. Commands never include it.
 */
#ifndef EGF_STORE_INT_H
#define EGF_STORE_INT_H

#include <sqlite3.h>

struct store;

/* The connection; borrowed, valid until store_close. */
sqlite3 *store_sqlite(struct store *st);
/* The database's path, for messages; borrowed. */
const char *store_file(const struct store *st);

#endif
