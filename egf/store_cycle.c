/* store_cycle.c: the rows of opened review cycles (store_cycle.h). */
#include "store_cycle.h"

#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "util.h"

struct cycle_each {
	int (*fn)(const struct store_cycle_row *r, void *arg);
	void *arg;
};

#define CYCLE_COLUMNS "id, coalesce(ladder_version, 0), phase, self_due, manager_due, " \
	"calibration_on, release_on, opened_at, opened_by, created_at"

/* Fills *out from a row of CYCLE_COLUMNS (owned copies: store_cycle_row_clear); out. */
static struct store_cycle_row *
read_cycle(sqlite3_stmt *s, struct store_cycle_row *out)
{
	size_t i;

	memset(out, 0, sizeof(*out));
	out->id = store_column_text(s, 0);
	out->ladder = sqlite3_column_int64(s, 1);
	out->phase = store_column_text(s, 2);
	for (i = 0; i < STORE_NDUE; i++)
		out->due[i] = store_column_text(s, 3 + (int)i);
	out->opened_at = store_column_text(s, 7);
	out->opened_by = store_column_text(s, 8);
	out->created_at = store_column_text(s, 9);
	return out;
}

int
store_cycle_get(struct store *st, const char *id, struct store_cycle_row *out)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT " CYCLE_COLUMNS " FROM cycles WHERE id = ?1");
	int rc;

	memset(out, 0, sizeof(*out));
	if (s == NULL)
		return -1;
	store_bind_text(s, 1, id);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		read_cycle(s, out);
	return store_stmt_row(st, s, rc, "cycles");
}

void
store_cycle_row_clear(struct store_cycle_row *r)
{
	size_t i;

	free(r->id);
	free(r->phase);
	for (i = 0; i < STORE_NDUE; i++)
		free(r->due[i]);
	free(r->opened_at);
	free(r->opened_by);
	free(r->created_at);
	memset(r, 0, sizeof(*r));
}

int
store_cycle_open(struct store *st, const struct store_cycle_row *r)
{
	sqlite3_stmt *s;
	char now[32];
	size_t i;

	if (store_cycle_ensure(st, r->id) != 0)
		return -1;
	if ((s = store_stmt(st, "UPDATE cycles SET ladder_version = ?2, phase = ?3, "
	    "self_due = ?4, manager_due = ?5, calibration_on = ?6, release_on = ?7, "
	    "opened_at = ?8, opened_by = ?9 WHERE id = ?1 AND phase IS NULL")) == NULL)
		return -1;
	store_now(now);
	store_bind_text(s, 1, r->id);
	sqlite3_bind_int64(s, 2, r->ladder);
	store_bind_text(s, 3, r->phase);
	for (i = 0; i < STORE_NDUE; i++)
		store_bind_text(s, 4 + (int)i, r->due[i]);
	store_bind_text(s, 8, now);
	store_bind_text(s, 9, r->opened_by);
	if (store_stmt_run(st, s, "opening the cycle") != 0)
		return -1;
	return sqlite3_changes(store_sqlite(st)) > 0;
}

/* store_cycle_list's row: fn over the row read, cleared after. */
static int
cycle_each_row(sqlite3_stmt *s, void *arg)
{
	struct cycle_each *e = arg;
	struct store_cycle_row row;
	int stop = e->fn(read_cycle(s, &row), e->arg);

	store_cycle_row_clear(&row);
	return stop;
}

int
store_cycle_list(struct store *st, int (*fn)(const struct store_cycle_row *r, void *arg),
    void *arg)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT " CYCLE_COLUMNS " FROM cycles "
	    "ORDER BY coalesce(opened_at, created_at) DESC, id DESC");
	struct cycle_each e = { fn, arg };

	if (s == NULL)
		return -1;
	return store_rows(st, s, cycle_each_row, &e, "reading cycles");
}

long long
store_cycle_people_everyone(struct store *st)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT count(*) FROM people "
	    "WHERE NOT (name = '(erased)' AND id LIKE 'erased-%')");
	long long n = 0;
	int rc;

	if (s == NULL)
		return -1;
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	return store_stmt_row(st, s, rc, "people") < 0 ? -1 : n;
}

