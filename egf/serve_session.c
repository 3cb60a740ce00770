/*
 * serve_session.c: calibration sessions (serve_session.h, docs/sessions.md).
 *
 * A session is found for the caller first (hr, or a member of its
 * committee; anyone else gets 404 as if it did not exist), then its people
 * are the cycle cut to the session's target levels and teams, and its
 * statistics the calibration report of exactly those people: the report
 * `egf calibrate --target L --team T` writes for them. A recorded outcome is
 * a decision stored by store_decision_set, the operation `egf decide` uses,
 * with the rationale as its note; the session log adds which session it
 * came from.
 */
#include "outcomes.h"
#include "serve_session.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calib_load.h"
#include "calib_view.h"
#include "cycle_cut.h"
#include "evidence.h"
#include "html.h"
#include "serve_view.h"
#include "store_session.h"
#include "strmap.h"

/* ---- the session as the caller may see it ---- */

struct sess {
	struct store_session s;
	int member;			/* the caller sits on its committee */
	struct cycle c;			/* cut to the session's people */
	struct calib_report report;	/* of those people */
	struct calib_strings keep;
	int loaded;
};

static void
fail(struct request *r, int page, int status, const char *msg)
{
	if (page) {
		struct buf b = {0};

		html_wrap(&b, "<h1>", status == 404 ? "Not found" : "Refused", "</h1>\n");
		html_wrap(&b, "<p>", msg, "</p>\n");
		buf_puts(&b, "<p><a href=\"/sessions\">Calibration sessions</a></p>\n");
		page_render(r, status, status == 404 ? "Not found" : "Refused", b.data);
		buf_free(&b);
	} else
		reply_error(r, status, msg);
}

static int
listed(char **list, size_t n, const char *item)
{
	size_t i;

	if (n == 0)
		return 1;
	for (i = 0; item != NULL && i < n; i++)
		if (strcmp(list[i], item) == 0)
			return 1;
	return 0;
}

/*
 * Finds session id of cycle for the caller: 1 when it exists and the caller
 * is hr or on its committee; else replies (404, or 500) and returns 0 or -1.
 */
static int
sess_find(struct request *r, const char *cycle, const char *id, struct sess *x, int page)
{
	size_t i;
	int got;

	memset(x, 0, sizeof(*x));
	if ((got = store_calibration_session(r->st, cycle, id, &x->s)) < 0) {
		fail(r, page, 500, "database error");
		return -1;
	}
	for (i = 0; got && i < x->s.ncommittee; i++)
		x->member |= strcmp(x->s.committee[i], r->caller.id) == 0;
	if (!got || authz_view_session(&r->caller, x->member) != AUTHZ_OK) {
		fail(r, page, 404, "There is no such session here, or it is not yours to see.");
		return 0;
	}
	return 1;
}

static int
in_session(const struct cycle_person *p, void *arg)
{
	const struct store_session *s = arg;

	return p->model != NULL && p->target != NULL &&
	    listed(s->levels, s->nlevels, p->target->id) &&
	    listed(s->teams, s->nteams, p->info.team);
}

/* Loads the session's people (flags of cycle_load) and their report; -1 after replying 500. */
static int
sess_load(struct request *r, struct sess *x, int flags, int page)
{
	struct calib_slice all = { NULL, NULL, NULL, NULL };
	struct diag_list dl = {0};
	struct cycle_cut cut;
	int rc;

	cut.person = in_session;
	cut.rating = NULL;
	cut.arg = &x->s;
	x->loaded = 1;
	rc = cycle_load(&x->c, r->st, &dl, x->s.cycle, NULL, flags);
	diag_list_free(&dl);
	if (rc != 0 || cycle_cut(&x->c, &cut) != 0 ||
	    calib_load(&x->report, &x->keep, r->st, &x->c, &all) != 0) {
		fail(r, page, 500, "database error");
		return -1;
	}
	return 0;
}

static void
sess_clear(struct sess *x)
{
	if (x->loaded) {
		calib_report_free(&x->report);
		calib_strings_free(&x->keep);
		cycle_clear(&x->c);
	}
	store_session_clear(&x->s);
}

static const struct cycle_person *
sess_person(const struct sess *x, const char *id)
{
	size_t i;

	for (i = 0; id != NULL && i < x->c.n; i++)
		if (strcmp(x->c.people[i].info.id, id) == 0)
			return &x->c.people[i];
	return NULL;
}

/* "promote to L2", "hold": an outcome as the session log and the page show it. Owned. */
static char *
outcome_text(const char *outcome, const char *to)
{
	if (outcome == NULL)
		return NULL;
	return to != NULL ? xasprintf("%s to %s", outcome, to) : xstrdup(outcome);
}

/* ---- the writes, shared by the API and the page forms ---- */

/* What a request asks to record. */
struct ask {
	const char *person, *outcome, *to, *text;	/* text: rationale or reason */
	long long revision;		/* -1: not given */
};

/* The answer: an HTTP status, a message, and for 409 the current value. */
struct answer {
	int status;
	const char *msg;
	json_t *current;		/* owned, or NULL */
	long long revision;		/* after a recorded outcome */
	int code;			/* a diag_code for 422 */
};

static const char *const outcomes[] = { "promote", "hold", "defer", NULL };

/* Checks what is asked against the person; fills a 422 or 404 answer and returns -1. */
static int
check_ask(const struct sess *x, struct ask *q, int need_text, struct answer *a,
    const struct cycle_person **pp)
{
	const struct cycle_person *p = sess_person(x, q->person);
	size_t i;

	a->status = 422;
	a->code = DIAG_BAD_VALUE;
	if (q->person == NULL) {
		a->code = DIAG_MISSING_FIELD;
		a->msg = "'person' is missing";
		return -1;
	}
	if (p == NULL) {
		a->status = 404;
		a->msg = "no such person in this session";
		return -1;
	}
	for (i = 0; outcomes[i] && (q->outcome == NULL || strcmp(outcomes[i], q->outcome)); i++)
		;
	if (outcomes[i] == NULL) {
		a->msg = "'outcome' is promote, hold or defer";
		return -1;
	}
	if (q->to != NULL && *q->to == '\0')
		q->to = NULL;
	if (q->to != NULL && strcmp(q->outcome, "promote") != 0) {
		a->msg = "'to' goes with the outcome promote";
		return -1;
	}
	if (q->to != NULL && model_level(p->model, q->to) == NULL) {
		a->code = DIAG_UNKNOWN_LEVEL;
		a->msg = "'to' is not a level of the person's ladder";
		return -1;
	}
	if (q->to == NULL && strcmp(q->outcome, "promote") == 0)
		q->to = p->target->id;	/* as egf decide: the target level */
	if (q->text != NULL && *q->text == '\0')
		q->text = NULL;
	if (need_text && q->text == NULL) {
		a->code = DIAG_MISSING_FIELD;
		a->msg = "a recorded outcome needs its 'rationale'";
		return -1;
	}
	if (q->text != NULL && (text_has_control(q->text, 1) || strlen(q->text) > 4000)) {
		a->msg = "the text holds a control character or is over 4000 bytes";
		return -1;
	}
	*pp = p;
	a->status = 0;
	return 0;
}

/* The person's current decision and revision, as a 409 reports it. Owned. */
static json_t *
current_json(struct store *st, const char *cycle, const char *person, long long revision)
{
	struct store_decision d;
	json_t *o = json_object();
	int got = store_decision_get(st, person, cycle, &d);

	json_object_set_new(o, "person", json_string(person));
	json_object_set_new(o, "revision", json_integer(revision));
	json_object_set_new(o, "outcome", got == 1 ? json_string(d.outcome) : json_null());
	json_object_set_new(o, "to", got == 1 && d.to_level ? json_string(d.to_level) : json_null());
	json_object_set_new(o, "decided_by", got == 1 && d.decided_by ? json_string(d.decided_by) :
	    json_null());
	json_object_set_new(o, "rationale", got == 1 && d.note ? json_string(d.note) : json_null());
	store_decision_clear(&d);
	return o;
}

/* 1 when the session is locked now (read inside the caller's transaction), -1. */
static int
locked_now(struct store *st, const struct sess *x)
{
	struct store_session s;
	int got = store_calibration_session(st, x->s.cycle, x->s.id, &s), locked = s.locked;

	store_session_clear(&s);
	return got < 0 ? -1 : got == 1 && locked;
}

/* The caller must be a person: decisions are recorded in a person's name. */
static int
caller_is_person(struct request *r, struct answer *a)
{
	struct store_person me;
	int got = store_person_get(r->st, r->caller.id, &me);

	store_person_clear(&me);
	if (got < 0) {
		a->status = 500;
		a->msg = "database error";
	} else if (got == 0) {
		a->status = 422;
		a->code = DIAG_UNKNOWN_PERSON;
		a->msg = "this account is not a person of the organisation: outcomes are "
		    "recorded in a person's name";
	}
	return got == 1;
}


/* The session log's entry of the caller's action in x about person (NULL: none), with text. */
static void
log_entry(struct store_session_entry *e, const struct request *r, const struct sess *x,
    const char *action, const char *person, const char *text)
{
	memset(e, 0, sizeof(*e));
	e->cycle = x->s.cycle;
	e->session = x->s.id;
	e->actor = r->caller.id;
	e->action = action;
	e->person = person;
	e->rationale = text;
}

