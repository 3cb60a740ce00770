/*
 * serve.c: the daemon of egf serve: libmicrohttpd with a thread pool, one
 * store connection per worker thread (WAL lets them read while one
 * writes), and a graceful shutdown on SIGTERM: stop accepting, let the
 * requests in flight finish, then exit 0.
 */
#include <errno.h>
#include <jansson.h>
#include <microhttpd.h>
#include <netdb.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "published_cache.h"
#include "secret.h"
#include "serve.h"
#include "serve_int.h"
#include "store_load.h"

/* last: libxml2's functions are called through the loaded table */
#define XML_LIB_NAMES
#include "xml_lib.h"

/* How long the shutdown waits for requests in flight. */
#define DRAIN_SECONDS 10

struct store *
serve_pool_take(struct serve_pool *p)
{
	struct store *st;

	pthread_mutex_lock(&p->lock);
	while (p->nfree == 0)
		pthread_cond_wait(&p->freed, &p->lock);
	st = p->free_list[--p->nfree];
	pthread_mutex_unlock(&p->lock);
	return st;
}

void
serve_pool_give(struct serve_pool *p, struct store *st)
{
	pthread_mutex_lock(&p->lock);
	p->free_list[p->nfree++] = st;
	pthread_cond_signal(&p->freed);
	pthread_mutex_unlock(&p->lock);
}

/* n connections to path, each using models for the published versions' models. */
static int
pool_open(struct serve_pool *p, const char *path, size_t n, struct published_cache *models)
{
	size_t i;

	p->free_list = xcalloc(n, sizeof(*p->free_list));
	for (i = 0; i < n; i++) {
		if ((p->free_list[i] = store_open(path, STORE_WRITE)) == NULL)
			return -1;
		store_set_models(p->free_list[i], models);
		p->nfree = p->n = i + 1;
	}
	return 0;
}

static void
pool_close(struct serve_pool *p)
{
	size_t i;

	for (i = 0; i < p->nfree; i++)
		store_close(p->free_list[i]);
	free(p->free_list);
	pthread_mutex_destroy(&p->lock);
	pthread_cond_destroy(&p->freed);
}

void
serve_flight_begin(struct server *srv)
{
	pthread_mutex_lock(&srv->flight_lock);
	srv->in_flight++;
	pthread_mutex_unlock(&srv->flight_lock);
}

void
serve_flight_end(struct server *srv)
{
	pthread_mutex_lock(&srv->flight_lock);
	if (--srv->in_flight == 0)
		pthread_cond_broadcast(&srv->flight_done);
	pthread_mutex_unlock(&srv->flight_lock);
}

/* Waits until no request is in flight, or DRAIN_SECONDS. */
static void
drain(struct server *srv)
{
	struct timespec until;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += DRAIN_SECONDS;
	pthread_mutex_lock(&srv->flight_lock);
	while (srv->in_flight > 0)
		if (pthread_cond_timedwait(&srv->flight_done, &srv->flight_lock, &until) == ETIMEDOUT)
			break;
	pthread_mutex_unlock(&srv->flight_lock);
}

/* Resolves ADDR:PORT ([v6]:PORT too); the caller frees *res with freeaddrinfo. */
static int
resolve(const char *listen, struct addrinfo **res)
{
	struct addrinfo hints;
	char host[256];
	const char *colon = strrchr(listen, ':'), *h = listen;
	size_t hlen;
	int rc;

	if (colon == NULL || colon[1] == '\0') {
		fprintf(stderr, "egf serve: --listen expects ADDR:PORT, not '%s'\n", listen);
		return -1;
	}
	hlen = (size_t)(colon - listen);
	if (hlen >= 2 && listen[0] == '[' && listen[hlen - 1] == ']') {
		h++;
		hlen -= 2;
	}
	if (hlen == 0 || hlen >= sizeof(host)) {
		fprintf(stderr, "egf serve: --listen expects ADDR:PORT, not '%s'\n", listen);
		return -1;
	}
	memcpy(host, h, hlen);
	host[hlen] = '\0';
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
	if ((rc = getaddrinfo(host, colon + 1, &hints, res)) != 0) {
		fprintf(stderr, "egf serve: --listen %s: %s\n", listen, gai_strerror(rc));
		return -1;
	}
	return 0;
}

static int
read_pem(const char *path, char **out)
{
	size_t len;

	switch (file_read(path, 1024 * 1024, out, &len)) {
	case FILE_OK:
		return 0;
	case FILE_TOO_LARGE:
		fprintf(stderr, "egf serve: %s: larger than 1 MiB\n", path);
		return -1;
	default:
		fprintf(stderr, "egf serve: %s: %s\n", path, strerror(errno));
		return -1;
	}
}

static void
log_mhd(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	fputs("egf serve: ", stderr);
	vfprintf(stderr, fmt, ap);
}

