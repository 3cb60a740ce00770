/*
 * fuzz_serve_url: egf serve's request line: the path check, the route
 * lookup, and the query string's decoding. The input is "METHOD PATH"
 * on its first line and the query string after it. Checked: a decoded
 * pair never holds a NUL and the lookup of a name agrees with the parsed
 * pairs; encoding a decoded value and decoding it again gives it back.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz_serve.h"

static void
check(int ok)
{
	if (!ok)
		abort();
}

/* %XX-encodes every byte of s: the decoder must give s back. */
static void
round_trip(const char *s, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	char *enc = xmalloc(3 * len + 1), *dec;
	size_t i, dlen;

	for (i = 0; i < len; i++) {
		enc[3 * i] = '%';
		enc[3 * i + 1] = hex[(unsigned char)s[i] >> 4];
		enc[3 * i + 2] = hex[(unsigned char)s[i] & 15];
	}
	dec = serve_req_decode(enc, 3 * len, &dlen);
	check(dlen == len && memcmp(dec, s, len) == 0);
	free(dec);
	free(enc);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size);
	size_t first = nl ? (size_t)(nl - data) : size, i;
	const char *query = nl ? (const char *)nl + 1 : "";
	size_t qlen = nl ? size - first - 1 : 0;
	struct req_pairs pairs = {0};
	char *head = xstrndup((const char *)data, first), *sp = strchr(head, ' ');

	if (sp != NULL) {
		int other;
		const struct route *rt;

		*sp = '\0';
		if (serve_req_path_ok(sp + 1)) {
			rt = serve_route_lookup(head, sp + 1, &other);
			check(rt == NULL || strcmp(rt->method, head) == 0);
		}
	}
	serve_req_parse_query(query, qlen, &pairs);
	for (i = 0; i < pairs.n; i++) {
		char *v = serve_req_urlencoded(query, qlen, pairs.names[i]);

		check(pairs.names[i][0] != '\0');
		check(v == NULL || strcmp(v, serve_req_pairs_get(&pairs, pairs.names[i])) == 0);
		round_trip(pairs.values[i], strlen(pairs.values[i]));
		free(v);
	}
	round_trip(query, qlen);
	serve_req_pairs_clear(&pairs);
	free(head);
	return 0;
}
