/*
 * store_person_data.c: a person's data in the store: export, erasure,
 * retention and backup (see store_person_data.h and docs/store.md).
 *
 * These run once per command, so their statements are prepared here and
 * finalized after use instead of going through store.c's cache.
 */
#include "store_person_data.h"
#include "diag.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "store_int.h"
#include "util.h"

/* The audit entries that name ?1: as actor, as the subject's person, or as a decider. */
#define AUDIT_NAMES_PERSON \
	"(actor = ?1 OR (length(subject) > length(?1) AND " \
	"substr(subject, length(subject) - length(?1)) = '/' || ?1) OR " \
	"instr(before, '(by ' || ?1 || ')') > 0 OR instr(after, '(by ' || ?1 || ')') > 0)"

static int
fail(struct store *st, const char *what)
{
	diag_report(NULL, DIAG_DATABASE, NULL, "%s: %s: %s", store_file(st), what,
	    sqlite3_errmsg(store_sqlite(st)));
	return -1;
}

static sqlite3_stmt *
prep(struct store *st, const char *sql)
{
	sqlite3_stmt *s = NULL;

	if (sqlite3_prepare_v2(store_sqlite(st), sql, -1, &s, NULL) != SQLITE_OK) {
		sqlite3_finalize(s);
		fail(st, "preparing a query");
		return NULL;
	}
	return s;
}

static void
bind(sqlite3_stmt *s, int i, const char *text)
{
	if (text == NULL)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_text(s, i, text, -1, SQLITE_TRANSIENT);
}

/*
 * Runs sql with up to three text parameters (NULL-terminated, NULL binds
 * NULL only before the end) and no result rows; *changes (when non-NULL)
 * gets the rows changed. 0 or -1.
 */
static int
run3(struct store *st, const char *sql, const char *p1, const char *p2, const char *p3,
    long long *changes, const char *what)
{
	sqlite3_stmt *s = prep(st, sql);
	int rc;

	if (s == NULL)
		return -1;
	bind(s, 1, p1);
	if (sqlite3_bind_parameter_count(s) >= 2)
		bind(s, 2, p2);
	if (sqlite3_bind_parameter_count(s) >= 3)
		bind(s, 3, p3);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return fail(st, what);
	if (changes != NULL)
		*changes += sqlite3_changes(store_sqlite(st));
	return 0;
}

static int
exec_sql(struct store *st, const char *sql, const char *what)
{
	if (sqlite3_exec(store_sqlite(st), sql, NULL, NULL, NULL) != SQLITE_OK)
		return fail(st, what);
	return 0;
}

static const char *
col(sqlite3_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s, i);
}

/* ---- export ---- */

static void
put_key_string(struct jw *w, const char *key, const char *value)
{
	jw_key(w, key);
	jw_string(w, value);
}

/* The ratings of one assessment, with texts. */
static int
export_ratings(struct store *st, long long assessment, int with_private,
    struct jw *w)
{
	sqlite3_stmt *s = prep(st, "SELECT r.expectation, r.competency, r.value, r.scale_id, "
	    "e.text, p.text FROM ratings r "
	    "LEFT JOIN evidence e ON e.assessment = r.assessment AND e.expectation = r.expectation "
	    "LEFT JOIN private_notes p ON ?2 AND p.assessment = r.assessment "
	    "  AND p.expectation = r.expectation "
	    "WHERE r.assessment = ?1 ORDER BY r.expectation");
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, assessment);
	sqlite3_bind_int(s, 2, with_private);
	jw_key(w, "ratings");
	jw_array_begin(w);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		jw_object_begin(w);
		put_key_string(w, "expectation", col(s, 0));
		put_key_string(w, "competency", col(s, 1));
		jw_key(w, "value");
		if (sqlite3_column_type(s, 2) == SQLITE_NULL)
			jw_null(w);
		else
			jw_int(w, sqlite3_column_int64(s, 2));
		put_key_string(w, "scale_id", col(s, 3));
		put_key_string(w, "evidence", col(s, 4));
		if (with_private)
			put_key_string(w, "private_note", col(s, 5));
		jw_object_end(w);
	}
	jw_array_end(w);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : fail(st, "reading ratings");
}

/*
 * Every revision of the assessments about the person (by = 0) or by them of
 * others (by = 1); with a cut, those about them as cut->assessment lets
 * them see (an anonymous one only as its current revision), by them whole.
 */
