/*
 * serve_cycle.c: review cycles in egf serve (docs/cycles.md): hr opens a
 * cycle, moves its phase, reopens a form and follows the cycle on its
 * dashboard, through the API and the pages. Handlers decode, ask authz.h,
 * call cycle_phase.h or cycle_dashboard.h (one transaction each, as the
 * command line does) and encode; no SQL here.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cycle_dashboard.h"
#include "cycle_phase.h"
#include "html.h"
#include "serve.h"
#include "serve_view.h"

/* ---- shared ---- */

static void
reply_take(struct request *r, int status, const char *type, struct buf *b)
{
	r->status = status;
	r->type = type;
	buf_free(&r->out);
	r->out = *b;
	memset(b, 0, sizeof(*b));
}

/* 422 with one diagnostic, as every invalid request body gets. */
static void
reply_diag(struct request *r, enum diag_code code, const char *message)
{
	struct diag_list dl = {0};
	struct buf b = {0};

	diag_add(&dl, code, "request", 0, 0, "%s", message);
	diag_flush_json(&dl, &b);
	reply_take(r, 422, "application/json", &b);
	diag_list_free(&dl);
}

/* The API's answer to a status of cycle_phase.h: 404, 409, 422 or 500. */
static void
reply_status(struct request *r, enum cycle_status rc, const struct buf *why)
{
	const char *msg = why->data ? why->data : "refused";

	switch (rc) {
	case CYCLE_NOT_FOUND:
		reply_error(r, 404, msg);
		break;
	case CYCLE_CONFLICT:
		reply_error(r, 409, msg);
		break;
	case CYCLE_INVALID:
		reply_diag(r, DIAG_BAD_VALUE, msg);
		break;
	default:
		reply_error(r, 500, "database error");
		break;
	}
}

static int
refused(struct request *r, enum authz_answer ans)
{
	if (ans == AUTHZ_OK)
		return 0;
	reply_error(r, ans == AUTHZ_FORBIDDEN ? 403 : ans == AUTHZ_NOT_FOUND ? 404 : 500,
	    ans == AUTHZ_FORBIDDEN ? "hr only" : ans == AUTHZ_NOT_FOUND ? "not found" :
	    "database error");
	return 1;
}

/* A string member; NULL when absent; *bad set when present and not a string. */
static const char *
member(json_t *o, const char *key, int *bad)
{
	json_t *v = json_object_get(o, key);

	if (v != NULL && !json_is_string(v) && !json_is_null(v))
		*bad = 1;
	return json_is_string(v) ? json_string_value(v) : NULL;
}

static int
has_control(const char *const *texts, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (texts[i] != NULL && text_has_control(texts[i], 0))
			return 1;
	return 0;
}

/* ---- the API ---- */

/* The cycle's JSON as egf cycle show writes it; NULL after replying. */
static json_t *
show_json(struct request *r, const char *id)
{
	struct buf out = {0}, why = {0};
	enum cycle_status rc = cycle_phase_show(r->st, id, 1, &out, &why);
	json_t *v = NULL;

	if (rc == CYCLE_OK && (v = json_loadb(out.data, out.len, 0, NULL)) == NULL)
		reply_error(r, 500, "out of memory");
	else if (rc != CYCLE_OK)
		reply_status(r, rc, &why);
	buf_free(&out);
	buf_free(&why);
	return v;
}

void
api_cycle(struct request *r)
{
	json_t *v = show_json(r, r->param[0]);

	if (v == NULL)
		return;
	/* the phase, lock and dates are everyone's; who is in it and its history hr's */
	if (authz_manage_cycle(&r->caller) != AUTHZ_OK) {
		static const char *const hr_only[] = { "opened_by", "people", "reopened",
		    "history" };
		size_t i;

		for (i = 0; i < sizeof(hr_only) / sizeof(hr_only[0]); i++)
			json_object_del(v, hr_only[i]);
	}
	serve_reply_json(r, 200, v);
}