static void
record_outcome(struct request *r, struct sess *x, struct ask *q, struct answer *a)
{
	const struct cycle_person *p;
	struct store_decision old;
	struct store_decision_in d;
	struct store_session_entry e;
	char *before = NULL, *after = NULL;
	long long rev;
	int got, lk;

	memset(a, 0, sizeof(*a));
	memset(&old, 0, sizeof(old));
	if (!x->member && !authz_is_hr(&r->caller)) {
		a->status = 403;
		a->msg = "only the committee records outcomes";
		return;
	}
	if (x->s.locked) {	/* before anything about the request: every change is refused */
		a->status = 409;
		a->msg = "the session is locked: no more changes";
		return;
	}
	if (check_ask(x, q, 1, a, &p) != 0 || !caller_is_person(r, a))
		return;
	if (q->revision < 0) {
		a->status = 422;
		a->code = DIAG_MISSING_FIELD;
		a->msg = "'revision' (the person's revision you saw) is missing";
		return;
	}
	if (store_begin(r->st) != 0)
		goto db;
	if ((lk = locked_now(r->st, x)) < 0 ||
	    (rev = store_session_revision(r->st, x->s.cycle, p->info.id)) < 0)
		goto db;
	if (lk) {
		a->status = 409;
		a->msg = "the session is locked: no more changes";
		store_rollback(r->st);
		return;
	}
	if (rev != q->revision) {
		a->status = 409;
		a->msg = "stale revision: the person changed since you saw them";
		a->current = current_json(r->st, x->s.cycle, p->info.id, rev);
		store_rollback(r->st);
		return;
	}
	if ((got = store_decision_get(r->st, p->info.id, x->s.cycle, &old)) < 0)
		goto db;
	memset(&d, 0, sizeof(d));
	d.person = p->info.id;
	d.cycle = x->s.cycle;
	d.outcome = q->outcome;
	d.to_level = q->to;
	d.decided_by = r->caller.id;
	d.note = q->text;
	before = got ? outcome_text(old.outcome, old.to_level) : NULL;
	after = outcome_text(q->outcome, q->to);
	log_entry(&e, r, x, "outcome", p->info.id, q->text);
	e.before = before;
	e.after = after;
	if (store_decision_set(r->st, &d) != 0 || store_session_log(r->st, &e) != 0 ||
	    store_commit(r->st) != 0)
		goto db;
	a->status = 201;
	a->revision = rev + 1;
	goto out;
db:
	store_rollback(r->st);
	a->status = 500;
	a->msg = "database error";
out:
	free(before);
	free(after);
	store_decision_clear(&old);
}

static void
record_proposal(struct request *r, struct sess *x, struct ask *q, struct answer *a)
{
	const struct cycle_person *p;
	struct store_proposal pr;
	struct store_session_entry e;
	char *after = NULL;
	int lk;

	memset(a, 0, sizeof(*a));
	if (!x->member) {
		a->status = 403;
		a->msg = "proposals are the committee's";
		return;
	}
	if (x->s.locked) {
		a->status = 409;
		a->msg = "the session is locked: no more changes";
		return;
	}
	if (check_ask(x, q, 0, a, &p) != 0)
		return;
	if (store_begin(r->st) != 0 || (lk = locked_now(r->st, x)) < 0)
		goto db;
	if (lk) {
		store_rollback(r->st);
		a->status = 409;
		a->msg = "the session is locked: no more changes";
		return;
	}
	memset(&pr, 0, sizeof(pr));
	pr.cycle = x->s.cycle;
	pr.session = x->s.id;
	pr.person = p->info.id;
	pr.account = r->caller.id;
	pr.outcome = q->outcome;
	pr.to_level = q->to;
	pr.reason = q->text;
	after = outcome_text(q->outcome, q->to);
	log_entry(&e, r, x, "propose", p->info.id, q->text);
	e.after = after;
	if (store_proposal_set(r->st, &pr) != 0 || store_session_log(r->st, &e) != 0 ||
	    store_commit(r->st) != 0)
		goto db;
	a->status = 201;
	free(after);
	return;
db:
	store_rollback(r->st);
	free(after);
	a->status = 500;
	a->msg = "database error";
}

static void
record_lock(struct request *r, struct sess *x, struct answer *a)
{
	struct store_session_entry e;
	int got;

	memset(a, 0, sizeof(*a));
	log_entry(&e, r, x, "lock", NULL, NULL);
	if (store_begin(r->st) != 0 || (got = store_session_lock(r->st, x->s.cycle, x->s.id)) < 0 ||
	    (got == 1 && store_session_log(r->st, &e) != 0) || store_commit(r->st) != 0) {
		store_rollback(r->st);
		a->status = 500;
		a->msg = "database error";
		return;
	}
	a->status = 200;
	x->s.locked = 1;
}

/* ---- the API ---- */

static long long
revision_member(json_t *body)
{
	json_t *v = json_object_get(body, "revision");

	return json_is_integer(v) && json_integer_value(v) >= 0 ? json_integer_value(v) : -1;
}

static void
api_answer(struct request *r, const struct answer *a, json_t *ok)
{
	json_t *o;

	if (a->status >= 200 && a->status < 300) {
		serve_reply_json(r, a->status, ok);
		return;
	}
	json_decref(ok);
	if (a->status == 422) {
		serve_reply_invalid(r, (enum diag_code)a->code, "%s", a->msg);
		return;
	}
	if (a->status != 409 || a->current == NULL) {
		if (a->status == 409) {
			o = json_object();
			json_object_set_new(o, "error", json_string(a->msg));
			json_object_set_new(o, "locked", json_true());
			serve_reply_json(r, 409, o);
		} else
			reply_error(r, a->status, a->msg);
		return;
	}
	o = json_object();
	json_object_set_new(o, "error", json_string(a->msg));
	json_object_set_new(o, "current", json_incref(a->current));
	serve_reply_json(r, 409, o);
}

/*
 * The session of a write to /api/v1/cycles/C/sessions/S/... and the
 * request's JSON object body (owned: json_decref); NULL, x cleared, after
 * replying why not.
 */
static json_t *
session_request(struct request *r, struct sess *x)
{
	json_t *body = NULL;

	if (sess_find(r, r->param[0], r->param[1], x, 0) != 1 ||
	    (body = req_json_object(r)) == NULL)
		sess_clear(x);
	return body;
}

static void
api_write(struct request *r, int outcome)
{
	struct answer a;
	struct sess x;
	struct ask q;
	json_t *body, *ok;

	if ((body = session_request(r, &x)) == NULL)
		return;
	if (sess_load(r, &x, 0, 0) != 0)
		goto out;
	q.person = serve_member(body, "person");
	q.outcome = serve_member(body, "outcome");
	q.to = serve_member(body, "to");
	q.text = serve_member(body, outcome ? "rationale" : "reason");
	q.revision = revision_member(body);
	if (outcome)
		record_outcome(r, &x, &q, &a);
	else
		record_proposal(r, &x, &q, &a);
	ok = json_object();
	json_object_set_new(ok, "session", json_string(x.s.id));
	json_object_set_new(ok, "person", json_string(q.person ? q.person : ""));
	json_object_set_new(ok, "outcome", json_string(q.outcome ? q.outcome : ""));
	json_object_set_new(ok, "to", q.to ? json_string(q.to) : json_null());
	if (outcome)
		json_object_set_new(ok, "revision", json_integer(a.revision));
	api_answer(r, &a, ok);
	json_decref(a.current);
out:
	json_decref(body);
	sess_clear(&x);
}

void
api_session_outcome(struct request *r)
{
	api_write(r, 1);
}

void
api_session_proposal(struct request *r)
{
	api_write(r, 0);
}

void
api_session_lock(struct request *r)
{
	struct answer a;
	struct sess x;
	json_t *body, *ok;

	if ((body = session_request(r, &x)) == NULL)
		return;
	record_lock(r, &x, &a);
	ok = json_object();
	json_object_set_new(ok, "session", json_string(x.s.id));
	json_object_set_new(ok, "locked", json_true());
	api_answer(r, &a, ok);
	json_decref(body);
	sess_clear(&x);
}

struct json_walk {
	json_t *list;
};

static int
proposal_json(const struct store_proposal *p, void *arg)
{
	json_t *o = json_object();

	json_object_set_new(o, "person", json_string(p->person));
	json_object_set_new(o, "by", json_string(p->account));
	json_object_set_new(o, "outcome", json_string(p->outcome));
	json_object_set_new(o, "to", p->to_level ? json_string(p->to_level) : json_null());
	json_object_set_new(o, "reason", p->reason ? json_string(p->reason) : json_null());
	json_object_set_new(o, "at", json_string(p->at ? p->at : ""));
	json_array_append_new(((struct json_walk *)arg)->list, o);
	return 0;
}

static json_t *
str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static int
entry_json(const struct store_session_entry *e, void *arg)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(e->id));
	json_object_set_new(o, "at", str_or_null(e->at));
	json_object_set_new(o, "who", str_or_null(e->actor));
	json_object_set_new(o, "action", str_or_null(e->action));
	json_object_set_new(o, "person", str_or_null(e->person));
	json_object_set_new(o, "before", str_or_null(e->before));
	json_object_set_new(o, "after", str_or_null(e->after));
	json_object_set_new(o, "rationale", str_or_null(e->rationale));
	json_array_append_new(((struct json_walk *)arg)->list, o);
	return 0;
}

static json_t *
string_array(char **items, size_t n)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_array_append_new(a, json_string(items[i]));
	return a;
}

