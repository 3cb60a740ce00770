/*
 * test_store_serve.c: egf serve's tables: session expiry (idle and absolute),
 * token expiry and revocation, the order of recent sign-in failures, the
 * manager chain through a loop, and the append-only access log.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store.h"
#include "store_serve.h"
#include "util.h"
#include "unit.h"
#include "unit_db.h"

static int
put(struct store *st, const char *id, unsigned roles)
{
	int created;

	return store_account_put(st, id, NULL, NULL, roles, &created);
}

static void
test_sessions_expire(void)
{
	struct store_account a;
	struct db d;

	db_open(&d);
	CHECK(put(d.st, "ana", 0) == 0);
	CHECK(store_session_add(d.st, "h1", "ana", 1000) == 0);
	/* Seen at 1000; idle 100, absolute 1000. */
	CHECK(store_session_account(d.st, "h1", 1099, 100, 1000, &a) == 1);
	CHECK_STR(a.id, "ana");
	store_account_clear(&a);
	CHECK(store_session_account(d.st, "h1", 1198, 100, 1000, &a) == 1);	/* seen at 1099 */
	store_account_clear(&a);
	CHECK(store_session_account(d.st, "h1", 1400, 100, 1000, &a) == 0);	/* idle too long */
	CHECK(store_session_account(d.st, "h1", 1401, 100, 1000, &a) == 0);	/* and deleted */
	CHECK(store_session_add(d.st, "h2", "ana", 2000) == 0);
	for (long long t = 2090; t < 3000; t += 90) {
		CHECK(store_session_account(d.st, "h2", t, 100, 1000, &a) == 1);
		store_account_clear(&a);
	}
	CHECK(store_session_account(d.st, "h2", 3000, 100, 1000, &a) == 0);	/* absolute */
	db_close(&d);
}

/* A session's use is written when the last one written is a minute old: most uses write nothing. */
static void
test_sessions_seen_once_a_minute(void)
{
	struct store_account a;
	long long before[2], after[2];
	struct db d;

	db_open(&d);
	CHECK(put(d.st, "ana", 0) == 0);
	CHECK(store_session_add(d.st, "h1", "ana", 1000) == 0);
	CHECK(store_state(d.st, before) == 0);
	CHECK(store_session_account(d.st, "h1", 1059, 7200, 86400, &a) == 1);
	store_account_clear(&a);
	CHECK(store_state(d.st, after) == 0);
	CHECK(after[1] == before[1]);		/* 59 s after the mark: no write */
	CHECK(store_session_account(d.st, "h1", 1060, 7200, 86400, &a) == 1);
	store_account_clear(&a);
	CHECK(store_state(d.st, after) == 0);
	CHECK(after[1] == before[1] + 1);	/* a minute: marked at 1060 */
	/* idle counts from the mark: 1060 + 7200 is too late, 1059 + 7200 is not */
	CHECK(store_session_account(d.st, "h1", 8259, 7200, 86400, &a) == 1);
	store_account_clear(&a);
	CHECK(store_session_account(d.st, "h1", 8259 + 7200, 7200, 86400, &a) == 0);
	db_close(&d);
}

static void
test_tokens(void)
{
	struct store_account a;
	struct db d;

	db_open(&d);
	CHECK(put(d.st, "hr", ACCOUNT_HR) == 0);
	CHECK(store_token_add(d.st, "t1", "hr", 0, 500) == 0);
	CHECK(store_token_account(d.st, "t1", 499, &a) == 1);
	CHECK(a.roles == ACCOUNT_HR);
	store_account_clear(&a);
	CHECK(store_token_account(d.st, "t1", 500, &a) == 0);
	CHECK(store_token_account(d.st, "other", 1, &a) == 0);
	CHECK(store_token_count(d.st, "hr", 1) == 1);
	CHECK(store_account_disable(d.st, "hr") == 1);
	CHECK(store_token_account(d.st, "t1", 1, &a) == 0);
	CHECK(store_token_count(d.st, "hr", 1) == 0);
	CHECK(store_account_disable(d.st, "nobody") == 0);
	/* Adding the account again enables it; the revoked token stays revoked. */
	CHECK(put(d.st, "hr", ACCOUNT_HR | ACCOUNT_ADMIN) == 0);
	CHECK(store_account_get(d.st, "hr", &a) == 1);
	CHECK(!a.disabled && a.roles == (ACCOUNT_HR | ACCOUNT_ADMIN));
	store_account_clear(&a);
	CHECK(store_token_account(d.st, "t1", 1, &a) == 0);
	db_close(&d);
}

static void
test_sign_in_failures(void)
{
	long long t[10];
	size_t n;
	struct db d;

	db_open(&d);
	for (long long i = 0; i < 12; i++)
		CHECK(store_sign_in_failure(d.st, "ana", "10.0.0.1", 100 + i) == 0);
	CHECK(store_sign_in_failure(d.st, "ana", "10.0.0.2", 500) == 0);
	CHECK(store_sign_in_recent(d.st, "ana", "10.0.0.1", 0, t, 10, &n) == 0);
	CHECK(n == 10 && t[0] == 111 && t[9] == 102);
	CHECK(store_sign_in_recent(d.st, "ana", "10.0.0.1", 110, t, 10, &n) == 0);
	CHECK(n == 2);
	CHECK(store_sign_in_clear(d.st, "ana", "10.0.0.1") == 0);
	CHECK(store_sign_in_recent(d.st, "ana", "10.0.0.1", 0, t, 10, &n) == 0 && n == 0);
	CHECK(store_sign_in_recent(d.st, "ana", "10.0.0.2", 0, t, 10, &n) == 0 && n == 1);
	db_close(&d);
}

static void
test_chain_and_log(void)
{
	struct store_person_in p[3] = {
		{ "a", "A", NULL, "t", NULL, "dev", "D1" },
		{ "b", "B", NULL, "t", "a", "dev", "D1" },
		{ "c", "C", NULL, "t", "b", "dev", "D1" },	/* a loop: a -> c -> b -> a */
	};
	sqlite3 *raw;
	struct db d;
	size_t i;
	int rc;

	db_open(&d);
	for (i = 0; i < 3; i++)
		CHECK(store_person_upsert(d.st, &p[i]) == 0);
	p[0].manager = "c";	/* managers must exist first */
	CHECK(store_person_upsert(d.st, &p[0]) == 0);
	CHECK(store_in_chain(d.st, "a", "b") == 1);
	CHECK(store_in_chain(d.st, "a", "c") == 1);	/* through b */
	CHECK(store_in_chain(d.st, "b", "b") == 0);	/* nobody manages themselves */
	CHECK(store_access_log(d.st, "a", "10.0.0.1", "sign-in", "a") == 0);
	CHECK(store_count(d.st, "access_log") == 1);
	CHECK(sqlite3_open(d.path, &raw) == SQLITE_OK);
	rc = sqlite3_exec(raw, "DELETE FROM access_log", NULL, NULL, NULL);
	CHECK(rc != SQLITE_OK);
	rc = sqlite3_exec(raw, "UPDATE access_log SET actor = 'x'", NULL, NULL, NULL);
	CHECK(rc != SQLITE_OK);
	sqlite3_close(raw);
	CHECK(store_count(d.st, "access_log") == 1);
	db_close(&d);
}

int
main(void)
{
	RUN(test_sessions_expire);
	RUN(test_sessions_seen_once_a_minute);
	RUN(test_tokens);
	RUN(test_sign_in_failures);
	RUN(test_chain_and_log);
	return UNIT_EXIT();
}
