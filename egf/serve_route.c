/*
 * serve_route.c: the route table of egf serve and the one function that
 * honours its flags: authentication, CSRF, the hr role, caching and the
 * access log are enforced here, before and after the handler runs, so that
 * a new route cannot forget them. The authorization matrix test walks this
 * same table (egf serve --routes).
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "json_text.h"
#include "serve.h"

#define API "/api/v1"

/* Sorted by pattern, then method. */
const struct route serve_routes[] = {
	{ "GET", "/", page_home, 0, "the start page: me, or the sign-in page" },
	{ "GET", API "/cycles/{cycle}/calibration", api_calibration, R_AUTH | R_PERSONAL,
	    "the calibration report of the caller's slice" },
	{ "POST", API "/cycles/{cycle}/decisions", api_decisions,
	    R_AUTH | R_WRITES | R_PERSONAL, "record a promotion decision (hr, committee)" },
	{ "POST", API "/cycles/{cycle}/forms", api_forms, R_AUTH | R_WRITES | R_PERSONAL,
	    "submit an assessment form" },
	{ "POST", API "/cycles/{cycle}/peer-requests", api_peer_requests,
	    R_AUTH | R_WRITES | R_PERSONAL, "ask a peer for feedback on a person" },
	{ "GET", API "/cycles/{cycle}/people/{id}/assessments", api_assessments,
	    R_AUTH | R_PERSONAL, "a person's assessments, as the caller may see them" },
	{ "GET", API "/cycles/{cycle}/people/{id}/packet", api_packet, R_AUTH | R_PERSONAL,
	    "a person's promotion packet (PDF)" },
	{ "GET", API "/cycles/{cycle}/readiness", api_readiness, R_AUTH | R_PERSONAL,
	    "readiness of the people visible to the caller" },
	{ "POST", API "/cycles/{cycle}/sessions", api_session_create,
	    R_AUTH | R_WRITES | R_HR | R_PERSONAL, "create a calibration session (hr)" },
	{ "GET", API "/cycles/{cycle}/sessions/{session}", api_session, R_AUTH | R_PERSONAL,
	    "a calibration session (hr, its committee)" },
	{ "GET", API "/ladder", api_ladder, R_AUTH, "the published ladder model" },
	{ "GET", API "/me", api_me, R_AUTH | R_PERSONAL, "the caller" },
	{ "GET", API "/openapi.json", api_openapi, 0, "this API's description" },
	{ "GET", API "/people", api_people, R_AUTH | R_PERSONAL,
	    "the people visible to the caller" },
	{ "GET", API "/people/{id}", api_person, R_AUTH | R_PERSONAL, "one person" },
	{ "GET", "/favicon.ico", page_favicon, 0, "no icon: 204, so that browsers stop asking" },
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

void
serve_dispatch(struct request *r)
{
	char local[1100];	/* the captures; the path has at most 1024 bytes */
	const struct route *rt, *best = NULL;
	const char *params[ROUTE_MAX_PARAMS];
	int n, best_n = ROUTE_MAX_PARAMS + 1, other_method = 0, page;

	for (rt = serve_routes; rt->method != NULL; rt++) {
		char tmp[1100];
		const char *tp[ROUTE_MAX_PARAMS];

		if ((n = match(rt->pattern, r->path, tmp, tp)) < 0)
			continue;
		if (strcmp(rt->method, r->method) != 0) {
			other_method = 1;
			continue;
		}
		if (n < best_n) {
			best = rt;
			best_n = n;
		}
	}
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

void
api_openapi(struct request *r)
{
	const struct route *rt, *prev = NULL;
	struct buf b = {0};

	buf_puts(&b, "{\n  \"openapi\": \"3.0.3\",\n  \"info\": {\"title\": \"egf\", "
	    "\"version\": \"1\"},\n  \"components\": {\"securitySchemes\": {\"bearer\": "
	    "{\"type\": \"http\", \"scheme\": \"bearer\"}}},\n  \"paths\": {");
	for (rt = serve_routes; rt->method != NULL; rt++) {
		const char *path = rt->pattern;
		char lower[8];
		size_t i;

		if (strncmp(path, API "/", strlen(API) + 1) != 0)
			continue;
		if (prev == NULL || strcmp(prev->pattern, rt->pattern) != 0) {
			buf_puts(&b, prev ? "},\n    " : "\n    ");
			json_text_string(&b, path, JSON_TEXT_PLAIN);
			buf_puts(&b, ": {");
		} else
			buf_puts(&b, ", ");
		for (i = 0; rt->method[i] && i < sizeof(lower) - 1; i++)
			lower[i] = (char)tolower((unsigned char)rt->method[i]);
		lower[i] = '\0';
		buf_printf(&b, "\"%s\": {\"summary\": ", lower);
		json_text_string(&b, rt->summary, JSON_TEXT_PLAIN);
		buf_printf(&b, ", \"security\": [%s]}", (rt->flags & R_AUTH) ? "{\"bearer\": []}" : "");
		prev = rt;
	}
	buf_puts(&b, prev ? "}\n  }\n}\n" : "}\n}\n");
	reply(r, 200, "application/json", b.data);
	buf_free(&b);
}
