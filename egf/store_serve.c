/* store_serve.c: egf serve's tables (store_serve.h). */
#include "store_serve.h"

#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "util.h"

/* ---- accounts ---- */

#define ACCOUNT_COLUMNS "a.id, a.email, a.password, a.created_at, a.disabled, " \
	"(SELECT coalesce(sum(CASE role WHEN 'hr' THEN 1 WHEN 'admin' THEN 2 END), 0) " \
	"FROM account_roles r WHERE r.account = a.id)"

/* Fills *out from ACCOUNT_COLUMNS at column first (owned: store_account_clear); out. */
static struct store_account *
read_account(sqlite3_stmt *s, int first, struct store_account *out)
{
	out->id = store_column_text(s, first);
	out->email = store_column_text(s, first + 1);
	out->password = store_column_text(s, first + 2);
	out->created_at = store_column_text(s, first + 3);
	out->disabled = sqlite3_column_int(s, first + 4);
	out->roles = (unsigned)sqlite3_column_int(s, first + 5);
	return out;
}

static int
account_query(struct store *st, const char *sql, const char *key, struct store_account *out)
{
	sqlite3_stmt *s = store_stmt(st, sql);
	int rc;

	memset(out, 0, sizeof(*out));
	if (s == NULL)
		return -1;
	store_bind_text(s, 1, key);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		read_account(s, 0, out);
	return store_stmt_row(st, s, rc, "accounts");
}

int
store_account_get(struct store *st, const char *id, struct store_account *out)
{
	return account_query(st, "SELECT " ACCOUNT_COLUMNS " FROM accounts a WHERE a.id = ?1",
	    id, out);
}

int
store_account_by_email(struct store *st, const char *email, struct store_account *out)
{
	return account_query(st, "SELECT " ACCOUNT_COLUMNS " FROM accounts a "
	    "WHERE a.email = ?1 COLLATE NOCASE AND a.disabled = 0", email, out);
}

int
store_account_put(struct store *st, const char *id, const char *email, const char *password,
    unsigned roles, int *created)
{
	static const char *const names[] = { "hr", "admin" };
	struct store_account old;
	sqlite3_stmt *s;
	char now[32];
	int got;
	size_t i;

	if ((got = store_account_get(st, id, &old)) < 0)
		return -1;
	store_account_clear(&old);
	*created = got == 0;
	store_now(now);
	s = store_stmt(st, "INSERT INTO accounts (id, email, password, created_at) "
	    "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (id) DO UPDATE SET "
	    "email = coalesce(excluded.email, email), "
	    "password = coalesce(excluded.password, password), disabled = 0");
	if (s == NULL)
		return -1;
	store_bind_text(s, 1, id);
	store_bind_text(s, 2, email);
	store_bind_text(s, 3, password);
	store_bind_text(s, 4, now);
	if (store_stmt_run(st, s, "storing the account") != 0)
		return -1;
	/* A new password signs the account out everywhere: a thief's session ends too. */
	if (password != NULL && !*created) {
		if ((s = store_stmt(st, "DELETE FROM web_sessions WHERE account = ?1")) == NULL)
			return -1;
		store_bind_text(s, 1, id);
		if (store_stmt_run(st, s, "ending the account's sessions") != 0)
			return -1;
	}
	if ((s = store_stmt(st, "DELETE FROM account_roles WHERE account = ?1")) == NULL)
		return -1;
	store_bind_text(s, 1, id);
	if (store_stmt_run(st, s, "storing the account's roles") != 0)
		return -1;
	for (i = 0; i < 2; i++) {
		if (!(roles & (1u << i)))
			continue;
		if ((s = store_stmt(st, "INSERT INTO account_roles (account, role) "
		    "VALUES (?1, ?2)")) == NULL)
			return -1;
		store_bind_text(s, 1, id);
		store_bind_text(s, 2, names[i]);
		if (store_stmt_run(st, s, "storing the account's roles") != 0)
			return -1;
	}
	return 0;
}

