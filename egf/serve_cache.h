/*
 * serve_cache.h: answers computed from the database, kept by the server for
 * all its worker threads and served again as long as the database has not
 * changed since they were computed and the day (UTC) is the same one. For
 * handlers whose answer depends only on the caller, the path with its
 * query, the database and the day: the readiness of a manager's chain, the
 * "me" and "my team" pages.
 *
 * The database's state is the data version of a connection of the cache's
 * own that never writes (PRAGMA data_version): it changes with every
 * commit by any other connection, the server's or another process's. Never
 * stale: the state is read before the answer is computed, so a commit
 * during the computation makes the entry miss next time.
 *
 * One computation per miss: a request that misses computes the answer
 * while the others asking for the same key in the same state wait for it
 * (and then get it), so that a cold report is computed once, not once per
 * thread. serve_cache_done, after every request, ends a computation that
 * the handler left (an error): the waiters then compute it themselves.
 *
 * A page carries one thing of its request that is not of the caller: the
 * CSRF token of the caller's session, in its forms. serve_cache_begin
 * makes the page be rendered with the server's csrf_hole in its place;
 * the entry keeps where the holes were, and every answer from it (the
 * first one too) has the request's own token put there.
 *
 * Thread-safe: one mutex guards the entries and the watching connection.
 */
#ifndef EGF_SERVE_CACHE_H
#define EGF_SERVE_CACHE_H

#include <stddef.h>

#include "util.h"

#define SERVE_CACHE_ENTRIES 64
#define SERVE_CACHE_BYTES (32u * 1024 * 1024)

struct serve_cache;
struct request;

/* A cache watching the database at path (which exists); NULL after printing why. */
struct serve_cache *serve_cache_new(const char *path);
/* Frees c and everything it keeps; accepts NULL. No request may be using it. */
void serve_cache_free(struct serve_cache *c);

/*
 * Answers r from the cache when an entry for the caller, path and query
 * was computed in the database's present state, today: 1. Else 0: r is to
 * compute the answer and give it to serve_cache_put. -1 on a database
 * error. Without a cache (r->cache NULL), 0.
 */
int serve_cache_get(struct request *r);
/* Keeps r's answer (200 only) for the others that ask in the state serve_cache_get noted. */
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
/* After every request: ends a computation r began and did not put. */
void serve_cache_done(struct request *r);

#endif