int
store_cycle_versions_each(struct store *st, int (*fn)(const char *ladder, const char *version,
    void *arg), void *arg)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT ladder, version FROM ladder_versions "
	    "ORDER BY id DESC");
	int rc;

	if (s == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if (fn((const char *)sqlite3_column_text(s, 0),
		    (const char *)sqlite3_column_text(s, 1), arg) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	store_stmt_done(st, s);
	return rc == SQLITE_DONE ? 0 : store_error(st, "reading ladder versions");
}

int
store_cycle_set_phase(struct store *st, const char *id, const char *phase)
{
	return store_run(st, "moving the cycle's phase",
	    "UPDATE cycles SET phase = ?2 WHERE id = ?1 "
	    "AND phase IS NOT NULL", "tt", id, phase);
}

/* ---- people ---- */

int
store_cycle_people_all(struct store *st, const char *cycle, long long *n)
{
	/* an erasure leaves a tombstone row in people: nobody to assess */
	sqlite3_stmt *s = store_stmt(st, "INSERT INTO cycle_people (cycle, person) "
	    "SELECT ?1, id FROM people WHERE NOT (name = '(erased)' AND id LIKE 'erased-%') "
	    "ON CONFLICT DO NOTHING");

	*n = 0;
	if (s == NULL)
		return -1;
	store_bind_text(s, 1, cycle);
	if (store_stmt_run(st, s, "storing the cycle's people") != 0)
		return -1;
	*n = sqlite3_changes(store_sqlite(st));
	return 0;
}

int
store_cycle_person_add(struct store *st, const char *cycle, const char *person)
{
	return store_run(st, "storing the cycle's people",
	    "INSERT INTO cycle_people (cycle, person) "
	    "VALUES (?1, ?2) ON CONFLICT DO NOTHING", "tt", cycle, person);
}

int
store_cycle_has_person(struct store *st, const char *cycle, const char *person)
{
	return store_exists(st, "the cycle's people",
	    "SELECT 1 FROM cycle_people WHERE cycle = ?1 "
	    "AND person = ?2", "tt", cycle, person);
}

long long
store_cycle_people_count(struct store *st, const char *cycle)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT count(*) FROM cycle_people WHERE cycle = ?1");
	long long n = -1;
	int rc;

	if (s == NULL)
		return -1;
	store_bind_text(s, 1, cycle);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	return store_stmt_row(st, s, rc, "the cycle's people") == 1 ? n : -1;
}

int
store_cycle_people_each(struct store *st, const char *cycle,
    int (*fn)(const char *person, void *arg), void *arg)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT person FROM cycle_people WHERE cycle = ?1 "
	    "ORDER BY person");

	if (s == NULL)
		return -1;
	store_bind_text(s, 1, cycle);
	return store_each_text(st, s, fn, arg, "reading the cycle's people");
}

/* ---- reopened forms ---- */

int
store_reopening_add(struct store *st, const struct store_reopening *r)
{
	char now[32];

	store_now(now);
	if (store_run(st, "reopening the form", "INSERT INTO form_reopenings (cycle, person, "
	    "rater, role, reopened_by, reopened_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
	    "ON CONFLICT DO NOTHING", "tttttt", r->cycle, r->person, r->rater, r->role, r->by,
	    now) != 0)
		return -1;
	return sqlite3_changes(store_sqlite(st)) > 0;
}

int
store_reopening_get(struct store *st, const char *cycle, const char *person,
    const char *rater, char **role)
{
	sqlite3_stmt *s = store_stmt_args(st, "SELECT role FROM form_reopenings WHERE "
	    "cycle = ?1 AND person = ?2 AND rater = ?3", "ttt", cycle, person, rater);

	*role = NULL;
	return s == NULL ? -1 : store_row_text(st, s, role, "reopened forms");
}

int
store_reopening_delete(struct store *st, const char *cycle, const char *person,
    const char *rater)
{
	return store_run(st, "closing the reopened form",
	    "DELETE FROM form_reopenings WHERE cycle = ?1 "
	    "AND person = ?2 AND rater = ?3", "ttt", cycle, person, rater);
}

int
store_reopenings_each(struct store *st, const char *cycle,
    int (*fn)(const struct store_reopening *r, void *arg), void *arg)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT cycle, person, rater, role, reopened_by, "
	    "reopened_at FROM form_reopenings WHERE cycle = ?1 ORDER BY person, rater");
	int rc;

	if (s == NULL)
		return -1;
	store_bind_text(s, 1, cycle);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_reopening r;

		r.cycle = (const char *)sqlite3_column_text(s, 0);
		r.person = (const char *)sqlite3_column_text(s, 1);
		r.rater = (const char *)sqlite3_column_text(s, 2);
		r.role = (const char *)sqlite3_column_text(s, 3);
		r.by = (const char *)sqlite3_column_text(s, 4);
		r.at = (const char *)sqlite3_column_text(s, 5);
		if (fn(&r, arg) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	store_stmt_done(st, s);
	return rc == SQLITE_DONE ? 0 : store_error(st, "reading reopened forms");
}