/* Runs a statement with one bound key; 0 or -1. */
static int
run_keyed(struct store *st, const char *sql, const char *key, const char *what)
{
	sqlite3_stmt *s = store_stmt(st, sql);

	if (s == NULL)
		return -1;
	store_bind_text(s, 1, key);
	return store_stmt_run(st, s, what);
}

int
store_account_disable(struct store *st, const char *id)
{
	struct store_account a;
	int got = store_account_get(st, id, &a);

	store_account_clear(&a);
	if (got <= 0)
		return got;
	if (run_keyed(st, "UPDATE accounts SET disabled = 1 WHERE id = ?1", id,
	    "disabling the account") != 0 ||
	    run_keyed(st, "DELETE FROM api_tokens WHERE account = ?1", id,
	    "revoking the tokens") != 0 ||
	    run_keyed(st, "DELETE FROM web_sessions WHERE account = ?1", id,
	    "ending the sessions") != 0)
		return -1;
	return 1;
}

struct account_each {
	int (*fn)(const struct store_account *a, void *arg);
	void *arg;
};

/* store_account_each's row: fn over the account read, cleared after. */
static int
account_each_row(sqlite3_stmt *s, void *arg)
{
	struct account_each *e = arg;
	struct store_account a;
	int stop = e->fn(read_account(s, 0, &a), e->arg);

	store_account_clear(&a);
	return stop;
}

int
store_account_each(struct store *st, int (*fn)(const struct store_account *a, void *arg),
    void *arg)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT " ACCOUNT_COLUMNS " FROM accounts a ORDER BY a.id");
	struct account_each e = { fn, arg };

	if (s == NULL)
		return -1;
	return store_rows(st, s, account_each_row, &e, "reading accounts");
}

void
store_account_clear(struct store_account *a)
{
	free(a->id);
	free(a->email);
	free(a->password);
	free(a->created_at);
	memset(a, 0, sizeof(*a));
}

/* ---- credentials ---- */

int
store_token_add(struct store *st, const char *hash, const char *account, long long now,
    long long expires)
{
	sqlite3_stmt *s = store_stmt(st, "INSERT INTO api_tokens (hash, account, created, expires) "
	    "VALUES (?1, ?2, ?3, ?4)");

	if (s == NULL)
		return -1;
	store_bind_text(s, 1, hash);
	store_bind_text(s, 2, account);
	sqlite3_bind_int64(s, 3, now);
	sqlite3_bind_int64(s, 4, expires);
	return store_stmt_run(st, s, "storing the token");
}

int
store_token_account(struct store *st, const char *hash, long long now,
    struct store_account *out)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT " ACCOUNT_COLUMNS " FROM api_tokens t "
	    "JOIN accounts a ON a.id = t.account WHERE t.hash = ?1 AND t.expires > ?2 "
	    "AND a.disabled = 0");
	int rc;

	memset(out, 0, sizeof(*out));
	if (s == NULL)
		return -1;
	store_bind_text(s, 1, hash);
	sqlite3_bind_int64(s, 2, now);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		read_account(s, 0, out);
	return store_stmt_row(st, s, rc, "tokens");
}

long long
store_token_count(struct store *st, const char *account, long long now)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT count(*) FROM api_tokens "
	    "WHERE account = ?1 AND expires > ?2");

	if (s == NULL)
		return -1;
	store_bind_text(s, 1, account);
	sqlite3_bind_int64(s, 2, now);
	return store_row_count(st, s);
}

int
store_session_add(struct store *st, const char *hash, const char *account, long long now)
{
	return store_run(st, "storing the session", "INSERT INTO web_sessions (hash, account, "
	    "created, last_seen) VALUES (?1, ?2, ?3, ?3)", "tti", hash, account, now);
}