void
api_cycle_open(struct request *r)
{
	static const char *const dues[STORE_NDUE] = { "self-due", "manager-due", "calibration",
	    "release" };
	json_t *body, *people, *e;
	struct cycle_open o;
	struct buf why = {0};
	const char **ids = NULL;
	enum cycle_status rc;
	int bad = 0;
	size_t i;

	if (refused(r, authz_manage_cycle(&r->caller)) || (body = req_json_object(r)) == NULL)
		return;
	memset(&o, 0, sizeof(o));
	o.id = member(body, "id", &bad);
	o.ladder = member(body, "ladder", &bad);
	o.version = member(body, "version", &bad);
	for (i = 0; i < STORE_NDUE; i++)
		o.due[i] = member(body, dues[i], &bad);
	o.by = r->caller.id;
	if ((people = json_object_get(body, "people")) != NULL && !json_is_null(people)) {
		if (!json_is_array(people))
			bad = 1;
		else {
			ids = xcalloc(json_array_size(people) + 1, sizeof(*ids));
			json_array_foreach(people, i, e) {
				if (!json_is_string(e))
					bad = 1;
				else
					ids[o.npeople++] = json_string_value(e);
			}
			o.people = ids;
		}
	}
	if (o.id == NULL || o.version == NULL || bad) {
		reply_diag(r, DIAG_MISSING_FIELD, "the body is {\"id\", \"version\", and optionally "
		    "\"ladder\", \"self-due\", \"manager-due\", \"calibration\", \"release\" (dates "
		    "YYYY-MM-DD) and \"people\" (a list of ids)}: strings");
		goto out;
	}
	if (has_control(o.due, STORE_NDUE) || has_control(ids, o.npeople) ||
	    text_has_control(o.id, 0) || text_has_control(o.version, 0) ||
	    (o.ladder && text_has_control(o.ladder, 0))) {
		reply_diag(r, DIAG_BAD_VALUE, "ids, versions and dates take no control characters");
		goto out;
	}
	if ((rc = cycle_phase_open(r->st, &o, &why)) != CYCLE_OK)
		reply_status(r, rc, &why);
	else {
		json_t *v = show_json(r, o.id);

		if (v != NULL)
			serve_reply_json(r, 201, v);
	}
out:
	buf_free(&why);
	free(ids);
	json_decref(body);
}

void
api_cycle_phase(struct request *r)
{
	struct buf why = {0};
	enum cycle_phase from;
	enum cycle_status rc;
	const char *name;
	json_t *body, *o;
	int bad = 0, to;

	if (refused(r, authz_manage_cycle(&r->caller)) || (body = req_json_object(r)) == NULL)
		return;
	name = member(body, "phase", &bad);
	if (name == NULL || (to = cycle_phase_parse(name)) < 0) {
		reply_diag(r, DIAG_BAD_VALUE, "the body is {\"phase\": P}, P one of self, manager, "
		    "calibration, released, closed");
		goto out;
	}
	if ((rc = cycle_phase_move(r->st, r->param[0], (enum cycle_phase)to, r->caller.id,
	    &from, &why)) != CYCLE_OK) {
		reply_status(r, rc, &why);
		goto out;
	}
	o = json_object();
	json_object_set_new(o, "cycle", json_string(r->param[0]));
	json_object_set_new(o, "from", json_string(cycle_phase_name(from)));
	json_object_set_new(o, "phase", json_string(name));
	serve_reply_json(r, 200, o);
out:
	buf_free(&why);
	json_decref(body);
}

