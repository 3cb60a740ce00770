/* fuzz_serve.h: the fixture of the fuzz targets of egf serve's request path. */
#ifndef EGF_FUZZ_SERVE_H
#define EGF_FUZZ_SERVE_H

#include "fuzz.h"
/*
 * egf serve without a socket (serve_fixture.c), for the fuzz_serve_*
 * targets: a server and a store with the organisation of the server tests;
 * every account X has the API token "tok_X" and the web session "ses_X".
 */
#include "serve.h"

struct fuzz_serve {
	struct server srv;
	struct serve_config cfg, proxy_cfg;	/* --auth local; --auth proxy via 10.0.0.1 */
	struct serve_cidr trusted;
	struct store *st;
	char *template_path, *path;
	char bearer[96];
	struct buf body;	/* the request body's copy */
};

/* A request read from bytes: "METHOD PATH[?QUERY]\n", header lines, "\n", the body. */
struct fuzz_request {
	char *line;		/* owned: method and path point into it */
	const char *method, *path, *query;
	struct req_field *fields;	/* owned, names owned */
	size_t nfields;
	const char *body;	/* borrowed from the input */
	size_t body_len;
};

/* The fixture, built on first use; owned here. */
struct fuzz_serve *fuzz_serve(void);
/* Copies the store back from the template (after a request that may have written). */
void fuzz_serve_reset(void);
/* Reads a request; -1 when the first line has no "METHOD PATH". */
int fuzz_serve_parse(const uint8_t *data, size_t size, struct fuzz_request *fr);
void fuzz_request_clear(struct fuzz_request *fr);
/*
 * Fills r as serve_http.c would: fr's fields, from address, with
 * "Authorization: Bearer bearer" added when bearer is non-NULL, under the
 * proxy configuration when proxy. Clear r with request_clear.
 */
void fuzz_serve_request(struct fuzz_serve *f, const struct fuzz_request *fr,
    const char *address, const char *bearer, int proxy, struct request *r);
/*
 * The server's promises about r's response, aborting when one is broken:
 * no 500; a route that needs a caller, hr or CSRF was refused without
 * them; the proxy header believed only from the proxy; no password hash
 * and no private note for anyone but its author, hr and the committee; a
 * person in the path exists and is visible to the caller when served.
 */
void fuzz_serve_check(struct fuzz_serve *f, const struct request *r, const char *address,
    int proxy);
/* The i-th account of the fixture; NULL past the last. */
const char *fuzz_serve_account(size_t i);

#endif