int
store_session_account(struct store *st, const char *hash, long long now, long long idle,
    long long absolute, struct store_account *out)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT w.created, w.last_seen, " ACCOUNT_COLUMNS
	    " FROM web_sessions w JOIN accounts a ON a.id = w.account "
	    "WHERE w.hash = ?1 AND a.disabled = 0");
	long long created = 0, seen = 0;
	int rc, got;

	memset(out, 0, sizeof(*out));
	if (s == NULL)
		return -1;
	store_bind_text(s, 1, hash);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		created = sqlite3_column_int64(s, 0);
		seen = sqlite3_column_int64(s, 1);
		read_account(s, 2, out);
	}
	if ((got = store_stmt_row(st, s, rc, "sessions")) != 1)
		return got;
	if (created <= now - absolute || seen <= now - idle) {
		store_account_clear(out);
		return store_session_delete(st, hash) != 0 ? -1 : 0;
	}
	/*
	 * The use is recorded when the last one recorded is a minute old (or a
	 * sixteenth of idle, when that is shorter): most signed-in requests
	 * then write nothing, and the pages kept while the database does not
	 * change (serve_cache.h) stay kept. A session ends at most that much
	 * before idle has passed since its last use.
	 */
	if (now - seen < (idle / 16 < 60 ? idle / 16 : 60))
		return 1;
	if ((s = store_stmt(st, "UPDATE web_sessions SET last_seen = ?2 WHERE hash = ?1")) == NULL) {
		store_account_clear(out);
		return -1;
	}
	store_bind_text(s, 1, hash);
	sqlite3_bind_int64(s, 2, now);
	if (store_stmt_run(st, s, "marking the session seen") != 0) {
		store_account_clear(out);
		return -1;
	}
	return 1;
}

int
store_session_delete(struct store *st, const char *hash)
{
	return run_keyed(st, "DELETE FROM web_sessions WHERE hash = ?1", hash,
	    "ending the session");
}

int
store_sign_in_failure(struct store *st, const char *account, const char *address,
    long long now)
{
	return store_run(st, "recording the failed sign-in", "INSERT INTO sign_in_failures "
	    "(account, address, at) VALUES (?1, ?2, ?3)", "tti", account, address, now);
}

int
store_sign_in_recent(struct store *st, const char *account, const char *address,
    long long since, long long *times, size_t max, size_t *n)
{
	sqlite3_stmt *s = store_stmt_args(st, "SELECT at FROM sign_in_failures WHERE "
	    "account = ?1 AND address = ?2 AND at >= ?3 ORDER BY at DESC LIMIT ?4", "ttii",
	    account, address, since, (long long)max);
	int rc;

	*n = 0;
	if (s == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && *n < max)
		times[(*n)++] = sqlite3_column_int64(s, 0);
	store_stmt_done(st, s);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : store_error(st, "reading sign-ins");
}

int
store_sign_in_clear(struct store *st, const char *account, const char *address)
{
	return store_run(st, "clearing failed sign-ins",
	    "DELETE FROM sign_in_failures WHERE account = ?1 "
	    "AND address = ?2", "tt", account, address);
}

int
store_access_log(struct store *st, const char *actor, const char *address, const char *action,
    const char *subject)
{
	char now[32];

	store_now(now);
	return store_run(st, "writing the access log",
	    "INSERT INTO access_log (at, actor, address, action, "
	    "subject) VALUES (?1, ?2, ?3, ?4, ?5)",
	    "ttttt", now, actor, address, action, subject);
}

/* ---- the organisation ---- */

/* UNION, not UNION ALL: a loop in the manager column ends the recursion. */
#define CHAIN_BELOW "WITH RECURSIVE below (id) AS (" \
	"SELECT id FROM people WHERE manager = ?1 AND id <> ?1 " \
	"UNION SELECT p.id FROM people p JOIN below b ON p.manager = b.id) "

