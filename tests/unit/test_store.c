/* Unit tests of the SQLite store. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store.h"
#include "util.h"
#include "unit.h"

static char *
temp_path(void)
{
	char *dir = xstrdup("/tmp/egf-store-XXXXXX");

	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		exit(2);
	}
	return dir;
}

static int
raw_exec(const char *path, const char *sql)
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
cleanup(char *dir, char *path)
{
	char *side;

	unlink(path);
	side = xasprintf("%s-wal", path);
	unlink(side);
	free(side);
	side = xasprintf("%s-shm", path);
	unlink(side);
	free(side);
	rmdir(dir);
	free(path);
	free(dir);
}

/* Created 0600 with the current schema; reading a missing database fails. */
static void
test_create(void)
{
	char *dir = temp_path(), *path = path_join(dir, "egf.db");
	struct store *st;
	struct stat sb;

	CHECK(store_open(path, STORE_READ) == NULL);
	CHECK(access(path, F_OK) != 0);
	st = store_open(path, STORE_WRITE);
	CHECK(st != NULL);
	CHECK(stat(path, &sb) == 0 && (sb.st_mode & 0777) == 0600);
	CHECK(store_count(st, "people") == 0);
	CHECK(store_count(st, "no_such_table") == -1);
	store_close(st);
	cleanup(dir, path);
}

/* The audit log refuses UPDATE and DELETE even through plain SQL. */
static void
test_audit_append_only(void)
{
	char *dir = temp_path(), *path = path_join(dir, "egf.db");
	struct store *st = store_open(path, STORE_WRITE);

	CHECK(store_begin(st) == 0 && store_commit(st) == 0);
	store_close(st);
	CHECK(raw_exec(path, "INSERT INTO audit_log (at, actor, action, subject) "
	    "VALUES ('t', 'hr', 'decide', 'ada')") == 0);
	CHECK(raw_exec(path, "UPDATE audit_log SET actor = 'x'") == -1);
	CHECK(raw_exec(path, "DELETE FROM audit_log") == -1);
	st = store_open(path, STORE_READ);
	CHECK(store_count(st, "audit_log") == 1);
	store_close(st);
	cleanup(dir, path);
}

/* A newer schema is refused; a database without a schema is migrated. */
static void
test_versions(void)
{
	char *dir = temp_path(), *path = path_join(dir, "egf.db");
	struct store *st;

	CHECK(raw_exec(path, "PRAGMA user_version = 0") == 0);
	CHECK(store_open(path, STORE_READ) == NULL);	/* older: reading does not migrate */
	st = store_open(path, STORE_WRITE);
	CHECK(st != NULL && store_count(st, "assessments") == 0);
	store_close(st);
	CHECK(raw_exec(path, "PRAGMA user_version = 99") == 0);
	CHECK(store_open(path, STORE_WRITE) == NULL);
	CHECK(store_open(path, STORE_READ) == NULL);
	cleanup(dir, path);
}

/* Another program's database (tables, no egf schema version) is left alone. */
static void
test_foreign_database(void)
{
	char *dir = temp_path(), *path = path_join(dir, "f.db");

	CHECK(raw_exec(path, "CREATE TABLE x (a)") == 0);
	CHECK(store_open(path, STORE_WRITE) == NULL);
	CHECK(store_open(path, STORE_READ) == NULL);
	CHECK(raw_exec(path, "SELECT count(*) FROM x") == 0);
	CHECK(raw_exec(path, "SELECT count(*) FROM people") == -1);	/* nothing added */
	cleanup(dir, path);
}

/* A negative schema version is refused, never used as an index. */
static void
test_negative_version(void)
{
	char *dir = temp_path(), *path = path_join(dir, "n.db");
	static const char *const versions[] = { "-1", "-100000", "-2147483648" };
	size_t i;

	for (i = 0; i < 3; i++) {
		char *sql = xasprintf("PRAGMA user_version = %s", versions[i]);

		CHECK(raw_exec(path, sql) == 0);
		CHECK(store_open(path, STORE_WRITE) == NULL);
		CHECK(store_open(path, STORE_READ) == NULL);
		free(sql);
	}
	cleanup(dir, path);
}

