/*
 * fuzz_serve_json: the bodies of egf serve's state-changing API routes
 * (decisions, peer requests and calibration sessions in JSON, forms in
 * Markdown) through the router and their handlers, with an API token. The
 * first byte chooses the route (bits 0-1) and the caller (bits 2-4, an
 * account of the fixture); the rest is the body. The store is restored
 * after each request; fuzz_serve_check holds the server to its promises.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz_serve.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const paths[] = {
		"/api/v1/cycles/2026-H1/decisions",
		"/api/v1/cycles/2026-H1/peer-requests",
		"/api/v1/cycles/2026-H1/sessions",
		"/api/v1/cycles/2026-H1/forms",
	};
	struct fuzz_serve *f = fuzz_serve();
	struct fuzz_request fr;
	struct request r;
	const char *account;
	char token[64];

	if (size < 1)
		return 0;
	memset(&fr, 0, sizeof(fr));
	account = fuzz_serve_account((data[0] >> 2) & 7);
	snprintf(token, sizeof(token), "tok_%s", account);
	fr.method = "POST";
	fr.path = paths[data[0] & 3];
	fr.body = (const char *)data + 1;
	fr.body_len = size - 1;
	fuzz_serve_request(f, &fr, "10.0.0.2", token, 0, &r);
	serve_dispatch(&r);
	fuzz_serve_check(f, &r, "10.0.0.2", 0);
	if (r.status < 400)
		fuzz_serve_reset();
	request_clear(&r);
	return 0;
}
