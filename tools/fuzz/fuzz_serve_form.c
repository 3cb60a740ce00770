/*
 * fuzz_serve_form: application/x-www-form-urlencoded bodies as the
 * sign-in form, sign-out and every page form send them (req_form). The
 * fields egf reads (user, password, csrf) and every field the body names
 * are looked up. Checked: a value is NUL-free and no longer than the body,
 * and the first of several fields of one name wins.
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

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const fields[] = { "user", "password", "csrf", "" };
	const char *body = (const char *)data;
	struct req_pairs pairs = {0};
	size_t i;

	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		char *v = serve_req_urlencoded(body, size, fields[i]);

		check(v == NULL || strlen(v) <= size);
		free(v);
	}
	serve_req_parse_query(body, size, &pairs);
	for (i = 0; i < pairs.n; i++) {
		char *v = serve_req_urlencoded(body, size, pairs.names[i]);
		const char *first = serve_req_pairs_get(&pairs, pairs.names[i]);

		check(strlen(pairs.values[i]) <= size);
		/* The first field of the name may hold an encoded NUL (then NULL). */
		check(v == NULL || strcmp(v, first) == 0);
		free(v);
	}
	serve_req_pairs_clear(&pairs);
	return 0;
}
