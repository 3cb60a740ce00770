/*
 * serve_cache.h: responses computed from the database, kept per store
 * connection and served again as long as the database has not changed
 * since they were computed (store_state: any commit by anyone, this
 * process or another, makes every entry of every connection stale) and
 * the day (UTC) is the same one. For handlers whose response depends only
 * on the caller, the path with its query, the database and the day: the
 * readiness of a manager's chain, the "me" and "my team" pages. Never
 * stale: the state is read before the response is computed, so a write
 * during the computation makes the entry miss next time.
 *
 * A page carries one thing of its request that is not of the caller: the
 * CSRF token of the caller's session, in its forms. serve_cache_begin
 * makes the page be rendered with the server's csrf_hole in its place;
 * the entry keeps where the holes were, and every answer from it (the
 * first one too) has the request's own token put there.
 */
#ifndef EGF_SERVE_CACHE_H
#define EGF_SERVE_CACHE_H

#include <stddef.h>

#include "util.h"

#define SERVE_CACHE_ENTRIES 32
#define SERVE_CACHE_BYTES (8u * 1024 * 1024)	/* per connection */

struct serve_cache_entry {
	char *key;		/* owned: account, roles and path; NULL when free */
	long long state[3];	/* store_state and the day when it was computed */
	struct buf body;	/* owned: the response without its CSRF holes */
	size_t *holes;		/* owned: offsets in body where the token goes */
	size_t nholes;
	const char *type;	/* a string literal */
	int status;
	unsigned long long used;	/* the least recently used is replaced */
};

struct serve_cache {
	struct serve_cache_entry e[SERVE_CACHE_ENTRIES];
	size_t bytes;
	unsigned long long tick;
};

struct request;

/* Frees every entry; the cache stays usable. */
void serve_cache_clear(struct serve_cache *c);
/*
 * Answers r from its connection's cache when an entry for the caller and
 * path was computed in the database's present state: 1. Else 0, with the
 * present state noted in r for serve_cache_put; -1 on a database error.
 */
int serve_cache_get(struct request *r);
/* Keeps r's response (200 only) under the state serve_cache_get noted. */
void serve_cache_put(struct request *r);
/*
 * For a page: serve_cache_get, and on a miss (0) r->csrf is the server's
 * csrf_hole until serve_cache_end. -1 on a database error.
 */
int serve_cache_begin(struct request *r);
/*
 * After a page begun by serve_cache_begin was rendered into r->out: keeps
 * it (200 only, holes noted), gives r back its CSRF token and puts the
 * token into r->out where the holes are.
 */
void serve_cache_end(struct request *r);

#endif