void
api_cycle_reopen(struct request *r)
{
	const char *person, *role, *rater, *texts[3];
	struct buf why = {0};
	enum cycle_status rc;
	json_t *body, *o;
	int bad = 0;

	if (refused(r, authz_manage_cycle(&r->caller)) || (body = req_json_object(r)) == NULL)
		return;
	person = member(body, "person", &bad);
	role = member(body, "role", &bad);
	rater = member(body, "rater", &bad);
	if (rater == NULL && role != NULL && strcmp(role, "self") == 0)
		rater = person;
	texts[0] = person;
	texts[1] = role;
	texts[2] = rater;
	if (person == NULL || role == NULL || rater == NULL || bad || has_control(texts, 3)) {
		reply_diag(r, DIAG_MISSING_FIELD, "the body is {\"person\", \"role\", \"rater\"} "
		    "(\"rater\" may be left out of a self form)");
		goto out;
	}
	if ((rc = cycle_phase_reopen(r->st, r->param[0], person, role, rater, r->caller.id,
	    &why)) != CYCLE_OK) {
		reply_status(r, rc, &why);
		goto out;
	}
	o = json_object();
	json_object_set_new(o, "cycle", json_string(r->param[0]));
	json_object_set_new(o, "person", json_string(person));
	json_object_set_new(o, "role", json_string(role));
	json_object_set_new(o, "rater", json_string(rater));
	serve_reply_json(r, 201, o);
out:
	buf_free(&why);
	json_decref(body);
}

/* Loads the dashboard of the route's cycle; 0 after replying (404, 500). */
static int
dashboard(struct request *r, struct cycle_dashboard *d)
{
	int got = cycle_dashboard_load(r->st, r->param[0], d);

	if (got == 0)
		reply_error(r, 404, "no cycle opened with that id");
	else if (got < 0)
		reply_error(r, 500, "database error");
	return got > 0;
}

void
api_cycle_dashboard(struct request *r)
{
	struct cycle_dashboard d;
	struct buf b = {0};

	if (refused(r, authz_manage_cycle(&r->caller)))
		return;
	if (dashboard(r, &d)) {
		cycle_dashboard_json(&d, &b);
		reply_take(r, 200, "application/json", &b);
	}
	cycle_dashboard_clear(&d);
}

void
api_cycle_late(struct request *r)
{
	struct cycle_dashboard d;
	struct buf b = {0};

	if (refused(r, authz_manage_cycle(&r->caller)))
		return;
	if (dashboard(r, &d)) {
		cycle_dashboard_late_csv(&d, &b);
		reply_take(r, 200, "text/csv; charset=utf-8", &b);
	}
	cycle_dashboard_clear(&d);
}

/* ---- the pages ---- */

static void
csrf_field(struct request *r, struct buf *b)
{
	buf_puts(b, "<input type=\"hidden\" name=\"csrf\" value=\"");
	html_escape(b, r->csrf);
	buf_puts(b, "\">");
}

static void
page_refused(struct request *r, int status, const char *title, const char *why,
    const char *back)
{
	struct buf b = {0};

	html_wrap(&b, "<h1>", title, "</h1>\n");
	html_wrap(&b, "<p class=\"error\">", why, "</p>\n");
	buf_puts(&b, "<p><a href=\"");
	html_escape(&b, back);
	buf_puts(&b, "\">Back</a></p>\n");
	page_render(r, status, title, b.data);
	buf_free(&b);
}

static int
page_status(enum cycle_status rc)
{
	return rc == CYCLE_NOT_FOUND ? 404 : rc == CYCLE_CONFLICT ? 409 :
	    rc == CYCLE_INVALID ? 422 : 500;
}

static int
cycle_row(const struct store_cycle_row *row, void *arg)
{
	struct buf *b = arg;

	buf_puts(b, "<tr><th scope=\"row\"><a href=\"/cycles/");
	html_escape(b, row->id);
	buf_puts(b, "\">");
	html_escape(b, row->id);
	buf_puts(b, "</a></th>");
	html_wrap(b, "<td>", row->phase ? row->phase : "never opened (always open)", "</td>");
	html_wrap(b, "<td>", row->opened_at ? row->opened_at : "—", "</td></tr>\n");
	return 0;
}

