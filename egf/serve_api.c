/*
 * serve_api.c: the JSON API of egf serve. Each handler decodes the request,
 * asks authz.h, calls the operation the command line uses (the cycle loader
 * and its views, the form import, the calibration report, the packet) on
 * data cut to what the caller may see, and encodes the answer.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "assess_import.h"
#include "assess_view.h"
#include "calib_load.h"
#include "outcomes.h"
#include "pdf.h"
#include "calib_view.h"
#include "cycle_cut.h"
#include "cycle_phase.h"
#include "json_text.h"
#include "model_json.h"
#include "packet_person.h"
#include "store_published.h"
#include "serve.h"
#include "serve_view.h"
#include "strmap.h"

/* ---- shared by the handlers ---- */

void
serve_cycle(const struct request *r, const char *id, struct authz_cycle *cy)
{
	cy->id = id;
	/*
	 * Released in phases released and closed, by egf cycle phase or the
	 * release date (cycle_phase.h); a cycle never opened is never released.
	 * A database error counts as not released: nothing is shown too early.
	 */
	cy->released = cycle_phase_released(r->st, id) == 1;
	cy->peer_min = AUTHZ_PEER_MIN;
}

int
serve_relation(struct request *r, const struct authz_cycle *cy, const char *person,
    unsigned *rel)
{
	struct store_person p;
	int got = store_person_get(r->st, person, &p);

	store_person_clear(&p);
	*rel = 0;
	if (got <= 0)
		return got;
	return authz_relation(r->st, &r->caller, cy, person, rel);
}

static void
reply_buf(struct request *r, int status, const char *type, struct buf *b)
{
	r->status = status;
	r->type = type;
	buf_free(&r->out);
	r->out = *b;
	memset(b, 0, sizeof(*b));
}

/* Replies with the JSON document in b (written with the jw_ writer); b is emptied. */
static void
reply_json(struct request *r, int status, struct buf *b)
{
	buf_putc(b, '\n');
	reply_buf(r, status, "application/json", b);
}

/* A string member; NULL writes null. */
static void
put_member(struct jw *w, const char *key, const char *value)
{
	jw_key(w, key);
	jw_string(w, value);
}

/* Replies with one object of n string members (NULL values as null). */
static void
reply_members(struct request *r, int status, const char *const *keys,
    const char *const *values, size_t n)
{
	struct buf b = {0};
	struct jw w;
	size_t i;

	jw_init(&w, &b, 17);
	jw_object_begin(&w);
	for (i = 0; i < n; i++)
		put_member(&w, keys[i], values[i]);
	jw_object_end(&w);
	reply_json(r, status, &b);
}

/*
 * Writes a value jansson read (the calibration statistics, parsed back from
 * calib_view's JSON) as jansson would dump it: reals with 17 digits.
 */
static void
put_read_value(struct jw *w, json_t *v)
{
	const char *key;
	json_t *item;
	size_t i;

	switch (json_typeof(v)) {
	case JSON_OBJECT:
		jw_object_begin(w);
		json_object_foreach(v, key, item) {
			jw_key(w, key);
			put_read_value(w, item);
		}
		jw_object_end(w);
		break;
	case JSON_ARRAY:
		jw_array_begin(w);
		json_array_foreach(v, i, item)
			put_read_value(w, item);
		jw_array_end(w);
		break;
	case JSON_STRING:
		jw_string(w, json_string_value(v));
		break;
	case JSON_INTEGER:
		jw_int(w, (long long)json_integer_value(v));
		break;
	case JSON_REAL:
		jw_real(w, json_real_value(v));
		break;
	case JSON_TRUE:
	case JSON_FALSE:
		jw_bool(w, json_is_true(v));
		break;
	case JSON_NULL:
		jw_null(w);
		break;
	}
}

static void
db_failed(struct request *r)
{
	reply_error(r, 500, "database error");
}