static int
export_assessments(struct store *st, const char *person, int by, int with_private,
    const struct store_export_cut *cut, struct jw *w)
{
#define ASSESSMENT_COLUMNS \
	"SELECT a.id, a.person, a.cycle, a.rater, a.role, a.target, l.ladder, l.version, " \
	"a.revision, a.current, a.imported_at, a.source, a.source_hash, " \
	"(SELECT count(DISTINCT p.rater) FROM assessments p WHERE p.person = a.person " \
	"  AND p.cycle = a.cycle AND p.role = 'peer' AND p.current = 1) FROM assessments a " \
	"JOIN ladder_versions l ON l.id = a.ladder_version "
	sqlite3_stmt *s = prep(st, by ? ASSESSMENT_COLUMNS
	    "WHERE a.rater = ?1 AND a.person <> ?1 ORDER BY a.cycle, a.person, a.revision" :
	    cut == NULL ? ASSESSMENT_COLUMNS
	    "WHERE a.person = ?1 ORDER BY a.cycle, a.role, a.rater, a.revision" :
	    /* peers in an order that says nothing of who they are */
	    ASSESSMENT_COLUMNS "WHERE a.person = ?1 ORDER BY a.cycle, a.role, "
	    "CASE a.role WHEN 'peer' THEN a.source_hash ELSE a.rater END, a.revision");
#undef ASSESSMENT_COLUMNS
	int rc, notes = cut == NULL ? with_private : by;

	if (s == NULL)
		return -1;
	bind(s, 1, person);
	jw_key(w, by ? "assessments_by" : "assessments_about");
	jw_array_begin(w);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		unsigned view = STORE_CUT_SHOWN;
		int anonymous;

		if (cut != NULL && !by)
			view = cut->assessment(col(s, 2), col(s, 4), col(s, 3),
			    sqlite3_column_int64(s, 13), cut->arg);
		anonymous = (view & STORE_CUT_ANONYMOUS) != 0;
		if (!(view & STORE_CUT_SHOWN) || (anonymous && !sqlite3_column_int(s, 9)))
			continue;
		jw_object_begin(w);
		if (!anonymous) {
			jw_key(w, "id");
			jw_int(w, sqlite3_column_int64(s, 0));
		}
		put_key_string(w, "person", col(s, 1));
		put_key_string(w, "cycle", col(s, 2));
		if (!anonymous)
			put_key_string(w, "rater", col(s, 3));
		put_key_string(w, "role", col(s, 4));
		put_key_string(w, "target", col(s, 5));
		put_key_string(w, "ladder", col(s, 6));
		put_key_string(w, "ladder_version", col(s, 7));
		jw_key(w, "revision");
		jw_int(w, sqlite3_column_int64(s, 8));
		jw_key(w, "current");
		jw_bool(w, sqlite3_column_int(s, 9));
		if (!anonymous) {
			/* when a peer answered can tell who they are */
			put_key_string(w, "imported_at", col(s, 10));
			put_key_string(w, "source", col(s, 11));
			put_key_string(w, "source_hash", col(s, 12));
		}
		if (export_ratings(st, sqlite3_column_int64(s, 0), notes, w) != 0) {
			sqlite3_finalize(s);
			return -1;
		}
		jw_object_end(w);
	}
	jw_array_end(w);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : fail(st, "reading assessments");
}

/*
 * The decision history about the person (by = 0) or made by them about
 * others (by = 1). With a cut, about them: per cycle its current decision,
 * as cut->decision lets them see it (outcome and level: without id,
 * decider and note).
 */
static int
export_decisions(struct store *st, const char *person, int by,
    const struct store_export_cut *cut, struct jw *w)
{
	sqlite3_stmt *s = prep(st, by ?
	    "SELECT id, person, cycle, outcome, to_level, decided_by, note, decided_at "
	    "FROM decision_log WHERE decided_by = ?1 AND person <> ?1 ORDER BY id" :
	    cut == NULL ?
	    "SELECT id, person, cycle, outcome, to_level, decided_by, note, decided_at "
	    "FROM decision_log WHERE person = ?1 ORDER BY id" :
	    "SELECT id, person, cycle, outcome, to_level, decided_by, note, decided_at "
	    "FROM decision_log d WHERE person = ?1 AND id = (SELECT max(id) FROM "
	    "decision_log e WHERE e.person = d.person AND e.cycle = d.cycle) ORDER BY id");
	int rc;

	if (s == NULL)
		return -1;
	bind(s, 1, person);
	jw_key(w, by ? "decisions_made" : "decisions_about");
	jw_array_begin(w);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int view = cut != NULL && !by ? cut->decision(col(s, 2), cut->arg) : 2;

		if (view == 0)
			continue;
		jw_object_begin(w);
		if (view == 2) {
			jw_key(w, "id");
			jw_int(w, sqlite3_column_int64(s, 0));
		}
		put_key_string(w, "person", col(s, 1));
		put_key_string(w, "cycle", col(s, 2));
		put_key_string(w, "outcome", col(s, 3));
		put_key_string(w, "to_level", col(s, 4));
		if (view == 2) {
			put_key_string(w, "decided_by", col(s, 5));
			put_key_string(w, "note", col(s, 6));
		}
		put_key_string(w, "decided_at", col(s, 7));
		jw_object_end(w);
	}
	jw_array_end(w);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : fail(st, "reading decisions");
}

/*
 * Writes key: an array of s's rows (bound by the caller; finalized here),
 * each an object of the columns named by cols, in order: a name starting
 * with '#' is an integer (written without the '#'), the others strings.
 * 0, or -1 after reporting an error reading `what`.
 */