/* The published versions as the options of a select, the newest selected. */
static int
version_option(const char *ladder, const char *version, void *arg)
{
	struct buf *b = arg;
	int first = b->len == 0;

	buf_puts(b, "<option value=\"");
	html_escape(b, ladder);
	buf_puts(b, " ");
	html_escape(b, version);
	buf_printf(b, "\"%s>", first ? " selected" : "");
	html_escape(b, ladder);
	html_wrap(b, " ", version, first ? " (the latest)</option>\n" : "</option>\n");
	return 0;
}

void
page_cycles(struct request *r)
{
	static const char *const dues[STORE_NDUE] = { "self-due", "manager-due", "calibration",
	    "release" };
	static const char *const due_help[STORE_NDUE] = { "the last day of phase self",
	    "the last day of phase manager", "the first day of calibration: forms lock",
	    "the first day of released: people see their results" };
	struct buf b = {0}, versions = {0};
	long long everyone;
	size_t i;

	buf_puts(&b, "<link rel=\"stylesheet\" href=\"/static/review.css\">\n"
	    "<h1>Review cycles</h1>\n<table class=\"cycles\">\n<thead><tr>"
	    "<th scope=\"col\">Cycle</th><th scope=\"col\">Phase</th><th scope=\"col\">Opened"
	    "</th></tr></thead>\n<tbody>\n");
	if (store_cycle_list(r->st, cycle_row, &b) != 0 ||
	    store_cycle_versions_each(r->st, version_option, &versions) != 0 ||
	    (everyone = store_cycle_people_everyone(r->st)) < 0) {
		reply_error(r, 500, "database error");
		buf_free(&b);
		buf_free(&versions);
		return;
	}
	buf_puts(&b, "</tbody>\n</table>\n<h2>Open a cycle</h2>\n");
	if (versions.len == 0) {
		buf_puts(&b, "<p>No ladder version is published yet: publish one with <code>egf "
		    "publish</code> first.</p>\n");
		page_render(r, 200, "Review cycles", b.data);
		buf_free(&b);
		return;
	}
	buf_puts(&b, "<form class=\"cycle-open\" method=\"post\" action=\"/cycles\">");
	csrf_field(r, &b);
	buf_puts(&b, "\n<p><label for=\"cycle-id\">Cycle id</label> <input id=\"cycle-id\" "
	    "name=\"id\" required pattern=\"[A-Za-z0-9][A-Za-z0-9._\\-]*\" placeholder=\"2026-H2\">"
	    "</p>\n<p><label for=\"cycle-version\">Ladder version</label> <select "
	    "id=\"cycle-version\" name=\"ladder-version\">\n");
	buf_add(&b, versions.data, versions.len);
	buf_puts(&b, "</select></p>\n<fieldset class=\"dates\"><legend>Due dates (optional; a "
	    "phase also moves on by hand)</legend>\n");
	for (i = 0; i < STORE_NDUE; i++) {
		buf_printf(&b, "<p><label for=\"due-%s\">%s</label> <input type=\"date\" "
		    "id=\"due-%s\" name=\"%s\"> <span class=\"help\">%s</span></p>\n", dues[i],
		    cycle_due_name((enum store_due)i), dues[i], dues[i], due_help[i]);
	}
	buf_printf(&b, "</fieldset>\n<p><label for=\"cycle-people\">People</label> "
	    "<span class=\"help\">ids, separated by spaces, commas or lines; leave empty for "
	    "everyone in the people table (%lld)</span><br>\n<textarea id=\"cycle-people\" "
	    "name=\"people\" rows=\"3\" cols=\"60\"></textarea></p>\n"
	    "<p><button type=\"submit\">Open the cycle</button></p>\n</form>\n", everyone);
	page_render(r, 200, "Review cycles", b.data);
	buf_free(&b);
	buf_free(&versions);
}

/* A form field, or NULL when absent or empty; the caller frees it. */
static char *
field(const struct request *r, const char *name)
{
	char *v = req_form(r, name);

	if (v != NULL && (*v == '\0' || text_has_control(v, 0))) {
		free(v);
		v = NULL;
	}
	return v;
}

