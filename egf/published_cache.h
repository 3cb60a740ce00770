/*
 * published_cache.h: the models of published ladder versions, shared by
 * the threads of a long-running process (egf serve) so that a request
 * never parses a version's XML again.
 *
 * An entry is keyed by the version's rowid and its content hash (a row
 * that was replaced under the same rowid has another hash, so it can never
 * be taken for the old one). A published version never changes, so a
 * model, once loaded, is immutable and stays until the cache is freed:
 * no reference counts, and a model borrowed from the cache may be read by
 * any thread for the cache's life. A newly published version has a new
 * rowid: the next lookup of "the latest version" reads the rowid and hash
 * from the store (a small query, in the request's own transaction) and
 * misses, loads and keeps it. One mutex guards the table; the XML is
 * parsed outside it.
 */
#ifndef EGF_PUBLISHED_CACHE_H
#define EGF_PUBLISHED_CACHE_H

#include "model.h"

struct published_cache;

/* An empty cache; free it with published_cache_free (NULL is fine). */
struct published_cache *published_cache_new(void);
/* Frees the cache and every model in it: no thread may still use one. */
void published_cache_free(struct published_cache *c);

/* The model of version rowid with content hash hash; NULL when not kept. Borrowed. */
const struct model *published_cache_get(struct published_cache *c, long long rowid,
    const char *hash);
/*
 * Keeps m (ownership taken) as version rowid with hash, and returns the
 * model kept for it: m, or the one another thread kept first (m is then
 * freed). Borrowed for the cache's life.
 */
const struct model *published_cache_put(struct published_cache *c, long long rowid,
    const char *hash, struct model *m);
/* How many versions the cache holds (for the tests). */
size_t published_cache_count(struct published_cache *c);

#endif
