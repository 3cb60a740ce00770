/*
 * unit_db.h: a store in a fresh temporary directory for a unit test, and
 * its removal with its WAL and shared-memory files. Exits 2 when either
 * cannot be made.
 */
#ifndef EGF_UNIT_DB_H
#define EGF_UNIT_DB_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "store.h"
#include "util.h"

struct db {
	char *dir, *path;	/* owned */
	struct store *st;	/* owned: opened for writing, so created and migrated */
};

static void
db_open(struct db *d)
{
	d->dir = xstrdup("/tmp/egf-unit-db-XXXXXX");
	if (mkdtemp(d->dir) == NULL) {
		perror("mkdtemp");
		exit(2);
	}
	d->path = path_join(d->dir, "t.db");
	d->st = store_open(d->path, STORE_WRITE);
	if (d->st == NULL)
		exit(2);
}

static void
db_close(struct db *d)
{
	const char *const sides[] = { "", "-wal", "-shm" };
	size_t i;

	store_close(d->st);
	for (i = 0; i < 3; i++) {
		char *p = xasprintf("%s%s", d->path, sides[i]);

		unlink(p);
		free(p);
	}
	rmdir(d->dir);
	free(d->path);
	free(d->dir);
}

#endif
