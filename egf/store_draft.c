/* store_draft.c: drafts of the review pages and what they ask (store_draft.h). */
#include "store_draft.h"

#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "util.h"

static void
bind_key(sqlite3_stmt *s, const struct store_form_key *k)
{
	store_bind_text(s, 1, k->cycle);
	store_bind_text(s, 2, k->person);
	store_bind_text(s, 3, k->rater);
	store_bind_text(s, 4, k->role);
}

int
store_draft_get(struct store *st, const struct store_form_key *k, struct store_draft *out)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT body, saved_at, base, revision FROM drafts "
	    "WHERE cycle = ?1 AND person = ?2 AND rater = ?3 AND role = ?4");
	int rc;

	memset(out, 0, sizeof(*out));
	if (s == NULL)
		return -1;
	bind_key(s, k);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		out->body = store_column_text(s, 0);
		out->saved_at = store_column_text(s, 1);
		out->base = sqlite3_column_int64(s, 2);
		out->revision = sqlite3_column_int64(s, 3);
	}
	return store_stmt_row(st, s, rc, "drafts");
}

int
store_draft_put(struct store *st, const struct store_form_key *k, const char *body,
    long long base, long long revision)
{
	sqlite3_stmt *s = store_stmt(st, "INSERT INTO drafts (cycle, person, rater, role, body, "
	    "base, revision, saved_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
	    "ON CONFLICT (cycle, person, rater, role) DO UPDATE SET body = excluded.body, "
	    "base = excluded.base, revision = excluded.revision, saved_at = excluded.saved_at");
	char now[32];

	if (s == NULL)
		return -1;
	store_now(now);
	bind_key(s, k);
	store_bind_text(s, 5, body);
	sqlite3_bind_int64(s, 6, base);
	sqlite3_bind_int64(s, 7, revision);
	store_bind_text(s, 8, now);
	return store_stmt_run(st, s, "storing the draft");
}

void
store_draft_clear(struct store_draft *d)
{
	free(d->body);
	free(d->saved_at);
	memset(d, 0, sizeof(*d));
}

long long
store_form_revision(struct store *st, const struct store_form_key *k)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT revision FROM assessments WHERE cycle = ?1 "
	    "AND person = ?2 AND rater = ?3 AND role = ?4 AND current = 1");
	long long rev = 0;
	int rc;

	if (s == NULL)
		return -1;
	bind_key(s, k);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		rev = sqlite3_column_int64(s, 0);
	return store_stmt_row(st, s, rc, "assessments") < 0 ? -1 : rev;
}

struct peer_request_reader {
	int (*fn)(const struct store_peer_request *q, void *arg);
	void *arg;
};

static int
peer_request_row(sqlite3_stmt *s, void *arg)
{
	struct peer_request_reader *r = arg;
	struct store_peer_request q;

	q.cycle = (const char *)sqlite3_column_text(s, 0);
	q.person = (const char *)sqlite3_column_text(s, 1);
	q.peer = (const char *)sqlite3_column_text(s, 2);
	q.requested_by = (const char *)sqlite3_column_text(s, 3);
	q.answered = sqlite3_column_int(s, 4);
	return r->fn(&q, r->arg);
}

int
store_peer_requests_each(struct store *st, const char *cycle, const char *person,
    const char *peer, int (*fn)(const struct store_peer_request *q, void *arg), void *arg)
{
#define PEER_REQUEST_COLUMNS "SELECT q.cycle, q.person, q.peer, q.requested_by, " \
	"EXISTS (SELECT 1 FROM assessments a WHERE a.cycle = q.cycle AND a.person = " \
	"q.person AND a.rater = q.peer AND a.role = 'peer' AND a.current = 1) " \
	"FROM peer_requests q WHERE "
	/*
	 * The pages' two questions by their own statements: through "?1 IS NULL
	 * OR" SQLite reads every request of every cycle. A person's in a cycle
	 * is a range of the primary key; those asked of a peer, of
	 * peer_requests_peer (store_scale.h).
	 */
	static const char *const of_person = PEER_REQUEST_COLUMNS
	    "q.cycle = ?1 AND q.person = ?2 AND (?3 IS NULL OR q.peer = ?3) "
	    "ORDER BY q.cycle, q.person, q.peer";
	static const char *const of_peer = PEER_REQUEST_COLUMNS
	    "q.peer = ?3 AND (?1 IS NULL OR q.cycle = ?1) AND (?2 IS NULL OR q.person = ?2) "
	    "ORDER BY q.cycle, q.person, q.peer";
	static const char *const any = PEER_REQUEST_COLUMNS
	    "(?1 IS NULL OR q.cycle = ?1) AND (?2 IS NULL OR q.person = ?2) "
	    "AND (?3 IS NULL OR q.peer = ?3) ORDER BY q.cycle, q.person, q.peer";
#undef PEER_REQUEST_COLUMNS
	sqlite3_stmt *s = store_stmt(st, cycle != NULL && person != NULL ? of_person :
	    peer != NULL ? of_peer : any);
	struct peer_request_reader r = { fn, arg };

	if (s == NULL)
		return -1;
	store_bind_text(s, 1, cycle);
	store_bind_text(s, 2, person);
	store_bind_text(s, 3, peer);
	return store_rows(st, s, peer_request_row, &r, "reading peer requests");
}

int
store_cycle_ids(struct store *st, int (*fn)(const char *cycle, void *arg), void *arg)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT id FROM cycles ORDER BY created_at DESC, "
	    "id DESC");

	if (s == NULL)
		return -1;
	return store_each_text(st, s, fn, arg, "reading cycles");
}