static int
export_rows(struct store *st, sqlite3_stmt *s, struct jw *w, const char *key,
    const char *const cols[], const char *what)
{
	int rc, i;

	jw_key(w, key);
	jw_array_begin(w);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		jw_object_begin(w);
		for (i = 0; cols[i] != NULL; i++)
			if (cols[i][0] == '#') {
				jw_key(w, cols[i] + 1);
				jw_int(w, sqlite3_column_int64(s, i));
			} else
				put_key_string(w, cols[i], col(s, i));
		jw_object_end(w);
	}
	jw_array_end(w);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : fail(st, what);
}

/* The audit entries that name the person; in a cut, those they made. */
static int
export_audit(struct store *st, const char *person, const struct store_export_cut *cut,
    struct jw *w)
{
	sqlite3_stmt *s = prep(st, cut == NULL ? "SELECT id, at, actor, action, subject, before, "
	    "after FROM audit_log WHERE " AUDIT_NAMES_PERSON " ORDER BY id" :
	    "SELECT id, at, actor, action, subject, before, after FROM audit_log "
	    "WHERE actor = ?1 ORDER BY id");
	static const char *const cols[] = { "#id", "at", "actor", "action", "subject", "before",
		"after", NULL };

	if (s == NULL)
		return -1;
	bind(s, 1, person);
	return export_rows(st, s, w, "audit_log", cols, "reading the audit log");
}

/*
 * egf serve's access-log entries that name the person: as actor (with the
 * address they came from), as the subject or a segment of it (a path); the
 * addresses of others are theirs and stay out. In a cut: what they did,
 * and the failed or throttled sign-ins to their account.
 */
static int
export_access(struct store *st, const char *person, const struct store_export_cut *cut,
    struct jw *w)
{
	sqlite3_stmt *s = prep(st, cut == NULL ?
	    "SELECT id, at, actor, CASE WHEN actor = ?1 THEN address END, action, subject "
	    "FROM access_log WHERE actor = ?1 OR subject = ?1 "
	    "OR instr(subject || '/', '/' || ?1 || '/') > 0 ORDER BY id" :
	    "SELECT id, at, actor, CASE WHEN actor = ?1 THEN address END, action, subject "
	    "FROM access_log WHERE actor = ?1 OR (actor IS NULL AND subject = ?1 AND "
	    "action IN ('sign-in failed', 'sign-in throttled')) ORDER BY id");
	static const char *const cols[] = { "#id", "at", "actor", "address", "action", "subject",
		NULL };

	if (s == NULL)
		return -1;
	bind(s, 1, person);
	return export_rows(st, s, w, "access_log", cols, "reading the access log");
}

/*
 * The review drafts (schema 9) the person is writing, and with private
 * notes included (the whole document only) those others are writing about
 * them: a draft is its writer's unsubmitted form and may hold a private note.
 */
static int
export_drafts(struct store *st, const char *person, int with_private,
    const struct store_export_cut *cut, struct jw *w)
{
	sqlite3_stmt *s = prep(st, "SELECT cycle, person, rater, role, base, revision, saved_at, "
	    "body FROM drafts WHERE rater = ?1 OR (?2 AND person = ?1) "
	    "ORDER BY cycle, person, role, rater");
	static const char *const cols[] = { "cycle", "person", "rater", "role", "#base",
		"#revision", "saved_at", "body", NULL };

	if (s == NULL)
		return -1;
	bind(s, 1, person);
	sqlite3_bind_int(s, 2, cut == NULL && with_private);
	return export_rows(st, s, w, "drafts", cols, "reading drafts");
}

static int
export_reports(struct store *st, const char *person, struct jw *w)
{
	sqlite3_stmt *s = prep(st, "SELECT id FROM people WHERE manager = ?1 ORDER BY id");
	int rc;

	if (s == NULL)
		return -1;
	bind(s, 1, person);
	jw_key(w, "reports");
	jw_array_begin(w);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		jw_string(w, col(s, 0));
	jw_array_end(w);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : fail(st, "reading people");
}