static int
server_init(struct server *srv, const struct serve_config *cfg)
{
	struct diag_list dl = {0};
	char *dir, hole[SECRET_TEXT];
	const char *why;
	int rc;

	memset(srv, 0, sizeof(*srv));
	srv->cfg = cfg;
	pthread_mutex_init(&srv->pool.lock, NULL);
	pthread_cond_init(&srv->pool.freed, NULL);
	pthread_mutex_init(&srv->write_lock, NULL);
	pthread_mutex_init(&srv->flight_lock, NULL);
	pthread_cond_init(&srv->flight_done, NULL);
	/*
	 * libxml2 and jansson set up global tables on first use; do it here,
	 * before the worker threads, so that they never race to.
	 */
	if (xml_lib_load(&why) != 0) {
		fprintf(stderr, "egf serve: %s\n", why);
		return -1;
	}
	xmlInitParser();
	json_object_seed(0);
	if (secret_init() != 0)
		return -1;
	secret_new("csr_", srv->secret);
	secret_new("hol_", hole);
	secret_hash(hole, srv->csrf_hole);
	if ((srv->dummy_hash = secret_password_hash("not a password", 14)) == NULL)
		return -1;
	dir = site_template_dir();
	rc = site_templates_load(dir, &dl, &srv->site);
	free(dir);
	if (rc != 0 || diag_flush(&dl, stderr, 0) > 0) {
		diag_list_free(&dl);
		return -1;
	}
	diag_list_free(&dl);
	/* One parse of each published version for the server's life (published_cache.h). */
	srv->models = published_cache_new();
	if (pool_open(&srv->pool, cfg->db_path, cfg->threads, srv->models) != 0)
		return -1;
	/* after the pool, which creates and migrates the database */
	return (srv->cache = serve_cache_new(cfg->db_path)) == NULL ? -1 : 0;
}

static void
server_free(struct server *srv)
{
	serve_cache_free(srv->cache);
	pool_close(&srv->pool);
	published_cache_free(srv->models);
	site_templates_clear(&srv->site);
	free(srv->dummy_hash);
	pthread_mutex_destroy(&srv->write_lock);
	pthread_mutex_destroy(&srv->flight_lock);
	pthread_cond_destroy(&srv->flight_done);
}

static struct MHD_Daemon *
start(struct server *srv, const struct addrinfo *ai, const char *key, const char *cert)
{
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG | MHD_USE_ITC |
	    MHD_USE_AUTO;
	const struct serve_config *cfg = srv->cfg;
	/* the key and certificate only with TLS: the array's end without */
	struct MHD_OptionItem tls[] = {
		{ MHD_OPTION_HTTPS_MEM_KEY, 0, (void *)key },
		{ MHD_OPTION_HTTPS_MEM_CERT, 0, (void *)cert },
		{ MHD_OPTION_END, 0, NULL },
	};

	if (key != NULL)
		flags |= MHD_USE_TLS;
	if (ai->ai_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	return MHD_start_daemon(flags, 0, NULL, NULL, serve_http_access, srv,
	    MHD_OPTION_EXTERNAL_LOGGER, log_mhd, NULL,
	    MHD_OPTION_SOCK_ADDR, ai->ai_addr,
	    MHD_OPTION_THREAD_POOL_SIZE, cfg->threads,
	    MHD_OPTION_CONNECTION_LIMIT, cfg->max_connections,
	    MHD_OPTION_PER_IP_CONNECTION_LIMIT, cfg->max_per_address,
	    MHD_OPTION_CONNECTION_TIMEOUT, cfg->timeout,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
	    MHD_OPTION_NOTIFY_COMPLETED, serve_http_completed, srv,
	    MHD_OPTION_URI_LOG_CALLBACK, serve_http_uri, srv,
	    MHD_OPTION_ARRAY, key != NULL ? tls : tls + 2,
	    MHD_OPTION_END);
}

int
serve_run(const struct serve_config *cfg)
{
	struct server srv;
	struct addrinfo *ai = NULL;
	struct MHD_Daemon *d = NULL;
	const union MHD_DaemonInfo *info;
	char *key = NULL, *cert = NULL;
	sigset_t set;
	int sig, rc = 2;

	if (cfg->tls_cert != NULL && MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES) {
		fprintf(stderr, "egf serve: this libmicrohttpd has no TLS support\n");
		return 2;
	}
	if (resolve(cfg->listen, &ai) != 0)
		return 2;
	if (cfg->tls_cert != NULL && (read_pem(cfg->tls_key, &key) != 0 ||
	    read_pem(cfg->tls_cert, &cert) != 0))
		goto out_addr;
	/* The worker threads inherit this mask: only the main thread takes the signals. */
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	if (server_init(&srv, cfg) != 0)
		goto out;
	if ((d = start(&srv, ai, key, cert)) == NULL) {
		fprintf(stderr, "egf serve: cannot listen on %s\n", cfg->listen);
		goto out;
	}
	info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	/* The port as bound: --listen ADDR:0 picks a free one (the tests do). */
	fprintf(stderr, "egf serve: listening on %s://%.*s:%u (auth %s, database %s)\n",
	    key ? "https" : "http", (int)(strrchr(cfg->listen, ':') - cfg->listen), cfg->listen,
	    info ? info->port : 0, cfg->auth == AUTH_PROXY ? "proxy" : "local", cfg->db_path);
	fflush(stderr);
	sigdelset(&set, SIGPIPE);
	serve_retention_run(&srv);
	do {
		/* Wakes up once a day for the retention policy, when there is one. */
		struct timespec every = { SERVE_RETENTION_EVERY, 0 };

		if (cfg->retention_keep <= 0) {
			if (sigwait(&set, &sig) != 0)
				break;
		} else if ((sig = sigtimedwait(&set, NULL, &every)) < 0) {
			if (errno != EAGAIN && errno != EINTR)
				break;
			if (errno == EAGAIN)
				serve_retention_run(&srv);
		}
	} while (sig != SIGTERM && sig != SIGINT);
	fprintf(stderr, "egf serve: stopping: finishing the requests in flight\n");
	MHD_quiesce_daemon(d);
	drain(&srv);
	MHD_stop_daemon(d);
	fprintf(stderr, "egf serve: stopped\n");
	rc = 0;
out:
	server_free(&srv);
out_addr:
	free(key);
	free(cert);
	freeaddrinfo(ai);
	return rc;
}
