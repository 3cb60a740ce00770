/* serve_cache.c: answers kept while the database has not changed (serve_cache.h). */
#include "serve_cache.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "serve.h"
#include "store.h"

#define DAY_SECONDS 86400

struct serve_cache_entry {
	char *key;		/* owned: account, roles, path and query; NULL when free */
	long long state[2];	/* the watching connection's data version, the day */
	int computing;		/* 1 while the request that missed computes it */
	struct buf body;	/* owned: the answer without its CSRF holes */
	size_t *holes;		/* owned: offsets in body where the token goes */
	size_t nholes, nholes_cap;
	const char *type;	/* a string literal */
	int status;
	unsigned long long used;	/* the least recently used is replaced */
};

struct serve_cache {
	pthread_mutex_t lock;
	pthread_cond_t done;	/* a computation ended: kept or given up */
	struct store *watch;	/* owned: reads the data version, never writes */
	struct serve_cache_entry e[SERVE_CACHE_ENTRIES];
	size_t bytes;
	unsigned long long tick;
};

struct serve_cache *
serve_cache_new(const char *path)
{
	struct serve_cache *c = xcalloc(1, sizeof(*c));

	if ((c->watch = store_open(path, STORE_READ)) == NULL) {
		free(c);
		return NULL;
	}
	pthread_mutex_init(&c->lock, NULL);
	pthread_cond_init(&c->done, NULL);
	return c;
}

static void
entry_free(struct serve_cache *c, struct serve_cache_entry *e)
{
	if (e->key == NULL)
		return;
	c->bytes -= e->body.len;
	free(e->key);
	buf_free(&e->body);
	free(e->holes);
	memset(e, 0, sizeof(*e));
}

void
serve_cache_free(struct serve_cache *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < SERVE_CACHE_ENTRIES; i++)
		entry_free(c, &c->e[i]);
	store_close(c->watch);
	pthread_mutex_destroy(&c->lock);
	pthread_cond_destroy(&c->done);
	free(c);
}

/*
 * The key of r: who asks (account and roles) and what, the query's pairs
 * each with its length. The caller frees it.
 */
static char *
key_of(const struct request *r)
{
	struct buf b = {0};
	size_t i;

	buf_printf(&b, "%s\n%u\n%s %s", r->caller.id ? r->caller.id : "", r->caller.roles,
	    r->method, r->path);
	for (i = 0; i < r->query.n; i++)
		buf_printf(&b, "\n%zu:%s=%zu:%s", strlen(r->query.names[i]), r->query.names[i],
		    strlen(r->query.values[i]), r->query.values[i]);
	return b.data ? b.data : xstrdup("");
}

/* r->out from an entry: its body with r's CSRF token in each hole. */
static void
answer(struct request *r, const struct serve_cache_entry *e)
{
	size_t i, at = 0, tl = strlen(r->csrf);

	r->out.len = 0;
	for (i = 0; i < e->nholes; i++) {
		buf_add(&r->out, e->body.data + at, e->holes[i] - at);
		buf_add(&r->out, r->csrf, tl);
		at = e->holes[i];
	}
	buf_add(&r->out, e->body.data + at, e->body.len - at);
}

static struct serve_cache_entry *
find(struct serve_cache *c, const char *key)
{
	size_t i;

	for (i = 0; i < SERVE_CACHE_ENTRIES; i++)
		if (c->e[i].key != NULL && strcmp(c->e[i].key, key) == 0)
			return &c->e[i];
	return NULL;
}

/* A free entry, else the least recently used one not being computed; NULL when all are. */
static struct serve_cache_entry *
slot(struct serve_cache *c)
{
	struct serve_cache_entry *e = NULL;
	size_t i;

	for (i = 0; i < SERVE_CACHE_ENTRIES; i++) {
		if (c->e[i].key == NULL)
			return &c->e[i];
		if (!c->e[i].computing && (e == NULL || c->e[i].used < e->used))
			e = &c->e[i];
	}
	if (e != NULL)
		entry_free(c, e);
	return e;
}

