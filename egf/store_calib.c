/* store_calib.c: the calibration snapshot (store_calib.h). */
#include "store_calib.h"

#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "util.h"

/* Rows kept while they are stored (ids owned). */
struct sums {
	struct store_rater_sums *v;
	size_t n, cap;
};

static int
keep(const struct store_rater_sums *row, void *arg)
{
	struct sums *s = arg;

	xgrow((void **)&s->v, &s->cap, s->n + 1, sizeof(*s->v));
	s->v[s->n] = *row;
	s->v[s->n++].rater = xstrdup(row->rater);
	return 0;
}

static void
sums_free(struct sums *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free((char *)s->v[i].rater);
	free(s->v);
}

/*
 * The snapshot in one statement (one read transaction): no row when there is
 * none, one row of NULLs for a snapshot without raters. 1 found, 0 none, -1.
 */
static int
read_snapshot(struct store *st, const char *cycle,
    int (*fn)(const struct store_rater_sums *row, void *arg), void *arg)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT r.rater, r.people, r.nratings, r.sum, "
	    "r.sumsq, r.unsupported, r.activity_only, r.linked, r.unflagged "
	    "FROM calib_snapshots c LEFT JOIN calib_rater_sums r ON r.cycle = c.cycle "
	    "WHERE c.cycle = ?1 ORDER BY r.rater");
	struct store_rater_sums row;
	int rc, found = 0;

	if (s == NULL)
		return -1;
	store_bind_text(s, 1, cycle);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		found = 1;
		if (sqlite3_column_type(s, 0) == SQLITE_NULL)
			continue;
		row.rater = (const char *)sqlite3_column_text(s, 0);
		row.people = sqlite3_column_int64(s, 1);
		row.nratings = sqlite3_column_int64(s, 2);
		row.sum = sqlite3_column_double(s, 3);
		row.sumsq = sqlite3_column_double(s, 4);
		row.unsupported = sqlite3_column_int64(s, 5);
		row.activity_only = sqlite3_column_int64(s, 6);
		row.linked = sqlite3_column_int64(s, 7);
		row.unflagged = sqlite3_column_int64(s, 8);
		if (fn(&row, arg) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	store_stmt_done(st, s);
	if (rc != SQLITE_DONE)
		return store_error(st, "reading the calibration snapshot");
	return found;
}

/* Stores the rows as the cycle's snapshot; inside w's transaction. 0 or -1, quietly. */
static int
write_snapshot(struct store *w, const char *cycle, const struct sums *v)
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
	if (sqlite3_step(s) != SQLITE_DONE)
		goto out;
	sqlite3_finalize(s);
	if (sqlite3_prepare_v2(db, "INSERT INTO calib_rater_sums (cycle, rater, people, "
	    "nratings, sum, sumsq, unsupported, activity_only, linked, unflagged) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", -1, &s, NULL) != SQLITE_OK)
		goto out;
	store_bind_text(s, 1, cycle);
	for (i = 0; i < v->n; i++) {
		const struct store_rater_sums *r = &v->v[i];

		store_bind_text(s, 2, r->rater);
		sqlite3_bind_int64(s, 3, r->people);
		sqlite3_bind_int64(s, 4, r->nratings);
		sqlite3_bind_double(s, 5, r->sum);
		sqlite3_bind_double(s, 6, r->sumsq);
		sqlite3_bind_int64(s, 7, r->unsupported);
		sqlite3_bind_int64(s, 8, r->activity_only);
		sqlite3_bind_int64(s, 9, r->linked);
		sqlite3_bind_int64(s, 10, r->unflagged);
		if (sqlite3_step(s) != SQLITE_DONE)
			goto out;
		sqlite3_reset(s);
	}
	rc = 0;
out:
	sqlite3_finalize(s);
	return rc;
}

/*
 * Sums the cycle under the write lock of a second connection and stores
 * them: nothing can change between the sums and the snapshot. Returns 0
 * when the database cannot be written now (nothing done, v empty), 1 with
 * the sums in v (*kept: whether they were stored), -1 after an error.
 */
static int
build_snapshot(struct store *st, const char *cycle, struct sums *v, int *kept)
{
	struct store *w = store_open_cache_writer(st);
	sqlite3 *db;
	int rc;

	*kept = 0;
	if (w == NULL)
		return 0;
	db = store_sqlite(w);
	if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
		store_close(w);
		return 0;
	}
	/* another run may have stored it since it was looked for */
	if ((rc = read_snapshot(w, cycle, keep, v)) == 0 &&
	    (rc = store_cycle_manager_sums(w, cycle, keep, v)) == 0)
		*kept = write_snapshot(w, cycle, v) == 0 &&
		    sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK;
	if (!sqlite3_get_autocommit(db))
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	store_close(w);
	return rc < 0 ? -1 : 1;
}

int
store_calib_rater_sums(struct store *st, const char *cycle,
    int (*fn)(const struct store_rater_sums *row, void *arg), void *arg, int *stored)
{
	struct sums v = { NULL, 0, 0 };
	size_t i;
	int rc, kept;

	if (stored != NULL)
		*stored = 0;
	if ((rc = read_snapshot(st, cycle, fn, arg)) != 0) {
		if (rc == 1 && stored != NULL)
			*stored = 1;
		return rc < 0 ? -1 : 0;
	}
	if ((rc = build_snapshot(st, cycle, &v, &kept)) < 0) {
		sums_free(&v);
		return -1;
	}
	if (rc == 0) {	/* read-only or locked: summed here, not kept */
		sums_free(&v);
		return store_cycle_manager_sums(st, cycle, fn, arg);
	}
	if (stored != NULL)
		*stored = kept ? 2 : 0;
	for (i = 0; i < v.n; i++)
		if (fn(&v.v[i], arg) != 0)
			break;
	sums_free(&v);
	return 0;
}
