/* serve_cache.c: responses kept while the database has not changed (serve_cache.h). */
#include "serve_cache.h"

#include <stdlib.h>
#include <string.h>

#include "serve.h"

static void
entry_free(struct serve_cache *c, struct serve_cache_entry *e)
{
	if (e->key == NULL)
		return;
	c->bytes -= e->body.len;
	free(e->key);
	buf_free(&e->body);
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

/* The key of r: who asks (account and roles) and what. The caller frees it. */
static char *
key_of(const struct request *r)
{
	return xasprintf("%s\n%u\n%s %s", r->caller.id ? r->caller.id : "", r->caller.roles,
	    r->method, r->path);
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
	r->cache_noted = 1;
	key = key_of(r);
	for (i = 0; i < SERVE_CACHE_ENTRIES; i++) {
		struct serve_cache_entry *e = &c->e[i];

		if (e->key == NULL || strcmp(e->key, key) != 0)
			continue;
		if (e->state[0] != r->cache_state[0] || e->state[1] != r->cache_state[1]) {
			entry_free(c, e);	/* computed before a change: never served */
			break;
		}
		e->used = ++c->tick;
		r->status = e->status;
		r->type = e->type;
		r->out.len = 0;
		buf_add(&r->out, e->body.data, e->body.len);
		free(key);
		return 1;
	}
	free(key);
	return 0;
}

void
serve_cache_put(struct request *r)
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
	buf_add(&e->body, r->out.data, r->out.len);
	e->type = r->type;
	e->status = r->status;
	e->used = ++c->tick;
	c->bytes += r->out.len;
}
