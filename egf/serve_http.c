/*
 * serve_http.c: one HTTP request through libmicrohttpd: the body gathered
 * under its limit, the request handed to the router, the response sent
 * with the security headers every response carries.
 */
#include <arpa/inet.h>
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
	struct buf body;
	int too_large;
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
	return MHD_lookup_connection_value(r->conn->mhd, MHD_GET_ARGUMENT_KIND, name);
}

const char *
req_header(const struct request *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn->mhd, MHD_HEADER_KIND, name);
}

const char *
req_cookie(const struct request *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn->mhd, MHD_COOKIE_KIND, name);
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes n bytes of a urlencoded value ('+' and %XX); the caller frees it. */
static char *
url_decode(const char *s, size_t n, size_t *len)
{
	char *out = xmalloc(n + 1), *o = out;
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '+')
			*o++ = ' ';
		else if (s[i] == '%' && i + 2 < n && hexval(s[i + 1]) >= 0 &&
		    hexval(s[i + 2]) >= 0) {
			*o++ = (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
			i += 2;
		} else
			*o++ = s[i];
	}
	*o = '\0';
	*len = (size_t)(o - out);
	return out;
}

char *
req_form(const struct request *r, const char *name)
{
	const char *p = r->body, *end = r->body + r->body_len;
	size_t nlen = strlen(name);

	if (p == NULL)
		return NULL;
	while (p < end) {
		const char *amp = memchr(p, '&', (size_t)(end - p));
		const char *stop = amp ? amp : end;
		const char *eq = memchr(p, '=', (size_t)(stop - p));

		if (eq != NULL && (size_t)(eq - p) == nlen && memcmp(p, name, nlen) == 0) {
			size_t len;
			char *v = url_decode(eq + 1, (size_t)(stop - eq - 1), &len);

			if (strlen(v) != len) {	/* an encoded NUL */
				free(v);
				return NULL;
			}
			return v;
		}
		p = stop + 1;
	}
	return NULL;
}

void
reply(struct request *r, int status, const char *type, const char *text)
{
	r->status = status;
	r->type = type;
	r->out.len = 0;
	buf_puts(&r->out, text);
}

void
reply_error(struct request *r, int status, const char *message)
{
	struct buf b = {0};

	buf_puts(&b, "{\"error\": ");
	json_text_string(&b, message, JSON_TEXT_PLAIN);
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
	for (i = 0; i < r->ncookies; i++)
		MHD_add_response_header(resp, "Set-Cookie", r->cookies[i]);
	if (r->status == 401 && strncmp(r->path, "/api/", 5) == 0)
		MHD_add_response_header(resp, "WWW-Authenticate", "Bearer realm=\"egf\"");
	rc = MHD_queue_response(c, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	return rc;
}

static void
request_free(struct request *r)
{
	size_t i;

	store_account_clear(&r->account);
	buf_free(&r->out);
	for (i = 0; i < r->ncookies; i++)
		free(r->cookies[i]);
	free(r->location);
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
	request_free(&r);
	return rc;
}

/* The path must be printable ASCII without a NUL; MHD has decoded nothing else. */
static int
plain_path(const char *url)
{
	const unsigned char *p;

	if (url == NULL || url[0] != '/')
		return 0;
	for (p = (const unsigned char *)url; *p; p++)
		if (*p <= ' ' || *p >= 0x7f)
			return 0;
	return 1;
}

enum MHD_Result
serve_http_access(void *cls, struct MHD_Connection *c, const char *url, const char *method,
    const char *version, const char *upload_data, size_t *upload_size, void **con_cls)
{
	struct server *srv = cls;
	struct serve_conn *sc = *con_cls;
	struct request r;
	enum MHD_Result rc;

	if (sc == NULL) {
		sc = xcalloc(1, sizeof(*sc));
		sc->mhd = c;
		*con_cls = sc;
		serve_flight_begin(srv);
		sc->counted = 1;
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
	if (!plain_path(url))
		return answer_plain(c, "/", 400, "bad request path");
	memset(&r, 0, sizeof(r));
	r.srv = srv;
	r.conn = sc;
	r.method = method;
	r.path = url;
	r.body = sc->body.data ? sc->body.data : "";
	r.body_len = sc->body.len;
	client_address(c, r.address);
	r.status = 500;
	if ((r.st = serve_pool_take(&srv->pool, &r.cache)) == NULL)
		reply_error(&r, 503, "no database connection");
	else {
		serve_dispatch(&r);
		serve_pool_give(&srv->pool, r.st, r.cache);
	}
	rc = send_response(c, &r);
	request_free(&r);
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
	free(sc);
	*con_cls = NULL;
}