int
store_person_export(struct store *st, const char *person, int with_private,
    const struct store_export_cut *cut, const char *generated_at, struct jw *w)
{
	static const char *const fields[] = { "id", "name", "email", "team", "manager",
	    "track", "level", "updated_at" };
	sqlite3_stmt *s = prep(st, "SELECT id, name, email, team, manager, track, level, "
	    "updated_at FROM people WHERE id = ?1");
	size_t i;
	int rc;

	if (s == NULL)
		return -1;
	/* One read transaction: the document is one consistent state. */
	if (exec_sql(st, "BEGIN", "starting a read") != 0) {
		sqlite3_finalize(s);
		return -1;
	}
	bind(s, 1, person);
	if ((rc = sqlite3_step(s)) != SQLITE_ROW) {
		sqlite3_finalize(s);
		exec_sql(st, "COMMIT", "ending a read");
		return rc == SQLITE_DONE ? 0 : fail(st, "reading people");
	}
	jw_object_begin(w);
	put_key_string(w, "format", "egf-person-export");
	jw_key(w, "format_version");
	jw_int(w, 1);
	put_key_string(w, "generated_at", generated_at);
	jw_key(w, "private_notes_included");
	jw_bool(w, cut == NULL && with_private);
	put_key_string(w, "cut", cut == NULL ? "whole" : "self");
	jw_key(w, "person");
	jw_object_begin(w);
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		put_key_string(w, fields[i], col(s, (int)i));
	jw_object_end(w);
	sqlite3_finalize(s);
	rc = export_reports(st, person, w) != 0 ||
	    export_assessments(st, person, 0, with_private, cut, w) != 0 ||
	    export_assessments(st, person, 1, with_private, cut, w) != 0 ||
	    export_decisions(st, person, 0, cut, w) != 0 ||
	    export_decisions(st, person, 1, cut, w) != 0 ||
	    export_drafts(st, person, with_private, cut, w) != 0 ||
	    export_audit(st, person, cut, w) != 0 ||
	    export_access(st, person, cut, w) != 0 ? -1 : 1;
	jw_object_end(w);
	if (exec_sql(st, "COMMIT", "ending a read") != 0)
		return -1;
	return rc;
}

/* ---- scrubbing ---- */

/* PRAGMA wal_checkpoint(TRUNCATE): 1 done, 0 another connection kept it from completing, -1. */
static int
checkpoint(struct store *st)
{
	sqlite3_stmt *s = prep(st, "PRAGMA wal_checkpoint(TRUNCATE)");
	int rc, busy;

	if (s == NULL)
		return -1;
	rc = sqlite3_step(s);
	busy = rc == SQLITE_ROW ? sqlite3_column_int(s, 0) : 1;
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && (rc & 0xff) != SQLITE_BUSY)
		return fail(st, "checkpointing the WAL");
	return busy ? 0 : 1;
}

/*
 * Makes deleted text leave the files: secure_delete zeroed the freed cells
 * as they went; the checkpoint moves the WAL into the file and truncates
 * the WAL to nothing; VACUUM rebuilds the file without free pages (its
 * scratch copy in memory, not a temporary file) and the second checkpoint
 * truncates the WAL that VACUUM wrote. 1 done, 0 busy, -1 error.
 */
static int
scrub(struct store *st)
{
	int done;

	if ((done = checkpoint(st)) != 1)
		return done;
	if (exec_sql(st, "PRAGMA temp_store = MEMORY", "scrubbing") != 0 ||
	    exec_sql(st, "VACUUM", "vacuuming") != 0)
		return -1;
	return checkpoint(st);
}

/* ---- erasure ---- */

char *
store_audit_redact(const char *text, const char *person, const char *tombstone, int about)
{
	const char *by, *id, *end;
	size_t idlen;
	int decider;
	struct buf b = {0};

	if (text == NULL)
		return NULL;
	if ((by = strstr(text, " (by ")) == NULL ||
	    (end = strchr(id = by + 5, ')')) == NULL)
		return about ? NULL : xstrdup(text);
	idlen = (size_t)(end - id);
	decider = idlen == strlen(person) && memcmp(id, person, idlen) == 0;
	buf_add(&b, text, (size_t)(by - text));
	buf_puts(&b, " (by ");
	if (decider)
		buf_puts(&b, tombstone);
	else
		buf_add(&b, id, idlen);
	buf_putc(&b, ')');
	if (!about && !decider)
		buf_puts(&b, end + 1);
	return buf_take(&b);
}

static int
make_tombstone(char out[32])
{
	unsigned char r[8];
	size_t i;

	if (getrandom(r, sizeof(r), 0) != (ssize_t)sizeof(r)) {
		diag_report(NULL, DIAG_SYSTEM, NULL,
		    "no random bytes for the tombstone: %s", strerror(errno));
		return -1;
	}
	memcpy(out, "erased-", 7);
	for (i = 0; i < sizeof(r); i++)
		snprintf(out + 7 + 2 * i, 3, "%02x", r[i]);
	return 0;
}

struct audit_row {
	long long id;
	char *actor, *subject, *before, *after;
};

