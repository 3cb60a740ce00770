/*
 * store_serve.h: what egf serve keeps in the store beside the review data:
 * accounts and their roles, API tokens, web sessions, sign-in failures, the
 * access log, peer requests and calibration sessions (docs/store.md,
 * schema version 4). Secrets arrive here already hashed (hex SHA-256); the
 * store never sees a token, session id or password in the clear.
 *
 * As in store.h: every function that can fail prints why and returns -1;
 * lookups return 1 (found, *out filled and owned by the caller), 0 or -1.
 */
#ifndef EGF_STORE_SERVE_H
#define EGF_STORE_SERVE_H

#include <stddef.h>

#include "store.h"

enum { ACCOUNT_HR = 1, ACCOUNT_ADMIN = 2 };

struct store_account {
	char *id, *email, *password, *created_at;	/* owned; NULL when none */
	unsigned roles;		/* ACCOUNT_HR | ACCOUNT_ADMIN */
	int disabled;
};

/*
 * Creates the account or updates an existing one: roles replaced, the
 * password hash (the crypto_pwhash_str string) replaced when non-NULL, the
 * email when non-NULL, enabled again. *created says which. A new password
 * for an existing account ends all its web sessions (API tokens stay: they
 * are revoked with store_account_disable). Call inside a transaction.
 */
int store_account_put(struct store *st, const char *id, const char *email,
    const char *password, unsigned roles, int *created);
int store_account_get(struct store *st, const char *id, struct store_account *out);
/* The enabled account with that email (emails are unique among accounts). */
int store_account_by_email(struct store *st, const char *email, struct store_account *out);
/* Disables the account and deletes its tokens and sessions; 1, 0 (no such account) or -1. */
int store_account_disable(struct store *st, const char *id);
/* Calls fn for every account, by id; the record is valid during the call only. */
int store_account_each(struct store *st,
    int (*fn)(const struct store_account *a, void *arg), void *arg);
void store_account_clear(struct store_account *a);

/* ---- credentials ---- */

/* Stores an API token's hash, valid until expires (Unix time). */
int store_token_add(struct store *st, const char *hash, const char *account, long long now,
    long long expires);
/* The enabled account of an unexpired token. */
int store_token_account(struct store *st, const char *hash, long long now,
    struct store_account *out);
/* Number of unexpired tokens of an account; -1 on error. */
long long store_token_count(struct store *st, const char *account, long long now);

int store_session_add(struct store *st, const char *hash, const char *account, long long now);
/*
 * The enabled account of a web session created after now - absolute and
 * seen after now - idle; marks it seen now when the last mark is a minute
 * old or a sixteenth of idle (a write only then). An expired session is
 * deleted.
 */
int store_session_account(struct store *st, const char *hash, long long now, long long idle,
    long long absolute, struct store_account *out);
int store_session_delete(struct store *st, const char *hash);

int store_sign_in_failure(struct store *st, const char *account, const char *address,
    long long now);
/*
 * The times of the most recent failed sign-ins for (account, address) at or
 * after since, newest first: at most max into times, *n how many.
 */
int store_sign_in_recent(struct store *st, const char *account, const char *address,
    long long since, long long *times, size_t max, size_t *n);
/* Forgets the failures of (account, address), after a successful sign-in. */
int store_sign_in_clear(struct store *st, const char *account, const char *address);

/* Appends to the access log; fields borrowed, actor and address may be NULL. */
int store_access_log(struct store *st, const char *actor, const char *address,
    const char *action, const char *subject);

/* ---- the organisation, as the server asks about it ---- */

/* Calls fn for every person below manager in the manager chain, by id. */
int store_reports(struct store *st, const char *manager,
    int (*fn)(const char *id, void *arg), void *arg);
/* 1 when person is below manager in the chain, 0 when not, -1 on error. */
int store_in_chain(struct store *st, const char *manager, const char *person);
/*
 * The target level of person in cycle: that of their current manager
 * assessment, else of any current one. 1 with *level (caller frees), 0, -1.
 */
int store_person_target(struct store *st, const char *cycle, const char *person,
    char **level);
/* 1 when rater has a current assessment of person in cycle (any when NULL) in role, 0, -1. */
int store_assessment_by(struct store *st, const char *cycle, const char *person,
    const char *rater, const char *role);
/*
 * The revision of person's file in cycle: how many forms about them were ever
 * stored (every submission adds one, history is kept), so it grows whenever
 * what a committee looked at changed; -1 on error.
 */
long long store_person_revision(struct store *st, const char *cycle, const char *person);
/* Number of distinct raters of person's current assessments of that role; -1. */
long long store_raters_count(struct store *st, const char *cycle, const char *person,
    const char *role);

/*
 * Calls fn for each cycle with a current assessment of person (of anyone
 * when NULL), the newest first.
 */
int store_cycles_of(struct store *st, const char *person,
    int (*fn)(const char *cycle, void *arg), void *arg);

/* ---- peer requests ---- */

/* Records that peer is asked for feedback on person in cycle; 1 new, 0 already, -1. */
int store_peer_request_add(struct store *st, const char *cycle, const char *person,
    const char *peer, const char *by);
int store_peer_request_exists(struct store *st, const char *cycle, const char *person,
    const char *peer);

/* ---- calibration sessions ---- */

struct store_session {
	char *cycle, *id, *title, *created_by, *created_at;	/* owned */
	char **levels, **teams, **committee;	/* owned arrays of owned strings */
	size_t nlevels, nteams, ncommittee;
	int locked;
};

/* Creates a session with its committee; 1 created, 0 when the id exists, -1. In a transaction. */
int store_session_create(struct store *st, const struct store_session *s);
int store_calibration_session(struct store *st, const char *cycle, const char *id,
    struct store_session *out);
/* Calls fn for every session of cycle (any when NULL) that account sits on the committee of. */
int store_sessions_of_member(struct store *st, const char *cycle, const char *account,
    int (*fn)(const struct store_session *s, void *arg), void *arg);
void store_session_clear(struct store_session *s);

#endif