int
store_reports(struct store *st, const char *manager, int (*fn)(const char *id, void *arg),
    void *arg)
{
	sqlite3_stmt *s = store_stmt(st, CHAIN_BELOW
	    "SELECT id FROM below WHERE id <> ?1 ORDER BY id");

	if (s == NULL)
		return -1;
	store_bind_text(s, 1, manager);
	return store_each_text(st, s, fn, arg, "reading the manager chain");
}

int
store_in_chain(struct store *st, const char *manager, const char *person)
{
	/*
	 * Up from the person along the primary key (a few rows), not down
	 * from the manager: people has no index on manager, so the walk down
	 * builds one over the whole organisation on every call.
	 */
	sqlite3_stmt *s = store_stmt(st, "WITH RECURSIVE up (id, manager) AS ("
	    "SELECT id, manager FROM people WHERE id = ?2 "
	    "UNION SELECT p.id, p.manager FROM people p JOIN up u ON p.id = u.manager) "
	    "SELECT 1 FROM up WHERE manager = ?1 AND ?2 <> ?1 LIMIT 1");

	if (s == NULL)
		return -1;
	store_bind_text(s, 1, manager);
	store_bind_text(s, 2, person);
	return store_stmt_row(st, s, sqlite3_step(s), "the manager chain");
}

int
store_person_target(struct store *st, const char *cycle, const char *person, char **level)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT target FROM assessments WHERE cycle = ?1 "
	    "AND person = ?2 AND current = 1 ORDER BY role <> 'manager', id LIMIT 1");
	int rc;

	*level = NULL;
	if (s == NULL)
		return -1;
	store_bind_text(s, 1, cycle);
	store_bind_text(s, 2, person);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		*level = store_column_text(s, 0);
	return store_stmt_row(st, s, rc, "assessments");
}

int
store_assessment_by(struct store *st, const char *cycle, const char *person, const char *rater,
    const char *role)
{
	return store_exists(st, "assessments",
	    "SELECT 1 FROM assessments WHERE (?1 IS NULL OR "
	    "cycle = ?1) AND person = ?2 AND rater = ?3 AND role = ?4 AND current = 1 LIMIT 1",
	    "tttt", cycle, person, rater, role);
}

long long
store_person_revision(struct store *st, const char *cycle, const char *person)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT count(*) FROM assessments "
	    "WHERE cycle = ?1 AND person = ?2");

	if (s == NULL)
		return -1;
	store_bind_text(s, 1, cycle);
	store_bind_text(s, 2, person);
	return store_row_count(st, s);
}

long long
store_raters_count(struct store *st, const char *cycle, const char *person, const char *role)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT count(DISTINCT rater) FROM assessments "
	    "WHERE cycle = ?1 AND person = ?2 AND role = ?3 AND current = 1");

	if (s == NULL)
		return -1;
	store_bind_text(s, 1, cycle);
	store_bind_text(s, 2, person);
	store_bind_text(s, 3, role);
	return store_row_count(st, s);
}

int
store_cycles_of(struct store *st, const char *person, int (*fn)(const char *cycle, void *arg),
    void *arg)
{
	/* apart: "?1 IS NULL OR" would make SQLite read every assessment of each cycle */
	sqlite3_stmt *s = store_stmt(st, person != NULL ?
	    "SELECT c.id FROM cycles c WHERE EXISTS (SELECT 1 FROM assessments a "
	    "WHERE a.cycle = c.id AND a.current = 1 AND a.person = ?1) "
	    "ORDER BY c.created_at DESC, c.id DESC" :
	    "SELECT c.id FROM cycles c WHERE EXISTS (SELECT 1 "
	    "FROM assessments a WHERE a.cycle = c.id AND a.current = 1) "
	    "ORDER BY c.created_at DESC, c.id DESC");

	if (s == NULL)
		return -1;
	if (person != NULL)
		store_bind_text(s, 1, person);
	return store_each_text(st, s, fn, arg, "reading cycles");
}

/* ---- peer requests ---- */

