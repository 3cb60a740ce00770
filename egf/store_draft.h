/*
 * store_draft.h: what the review pages of egf serve keep beside the forms:
 * drafts of the forms people fill in the browser (schema step 8), and the
 * questions the pages ask about forms and peer requests (docs/serve.md,
 * "Review pages").
 *
 * A draft is the Markdown form (docs/assessments.md) of one rater's form
 * about one person in one cycle and role, as last saved, with two numbers:
 * base, the revision of the rater's stored assessment when the draft was
 * saved (0: none), and revision, how many times it was saved since. A
 * draft whose base is older than the stored assessment was overtaken by a
 * submission and is not shown again.
 *
 * As in store.h: every function that can fail prints why and returns -1;
 * lookups return 1 (found, *out filled and owned by the caller), 0 or -1.
 */
#ifndef EGF_STORE_DRAFT_H
#define EGF_STORE_DRAFT_H

#include "store.h"

/* Schema step 8: the drafts. No foreign keys: a draft is never evidence of anything. */
#define STORE_DRAFT_SCHEMA \
	"CREATE TABLE drafts (" \
	"  cycle TEXT NOT NULL," \
	"  person TEXT NOT NULL," \
	"  rater TEXT NOT NULL," \
	"  role TEXT NOT NULL CHECK (role IN ('self', 'manager', 'peer'))," \
	"  body TEXT NOT NULL," \
	"  base INTEGER NOT NULL," \
	"  revision INTEGER NOT NULL," \
	"  saved_at TEXT NOT NULL," \
	"  PRIMARY KEY (cycle, person, rater, role)) WITHOUT ROWID;"

/* Which form: strings borrowed. */
struct store_form_key {
	const char *cycle, *person, *rater, *role;
};

struct store_draft {
	char *body, *saved_at;		/* owned */
	long long base, revision;
};

int store_draft_get(struct store *st, const struct store_form_key *k, struct store_draft *out);
/* Stores the draft (replacing the key's); call inside a transaction. */
int store_draft_put(struct store *st, const struct store_form_key *k, const char *body,
    long long base, long long revision);
void store_draft_clear(struct store_draft *d);

/*
 * The revision of rater's current assessment of person in cycle in role
 * (0 when there is none); -1 on error.
 */
long long store_form_revision(struct store *st, const struct store_form_key *k);

/* One peer request; strings valid during the callback only. */
struct store_peer_request {
	const char *cycle, *person, *peer, *requested_by;
	int answered;		/* the peer has a current peer assessment of person */
};

/*
 * Calls fn for each peer request of cycle (any when NULL) about person
 * (any when NULL) asked of peer (any when NULL), by cycle, person, peer;
 * a non-zero return of fn stops the walk.
 */
int store_peer_requests_each(struct store *st, const char *cycle, const char *person,
    const char *peer, int (*fn)(const struct store_peer_request *q, void *arg), void *arg);

/* Calls fn for every cycle in the store, the newest first. */
int store_cycle_ids(struct store *st, int (*fn)(const char *cycle, void *arg), void *arg);

#endif
