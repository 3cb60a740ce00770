/* store_published.c: models of published ladder versions. */
#include "store_published.h"
#include "diag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ladder.h"
#include "model_bin.h"
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

/* Keeps m, version rowid's model: in the server's cache, else in p. */
static const struct model *
keep(struct published *p, long long rowid, const char *hash, struct model *m)
{
	if (p->server != NULL)
		return published_cache_put(p->server, rowid, hash ? hash : "", m);
	return remember(p, rowid, m);
}

/*
 * Loads and caches a version read from the store (its XML); NULL on error
 * (printed). The model's binary form is kept for the next load; when it
 * cannot be (a read-only or locked database), the next load reads the XML
 * again.
 */
static const struct model *
load(struct published *p, const struct store_ladder *l)
{
	struct model *m;
	char *name = xasprintf("published ladder %s %s", l->ladder, l->version);
	struct diag_list dl = {0};
	struct buf bin = {0};

	if (ladder_load_xml(l->model_xml, strlen(l->model_xml), name, &dl, &m) != LADDER_OK) {
		diag_report(NULL, DIAG_DATABASE, NULL,
		    "%s in the database does not load:", name);
		diag_flush(&dl, stderr, 0);
		free(name);
		return NULL;
	}
	diag_list_free(&dl);
	free(name);
	model_bin_write(m, &bin);
	(void)store_ladder_model_put(p->st, l->rowid, l->hash ? l->hash : "", MODEL_BIN_FORMAT,
	    bin.data, bin.len);
	buf_free(&bin);
	return keep(p, l->rowid, l->hash, m);
}

/*
 * The validated model of a binary form, or NULL (store_ladder_model_get's
 * callback). Its diagnostics are dropped: a binary form that does not load
 * is only a cache, and the XML decides.
 */
static void
read_bin(const void *data, size_t len, void *arg)
{
	struct diag_list dl = {0};

	if (ladder_load_bin(data, len, "a published ladder's binary form", &dl,
	    (struct model **)arg) != LADDER_OK)
		*(struct model **)arg = NULL;
	diag_list_free(&dl);
}

/*
 * Loads version rowid: from its binary form when one is kept for its
 * present content (its XML is then not read), else from its XML. NULL with
 * *found 0 when there is no such version, 1 on an error (printed).
 */
static const struct model *
load_version(struct published *p, long long rowid, int *found)
{
	const struct model *kept;
	struct store_ladder l;
	struct model *m = NULL;
	char hash[65];
	int rc = store_ladder_model_get(p->st, rowid, MODEL_BIN_FORMAT, hash, read_bin, &m);

	*found = 1;
	if (rc == 1 && m != NULL)
		return keep(p, rowid, hash, m);
	if (rc < 0)
		return NULL;
	if ((rc = store_ladder_get(p->st, rowid, &l)) != 1) {
		*found = rc != 0;
		return NULL;
	}
	kept = load(p, &l);
	store_ladder_clear(&l);
	return kept;
}

/*
 * Through the shared cache: the version's key (rc from a store_ladder_ref_*
 * query), its model from the cache, else loaded and kept. *found as for
 * published_find.
 */
static const struct model *
from_ref(struct published *p, int rc, const struct store_ladder_ref *ref, long long *rowid,
    int *found)
{
	const struct model *m;

	*found = rc != 0;
	if (rc != 1)
		return NULL;
	*rowid = ref->rowid;
	if (p->server != NULL &&
	    (m = published_cache_get(p->server, ref->rowid, ref->hash)) != NULL)
		return m;
	if (p->server == NULL && (m = cached(p, ref->rowid)) != NULL)
		return m;
	return load_version(p, ref->rowid, found);
}

const struct model *
published_get(struct published *p, long long rowid)
{
	const struct model *m = cached(p, rowid);
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
	return load_version(p, rowid, &found);
}

const struct model *
published_find(struct published *p, const char *ladder, const char *version,
    long long *rowid, int *found)
{
	struct store_ladder_ref ref;

	if (p->shared != NULL)
		return published_find(p->shared, ladder, version, rowid, found);
	return from_ref(p, store_ladder_ref_find(p->st, ladder, version, &ref), &ref, rowid,
	    found);
}

const struct model *
published_latest(struct published *p, long long *rowid, int *found)
{
	struct store_ladder_ref ref;

	if (p->shared != NULL)
		return published_latest(p->shared, rowid, found);
	return from_ref(p, store_ladder_ref_latest(p->st, &ref), &ref, rowid, found);
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