/* The people of a loaded session with revision and outcome; NULL on a database error. */
static json_t *
people_json(struct request *r, const struct sess *x, int full)
{
	json_t *people = json_array();
	size_t i;

	for (i = 0; i < x->c.n; i++) {
		const struct cycle_person *p = &x->c.people[i];
		long long rev = store_session_revision(r->st, x->s.cycle, p->info.id);
		json_t *e;

		if (rev < 0) {
			json_decref(people);
			return NULL;
		}
		e = current_json(r->st, x->s.cycle, p->info.id, rev);
		if (full) {
			json_object_set_new(e, "name", str_or_null(p->info.name));
			json_object_set_new(e, "team", str_or_null(p->info.team));
			json_object_set_new(e, "manager", str_or_null(p->info.manager));
			json_object_set_new(e, "level", str_or_null(p->info.level));
			json_object_set_new(e, "target", json_string(p->target->id));
			json_object_set_new(e, "verdict",
			    json_string(assess_verdict_name(p->readiness.verdict)));
		}
		json_array_append_new(people, e);
	}
	return people;
}

void
api_session(struct request *r)
{
	struct json_walk props = { NULL }, log = { NULL };
	struct sess x;
	struct buf stats = {0};
	json_t *o, *people, *st;

	if (sess_find(r, r->param[0], r->param[1], &x, 0) != 1 || sess_load(r, &x, CYCLE_FLAGS, 0)) {
		sess_clear(&x);
		return;
	}
	props.list = json_array();
	log.list = json_array();
	if ((people = people_json(r, &x, 1)) == NULL ||
	    store_proposals_each(r->st, x.s.cycle, x.s.id, proposal_json, &props) != 0 ||
	    store_session_log_each(r->st, x.s.cycle, x.s.id, entry_json, &log) != 0) {
		json_decref(people);
		json_decref(props.list);
		json_decref(log.list);
		reply_error(r, 500, "database error");
		sess_clear(&x);
		return;
	}
	calib_view(&stats, &x.report, CALIB_JSON);
	o = json_object();
	json_object_set_new(o, "cycle", json_string(x.s.cycle));
	json_object_set_new(o, "id", json_string(x.s.id));
	json_object_set_new(o, "title", json_string(x.s.title));
	json_object_set_new(o, "levels", string_array(x.s.levels, x.s.nlevels));
	json_object_set_new(o, "teams", string_array(x.s.teams, x.s.nteams));
	json_object_set_new(o, "committee", string_array(x.s.committee, x.s.ncommittee));
	json_object_set_new(o, "locked", json_boolean(x.s.locked));
	json_object_set_new(o, "people", people);
	json_object_set_new(o, "proposals", props.list);
	json_object_set_new(o, "log", log.list);
	st = json_loadb(stats.data ? stats.data : "null", stats.len ? stats.len : 4, 0, NULL);
	json_object_set_new(o, "statistics", st ? st : json_null());
	serve_reply_json(r, 200, o);
	buf_free(&stats);
	sess_clear(&x);
}

/*
 * The live state for polling: answered 304 from the stamp alone while
 * nothing changed, so that a room of attendees polling every second costs a
 * few indexed counts per request and never holds a worker.
 */
void
api_session_state(struct request *r)
{
	const char *match = req_header(r, "If-None-Match");
	char stamp[64];
	struct sess x;
	json_t *o, *people;

	if (sess_find(r, r->param[0], r->param[1], &x, 0) != 1) {
		sess_clear(&x);
		return;
	}
	if (store_session_stamp(r->st, x.s.cycle, x.s.id, stamp, sizeof(stamp)) != 0) {
		reply_error(r, 500, "database error");
		sess_clear(&x);
		return;
	}
	snprintf(r->etag, sizeof(r->etag), "\"%s\"", stamp);
	if (match != NULL && strcmp(match, r->etag) == 0) {
		r->status = 304;
		r->type = "application/json";
		r->out.len = 0;
		sess_clear(&x);
		return;
	}
	if (sess_load(r, &x, 0, 0) != 0 || (people = people_json(r, &x, 0)) == NULL) {
		if (x.loaded && r->status < 500)
			reply_error(r, 500, "database error");
		sess_clear(&x);
		return;
	}
	o = json_object();
	json_object_set_new(o, "session", json_string(x.s.id));
	json_object_set_new(o, "locked", json_boolean(x.s.locked));
	json_object_set_new(o, "people", people);
	serve_reply_json(r, 200, o);
	sess_clear(&x);
}

void
api_session_report(struct request *r)
{
	const char *f = req_query(r, "format");
	enum calib_format fmt = CALIB_JSON;
	struct sess x;
	struct buf b = {0};
	size_t i;

	for (i = 0; f != NULL && calib_format_names[i] != NULL; i++)
		if (strcmp(calib_format_names[i], f) == 0)
			break;
	if (f != NULL && calib_format_names[i] == NULL) {
		reply_error(r, 400, "format is text, csv, json or html");
		return;
	}
	if (f != NULL)
		fmt = (enum calib_format)i;
	if (sess_find(r, r->param[0], r->param[1], &x, 0) != 1 || sess_load(r, &x, CYCLE_FLAGS, 0)) {
		sess_clear(&x);
		return;
	}
	calib_view(&b, &x.report, fmt);
	reply(r, 200, fmt == CALIB_JSON ? "application/json" : fmt == CALIB_CSV ?
	    "text/csv; charset=utf-8" : fmt == CALIB_HTML ? "text/html; charset=utf-8" :
	    "text/plain; charset=utf-8", b.data ? b.data : "");
	snprintf(r->disposition, sizeof(r->disposition), "%s; filename=\"calibration-%s-%s.%s\"",
	    fmt == CALIB_HTML ? "inline" : "attachment", x.s.cycle, x.s.id,
	    calib_format_names[fmt][0] == 't' ? "txt" : calib_format_names[fmt]);
	buf_free(&b);
	sess_clear(&x);
}

void
api_session_audit(struct request *r)
{
	struct json_walk log = { NULL };
	struct sess x;

	if (sess_find(r, r->param[0], r->param[1], &x, 0) != 1) {
		sess_clear(&x);
		return;
	}
	log.list = json_array();
	if (store_session_log_each(r->st, x.s.cycle, x.s.id, entry_json, &log) != 0) {
		json_decref(log.list);
		reply_error(r, 500, "database error");
	} else
		serve_reply_json(r, 200, log.list);
	sess_clear(&x);
}

/* ---- the pages ---- */

static void
csrf_field(struct buf *b, const struct request *r)
{
	buf_puts(b, "<input type=\"hidden\" name=\"csrf\" value=\"");
	html_escape(b, r->csrf);
	buf_puts(b, "\">");
}

/* The path of a session's page, its parts escaped for an attribute. */
static void
session_href(struct buf *b, const struct store_session *s, const char *tail)
{
	buf_puts(b, "/sessions/");
	html_escape(b, s->cycle);
	buf_putc(b, '/');
	html_escape(b, s->id);
	buf_puts(b, tail);
}

static void
list_text(struct buf *b, char **items, size_t n, const char *none)
{
	size_t i;

	if (n == 0)
		html_escape(b, none);
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_puts(b, ", ");
		html_escape(b, items[i]);
	}
}

struct list_walk {
	struct buf *b;
	int n;
};

static int
session_item(const struct store_session *s, void *arg)
{
	struct list_walk *w = arg;

	buf_puts(w->b, "<li><a href=\"");
	session_href(w->b, s, "");
	buf_puts(w->b, "\">");
	html_escape(w->b, s->title);
	buf_puts(w->b, "</a> (cycle ");
	html_escape(w->b, s->cycle);
	buf_puts(w->b, "; target ");
	list_text(w->b, s->levels, s->nlevels, "any level");
	buf_puts(w->b, "; team ");
	list_text(w->b, s->teams, s->nteams, "any team");
	buf_puts(w->b, s->locked ? "; locked" : "; open");
	buf_puts(w->b, ")</li>\n");
	w->n++;
	return 0;
}

static void
create_form(struct buf *b, const struct request *r)
{
	buf_puts(b, "<h2>New session</h2>\n<form class=\"create\" method=\"post\" "
	    "action=\"/sessions\">");
	csrf_field(b, r);
	buf_puts(b, "\n<p><label for=\"f-cycle\">Cycle</label> <input id=\"f-cycle\" "
	    "name=\"cycle\" required></p>\n"
	    "<p><label for=\"f-id\">Session id</label> <input id=\"f-id\" name=\"id\" required "
	    "pattern=\"[A-Za-z0-9._\\-]+\"></p>\n"
	    "<p><label for=\"f-title\">Title</label> <input id=\"f-title\" name=\"title\" "
	    "required></p>\n"
	    "<p><label for=\"f-levels\">Target levels (blank: any), separated by spaces or "
	    "commas</label> <input id=\"f-levels\" name=\"levels\"></p>\n"
	    "<p><label for=\"f-teams\">Teams (blank: any)</label> <input id=\"f-teams\" "
	    "name=\"teams\"></p>\n"
	    "<p><label for=\"f-committee\">Committee: account ids</label> <input "
	    "id=\"f-committee\" name=\"committee\" required></p>\n"
	    "<p><button type=\"submit\">Create the session</button></p>\n</form>\n");
}

void
page_sessions(struct request *r)
{
	struct buf b = {0};
	struct list_walk w = { &b, 0 };
	int rc;

	buf_puts(&b, "<h1>Calibration sessions</h1>\n<ul class=\"sessions\">\n");
	if (authz_is_hr(&r->caller))
		rc = store_sessions_each(r->st, NULL, session_item, &w);
	else
		rc = store_sessions_of_member(r->st, NULL, r->caller.id, session_item, &w);
	buf_puts(&b, "</ul>\n");
	if (rc != 0) {
		buf_free(&b);
		fail(r, 1, 500, "database error");
		return;
	}
	if (w.n == 0)
		buf_puts(&b, "<p>No session that you sit on, or none yet.</p>\n");
	if (authz_is_hr(&r->caller))
		create_form(&b, r);
	page_render(r, 200, "Calibration sessions", b.data);
	buf_free(&b);
}

