/*
 * serve_route.c: the route table of egf serve and the one function that
 * honours its flags: authentication, CSRF, the hr role, caching and the
 * access log are enforced here, before and after the handler runs, so that
 * a new route cannot forget them. The authorization matrix test walks this
 * same table (egf serve --routes).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_text.h"
#include "openapi.h"
#include "serve.h"
#include "serve_session.h"

#define API "/api/v1"

/* Sorted by pattern, then method. */
const struct route serve_routes[] = {
	{ "GET", "/", page_home, 0, "the start page: me, or the sign-in page" },
	{ "POST", API "/cycles", api_cycle_open, R_AUTH | R_WRITES | R_HR | R_PERSONAL,
	    "open a review cycle (hr)" },
	{ "GET", API "/cycles/{cycle}", api_cycle, R_AUTH | R_PERSONAL,
	    "a cycle's phase and dates (hr: its people and history too)" },
	{ "GET", API "/cycles/{cycle}/calibration", api_calibration, R_AUTH | R_PERSONAL,
	    "the calibration report of the caller's slice" },
	{ "GET", API "/cycles/{cycle}/dashboard", api_cycle_dashboard, R_AUTH | R_HR | R_PERSONAL,
	    "completion per team, who is late, progress by day (hr)" },
	{ "POST", API "/cycles/{cycle}/decisions", api_decisions,
	    R_AUTH | R_WRITES | R_PERSONAL, "record a promotion decision (hr, committee)" },
	{ "POST", API "/cycles/{cycle}/forms", api_forms, R_AUTH | R_WRITES | R_PERSONAL,
	    "submit an assessment form" },
	{ "GET", API "/cycles/{cycle}/late.csv", api_cycle_late, R_AUTH | R_HR | R_PERSONAL,
	    "the late list as CSV, for reminders (hr)" },
	{ "POST", API "/cycles/{cycle}/peer-requests", api_peer_requests,
	    R_AUTH | R_WRITES | R_PERSONAL, "ask a peer for feedback on a person" },
	{ "GET", API "/cycles/{cycle}/people/{id}/assessments", api_assessments,
	    R_AUTH | R_PERSONAL, "a person's assessments, as the caller may see them" },
	{ "GET", API "/cycles/{cycle}/people/{id}/packet", api_packet, R_AUTH | R_PERSONAL,
	    "a person's promotion packet (PDF)" },
	{ "POST", API "/cycles/{cycle}/phase", api_cycle_phase,
	    R_AUTH | R_WRITES | R_HR | R_PERSONAL, "move a cycle to its next phase (hr)" },
	{ "GET", API "/cycles/{cycle}/readiness", api_readiness, R_AUTH | R_PERSONAL,
	    "readiness of the people visible to the caller" },
	{ "POST", API "/cycles/{cycle}/reopen", api_cycle_reopen,
	    R_AUTH | R_WRITES | R_HR | R_PERSONAL, "reopen one form of a locked cycle (hr)" },
	{ "POST", API "/cycles/{cycle}/sessions", api_session_create,
	    R_AUTH | R_WRITES | R_HR | R_PERSONAL, "create a calibration session (hr)" },
	{ "GET", API "/cycles/{cycle}/sessions/{session}", api_session, R_AUTH | R_PERSONAL,
	    "a calibration session (hr, its committee)" },
	{ "GET", API "/cycles/{cycle}/sessions/{session}/audit", api_session_audit,
	    R_AUTH | R_PERSONAL, "a session's audit trail (hr, its committee)" },
	{ "POST", API "/cycles/{cycle}/sessions/{session}/lock", api_session_lock,
	    R_AUTH | R_WRITES | R_HR | R_PERSONAL, "lock a session (hr)" },
	{ "POST", API "/cycles/{cycle}/sessions/{session}/outcomes", api_session_outcome,
	    R_AUTH | R_WRITES | R_PERSONAL, "record an outcome in a session (its committee)" },
	{ "POST", API "/cycles/{cycle}/sessions/{session}/proposals", api_session_proposal,
	    R_AUTH | R_WRITES | R_PERSONAL, "propose an outcome before or in a session (its committee)" },
	{ "GET", API "/cycles/{cycle}/sessions/{session}/report", api_session_report,
	    R_AUTH | R_PERSONAL, "a session's calibration report: ?format=json|csv|html|text" },
	{ "GET", API "/cycles/{cycle}/sessions/{session}/state", api_session_state,
	    R_AUTH | R_PERSONAL, "a session's live state, with an ETag (poll with If-None-Match)" },
	{ "GET", API "/ladder", api_ladder, R_AUTH, "the published ladder model" },
	{ "GET", API "/me", api_me, R_AUTH | R_PERSONAL, "the caller" },
	{ "GET", API "/openapi.json", api_openapi, 0, "this API's description" },
	{ "GET", API "/people", api_people, R_AUTH | R_PERSONAL,
	    "the people visible to the caller" },
	{ "GET", API "/people/{id}", api_person, R_AUTH | R_PERSONAL, "one person" },
	{ "GET", API "/people/{id}/export", api_person_export, R_AUTH | R_PERSONAL,
	    "everything held about a person, as egf person export (hr; the person: their cut)" },
	{ "GET", "/cycles", page_cycles, R_AUTH | R_HR | R_PAGE | R_PERSONAL,
	    "the review cycles, and opening one (hr)" },
	{ "POST", "/cycles", page_cycles_open, R_AUTH | R_WRITES | R_HR | R_PAGE | R_PERSONAL,
	    "open a review cycle (hr)" },
	{ "GET", "/cycles/{cycle}", page_cycle, R_AUTH | R_HR | R_PAGE | R_PERSONAL,
	    "a cycle's dashboard (hr)" },
	{ "POST", "/cycles/{cycle}/phase", page_cycle_phase,
	    R_AUTH | R_WRITES | R_HR | R_PAGE | R_PERSONAL, "move a cycle's phase (hr)" },
	{ "POST", "/cycles/{cycle}/reopen", page_cycle_reopen,
	    R_AUTH | R_WRITES | R_HR | R_PAGE | R_PERSONAL, "reopen one form (hr)" },
	{ "GET", "/favicon.ico", page_favicon, 0, "no icon: 204, so that browsers stop asking" },
	{ "GET", "/growth/{id}", page_growth, R_AUTH | R_PAGE | R_PERSONAL,
	    "a person's readiness and ratings over cycles" },
	{ "GET", "/healthz", page_healthz, 0, "200 once the server accepts requests" },
	{ "GET", "/ladder", page_ladder, R_AUTH | R_PAGE, "the ladder's pages" },
	{ "GET", "/ladder/style.css", page_style, 0, "the stylesheet" },
	{ "GET", "/ladder/{page}", page_ladder, R_AUTH | R_PAGE, "a page of the ladder" },
	{ "GET", "/ladder/{dir}/{page}", page_ladder, R_AUTH | R_PAGE,
	    "a level or competency page" },
	{ "GET", "/login", serve_login_page, R_PAGE | R_PERSONAL, "the sign-in page" },
	{ "POST", "/login", serve_login, R_PAGE | R_LOGIN | R_PERSONAL, "sign in" },
	{ "POST", "/logout", serve_logout, R_AUTH | R_WRITES | R_PAGE | R_PERSONAL, "sign out" },
	{ "GET", "/me", page_me, R_AUTH | R_PAGE | R_PERSONAL,
	    "my level, next level and assessments" },
	{ "GET", "/people", page_people, R_AUTH | R_HR | R_PAGE | R_PERSONAL,
	    "everyone (hr)" },
	{ "POST", "/review/{cycle}/{id}/peers", page_review_peers,
	    R_AUTH | R_WRITES | R_PAGE | R_PERSONAL, "ask a peer for feedback (the page's form)" },
	{ "GET", "/review/{cycle}/{id}/{role}", page_review, R_AUTH | R_PAGE | R_PERSONAL,
	    "an assessment form to fill: self, manager or peer" },
	{ "POST", "/review/{cycle}/{id}/{role}", page_review_post,
	    R_AUTH | R_WRITES | R_PAGE | R_PERSONAL, "save the form's draft, or submit it" },
	{ "GET", "/review/{cycle}/{id}/{role}/form.md", page_review_form,
	    R_AUTH | R_PAGE | R_PERSONAL, "the form as Markdown (download)" },
	{ "POST", "/review/{cycle}/{id}/{role}/upload", page_review_upload,
	    R_AUTH | R_WRITES | R_PAGE | R_PERSONAL, "submit a Markdown form file" },
	{ "GET", "/static/review.css", page_review_css, 0, "the review pages' stylesheet" },
	{ "GET", "/static/review.js", page_review_js, 0,
	    "the review pages' script: drafts saved as one types" },
	{ "GET", "/sessions", page_sessions, R_AUTH | R_PAGE | R_PERSONAL,
	    "calibration sessions: hr's all, with a form for a new one; a member's own" },
	{ "POST", "/sessions", page_session_create, R_AUTH | R_WRITES | R_HR | R_PAGE | R_PERSONAL,
	    "create a calibration session (hr)" },
	{ "GET", "/sessions/{cycle}/{session}", page_session, R_AUTH | R_PAGE | R_PERSONAL,
	    "a calibration session's page (hr, its committee)" },
	{ "POST", "/sessions/{cycle}/{session}/lock", page_session_lock,
	    R_AUTH | R_WRITES | R_HR | R_PAGE | R_PERSONAL, "lock the session (hr)" },
	{ "POST", "/sessions/{cycle}/{session}/outcome", page_session_outcome,
	    R_AUTH | R_WRITES | R_PAGE | R_PERSONAL, "record an outcome (the committee)" },
	{ "POST", "/sessions/{cycle}/{session}/proposal", page_session_proposal,
	    R_AUTH | R_WRITES | R_PAGE | R_PERSONAL, "propose an outcome (the committee)" },
	{ "GET", "/static/session.css", page_session_css, 0, "the session page's stylesheet" },
	{ "GET", "/static/session.js", page_session_js, 0, "the session page's live updates" },
	{ "GET", "/team", page_team, R_AUTH | R_PAGE | R_PERSONAL, "my reports (managers)" },
	{ NULL, NULL, NULL, 0, NULL },
};