/*
 * The ids of the people field (separated by blanks, commas or lines) into
 * an array ending with NULL, each owned; NULL when there are none.
 */
static char **
people_ids(const char *text, size_t *n)
{
	char **ids = NULL;
	size_t cap = 0;

	*n = 0;
	while (text != NULL && *text != '\0') {
		size_t len;

		text += strspn(text, " \t\r\n,");
		if ((len = strcspn(text, " \t\r\n,")) == 0)
			break;
		if (*n + 2 > cap) {
			cap = cap ? cap * 2 : 8;
			ids = xrealloc(ids, cap * sizeof(*ids));
		}
		ids[(*n)++] = xstrndup(text, len);
		ids[*n] = NULL;
		text += len;
	}
	return ids;
}

void
page_cycles_open(struct request *r)
{
	static const char *const dues[STORE_NDUE] = { "self-due", "manager-due", "calibration",
	    "release" };
	char *id = field(r, "id"), *lv = field(r, "ladder-version"), *ladder = NULL,
	    *version = NULL, *people = req_form(r, "people");
	char *due[STORE_NDUE], **ids = NULL;
	struct cycle_open o;
	struct buf why = {0};
	enum cycle_status rc;
	size_t i, n = 0;

	/* the page's select names both ("LADDER VERSION"); a script may post them apart */
	if (lv != NULL && strchr(lv, ' ') != NULL) {
		ladder = xstrndup(lv, (size_t)(strchr(lv, ' ') - lv));
		version = xstrdup(strchr(lv, ' ') + 1);
	} else {
		ladder = field(r, "ladder");
		version = field(r, "version");
	}
	memset(&o, 0, sizeof(o));
	for (i = 0; i < STORE_NDUE; i++)
		o.due[i] = due[i] = field(r, dues[i]);
	o.id = id;
	o.ladder = ladder;
	o.version = version;
	o.by = r->caller.id;
	if (people != NULL && text_has_control(people, 1)) {
		free(people);
		people = NULL;
		page_refused(r, 422, "Not opened", "The people field takes ids only.", "/cycles");
		goto out;
	}
	if ((ids = people_ids(people, &n)) != NULL) {
		o.people = (const char *const *)ids;
		o.npeople = n;
	}
	if (id == NULL || version == NULL)
		page_refused(r, 422, "Not opened", "A cycle needs an id and a ladder version.",
		    "/cycles");
	else if ((rc = cycle_phase_open(r->st, &o, &why)) != CYCLE_OK)
		page_refused(r, page_status(rc), "Not opened", why.data ? why.data :
		    "database error", "/cycles");
	else {
		char *to = xasprintf("/cycles/%s", id);

		reply_redirect(r, to);
		free(to);
	}
out:
	buf_free(&why);
	for (i = 0; i < STORE_NDUE; i++)
		free(due[i]);
	for (i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
	free(people);
	free(id);
	free(lv);
	free(ladder);
	free(version);
}

static void
counts_row(struct buf *b, const struct dash_team *t, const char *label)
{
	html_wrap(b, "<tr><th scope=\"row\">", label, "</th>");
	buf_printf(b, "<td>%lld</td><td>%lld</td><td>%lld</td><td>%lld of %lld</td></tr>\n",
	    t->people, t->self_done, t->manager_done, t->peers_answered, t->peers_asked);
}

static void
completion(struct buf *b, const struct cycle_dashboard *d)
{
	size_t i;

	buf_puts(b, "<h2>Completion</h2>\n<table class=\"completion\">\n<thead><tr>"
	    "<th scope=\"col\">Team</th><th scope=\"col\">People</th><th scope=\"col\">Self "
	    "submitted</th><th scope=\"col\">Manager done</th><th scope=\"col\">Peers answered"
	    "</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < d->nteams; i++)
		counts_row(b, &d->teams[i], d->teams[i].team[0] ? d->teams[i].team : "(no team)");
	buf_puts(b, "</tbody>\n<tfoot>\n");
	counts_row(b, &d->total, "Everyone");
	buf_puts(b, "</tfoot>\n</table>\n");
}

static void
late_list(struct buf *b, const struct cycle_dashboard *d)
{
	size_t i;

	buf_puts(b, "<h2>Late</h2>\n");
	if (d->nlate == 0) {
		buf_puts(b, "<p>Nobody is late against a due date.</p>\n");
		return;
	}
	buf_puts(b, "<p><a href=\"/api/v1/cycles/");
	html_escape(b, d->cs.row.id);
	buf_puts(b, "/late.csv\" download>The late list as CSV</a>, for reminders.</p>\n"
	    "<table class=\"late\">\n<thead><tr><th scope=\"col\">Person</th><th scope=\"col\">"
	    "Team</th><th scope=\"col\">Form</th><th scope=\"col\">Due</th><th scope=\"col\">"
	    "Days late</th><th scope=\"col\">Owed by</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < d->nlate; i++) {
		const struct dash_late *l = &d->late[i];

		html_wrap(b, "<tr><th scope=\"row\">", l->name ? l->name : l->person, "</th>");
		html_wrap(b, "<td>", l->team ? l->team : "", "</td>");
		html_wrap(b, "<td>", l->form, "</td>");
		html_wrap(b, "<td>", l->due_name, " ");
		html_escape(b, l->due);
		buf_printf(b, "</td><td>%ld</td>", l->days);
		html_wrap(b, "<td>", l->owed_by ? l->owed_by : "nobody named", "</td></tr>\n");
	}
	buf_puts(b, "</tbody>\n</table>\n");
}

/* What moving to each phase does, on its button (the phase after self onwards). */
static const char *const phase_buttons[PHASE__MAX] = {
	"",
	"Move to manager",
	"Move to calibration: lock the forms",
	"Release the results: move to released",
	"Move to closed: end the cycle",
};

static void
phase_form(struct request *r, struct buf *b, const struct cycle_dashboard *d)
{
	const struct cycle_state *cs = &d->cs;
	char start[11];
	size_t i;

	buf_puts(b, "<dl class=\"cycle\">\n");
	html_wrap(b, "<dt>Phase</dt><dd><strong>", cycle_phase_name(cs->phase), "</strong> ");
	buf_puts(b, cs->phase >= PHASE_RELEASED ? "(results released)" :
	    cs->phase >= PHASE_CALIBRATION ? "(forms locked)" : "(forms open)");
	buf_puts(b, "</dd>\n");
	html_wrap(b, "<dt>Ladder</dt><dd>", cs->ladder_id, " ");
	html_escape(b, cs->version);
	buf_printf(b, "</dd>\n<dt>People</dt><dd>%lld</dd>\n", cs->npeople);
	for (i = 0; i < STORE_NDUE; i++) {
		html_wrap(b, "<dt>", cycle_due_name((enum store_due)i), "</dt>");
		html_wrap(b, "<dd>", cs->row.due[i] ? cs->row.due[i] : "—", "</dd>\n");
	}
	html_wrap(b, "<dt>Today</dt><dd>", cs->today, "</dd>\n</dl>\n");
	if (cs->phase + 1 >= PHASE__MAX)
		return;
	buf_puts(b, "<form class=\"cycle-phase\" method=\"post\" action=\"/cycles/");
	html_escape(b, cs->row.id);
	buf_puts(b, "/phase\">");
	csrf_field(r, b);
	html_wrap(b, "<input type=\"hidden\" name=\"phase\" value=\"",
	    cycle_phase_name(cs->phase + 1), "\">");
	buf_puts(b, "<button type=\"submit\">");
	buf_puts(b, phase_buttons[cs->phase + 1]);
	buf_puts(b, "</button>");
	if (cycle_phase_starts((const char *const *)cs->row.due, cs->phase + 1, start))
		html_wrap(b, " (else it moves on ", start, ")");
	buf_puts(b, "</form>\n");
}

static void
reopen_form(struct request *r, struct buf *b, const struct cycle_state *cs)
{
	if (cs->phase < PHASE_CALIBRATION || cs->phase == PHASE_CLOSED)
		return;
	buf_puts(b, "<h2>Reopen one form</h2>\n<p>The form can then be submitted once more; "
	    "the reopening and the submission are in the audit log.</p>\n"
	    "<form class=\"cycle-reopen\" method=\"post\" action=\"/cycles/");
	html_escape(b, cs->row.id);
	buf_puts(b, "/reopen\">");
	csrf_field(r, b);
	buf_puts(b, "\n<p><label>Person <input name=\"person\" required></label> "
	    "<label>Role <select name=\"role\"><option>self</option><option>manager</option>"
	    "<option>peer</option></select></label> <label>Rater (not for a self form) "
	    "<input name=\"rater\"></label></p>\n<p><button type=\"submit\">Reopen</button></p>\n"
	    "</form>\n");
}

void
page_cycle(struct request *r)
{
	struct cycle_dashboard d;
	struct buf b = {0}, show = {0}, why = {0};
	int got = cycle_dashboard_load(r->st, r->param[0], &d);

	if (got <= 0) {
		if (got == 0)
			page_refused(r, 404, "No such cycle", "There is no cycle opened with that "
			    "id (a cycle only named by forms has no phases).", "/cycles");
		else
			reply_error(r, 500, "database error");
		cycle_dashboard_clear(&d);
		return;
	}
	buf_puts(&b, "<link rel=\"stylesheet\" href=\"/static/review.css\">\n");
	html_wrap(&b, "<h1>Cycle ", d.cs.row.id, "</h1>\n");
	phase_form(r, &b, &d);
	completion(&b, &d);
	late_list(&b, &d);
	buf_puts(&b, "<h2>Progress</h2>\n<p>Forms stored, per role, added up day by day.</p>\n");
	cycle_dashboard_svg(&d, &b);
	reopen_form(r, &b, &d.cs);
	if (cycle_phase_show(r->st, d.cs.row.id, 0, &show, &why) == CYCLE_OK) {
		const char *history = strstr(show.data, "reopened forms:\n");

		html_wrap(&b, "<h2>Reopened forms and history</h2>\n<pre class=\"history\">",
		    history ? history : "", "</pre>\n");
	}
	page_render(r, 200, d.cs.row.id, b.data);
	buf_free(&b);
	buf_free(&show);
	buf_free(&why);
	cycle_dashboard_clear(&d);
}

static void
back_to_cycle(struct request *r, enum cycle_status rc, const struct buf *why)
{
	char *to = xasprintf("/cycles/%s", r->param[0]);

	if (rc == CYCLE_OK)
		reply_redirect(r, to);
	else
		page_refused(r, page_status(rc), "Refused", why->data ? why->data :
		    "database error", to);
	free(to);
}

void
page_cycle_phase(struct request *r)
{
	char *name = field(r, "phase");
	struct buf why = {0};
	enum cycle_phase from;
	int to = name ? cycle_phase_parse(name) : -1;

	if (to < 0) {
		buf_puts(&why, "No such phase.");
		back_to_cycle(r, CYCLE_INVALID, &why);
	} else
		back_to_cycle(r, cycle_phase_move(r->st, r->param[0], (enum cycle_phase)to,
		    r->caller.id, &from, &why), &why);
	buf_free(&why);
	free(name);
}

void
page_cycle_reopen(struct request *r)
{
	char *person = field(r, "person"), *role = field(r, "role"), *rater = field(r, "rater");
	struct buf why = {0};

	if (person == NULL || role == NULL) {
		buf_puts(&why, "Name the person and the role of the form.");
		back_to_cycle(r, CYCLE_INVALID, &why);
	} else
		back_to_cycle(r, cycle_phase_reopen(r->st, r->param[0], person, role,
		    rater ? rater : person, r->caller.id, &why), &why);
	buf_free(&why);
	free(person);
	free(role);
	free(rater);
}