/* A database file this run created stays only when a change was committed. */
static void
test_created_only_by_a_change(void)
{
	char *dir = temp_path(), *path = path_join(dir, "egf.db");
	struct store *st = store_open(path, STORE_WRITE);

	CHECK(st != NULL && access(path, F_OK) == 0);
	store_close(st);
	CHECK(access(path, F_OK) != 0);
	st = store_open(path, STORE_WRITE);
	CHECK(st != NULL && store_begin(st) == 0 && store_commit(st) == 0);
	store_close(st);
	CHECK(access(path, F_OK) == 0);
	st = store_open(path, STORE_WRITE);	/* it exists now: kept without a change */
	store_close(st);
	CHECK(access(path, F_OK) == 0);
	cleanup(dir, path);
}

/* Upsert by id; revisions of an assessment; only the last is current. */
static void
test_people_and_revisions(void)
{
	char *dir = temp_path(), *path = path_join(dir, "egf.db");
	struct store *st = store_open(path, STORE_WRITE);
	struct store_person_in p = { "ada", "Ada", NULL, "T", NULL, "ic", "E1" };
	struct store_person got;
	struct store_rating r = { "x.E2.1", "x", 1, 2, "meets", "did it", "secret", NULL, 0, 0 };
	struct store_assessment a = { "ada", "2026-H2", "ada", "self", "E2", 0, "f.md", "h",
	    &r, 1 };
	int rev = 0;

	CHECK(store_begin(st) == 0);
	CHECK(store_ladder_insert(st, "l", "1", "hash", "<xml/>") == 0);
	CHECK(store_person_upsert(st, &p) == 0);
	p.name = "Ada Lovelace";
	CHECK(store_person_upsert(st, &p) == 0);
	CHECK(store_commit(st) == 0);
	CHECK(store_person_get(st, "ada", &got) == 1);
	CHECK_STR(got.name, "Ada Lovelace");
	CHECK(got.email == NULL);
	store_person_clear(&got);
	CHECK(store_person_get(st, "x'); DROP TABLE people;--", &got) == 0);
	CHECK(store_count(st, "people") == 1);

	a.ladder = 1;
	CHECK(store_begin(st) == 0);
	CHECK(store_assessment_add(st, &a, &rev) == 0 && rev == 1);
	CHECK(store_assessment_add(st, &a, &rev) == 0 && rev == 2);
	CHECK(store_commit(st) == 0);
	CHECK(store_count(st, "assessments") == 2);
	CHECK(store_count(st, "ratings") == 2);
	CHECK(store_count(st, "private_notes") == 2);
	store_close(st);
	CHECK(raw_exec(path, "SELECT CASE WHEN (SELECT group_concat(revision || ':' || current) "
	    "FROM assessments) = '1:0,2:1' THEN 1 ELSE abs(-9223372036854775808) END") == 0);
	cleanup(dir, path);
}

struct trace {
	struct store *st;
	struct buf seen;
	struct buf nested;
	int stop_after;		/* stop after this many rows; 0: never */
	int rows;
};

static int
record_row(const struct store_rating_row *row, void *arg)
{
	struct buf *b = arg;

	buf_printf(b, "%s/%s/%s/%s=%ld%s%s;", row->person, row->role, row->rater,
	    row->expectation, row->rated ? row->value : -1L,
	    row->evidence ? ":" : "", row->evidence ? row->evidence : "");
	return 0;
}

/* Each row is recorded; the first also runs the same query again inside. */
static int
nest_row(const struct store_rating_row *row, void *arg)
{
	struct trace *t = arg;
	struct store_person p;

	record_row(row, &t->seen);
	if (t->rows++ == 0)
		CHECK(store_cycle_ratings(t->st, "C", NULL, STORE_EVIDENCE, record_row,
		    &t->nested) == 0);
	CHECK(store_person_get(t->st, row->person, &p) == 1);
	store_person_clear(&p);
	return t->stop_after != 0 && t->rows >= t->stop_after;
}

/*
 * Ratings of a cycle come ordered by person, role, rater and expectation;
 * the same query nested in its own loop, a stop part-way and a second run
 * (statements kept by the store) all see the same rows.
 */
