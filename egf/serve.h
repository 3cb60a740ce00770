/*
 * serve.h: egf serve, the web application and JSON API (docs/serve.md).
 *
 *   serve.c         the daemon: libmicrohttpd, the store pool, shutdown
 *   serve_http.c    one request: reading it, security headers, responding
 *   serve_route.c   the route table and the one function that enforces
 *                   each route's flags before its handler runs
 *   serve_auth.c    who is calling: bearer tokens, the proxy header, web
 *                   sessions; sign-in, sign-out, CSRF and the throttle
 *   serve_api.c     the JSON API handlers
 *   serve_pages.c   the HTML pages
 *
 * Handlers are thin: they read typed, validated values from the request,
 * ask authz.h, call the same operations as the commands and write the
 * response. No SQL and no MHD outside serve.c and serve_http.c.
 */
#ifndef EGF_SERVE_H
#define EGF_SERVE_H

#include <pthread.h>
#include <stddef.h>

#include "authz.h"
#include "serve_req.h"
#include "serve_cache.h"
#include "site.h"
#include "store.h"
#include "store_serve.h"
#include "util.h"

enum serve_auth_mode { AUTH_LOCAL, AUTH_PROXY };

/* A trusted proxy's network: IPv4 or IPv6 address and prefix length. */
struct serve_cidr {
	int family;			/* AF_INET or AF_INET6 */
	unsigned char addr[16];
	unsigned bits;
};

/* What `egf serve` was told; strings borrowed from argv. */
struct serve_config {
	const char *db_path;
	const char *listen;		/* ADDR:PORT */
	enum serve_auth_mode auth;
	const char *proxy_header;
	struct serve_cidr *trusted;
	size_t ntrusted;
	const char *tls_cert, *tls_key;
	int insecure_cookies;
	unsigned threads;
	unsigned max_connections;
	unsigned max_per_address;	/* connections from one IP address; 0 no limit */
	unsigned timeout;		/* seconds a connection may sit idle */
	size_t body_limit;		/* bytes */
	long long session_idle, session_absolute;	/* seconds */
	long retention_keep;		/* --retention-keep-cycles; 0: no retention */
};

/* The store connections, one per worker thread, lent out per request. */
struct serve_pool {
	pthread_mutex_t lock;
	pthread_cond_t freed;
	struct store **free_list;
	size_t nfree, n;
};

/*
 * The server's shared state. Everything here is set before the daemon
 * starts and only read afterwards, except the pool and the in-flight
 * counter, which their own mutexes guard, and write_lock.
 */
struct server {
	const struct serve_config *cfg;
	struct serve_pool pool;
	struct site_templates site;	/* the site's look: layout and stylesheet */
	struct published_cache *models;	/* owned: published versions' models, shared (thread-safe) */
	struct serve_cache *cache;	/* owned: computed answers, shared (thread-safe) */
	char secret[72];		/* random per process: CSRF tokens of proxy users */
	char csrf_hole[65];		/* random per process: a cached page's CSRF token stands in (serve_cache.h) */
	char *dummy_hash;		/* owned: a password hash checked for unknown users */
	pthread_mutex_t write_lock;	/* held by a request of an R_WRITES route */
	pthread_mutex_t flight_lock;
	pthread_cond_t flight_done;
	unsigned in_flight;
};

/* How the caller was authenticated. */
enum serve_via { VIA_NONE, VIA_TOKEN, VIA_PROXY, VIA_SESSION };

struct serve_cache_entry;
struct serve_conn;	/* the MHD side of a request (serve_http.c) */
struct published_cache;

/* Most captures a route pattern has ({cycle}, {id}, ...). */
#define ROUTE_MAX_PARAMS 3

/* One request as handlers see it; built and freed by serve_http.c. */
struct request {
	struct server *srv;
	struct store *st;		/* this worker's connection */
	struct serve_cache *cache;	/* the server's (serve_cache.h); NULL: none */
	struct serve_cache_entry *cache_flight;	/* the entry this request computes */
	int cache_holed;		/* csrf is the hole until serve_cache_end */
	char cache_csrf[65];		/* the caller's own csrf meanwhile */
	struct serve_conn *conn;
	const char *method;
	const char *path;
	const char *param[ROUTE_MAX_PARAMS];	/* validated captures of the route */
	const char *body;
	size_t body_len;
	struct req_field *headers;	/* owned array, strings borrowed */
	size_t nheaders;
	struct req_pairs query, cookies_in;	/* decoded, owned */
	char address[64];		/* the client's IP address */
	/* who: filled by serve_auth_identify */
	enum serve_via via;
	struct store_account account;	/* owned; id NULL when signed out */
	struct authz_caller caller;	/* borrowed from account */
	char session_hash[65];		/* VIA_SESSION: the session's stored hash */
	char csrf[65];			/* the CSRF token this caller must send */
	/* the response */
	int status;
	struct buf out;
	const char *type;		/* Content-Type */
	int personal;			/* Cache-Control: no-store */
	char *cookies[3];		/* Set-Cookie values, owned */
	size_t ncookies;
	char *location;			/* Location, owned */
	char etag[80];			/* ETag, when not empty (a quoted string) */
	char disposition[160];		/* Content-Disposition, when not empty */
};

/* ---- serve.c ---- */

