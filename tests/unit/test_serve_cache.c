/*
 * test_serve_cache.c: egf serve's kept answers (serve_cache.h). An answer is
 * served again only to the same caller, path and query, while the database
 * (written by the server's connections or another process's) and the day
 * are the same; a page kept with its CSRF token holes gets each request's
 * own token, and the hole itself is never in an answer. Threads asking for
 * one missing answer at once compute it once; a computation given up lets
 * the next one compute it.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "serve.h"
#include "store.h"
#include "store_serve.h"
#include "util.h"
#include "unit.h"
#include "unit_db.h"

#define DAY "864000"		/* day 10 of 1970 */
#define NEXT_DAY "950400"	/* day 11 */
#define TOKEN_A "a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1"
#define TOKEN_B "b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2"
static void
nap(unsigned ms)
{
	struct timespec t = { (time_t)(ms / 1000), (long)(ms % 1000) * 1000000L };

	nanosleep(&t, NULL);
}

#define HOLE "9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f"

struct fixture {
	struct db db;			/* db.st: a connection of the server's */
	struct store *st, *other;	/* db.st; another process's */
	struct server srv;
	struct serve_cache *cache;
	pthread_mutex_t lock;
	int computed;			/* pages rendered, not answered from the cache */
};

static void
fixture_open(struct fixture *f)
{
	memset(f, 0, sizeof(*f));
	db_open(&f->db);
	f->st = f->db.st;
	if ((f->other = store_open(f->db.path, STORE_WRITE)) == NULL ||
	    (f->cache = serve_cache_new(f->db.path)) == NULL)
		exit(2);
	pthread_mutex_init(&f->lock, NULL);
	memcpy(f->srv.csrf_hole, HOLE, sizeof(HOLE));
	setenv("SOURCE_DATE_EPOCH", DAY, 1);
}

static void
fixture_close(struct fixture *f)
{
	serve_cache_free(f->cache);
	pthread_mutex_destroy(&f->lock);
	store_close(f->other);
	db_close(&f->db);
	unsetenv("SOURCE_DATE_EPOCH");
}

/*
 * One GET of path (with a query pair when qname is not NULL) by caller with
 * token csrf, through serve_cache_begin and serve_cache_end like the pages;
 * its body (the caller frees it). The page has the token in two forms.
 */
static char *
get_as(struct fixture *f, const char *caller, const char *path, const char *qname,
    const char *qvalue, const char *csrf, unsigned wait_ms, int fail)
{
	struct request r;
	char *names[1], *values[1];

	memset(&r, 0, sizeof(r));
	r.srv = &f->srv;
	r.st = f->st;
	r.cache = f->cache;
	r.method = "GET";
	r.path = path;
	r.caller.id = caller;
	snprintf(r.csrf, sizeof(r.csrf), "%s", csrf);
	if (qname != NULL) {
		names[0] = (char *)qname;
		values[0] = (char *)qvalue;
		r.query.names = names;
		r.query.values = values;
		r.query.n = 1;
	}
	switch (serve_cache_begin(&r)) {
	case 0:
		pthread_mutex_lock(&f->lock);
		f->computed++;
		pthread_mutex_unlock(&f->lock);
		CHECK_STR(r.csrf, HOLE);	/* rendered with the hole */
		if (wait_ms > 0)
			nap(wait_ms);
		if (fail) {			/* a handler's error: no serve_cache_end */
			r.status = 500;
			serve_cache_done(&r);
			CHECK_STR(r.csrf, csrf);
			buf_free(&r.out);
			return NULL;
		}
		buf_printf(&r.out, "<p>%s of %s</p><input value=\"%s\"><p>%s</p>"
		    "<input value=\"%s\">", path, caller, r.csrf, qvalue ? qvalue : "", r.csrf);
		r.status = 200;
		r.type = "text/html";
		serve_cache_end(&r);
		break;
	case 1:
		break;
	default:
		CHECK(!"a database error");
	}
	serve_cache_done(&r);
	CHECK_STR(r.csrf, csrf);		/* the caller's own token again */
	CHECK(r.status == 200);
	CHECK(r.out.data == NULL || strstr(r.out.data, HOLE) == NULL);
	return r.out.data ? r.out.data : xstrdup("");
}

static char *
get(struct fixture *f, const char *caller, const char *path, const char *qname,
    const char *qvalue, const char *csrf)
{
	return get_as(f, caller, path, qname, qvalue, csrf, 0, 0);
}

/* The page get() renders, as it must read for caller with token csrf. */
static char *
page(const char *path, const char *caller, const char *qvalue, const char *csrf)
{
	return xasprintf("<p>%s of %s</p><input value=\"%s\"><p>%s</p><input value=\"%s\">",
	    path, caller, csrf, qvalue ? qvalue : "", csrf);
}

static void
check_get(struct fixture *f, const char *caller, const char *path, const char *qname,
    const char *qvalue, const char *csrf, int computed)
{
	char *got = get(f, caller, path, qname, qvalue, csrf), *want = page(path, caller, qvalue,
	    csrf);

	CHECK_STR(got, want);
	CHECK(f->computed == computed);
	free(got);
	free(want);
}

