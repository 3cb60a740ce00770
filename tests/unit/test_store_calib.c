/*
 * Unit tests of the calibration snapshot (store_calib.h): the manager sums it
 * gives equal those summed from the ratings (store_cycle_manager_sums) and
 * values worked out by hand, it is stored by the first reader, and every
 * change of the cycle's assessments or ratings makes the next reader sum again.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store.h"
#include "store_calib.h"
#include "util.h"
#include "unit.h"

static int
record(const struct store_rater_sums *r, void *arg)
{
	buf_printf(arg, "%s people=%lld n=%lld sum=%.17g sq=%.17g u=%lld a=%lld l=%lld f=%lld;",
	    r->rater, r->people, r->nratings, r->sum, r->sumsq, r->unsupported,
	    r->activity_only, r->linked, r->unflagged);
	return 0;
}

/* The summed and the snapshot's rows of cycle C, as text; *stored from the snapshot. */
static void
both(struct store *st, struct buf *summed, struct buf *snap, int *stored)
{
	buf_free(summed);
	buf_free(snap);
	CHECK(store_cycle_manager_sums(st, "C", record, summed) == 0);
	CHECK(store_calib_rater_sums(st, "C", record, snap, stored) == 0);
	CHECK_STR(snap->data ? snap->data : "", summed->data ? summed->data : "");
}

static long long
count(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	long long n = -1;

	if (sqlite3_open(path, &db) != SQLITE_OK)
		return -1;
	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	return n;
}

static int
exec_sql(const char *path, const char *sql)
{
	sqlite3 *db;
	int rc;

	if (sqlite3_open(path, &db) != SQLITE_OK)
		return -1;
	rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	sqlite3_close(db);
	return rc == SQLITE_OK ? 0 : -1;
}

