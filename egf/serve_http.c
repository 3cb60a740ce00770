/*
 * serve_http.c: one HTTP request through libmicrohttpd: the body gathered
 * under its limit, the request handed to the router, the response sent
 * with the security headers every response carries.
 */
#include <arpa/inet.h>
#include <jansson.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "json_text.h"
#include "serve.h"
#include "serve_int.h"

struct serve_conn {
	struct MHD_Connection *mhd;
	char *query;		/* owned: the raw query string, NULL when none */
	struct buf body;
	int too_large;
	int begun;		/* the first call (headers read) is over */
	int counted;		/* counted in the server's in-flight requests */
};

/*
 * No inline script and no script from elsewhere (the ladder's
 * self-assessment page loads its own file), styles only from this server,
 * nothing framed: an injected tag can neither run nor restyle the page.
 */
#define CSP "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; " \
	"connect-src 'self'; form-action 'self'; " \
	"frame-ancestors 'none'; base-uri 'none'"

const char *
req_query(const struct request *r, const char *name)
{
	return serve_req_pairs_get(&r->query, name);
}

const char *
req_header(const struct request *r, const char *name)
{
	return serve_req_header(r->headers, r->nheaders, name);
}

const char *
req_cookie(const struct request *r, const char *name)
{
	return serve_req_pairs_get(&r->cookies_in, name);
}

/*
 * A field of a multipart/form-data body (a form with a file input): the
 * part whose Content-Disposition names it, its content as sent; NULL when
 * absent or holding a NUL. The caller frees it.
 */
static char *
multipart_field(const struct request *r, const char *type, const char *name)
{
	const char *bnd = strstr(type, "boundary="), *p, *end = r->body + r->body_len;
	char delim[80], want[200];
	size_t dlen, blen;

	if (bnd == NULL)
		return NULL;
	bnd += strlen("boundary=");
	blen = strcspn(bnd, "; ");
	if (*bnd == '"')
		blen = strcspn(++bnd, "\"");
	if (blen == 0 || blen > 70 || strlen(name) > 150)
		return NULL;
	dlen = (size_t)snprintf(delim, sizeof(delim), "\r\n--%.*s", (int)blen, bnd);
	snprintf(want, sizeof(want), "name=\"%s\"", name);
	/* The first delimiter has no CRLF before it. */
	p = mem_find(r->body, r->body_len, delim + 2, dlen - 2);
	while (p != NULL) {
		const char *head = p + dlen - 2, *stop, *body;

		if (end - head < 2 || memcmp(head, "--", 2) == 0)
			return NULL;
		if ((body = mem_find(head, (size_t)(end - head), "\r\n\r\n", 4)) == NULL)
			return NULL;
		body += 4;
		stop = mem_find(body, (size_t)(end - body), delim, dlen);
		if (stop == NULL)
			return NULL;
		if (mem_find(head, (size_t)(body - head), want, strlen(want)) != NULL) {
			if (memchr(body, '\0', (size_t)(stop - body)) != NULL)
				return NULL;
			return xstrndup(body, (size_t)(stop - body));
		}
		p = stop + 2;
	}
	return NULL;
}

char *
req_form(const struct request *r, const char *name)
{
	const char *type = req_header(r, "Content-Type");

	if (r->body == NULL)
		return NULL;
	if (type != NULL && strncmp(type, "multipart/form-data", 19) == 0)
		return multipart_field(r, type, name);
	return serve_req_urlencoded(r->body, r->body_len, name);
}

void
request_fields(struct request *r, const char *raw_query)
{
	if (raw_query != NULL)
		serve_req_parse_query(raw_query, strlen(raw_query), &r->query);
	serve_req_parse_cookies(req_header(r, "Cookie"), &r->cookies_in);
}

void
reply(struct request *r, int status, const char *type, const char *text)
{
	r->status = status;
	r->type = type;
	r->out.len = 0;
	buf_puts(&r->out, text);
}

json_t *
req_json_object(struct request *r)
{
	json_error_t err;
	json_t *v = json_loadb(r->body, r->body_len, JSON_REJECT_DUPLICATES, &err);

	if (v == NULL || !json_is_object(v)) {
		json_decref(v);
		reply_error(r, 400, "the body must be a JSON object");
		return NULL;
	}
	return v;
}

void
reply_error(struct request *r, int status, const char *message)
{
	struct buf b = {0};

	buf_puts(&b, "{\"error\": ");
	jw_buf_string(&b, message, JW_PLAIN);
	buf_puts(&b, "}\n");
	reply(r, status, "application/json", b.data);
	buf_free(&b);
}

void
reply_redirect(struct request *r, const char *path)
{
	reply(r, 303, "text/plain; charset=utf-8", "");
	free(r->location);
	r->location = xstrdup(path);
}

void
reply_cookie(struct request *r, char *value)
{
	if (r->ncookies < sizeof(r->cookies) / sizeof(r->cookies[0]))
		r->cookies[r->ncookies++] = value;
	else
		free(value);
}

static void
client_address(struct MHD_Connection *c, char out[64])
{
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;

	strcpy(out, "unknown");
	if (sa == NULL)
		return;
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, out, 64);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr,
		    out, 64);
}

