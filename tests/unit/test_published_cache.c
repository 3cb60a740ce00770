/*
 * Unit tests of the shared model cache (published_cache.h): a version is
 * found only under its rowid and content hash, the first model kept for a
 * key wins (a second thread's copy is freed), and eight threads asking and
 * keeping the same versions at once all get the one model kept.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "model.h"
#include "published_cache.h"
#include "unit.h"

static void
test_keys(void)
{
	struct published_cache *c = published_cache_new();
	struct model *a = model_new(), *b = model_new();
	const struct model *kept;

	CHECK(published_cache_get(c, 1, "aa") == NULL);
	CHECK(published_cache_put(c, 1, "aa", a) == a);
	CHECK(published_cache_get(c, 1, "aa") == a);
	/* the same rowid with another hash is another version: a row replaced */
	CHECK(published_cache_get(c, 1, "bb") == NULL);
	CHECK(published_cache_get(c, 2, "aa") == NULL);
	/* keeping a second model for a key gives back the first; b is freed */
	kept = published_cache_put(c, 1, "aa", b);
	CHECK(kept == a);
	CHECK(published_cache_count(c) == 1);
	published_cache_free(c);
	published_cache_free(NULL);
}

struct worker {
	struct published_cache *c;
	const struct model *seen[16];
};

static void *
work(void *arg)
{
	struct worker *w = arg;
	long long v;
	char hash[16];

	for (v = 0; v < 16; v++) {
		snprintf(hash, sizeof(hash), "h%lld", v);
		if ((w->seen[v] = published_cache_get(w->c, v, hash)) == NULL)
			w->seen[v] = published_cache_put(w->c, v, hash, model_new());
	}
	return NULL;
}

static void
test_threads(void)
{
	struct published_cache *c = published_cache_new();
	struct worker w[8];
	pthread_t t[8];
	size_t i, v;
	int same = 1;

	for (i = 0; i < 8; i++) {
		memset(&w[i], 0, sizeof(w[i]));
		w[i].c = c;
		CHECK(pthread_create(&t[i], NULL, work, &w[i]) == 0);
	}
	for (i = 0; i < 8; i++)
		pthread_join(t[i], NULL);
	for (i = 1; i < 8; i++)
		for (v = 0; v < 16; v++)
			same &= w[i].seen[v] == w[0].seen[v] && w[0].seen[v] != NULL;
	CHECK(same);
	CHECK(published_cache_count(c) == 16);
	published_cache_free(c);
}

int
main(void)
{
	RUN(test_keys);
	RUN(test_threads);
	return UNIT_EXIT();
}
