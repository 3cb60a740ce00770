/*
 * store_published.h: ladder versions published in the store, as validated models.
 * A cache keeps each version's model once per command run; on a store
 * connection given a shared cache (store_set_models, published_cache.h:
 * egf serve) every struct published uses that one instead, and its models
 * live as long as the shared cache.
 */
#ifndef EGF_STORE_PUBLISHED_H
#define EGF_STORE_PUBLISHED_H

#include "diag.h"
#include "model.h"
#include "store.h"

struct published_cache;

struct published_entry {
	long long rowid;
	struct model *model;	/* owned, unless the shared cache keeps it */
};

struct published {
	struct store *st;	/* borrowed */
	struct diag_list *dl;	/* borrowed */
	struct published_cache *server;	/* borrowed from the store; NULL: items */
	struct published_entry *items;
	size_t n, cap;
	struct published *shared;	/* borrowed: the cache used instead, or NULL */
};

void published_init(struct published *p, struct store *st, struct diag_list *dl);
/*
 * Makes p a view of another cache: its lookups read and load models into
 * shared (which owns them and must outlive every model p returned), so
 * two loads in one run parse each ladder version once.
 */
void published_share(struct published *p, struct published *shared);
/* Frees every cached model (none when shared: they are the other cache's). */
void published_clear(struct published *p);

/*
 * The model of a version; NULL when it does not exist (found is then 0) or
 * could not be read (found 1, error printed). Borrowed from the cache.
 */
const struct model *published_get(struct published *p, long long rowid);
/* The version (ladder, version); *rowid set. NULL with *found 0 when unpublished. */
const struct model *published_find(struct published *p, const char *ladder,
    const char *version, long long *rowid, int *found);
/* The most recently published version; NULL with *found 0 when there is none. */
const struct model *published_latest(struct published *p, long long *rowid, int *found);

/* The content hash of a model: SHA-256 of its XML without source positions. */
int published_hash(const struct model *m, char hex[65]);

#endif