/* Words of a form field (split at spaces and commas) into an owned list. */
static void
words(const char *text, char ***items, size_t *n)
{
	const char *p = text ? text : "";
	size_t cap = 0;

	*items = NULL;
	*n = 0;
	while (*p != '\0') {
		size_t len;

		p += strspn(p, " ,\t\r\n");
		if ((len = strcspn(p, " ,\t\r\n")) == 0)
			break;
		xgrow((void **)items, &cap, *n + 1, sizeof(char *));
		(*items)[(*n)++] = xstrndup(p, len);
		p += len;
	}
}

static int
plain_id(const char *s)
{
	size_t n = s ? strlen(s) : 0;

	return n > 0 && n <= 128 && strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTU"
	    "VWXYZ0123456789._-") == n && s[0] != '.' && s[0] != '-' && s[0] != '_';
}

void
page_session_create(struct request *r)
{
	char *cycle = req_form(r, "cycle"), *id = req_form(r, "id"), *title = req_form(r, "title");
	char *levels = req_form(r, "levels"), *teams = req_form(r, "teams");
	char *committee = req_form(r, "committee");
	struct store_session s;
	struct buf path = {0};
	int got;

	memset(&s, 0, sizeof(s));
	if (!plain_id(cycle) || !plain_id(id) || title == NULL || *title == '\0' ||
	    text_has_control(title, 0)) {
		fail(r, 1, 422, "A session needs a cycle and an id (letters, digits, '.', '_', "
		    "'-') and a title.");
		goto out;
	}
	words(levels, &s.levels, &s.nlevels);
	words(teams, &s.teams, &s.nteams);
	words(committee, &s.committee, &s.ncommittee);
	s.cycle = cycle;
	s.id = id;
	s.title = title;
	s.created_by = (char *)r->caller.id;
	if (store_begin(r->st) != 0 || (got = store_session_create(r->st, &s)) < 0 ||
	    (got == 1 && store_commit(r->st) != 0)) {
		store_rollback(r->st);
		fail(r, 1, 500, "database error");
	} else if (got == 0) {
		store_rollback(r->st);
		fail(r, 1, 409, "A session with this id exists in the cycle.");
	} else {
		session_href(&path, &s, "");
		reply_redirect(r, path.data);
	}
	s.cycle = s.id = s.title = s.created_by = NULL;
out:
	store_session_clear(&s);
	buf_free(&path);
	free(cycle);
	free(id);
	free(title);
	free(levels);
	free(teams);
	free(committee);
}

/* What the page's query asks: filters and the sort order. Borrowed from the request. */
struct view {
	const char *team, *manager, *verdict, *sort;
};

static int
shown(const struct calib_person *cp, const struct view *v)
{
	const struct store_person *i = &cp->p->info;

	if (v->team && *v->team && (i->team == NULL || strcmp(i->team, v->team) != 0))
		return 0;
	if (v->manager && *v->manager && (i->manager == NULL || strcmp(i->manager, v->manager)))
		return 0;
	if (v->verdict && *v->verdict &&
	    strcmp(assess_verdict_name(cp->p->readiness.verdict), v->verdict) != 0)
		return 0;
	return 1;
}

static const char *
str0(const char *s)
{
	return s ? s : "";
}

/* -1, 0, 1: a before b in the order v->sort names (name by default; ties by id). */
static int
order(const struct calib_person *a, const struct calib_person *b, const struct view *v)
{
	const char *s = v->sort ? v->sort : "name";
	int c = 0;

	if (strcmp(s, "readiness") == 0)
		c = a->share[ROLE_MANAGER] > b->share[ROLE_MANAGER] ? -1 :
		    a->share[ROLE_MANAGER] < b->share[ROLE_MANAGER];
	else if (strcmp(s, "gap") == 0) {
		double ga = isnan(a->gap) ? -1e9 : fabs(a->gap), gb = isnan(b->gap) ? -1e9 : fabs(b->gap);

		c = ga > gb ? -1 : ga < gb;
	} else if (strcmp(s, "team") == 0)
		c = strcmp(str0(a->p->info.team), str0(b->p->info.team));
	else if (strcmp(s, "manager") == 0)
		c = strcmp(str0(a->p->info.manager), str0(b->p->info.manager));
	else if (strcmp(s, "verdict") == 0)
		c = (int)a->p->readiness.verdict - (int)b->p->readiness.verdict;
	if (c == 0)
		c = strcmp(str0(a->p->info.name), str0(b->p->info.name));
	if (c == 0)
		c = strcmp(a->p->info.id, b->p->info.id);
	return c;
}

/* The people of report r that the view shows, in its order (insertion sort: a room's worth). */
static size_t
rows_of(const struct calib_report *rep, const struct view *v, const struct calib_person **out)
{
	size_t i, j, n = 0;

	for (i = 0; i < rep->npeople; i++) {
		const struct calib_person *cp = &rep->people[i];

		if (!shown(cp, v))
			continue;
		for (j = n; j > 0 && order(cp, out[j - 1], v) < 0; j--)
			out[j] = out[j - 1];
		out[j] = cp;
		n++;
	}
	return n;
}

static void
select_field(struct buf *b, const char *name, const char *label, char **opts, size_t n,
    const char *current)
{
	size_t i;

	buf_printf(b, "<label for=\"v-%s\">%s</label> <select id=\"v-%s\" name=\"%s\">"
	    "<option value=\"\">any</option>", name, label, name, name);
	for (i = 0; i < n; i++) {
		buf_puts(b, "<option value=\"");
		html_escape(b, opts[i]);
		buf_puts(b, current && strcmp(current, opts[i]) == 0 ? "\" selected>" : "\">");
		html_escape(b, opts[i]);
		buf_puts(b, "</option>");
	}
	buf_puts(b, "</select>\n");
}

/* Adds s to a list of distinct strings (borrowed). */
static void
add_distinct(char ***list, size_t *n, size_t *cap, const char *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < *n; i++)
		if (strcmp((*list)[i], s) == 0)
			return;
	xgrow((void **)list, cap, *n + 1, sizeof(char *));
	(*list)[(*n)++] = (char *)s;
}

static void
filter_form(struct buf *b, const struct sess *x, const struct view *v)
{
	static char *verdicts[] = { "ready", "borderline", "not-ready" };
	static char *sorts[] = { "name", "readiness", "gap", "team", "manager", "verdict" };
	char **teams = NULL, **managers = NULL;
	size_t nt = 0, nm = 0, ct = 0, cm = 0, i;

	for (i = 0; i < x->c.n; i++) {
		add_distinct(&teams, &nt, &ct, x->c.people[i].info.team);
		add_distinct(&managers, &nm, &cm, x->c.people[i].info.manager);
	}
	buf_puts(b, "<form class=\"filters\" method=\"get\" action=\"");
	session_href(b, &x->s, "");
	buf_puts(b, "\">\n");
	select_field(b, "team", "Team", teams, nt, v->team);
	select_field(b, "manager", "Manager", managers, nm, v->manager);
	select_field(b, "verdict", "Verdict", verdicts, 3, v->verdict);
	buf_puts(b, "<label for=\"v-sort\">Sort by</label> <select id=\"v-sort\" name=\"sort\">");
	for (i = 0; i < 6; i++) {
		buf_printf(b, "<option value=\"%s\"%s>%s</option>", sorts[i],
		    v->sort && strcmp(v->sort, sorts[i]) == 0 ? " selected" : "", sorts[i]);
	}
	buf_puts(b, "</select>\n<button type=\"submit\">Show</button>\n</form>\n");
	free(teams);
	free(managers);
}

static long
meets_value(const struct model *m)
{
	const struct model_scale_point *sp = m && m->meets ? model_scale_point(m, m->meets) : NULL;

	return sp ? sp->value : 0;
}

/* A matrix cell: the mean manager rating, a class for its colour and a sign for it. */
static void
cell(struct buf *b, double v, long meets)
{
	if (isnan(v)) {
		buf_puts(b, "<td class=\"c-none\">–</td>");
		return;
	}
	if (v < (double)meets - 0.25)
		buf_printf(b, "<td class=\"c-low\">▼ %.1f</td>", v);
	else if (v > (double)meets + 0.25)
		buf_printf(b, "<td class=\"c-high\">▲ %.1f</td>", v);
	else
		buf_printf(b, "<td class=\"c-meets\">● %.1f</td>", v);
}

static void
bar(struct buf *b, double share, double threshold)
{
	int pct = (int)lround((isnan(share) ? 0 : share) * 100);

	buf_printf(b, "<span class=\"bar\"><span class=\"fill w%d\"></span><span "
	    "class=\"mark t%d\"></span></span> %d%%", pct / 5 * 5,
	    (int)lround(threshold * 100) / 5 * 5, pct);
}

static void
rater_flag(struct buf *b, const struct calib_report *rep, const struct calib_person *cp)
{
	const struct calib_rater *ra = cp->rater >= 0 ? &rep->raters[cp->rater] : NULL;

	html_escape(b, ra && ra->name ? ra->name : cp->p->info.manager ? cp->p->info.manager :
	    "none");
	if (ra == NULL)
		return;
	if (ra->flag > 0)
		buf_printf(b, " <span class=\"flag lenient\">lenient z %+.1f</span>", ra->z);
	else if (ra->flag < 0)
		buf_printf(b, " <span class=\"flag severe\">severe z %+.1f</span>", ra->z);
}