/* Runs the server until SIGTERM or SIGINT; the command's exit status. */
int serve_run(const struct serve_config *cfg);

/* ---- serve_http.c: reading the request, writing the response ---- */

/* A query-string argument, a request header, a cookie; NULL when absent. Borrowed. */
const char *req_query(const struct request *r, const char *name);
const char *req_header(const struct request *r, const char *name);
const char *req_cookie(const struct request *r, const char *name);
/*
 * A field of an application/x-www-form-urlencoded body, decoded, or of a
 * multipart/form-data one (a file input), as sent; NULL when
 * absent. The caller frees it.
 */
char *req_form(const struct request *r, const char *name);
/*
 * r's body as a JSON object (jansson reads; the caller json_decrefs it), or
 * NULL after replying 400 "the body must be a JSON object".
 */
struct json_t *req_json_object(struct request *r);

/*
 * Decodes r's query (raw_query: what follows '?' in the request line, or
 * NULL) and the cookies of its Cookie header (r->headers) into r.
 */
void request_fields(struct request *r, const char *raw_query);
/* Frees what r owns (fields, caller's account, response); r stays zeroed-safe. */
void request_clear(struct request *r);

/* Sets the response: status, content type and a copy of the text. */
void reply(struct request *r, int status, const char *type, const char *text);
/* A JSON error {"error": message}. */
void reply_error(struct request *r, int status, const char *message);
/* A 303 to path (a page of this server). */
void reply_redirect(struct request *r, const char *path);
/* Adds a Set-Cookie value (at most 3 per response). */
void reply_cookie(struct request *r, char *value_owned);

/* ---- serve_auth.c ---- */

/* Fills r's caller from its credentials; -1 on a database error. */
int serve_auth_identify(struct request *r);
/* 1 when a state-changing request carries the CSRF token it must (csrf field or header); login: the sign-in form's. */
int serve_auth_csrf_ok(struct request *r, int login);
/* The handlers of /login and /logout. */
void serve_login_page(struct request *r);
void serve_login(struct request *r);
void serve_logout(struct request *r);

/* Seconds since the epoch, the server's clock. */
long long serve_now(void);

/* Appends to the access log for r's caller; -1 on error (printed). */
int serve_log(struct request *r, const char *action, const char *subject);

/* ---- serve_route.c ---- */

enum route_flags {
	R_AUTH = 1,		/* signed in: else 401 (a page: to /login) */
	R_WRITES = 2,		/* changes state: CSRF unless a bearer token; logged */
	R_HR = 4,		/* hr or admin only: else 403 */
	R_PERSONAL = 8,		/* Cache-Control: no-store */
	R_PAGE = 16,		/* HTML for people, not the API */
	R_LOGIN = 32,		/* POST /login: CSRF of the sign-in form */
};

struct route {
	const char *method;
	const char *pattern;	/* segments; {name} captures an id */
	void (*handler)(struct request *r);
	unsigned flags;
	const char *summary;	/* one line, for openapi.json and --routes */
};

/* The route table, ending with a NULL method. */
extern const struct route serve_routes[];

/*
 * The route for method and path: of the patterns that match, the one with
 * the fewest captures; NULL when none does (*other_method: one matched the
 * path with another method). Borrowed from serve_routes.
 */
const struct route *serve_route_lookup(const char *method, const char *path,
    int *other_method);
/* Finds r's route, enforces its flags and runs its handler; fills r's response. */
void serve_dispatch(struct request *r);
/* Prints the route table, one "METHOD PATTERN FLAGS" line per route. */
void serve_print_routes(void);

/* ---- handlers (serve_api.c, serve_pages.c) ---- */

void api_openapi(struct request *r);
void api_me(struct request *r);
void api_ladder(struct request *r);
void api_people(struct request *r);
void api_person(struct request *r);
void api_assessments(struct request *r);
void api_forms(struct request *r);
void api_readiness(struct request *r);
void api_calibration(struct request *r);
void api_decisions(struct request *r);
void api_peer_requests(struct request *r);
void api_packet(struct request *r);
void api_session_create(struct request *r);
void api_session(struct request *r);
void api_person_export(struct request *r);
/* serve_cycle.c */
void api_cycle(struct request *r);
void api_cycle_open(struct request *r);
void api_cycle_phase(struct request *r);
void api_cycle_reopen(struct request *r);
void api_cycle_dashboard(struct request *r);
void api_cycle_late(struct request *r);
void page_cycles(struct request *r);
void page_cycles_open(struct request *r);
void page_cycle(struct request *r);
void page_cycle_phase(struct request *r);
void page_cycle_reopen(struct request *r);

void page_home(struct request *r);
void page_healthz(struct request *r);
void page_favicon(struct request *r);
void page_style(struct request *r);
void page_ladder(struct request *r);
void page_me(struct request *r);
void page_team(struct request *r);
void page_people(struct request *r);
void page_review(struct request *r);
void page_review_post(struct request *r);
void page_review_form(struct request *r);
void page_review_upload(struct request *r);
void page_review_peers(struct request *r);
void page_review_js(struct request *r);
void page_review_css(struct request *r);
void page_growth(struct request *r);

/* Renders an HTML page in the site's layout: title escaped, content HTML. */
void page_render(struct request *r, int status, const char *title, const char *content);

#endif