static enum MHD_Result
send_response(struct MHD_Connection *c, struct request *r)
{
	struct MHD_Response *resp = MHD_create_response_from_buffer(r->out.len,
	    r->out.data ? r->out.data : (void *)"", MHD_RESPMEM_MUST_COPY);
	enum MHD_Result rc;
	size_t i;

	if (resp == NULL)
		return MHD_NO;
	MHD_add_response_header(resp, "Content-Type", r->type ? r->type :
	    "text/plain; charset=utf-8");
	MHD_add_response_header(resp, "Content-Security-Policy", CSP);
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Cache-Control", r->personal ? "no-store" : "no-cache");
	if (r->location != NULL)
		MHD_add_response_header(resp, "Location", r->location);
	if (r->etag[0] != '\0')
		MHD_add_response_header(resp, "ETag", r->etag);
	if (r->disposition[0] != '\0')
		MHD_add_response_header(resp, "Content-Disposition", r->disposition);
	for (i = 0; i < r->ncookies; i++)
		MHD_add_response_header(resp, "Set-Cookie", r->cookies[i]);
	if (r->status == 401 && strncmp(r->path, "/api/", 5) == 0)
		MHD_add_response_header(resp, "WWW-Authenticate", "Bearer realm=\"egf\"");
	rc = MHD_queue_response(c, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	return rc;
}

void
request_clear(struct request *r)
{
	size_t i;

	free(r->headers);
	serve_req_pairs_clear(&r->query);
	serve_req_pairs_clear(&r->cookies_in);
	store_account_clear(&r->account);
	buf_free(&r->out);
	for (i = 0; i < r->ncookies; i++)
		free(r->cookies[i]);
	free(r->location);
	r->headers = NULL;
	r->nheaders = 0;
	r->ncookies = 0;
	r->location = NULL;
}

void *
serve_http_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
	struct server *srv = cls;
	struct serve_conn *sc = xcalloc(1, sizeof(*sc));
	const char *q = uri ? strchr(uri, '?') : NULL;

	sc->mhd = c;
	/* libmicrohttpd decodes the path; the query is decoded here (serve_req.c). */
	if (q != NULL)
		sc->query = xstrndup(q + 1, strcspn(q + 1, "#"));
	serve_flight_begin(srv);
	sc->counted = 1;
	return sc;
}

struct header_list {
	struct req_field *h;
	size_t n, cap;
};

static enum MHD_Result
add_header(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	struct header_list *l = cls;

	(void)kind;
	if (key == NULL)
		return MHD_YES;
	xgrow((void **)&l->h, &l->cap, l->n + 1, sizeof(*l->h));
	l->h[l->n].name = key;
	l->h[l->n++].value = value ? value : "";
	return MHD_YES;
}

/* Answers without the router: 413 and 400, before any store is touched. */
static enum MHD_Result
answer_plain(struct MHD_Connection *c, const char *url, int status, const char *msg)
{
	struct request r;
	enum MHD_Result rc;

	memset(&r, 0, sizeof(r));
	r.path = url;
	reply_error(&r, status, msg);
	rc = send_response(c, &r);
	request_clear(&r);
	return rc;
}

enum MHD_Result
serve_http_access(void *cls, struct MHD_Connection *c, const char *url, const char *method,
    const char *version, const char *upload_data, size_t *upload_size, void **con_cls)
{
	struct server *srv = cls;
	struct serve_conn *sc = *con_cls;
	struct request r;
	enum MHD_Result rc;

	(void)version;
	if (sc == NULL) {	/* no URI callback ran (it always does) */
		*con_cls = sc = serve_http_uri(srv, url, c);
	}
	if (!sc->begun) {
		sc->begun = 1;
		return MHD_YES;
	}
	if (*upload_size > 0) {
		if (sc->body.len + *upload_size > srv->cfg->body_limit)
			sc->too_large = 1;
		else
			buf_add(&sc->body, upload_data, *upload_size);
		*upload_size = 0;
		return MHD_YES;
	}
	if (sc->too_large)
		return answer_plain(c, url, 413, "the request body is larger than the limit");
	if (version != NULL && strcmp(version, MHD_HTTP_VERSION_1_1) == 0 &&
	    MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST) == NULL)
		return answer_plain(c, "/", 400, "an HTTP/1.1 request without Host");
	if (url != NULL && strlen(url) > 1024)
		return answer_plain(c, "/", 414, "the request path is longer than 1024 bytes");
	if (!serve_req_path_ok(url))
		return answer_plain(c, "/", 400, "bad request path");
	memset(&r, 0, sizeof(r));
	r.srv = srv;
	r.conn = sc;
	r.method = method;
	r.path = url;
	r.body = sc->body.data ? sc->body.data : "";
	r.body_len = sc->body.len;
	{
		struct header_list hl = { NULL, 0, 0 };

		MHD_get_connection_values(c, MHD_HEADER_KIND, add_header, &hl);
		r.headers = hl.h;
		r.nheaders = hl.n;
	}
	request_fields(&r, sc->query);
	client_address(c, r.address);
	r.status = 500;
	r.cache = srv->cache;
	if ((r.st = serve_pool_take(&srv->pool)) == NULL)
		reply_error(&r, 503, "no database connection");
	else {
		serve_dispatch(&r);
		serve_cache_done(&r);
		serve_pool_give(&srv->pool, r.st);
	}
	rc = send_response(c, &r);
	request_clear(&r);
	return rc;
}

void
serve_http_completed(void *cls, struct MHD_Connection *c, void **con_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct server *srv = cls;
	struct serve_conn *sc = *con_cls;

	(void)c;
	(void)toe;
	if (sc == NULL)
		return;
	if (sc->counted)
		serve_flight_end(srv);
	buf_free(&sc->body);
	free(sc->query);
	free(sc);
	*con_cls = NULL;
}
