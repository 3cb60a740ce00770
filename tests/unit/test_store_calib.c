/*
 * Unit tests of the calibration snapshot (store_calib.h): what a reader
 * stores through the writer reads back bit for bit as summed from the
 * ratings (store_cycle_manager_sums, and values worked out by hand); every
 * change of the cycle's assessments or ratings, or of a person's level,
 * makes it stale; a locked database gives no writer. That the packets made
 * from it are the same as without it: tests/golden/packet/snapshot.
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

/* Up to 8 rows kept (ids owned). */
static int
keep_row(const struct store_rater_sums *r, void *arg)
{
	struct { struct store_rater_sums v[8]; size_t n; } *rows = arg;

	if (rows->n == 8)
		return 1;
	rows->v[rows->n] = *r;
	rows->v[rows->n++].rater = xstrdup(r->rater);
	return 0;
}

static int
record(const struct store_rater_sums *r, void *arg)
{
	buf_printf(arg, "%s people=%lld n=%lld sum=%.17g sq=%.17g u=%lld a=%lld l=%lld f=%lld;",
	    r->rater, r->people, r->nratings, r->sum, r->sumsq, r->unsupported,
	    r->activity_only, r->linked, r->unflagged);
	return 0;
}

static int
record_share(const struct store_calib_share *r, void *arg)
{
	buf_printf(arg, "%s:%s=%.17g;", r->level, r->person, r->share);
	return 0;
}

/*
 * Stores what a reader would (the sums summed from the ratings under the
 * lock, two shares by hand) and reads it back: the same rows as summed.
 */
static void
store_and_read(struct store *rd, struct buf *summed, struct buf *snap)
{
	static const struct store_calib_share shares[] = {
		{ "bea", "M1", 0.25 }, { "cal", "E1", 1.0 / 3 }, { "dan", "E1", 0.5 },
	};
	struct { struct store_rater_sums v[8]; size_t n; } rows;
	struct store *w = store_calib_writer_begin(rd);
	buf_free(summed);
	buf_free(snap);
	CHECK(w != NULL);
	if (w == NULL)
		return;
	CHECK(store_cycle_manager_sums(w, "C", record, summed) == 0);
	rows.n = 0;
	CHECK(store_cycle_manager_sums(w, "C", keep_row, &rows) == 0);
	CHECK(store_calib_snapshot_write(w, "C", rows.v, rows.n, shares, 3) == 0);
	CHECK(store_calib_writer_end(w, 1) == 0);
	while (rows.n > 0)
		free((char *)rows.v[--rows.n].rater);
	CHECK(store_calib_snapshot_read(rd, "C", "E1", record, record_share, snap) == 1);
	CHECK(snap->data != NULL && summed->data != NULL &&
	    strncmp(snap->data, summed->data, summed->len) == 0);
	CHECK_STR(snap->data + (summed->data ? summed->len : 0),
	    "E1:cal=0.33333333333333331;E1:dan=0.5;");
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
	int rev;

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

	/* by hand, ada rated cal 3, 2 (one unrated) and bea 2, 2; bea rated dan 1 */
	rd = store_open(path, STORE_READ);
	CHECK(rd != NULL);
	CHECK(store_calib_snapshot_read(rd, "C", "E1", record, record_share, &snap) == 0);
	CHECK(snap.data == NULL);
	store_and_read(rd, &summed, &snap);
	CHECK_STR(summed.data, "ada people=2 n=4 sum=9 sq=21 u=1 a=0 l=2 f=0;"
	    "bea people=1 n=1 sum=1 sq=1 u=0 a=1 l=0 f=0;");
	CHECK(count(path, "SELECT count(*) FROM calib_level_shares WHERE cycle = 'C'") == 3);

	/* a new revision (an assessment written) makes it stale, and the sums change */
	st = store_open(path, STORE_WRITE);
	r2[0].value = 3;
	CHECK(store_begin(st) == 0 && store_assessment_add(st, &dan_by_bea, &rev) == 0 &&
	    store_commit(st) == 0);
	store_close(st);
	CHECK(count(path, "SELECT count(*) FROM calib_snapshots") == 0);
	CHECK(count(path, "SELECT count(*) FROM calib_level_shares") == 0);
	store_and_read(rd, &summed, &snap);
	CHECK(strstr(summed.data, "bea people=1 n=1 sum=3 sq=9 ") != NULL);

	/* so does a rating changed or removed, and only the cycle's own */
	CHECK(exec_sql(path, "UPDATE ratings SET value = 0 WHERE value = 3 AND "
	    "assessment = (SELECT id FROM assessments WHERE person = 'cal' AND rater = 'ada')") == 0);
	CHECK(count(path, "SELECT count(*) FROM calib_snapshots") == 0);
	store_and_read(rd, &summed, &snap);
	CHECK(strstr(summed.data, "ada people=2 n=4 sum=6 sq=12 ") != NULL);
	CHECK(exec_sql(path, "DELETE FROM ratings WHERE assessment IN "
	    "(SELECT id FROM assessments WHERE cycle = 'D')") == 0);
	CHECK(count(path, "SELECT count(*) FROM calib_snapshots WHERE cycle = 'C'") == 1);
	CHECK(exec_sql(path, "DELETE FROM ratings WHERE assessment IN "
	    "(SELECT id FROM assessments WHERE person = 'dan' AND cycle = 'C')") == 0);
	CHECK(count(path, "SELECT count(*) FROM calib_snapshots") == 0);

	/* a person's level: changed, it is stale; written the same, it stays */
	store_and_read(rd, &summed, &snap);
	CHECK(exec_sql(path, "UPDATE people SET level = 'E1', name = 'Cal C' WHERE id = 'cal'") == 0);
	CHECK(count(path, "SELECT count(*) FROM calib_snapshots") == 1);
	CHECK(exec_sql(path, "UPDATE people SET level = 'E2' WHERE id = 'cal'") == 0);
	CHECK(count(path, "SELECT count(*) FROM calib_snapshots") == 0);
	CHECK(count(path, "SELECT count(*) FROM calib_level_shares") == 0);

	/* while another holds the write lock, there is no writer (nothing waits) */
	CHECK(sqlite3_open(path, &lock) == SQLITE_OK);
	CHECK(sqlite3_exec(lock, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK);
	CHECK(store_calib_writer_begin(rd) == NULL);
	sqlite3_exec(lock, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(lock);
	store_and_read(rd, &summed, &snap);
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