/* An id in a path: what people, cycle and session ids are made of. */
static int
valid_capture(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > 128 || !isalnum((unsigned char)s[0]))
		return 0;
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '.' && s[i] != '_' && s[i] != '-' &&
		    s[i] != '@')
			return 0;
	return 1;
}

/*
 * Matches path against pattern; on success returns the number of captures
 * (copied NUL-terminated into store, pointed to by params), else -1.
 */
static int
match(const char *pattern, const char *path, char *store, const char *params[])
{
	const char *p = pattern, *q = path;
	int n = 0;

	while (*p != '\0' && *q != '\0') {
		if (*p == '{') {
			const char *close = strchr(p, '}');
			size_t len = strcspn(q, "/");

			if (close == NULL || n == ROUTE_MAX_PARAMS || !valid_capture(q, len))
				return -1;
			memcpy(store, q, len);
			store[len] = '\0';
			params[n++] = store;
			store += len + 1;
			p = close + 1;
			q += len;
			continue;
		}
		if (*p != *q)
			return -1;
		p++;
		q++;
	}
	return *p == '\0' && *q == '\0' ? n : -1;
}

static void
not_found(struct request *r, int page)
{
	if (page)
		page_render(r, 404, "Not found", "<h1>Not found</h1>\n<p>There is no such page "
		    "here, or it is not yours to see.</p>\n<p><a href=\"/me\">Back to your page"
		    "</a></p>\n");
	else
		reply_error(r, 404, "not found");
}

