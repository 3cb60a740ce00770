/*
 * serve_person.c: a person's data on request, in egf serve: GET
 * /api/v1/people/ID/export, the document of `egf person export` from the
 * same function (store_person_export): whole for hr, cut by the role table
 * (authz.h) for the person themself, 404 for anyone else (docs/roles.md, "A
 * person's data on request"). Private notes only for hr, with
 * ?include-private=1. Every export is in the access log.
 */
#include <stdio.h>
#include <string.h>

#include "authz.h"
#include "json_text.h"
#include "serve.h"
#include "serve_view.h"
#include "store_person_data.h"

/* The person's own cut: each assessment and decision as the role table shows it to them. */
struct self_cut {
	struct request *r;
	struct authz_cycle cy;
	char cycle[128];	/* the cycle cy was read for */
};

static const struct authz_cycle *
cycle_of(struct self_cut *sc, const char *cycle)
{
	if (strcmp(sc->cycle, cycle) != 0 || sc->cy.id == NULL) {
		snprintf(sc->cycle, sizeof(sc->cycle), "%s", cycle);
		serve_cycle(sc->r, sc->cycle, &sc->cy);
	}
	return &sc->cy;
}

static unsigned
self_assessment(const char *cycle, const char *role, const char *rater, long long peers,
    void *arg)
{
	struct self_cut *sc = arg;
	enum assess_role ar = strcmp(role, "self") == 0 ? ROLE_SELF :
	    strcmp(role, "manager") == 0 ? ROLE_MANAGER : ROLE_PEER;
	unsigned view = authz_assessment(REL_SELF, &sc->r->caller, cycle_of(sc, cycle), ar,
	    rater, peers);

	if (view == VIEW_HIDDEN)
		return 0;
	return STORE_CUT_SHOWN | (view & VIEW_ANONYMOUS ? STORE_CUT_ANONYMOUS : 0);
}

static int
self_decision(const char *cycle, void *arg)
{
	struct self_cut *sc = arg;

	return authz_decision(REL_SELF, cycle_of(sc, cycle));
}

void
api_person_export(struct request *r)
{
	const char *id = r->param[0], *flag = req_query(r, "include-private");
	struct self_cut sc;
	struct store_export_cut cut = { self_assessment, self_decision, &sc };
	int hr = authz_is_hr(&r->caller), self = strcmp(r->caller.id, id) == 0;
	int with_private = 0, got;
	struct jw w;
	struct buf b = {0};
	char now[32];

	/* Anyone but hr and the person: the export does not exist for them. */
	if (!hr && !self) {
		reply_error(r, 404, "not found");
		return;
	}
	if (flag != NULL) {
		if (strcmp(flag, "1") != 0 && strcmp(flag, "0") != 0) {
			reply_error(r, 422, "include-private is 1 or 0");
			return;
		}
		with_private = strcmp(flag, "1") == 0;
	}
	if (with_private && !hr) {
		reply_error(r, 403, "private notes about you are for the promotion committee; "
		    "ask hr for the whole export");
		return;
	}
	memset(&sc, 0, sizeof(sc));
	sc.r = r;
	store_now(now);
	jw_init(&w, &b, 17);
	if ((got = store_person_export(r->st, id, with_private, hr ? NULL : &cut, now,
	    &w)) <= 0) {
		buf_free(&b);
		if (got == 0)
			reply_error(r, 404, "not found");
		else
			reply_error(r, 500, "database error");
		return;
	}
	buf_putc(&b, '\n');
	if (serve_log(r, !hr ? "person export, own cut" : with_private ?
	    "person export with private notes" : "person export", id) != 0) {
		buf_free(&b);
		reply_error(r, 500, "the access log could not be written");
		return;
	}
	r->status = 200;
	r->type = "application/json";
	buf_free(&r->out);
	r->out = b;
}
