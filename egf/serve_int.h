/* serve_int.h: what serve.c and serve_http.c share about the daemon. */
#ifndef EGF_SERVE_INT_H
#define EGF_SERVE_INT_H

#include <microhttpd.h>

#include "serve.h"

/* A store connection for one request; NULL when none could be had. Give it back. */
struct store *serve_pool_take(struct serve_pool *p);
void serve_pool_give(struct serve_pool *p, struct store *st);

/* Counts requests in flight, for the graceful shutdown. */
void serve_flight_begin(struct server *srv);
void serve_flight_end(struct server *srv);

/*
 * Applies the configured retention policy (cfg->retention_keep, nothing
 * when 0) with a connection of the pool, logging on stderr what it removed
 * (serve_retention.c). 0, or -1 after saying it failed.
 */
int serve_retention_run(struct server *srv);
/* How often the server applies it. */
#define SERVE_RETENTION_EVERY (24 * 3600)

/* libmicrohttpd's callbacks; cls is the struct server. */
enum MHD_Result serve_http_access(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *upload_data, size_t *upload_size,
    void **con_cls);
/* The URI log callback: the connection's state, with the raw query string. */
void *serve_http_uri(void *cls, const char *uri, struct MHD_Connection *c);
void serve_http_completed(void *cls, struct MHD_Connection *c, void **con_cls,
    enum MHD_RequestTerminationCode toe);

#endif