static int
is_page_path(const char *path)
{
	return strncmp(path, "/api/", 5) != 0;
}

const struct route *
serve_route_lookup(const char *method, const char *path, int *other_method)
{
	const struct route *rt, *best = NULL;
	int n, best_n = ROUTE_MAX_PARAMS + 1;

	*other_method = 0;
	if (strlen(path) > REQ_PATH_MAX)
		return NULL;
	for (rt = serve_routes; rt->method != NULL; rt++) {
		char tmp[1100];
		const char *tp[ROUTE_MAX_PARAMS];

		if ((n = match(rt->pattern, path, tmp, tp)) < 0)
			continue;
		if (strcmp(rt->method, method) != 0) {
			*other_method = 1;
			continue;
		}
		if (n < best_n) {
			best = rt;
			best_n = n;
		}
	}
	return best;
}

void
serve_dispatch(struct request *r)
{
	char local[1100];	/* the captures; the path has at most 1024 bytes */
	const struct route *best;
	const char *params[ROUTE_MAX_PARAMS];
	int n, other_method, page;

	best = serve_route_lookup(r->method, r->path, &other_method);
	page = best ? (best->flags & R_PAGE) != 0 : is_page_path(r->path);
	if (best == NULL) {
		if (other_method)
			reply_error(r, 405, "method not allowed");
		else
			not_found(r, page);
		return;
	}
	n = match(best->pattern, r->path, local, params);
	memcpy(r->param, params, sizeof(params[0]) * (size_t)n);
	r->personal = (best->flags & R_PERSONAL) != 0;
	if (serve_auth_identify(r) != 0) {
		reply_error(r, 500, "database error");
		return;
	}
	if ((best->flags & R_AUTH) && r->caller.id == NULL) {
		if (page)
			reply_redirect(r, "/login");
		else
			reply_error(r, 401, "sign in, or send Authorization: Bearer TOKEN");
		return;
	}
	if ((best->flags & (R_WRITES | R_LOGIN)) && !serve_auth_csrf_ok(r, (best->flags & R_LOGIN) != 0)) {
		if (page)
			page_render(r, 403, "Refused", "<h1>Refused</h1>\n<p>The form had expired "
			    "or did not come from this site. Go back, reload the page and try "
			    "again.</p>\n");
		else
			reply_error(r, 403, "missing or wrong CSRF token (X-CSRF-Token)");
		return;
	}
	if ((best->flags & R_HR) && !authz_is_hr(&r->caller)) {
		if (page)
			page_render(r, 403, "Not for you", "<h1>Not for you</h1>\n<p>This page is "
			    "for hr.</p>\n");
		else
			reply_error(r, 403, "hr only");
		return;
	}
	/*
	 * One writer at a time in this process: SQLite lets one write at a
	 * time anyway, and its busy handler makes the others sleep and retry
	 * (at 4 threads, 3 forms a second instead of hundreds).
	 */
	if (best->flags & R_WRITES)
		pthread_mutex_lock(&r->srv->write_lock);
	best->handler(r);
	if ((best->flags & R_WRITES) && r->status < 400) {
		char what[1200];

		snprintf(what, sizeof(what), "%s %s", r->method, r->path);
		if (serve_log(r, "write", what) != 0)
			reply_error(r, 500, "the access log could not be written");
	}
	if (best->flags & R_WRITES)
		pthread_mutex_unlock(&r->srv->write_lock);
}

static void
flag_names(unsigned flags, char *out, size_t size)
{
	static const char *const names[] = { "auth", "writes", "hr", "personal", "page", "login" };
	size_t i, len = 0;

	out[0] = '\0';
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (flags & (1u << i))
			len += (size_t)snprintf(out + len, size - len, "%s%s", len ? "," : "", names[i]);
	if (len == 0)
		snprintf(out, size, "-");
}

void
serve_print_routes(void)
{
	const struct route *rt;
	char flags[80];

	for (rt = serve_routes; rt->method != NULL; rt++) {
		flag_names(rt->flags, flags, sizeof(flags));
		printf("%s %s %s\n", rt->method, rt->pattern, flags);
	}
}

/* docs/openapi.yaml, embedded when egf was built, as JSON (openapi.h). */
void
api_openapi(struct request *r)
{
	char err[200];
	char *json = openapi_yaml_to_json(openapi_yaml, strlen(openapi_yaml), err, sizeof(err));

	if (json == NULL) {
		fprintf(stderr, "egf serve: docs/openapi.yaml: %s\n", err);
		reply_error(r, 500, "the API description could not be read");
		return;
	}
	reply(r, 200, "application/json", json);
	free(json);
}
