/*
 * published.h: ladder versions published in the store, as validated models.
 * A cache keeps each version's model once per command run; on a store
 * connection given a shared cache (store_set_models, published_cache.h:
 * egf serve) every struct published uses that one instead, and its models
 * live as long as the shared cache.
 */
#ifndef EGF_PUBLISHED_H
#define EGF_PUBLISHED_H

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
	struct published_cache *shared;	/* borrowed from the store; NULL: items */
	struct published_entry *items;
	size_t n, cap;
};

void published_init(struct published *p, struct store *st, struct diag_list *dl);
/* Frees every cached model. */
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