/* Gives every audit entry that names the person the tombstone instead, without free text. */
static int
rewrite_audit(struct store *st, const char *person, const char *tombstone, long long *count)
{
	sqlite3_stmt *s = prep(st, "SELECT id, actor, subject, before, after FROM audit_log "
	    "WHERE " AUDIT_NAMES_PERSON " ORDER BY id"), *u = NULL;
	struct audit_row *rows = NULL;
	size_t n = 0, cap = 0, i, plen = strlen(person);
	int rc, ret = -1;

	if (s == NULL)
		return -1;
	bind(s, 1, person);
	/* Read first: the UPDATE must not change rows under the running SELECT. */
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		xgrow((void **)&rows, &cap, n + 1, sizeof(*rows));
		rows[n].id = sqlite3_column_int64(s, 0);
		rows[n].actor = xstrdup(col(s, 1));
		rows[n].subject = xstrdup(col(s, 2));
		rows[n].before = col(s, 3) ? xstrdup(col(s, 3)) : NULL;
		rows[n].after = col(s, 4) ? xstrdup(col(s, 4)) : NULL;
		n++;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		fail(st, "reading the audit log");
		goto out;
	}
	if ((u = prep(st, "UPDATE audit_log SET actor = ?2, subject = ?3, before = ?4, "
	    "after = ?5 WHERE id = ?1")) == NULL)
		goto out;
	for (i = 0; i < n; i++) {
		struct audit_row *r = &rows[i];
		size_t slen = strlen(r->subject);
		int about = slen > plen && r->subject[slen - plen - 1] == '/' &&
		    strcmp(r->subject + slen - plen, person) == 0;
		char *subject = about ? xasprintf("%.*s%s", (int)(slen - plen), r->subject,
		    tombstone) : xstrdup(r->subject);
		char *before = store_audit_redact(r->before, person, tombstone, about);
		char *after = store_audit_redact(r->after, person, tombstone, about);

		sqlite3_bind_int64(u, 1, r->id);
		bind(u, 2, strcmp(r->actor, person) == 0 ? tombstone : r->actor);
		bind(u, 3, subject);
		bind(u, 4, before);
		bind(u, 5, after);
		rc = sqlite3_step(u);
		sqlite3_reset(u);
		free(subject);
		free(before);
		free(after);
		if (rc != SQLITE_DONE) {
			fail(st, "rewriting the audit log");
			goto out;
		}
		(*count)++;
	}
	ret = 0;
out:
	sqlite3_finalize(u);
	for (i = 0; i < n; i++) {
		free(rows[i].actor);
		free(rows[i].subject);
		free(rows[i].before);
		free(rows[i].after);
	}
	free(rows);
	return ret;
}

/*
 * Replaces every occurrence of what (the person's name or e-mail) in the
 * texts that stay. Names shorter than four bytes are left alone: replacing
 * "Al" everywhere would destroy other people's text.
 */
static int
redact_texts(struct store *st, const char *what, long long *count)
{
	static const char *const updates[] = {
		"UPDATE evidence SET text = replace(text, ?1, '[erased]') WHERE instr(text, ?1) > 0",
		"UPDATE private_notes SET text = replace(text, ?1, '[erased]') "
		"WHERE instr(text, ?1) > 0",
		"UPDATE decision_log SET note = replace(note, ?1, '[erased]') "
		"WHERE instr(note, ?1) > 0",
		"UPDATE audit_log SET before = replace(before, ?1, '[erased]'), "
		"after = replace(after, ?1, '[erased]') "
		"WHERE instr(before, ?1) > 0 OR instr(after, ?1) > 0",
		"UPDATE assessments SET source = replace(source, ?1, '[erased]') "
		"WHERE instr(source, ?1) > 0",
	};
	size_t i;

	if (what == NULL || strlen(what) < 4)
		return 0;
	for (i = 0; i < sizeof(updates) / sizeof(updates[0]); i++)
		if (run3(st, updates[i], what, NULL, NULL, count, "removing the name") != 0)
			return -1;
	return 0;
}

/*
 * egf serve's tables: the person's account and its roles, API tokens, web
 * sessions and failed sign-ins go; peer requests about them or asking them
 * go (a request is no statistic); the requests they made, their committee
 * seats and the sessions they created keep the tombstone; the access log
 * gets the tombstone for them as actor (without their address) and in its
 * subjects, through the erasure authorisation (schema 7).
 */
static int
erase_serve_rows(struct store *st, const char *person, const char *tombstone,
    long long *count)
{
	/* The subject with every path segment equal to ?1 replaced by ?2. */
#define SEGMENTS "replace(subject || '/', '/' || ?1 || '/', '/' || ?2 || '/')"
	static const char *const changes[] = {
		"DELETE FROM api_tokens WHERE account = ?1",
		"DELETE FROM web_sessions WHERE account = ?1",
		"DELETE FROM account_roles WHERE account = ?1",
		"DELETE FROM accounts WHERE id = ?1",
		"DELETE FROM sign_in_failures WHERE account = ?1",
		"DELETE FROM peer_requests WHERE person = ?1 OR peer = ?1",
		"UPDATE peer_requests SET requested_by = ?2 WHERE requested_by = ?1",
		"UPDATE session_committee SET account = ?2 WHERE account = ?1",
		"UPDATE calibration_sessions SET created_by = ?2 WHERE created_by = ?1",
		"UPDATE access_log SET "
		"actor = CASE WHEN actor = ?1 THEN ?2 ELSE actor END, "
		"address = CASE WHEN actor = ?1 THEN NULL ELSE address END, "
		"subject = CASE WHEN subject = ?1 THEN ?2 "
		"  ELSE substr(" SEGMENTS ", 1, length(" SEGMENTS ") - 1) END "
		"WHERE actor = ?1 OR subject = ?1 OR instr(subject || '/', '/' || ?1 || '/') > 0",
	};
#undef SEGMENTS
	size_t i;

	for (i = 0; i < sizeof(changes) / sizeof(changes[0]); i++)
		if (run3(st, changes[i], person, tombstone, NULL, count,
		    "erasing the person from the server's tables") != 0)
			return -1;
	return 0;
}

