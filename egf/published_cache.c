/* published_cache.c: models of published versions shared by threads (published_cache.h). */
#include "published_cache.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

struct published_cache_entry {
	long long rowid;
	char hash[65];
	struct model *model;	/* owned */
};

struct published_cache {
	pthread_mutex_t lock;
	struct published_cache_entry *e;
	size_t n, cap;
};

struct published_cache *
published_cache_new(void)
{
	struct published_cache *c = xcalloc(1, sizeof(*c));

	pthread_mutex_init(&c->lock, NULL);
	return c;
}

void
published_cache_free(struct published_cache *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->n; i++)
		model_free(c->e[i].model);
	free(c->e);
	pthread_mutex_destroy(&c->lock);
	free(c);
}

/* The entry of (rowid, hash); the caller holds the lock. */
static const struct model *
find(const struct published_cache *c, long long rowid, const char *hash)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (c->e[i].rowid == rowid && strcmp(c->e[i].hash, hash) == 0)
			return c->e[i].model;
	return NULL;
}

const struct model *
published_cache_get(struct published_cache *c, long long rowid, const char *hash)
{
	const struct model *m;

	pthread_mutex_lock(&c->lock);
	m = find(c, rowid, hash);
	pthread_mutex_unlock(&c->lock);
	return m;
}

const struct model *
published_cache_put(struct published_cache *c, long long rowid, const char *hash,
    struct model *m)
{
	const struct model *kept;
	struct published_cache_entry *e;

	pthread_mutex_lock(&c->lock);
	if ((kept = find(c, rowid, hash)) != NULL) {
		pthread_mutex_unlock(&c->lock);
		model_free(m);
		return kept;
	}
	xgrow((void **)&c->e, &c->cap, c->n + 1, sizeof(*c->e));
	e = &c->e[c->n++];
	e->rowid = rowid;
	snprintf(e->hash, sizeof(e->hash), "%s", hash);
	e->model = m;
	pthread_mutex_unlock(&c->lock);
	return m;
}

size_t
published_cache_count(struct published_cache *c)
{
	size_t n;

	pthread_mutex_lock(&c->lock);
	n = c->n;
	pthread_mutex_unlock(&c->lock);
	return n;
}