static void
outcome_cell(struct buf *b, struct request *r, const struct sess *x, const char *person)
{
	struct store_decision d;
	int got = store_decision_get(r->st, person, x->s.cycle, &d);

	buf_puts(b, "<td class=\"outcome\" data-outcome=\"");
	html_escape(b, person);
	buf_puts(b, "\">");
	if (got == 1) {
		html_escape(b, d.outcome);
		if (d.to_level)
			html_wrap(b, " to ", d.to_level, "");
	} else
		buf_puts(b, "none yet");
	buf_puts(b, "</td>");
	store_decision_clear(&d);
}

/*
 * The team-context cell of a person: their team's outcomes in the cycle,
 * from the report's team context (calib_load), in a column of its own after
 * every figure: context for the committee, never part of a score.
 */
static void
team_context_cell(struct buf *b, const struct calib_report *rep, const struct cycle_person *p)
{
	const struct team_outcomes *o = NULL;
	size_t i;
	char *line;

	for (i = 0; p->info.team != NULL && i < rep->nteams; i++)
		if (strcmp(rep->teams[i].team, p->info.team) == 0)
			o = rep->teams[i].outcomes;
	buf_puts(b, "<td class=\"context\">");
	if (p->info.team == NULL) {
		buf_puts(b, "no team</td>");
		return;
	}
	html_wrap(b, "<span class=\"team\">", p->info.team, "</span>: ");
	if (o == NULL || o->n == 0) {
		buf_puts(b, "no outcomes imported for this cycle</td>");
		return;
	}
	line = outcomes_summary(o);
	html_escape(b, line);
	free(line);
	buf_puts(b, "</td>");
}

/* The side-by-side table of one target level's people. */
static void
matrix(struct buf *b, struct request *r, const struct sess *x, const struct calib_report *rep,
    const struct calib_person **rows, size_t n)
{
	const struct model_competency **comps = NULL;
	const struct model *m = n ? rows[0]->p->model : NULL;
	size_t nc = 0, cap = 0, i, j, k;
	long meets = meets_value(m);

	for (i = 0; i < n; i++)
		for (j = 0; j < rows[i]->p->items->n; j++) {
			const struct model_competency *c = rows[i]->p->items->items[j]->competency;

			for (k = 0; k < nc && strcmp(comps[k]->id, c->id) != 0; k++)
				;
			if (k == nc) {
				xgrow((void **)&comps, &cap, nc + 1, sizeof(*comps));
				comps[nc++] = c;
			}
		}
	buf_puts(b, "<div class=\"scroll\"><table class=\"matrix\">\n<caption>Mean manager rating "
	    "per competency (▲ above meets, ● meets, ▼ below)</caption>\n<thead><tr><th "
	    "scope=\"col\">Person (team · manager)</th><th scope=\"col\">Readiness "
	    "(manager)</th><th scope=\"col\">Self − manager"
	    "</th><th scope=\"col\">Unsupported</th><th scope=\"col\">Verdict</th><th "
	    "scope=\"col\">Outcome</th>");
	for (k = 0; k < nc; k++)
		html_wrap(b, "<th scope=\"col\">", comps[k]->title ? comps[k]->title : comps[k]->id,
		    "</th>");
	buf_puts(b, "<th scope=\"col\" class=\"context\">Team context: the team's outcomes, "
	    "not a score</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < n; i++) {
		const struct calib_person *cp = rows[i];
		const struct cycle_person *p = cp->p;

		buf_puts(b, "<tr><th scope=\"row\"><a href=\"#p-");
		html_escape(b, p->info.id);
		buf_puts(b, "\">");
		html_escape(b, p->info.name ? p->info.name : p->info.id);
		html_wrap(b, "</a><br><span class=\"sub\">", p->info.team ? p->info.team : "no team",
		    " · ");
		rater_flag(b, rep, cp);
		buf_puts(b, "</span></th><td>");
		bar(b, cp->share[ROLE_MANAGER], p->model->threshold);
		buf_puts(b, "</td>");
		if (isnan(cp->gap))
			buf_puts(b, "<td>–</td>");
		else
			buf_printf(b, "<td class=\"%s\">%+.2f</td>", fabs(cp->gap) >= 0.5 ?
			    "gap-wide" : "gap", cp->gap);
		if (cp->evidence.unsupported > 0)
			buf_printf(b, "<td class=\"unsupported\">⚠ %zu</td>", cp->evidence.unsupported);
		else
			buf_puts(b, "<td>0</td>");
		buf_printf(b, "<td class=\"v-%s\">%s</td>",
		    assess_verdict_name(p->readiness.verdict),
		    assess_verdict_name(p->readiness.verdict));
		outcome_cell(b, r, x, p->info.id);
		for (k = 0; k < nc; k++) {
			double sum = 0;
			unsigned cnt = 0;

			for (j = 0; j < p->items->n; j++)
				if (strcmp(p->items->items[j]->competency->id, comps[k]->id) == 0) {
					sum += p->tally.sum[ROLE_MANAGER][j];
					cnt += p->tally.count[ROLE_MANAGER][j];
				}
			cell(b, cnt ? sum / cnt : NAN, meets);
		}
		team_context_cell(b, rep, p);
		buf_puts(b, "</tr>\n");
	}
	buf_puts(b, "</tbody></table></div>\n");
	free(comps);
}

/* The level's readiness distribution: the report's histogram of manager shares, as bars. */
static void
distribution(struct buf *b, const struct calib_report *rep)
{
	size_t i, l, most = 1, v[3] = { 0, 0, 0 };

	for (i = 0; i < rep->npeople; i++)
		v[rep->people[i].p->readiness.verdict]++;
	buf_printf(b, "<p class=\"verdicts\"><span class=\"v-ready\">ready %zu</span> "
	    "<span class=\"v-borderline\">borderline %zu</span> <span class=\"v-not-ready\">"
	    "not ready %zu</span></p>\n", v[VERDICT_READY], v[VERDICT_BORDERLINE],
	    v[VERDICT_NOT_READY]);
	for (l = 0; l < rep->nlevels; l++)
		for (i = 0; i < CALIB_BUCKETS; i++)
			if (rep->levels[l].hist[i] > most)
				most = rep->levels[l].hist[i];
	buf_puts(b, "<table class=\"hist\"><caption>Readiness (share of expectations met, "
	    "manager) — people per tenth</caption>\n<tbody>\n");
	for (i = 0; i < CALIB_BUCKETS; i++) {
		size_t n = 0;

		for (l = 0; l < rep->nlevels; l++)
			n += rep->levels[l].hist[i];
		buf_printf(b, "<tr><th scope=\"row\">%zu–%zu%%</th><td><span class=\"hbar w%zu\">"
		    "</span> %zu</td></tr>\n", i * 10, i * 10 + 10, n * 100 / most / 5 * 5, n);
	}
	buf_puts(b, "</tbody></table>\n");
}

struct tally_row {
	const char *key;
	size_t before[3], after[4];	/* verdicts; promote, hold, defer, none */
};

static void
tally_add(struct tally_row **rows, size_t *n, size_t *cap, const char *key, int verdict,
    int after)
{
	size_t i;

	for (i = 0; i < *n && strcmp((*rows)[i].key, key) != 0; i++)
		;
	if (i == *n) {
		xgrow((void **)rows, cap, *n + 1, sizeof(**rows));
		memset(&(*rows)[i], 0, sizeof(**rows));
		(*rows)[i].key = key;
		(*n)++;
	}
	(*rows)[i].before[verdict]++;
	(*rows)[i].after[after]++;
}

static void
tally_table(struct buf *b, const char *what, const struct tally_row *rows, size_t n)
{
	size_t i;

	buf_puts(b, "<table class=\"before-after\">\n<thead><tr>");
	html_wrap(b, "<th scope=\"col\">", what, "</th>");
	buf_puts(b, "<th scope=\"col\">ready</th><th scope=\"col\">borderline</th><th "
	    "scope=\"col\">not ready</th><th scope=\"col\">promote</th><th scope=\"col\">hold"
	    "</th><th scope=\"col\">defer</th><th scope=\"col\">undecided</th></tr></thead>\n"
	    "<tbody>\n");
	for (i = 0; i < n; i++) {
		html_wrap(b, "<tr><th scope=\"row\">", rows[i].key, "</th>");
		buf_printf(b, "<td>%zu</td><td>%zu</td><td>%zu</td><td>%zu</td><td>%zu</td>"
		    "<td>%zu</td><td>%zu</td></tr>\n", rows[i].before[0], rows[i].before[1],
		    rows[i].before[2], rows[i].after[0], rows[i].after[1], rows[i].after[2],
		    rows[i].after[3]);
	}
	buf_puts(b, "</tbody></table>\n");
}

/* Before (readiness verdicts) and after (decisions), per target level and per manager. */
static int
before_after(struct buf *b, struct request *r, const struct sess *x)
{
	struct tally_row *lv = NULL, *mg = NULL;
	size_t nl = 0, cl = 0, nm = 0, cm = 0, i;

	for (i = 0; i < x->c.n; i++) {
		const struct cycle_person *p = &x->c.people[i];
		struct store_decision d;
		int got = store_decision_get(r->st, p->info.id, x->s.cycle, &d), after = 3;

		if (got < 0) {
			free(lv);
			free(mg);
			return -1;
		}
		if (got == 1)
			after = strcmp(d.outcome, "promote") == 0 ? 0 :
			    strcmp(d.outcome, "hold") == 0 ? 1 : 2;
		store_decision_clear(&d);
		tally_add(&lv, &nl, &cl, p->target->id, (int)p->readiness.verdict, after);
		tally_add(&mg, &nm, &cm, p->info.manager ? p->info.manager : "(none)",
		    (int)p->readiness.verdict, after);
	}
	buf_puts(b, "<section class=\"after\"><h2>Before and after</h2>\n<p>Before: the "
	    "readiness verdicts from the ratings. After: the outcomes recorded.</p>\n");
	tally_table(b, "Target level", lv, nl);
	tally_table(b, "Manager", mg, nm);
	buf_puts(b, "</section>\n");
	free(lv);
	free(mg);
	return 0;
}