/* The erasure's changes, in order; inside the transaction. ?1 person, ?2 tombstone. */
static int
erase_rows(struct store *st, const char *person, struct store_erasure *out)
{
	/* Assessments that go whole: self-assessments and revisions no longer current. */
	static const char *const gone =
	    "(person = ?1 OR rater = ?1) AND (current = 0 OR person = rater)";
	char *sql;
	int rc;
	long long ignored = 0;

	rc = run3(st, "UPDATE people SET manager = ?2 WHERE manager = ?1", person,
	    out->tombstone, NULL, NULL, "detaching reports") != 0 ||
	    run3(st, "DELETE FROM evidence WHERE assessment IN (SELECT id FROM assessments "
	    "WHERE person = ?1 OR rater = ?1)", person, NULL, NULL, &out->texts_removed,
	    "removing evidence") != 0 ||
	    run3(st, "DELETE FROM private_notes WHERE assessment IN (SELECT id FROM assessments "
	    "WHERE person = ?1 OR rater = ?1)", person, NULL, NULL, &out->texts_removed,
	    "removing private notes") != 0;
	if (rc)
		return -1;
	sql = xasprintf("DELETE FROM ratings WHERE assessment IN (SELECT id FROM assessments "
	    "WHERE %s)", gone);
	rc = run3(st, sql, person, NULL, NULL, &ignored, "removing ratings");
	free(sql);
	if (rc != 0)
		return -1;
	sql = xasprintf("DELETE FROM assessments WHERE %s", gone);
	rc = run3(st, sql, person, NULL, NULL, &out->assessments_removed,
	    "removing assessments");
	free(sql);
	if (rc != 0)
		return -1;
	if (run3(st, "UPDATE assessments SET "
	    "person = CASE WHEN person = ?1 THEN ?2 ELSE person END, "
	    "rater = CASE WHEN rater = ?1 THEN ?2 ELSE rater END, "
	    "source = 'erased', source_hash = '' WHERE person = ?1 OR rater = ?1",
	    person, out->tombstone, NULL, &out->assessments_detached,
	    "detaching assessments") != 0 ||
	    run3(st, "UPDATE decision_log SET person = ?2, note = NULL WHERE person = ?1",
	    person, out->tombstone, NULL, &out->decisions_detached,
	    "detaching decisions") != 0 ||
	    run3(st, "UPDATE decision_log SET decided_by = ?2, note = NULL "
	    "WHERE decided_by = ?1", person, out->tombstone, NULL, &out->decisions_detached,
	    "detaching decisions") != 0)
		return -1;
	if (erase_serve_rows(st, person, out->tombstone, &out->server_rows) != 0)
		return -1;
	/* review cycles (schema 8): their people keep a place, reopened forms go */
	if (run3(st, "UPDATE cycle_people SET person = ?2 WHERE person = ?1", person,
	    out->tombstone, NULL, &ignored, "detaching cycles") != 0 ||
	    run3(st, "DELETE FROM form_reopenings WHERE person = ?1 OR rater = ?1", person,
	    NULL, NULL, &ignored, "removing reopened forms") != 0 ||
	    /* drafts of the review pages (schema 9), by them or about them */
	    run3(st, "DELETE FROM drafts WHERE person = ?1 OR rater = ?1", person,
	    NULL, NULL, &ignored, "removing drafts") != 0 ||
	    run3(st, "UPDATE audit_log SET after = replace(after, ' form by ' || ?1 || ' (', "
	    "' form by ' || ?2 || ' (') WHERE action IN ('reopen form', 'submit reopened form') "
	    "AND instr(after, ' form by ' || ?1 || ' (') > 0", person, out->tombstone, NULL,
	    &out->audit_rewritten, "rewriting the audit log") != 0)
		return -1;
	return rewrite_audit(st, person, out->tombstone, &out->audit_rewritten);
}

int
store_person_erase(struct store *st, const char *person, const char *actor,
    struct store_erasure *out)
{
	struct store_person p;
	char now[32], *summary = NULL;
	int got;

