/* serve_view.h: what the API handlers and the pages share about a request. */
#ifndef EGF_SERVE_VIEW_H
#define EGF_SERVE_VIEW_H

#include "serve.h"

/* The state of cycle id for the authorization rules. */
void serve_cycle(const struct request *r, const char *id, struct authz_cycle *cy);
/*
 * The caller's relation to person in cycle cy (NULL: none); 0 for a person
 * who does not exist. Returns 0, or -1 on a database error.
 */
int serve_relation(struct request *r, const struct authz_cycle *cy, const char *person,
    unsigned *rel);

#endif
