/*
 * serve_req.c: a request's fields from bytes (serve_req.h). Everything
 * here takes untrusted input and is fuzzed (tools/fuzz/fuzz_serve_*.c):
 * lengths are explicit, nothing is read past them, nothing is assumed
 * NUL-free.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "serve_req.h"
#include "util.h"

int
serve_req_path_ok(const char *path)
{
	const unsigned char *p;
	size_t n = 0;

	if (path == NULL || path[0] != '/')
		return 0;
	for (p = (const unsigned char *)path; *p; p++)
		if (*p <= ' ' || *p >= 0x7f || ++n > REQ_PATH_MAX)
			return 0;
	return 1;
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

char *
serve_req_decode(const char *s, size_t n, size_t *len)
{
	char *out = xmalloc(n + 1), *o = out;
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '+')
			*o++ = ' ';
		else if (s[i] == '%' && i + 2 < n &&
		    hexval((unsigned char)s[i + 1]) >= 0 && hexval((unsigned char)s[i + 2]) >= 0) {
			*o++ = (char)(hexval((unsigned char)s[i + 1]) * 16 +
			    hexval((unsigned char)s[i + 2]));
			i += 2;
		} else
			*o++ = s[i];
	}
	*o = '\0';
	*len = (size_t)(o - out);
	return out;
}

/* Calls fn for each name=value pair of urlencoded text; stops when fn returns non-zero. */
static int
each_pair(const char *text, size_t len,
    int (*fn)(const char *name, size_t nlen, const char *value, size_t vlen, void *arg),
    void *arg)
{
	const char *p = text, *end = text + len;
	int rc;

	if (text == NULL)
		return 0;
	while (p < end) {
		const char *amp = memchr(p, '&', (size_t)(end - p));
		const char *stop = amp ? amp : end;
		const char *eq = memchr(p, '=', (size_t)(stop - p));

		if (eq == NULL)
			rc = fn(p, (size_t)(stop - p), stop, 0, arg);
		else
			rc = fn(p, (size_t)(eq - p), eq + 1, (size_t)(stop - eq - 1), arg);
		if (rc != 0)
			return rc;
		p = stop + 1;
	}
	return 0;
}

struct field_find {
	const char *name;
	size_t nlen;
	char *value;
	int found;
};

static int
find_field(const char *name, size_t nlen, const char *value, size_t vlen, void *arg)
{
	struct field_find *f = arg;
	size_t dlen;
	char *n;
	int same;

	n = serve_req_decode(name, nlen, &dlen);
	same = dlen == f->nlen && memcmp(n, f->name, dlen) == 0;
	free(n);
	if (!same)
		return 0;
	f->found = 1;
	f->value = serve_req_decode(value, vlen, &dlen);
	if (strlen(f->value) != dlen) {	/* an encoded NUL */
		free(f->value);
		f->value = NULL;
	}
	return 1;
}

char *
serve_req_urlencoded(const char *text, size_t len, const char *name)
{
	struct field_find f = { name, strlen(name), NULL, 0 };

	each_pair(text, len, find_field, &f);
	return f.value;
}

static void
pairs_add(struct req_pairs *p, char *name, char *value)
{
	if (p->n == p->cap) {
		size_t cap = p->cap;

		xgrow((void **)&p->names, &cap, p->n + 1, sizeof(*p->names));
		xgrow((void **)&p->values, &p->cap, p->n + 1, sizeof(*p->values));
	}
	p->names[p->n] = name;
	p->values[p->n++] = value;
}

static int
add_pair(const char *name, size_t nlen, const char *value, size_t vlen, void *arg)
{
	size_t dn, dv;
	char *n = serve_req_decode(name, nlen, &dn), *v = serve_req_decode(value, vlen, &dv);

	if (dn == 0 || strlen(n) != dn || strlen(v) != dv) {
		free(n);
		free(v);
	} else
		pairs_add(arg, n, v);
	return 0;
}

void
serve_req_parse_query(const char *text, size_t len, struct req_pairs *out)
{
	each_pair(text, len, add_pair, out);
}

static int
blank(char c)
{
	return c == ' ' || c == '\t';
}

void
serve_req_parse_cookies(const char *header, struct req_pairs *out)
{
	const char *p = header;

	if (header == NULL)
		return;
	while (*p != '\0') {
		const char *stop = p + strcspn(p, ";"), *eq, *ne, *vs, *ve;

		eq = memchr(p, '=', (size_t)(stop - p));
		if (eq != NULL) {
			for (ne = eq; ne > p && blank(ne[-1]); ne--)
				;
			while (p < ne && blank(*p))
				p++;
			for (vs = eq + 1; vs < stop && blank(*vs); vs++)
				;
			for (ve = stop; ve > vs && blank(ve[-1]); ve--)
				;
			if (ve - vs >= 2 && vs[0] == '"' && ve[-1] == '"') {
				vs++;
				ve--;
			}
			if (ne > p)
				pairs_add(out, xstrndup(p, (size_t)(ne - p)),
				    xstrndup(vs, (size_t)(ve - vs)));
		}
		p = *stop ? stop + 1 : stop;
	}
}

const char *
serve_req_pairs_get(const struct req_pairs *p, const char *name)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (strcmp(p->names[i], name) == 0)
			return p->values[i];
	return NULL;
}

void
serve_req_pairs_clear(struct req_pairs *p)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		free(p->names[i]);
		free(p->values[i]);
	}
	free(p->names);
	free(p->values);
	memset(p, 0, sizeof(*p));
}

const char *
serve_req_header(const struct req_field *h, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcasecmp(h[i].name, name) == 0)
			return h[i].value;
	return NULL;
}