int
serve_cache_get(struct request *r)
{
	struct serve_cache *c = r->cache;
	struct serve_cache_entry *e;
	long long state[2];
	char *key;

	r->cache_flight = NULL;
	if (c == NULL)
		return 0;
	key = key_of(r);
	pthread_mutex_lock(&c->lock);
	if (store_state(c->watch, state) != 0) {
		pthread_mutex_unlock(&c->lock);
		free(key);
		return -1;
	}
	state[1] = (long long)(source_date_now() / DAY_SECONDS);
	while ((e = find(c, key)) != NULL) {
		if (memcmp(e->state, state, sizeof(e->state)) != 0) {
			if (e->computing)	/* for another state: it is not ours to keep */
				goto unlock;
			entry_free(c, e);	/* computed before a change: never served */
			break;
		}
		if (!e->computing) {
			e->used = ++c->tick;
			r->status = e->status;
			r->type = e->type;
			answer(r, e);
			pthread_mutex_unlock(&c->lock);
			free(key);
			return 1;
		}
		/* being computed in this state: wait for it, then look again */
		pthread_cond_wait(&c->done, &c->lock);
	}
	if ((e = slot(c)) != NULL) {
		e->key = key;
		key = NULL;
		memcpy(e->state, state, sizeof(e->state));
		e->computing = 1;
		e->used = ++c->tick;
		r->cache_flight = e;
	}
unlock:
	pthread_mutex_unlock(&c->lock);
	free(key);
	return 0;
}

/*
 * The answer without the holes (hole, when not NULL, is a string it has
 * where a token goes) into e->body, their offsets into e->holes.
 */
static void
keep_body(struct serve_cache_entry *e, const struct buf *out, const char *hole)
{
	size_t hl = hole ? strlen(hole) : 0, at = 0;
	const char *p;

	while (hl > 0 && (p = mem_find(out->data + at, out->len - at, hole, hl)) != NULL) {
		size_t n = (size_t)(p - out->data) - at;

		buf_add(&e->body, out->data + at, n);
		xgrow((void **)&e->holes, &e->nholes_cap, e->nholes + 1, sizeof(*e->holes));
		e->holes[e->nholes++] = e->body.len;
		at += n + hl;
	}
	buf_add(&e->body, out->data + at, out->len - at);
}

/*
 * Ends r's computation: made's body and holes (taken from it) kept when r
 * is a 200 that fits; made NULL gives the computation up.
 */
static void
finish(struct request *r, struct serve_cache_entry *made)
{
	struct serve_cache *c = r->cache;
	struct serve_cache_entry *e = r->cache_flight;
	size_t i;

	if (e != NULL) {
		pthread_mutex_lock(&c->lock);
		r->cache_flight = NULL;
		if (made == NULL || r->status != 200 || made->body.len > SERVE_CACHE_BYTES / 4)
			entry_free(c, e);
		else {
			e->body = made->body;
			e->holes = made->holes;
			e->nholes = made->nholes;
			memset(made, 0, sizeof(*made));
			e->type = r->type;
			e->status = r->status;
			e->computing = 0;
			c->bytes += e->body.len;
			/* room within the bytes: the least recently used others go */
			while (c->bytes > SERVE_CACHE_BYTES) {
				struct serve_cache_entry *old = NULL;

				for (i = 0; i < SERVE_CACHE_ENTRIES; i++)
					if (&c->e[i] != e && c->e[i].key != NULL && !c->e[i].computing &&
					    (old == NULL || c->e[i].used < old->used))
						old = &c->e[i];
				if (old == NULL)
					break;
				entry_free(c, old);
			}
		}
		pthread_cond_broadcast(&c->done);
		pthread_mutex_unlock(&c->lock);
	}
	if (made != NULL) {
		buf_free(&made->body);
		free(made->holes);
	}
}

void
serve_cache_put(struct request *r)
{
	struct serve_cache_entry made;

	if (r->cache_flight == NULL)
		return;
	memset(&made, 0, sizeof(made));
	keep_body(&made, &r->out, NULL);
	finish(r, &made);
}

int
serve_cache_begin(struct request *r)
{
	int got = serve_cache_get(r);

	if (got == 0 && r->cache != NULL) {
		memcpy(r->cache_csrf, r->csrf, sizeof(r->csrf));
		memcpy(r->csrf, r->srv->csrf_hole, sizeof(r->csrf));
		r->cache_holed = 1;
	}
	return got;
}

void
serve_cache_end(struct request *r)
{
	struct serve_cache_entry made;

	if (!r->cache_holed)
		return;
	memcpy(r->csrf, r->cache_csrf, sizeof(r->csrf));
	r->cache_holed = 0;
	/* one scan for the holes: this answer filled from it, the entry made of it */
	memset(&made, 0, sizeof(made));
	keep_body(&made, &r->out, r->srv->csrf_hole);
	if (made.nholes > 0)
		answer(r, &made);
	finish(r, &made);
}

void
serve_cache_done(struct request *r)
{
	if (r->cache_holed) {
		memcpy(r->csrf, r->cache_csrf, sizeof(r->csrf));
		r->cache_holed = 0;
	}
	if (r->cache_flight != NULL)
		finish(r, NULL);	/* a computation left: the waiters compute it themselves */
}
