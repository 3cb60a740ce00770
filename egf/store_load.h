/*
 * store_load.h: what the store adds for egf serve under load
 * (docs/benchmarks.md, docs/serve.md "Caches"):
 *
 *   - an index of people by manager, so that a manager's reports and
 *     chain (store_reports, the recursive queries of authz) are found by
 *     a lookup instead of a scan of everyone, which made every request
 *     of a person cost in proportion to the organisation;
 *   - the key of a published version (rowid and content hash) without
 *     its XML, for the shared model cache (published_cache.h);
 *   - the model cache a connection's published lookups use;
 *   - the latest version's names without its XML, for every page.
 */
#ifndef EGF_STORE_LOAD_H
#define EGF_STORE_LOAD_H

#include "store.h"

/* The schema step (docs/store.md): one index, nothing else changes. */
#define STORE_LOAD_SCHEMA \
	"CREATE INDEX people_manager ON people (manager);"

/* A published version as the model cache knows it. */
struct store_ladder_ref {
	long long rowid;
	char hash[65];		/* content_hash */
};

/* The key of the latest version, of (ladder, version), of rowid: 1 found, 0 not, -1 error. */
int store_ladder_ref_latest(struct store *st, struct store_ladder_ref *out);
int store_ladder_ref_find(struct store *st, const char *ladder, const char *version,
    struct store_ladder_ref *out);
int store_ladder_ref_get(struct store *st, long long rowid, struct store_ladder_ref *out);

/*
 * The latest version as store_ladder_latest gives it, without its model's
 * XML (model_xml NULL): what a page's layout shows. 1, 0 or -1.
 */
int store_ladder_head(struct store *st, struct store_ladder *out);

struct published_cache;
/*
 * The model cache that store_published.h uses on this connection (borrowed: it
 * must outlive the connection's use of it); NULL: none, each struct
 * published keeps its own (the commands).
 */
void store_set_models(struct store *st, struct published_cache *models);
struct published_cache *store_models(const struct store *st);

#endif