int
store_audit_add(struct store *st, const char *actor, const char *action,
    const char *subject, const char *before, const char *after)
{
	char now[32];

	store_now(now);
	return store_run(st, "writing the audit log",
	    "INSERT INTO audit_log (at, actor, action, subject, "
	    "before, after) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	    "tttttt", now, actor, action, subject, before, after);
}

/* ---- progress ---- */

int
store_cycle_progress_each(struct store *st, const char *cycle,
    int (*fn)(const struct store_cycle_progress *p, void *arg), void *arg)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT c.person, p.name, p.team, p.manager, "
	    "EXISTS (SELECT 1 FROM assessments a WHERE a.cycle = ?1 AND a.person = c.person "
	    "  AND a.role = 'self' AND a.current = 1), "
	    "EXISTS (SELECT 1 FROM assessments a WHERE a.cycle = ?1 AND a.person = c.person "
	    "  AND a.role = 'manager' AND a.current = 1), "
	    "(SELECT count(*) FROM peer_requests r WHERE r.cycle = ?1 AND r.person = c.person), "
	    "(SELECT count(DISTINCT rater) FROM assessments a WHERE a.cycle = ?1 "
	    "  AND a.person = c.person AND a.role = 'peer' AND a.current = 1), "
	    "(SELECT min(imported_at) FROM assessments a WHERE a.cycle = ?1 "
	    "  AND a.person = c.person AND a.role = 'self'), "
	    "(SELECT min(imported_at) FROM assessments a WHERE a.cycle = ?1 "
	    "  AND a.person = c.person AND a.role = 'manager') "
	    "FROM cycle_people c JOIN people p ON p.id = c.person WHERE c.cycle = ?1 "
	    "ORDER BY coalesce(p.team, ''), c.person");
	int rc;

	if (s == NULL)
		return -1;
	store_bind_text(s, 1, cycle);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_cycle_progress p;

		p.person = (const char *)sqlite3_column_text(s, 0);
		p.name = (const char *)sqlite3_column_text(s, 1);
		p.team = (const char *)sqlite3_column_text(s, 2);
		p.manager = (const char *)sqlite3_column_text(s, 3);
		p.self_done = sqlite3_column_int(s, 4);
		p.manager_done = sqlite3_column_int(s, 5);
		p.peers_asked = sqlite3_column_int64(s, 6);
		p.peers_answered = sqlite3_column_int64(s, 7);
		p.self_at = (const char *)sqlite3_column_text(s, 8);
		p.manager_at = (const char *)sqlite3_column_text(s, 9);
		if (fn(&p, arg) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	store_stmt_done(st, s);
	return rc == SQLITE_DONE ? 0 : store_error(st, "reading the cycle's progress");
}

int
store_cycle_unanswered_each(struct store *st, const char *cycle,
    int (*fn)(const char *person, const char *peer, void *arg), void *arg)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT r.person, r.peer FROM peer_requests r "
	    "JOIN cycle_people c ON c.cycle = r.cycle AND c.person = r.person "
	    "WHERE r.cycle = ?1 AND NOT EXISTS (SELECT 1 FROM assessments a WHERE a.cycle = ?1 "
	    "  AND a.person = r.person AND a.rater = r.peer AND a.role = 'peer' AND a.current = 1) "
	    "ORDER BY r.person, r.peer");
	int rc;

	if (s == NULL)
		return -1;
	store_bind_text(s, 1, cycle);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if (fn((const char *)sqlite3_column_text(s, 0),
		    (const char *)sqlite3_column_text(s, 1), arg) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	store_stmt_done(st, s);
	return rc == SQLITE_DONE ? 0 : store_error(st, "reading peer requests");
}

int
store_cycle_submissions_each(struct store *st, const char *cycle,
    int (*fn)(const char *day, long long self, long long manager, long long peer, void *arg),
    void *arg)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT substr(a.imported_at, 1, 10) AS day, "
	    "sum(a.role = 'self'), sum(a.role = 'manager'), sum(a.role = 'peer') "
	    "FROM assessments a JOIN cycle_people c ON c.cycle = a.cycle AND c.person = a.person "
	    "WHERE a.cycle = ?1 GROUP BY day ORDER BY day");
	int rc;

	if (s == NULL)
		return -1;
	store_bind_text(s, 1, cycle);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if (fn((const char *)sqlite3_column_text(s, 0), sqlite3_column_int64(s, 1),
		    sqlite3_column_int64(s, 2), sqlite3_column_int64(s, 3), arg) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	store_stmt_done(st, s);
	return rc == SQLITE_DONE ? 0 : store_error(st, "reading the cycle's submissions");
}
