/* serve_cache.c: responses kept while the database has not changed (serve_cache.h). */
#include "serve_cache.h"

#include <stdlib.h>
#include <string.h>

#include "serve.h"

#define DAY_SECONDS 86400

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
serve_cache_clear(struct serve_cache *c)
{
	size_t i;

	for (i = 0; i < SERVE_CACHE_ENTRIES; i++)
		entry_free(c, &c->e[i]);
	c->bytes = 0;
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

int
serve_cache_get(struct request *r)
{
	struct serve_cache *c = r->cache;
	char *key;
	size_t i;

	r->cache_noted = 0;
	if (c == NULL)
		return 0;
	if (store_state(r->st, r->cache_state) != 0)
		return -1;
	r->cache_state[2] = (long long)(source_date_now() / DAY_SECONDS);
	r->cache_noted = 1;
	key = key_of(r);
	for (i = 0; i < SERVE_CACHE_ENTRIES; i++) {
		struct serve_cache_entry *e = &c->e[i];

		if (e->key == NULL || strcmp(e->key, key) != 0)
			continue;
		if (memcmp(e->state, r->cache_state, sizeof(e->state)) != 0) {
			entry_free(c, e);	/* computed before a change: never served */
			break;
		}
		e->used = ++c->tick;
		r->status = e->status;
		r->type = e->type;
		answer(r, e);
		free(key);
		return 1;
	}
	free(key);
	return 0;
}

/*
 * The response body without the holes (hole, when not NULL, is a string
 * the body has where a token goes) into e->body, their offsets into
 * e->holes.
 */
static void
keep_body(struct serve_cache_entry *e, const struct buf *out, const char *hole)
{
	size_t hl = hole ? strlen(hole) : 0, at = 0, cap = 0;
	const char *p;

	while (hl > 0 && (p = mem_find(out->data + at, out->len - at, hole, hl)) != NULL) {
		size_t n = (size_t)(p - out->data) - at;

		buf_add(&e->body, out->data + at, n);
		xgrow((void **)&e->holes, &cap, e->nholes + 1, sizeof(*e->holes));
		e->holes[e->nholes++] = e->body.len;
		at += n + hl;
	}
	buf_add(&e->body, out->data + at, out->len - at);
}

static void
keep(struct request *r, const char *hole)
{
	struct serve_cache *c = r->cache;
	struct serve_cache_entry *e = NULL;
	size_t i;

	if (c == NULL || !r->cache_noted || r->status != 200 || r->out.len > SERVE_CACHE_BYTES)
		return;
	/* a free entry, else the least recently used; and room within the bytes */
	for (i = 0; i < SERVE_CACHE_ENTRIES; i++)
		if (e == NULL || c->e[i].key == NULL || (e->key != NULL && c->e[i].used < e->used))
			e = &c->e[i];
	entry_free(c, e);
	while (c->bytes + r->out.len > SERVE_CACHE_BYTES) {
		struct serve_cache_entry *old = NULL;

		for (i = 0; i < SERVE_CACHE_ENTRIES; i++)
			if (c->e[i].key != NULL && (old == NULL || c->e[i].used < old->used))
				old = &c->e[i];
		if (old == NULL)
			break;
		entry_free(c, old);
	}
	e->key = key_of(r);
	memcpy(e->state, r->cache_state, sizeof(e->state));
	keep_body(e, &r->out, hole);
	e->type = r->type;
	e->status = r->status;
	e->used = ++c->tick;
	c->bytes += r->out.len;
}

void
serve_cache_put(struct request *r)
{
	keep(r, NULL);
}

int
serve_cache_begin(struct request *r)
{
	int got = serve_cache_get(r);

	if (got == 0 && r->cache_noted) {
		memcpy(r->cache_csrf, r->csrf, sizeof(r->csrf));
		memcpy(r->csrf, r->srv->csrf_hole, sizeof(r->csrf));
		r->cache_holed = 1;
	}
	return got;
}

void
serve_cache_end(struct request *r)
{
	struct serve_cache_entry e;

	if (!r->cache_holed)
		return;
	memcpy(r->csrf, r->cache_csrf, sizeof(r->csrf));
	r->cache_holed = 0;
	keep(r, r->srv->csrf_hole);
	/* this answer too: the holes filled, as every later one */
	memset(&e, 0, sizeof(e));
	keep_body(&e, &r->out, r->srv->csrf_hole);
	if (e.nholes > 0)
		answer(r, &e);
	buf_free(&e.body);
	free(e.holes);
}
