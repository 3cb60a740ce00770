/*
 * store_session.h: what a calibration session adds to the store beyond its
 * definition (store_serve.h): the committee's proposals before the meeting,
 * the session's own log of what the room changed, the lock, and the
 * revision of each person that the revision rule compares (docs/sessions.md).
 * A recorded outcome itself is a decision: store_decision_set, as
 * `egf decide` records it; this module only adds the session's context.
 */
#ifndef EGF_STORE_SESSION_H
#define EGF_STORE_SESSION_H

#include "store.h"
#include "store_serve.h"

/*
 * The session schema step (docs/store.md): proposals, one per committee
 * member and person, replaced when the member proposes again; and the
 * session log, append-only like the audit log. Written as one step so that
 * it can take any number in the migration list.
 */
#define STORE_SESSION_SCHEMA \
	"CREATE TABLE session_proposals (" \
	"  cycle TEXT NOT NULL," \
	"  session TEXT NOT NULL," \
	"  person TEXT NOT NULL," \
	"  account TEXT NOT NULL," \
	"  outcome TEXT NOT NULL," \
	"  to_level TEXT," \
	"  reason TEXT," \
	"  at TEXT NOT NULL," \
	"  PRIMARY KEY (cycle, session, person, account)," \
	"  FOREIGN KEY (cycle, session) REFERENCES calibration_sessions (cycle, id));" \
	"CREATE TABLE session_log (" \
	"  id INTEGER PRIMARY KEY," \
	"  cycle TEXT NOT NULL," \
	"  session TEXT NOT NULL," \
	"  at TEXT NOT NULL," \
	"  actor TEXT NOT NULL," \
	"  action TEXT NOT NULL," \
	"  person TEXT," \
	"  before TEXT," \
	"  after TEXT," \
	"  rationale TEXT," \
	"  FOREIGN KEY (cycle, session) REFERENCES calibration_sessions (cycle, id));" \
	"CREATE INDEX session_log_session ON session_log (cycle, session, id);" \
	"CREATE TRIGGER session_log_no_update BEFORE UPDATE ON session_log" \
	"  BEGIN SELECT RAISE(ABORT, 'the session log is append-only'); END;" \
	"CREATE TRIGGER session_log_no_delete BEFORE DELETE ON session_log" \
	"  BEGIN SELECT RAISE(ABORT, 'the session log is append-only'); END;" \
	"CREATE TRIGGER session_log_no_replace BEFORE INSERT ON session_log" \
	"  WHEN EXISTS (SELECT 1 FROM session_log WHERE id = NEW.id)" \
	"  BEGIN SELECT RAISE(ABORT, 'the session log is append-only'); END;"

/* A proposal: what one committee member proposes for one person. */
struct store_proposal {
	const char *cycle, *session, *person, *account;
	const char *outcome, *to_level, *reason;	/* to_level and reason NULL-able */
	const char *at;			/* set by the store when read */
};

/* Records (or replaces) the member's proposal; 0 or -1. Fields borrowed. */
int store_proposal_set(struct store *st, const struct store_proposal *p);
/* Calls fn for each proposal of the session, by person then account; fields borrowed for the call. */
int store_proposals_each(struct store *st, const char *cycle, const char *session,
    int (*fn)(const struct store_proposal *p, void *arg), void *arg);

/* One entry of the session log; fields borrowed for the call, NULL-able but at, actor, action. */
struct store_session_entry {
	long long id;
	const char *cycle, *session, *at, *actor, *action, *person, *before, *after, *rationale;
};

/* Appends to the session log (at: now); 0 or -1. */
int store_session_log(struct store *st, const struct store_session_entry *e);
/* Calls fn for each entry of the session, oldest first. */
int store_session_log_each(struct store *st, const char *cycle, const char *session,
    int (*fn)(const struct store_session_entry *e, void *arg), void *arg);

/* Locks the session; 1 locked now, 0 when it was locked already, -1. */
int store_session_lock(struct store *st, const char *cycle, const char *session);

/*
 * A person's revision in the cycle: how many times their assessments or
 * their decision have been stored. It only grows, so a client holding an
 * older number has not seen the latest change. -1 on error.
 */
long long store_session_revision(struct store *st, const char *cycle, const char *person);

/*
 * A fingerprint of everything the session page shows that can change: the
 * last session log entry (outcomes, proposals, the lock are logged), the
 * last decision and the number of assessments of the cycle, and the lock. Written into out (at least 64 bytes); 0 or -1.
 */
int store_session_stamp(struct store *st, const char *cycle, const char *session,
    char *out, size_t size);

/* Calls fn for every session of cycle, by id. */
int store_sessions_each(struct store *st, const char *cycle,
    int (*fn)(const struct store_session *s, void *arg), void *arg);

#endif
