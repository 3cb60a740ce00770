/*
 * fuzz_serve_route: a whole request through egf serve's router, with
 * authentication, CSRF, the role table and the handlers, against the
 * fixture's store (fuzz_serve.h). The first byte chooses the caller: bits
 * 0-3 an account (8 and up: none) whose API token is sent unless bit 6 is
 * set (then only what the request carries: a session cookie, a proxy
 * header), bit 4 the proxy configuration, bit 5 the client address (the
 * proxy's 10.0.0.1, else 10.0.0.2). The rest is the request:
 * "METHOD PATH[?QUERY]", header lines, an empty line, the body.
 * fuzz_serve_check holds the server to its promises.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz_serve.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_serve *f = fuzz_serve();
	struct fuzz_request fr;
	struct request r;
	const char *account, *address;
	char token[64];
	int proxy;

	if (size < 1 || fuzz_serve_parse(data + 1, size - 1, &fr) != 0)
		return 0;
	account = fuzz_serve_account(data[0] & 15);
	proxy = (data[0] & 16) != 0;
	address = (data[0] & 32) ? "10.0.0.1" : "10.0.0.2";
	snprintf(token, sizeof(token), "tok_%s", account ? account : "");
	/* Sign-in runs Argon2 (a tenth of a second); the golden tests cover it. */
	if (!serve_req_path_ok(fr.path) ||
	    (!proxy && strcmp(fr.method, "POST") == 0 && strcmp(fr.path, "/login") == 0)) {
		fuzz_request_clear(&fr);
		return 0;
	}
	fuzz_serve_request(f, &fr, address, account && !(data[0] & 64) ? token : NULL, proxy, &r);
	serve_dispatch(&r);
	fuzz_serve_check(f, &r, address, proxy);
	if (strcmp(fr.method, "GET") != 0)
		fuzz_serve_reset();
	request_clear(&r);
	fuzz_request_clear(&fr);
	return 0;
}