static const char *
rating_label(const struct model *m, const struct cycle_rating *rt)
{
	size_t i;

	if (!rt->rated)
		return "not rated";
	for (i = 0; i < m->nscale; i++)
		if (m->scale[i]->value == rt->value)
			return m->scale[i]->label ? m->scale[i]->label : m->scale[i]->id;
	return "?";
}

static void
outcome_select(struct buf *b, const char *id)
{
	buf_printf(b, "<label for=\"%s\">Outcome</label> <select id=\"%s\" name=\"outcome\">"
	    "<option>promote</option><option>hold</option><option>defer</option></select>\n",
	    id, id);
}

struct drawer_walk {
	struct buf *b;
	const char *person;
	int n;
};

static int
proposal_item(const struct store_proposal *p, void *arg)
{
	struct drawer_walk *w = arg;

	if (strcmp(p->person, w->person) != 0)
		return 0;
	html_wrap(w->b, "<li><strong>", p->account, "</strong> proposes ");
	html_escape(w->b, p->outcome);
	if (p->to_level)
		html_wrap(w->b, " to ", p->to_level, "");
	if (p->reason)
		html_wrap(w->b, ": ", p->reason, "");
	buf_puts(w->b, "</li>\n");
	w->n++;
	return 0;
}

/* Person id as a form-control id suffix: ids are [A-Za-z0-9._@-], all fine in an id. */

/* The words of a session form's fields: id prefixes, the text's name and label, the button. */
struct form_words {
	const char *select, *to, *text;
	const char *name, *label, *required, *button;
};

static const struct form_words record_words = { "o", "t", "r", "rationale", "Rationale",
	" required", "Record" };
static const struct form_words propose_words = { "q", "qt", "qr", "reason", "Reason", "",
	"Propose" };

/*
 * The fields of the outcome and the proposal forms for person, from the
 * outcome's select to the end of the form: the level (prefilled with to
 * unless NULL) and the text the decision needs.
 */
static void
decision_fields(struct buf *b, const char *person, const char *to, const struct form_words *f)
{
	struct buf id = {0};

	buf_printf(&id, "%s-", f->select);
	html_escape(&id, person);
	outcome_select(b, id.data);
	buf_printf(b, " <label for=\"%s-", f->to);
	html_escape(b, person);
	buf_printf(b, "\">to level</label> <input id=\"%s-", f->to);
	html_escape(b, person);
	buf_puts(b, "\" name=\"to\" size=\"6\"");
	if (to != NULL)
		html_wrap(b, " value=\"", to, "\"");
	buf_printf(b, "></p>\n<p><label for=\"%s-", f->text);
	html_escape(b, person);
	buf_printf(b, "\">%s</label><br><textarea id=\"%s-", f->label, f->text);
	html_escape(b, person);
	buf_printf(b, "\" name=\"%s\" rows=\"2\" cols=\"60\"%s></textarea></p>\n"
	    "<p><button type=\"submit\">%s</button></p></form>\n", f->name, f->required, f->button);
	buf_free(&id);
}

static void
drawer(struct buf *b, struct request *r, const struct sess *x, const struct cycle_person *p,
    long long rev, int *private_read)
{
	const struct model *m = p->model;
	struct drawer_walk w = { b, p->info.id, 0 };
	size_t j, k;

	buf_puts(b, "<details class=\"drawer\" id=\"p-");
	html_escape(b, p->info.id);
	buf_puts(b, "\"><summary>");
	html_escape(b, p->info.name ? p->info.name : p->info.id);
	html_wrap(b, " — ", p->info.level ? p->info.level : "?", " → ");
	html_escape(b, p->target->id);
	buf_puts(b, ": evidence, links, notes and outcome</summary>\n");
	buf_puts(b, "<h3>Proposals</h3>\n<ul class=\"proposals\">\n");
	store_proposals_each(r->st, x->s.cycle, x->s.id, proposal_item, &w);
	if (w.n == 0)
		buf_puts(b, "<li>none</li>\n");
	buf_puts(b, "</ul>\n<table class=\"evidence\">\n<thead><tr><th scope=\"col\">Expectation"
	    "</th><th scope=\"col\">Rater</th><th scope=\"col\">Rating</th><th scope=\"col\">"
	    "Evidence, links and private notes</th></tr></thead>\n<tbody>\n");
	for (j = 0; j < p->items->n; j++) {
		const struct model_expectation *e = p->items->items[j];

		for (k = 0; k < p->nratings; k++) {
			const struct cycle_rating *rt = &p->ratings[k];
			size_t l;

			if (rt->index != j)
				continue;
			buf_puts(b, "<tr><td>");
			html_wrap(b, "<code>", e->id, "</code> ");
			html_escape(b, e->text);
			html_wrap(b, "</td><td>", assess_role_name(rt->role), " ");
			html_escape(b, rt->rater ? rt->rater : "");
			html_wrap(b, "</td><td>", rating_label(m, rt), "");
			if (rt->flags & EVIDENCE_UNSUPPORTED)
				buf_puts(b, " <span class=\"flag unsupported\">⚠ unsupported</span>");
			if (rt->flags & EVIDENCE_ACTIVITY_ONLY)
				buf_puts(b, " <span class=\"flag activity\">activity only</span>");
			buf_puts(b, "</td><td>");
			if (rt->evidence)
				html_wrap(b, "<p>", rt->evidence, "</p>");
			for (l = 0; l < rt->nlinks; l++) {
				html_wrap(b, "<p class=\"link\">Link (", rt->links[l].kind ?
				    rt->links[l].kind : "other", "): ");
				html_wrap(b, "<span class=\"url\">", rt->links[l].target, "</span></p>");
			}
			if (rt->private_note) {
				html_wrap(b, "<p class=\"private\"><strong>Private note:</strong> ",
				    rt->private_note, "</p>");
				*private_read = 1;
			}
			buf_puts(b, "</td></tr>\n");
		}
	}
	buf_puts(b, "</tbody></table>\n");
	if (x->s.locked) {
		buf_puts(b, "<p class=\"locked-note\">The session is locked: no more changes.</p>\n"
		    "</details>\n");
		return;
	}
	if (x->member || authz_is_hr(&r->caller)) {
		buf_puts(b, "<form class=\"record\" method=\"post\" action=\"");
		session_href(b, &x->s, "/outcome");
		buf_puts(b, "\"><h3>Record the outcome</h3>");
		csrf_field(b, r);
		html_wrap(b, "<input type=\"hidden\" name=\"person\" value=\"", p->info.id, "\">");
		buf_puts(b, "<input type=\"hidden\" name=\"revision\" data-person=\"");
		html_escape(b, p->info.id);
		buf_printf(b, "\" value=\"%lld\">\n<p>", rev);
		decision_fields(b, p->info.id, p->target->id, &record_words);
	}
	if (x->member) {
		buf_puts(b, "<form class=\"propose\" method=\"post\" action=\"");
		session_href(b, &x->s, "/proposal");
		buf_puts(b, "\"><h3>Your proposal</h3>");
		csrf_field(b, r);
		html_wrap(b, "<input type=\"hidden\" name=\"person\" value=\"", p->info.id, "\">\n<p>");
		decision_fields(b, p->info.id, NULL, &propose_words);
	}
	buf_puts(b, "</details>\n");
}

static int
log_row(const struct store_session_entry *e, void *arg)
{
	struct buf *b = arg;

	html_wrap(b, "<tr><td>", e->at, "</td>");
	html_wrap(b, "<td>", e->actor, "</td>");
	html_wrap(b, "<td>", e->action, "</td>");
	html_wrap(b, "<td>", e->person ? e->person : "", "</td>");
	html_wrap(b, "<td>", e->before ? e->before : "–", "</td>");
	html_wrap(b, "<td>", e->after ? e->after : "–", "</td>");
	html_wrap(b, "<td>", e->rationale ? e->rationale : "", "</td></tr>\n");
	return 0;
}

static void
exports(struct buf *b, const struct sess *x)
{
	static const char *const f[] = { "html", "csv", "json" };
	size_t i;

	buf_puts(b, "<section class=\"exports\"><h2>Export</h2>\n<ul>\n");
	for (i = 0; i < 3; i++) {
		buf_puts(b, "<li><a href=\"/api/v1/cycles/");
		html_escape(b, x->s.cycle);
		buf_puts(b, "/sessions/");
		html_escape(b, x->s.id);
		buf_printf(b, "/report?format=%s\">Calibration report (%s)</a></li>\n", f[i], f[i]);
	}
	buf_puts(b, "<li><a href=\"/api/v1/cycles/");
	html_escape(b, x->s.cycle);
	buf_puts(b, "/sessions/");
	html_escape(b, x->s.id);
	buf_puts(b, "/audit\">Audit trail (JSON)</a></li>\n");
	buf_puts(b, "</ul></section>\n");
}