	memset(out, 0, sizeof(*out));
	memset(&p, 0, sizeof(p));
	if (exec_sql(st, "PRAGMA secure_delete = ON", "turning on secure_delete") != 0 ||
	    make_tombstone(out->tombstone) != 0 || store_begin(st) != 0)
		return -1;
	if ((got = store_person_get(st, person, &p)) <= 0) {
		store_rollback(st);
		return got;
	}
	store_now(now);
	if (run3(st, "INSERT INTO erasure_authorisation (id, person, tombstone) "
	    "VALUES (1, ?1, ?2)", person, out->tombstone, NULL, NULL,
	    "authorising the erasure") != 0 ||
	    run3(st, "INSERT INTO people (id, name, email, team, manager, track, level, "
	    "updated_at) SELECT ?2, '(erased)', NULL, team, manager, track, level, ?3 "
	    "FROM people WHERE id = ?1", person, out->tombstone, now, NULL,
	    "storing the tombstone") != 0 ||
	    erase_rows(st, person, out) != 0 ||
	    redact_texts(st, p.name, &out->redactions) != 0 ||
	    redact_texts(st, p.email, &out->redactions) != 0 ||
	    run3(st, "DELETE FROM people WHERE id = ?1", person, NULL, NULL, NULL,
	    "removing the person") != 0)
		goto err;
	summary = xasprintf("%lld assessments removed, %lld kept without the person, "
	    "%lld texts removed", out->assessments_removed, out->assessments_detached,
	    out->texts_removed);
	{
		sqlite3_stmt *s = prep(st, "INSERT INTO audit_log (at, actor, action, subject, "
		    "before, after) VALUES (?1, ?2, 'erase person', ?3, NULL, ?4)");
		int rc;

		if (s == NULL)
			goto err;
		bind(s, 1, now);
		bind(s, 2, actor);
		bind(s, 3, out->tombstone);
		bind(s, 4, summary);
		rc = sqlite3_step(s);
		sqlite3_finalize(s);
		if (rc != SQLITE_DONE) {
			fail(st, "recording the erasure");
			goto err;
		}
	}
	if (run3(st, "DELETE FROM erasure_authorisation WHERE id = 1", NULL, NULL, NULL, NULL,
	    "ending the erasure") != 0 || store_commit(st) != 0)
		goto err;
	free(summary);
	store_person_clear(&p);
	if ((got = scrub(st)) < 0)
		return -1;
	out->scrubbed = got;
	return 1;
err:
	store_rollback(st);
	free(summary);
	store_person_clear(&p);
	return -1;
}

int
store_erasure_pending(struct store *st)
{
	sqlite3_stmt *s = prep(st, "SELECT count(*) FROM erasure_authorisation");
	int rc, n = 0;

	if (s == NULL)
		return -1;
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		n = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? n > 0 : fail(st, "reading erasure_authorisation");
}

/* ---- retention ---- */

void
store_retention_clear(struct store_retention *r)
{
	size_t i;

	for (i = 0; i < r->nkept; i++)
		free(r->kept[i]);
	for (i = 0; i < r->npruned; i++)
		free(r->pruned[i]);
	free(r->kept);
	free(r->pruned);
	memset(r, 0, sizeof(*r));
}

