/* store_published.c: models of published ladder versions. */
#include "store_published.h"
#include "diag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ladder.h"
#include "model_xml.h"
#include "published_cache.h"
#include "sha256.h"
#include "store_load.h"
#include "util.h"

void
published_init(struct published *p, struct store *st, struct diag_list *dl)
{
	memset(p, 0, sizeof(*p));
	p->st = st;
	p->dl = dl;
	p->server = store_models(st);
}

void
published_share(struct published *p, struct published *shared)
{
	while (shared->shared != NULL)
		shared = shared->shared;
	p->shared = shared;
}

void
published_clear(struct published *p)
{
	size_t i;

	if (p->server == NULL)	/* else borrowed from the server's cache */
		for (i = 0; i < p->n; i++)
			model_free(p->items[i].model);
	free(p->items);
	p->items = NULL;
	p->n = p->cap = 0;
	p->shared = NULL;
}

static const struct model *
cached(struct published *p, long long rowid)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (p->items[i].rowid == rowid)
			return p->items[i].model;
	return NULL;
}

/* Notes rowid's model in p (owned unless p->server keeps it); returns m. */
static const struct model *
remember(struct published *p, long long rowid, const struct model *m)
{
	xgrow((void **)&p->items, &p->cap, p->n + 1, sizeof(*p->items));
	p->items[p->n].rowid = rowid;
	p->items[p->n].model = (struct model *)m;
	p->n++;
	return m;
}

/* Loads and caches a version read from the store; NULL on error (printed). */
static const struct model *
load(struct published *p, const struct store_ladder *l)
{
	struct model *m;
	char *name = xasprintf("published ladder %s %s", l->ladder, l->version);
	struct diag_list dl = {0};

	if (ladder_load_xml(l->model_xml, strlen(l->model_xml), name, &dl, &m) != LADDER_OK) {
		diag_report(NULL, DIAG_DATABASE, NULL,
		    "%s in the database does not load:", name);
		diag_flush(&dl, stderr, 0);
		free(name);
		return NULL;
	}
	diag_list_free(&dl);
	free(name);
	if (p->server != NULL)
		return published_cache_put(p->server, l->rowid, l->hash ? l->hash : "", m);
	return remember(p, l->rowid, m);
}

/*
 * Through the shared cache: the version's key (rc from a store_ladder_ref_*
 * query), its model from the cache, else the row read and its model loaded
 * and kept. *found as for published_find.
 */
static const struct model *
from_ref(struct published *p, int rc, const struct store_ladder_ref *ref, long long *rowid,
    int *found)
{
	const struct model *m;
	struct store_ladder l;

	*found = rc != 0;
	if (rc != 1)
		return NULL;
	*rowid = ref->rowid;
	if ((m = published_cache_get(p->server, ref->rowid, ref->hash)) != NULL)
		return m;
	if ((rc = store_ladder_get(p->st, ref->rowid, &l)) != 1) {
		*found = rc != 0;
		return NULL;
	}
	m = load(p, &l);
	store_ladder_clear(&l);
	return m;
}

const struct model *
published_get(struct published *p, long long rowid)
{
	const struct model *m = cached(p, rowid);
	struct store_ladder l;
	struct store_ladder_ref ref;
	long long id;
	int found;

	if (p->shared != NULL)
		return published_get(p->shared, rowid);
	if (m != NULL)
		return m;
	/* a version's rowid names the same model for as long as p is used */
	if (p->server != NULL) {
		m = from_ref(p, store_ladder_ref_get(p->st, rowid, &ref), &ref, &id, &found);
		return m ? remember(p, rowid, m) : NULL;
	}
	if (store_ladder_get(p->st, rowid, &l) != 1)
		return NULL;
	m = load(p, &l);
	store_ladder_clear(&l);
	return m;
}

static const struct model *
from_row(struct published *p, int rc, struct store_ladder *l, long long *rowid, int *found)
{
	const struct model *m = NULL;

	*found = rc != 0;
	if (rc == 1) {
		*rowid = l->rowid;
		m = cached(p, l->rowid);
		if (m == NULL)
			m = load(p, l);
	}
	store_ladder_clear(l);
	return m;
}

const struct model *
published_find(struct published *p, const char *ladder, const char *version,
    long long *rowid, int *found)
{
	struct store_ladder l;
	struct store_ladder_ref ref;
	int rc;

	if (p->shared != NULL)
		return published_find(p->shared, ladder, version, rowid, found);
	if (p->server != NULL)
		return from_ref(p, store_ladder_ref_find(p->st, ladder, version, &ref), &ref,
		    rowid, found);
	rc = store_ladder_find(p->st, ladder, version, &l);
	return from_row(p, rc, &l, rowid, found);
}

const struct model *
published_latest(struct published *p, long long *rowid, int *found)
{
	struct store_ladder l;
	struct store_ladder_ref ref;
	int rc;

	if (p->shared != NULL)
		return published_latest(p->shared, rowid, found);
	if (p->server != NULL)
		return from_ref(p, store_ladder_ref_latest(p->st, &ref), &ref, rowid, found);
	rc = store_ladder_latest(p->st, &l);
	return from_row(p, rc, &l, rowid, found);
}

int
published_hash(const struct model *m, char hex[65])
{
	struct buf xml = {0};

	if (model_xml_write(m, 0, &xml) != 0) {
		buf_free(&xml);
		return -1;
	}
	sha256_of(xml.data, xml.len, hex);
	buf_free(&xml);
	return 0;
}