static void
test_cycle_ratings(void)
{
	char *dir = temp_path(), *path = path_join(dir, "egf.db");
	struct store *st = store_open(path, STORE_WRITE);
	struct store_person_in ada = { "ada", "Ada", NULL, "T", NULL, "ic", "E1" };
	struct store_person_in bob = { "bob", "Bob", NULL, "T", "ada", "ic", "E1" };
	struct store_rating r1[] = {
		{ "x.E2.2", "x", 1, 3, "exceeds", NULL, NULL, NULL, 0, 0 },
		{ "x.E2.1", "x", 1, 2, "meets", "shipped it", NULL, NULL, 0, 0 },
	};
	struct store_rating r2[] = {
		{ "x.E2.1", "x", 0, 0, NULL, NULL, NULL, NULL, 0, 0 },
		{ "x.E2.2", "x", 1, 1, "below", NULL, NULL, NULL, 0, 0 },
	};
	struct store_assessment bob_self = { "bob", "C", "bob", "self", "E2", 1, "f", "h", r1, 2 };
	struct store_assessment bob_mgr = { "bob", "C", "ada", "manager", "E2", 1, "f", "h", r2, 2 };
	struct store_assessment ada_self = { "ada", "C", "ada", "self", "E2", 1, "f", "h", r2, 2 };
	struct store_assessment other = { "ada", "D", "ada", "self", "E2", 1, "f", "h", r1, 2 };
	const char *all = "ada/self/ada/x.E2.1=-1;ada/self/ada/x.E2.2=1;"
	    "bob/manager/ada/x.E2.1=-1;bob/manager/ada/x.E2.2=1;"
	    "bob/self/bob/x.E2.1=2:shipped it;bob/self/bob/x.E2.2=3;";
	struct trace t = { st, {0}, {0}, 0, 0 };
	struct buf again = {0};
	int rev, i;

	CHECK(store_begin(st) == 0);
	CHECK(store_ladder_insert(st, "l", "1", "hash", "<xml/>") == 0);
	CHECK(store_person_upsert(st, &ada) == 0 && store_person_upsert(st, &bob) == 0);
	CHECK(store_assessment_add(st, &bob_self, &rev) == 0);
	CHECK(store_assessment_add(st, &bob_mgr, &rev) == 0);
	CHECK(store_assessment_add(st, &ada_self, &rev) == 0);
	CHECK(store_assessment_add(st, &other, &rev) == 0);
	CHECK(store_commit(st) == 0);

	CHECK(store_cycle_ratings(st, "C", NULL, STORE_EVIDENCE, nest_row, &t) == 0);
	CHECK_STR(t.seen.data, all);
	CHECK_STR(t.nested.data, all);

	buf_free(&t.seen);
	t.rows = 0;
	t.stop_after = 3;
	CHECK(store_cycle_ratings(st, "C", NULL, STORE_EVIDENCE, nest_row, &t) == 0);
	CHECK(t.rows == 3);
	CHECK(t.seen.len > 0 && strncmp(t.seen.data, all, t.seen.len) == 0);

	for (i = 0; i < 3; i++) {	/* the kept statements start afresh each time */
		buf_free(&again);
		CHECK(store_cycle_ratings(st, "C", NULL, STORE_EVIDENCE, record_row, &again) == 0);
		CHECK_STR(again.data, all);
	}
	buf_free(&again);
	CHECK(store_cycle_ratings(st, "C", "bob", 0, record_row, &again) == 0);
	CHECK_STR(again.data, "bob/manager/ada/x.E2.1=-1;bob/manager/ada/x.E2.2=1;"
	    "bob/self/bob/x.E2.1=2;bob/self/bob/x.E2.2=3;");
	buf_free(&again);
	buf_free(&t.seen);
	buf_free(&t.nested);
	store_close(st);
	cleanup(dir, path);
}

int
main(void)
{
	RUN(test_create);
	RUN(test_foreign_database);
	RUN(test_negative_version);
	RUN(test_created_only_by_a_change);
	RUN(test_audit_append_only);
	RUN(test_versions);
	RUN(test_people_and_revisions);
	RUN(test_cycle_ratings);
	return UNIT_EXIT();
}