void
page_session(struct request *r)
{
	struct view v = { req_query(r, "team"), req_query(r, "manager"), req_query(r, "verdict"),
	    req_query(r, "sort") };
	const struct calib_person **rows = NULL;
	struct buf b = {0};
	char stamp[64];
	struct sess x;
	size_t l, i;
	int private_read = 0;

	if (sess_find(r, r->param[0], r->param[1], &x, 1) != 1 ||
	    sess_load(r, &x, CYCLE_RATINGS | CYCLE_PRIVATE, 1) != 0) {
		sess_clear(&x);
		return;
	}
	if (store_session_stamp(r->st, x.s.cycle, x.s.id, stamp, sizeof(stamp)) != 0) {
		fail(r, 1, 500, "database error");
		sess_clear(&x);
		return;
	}
	buf_puts(&b, "<link rel=\"stylesheet\" href=\"/static/session.css\">\n"
	    "<script src=\"/static/session.js\" defer></script>\n<div id=\"session\" "
	    "class=\"session\" data-state=\"/api/v1/cycles/");
	html_escape(&b, x.s.cycle);
	buf_puts(&b, "/sessions/");
	html_escape(&b, x.s.id);
	buf_printf(&b, "/state\" data-etag=\"&quot;%s&quot;\">\n", stamp);
	html_wrap(&b, "<h1>", x.s.title, "</h1>\n<p class=\"meta\">Cycle ");
	html_escape(&b, x.s.cycle);
	buf_puts(&b, " · target ");
	list_text(&b, x.s.levels, x.s.nlevels, "any level");
	buf_puts(&b, " · team ");
	list_text(&b, x.s.teams, x.s.nteams, "any team");
	buf_puts(&b, " · committee ");
	list_text(&b, x.s.committee, x.s.ncommittee, "none");
	buf_printf(&b, " · <strong id=\"status\">%s</strong></p>\n", x.s.locked ?
	    "Locked: no more changes" : "Open");
	buf_puts(&b, "<p id=\"live\" class=\"live\" role=\"status\" aria-live=\"polite\"></p>\n");
	filter_form(&b, &x, &v);
	rows = xcalloc(x.report.npeople + 1, sizeof(*rows));
	for (l = 0; l < x.s.nlevels || (x.s.nlevels == 0 && l == 0); l++) {
		/* one report per target level: egf calibrate --target L over the session's people */
		struct calib_slice sl = { NULL, NULL, NULL, x.s.nlevels ? x.s.levels[l] : NULL };
		struct calib_report rep;
		struct calib_strings keep;
		size_t n;

		if (calib_load(&rep, &keep, r->st, &x.c, &sl) != 0) {
			calib_report_free(&rep);
			calib_strings_free(&keep);
			continue;
		}
		n = rows_of(&rep, &v, rows);
		buf_puts(&b, "<section class=\"level\"><h2>");
		if (sl.target)
			html_wrap(&b, "Target ", sl.target, "");
		else
			buf_puts(&b, "Every target level");
		buf_printf(&b, ": %zu of %zu people shown</h2>\n", n, rep.npeople);
		if (rep.few)
			buf_puts(&b, "<p class=\"warn\">Fewer than 5 people: the statistics mislead."
			    "</p>\n");
		distribution(&b, &rep);
		if (n > 0)
			matrix(&b, r, &x, &rep, rows, n);
		for (i = 0; i < n; i++)
			drawer(&b, r, &x, rows[i]->p, store_session_revision(r->st, x.s.cycle,
			    rows[i]->p->info.id), &private_read);
		buf_puts(&b, "</section>\n");
		calib_report_free(&rep);
		calib_strings_free(&keep);
	}
	free(rows);
	if (before_after(&b, r, &x) != 0) {
		buf_free(&b);
		fail(r, 1, 500, "database error");
		sess_clear(&x);
		return;
	}
	buf_puts(&b, "<section class=\"audit\"><h2>Audit trail</h2>\n<div class=\"scroll\"><table>"
	    "<thead><tr><th scope=\"col\">When</th><th scope=\"col\">Who</th><th scope=\"col\">"
	    "What</th><th scope=\"col\">Person</th><th scope=\"col\">Before</th><th "
	    "scope=\"col\">After</th><th scope=\"col\">Rationale or reason</th></tr></thead>"
	    "<tbody id=\"audit\">\n");
	store_session_log_each(r->st, x.s.cycle, x.s.id, log_row, &b);
	buf_puts(&b, "</tbody></table></div></section>\n");
	exports(&b, &x);
	if (authz_is_hr(&r->caller) && !x.s.locked) {
		buf_puts(&b, "<form class=\"lock\" method=\"post\" action=\"");
		session_href(&b, &x.s, "/lock");
		buf_puts(&b, "\">");
		csrf_field(&b, r);
		buf_puts(&b, "<button type=\"submit\">Lock the session</button></form>\n");
	}
	buf_puts(&b, "</div>\n");
	if (private_read) {
		char subject[300];

		snprintf(subject, sizeof(subject), "session %s/%s", x.s.cycle, x.s.id);
		if (serve_log(r, "read private notes", subject) != 0) {
			buf_free(&b);
			fail(r, 1, 500, "the access log could not be written");
			sess_clear(&x);
			return;
		}
	}
	page_render(r, 200, x.s.title, b.data);
	buf_free(&b);
	sess_clear(&x);
}

/* Answers a page form: back to the session, or a page that says why not. */
static void
page_answer(struct request *r, const struct sess *x, const struct answer *a, const char *person)
{
	struct buf b = {0};

	if (a->status >= 200 && a->status < 300) {
		session_href(&b, &x->s, "");
		if (person) {
			buf_puts(&b, "#p-");
			html_escape(&b, person);
		}
		reply_redirect(r, b.data);
		buf_free(&b);
		return;
	}
	html_wrap(&b, "<h1>", a->status == 409 ? "Not recorded" : "Refused", "</h1>\n");
	html_wrap(&b, "<p>", a->msg, "</p>\n");
	if (a->current != NULL) {
		const char *oc = json_string_value(json_object_get(a->current, "outcome"));
		const char *to = json_string_value(json_object_get(a->current, "to"));
		const char *by = json_string_value(json_object_get(a->current, "decided_by"));
		const char *why = json_string_value(json_object_get(a->current, "rationale"));

		buf_puts(&b, "<p>The outcome now: <strong>");
		html_escape(&b, oc ? oc : "none");
		if (to)
			html_wrap(&b, " to ", to, "");
		buf_puts(&b, "</strong>");
		if (by)
			html_wrap(&b, ", recorded by ", by, "");
		if (why)
			html_wrap(&b, ": ", why, "");
		buf_puts(&b, ".</p>\n");
	}
	buf_puts(&b, "<p><a href=\"");
	session_href(&b, &x->s, "");
	buf_puts(&b, "\">Back to the session</a> (it shows the latest values).</p>\n");
	page_render(r, a->status, a->status == 409 ? "Not recorded" : "Refused", b.data);
	buf_free(&b);
}

static void
page_write(struct request *r, int outcome)
{
	char *person = req_form(r, "person"), *oc = req_form(r, "outcome"), *to = req_form(r, "to");
	char *text = req_form(r, outcome ? "rationale" : "reason"), *rev = req_form(r, "revision");
	struct answer a;
	struct sess x;
	struct ask q;
	char *end = NULL;

	memset(&a, 0, sizeof(a));
	if (sess_find(r, r->param[0], r->param[1], &x, 1) != 1 || sess_load(r, &x, 0, 1) != 0)
		goto out;
	q.person = person;
	q.outcome = oc;
	/* the form's level field is filled with the target: it goes only with promote */
	q.to = oc && strcmp(oc, "promote") == 0 ? to : NULL;
	q.text = text;
	q.revision = rev && *rev ? strtoll(rev, &end, 10) : -1;
	if (end != NULL && *end != '\0')
		q.revision = -1;
	if (outcome)
		record_outcome(r, &x, &q, &a);
	else
		record_proposal(r, &x, &q, &a);
	page_answer(r, &x, &a, person);
out:
	json_decref(a.current);
	sess_clear(&x);
	free(person);
	free(oc);
	free(to);
	free(text);
	free(rev);
}

void
page_session_outcome(struct request *r)
{
	page_write(r, 1);
}

void
page_session_proposal(struct request *r)
{
	page_write(r, 0);
}

void
page_session_lock(struct request *r)
{
	struct answer a;
	struct sess x;

	if (sess_find(r, r->param[0], r->param[1], &x, 1) == 1) {
		record_lock(r, &x, &a);
		page_answer(r, &x, &a, NULL);
	}
	sess_clear(&x);
}

/* ---- the page's stylesheet and script (served as files: no inline style or script) ---- */