/* Each answer from the cache has the token of its own request in the holes. */
static void
test_tokens(void)
{
	struct fixture f;

	fixture_open(&f);
	check_get(&f, "ana", "/me", NULL, NULL, TOKEN_A, 1);
	check_get(&f, "ana", "/me", NULL, NULL, TOKEN_A, 1);	/* kept */
	check_get(&f, "ana", "/me", NULL, NULL, TOKEN_B, 1);	/* another session of ana's */
	check_get(&f, "ana", "/me", NULL, NULL, "", 1);	/* a bearer token: no CSRF token */
	fixture_close(&f);
}

/* Another caller, path or query is another entry. */
static void
test_keys(void)
{
	struct fixture f;

	fixture_open(&f);
	check_get(&f, "ana", "/me", NULL, NULL, TOKEN_A, 1);
	check_get(&f, "bo", "/me", NULL, NULL, TOKEN_A, 2);
	check_get(&f, "ana", "/team", NULL, NULL, TOKEN_A, 3);
	check_get(&f, "ana", "/team", "cycle", "2026-H1", TOKEN_A, 4);
	check_get(&f, "ana", "/team", "cycle", "2026-H2", TOKEN_A, 5);
	/* a name and a value that together read like another pair */
	check_get(&f, "ana", "/team", "cycle=2026-H1", "", TOKEN_A, 6);
	check_get(&f, "ana", "/team", "cycle", "2026-H1", TOKEN_A, 6);
	check_get(&f, "ana", "/me", NULL, NULL, TOKEN_A, 6);
	fixture_close(&f);
}

/* A commit on this connection or another, or a new day, and the page is computed again. */
static void
test_never_stale(void)
{
	struct fixture f;

	fixture_open(&f);
	check_get(&f, "ana", "/me", NULL, NULL, TOKEN_A, 1);
	CHECK(store_access_log(f.st, NULL, NULL, "user add", "ana") == 0);	/* the server's */
	check_get(&f, "ana", "/me", NULL, NULL, TOKEN_A, 2);
	check_get(&f, "ana", "/me", NULL, NULL, TOKEN_A, 2);
	CHECK(store_access_log(f.other, NULL, NULL, "user add", "bo") == 0);	/* another process's */
	check_get(&f, "ana", "/me", NULL, NULL, TOKEN_A, 3);
	check_get(&f, "ana", "/me", NULL, NULL, TOKEN_A, 3);
	setenv("SOURCE_DATE_EPOCH", NEXT_DAY, 1);	/* a cycle's phase may follow its dates */
	check_get(&f, "ana", "/me", NULL, NULL, TOKEN_A, 4);
	check_get(&f, "ana", "/me", NULL, NULL, TOKEN_A, 4);
	fixture_close(&f);
}

/* The entries and bytes are bounded: the least recently used goes first. */
static void
test_bounded(void)
{
	struct fixture f;
	char path[32];
	int i;

	fixture_open(&f);
	for (i = 0; i < SERVE_CACHE_ENTRIES + 1; i++) {
		snprintf(path, sizeof(path), "/p%d", i);
		check_get(&f, "ana", path, NULL, NULL, TOKEN_A, i + 1);
	}
	/* /p0 was the least recently used, so it was replaced; /p1 is still kept */
	check_get(&f, "ana", "/p1", NULL, NULL, TOKEN_A, SERVE_CACHE_ENTRIES + 1);
	check_get(&f, "ana", "/p0", NULL, NULL, TOKEN_A, SERVE_CACHE_ENTRIES + 2);
	fixture_close(&f);
}

struct asker {
	struct fixture *f;
	const char *csrf;
	unsigned wait_ms;
	int fail;
	char *got;
};

static void *
ask(void *arg)
{
	struct asker *a = arg;

	a->got = get_as(a->f, "mia", "/team", NULL, NULL, a->csrf, a->wait_ms, a->fail);
	return NULL;
}

/*
 * Eight threads miss the same answer at once: the first computes it (for
 * 200 ms), the others wait and get it, each with its own token: computed
 * once. When the first gives up (an error), one of the others computes it.
 */
static void
test_one_computation(void)
{
	static const char *const tokens[] = { TOKEN_A, TOKEN_B, "", TOKEN_A, TOKEN_B, "", TOKEN_A,
	    TOKEN_B };
	struct asker a[8];
	pthread_t t[8];
	struct fixture f;
	int i, round;

	for (round = 0; round < 2; round++) {
		fixture_open(&f);
		for (i = 0; i < 8; i++) {
			a[i].f = &f;
			a[i].csrf = tokens[i];
			a[i].wait_ms = 200;
			a[i].fail = round == 1 && i == 0;
			a[i].got = NULL;
			CHECK(pthread_create(&t[i], NULL, ask, &a[i]) == 0);
			if (i == 0)
				nap(50);	/* the first one is computing */
		}
		for (i = 0; i < 8; i++)
			CHECK(pthread_join(t[i], NULL) == 0);
		CHECK(f.computed == (round == 0 ? 1 : 2));
		for (i = round; i < 8; i++) {
			char *want = page("/team", "mia", NULL, tokens[i]);

			CHECK_STR(a[i].got, want);
			free(want);
		}
		for (i = 0; i < 8; i++)
			free(a[i].got);
		fixture_close(&f);
	}
}

int
main(void)
{
	RUN(test_tokens);
	RUN(test_keys);
	RUN(test_never_stale);
	RUN(test_bounded);
	RUN(test_one_computation);
	return UNIT_EXIT();
}
