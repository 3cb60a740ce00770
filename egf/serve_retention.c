/*
 * serve_retention.c: the retention policy in egf serve, only when it is
 * configured (--retention-keep-cycles N): the same operation as `egf
 * retention --keep-cycles N` (store_retention_run), once when the server
 * starts and then once a day, each text it removes named on standard
 * error and the run recorded in the audit log by "egf serve".
 */
#include <stdio.h>

#include "serve.h"
#include "serve_int.h"
#include "store_person_data.h"

static void
log_row(const struct store_retention_row *r, void *arg)
{
	(void)arg;
	fprintf(stderr, "egf serve: retention: removed %s of %s's %s assessment by %s in %s "
	    "(revision %d, %s)\n", r->kind, r->person, r->role, r->rater, r->cycle, r->revision,
	    r->expectation);
}

static void
log_cycles(const char *what, char **ids, size_t n)
{
	size_t i;

	fprintf(stderr, "%s", what);
	for (i = 0; i < n; i++)
		fprintf(stderr, "%s%s", i ? ", " : " ", ids[i]);
	fprintf(stderr, "%s", n == 0 ? " none" : "");
}

int
serve_retention_run(struct server *srv)
{
	struct store_retention r;
	struct store *st;
	int rc;

	if (srv->cfg->retention_keep <= 0)
		return 0;
	if ((st = serve_pool_take(&srv->pool)) == NULL)
		return -1;
	rc = store_retention_run(st, srv->cfg->retention_keep, 1, "egf serve", log_row, NULL, &r);
	serve_pool_give(&srv->pool, st);
	if (rc != 0) {
		fprintf(stderr, "egf serve: retention: failed; it runs again in a day\n");
		store_retention_clear(&r);
		return -1;
	}
	fprintf(stderr, "egf serve: retention (the newest %ld cycles keep their texts): ",
	    srv->cfg->retention_keep);
	log_cycles("kept", r.kept, r.nkept);
	log_cycles("; older", r.pruned, r.npruned);
	fprintf(stderr, "; removed %lld evidence texts and %lld private notes\n", r.evidence,
	    r.notes);
	fflush(stderr);
	store_retention_clear(&r);
	return 0;
}
