/* serve_int.h: what serve.c and serve_http.c share about the daemon. */
#ifndef EGF_SERVE_INT_H
#define EGF_SERVE_INT_H

#include <microhttpd.h>

#include "serve.h"

/* A store connection and its cache for one request; NULL when none could be had. Give both back. */
struct store *serve_pool_take(struct serve_pool *p, struct serve_cache **cache);
void serve_pool_give(struct serve_pool *p, struct store *st, struct serve_cache *cache);

/* Counts requests in flight, for the graceful shutdown. */
void serve_flight_begin(struct server *srv);
void serve_flight_end(struct server *srv);

/* libmicrohttpd's callbacks; cls is the struct server. */
enum MHD_Result serve_http_access(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *upload_data, size_t *upload_size,
    void **con_cls);
void serve_http_completed(void *cls, struct MHD_Connection *c, void **con_cls,
    enum MHD_RequestTerminationCode toe);

#endif
