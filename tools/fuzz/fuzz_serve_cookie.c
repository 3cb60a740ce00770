/*
 * fuzz_serve_cookie: the Cookie header as egf serve reads it (serve_req.c),
 * and the session and sign-in cookies looked up in it. Checked: every
 * cookie has a name without blanks at its ends and without ';' or '=',
 * its value has no ';', and both lie inside the header.
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
	char *header = xstrndup((const char *)data, size);
	struct req_pairs jar = {0};
	size_t i;

	serve_req_parse_cookies(header, &jar);
	for (i = 0; i < jar.n; i++) {
		const char *n = jar.names[i], *v = jar.values[i];
		size_t nl = strlen(n);

		check(nl > 0 && strpbrk(n, ";=") == NULL);
		check(n[0] != ' ' && n[0] != '\t' && n[nl - 1] != ' ' && n[nl - 1] != '\t');
		check(strchr(v, ';') == NULL);
		check(strstr(header, n) != NULL && strstr(header, v) != NULL);
	}
	(void)serve_req_pairs_get(&jar, "egf_session");
	(void)serve_req_pairs_get(&jar, "egf_signin");
	serve_req_pairs_clear(&jar);
	free(header);
	return 0;
}
