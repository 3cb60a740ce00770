/*
 * serve_req.h: the fields of an HTTP request as egf serve reads them,
 * without the network: the request path's check, percent-decoding, the
 * query string and application/x-www-form-urlencoded bodies, the Cookie
 * header and the header list. serve_http.c fills a request with these from
 * libmicrohttpd; the fuzz targets (tools/fuzz/fuzz_serve_*.c) fill one
 * from bytes, so that what they exercise is what the server runs.
 */
#ifndef EGF_SERVE_REQ_H
#define EGF_SERVE_REQ_H

#include <stddef.h>

/* A request header; name and value borrowed from whoever read the request. */
struct req_field {
	const char *name, *value;
};

/* Decoded name=value pairs (the query, the cookies); everything owned. */
struct req_pairs {
	char **names, **values;
	size_t n, cap;
};

/* The longest request path the server takes. */
#define REQ_PATH_MAX 1024

/* 1 when path starts with '/', has at most REQ_PATH_MAX bytes, all printable ASCII. */
int serve_req_path_ok(const char *path);

/*
 * Decodes n bytes of a urlencoded value ('+' is a space, %XX a byte; a '%'
 * not followed by two hex digits stays as it is). *len receives the
 * decoded length, which is shorter than strlen of the result when an
 * encoded NUL was in it. The caller frees the result.
 */
char *serve_req_decode(const char *s, size_t n, size_t *len);

/*
 * The decoded value of field name in urlencoded text (a form body, a query
 * string) of len bytes; NULL when absent or when the value holds an encoded
 * NUL. The first occurrence counts. The caller frees the result.
 */
char *serve_req_urlencoded(const char *text, size_t len, const char *name);

/*
 * Adds every pair of urlencoded text of len bytes to out, decoded; a pair
 * whose name or value holds an encoded NUL, or has no name, is skipped.
 */
void serve_req_parse_query(const char *text, size_t len, struct req_pairs *out);
/*
 * Adds every cookie of a Cookie header value ("a=1; b=2") to out: name and
 * value trimmed of blanks, a value's surrounding double quotes removed, no
 * decoding. Pairs without '=' or without a name are skipped.
 */
void serve_req_parse_cookies(const char *header, struct req_pairs *out);
/* The first value named name; NULL when none. Borrowed from p. */
const char *serve_req_pairs_get(const struct req_pairs *p, const char *name);
/* Frees what p owns; accepts a zeroed struct. */
void serve_req_pairs_clear(struct req_pairs *p);

/* The first header named name (case-insensitive) of n; NULL when none. Borrowed. */
const char *serve_req_header(const struct req_field *h, size_t n, const char *name);

#endif
