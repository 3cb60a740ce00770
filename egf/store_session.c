/* store_session.c: proposals, the session log, the lock and revisions (store_session.h). */
#include "store_session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "util.h"

#define PROPOSAL_UPSERT "INSERT INTO session_proposals (cycle, session, person, " \
	"account, outcome, to_level, reason, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) " \
	"ON CONFLICT (cycle, session, person, account) DO UPDATE SET outcome = ?5, " \
	"to_level = ?6, reason = ?7, at = ?8"

int
store_proposal_set(struct store *st, const struct store_proposal *p)
{
	char now[32];

	store_now(now);
	return store_run(st, "storing the proposal", PROPOSAL_UPSERT, "tttttttt", p->cycle,
	    p->session, p->person, p->account, p->outcome, p->to_level, p->reason, now);
}

/* Rows are copied before fn runs: fn may use the store (its statements are cached). */
struct row_list {
	char **cells;
	size_t ncols, n, cap;
};

/*
 * Runs sql with ?1 bound to cycle and, when session is not NULL, ?2 to
 * session, and copies its ncols columns into rows (empty on error).
 * 0, or -1 after reporting an error reading `what`.
 */
static int
read_rows(struct store *st, const char *sql, const char *cycle, const char *session,
    size_t ncols, struct row_list *rows, const char *what)
{
	sqlite3_stmt *s = store_stmt(st, sql);
	int rc;
	size_t i;

	memset(rows, 0, sizeof(*rows));
	rows->ncols = ncols;
	if (s == NULL)
		return -1;
	store_bind_text(s, 1, cycle);
	if (session != NULL)
		store_bind_text(s, 2, session);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		xgrow((void **)&rows->cells, &rows->cap, (rows->n + 1) * ncols, sizeof(char *));
		for (i = 0; i < ncols; i++)
			rows->cells[rows->n * ncols + i] = store_column_text(s, (int)i);
		rows->n++;
	}
	store_stmt_done(st, s);
	return rc == SQLITE_DONE ? 0 : store_error(st, what);
}

static void
rows_free(struct row_list *rows)
{
	size_t i;

	for (i = 0; i < rows->n * rows->ncols; i++)
		free(rows->cells[i]);
	free(rows->cells);
	memset(rows, 0, sizeof(*rows));
}

int
store_proposals_each(struct store *st, const char *cycle, const char *session,
    int (*fn)(const struct store_proposal *p, void *arg), void *arg)
{
	struct row_list rows;
	size_t i;
	int rc;

	if ((rc = read_rows(st, "SELECT person, account, outcome, to_level, reason, at "
	    "FROM session_proposals WHERE cycle = ?1 AND session = ?2 ORDER BY person, account",
	    cycle, session, 6, &rows, "reading proposals")) == 0)
		for (i = 0; i < rows.n; i++) {
			char **c = rows.cells + i * 6;
			struct store_proposal p = { cycle, session, c[0], c[1], c[2], c[3], c[4],
			    c[5] };

			if (fn(&p, arg) != 0)
				break;
		}
	rows_free(&rows);
	return rc;
}

int
store_session_log(struct store *st, const struct store_session_entry *e)
{
	char now[32];

	store_now(now);
	return store_run(st, "writing the session log",
	    "INSERT INTO session_log (cycle, session, at, actor, "
	    "action, person, before, after, rationale) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	    "ttttttttt", e->cycle, e->session, now, e->actor, e->action, e->person, e->before, e->after, e->rationale);
}

int
store_session_log_each(struct store *st, const char *cycle, const char *session,
    int (*fn)(const struct store_session_entry *e, void *arg), void *arg)
{
	struct row_list rows;
	size_t i;
	int rc;

	if ((rc = read_rows(st, "SELECT id, at, actor, action, person, before, after, "
	    "rationale FROM session_log WHERE cycle = ?1 AND session = ?2 ORDER BY id",
	    cycle, session, 8, &rows, "reading the session log")) == 0)
		for (i = 0; i < rows.n; i++) {
			char **c = rows.cells + i * 8;
			struct store_session_entry e = { strtoll(c[0], NULL, 10), cycle, session,
			    c[1], c[2], c[3], c[4], c[5], c[6], c[7] };

			if (fn(&e, arg) != 0)
				break;
		}
	rows_free(&rows);
	return rc;
}

int
store_session_lock(struct store *st, const char *cycle, const char *session)
{
	sqlite3_stmt *s = store_stmt(st, "UPDATE calibration_sessions SET locked = 1 "
	    "WHERE cycle = ?1 AND id = ?2 AND locked = 0");

	if (s == NULL)
		return -1;
	store_bind_text(s, 1, cycle);
	store_bind_text(s, 2, session);
	if (store_stmt_run(st, s, "locking the session") != 0)
		return -1;
	return sqlite3_changes(store_sqlite(st)) > 0 ? 1 : 0;
}

static long long
count_of(struct store *st, const char *sql, const char *a, const char *b)
{
	sqlite3_stmt *s = store_stmt(st, sql);
	long long n = -1;
	int rc;

	if (s == NULL)
		return -1;
	store_bind_text(s, 1, a);
	if (b != NULL)
		store_bind_text(s, 2, b);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	store_stmt_done(st, s);
	if (rc != SQLITE_ROW)
		store_error(st, "counting");
	return n;
}

long long
store_session_revision(struct store *st, const char *cycle, const char *person)
{
	long long a = count_of(st, "SELECT count(*) FROM assessments WHERE cycle = ?1 AND "
	    "person = ?2", cycle, person);
	long long d = count_of(st, "SELECT count(*) FROM decision_log WHERE cycle = ?1 AND "
	    "person = ?2", cycle, person);

	return a < 0 || d < 0 ? -1 : a + d;
}

int
store_session_stamp(struct store *st, const char *cycle, const char *session, char *out,
    size_t size)
{
	long long lg = count_of(st, "SELECT coalesce(max(id), 0) FROM session_log WHERE "
	    "cycle = ?1 AND session = ?2", cycle, session);
	long long lk = count_of(st, "SELECT locked FROM calibration_sessions WHERE cycle = ?1 "
	    "AND id = ?2", cycle, session);
	long long dc = count_of(st, "SELECT coalesce(max(id), 0) FROM decision_log WHERE "
	    "cycle = ?1", cycle, NULL);
	long long as = count_of(st, "SELECT count(*) FROM assessments WHERE cycle = ?1",
	    cycle, NULL);

	if (lg < 0 || lk < 0 || dc < 0 || as < 0)
		return -1;
	snprintf(out, size, "%lld-%lld-%lld-%lld", lg, lk, dc, as);
	return 0;
}

int
store_sessions_each(struct store *st, const char *cycle,
    int (*fn)(const struct store_session *s, void *arg), void *arg)
{
	struct row_list rows;
	size_t i;
	int rc;

	if ((rc = read_rows(st, "SELECT cycle, id FROM calibration_sessions "
	    "WHERE ?1 IS NULL OR cycle = ?1 ORDER BY cycle, id", cycle, NULL, 2, &rows,
	    "reading calibration sessions")) == 0)
		for (i = 0; i < rows.n; i++) {
			struct store_session one;
			int got = store_calibration_session(st, rows.cells[2 * i],
			    rows.cells[2 * i + 1], &one);
			int stop = got == 1 ? fn(&one, arg) : 0;

			store_session_clear(&one);
			if (got < 0) {
				rc = -1;
				break;
			}
			if (stop)
				break;
		}
	rows_free(&rows);
	return rc;
}