static const char session_css[] =
	"/* The calibration session page (docs/sessions.md): large type for a projector, colours of WCAG AA contrast, nothing only on hover. */\n"
	".session { font-size: 1.25rem; line-height: 1.45; color: #111111; background: #ffffff; width: 96vw; margin-left: calc(50% - 48vw); box-sizing: border-box; padding: 0 1rem; }\n"
	".session form.filters label, .session form.filters select, .session form.filters button { display: inline-block; width: auto; margin: 0 0.4rem 0.4rem 0; }\n"
	".session h1 { font-size: 2.2rem; }\n"
	".session h2 { font-size: 1.7rem; margin-top: 2rem; }\n"
	".session .meta, .session .live { font-size: 1.1rem; }\n"
	".session .live { min-height: 1.5em; color: #0b4f8a; font-weight: bold; }\n"
	".session .scroll { overflow-x: auto; }\n"
	".session table { border-collapse: collapse; margin: 0.5rem 0 1rem; }\n"
	".session th, .session td { border: 1px solid #5f6b76; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }\n"
	".session caption { text-align: left; font-weight: bold; padding: 0.3rem 0; }\n"
	".session .matrix td { white-space: nowrap; }\n"
	".session .matrix thead th { white-space: normal; font-size: 1.05rem; }\n"
	".session .matrix .sub { font-weight: normal; font-size: 1rem; white-space: nowrap; }\n"
	".session .matrix .context { border-left: 6px double #5f6b76; background: #f3f5f8; color: #111111; white-space: normal; min-width: 18rem; max-width: 30rem; font-size: 1rem; }\n"
	".session .matrix .context .team { font-weight: bold; }\n"
	".session .c-high { background: #cde9d6; color: #111111; }\n"
	".session .c-meets { background: #fff0b3; color: #111111; }\n"
	".session .c-low { background: #f9d0d0; color: #111111; }\n"
	".session .c-none { background: #eeeeee; color: #111111; }\n"
	".session .flag { display: inline-block; padding: 0 0.35rem; border-radius: 0.25rem; font-size: 1rem; font-weight: bold; }\n"
	".session .lenient { background: #7a3e00; color: #ffffff; }\n"
	".session .severe { background: #0b4f8a; color: #ffffff; }\n"
	".session .unsupported, .session .flag.unsupported { background: #8a1c1c; color: #ffffff; }\n"
	".session .activity { background: #4a4a4a; color: #ffffff; }\n"
	".session .gap-wide { font-weight: bold; text-decoration: underline; }\n"
	".session .v-ready { color: #1b5e20; font-weight: bold; }\n"
	".session .v-borderline { color: #7a4a00; font-weight: bold; }\n"
	".session .v-not-ready { color: #8a1c1c; font-weight: bold; }\n"
	".session .verdicts span { margin-right: 1.5rem; }\n"
	".session .bar { display: inline-block; position: relative; width: 5rem; height: 1rem; background: #dde3ea; border: 1px solid #5f6b76; vertical-align: middle; }\n"
	".session .bar .fill { position: absolute; left: 0; top: 0; bottom: 0; background: #1f5fa8; }\n"
	".session .bar .mark { position: absolute; top: -0.2rem; bottom: -0.2rem; width: 0.2rem; background: #111111; box-shadow: 0 0 0 1px #ffffff; }\n"
	".session .hbar { display: inline-block; height: 1rem; background: #1f5fa8; vertical-align: middle; max-width: 20rem; }\n"
	".session .hist td { min-width: 22rem; }\n"
	".session details.drawer { border: 2px solid #5f6b76; margin: 0.6rem 0; padding: 0.4rem 0.8rem; }\n"
	".session details.drawer > summary { cursor: pointer; font-weight: bold; font-size: 1.3rem; }\n"
	".session .private { background: #fff0b3; color: #111111; padding: 0.2rem; }\n"
	".session .url { font-family: monospace; word-break: break-all; }\n"
	".session .changed { outline: 4px solid #7a3e00; }\n"
	".session .outcome { font-weight: bold; }\n"
	".session form.filters { margin: 1rem 0; }\n"
	".session form.filters select, .session form.filters button, .session form button, .session form select, .session form input, .session textarea { font-size: 1.15rem; }\n"
	".session .locked-note, .session.locked #status { color: #8a1c1c; font-weight: bold; }\n"
	".session.locked form.record, .session.locked form.propose, .session.locked form.lock { display: none; }\n"
	".session .fill.w0 { width: 0%; } .session .mark.t0 { left: 0%; } .session .hbar.w0 { width: 0.000000rem; }\n"
	".session .fill.w5 { width: 5%; } .session .mark.t5 { left: 5%; } .session .hbar.w5 { width: 1.000000rem; }\n"
	".session .fill.w10 { width: 10%; } .session .mark.t10 { left: 10%; } .session .hbar.w10 { width: 2.000000rem; }\n"
	".session .fill.w15 { width: 15%; } .session .mark.t15 { left: 15%; } .session .hbar.w15 { width: 3.000000rem; }\n"
	".session .fill.w20 { width: 20%; } .session .mark.t20 { left: 20%; } .session .hbar.w20 { width: 4.000000rem; }\n"
	".session .fill.w25 { width: 25%; } .session .mark.t25 { left: 25%; } .session .hbar.w25 { width: 5.000000rem; }\n"
	".session .fill.w30 { width: 30%; } .session .mark.t30 { left: 30%; } .session .hbar.w30 { width: 6.000000rem; }\n"
	".session .fill.w35 { width: 35%; } .session .mark.t35 { left: 35%; } .session .hbar.w35 { width: 7.000000rem; }\n"
	".session .fill.w40 { width: 40%; } .session .mark.t40 { left: 40%; } .session .hbar.w40 { width: 8.000000rem; }\n"
	".session .fill.w45 { width: 45%; } .session .mark.t45 { left: 45%; } .session .hbar.w45 { width: 9.000000rem; }\n"
	".session .fill.w50 { width: 50%; } .session .mark.t50 { left: 50%; } .session .hbar.w50 { width: 10.000000rem; }\n"
	".session .fill.w55 { width: 55%; } .session .mark.t55 { left: 55%; } .session .hbar.w55 { width: 11.000000rem; }\n"
	".session .fill.w60 { width: 60%; } .session .mark.t60 { left: 60%; } .session .hbar.w60 { width: 12.000000rem; }\n"
	".session .fill.w65 { width: 65%; } .session .mark.t65 { left: 65%; } .session .hbar.w65 { width: 13.000000rem; }\n"
	".session .fill.w70 { width: 70%; } .session .mark.t70 { left: 70%; } .session .hbar.w70 { width: 14.000000rem; }\n"
	".session .fill.w75 { width: 75%; } .session .mark.t75 { left: 75%; } .session .hbar.w75 { width: 15.000000rem; }\n"
	".session .fill.w80 { width: 80%; } .session .mark.t80 { left: 80%; } .session .hbar.w80 { width: 16.000000rem; }\n"
	".session .fill.w85 { width: 85%; } .session .mark.t85 { left: 85%; } .session .hbar.w85 { width: 17.000000rem; }\n"
	".session .fill.w90 { width: 90%; } .session .mark.t90 { left: 90%; } .session .hbar.w90 { width: 18.000000rem; }\n"
	".session .fill.w95 { width: 95%; } .session .mark.t95 { left: 95%; } .session .hbar.w95 { width: 19.000000rem; }\n"
	".session .fill.w100 { width: 100%; } .session .mark.t100 { left: 100%; } .session .hbar.w100 { width: 20.000000rem; }\n";

static const char session_js[] =
	"// session.js: live updates of a calibration session page (docs/sessions.md).\n"
	"// Polls the session's state once a second with If-None-Match; the server\n"
	"// answers 304 while nothing changed. On a change it updates the outcome\n"
	"// cells, marks the people whose revision moved (their forms would now be\n"
	"// refused as stale: reload to record), and shows the lock.\n"
	"'use strict';\n"
	"(function () {\n"
	"	const root = document.getElementById('session');\n"
	"	if (!root)\n"
	"		return;\n"
	"	const url = root.dataset.state;\n"
	"	let etag = root.dataset.etag;\n"
	"	const seen = {};\n"
	"	for (const input of document.querySelectorAll('input[name=\"revision\"][data-person]'))\n"
	"		seen[input.dataset.person] = Number(input.value);\n"
	"	function text(p) {\n"
	"		if (!p.outcome)\n"
	"			return 'none yet';\n"
	"		return p.to ? p.outcome + ' to ' + p.to : p.outcome;\n"
	"	}\n"
	"	function apply(state) {\n"
	"		let changed = 0;\n"
	"		for (const p of state.people) {\n"
	"			for (const cell of document.querySelectorAll('[data-outcome]')) {\n"
	"				if (cell.dataset.outcome !== p.person)\n"
	"					continue;\n"
	"				if (cell.textContent !== text(p)) {\n"
	"					cell.textContent = text(p);\n"
	"					changed++;\n"
	"				}\n"
	"				if (seen[p.person] !== undefined && seen[p.person] !== p.revision)\n"
	"					cell.classList.add('changed');\n"
	"			}\n"
	"		}\n"
	"		if (state.locked) {\n"
	"			root.classList.add('locked');\n"
	"			document.getElementById('status').textContent = 'Locked: no more changes';\n"
	"		}\n"
	"		const live = document.getElementById('live');\n"
	"		if (live)\n"
	"			live.textContent = (changed ? changed + ' outcome' + (changed > 1 ? 's' : '') +\n"
	"			    ' changed' : 'Updated') + ' at ' + new Date().toLocaleTimeString() +\n"
	"			    (state.locked ? '; the session is locked' : '');\n"
	"	}\n"
	"	async function poll() {\n"
	"		try {\n"
	"			const res = await fetch(url, { headers: { 'If-None-Match': etag },\n"
	"			    credentials: 'same-origin', cache: 'no-store' });\n"
	"			if (res.status === 200) {\n"
	"				etag = res.headers.get('ETag') || etag;\n"
	"				apply(await res.json());\n"
	"			}\n"
	"		} catch (e) {\n"
	"			// the network or the server is away for a moment: the next poll tries again\n"
	"		}\n"
	"		setTimeout(poll, 1000);\n"
	"	}\n"
	"	setTimeout(poll, 1000);\n"
	"})();\n";

void
page_session_css(struct request *r)
{
	reply(r, 200, "text/css; charset=utf-8", session_css);
}

void
page_session_js(struct request *r)
{
	reply(r, 200, "text/javascript; charset=utf-8", session_js);
}