static void
test_snapshot(void)
{
	char dir[] = "/tmp/egf-calib-XXXXXX";
	char *path;
	struct store *st, *rd;
	struct store_person_in ada = { "ada", "Ada", NULL, "T", NULL, "mgr", "M1" };
	struct store_person_in bea = { "bea", "Bea", NULL, "T", "ada", "mgr", "M1" };
	struct store_person_in cal = { "cal", "Cal", NULL, "T", "ada", "ic", "E1" };
	struct store_person_in dan = { "dan", "Dan", NULL, "T", "bea", "ic", "E1" };
	/* flags: 1 unsupported, 2 activity only, 4 linked */
	struct store_rating r1[] = {
		{ "x.E2.1", "x", 1, 3, "exceeds", NULL, NULL, NULL, 0, 1 },
		{ "x.E2.2", "x", 1, 2, "meets", "did it", NULL, NULL, 0, 4 },
		{ "x.E2.3", "x", 0, 0, NULL, NULL, NULL, NULL, 0, 0 },
	};
	struct store_rating r2[] = {
		{ "x.E2.1", "x", 1, 1, "below", "commits", NULL, NULL, 0, 2 },
	};
	struct store_rating r3[] = {
		{ "x.E2.1", "x", 1, 2, "meets", NULL, NULL, NULL, 0, 0 },
		{ "x.E2.2", "x", 1, 2, "meets", NULL, NULL, NULL, 0, 4 },
	};
	struct store_assessment cal_by_ada = { "cal", "C", "ada", "manager", "E2", 1, "f", "h", r1, 3 };
	struct store_assessment dan_by_bea = { "dan", "C", "bea", "manager", "E2", 1, "f", "h", r2, 1 };
	struct store_assessment bea_by_ada = { "bea", "C", "ada", "manager", "E2", 1, "f", "h", r3, 2 };
	struct store_assessment cal_self = { "cal", "C", "cal", "self", "E2", 1, "f", "h", r3, 2 };
	struct store_assessment other = { "dan", "D", "ada", "manager", "E2", 1, "f", "h", r3, 2 };
	struct buf summed = {0}, snap = {0};
	sqlite3 *lock;
	int rev, stored = -1;

	CHECK(mkdtemp(dir) != NULL);
	path = path_join(dir, "egf.db");
	st = store_open(path, STORE_WRITE);
	CHECK(st != NULL);
	CHECK(store_begin(st) == 0);
	CHECK(store_ladder_insert(st, "l", "1", "hash", "<xml/>") == 0);
	CHECK(store_person_upsert(st, &ada) == 0 && store_person_upsert(st, &bea) == 0 &&
	    store_person_upsert(st, &cal) == 0 && store_person_upsert(st, &dan) == 0);
	CHECK(store_assessment_add(st, &cal_by_ada, &rev) == 0);
	CHECK(store_assessment_add(st, &dan_by_bea, &rev) == 0);
	CHECK(store_assessment_add(st, &bea_by_ada, &rev) == 0);
	CHECK(store_assessment_add(st, &cal_self, &rev) == 0);
	CHECK(store_assessment_add(st, &other, &rev) == 0);
	CHECK(store_commit(st) == 0);
	store_close(st);

	/* a reader stores it: by hand, ada rated cal 3, 2 (one unrated) and bea 2, 2 */
	rd = store_open(path, STORE_READ);
	CHECK(rd != NULL);
	both(rd, &summed, &snap, &stored);
	CHECK(stored == 2);
	CHECK_STR(snap.data, "ada people=2 n=4 sum=9 sq=21 u=1 a=0 l=2 f=0;"
	    "bea people=1 n=1 sum=1 sq=1 u=0 a=1 l=0 f=0;");
	CHECK(count(path, "SELECT count(*) FROM calib_rater_sums WHERE cycle = 'C'") == 2);
	both(rd, &summed, &snap, &stored);
	CHECK(stored == 1);	/* the next reader reads it */

	/* a new revision (an assessment written) makes it stale */
	st = store_open(path, STORE_WRITE);
	r2[0].value = 3;
	CHECK(store_begin(st) == 0 && store_assessment_add(st, &dan_by_bea, &rev) == 0 &&
	    store_commit(st) == 0);
	CHECK(count(path, "SELECT count(*) FROM calib_snapshots") == 0);
	both(rd, &summed, &snap, &stored);
	CHECK(stored == 2);
	CHECK(strstr(snap.data, "bea people=1 n=1 sum=3 sq=9 ") != NULL);

	/* so does a rating changed or removed, and only the cycle's own */
	CHECK(exec_sql(path, "UPDATE ratings SET value = 0 WHERE value = 3 AND "
	    "assessment = (SELECT id FROM assessments WHERE person = 'cal' AND rater = 'ada')") == 0);
	CHECK(count(path, "SELECT count(*) FROM calib_snapshots") == 0);
	both(rd, &summed, &snap, &stored);
	CHECK(stored == 2);
	CHECK(strstr(snap.data, "ada people=2 n=4 sum=6 sq=12 ") != NULL);
	CHECK(exec_sql(path, "DELETE FROM ratings WHERE assessment IN "
	    "(SELECT id FROM assessments WHERE cycle = 'D')") == 0);
	CHECK(count(path, "SELECT count(*) FROM calib_snapshots WHERE cycle = 'C'") == 1);
	CHECK(exec_sql(path, "DELETE FROM ratings WHERE assessment IN "
	    "(SELECT id FROM assessments WHERE person = 'dan' AND cycle = 'C')") == 0);
	CHECK(count(path, "SELECT count(*) FROM calib_snapshots") == 0);
	store_close(st);

	/* while another holds the write lock, the reader sums and stores nothing */
	CHECK(sqlite3_open(path, &lock) == SQLITE_OK);
	CHECK(sqlite3_exec(lock, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK);
	both(rd, &summed, &snap, &stored);
	CHECK(stored == 0);
	CHECK(strstr(snap.data, "bea people=1 n=0 sum=0 sq=0 ") != NULL);
	sqlite3_exec(lock, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(lock);
	CHECK(count(path, "SELECT count(*) FROM calib_snapshots") == 0);
	both(rd, &summed, &snap, &stored);
	CHECK(stored == 2);

	buf_free(&summed);
	buf_free(&snap);
	store_close(rd);
	{
		char *cmd = xasprintf("rm -rf '%s'", dir);

		CHECK(system(cmd) == 0);
		free(cmd);
	}
	free(path);
}

int
main(void)
{
	RUN(test_snapshot);
	return UNIT_EXIT();
}