static void
person_json(struct jw *w, const struct store_person *p, int full)
{
	jw_object_begin(w);
	put_member(w, "id", p->id);
	put_member(w, "name", p->name);
	if (full) {
		static const char *const keys[] = { "email", "team", "manager", "track", "level" };
		const char *vals[] = { p->email, p->team, p->manager, p->track, p->level };
		size_t i;

		for (i = 0; i < 5; i++)
			put_member(w, keys[i], vals[i]);
	}
	jw_object_end(w);
}

/* A string member, or NULL. Borrowed from o. */
static const char *
member(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* ---- /api/v1/me, /ladder, /people ---- */

/* The caller's reports, collected before the document says whether they manage. */
struct id_list {
	char **ids;
	size_t n, cap;
};

static int
add_id(const char *id, void *arg)
{
	struct id_list *l = arg;

	xgrow((void **)&l->ids, &l->cap, l->n + 1, sizeof(*l->ids));
	l->ids[l->n++] = xstrdup(id);
	return 0;
}

void
api_me(struct request *r)
{
	struct id_list reports = { NULL, 0, 0 };
	struct store_person p;
	struct buf b = {0};
	struct jw w;
	int got = store_person_get(r->st, r->caller.id, &p);
	size_t i;

	if (got < 0 || store_reports(r->st, r->caller.id, add_id, &reports) != 0) {
		db_failed(r);
		goto out;
	}
	jw_init(&w, &b, 17);
	jw_object_begin(&w);
	put_member(&w, "id", r->caller.id);
	put_member(&w, "name", got && p.name ? p.name : r->caller.id);
	jw_key(&w, "roles");
	jw_array_begin(&w);
	if (r->caller.roles & ACCOUNT_ADMIN)
		jw_string(&w, "admin");
	if (r->caller.roles & ACCOUNT_HR)
		jw_string(&w, "hr");
	if (reports.n > 0)
		jw_string(&w, "manager");
	jw_array_end(&w);
	jw_key(&w, "reports");
	jw_array_begin(&w);
	for (i = 0; i < reports.n; i++)
		jw_string(&w, reports.ids[i]);
	jw_array_end(&w);
	jw_object_end(&w);
	reply_json(r, 200, &b);
out:
	for (i = 0; i < reports.n; i++)
		free(reports.ids[i]);
	free(reports.ids);
	store_person_clear(&p);
}

void
api_ladder(struct request *r)
{
	const char *version = req_query(r, "version");
	struct store_ladder latest, l;
	struct published pub;
	struct diag_list dl = {0};
	const struct model *m;
	struct buf b = {0};
	long long rowid;
	int got, found;

	memset(&l, 0, sizeof(l));
	if ((got = store_ladder_latest(r->st, &latest)) < 0) {
		db_failed(r);
		return;
	}
	if (got == 0) {
		reply_error(r, 404, "no ladder is published yet (egf publish)");
		return;
	}
	published_init(&pub, r->st, &dl);
	if (version != NULL)
		m = published_find(&pub, latest.ladder, version, &rowid, &found);
	else
		m = published_latest(&pub, &rowid, &found);
	if (m == NULL)
		reply_error(r, found ? 500 : 404, found ? "the model could not be read" :
		    "no such version of the ladder");
	else if (model_json_write(m, &b) != 0)
		reply_error(r, 500, "out of memory");
	else
		reply_buf(r, 200, "application/json", &b);
	buf_free(&b);
	published_clear(&pub);
	diag_list_free(&dl);
	store_ladder_clear(&latest);
	store_ladder_clear(&l);
}

struct people_walk {
	struct request *r;
	struct jw w;		/* the list being written */
	int failed;
};

static int
add_visible(const struct store_person *p, void *arg)
{
	struct people_walk *w = arg;
	unsigned rel;

	if (authz_relation(w->r->st, &w->r->caller, NULL, p->id, &rel) != 0) {
		w->failed = 1;
		return 1;
	}
	if (authz_sees_person(rel))
		person_json(&w->w, p, authz_sees_record(rel));
	return 0;
}

void
api_people(struct request *r)
{
	struct people_walk w;
	struct buf b = {0};

	w.r = r;
	jw_init(&w.w, &b, 17);
	jw_array_begin(&w.w);
	w.failed = 0;
	if (store_people_each(r->st, add_visible, &w) != 0 || w.failed) {
		buf_free(&b);
		db_failed(r);
		return;
	}
	jw_array_end(&w.w);
	reply_json(r, 200, &b);
}

void
api_person(struct request *r)
{
	struct store_person p;
	unsigned rel;

	if (serve_relation(r, NULL, r->param[0], &rel) < 0) {
		db_failed(r);
		return;
	}
	if (!authz_sees_person(rel)) {
		reply_error(r, 404, "not found");
		return;
	}
	if (store_person_get(r->st, r->param[0], &p) != 1) {
		store_person_clear(&p);
		db_failed(r);
		return;
	}
	{
		struct buf b = {0};
		struct jw w;

		jw_init(&w, &b, 17);
		person_json(&w, &p, authz_sees_record(rel));
		reply_json(r, 200, &b);
	}
	store_person_clear(&p);
}

/* ---- the cycle, cut to the caller ---- */

/* What the cut asks authz for each person and rating; the last person's relation kept. */
struct cut_arg {
	struct request *r;
	const struct authz_cycle *cy;
	int (*keep)(unsigned rel);
	const char *person;
	unsigned rel;
	long long peers;
	int private_read;	/* a private note was kept */
};

static int
cut_person(const struct cycle_person *p, void *arg)
{
	struct cut_arg *a = arg;

	if (authz_relation(a->r->st, &a->r->caller, a->cy, p->info.id, &a->rel) != 0)
		return -1;
	a->person = p->info.id;
	a->peers = store_raters_count(a->r->st, a->cy->id, p->info.id, "peer");
	if (a->peers < 0)
		return -1;
	return a->keep(a->rel);
}

static unsigned
cut_rating(const struct cycle_person *p, const struct cycle_rating *rt, void *arg)
{
	struct cut_arg *a = arg;
	unsigned v = authz_assessment(a->rel, &a->r->caller, a->cy, rt->role, rt->rater, a->peers);
	unsigned how = 0;

	(void)p;
	if (v & VIEW_SHOWN)
		how |= CUT_KEEP;
	if (v & VIEW_PRIVATE) {
		how |= CUT_PRIVATE;
		if (rt->private_note != NULL)
			a->private_read = 1;
	}
	if (v & VIEW_ANONYMOUS)
		how |= CUT_ANONYMOUS;
	return how;
}

/*
 * Loads cycle (of person when non-NULL) cut to what the caller may see of
 * the people keep() accepts. -1 after replying 500.
 */
static int
load_cut(struct request *r, struct cycle *c, const struct authz_cycle *cy, const char *person,
    int flags, int (*keep)(unsigned rel), int ratings, struct cut_arg *a)
{
	struct diag_list dl = {0};
	struct cycle_cut cut;
	int rc = 0;

	memset(a, 0, sizeof(*a));
	a->r = r;
	a->cy = cy;
	a->keep = keep;
	cut.person = cut_person;
	cut.rating = ratings ? cut_rating : NULL;
	cut.arg = a;
	/* Not hr nor on a committee: only the caller's chain can be kept, so only it is read. */
	if (person == NULL && (rc = authz_beyond_chain(r->st, &r->caller, cy)) == 0)
		rc = cycle_load_chain(c, r->st, &dl, cy->id, r->caller.id, flags);
	else if (rc > 0 || person != NULL)
		rc = cycle_load(c, r->st, &dl, cy->id, person, flags);
	else
		memset(c, 0, sizeof(*c));
	diag_list_free(&dl);
	if (rc != 0 || cycle_cut(c, &cut) != 0) {
		db_failed(r);
		return -1;
	}
	return 0;
}

void
api_assessments(struct request *r)
{
	struct authz_cycle cy;
	struct cut_arg a;
	struct cycle c;
	struct buf b = {0};
	unsigned rel;

	serve_cycle(r, r->param[0], &cy);
	if (serve_relation(r, &cy, r->param[1], &rel) < 0) {
		db_failed(r);
		return;
	}
	if (!authz_sees_person(rel)) {
		reply_error(r, 404, "not found");
		return;
	}
	if (load_cut(r, &c, &cy, r->param[1], CYCLE_RATINGS | CYCLE_PRIVATE, authz_sees_person,
	    1, &a) != 0) {
		cycle_clear(&c);
		return;
	}
	if (c.n == 0 || c.people[0].model == NULL) {
		reply_error(r, 404, "no assessments of this person in this cycle");
		cycle_clear(&c);
		return;
	}
	if (a.private_read && serve_log(r, "read private notes", r->param[1]) != 0) {
		db_failed(r);
		cycle_clear(&c);
		return;
	}
	assess_view_show(&b, &c, &c.people[0], VIEW_JSON, 0);	/* cycle_cut made it anonymous */
	reply_buf(r, 200, "application/json", &b);
	cycle_clear(&c);
}

void
api_readiness(struct request *r)
{
	struct authz_cycle cy;
	struct cut_arg a;
	struct cycle c;
	struct buf b = {0};

	/* The same caller, cycle and database: the same answer (serve_cache.h). */
	switch (serve_cache_get(r)) {
	case 1:
		return;
	case -1:
		db_failed(r);
		return;
	}
	serve_cycle(r, r->param[0], &cy);
	/* A peer author sees a name, not a readiness. */
	if (load_cut(r, &c, &cy, NULL, CYCLE_RATINGS, authz_sees_record, 1, &a) != 0) {
		cycle_clear(&c);
		return;
	}
	assess_view_readiness(&b, &c, VIEW_JSON, 0);
	reply_buf(r, 200, "application/json", &b);
	serve_cache_put(r);
	cycle_clear(&c);
}

void
api_calibration(struct request *r)
{
	struct calib_slice slice = { NULL, NULL, NULL, NULL };
	struct calib_report report;
	struct calib_strings keep;
	struct authz_cycle cy;
	struct cut_arg a;
	struct cycle c;
	struct buf b = {0};
	int has;

	serve_cycle(r, r->param[0], &cy);
	if ((has = authz_has_calibration(r->st, &r->caller, &cy)) <= 0) {
		if (has < 0)
			db_failed(r);
		else
			reply_error(r, 403, "no calibration slice: for hr, managers and committees");
		return;
	}
	if (load_cut(r, &c, &cy, NULL, CYCLE_FLAGS, authz_in_calibration, 0, &a) != 0) {
		cycle_clear(&c);
		return;
	}
	if (calib_load(&report, &keep, r->st, &c, &slice) != 0)
		db_failed(r);
	else {
		calib_view(&b, &report, CALIB_JSON);
		reply_buf(r, 200, "application/json", &b);
	}
	calib_report_free(&report);
	calib_strings_free(&keep);
	cycle_clear(&c);
}

void
api_packet(struct request *r)
{
	const char *aud = req_query(r, "audience");
	struct calib_slice slice = { NULL, NULL, NULL, NULL };
	struct packet_names nm;
	struct packet_template t;
	struct pdf_fonts *fonts = NULL;
	struct team_outcomes team;
	struct calib_report report;
	struct diag_list dl = {0};
	struct authz_cycle cy;
	struct cycle c;
	struct buf b = {0};
	enum authz_answer ans;
	char *def;
	unsigned rel;
	int audience = aud ? packet_audience_parse(aud) : AUDIENCE_EMPLOYEE, rc;

	if (audience < 0) {
		reply_error(r, 400, "audience is employee or committee");
		return;
	}
	serve_cycle(r, r->param[0], &cy);
	if (serve_relation(r, &cy, r->param[1], &rel) < 0) {
		db_failed(r);
		return;
	}
	if ((ans = authz_packet(rel, &cy, audience == AUDIENCE_COMMITTEE)) != AUTHZ_OK) {
		reply_error(r, ans == AUTHZ_FORBIDDEN ? 403 : 404, ans == AUTHZ_FORBIDDEN ?
		    "this packet is not for you" : "not found");
		return;
	}
	memset(&report, 0, sizeof(report));
	memset(&nm, 0, sizeof(nm));
	memset(&team, 0, sizeof(team));
	nm.st = r->st;
	def = packet_template_default();
	rc = packet_template_load(def, &dl, &t);
	free(def);
	if (rc != 0 || diag_errors(&dl) > 0 || (fonts = pdf_fonts_new(&t)) == NULL) {
		reply_error(r, 500, "the packet template could not be read");
		goto out_template;
	}
	if (cycle_load(&c, r->st, &dl, cy.id, NULL, CYCLE_RATINGS |
	    (audience == AUDIENCE_COMMITTEE ? CYCLE_PRIVATE : 0)) != 0) {
		db_failed(r);
		goto out;
	}
	calib_report_build(&report, &c, &slice, NULL);
	for (size_t i = 0; i < c.n; i++) {
		if (strcmp(c.people[i].info.id, r->param[1]) != 0 || c.people[i].model == NULL)
			continue;
		if (c.people[i].info.team != NULL &&
		    outcomes_load(r->st, c.people[i].info.team, cy.id, &team) != 0) {
			db_failed(r);
			goto out;
		}
		if (packet_person_render(fonts, r->st, &nm, &report, &c.people[i], cy.id,
		    (enum packet_audience)audience, CYCLE_PEER_MIN,
		    c.people[i].info.team != NULL ? &team : NULL, &b) != 0)
			reply_error(r, 500, "the packet could not be made");
		else if (audience == AUDIENCE_COMMITTEE &&
		    serve_log(r, "read private notes", r->param[1]) != 0)
			db_failed(r);
		else
			reply_buf(r, 200, "application/pdf", &b);
		goto out;
	}
	reply_error(r, 404, "no assessments of this person in this cycle");
out:
	calib_report_free(&report);
	cycle_clear(&c);
out_template:
	outcomes_clear(&team);
	pdf_fonts_free(fonts);
	packet_template_clear(&t);
	packet_names_free(&nm);
	diag_list_free(&dl);
	buf_free(&b);
}

/* ---- writes ---- */

/*
 * The revision an API client edited, from If-Match: "N" (docs/serve.md):
 * N, or -1 without the header; -2 when it is not one quoted revision.
 */
static long long
if_match_revision(const struct request *r)
{
	const char *v = req_header(r, "If-Match");
	long long n = 0;
	size_t i;

	if (v == NULL)
		return -1;
	while (*v == ' ' || *v == '\t')
		v++;
	if (*v != '"' || v[1] == '"')
		return -2;
	for (i = 1; v[i] >= '0' && v[i] <= '9'; i++) {
		if (i > 18)
			return -2;
		n = n * 10 + (v[i] - '0');
	}
	if (v[i] != '"')
		return -2;
	for (i++; v[i] == ' ' || v[i] == '\t'; i++)
		;
	return v[i] == '\0' ? n : -2;
}

/* 409 to a stale If-Match: the current revision, in the body and as the ETag. */
static void
reply_stale(struct request *r, long long expect, long long current)
{
	struct buf b = {0};

	buf_printf(&b, "{\"error\": \"the form is at revision %lld, not %lld: it was "
	    "stored again since you read it; nothing was stored\", \"current\": %lld}\n",
	    current, expect, current);
	snprintf(r->etag, sizeof(r->etag), "\"%lld\"", current);
	reply_buf(r, 409, "application/json", &b);
}

void
api_forms(struct request *r)
{
	struct diag_list dl = {0};
	struct assess_form f;
	struct published pub;
	struct authz_cycle cy;
	struct buf b = {0};
	enum authz_answer ans;
	enum import_status st;
	size_t n;
	int revision;
	long long expect = if_match_revision(r), current;

	if (expect == -2) {
		reply_error(r, 400, "If-Match takes the one revision the form was edited from, "
		    "in quotes: If-Match: \"3\" (\"0\": no form stored yet)");
		return;
	}
	serve_cycle(r, r->param[0], &cy);
	if (assess_form_read_buffer("form.md", r->body, r->body_len, &dl, &f) != 0) {
		assess_form_clear(&f);
		diag_list_free(&dl);
		reply_error(r, 500, "the form could not be read");
		return;
	}
	/*
	 * Who may send it is decided before anything about the people is
	 * checked, so that no diagnostic tells whether a person exists. A form
	 * without person, role or rater is diagnosed only when it could be the
	 * caller's own (or the caller is hr).
	 */
	if (f.field[FORM_PERSON] && f.field[FORM_ROLE] && f.field[FORM_RATER])
		ans = authz_submit_form(r->st, &r->caller, &cy, f.field[FORM_PERSON],
		    f.field[FORM_ROLE], f.field[FORM_RATER]);
	else if (authz_is_hr(&r->caller))
		ans = AUTHZ_OK;
	else
		ans = (f.field[FORM_PERSON] && strcmp(f.field[FORM_PERSON], r->caller.id) != 0) ||
		    (f.field[FORM_RATER] && strcmp(f.field[FORM_RATER], r->caller.id) != 0) ?
		    AUTHZ_NOT_FOUND : AUTHZ_OK;
	if (ans == AUTHZ_NOT_FOUND || ans == AUTHZ_ERROR) {
		reply_error(r, ans == AUTHZ_ERROR ? 500 : 404, ans == AUTHZ_ERROR ?
		    "database error" : "not found");
		goto out;
	}
	if (f.field[FORM_CYCLE] != NULL && strcmp(f.field[FORM_CYCLE], cy.id) != 0)
		diag_add(&dl, DIAG_CYCLE_MISMATCH, f.path, f.field_pos[FORM_CYCLE].line,
		    f.field_pos[FORM_CYCLE].col, "the form is for cycle '%s', not '%s'",
		    f.field[FORM_CYCLE], cy.id);
	published_init(&pub, r->st, &dl);
	st = assess_import_read_if(r->st, &pub, &f, &dl, 0, expect, &current, &revision, &n);
	published_clear(&pub);
	if (st == IMPORT_FAILED)
		db_failed(r);
	else if (st == IMPORT_INVALID || diag_errors(&dl) > 0) {
		diag_flush_json(&dl, &b);
		reply_buf(r, 422, "application/json", &b);
	} else if (st == IMPORT_STALE)
		reply_stale(r, expect, current);
	else {
		buf_printf(&b, "{\"revision\": %d}\n", revision);
		snprintf(r->etag, sizeof(r->etag), "\"%d\"", revision);
		reply_buf(r, 201, "application/json", &b);
	}
out:
	assess_form_clear(&f);
	diag_list_free(&dl);
	buf_free(&b);
}

/* Replies for an authz answer other than OK; returns 1 when it did. */
static int
refused(struct request *r, enum authz_answer ans)
{
	switch (ans) {
	case AUTHZ_OK:
		return 0;
	case AUTHZ_FORBIDDEN:
		reply_error(r, 403, "not yours to change");
		return 1;
	case AUTHZ_NOT_FOUND:
		reply_error(r, 404, "not found");
		return 1;
	default:
		db_failed(r);
		return 1;
	}
}

static void
reply_invalid(struct request *r, enum diag_code code, const char *fmt, const char *arg)
{
	struct diag_list dl = {0};
	struct buf b = {0};

	diag_add(&dl, code, "request", 0, 0, fmt, arg);
	diag_flush_json(&dl, &b);
	reply_buf(r, 422, "application/json", &b);
}

static const char *const outcomes[] = { "promote", "hold", "defer", NULL };

void
api_decisions(struct request *r)
{
	struct store_decision_in d;
	struct store_person me;
	struct authz_cycle cy;
	const char *person, *outcome, *to, *note;
	int got;
	json_t *body = req_json_object(r);
	unsigned rel;
	size_t i;

	if (body == NULL)
		return;
	serve_cycle(r, r->param[0], &cy);
	person = member(body, "person");
	outcome = member(body, "outcome");
	to = member(body, "to");
	note = member(body, "note");
	if (person == NULL) {
		reply_invalid(r, DIAG_MISSING_FIELD, "%s", "'person' is missing");
		goto out;
	}
	if (serve_relation(r, &cy, person, &rel) < 0) {
		db_failed(r);
		goto out;
	}
	if (refused(r, authz_decide(rel)))
		goto out;
	for (i = 0; outcomes[i] && (outcome == NULL || strcmp(outcomes[i], outcome)); i++)
		;
	if (outcomes[i] == NULL) {
		reply_invalid(r, DIAG_BAD_VALUE, "outcome '%s' is not promote, hold or defer",
		    outcome ? outcome : "");
		goto out;
	}
	if (strcmp(outcome, "promote") == 0 && (to == NULL || *to == '\0')) {
		reply_invalid(r, DIAG_MISSING_FIELD, "%s", "a promotion needs 'to', the new level");
		goto out;
	}
	if ((got = store_person_get(r->st, r->caller.id, &me)) <= 0) {
		store_person_clear(&me);
		if (got < 0)
			db_failed(r);
		else
			reply_invalid(r, DIAG_UNKNOWN_PERSON, "account '%s' is not a person of the "
			    "organisation: decisions are recorded in a person's name", r->caller.id);
		goto out;
	}
	store_person_clear(&me);
	d.person = person;
	d.cycle = cy.id;
	d.outcome = outcome;
	d.to_level = to && *to ? to : NULL;
	d.decided_by = r->caller.id;
	d.note = note && *note ? note : NULL;
	if (store_begin(r->st) != 0 || store_cycle_ensure(r->st, cy.id) != 0 ||
	    store_decision_set(r->st, &d) != 0 || store_commit(r->st) != 0) {
		store_rollback(r->st);
		db_failed(r);
		goto out;
	}
	{
		const char *keys[] = { "person", "cycle", "outcome", "to" };
		const char *vals[] = { person, cy.id, outcome, d.to_level };

		reply_members(r, 201, keys, vals, 4);
	}
out:
	json_decref(body);
}

void
api_peer_requests(struct request *r)
{
	struct authz_cycle cy;
	const char *person, *peer;
	json_t *body = req_json_object(r);
	struct store_person pp;
	unsigned rel;
	int got;

	if (body == NULL)
		return;
	serve_cycle(r, r->param[0], &cy);
	person = member(body, "person");
	peer = member(body, "peer");
	if (person == NULL || peer == NULL) {
		reply_invalid(r, DIAG_MISSING_FIELD, "%s", "'person' and 'peer' are needed");
		goto out;
	}
	if (serve_relation(r, &cy, person, &rel) < 0) {
		db_failed(r);
		goto out;
	}
	if (refused(r, authz_request_peer(rel)))
		goto out;
	/* Anyone in the organisation may be asked; only whether they exist is told. */
	got = store_person_get(r->st, peer, &pp);
	store_person_clear(&pp);
	if (got < 0) {
		db_failed(r);
		goto out;
	}
	if (strcmp(peer, person) == 0 || got == 0) {
		reply_invalid(r, DIAG_UNKNOWN_PERSON, "peer '%s' is not a person of the "
		    "organisation, or is the person themselves", peer);
		goto out;
	}
	if (store_begin(r->st) != 0 ||
	    (got = store_peer_request_add(r->st, cy.id, person, peer, r->caller.id)) < 0 ||
	    store_commit(r->st) != 0) {
		store_rollback(r->st);
		db_failed(r);
		goto out;
	}
	{
		const char *keys[] = { "cycle", "person", "peer" };
		const char *vals[] = { cy.id, person, peer };

		reply_members(r, got ? 201 : 200, keys, vals, 3);
	}
out:
	json_decref(body);
}

/* ---- calibration sessions ---- */

/* A JSON array of strings into an owned list; -1 when it is not one. */
static int
string_list(json_t *v, char ***items, size_t *n)
{
	size_t i;
	json_t *e;

	*items = NULL;
	*n = 0;
	if (v == NULL)
		return 0;
	if (!json_is_array(v))
		return -1;
	*items = xcalloc(json_array_size(v) + 1, sizeof(char *));
	json_array_foreach(v, i, e) {
		if (!json_is_string(e) || json_string_length(e) == 0 ||
		    strchr(json_string_value(e), '\n') != NULL)
			return -1;
		(*items)[(*n)++] = xstrdup(json_string_value(e));
	}
	return 0;
}

void
api_session_create(struct request *r)
{
	struct store_session s;
	json_t *body;
	const char *id, *title;
	int got;

	if (refused(r, authz_create_session(&r->caller)) || (body = req_json_object(r)) == NULL)
		return;
	memset(&s, 0, sizeof(s));
	id = member(body, "id");
	title = member(body, "title");
	if (id == NULL || title == NULL || strlen(id) == 0 || strlen(id) > 128 ||
	    strspn(id, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") !=
	    strlen(id)) {
		reply_invalid(r, DIAG_BAD_ID, "%s", "'id' ([A-Za-z0-9._-]) and 'title' are needed");
		goto out;
	}
	if (string_list(json_object_get(body, "levels"), &s.levels, &s.nlevels) != 0 ||
	    string_list(json_object_get(body, "teams"), &s.teams, &s.nteams) != 0 ||
	    string_list(json_object_get(body, "committee"), &s.committee, &s.ncommittee) != 0) {
		reply_invalid(r, DIAG_BAD_VALUE, "%s", "'levels', 'teams' and 'committee' are "
		    "lists of strings");
		goto out;
	}
	s.cycle = (char *)r->param[0];
	s.id = (char *)id;
	s.title = (char *)title;
	s.created_by = (char *)r->caller.id;
	if (store_begin(r->st) != 0 || (got = store_session_create(r->st, &s)) < 0 ||
	    (got == 1 && store_commit(r->st) != 0)) {
		store_rollback(r->st);
		db_failed(r);
		s.cycle = s.id = s.title = s.created_by = NULL;
		goto out;
	}
	s.cycle = s.id = s.title = s.created_by = NULL;
	if (got == 0) {
		store_rollback(r->st);
		reply_error(r, 409, "a session with this id exists in the cycle");
		goto out;
	}
	{
		const char *keys[] = { "cycle", "id" };
		const char *vals[] = { r->param[0], id };

		reply_members(r, 201, keys, vals, 2);
	}
out:
	store_session_clear(&s);
	json_decref(body);
}

/* ---- shared with serve_session.c (serve_view.h) ---- */

void
serve_reply_json(struct request *r, int status, json_t *v)
{
	struct buf b = {0};
	struct jw w;

	jw_init(&w, &b, 17);
	put_read_value(&w, v);
	json_decref(v);
	reply_json(r, status, &b);
}

void
serve_reply_invalid(struct request *r, enum diag_code code, const char *fmt, const char *arg)
{
	reply_invalid(r, code, fmt, arg);
}

const char *
serve_member(json_t *o, const char *key)
{
	return member(o, key);
}