int
store_peer_request_add(struct store *st, const char *cycle, const char *person,
    const char *peer, const char *by)
{
	sqlite3_stmt *s;
	char now[32];
	int got;

	if ((got = store_peer_request_exists(st, cycle, person, peer)) != 0)
		return got < 0 ? -1 : 0;
	if (store_cycle_ensure(st, cycle) != 0)
		return -1;
	if ((s = store_stmt(st, "INSERT INTO peer_requests (cycle, person, peer, requested_by, "
	    "requested_at) VALUES (?1, ?2, ?3, ?4, ?5)")) == NULL)
		return -1;
	store_now(now);
	store_bind_text(s, 1, cycle);
	store_bind_text(s, 2, person);
	store_bind_text(s, 3, peer);
	store_bind_text(s, 4, by);
	store_bind_text(s, 5, now);
	return store_stmt_run(st, s, "storing the peer request") != 0 ? -1 : 1;
}

int
store_peer_request_exists(struct store *st, const char *cycle, const char *person,
    const char *peer)
{
	return store_exists(st, "peer requests",
	    "SELECT 1 FROM peer_requests WHERE cycle = ?1 "
	    "AND person = ?2 AND peer = ?3", "ttt", cycle, person, peer);
}

/* ---- calibration sessions ---- */

static char *
join_lines(char **items, size_t n)
{
	struct buf b = {0};
	size_t i;

	buf_puts(&b, "");
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_putc(&b, '\n');
		buf_puts(&b, items[i]);
	}
	return buf_take(&b);
}

static void
split_lines(const char *text, char ***items, size_t *n)
{
	const char *p = text ? text : "";
	size_t cap = 0;

	*items = NULL;
	*n = 0;
	while (*p != '\0') {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		xgrow((void **)items, &cap, *n + 1, sizeof(char *));
		(*items)[(*n)++] = xstrndup(p, len);
		p += len + (nl != NULL);
	}
}

int
store_session_create(struct store *st, const struct store_session *in)
{
	struct store_session old;
	sqlite3_stmt *s;
	char now[32], *levels, *teams;
	size_t i;
	int got, rc;

	if ((got = store_calibration_session(st, in->cycle, in->id, &old)) != 0) {
		store_session_clear(&old);
		return got < 0 ? -1 : 0;
	}
	if (store_cycle_ensure(st, in->cycle) != 0)
		return -1;
	if ((s = store_stmt(st, "INSERT INTO calibration_sessions (cycle, id, title, levels, "
	    "teams, created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")) == NULL)
		return -1;
	store_now(now);
	levels = join_lines(in->levels, in->nlevels);
	teams = join_lines(in->teams, in->nteams);
	store_bind_text(s, 1, in->cycle);
	store_bind_text(s, 2, in->id);
	store_bind_text(s, 3, in->title);
	store_bind_text(s, 4, levels);
	store_bind_text(s, 5, teams);
	store_bind_text(s, 6, in->created_by);
	store_bind_text(s, 7, now);
	rc = store_stmt_run(st, s, "storing the session");
	free(levels);
	free(teams);
	for (i = 0; rc == 0 && i < in->ncommittee; i++) {
		if ((s = store_stmt(st, "INSERT INTO session_committee (cycle, session, account) "
		    "VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")) == NULL)
			return -1;
		store_bind_text(s, 1, in->cycle);
		store_bind_text(s, 2, in->id);
		store_bind_text(s, 3, in->committee[i]);
		rc = store_stmt_run(st, s, "storing the committee");
	}
	return rc == 0 ? 1 : -1;
}

static int
read_committee(struct store *st, struct store_session *out)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT account FROM session_committee "
	    "WHERE cycle = ?1 AND session = ?2 ORDER BY account");
	size_t cap = 0;
	int rc;

	if (s == NULL)
		return -1;
	store_bind_text(s, 1, out->cycle);
	store_bind_text(s, 2, out->id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		xgrow((void **)&out->committee, &cap, out->ncommittee + 1, sizeof(char *));
		out->committee[out->ncommittee++] = store_column_text(s, 0);
	}
	store_stmt_done(st, s);
	return rc == SQLITE_DONE ? 0 : store_error(st, "reading the committee");
}

