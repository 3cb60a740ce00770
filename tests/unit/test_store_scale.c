/*
 * test_store_scale.c: the queries the pages ask by their own statements
 * (docs/benchmarks.md, "Computing /me and /team at 1,000 and 10,000
 * people") give what the one statement with "?1 IS NULL OR" gave, for
 * every combination of their arguments: peer requests, calibration
 * sessions of a member, a team's outcomes; and schema 13 gives the
 * indexes they use, to a new database and to one of version 12.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store.h"
#include "store_draft.h"
#include "store_serve.h"
#include "util.h"
#include "unit.h"
#include "unit_db.h"

/* Runs sql on the file with a connection of its own; 0 or -1. */
static int
raw_exec(const char *path, const char *sql)
{
	sqlite3 *raw;
	int rc;

	if (sqlite3_open(path, &raw) != SQLITE_OK)
		return -1;
	rc = sqlite3_exec(raw, sql, NULL, NULL, NULL);
	sqlite3_close(raw);
	return rc == SQLITE_OK ? 0 : -1;
}

static long long
index_count(const char *path)
{
	sqlite3 *raw;
	sqlite3_stmt *s;
	long long n = -1;

	if (sqlite3_open(path, &raw) != SQLITE_OK)
		return -1;
	if (sqlite3_prepare_v2(raw, "SELECT count(*) FROM sqlite_schema WHERE type = 'index' "
	    "AND name IN ('peer_requests_peer', 'session_committee_account')", -1, &s,
	    NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(raw);
	return n;
}

static int
add_request(const struct store_peer_request *q, void *arg)
{
	buf_printf(arg, "%s/%s/%s ", q->cycle, q->person, q->peer);
	return 0;
}

/* The requests store_peer_requests_each gives, as "cycle/person/peer " in order. */
static char *
requests(struct store *st, const char *cycle, const char *person, const char *peer)
{
	struct buf b = {0};

	buf_puts(&b, "");
	if (store_peer_requests_each(st, cycle, person, peer, add_request, &b) != 0)
		buf_puts(&b, "error");
	return buf_take(&b);
}

static void
check_requests(struct store *st, const char *cycle, const char *person, const char *peer,
    const char *want)
{
	char *got = requests(st, cycle, person, peer);

	CHECK_STR(got, want);
	free(got);
}

static void
test_peer_requests(void)
{
	static const char *const ids[] = { "a", "b", "c", "d" };
	struct db d;
	size_t i;

	db_open(&d);
	for (i = 0; i < 4; i++) {
		struct store_person_in p = { ids[i], ids[i], NULL, "t", NULL, "dev", "D1" };

		CHECK(store_person_upsert(d.st, &p) == 0);
	}
	CHECK(store_peer_request_add(d.st, "C2", "d", "c", "d") == 1);
	CHECK(store_peer_request_add(d.st, "C1", "b", "c", "b") == 1);
	CHECK(store_peer_request_add(d.st, "C1", "a", "c", "a") == 1);
	CHECK(store_peer_request_add(d.st, "C1", "a", "b", "a") == 1);
	CHECK(store_peer_request_add(d.st, "C2", "a", "c", "a") == 1);
	/* a person's in a cycle (the "me" page, the team's status) */
	check_requests(d.st, "C1", "a", NULL, "C1/a/b C1/a/c ");
	check_requests(d.st, "C2", "a", NULL, "C2/a/c ");
	check_requests(d.st, "C1", "c", NULL, "");
	check_requests(d.st, "C1", "a", "c", "C1/a/c ");
	check_requests(d.st, "C1", "a", "d", "");
	/* asked of a peer, every cycle ("Asked of me"), in cycle, person order */
	check_requests(d.st, NULL, NULL, "c", "C1/a/c C1/b/c C2/a/c C2/d/c ");
	check_requests(d.st, "C2", NULL, "c", "C2/a/c C2/d/c ");
	check_requests(d.st, NULL, "a", "c", "C1/a/c C2/a/c ");
	check_requests(d.st, NULL, NULL, "a", "");
	/* the rest, as before */
	check_requests(d.st, NULL, NULL, NULL, "C1/a/b C1/a/c C1/b/c C2/a/c C2/d/c ");
	check_requests(d.st, NULL, "a", NULL, "C1/a/b C1/a/c C2/a/c ");
	check_requests(d.st, "C1", NULL, NULL, "C1/a/b C1/a/c C1/b/c ");
	db_close(&d);
}

static int
add_session(const struct store_session *s, void *arg)
{
	buf_printf(arg, "%s/%s ", s->cycle, s->id);
	return 0;
}

static void
check_sessions(struct store *st, const char *cycle, const char *account, const char *want)
{
	struct buf b = {0};

	buf_puts(&b, "");
	if (store_sessions_of_member(st, cycle, account, add_session, &b) != 0)
		buf_puts(&b, "error");
	CHECK_STR(b.data, want);
	buf_free(&b);
}

static void
test_sessions_of_member(void)
{
	static char *levels[] = { "D1" }, *teams[] = { "t" };
	static char *both[] = { "hr1", "m1" }, *one[] = { "m1" };
	struct store_session s[3] = {
		{ "C2", "s1", "late", "hr1", NULL, levels, teams, one, 1, 1, 1, 0 },
		{ "C1", "s2", "first", "hr1", NULL, levels, teams, both, 1, 1, 2, 0 },
		{ "C1", "s1", "first too", "hr1", NULL, levels, teams, one, 1, 1, 1, 0 },
	};
	struct db d;
	size_t i;

	db_open(&d);
	for (i = 0; i < 3; i++) {
		CHECK(store_cycle_ensure(d.st, s[i].cycle) == 0);
		CHECK(store_session_create(d.st, &s[i]) == 1);
	}
	check_sessions(d.st, NULL, "m1", "C1/s1 C1/s2 C2/s1 ");
	check_sessions(d.st, "C1", "m1", "C1/s1 C1/s2 ");
	check_sessions(d.st, "C2", "m1", "C2/s1 ");
	check_sessions(d.st, NULL, "hr1", "C1/s2 ");
	check_sessions(d.st, "C2", "hr1", "");
	check_sessions(d.st, NULL, "nobody", "");
	db_close(&d);
}

static int
add_outcome(const struct store_outcome *o, void *arg)
{
	buf_printf(arg, "%s/%s/%s ", o->team, o->kind, o->name);
	return 0;
}

static void
check_outcomes(struct store *st, const char *cycle, const char *team, const char *want)
{
	struct buf b = {0};

	buf_puts(&b, "");
	if (store_outcomes_each(st, cycle, team, add_outcome, &b) != 0)
		buf_puts(&b, "error");
	CHECK_STR(b.data, want);
	buf_free(&b);
}

static void
test_team_outcomes(void)
{
	struct db d;

	db_open(&d);
	CHECK(raw_exec(d.path, "INSERT INTO outcomes (team, cycle, kind, name, value, revision, "
	    "current, imported_at, file) VALUES "
	    "('t2', 'C1', 'okr', 'o1', 1, 1, 1, 'x', 'f'), ('t1', 'C1', 'okr', 'o2', 1, 1, 1, 'x', 'f'), "
	    "('t1', 'C1', 'dora', 'o3', 1, 1, 1, 'x', 'f'), ('t1', 'C1', 'okr', 'o4', 1, 1, 0, 'x', 'f'), "
	    "('t1', 'C2', 'okr', 'o5', 1, 1, 1, 'x', 'f')") == 0);
	check_outcomes(d.st, "C1", "t1", "t1/dora/o3 t1/okr/o2 ");
	check_outcomes(d.st, "C1", "t2", "t2/okr/o1 ");
	check_outcomes(d.st, "C2", "t2", "");
	check_outcomes(d.st, "C1", NULL, "t1/dora/o3 t1/okr/o2 t2/okr/o1 ");
	db_close(&d);
}

/* Step 13 gives both indexes to a new database and to one of version 12. */
static void
test_schema_13(void)
{
	struct store_person_in p = { "a", "A", NULL, "t", NULL, "dev", "D1" };
	struct db d;

	db_open(&d);
	CHECK(index_count(d.path) == 2);
	/* kept only when a change was committed */
	CHECK(store_begin(d.st) == 0 && store_person_upsert(d.st, &p) == 0 &&
	    store_commit(d.st) == 0);
	store_close(d.st);
	/* a database of version 12 has neither the indexes nor what later versions add */
	CHECK(raw_exec(d.path, "DROP INDEX peer_requests_peer; DROP INDEX "
	    "session_committee_account; DROP TABLE ladder_models; PRAGMA user_version = 12") == 0);
	CHECK(index_count(d.path) == 0);
	d.st = store_open(d.path, STORE_WRITE);
	CHECK(d.st != NULL);
	CHECK(index_count(d.path) == 2);
	if (d.st == NULL)
		d.st = store_open(d.path, STORE_WRITE);
	db_close(&d);
}

int
main(void)
{
	RUN(test_peer_requests);
	RUN(test_sessions_of_member);
	RUN(test_team_outcomes);
	RUN(test_schema_13);
	return UNIT_EXIT();
}
