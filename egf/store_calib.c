/* store_calib.c: the calibration snapshot (store_calib.h). */
#include "store_calib.h"

#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "util.h"

struct sums_reader {
	int (*fn)(const struct store_rater_sums *row, void *arg);
	void *arg;
	int *found;
};

static int
sums_row(sqlite3_stmt *s, void *arg)
{
	struct sums_reader *r = arg;
	struct store_rater_sums row;

	*r->found = 1;
	if (sqlite3_column_type(s, 0) == SQLITE_NULL)
		return 0;
	row.rater = (const char *)sqlite3_column_text(s, 0);
	row.people = sqlite3_column_int64(s, 1);
	row.nratings = sqlite3_column_int64(s, 2);
	row.sum = sqlite3_column_double(s, 3);
	row.sumsq = sqlite3_column_double(s, 4);
	row.unsupported = sqlite3_column_int64(s, 5);
	row.activity_only = sqlite3_column_int64(s, 6);
	row.linked = sqlite3_column_int64(s, 7);
	row.unflagged = sqlite3_column_int64(s, 8);
	return r->fn(&row, r->arg);
}

static int
read_sums(struct store *st, const char *cycle,
    int (*fn)(const struct store_rater_sums *row, void *arg), void *arg, int *found)
{
	/* no row: no snapshot; one row of NULLs: a snapshot without raters */
	sqlite3_stmt *s = store_stmt(st, "SELECT r.rater, r.people, r.nratings, r.sum, "
	    "r.sumsq, r.unsupported, r.activity_only, r.linked, r.unflagged "
	    "FROM calib_snapshots c LEFT JOIN calib_rater_sums r ON r.cycle = c.cycle "
	    "WHERE c.cycle = ?1 ORDER BY r.rater");
	struct sums_reader r = { fn, arg, found };

	*found = 0;
	if (s == NULL)
		return -1;
	store_bind_text(s, 1, cycle);
	return store_rows(st, s, sums_row, &r, "reading the calibration snapshot");
}

struct shares_reader {
	int (*fn)(const struct store_calib_share *row, void *arg);
	void *arg;
	const char *level;
};

static int
shares_row(sqlite3_stmt *s, void *arg)
{
	struct shares_reader *r = arg;
	struct store_calib_share row;

	row.level = r->level;
	row.person = (const char *)sqlite3_column_text(s, 0);
	row.share = sqlite3_column_double(s, 1);
	return r->fn(&row, r->arg);
}

static int
read_shares(struct store *st, const char *cycle, const char *level,
    int (*fn)(const struct store_calib_share *row, void *arg), void *arg)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT person, share FROM calib_level_shares "
	    "WHERE cycle = ?1 AND level = ?2 ORDER BY person");
	struct shares_reader r = { fn, arg, level };

	if (s == NULL)
		return -1;
	store_bind_text(s, 1, cycle);
	store_bind_text(s, 2, level);
	return store_rows(st, s, shares_row, &r, "reading the calibration snapshot");
}

int
store_calib_snapshot_read(struct store *st, const char *cycle, const char *level,
    int (*sums_fn)(const struct store_rater_sums *row, void *arg),
    int (*share_fn)(const struct store_calib_share *row, void *arg), void *arg)
{
	sqlite3 *db = store_sqlite(st);
	int own = sqlite3_get_autocommit(db), found = 0, rc;

	/* both reads in one transaction: a writer cannot come between them */
	if (own && sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		return store_error(st, "reading the calibration snapshot");
	rc = read_sums(st, cycle, sums_fn, arg, &found);
	if (rc == 0 && found && level != NULL)
		rc = read_shares(st, cycle, level, share_fn, arg);
	if (own)
		sqlite3_exec(db, rc == 0 ? "COMMIT" : "ROLLBACK", NULL, NULL, NULL);
	return rc < 0 ? -1 : found;
}

struct store *
store_calib_writer_begin(struct store *st)
{
	struct store *w = store_open_cache_writer(st);

	if (w != NULL && sqlite3_exec(store_sqlite(w), "BEGIN IMMEDIATE", NULL, NULL,
	    NULL) != SQLITE_OK) {
		store_close(w);
		return NULL;
	}
	return w;
}

/* Steps an insert; 0 or -1 (the caller rolls back: a cache not stored is no error). */
static int
insert(sqlite3_stmt *s)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

int
store_calib_snapshot_write(struct store *w, const char *cycle,
    const struct store_rater_sums *sums, size_t nsums,
    const struct store_calib_share *shares, size_t nshares)
{
	sqlite3 *db = store_sqlite(w);
	sqlite3_stmt *s = NULL;
	char now[32];
	size_t i;
	int rc = -1;

	store_now(now);
	if (sqlite3_prepare_v2(db, "INSERT INTO calib_snapshots (cycle, built_at) "
	    "VALUES (?1, ?2)", -1, &s, NULL) != SQLITE_OK)
		goto out;
	store_bind_text(s, 1, cycle);
	store_bind_text(s, 2, now);
	if (insert(s) != 0)
		goto out;
	sqlite3_finalize(s);
	if (sqlite3_prepare_v2(db, "INSERT INTO calib_rater_sums (cycle, rater, people, "
	    "nratings, sum, sumsq, unsupported, activity_only, linked, unflagged) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", -1, &s, NULL) != SQLITE_OK)
		goto out;
	store_bind_text(s, 1, cycle);
	for (i = 0; i < nsums; i++) {
		const struct store_rater_sums *r = &sums[i];

		store_bind_text(s, 2, r->rater);
		sqlite3_bind_int64(s, 3, r->people);
		sqlite3_bind_int64(s, 4, r->nratings);
		sqlite3_bind_double(s, 5, r->sum);
		sqlite3_bind_double(s, 6, r->sumsq);
		sqlite3_bind_int64(s, 7, r->unsupported);
		sqlite3_bind_int64(s, 8, r->activity_only);
		sqlite3_bind_int64(s, 9, r->linked);
		sqlite3_bind_int64(s, 10, r->unflagged);
		if (insert(s) != 0)
			goto out;
	}
	sqlite3_finalize(s);
	if (sqlite3_prepare_v2(db, "INSERT INTO calib_level_shares (cycle, level, person, "
	    "share) VALUES (?1, ?2, ?3, ?4)", -1, &s, NULL) != SQLITE_OK)
		goto out;
	store_bind_text(s, 1, cycle);
	for (i = 0; i < nshares; i++) {
		store_bind_text(s, 2, shares[i].level);
		store_bind_text(s, 3, shares[i].person);
		sqlite3_bind_double(s, 4, shares[i].share);
		if (insert(s) != 0)
			goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(s);
	return rc;
}

int
store_calib_writer_end(struct store *w, int commit)
{
	sqlite3 *db;
	int rc = -1;

	if (w == NULL)
		return -1;
	db = store_sqlite(w);
	if (commit && sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK)
		rc = 0;
	if (!sqlite3_get_autocommit(db))
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	store_close(w);
	return rc;
}