#define SESSION_COLUMNS "s.cycle, s.id, s.title, s.levels, s.teams, s.created_by, " \
	"s.created_at, s.locked"

static void
read_session(sqlite3_stmt *s, struct store_session *out)
{
	char *levels = store_column_text(s, 3), *teams = store_column_text(s, 4);

	memset(out, 0, sizeof(*out));
	out->cycle = store_column_text(s, 0);
	out->id = store_column_text(s, 1);
	out->title = store_column_text(s, 2);
	split_lines(levels, &out->levels, &out->nlevels);
	split_lines(teams, &out->teams, &out->nteams);
	out->created_by = store_column_text(s, 5);
	out->created_at = store_column_text(s, 6);
	out->locked = sqlite3_column_int(s, 7);
	free(levels);
	free(teams);
}

int
store_calibration_session(struct store *st, const char *cycle, const char *id,
    struct store_session *out)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT " SESSION_COLUMNS " FROM calibration_sessions s "
	    "WHERE s.cycle = ?1 AND s.id = ?2");
	int rc, got;

	memset(out, 0, sizeof(*out));
	if (s == NULL)
		return -1;
	store_bind_text(s, 1, cycle);
	store_bind_text(s, 2, id);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		read_session(s, out);
	if ((got = store_stmt_row(st, s, rc, "calibration sessions")) != 1)
		return got;
	return read_committee(st, out) != 0 ? -1 : 1;
}

int
store_sessions_of_member(struct store *st, const char *cycle, const char *account,
    int (*fn)(const struct store_session *s, void *arg), void *arg)
{
	/*
	 * The account's seats by session_committee_account (store_scale.h), for
	 * one cycle or all: through "?1 IS NULL OR" every seat was read.
	 */
	/* CROSS JOIN: the seats first, else SQLite reads every session of the cycle */
	sqlite3_stmt *s = store_stmt(st, cycle != NULL ? "SELECT " SESSION_COLUMNS
	    " FROM session_committee c CROSS JOIN calibration_sessions s "
	    "ON s.cycle = c.cycle AND s.id = c.session "
	    "WHERE c.account = ?2 AND c.cycle = ?1 ORDER BY c.cycle, c.session" :
	    "SELECT " SESSION_COLUMNS " FROM session_committee c CROSS JOIN calibration_sessions s "
	    "ON s.cycle = c.cycle AND s.id = c.session "
	    "WHERE c.account = ?2 AND ?1 IS NULL ORDER BY c.cycle, c.session");
	struct store_session *list = NULL;
	size_t n = 0, cap = 0, i;
	int rc, stop = 0;

	if (s == NULL)
		return -1;
	store_bind_text(s, 1, cycle);
	store_bind_text(s, 2, account);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		xgrow((void **)&list, &cap, n + 1, sizeof(*list));
		read_session(s, &list[n++]);
	}
	store_stmt_done(st, s);
	if (rc != SQLITE_DONE)
		rc = store_error(st, "reading calibration sessions");
	else
		rc = 0;
	for (i = 0; i < n; i++) {
		if (rc == 0 && !stop)
			stop = fn(&list[i], arg);
		store_session_clear(&list[i]);
	}
	free(list);
	return rc;
}

static void
free_list(char **items, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(items[i]);
	free(items);
}

void
store_session_clear(struct store_session *s)
{
	free(s->cycle);
	free(s->id);
	free(s->title);
	free(s->created_by);
	free(s->created_at);
	free_list(s->levels, s->nlevels);
	free_list(s->teams, s->nteams);
	free_list(s->committee, s->ncommittee);
	memset(s, 0, sizeof(*s));
}