static int
read_cycles(struct store *st, long keep, struct store_retention *out)
{
	sqlite3_stmt *s = prep(st, "SELECT id FROM cycles ORDER BY created_at DESC, id DESC");
	size_t kcap = 0, pcap = 0;
	int rc;

	if (s == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if ((long)out->nkept < keep) {
			xgrow((void **)&out->kept, &kcap, out->nkept + 1, sizeof(char *));
			out->kept[out->nkept++] = xstrdup(col(s, 0));
		} else {
			xgrow((void **)&out->pruned, &pcap, out->npruned + 1, sizeof(char *));
			out->pruned[out->npruned++] = xstrdup(col(s, 0));
		}
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : fail(st, "reading cycles");
}

/* Lists, then removes, one kind of text of one cycle; the counts must agree. */
static int
prune_texts(struct store *st, const char *cycle, int notes,
    void (*fn)(const struct store_retention_row *, void *), void *arg, long long *count)
{
	sqlite3_stmt *s = prep(st, notes ?
	    "SELECT a.person, a.role, a.rater, a.revision, t.expectation FROM private_notes t "
	    "JOIN assessments a ON a.id = t.assessment WHERE a.cycle = ?1 "
	    "ORDER BY a.person, a.role, a.rater, a.revision, t.expectation" :
	    "SELECT a.person, a.role, a.rater, a.revision, t.expectation FROM evidence t "
	    "JOIN assessments a ON a.id = t.assessment WHERE a.cycle = ?1 "
	    "ORDER BY a.person, a.role, a.rater, a.revision, t.expectation");
	struct store_retention_row row;
	long long listed = 0, removed = 0;
	int rc;

	if (s == NULL)
		return -1;
	bind(s, 1, cycle);
	row.kind = notes ? "private-note" : "evidence";
	row.cycle = cycle;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		row.person = col(s, 0);
		row.role = col(s, 1);
		row.rater = col(s, 2);
		row.revision = sqlite3_column_int(s, 3);
		row.expectation = col(s, 4);
		fn(&row, arg);
		listed++;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return fail(st, "reading texts");
	if (run3(st, notes ?
	    "DELETE FROM private_notes WHERE assessment IN "
	    "(SELECT id FROM assessments WHERE cycle = ?1)" :
	    "DELETE FROM evidence WHERE assessment IN "
	    "(SELECT id FROM assessments WHERE cycle = ?1)",
	    cycle, NULL, NULL, &removed, "removing texts") != 0)
		return -1;
	if (removed != listed) {
		diag_report(NULL, DIAG_DATABASE, NULL,
		    "%s: retention listed %lld texts of %s but removed %lld",
		    store_file(st), listed, cycle, removed);
		return -1;
	}
	*count += removed;
	return 0;
}

static int
record_retention(struct store *st, long keep, const char *actor,
    const struct store_retention *r)
{
	sqlite3_stmt *s = prep(st, "INSERT INTO audit_log (at, actor, action, subject, before, "
	    "after) VALUES (?1, ?2, 'retention', ?3, NULL, ?4)");
	struct buf what = {0};
	char now[32], subject[64];
	size_t i;
	int rc;

	if (s == NULL)
		return -1;
	store_now(now);
	snprintf(subject, sizeof(subject), "keep %ld cycles", keep);
	buf_printf(&what, "removed %lld evidence texts and %lld private notes of", r->evidence,
	    r->notes);
	for (i = 0; i < r->npruned; i++)
		buf_printf(&what, "%s %s", i ? "," : "", r->pruned[i]);
	bind(s, 1, now);
	bind(s, 2, actor);
	bind(s, 3, subject);
	bind(s, 4, what.data);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	buf_free(&what);
	return rc == SQLITE_DONE ? 0 : fail(st, "recording the retention");
}

int
store_retention_run(struct store *st, long keep, int apply, const char *actor,
    void (*fn)(const struct store_retention_row *row, void *arg), void *arg,
    struct store_retention *out)
{
	size_t i;
	int done;

	memset(out, 0, sizeof(*out));
	if (exec_sql(st, "PRAGMA secure_delete = ON", "turning on secure_delete") != 0 ||
	    store_begin(st) != 0)
		return -1;
	if (read_cycles(st, keep, out) != 0)
		goto err;
	for (i = 0; i < out->npruned; i++)
		if (prune_texts(st, out->pruned[i], 0, fn, arg, &out->evidence) != 0 ||
		    prune_texts(st, out->pruned[i], 1, fn, arg, &out->notes) != 0)
			goto err;
	if (!apply) {
		store_rollback(st);
		return 0;
	}
	if (out->evidence + out->notes == 0) {
		store_rollback(st);
		return 0;
	}
	if (record_retention(st, keep, actor, out) != 0 || store_commit(st) != 0)
		goto err;
	if ((done = scrub(st)) < 0)
		return -1;
	if (done == 0)
		diag_report(NULL, DIAG_LOCKED, NULL,
		    "%s: another process has the database open, so the WAL "
		    "was not truncated; the removed text may stay in %s-wal until the next "
		    "checkpoint", store_file(st), store_file(st));
	return 0;
err:
	store_rollback(st);
	return -1;
}

/* ---- backup ---- */

int
store_backup(struct store *st, const char *dest)
{
	sqlite3 *d = NULL;
	sqlite3_backup *b;
	sqlite3_stmt *s;
	int rc, waited = 0;
	const char *ok;

	if (sqlite3_open_v2(dest, &d, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
	    NULL) != SQLITE_OK) {
		diag_report(NULL, DIAG_WRITE, NULL, "%s: %s", dest, sqlite3_errmsg(d));
		sqlite3_close(d);
		return -1;
	}
	if ((b = sqlite3_backup_init(d, "main", store_sqlite(st), "main")) == NULL) {
		diag_report(NULL, DIAG_WRITE, NULL,
		    "%s: starting the backup: %s", dest, sqlite3_errmsg(d));
		sqlite3_close(d);
		return -1;
	}
	/* All pages in one step: one read transaction, so one consistent state. */
	while ((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED) {
		if (waited >= 10000)
			break;
		sqlite3_sleep(50);
		waited += 50;
	}
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		diag_report(NULL, DIAG_DATABASE, NULL,
		    "%s: copying the database: %s", store_file(st),
		    sqlite3_errstr(rc));
		sqlite3_close(d);
		return -1;
	}
	if (sqlite3_exec(d, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(d, "PRAGMA integrity_check", -1, &s, NULL) != SQLITE_OK) {
		diag_report(NULL, DIAG_WRITE, NULL, "%s: %s", dest, sqlite3_errmsg(d));
		sqlite3_close(d);
		return -1;
	}
	rc = sqlite3_step(s);
	ok = rc == SQLITE_ROW ? col(s, 0) : NULL;
	if (ok == NULL || strcmp(ok, "ok") != 0) {
		diag_report(NULL, DIAG_WRITE, NULL,
		    "%s: the copy fails its integrity check: %s", dest,
		    ok ? ok : sqlite3_errmsg(d));
		sqlite3_finalize(s);
		sqlite3_close(d);
		return -1;
	}
	sqlite3_finalize(s);
	if (sqlite3_close(d) != SQLITE_OK) {
		diag_report(NULL, DIAG_WRITE, NULL, "%s: closing the copy", dest);
		return -1;
	}
	return 0;
}
