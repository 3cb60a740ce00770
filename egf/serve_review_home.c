/*
 * serve_review_home.c: the review sections of "me" and "my team" and the
 * page form that asks a peer for feedback (docs/serve.md, "Review pages").
 * Everything shown about a person is cut by authz.h first
 * (review_load_visible); the outcome evidence (links, the unsupported and
 * activity-only flags, the team's outcomes) is shown as context, never as
 * a score.
 */
#include <stdlib.h>
#include <string.h>

#include "cycle_phase.h"
#include "evidence.h"
#include "html.h"
#include "outcomes.h"
#include "review_form.h"
#include "serve.h"
#include "serve_review.h"
#include "serve_view.h"
#include "store_draft.h"
#include "strmap.h"

/* ---- asking a peer ---- */

void
page_review_peers(struct request *r)
{
	const char *cycle = r->param[0], *person = r->param[1];
	char *peer = req_form(r, "peer"), where[600];
	struct store_person pp;
	struct authz_cycle cy;
	enum authz_answer ans;
	struct buf b = {0};
	unsigned rel;
	int got;

	serve_cycle(r, cycle, &cy);
	if (serve_relation(r, &cy, person, &rel) < 0)
		goto failed;
	if ((ans = authz_request_peer(rel)) != AUTHZ_OK) {
		if (ans == AUTHZ_FORBIDDEN)
			page_render(r, 403, "Not yours to ask", "<h1>Not yours to ask</h1>\n<p>Peers "
			    "are asked by the person or their managers.</p>\n");
		else
			page_render(r, 404, "Not found", "<h1>Not found</h1>\n<p>There is no such "
			    "person here.</p>\n");
		goto out;
	}
	/* Anyone in the organisation may be asked; only whether they exist is told. */
	got = peer != NULL ? store_person_get(r->st, peer, &pp) : 0;
	if (peer != NULL)
		store_person_clear(&pp);
	if (got < 0)
		goto failed;
	if (got == 0 || strcmp(peer, person) == 0) {
		buf_puts(&b, "<h1>No such colleague</h1>\n<p>");
		html_escape(&b, peer ? peer : "");
		buf_puts(&b, " is not the id of a person of the organisation, or is the person "
		    "themselves. Go back and ask by id (as on the people list).</p>\n");
		page_render(r, 422, "No such colleague", b.data);
		goto out;
	}
	if (store_begin(r->st) != 0 ||
	    store_peer_request_add(r->st, cycle, person, peer, r->caller.id) < 0 ||
	    store_commit(r->st) != 0) {
		store_rollback(r->st);
		goto failed;
	}
	snprintf(where, sizeof(where), "%s", strcmp(person, r->caller.id) == 0 ? "/me#peers" :
	    "/team#status");
	reply_redirect(r, where);
	goto out;
failed:
	page_render(r, 500, "Error", "<h1>Something went wrong</h1>\n<p>The database could not be "
	    "read or written; nothing was changed.</p>\n");
out:
	buf_free(&b);
	free(peer);
}

static void
peer_form(struct buf *b, struct request *r, const char *cycle, const char *person,
    const char *who)
{
	buf_puts(b, "<form method=\"post\" class=\"ask-peer\" action=\"");
	html_wrap(b, "/review/", cycle, "/");
	html_escape(b, person);
	buf_puts(b, "/peers\">\n<input type=\"hidden\" name=\"csrf\" value=\"");
	html_escape(b, r->csrf);
	buf_puts(b, "\">\n<label for=\"peer-");
	html_escape(b, person);
	html_wrap(b, "\">Ask a colleague for feedback on ", who, " (their id)</label>\n");
	buf_puts(b, "<input type=\"text\" name=\"peer\" id=\"peer-");
	html_escape(b, person);
	buf_puts(b, "\" required maxlength=\"128\">\n<button type=\"submit\">Ask</button>\n"
	    "</form>\n");
}

/* ---- the state of one form ---- */

/* "not started", "draft saved", "submitted (revision N)"; -1 on error. */
static int
form_state(struct request *r, const char *cycle, const char *person, const char *role,
    const char *rater, struct buf *b)
{
	struct store_form_key k = { cycle, person, rater, role };
	struct review_token t;
	struct store_draft d;

	if (review_current(r->st, &k, &t, &d) != 0)
		return -1;
	store_draft_clear(&d);
	if (t.draft > 0)
		buf_puts(b, t.form ? "submitted, with a newer draft" : "draft saved");
	else if (t.form > 0)
		buf_printf(b, "submitted (revision %lld)", t.form);
	else
		buf_puts(b, "not started");
	return 0;
}

/* " (phase manager)", " (phase calibration: locked)"; nothing for a cycle never opened. */
static int
cycle_note(struct request *r, struct buf *b, const char *cycle)
{
	struct cycle_state cs;

	if (cycle_state_get(r->st, cycle, &cs) != 0) {
		cycle_state_clear(&cs);
		return -1;
	}
	if (cs.opened)
		buf_printf(b, " (phase %s%s)", cycle_phase_name(cs.phase),
		    cs.phase >= PHASE_CALIBRATION ? ": locked" : "");
	cycle_state_clear(&cs);
	return 0;
}

static void
form_link(struct buf *b, const char *cycle, const char *person, const char *role,
    const char *text)
{
	html_wrap(b, "<a href=\"/review/", cycle, "/");
	html_escape(b, person);
	html_wrap(b, "/", role, "\">");
	html_escape(b, text);
	buf_puts(b, "</a>");
}

/* ---- me ---- */

struct asked_walk {
	struct request *r;
	struct buf *b;
	int any, failed;
};

static int
asked_row(const struct store_peer_request *q, void *arg)
{
	struct asked_walk *w = arg;
	struct store_person p;
	int got = store_person_get(w->r->st, q->person, &p);

	if (got < 0) {
		w->failed = 1;
		return 1;
	}
	if (got == 1) {
		buf_puts(w->b, "<li>");
		form_link(w->b, q->cycle, q->person, "peer", p.name ? p.name : q->person);
		html_wrap(w->b, " in cycle ", q->cycle, q->answered ? ": answered" :
		    ": not answered yet");
		buf_puts(w->b, "</li>\n");
		w->any = 1;
	}
	store_person_clear(&p);
	return 0;
}

struct count_walk {
	size_t asked, answered;
};

static int
count_request(const struct store_peer_request *q, void *arg)
{
	struct count_walk *c = arg;

	c->asked++;
	c->answered += q->answered != 0;
	return 0;
}

struct cycles_walk {
	char *ids[4];		/* the newest cycles, owned */
	size_t n;
};

static int
keep_cycle(const char *cycle, void *arg)
{
	struct cycles_walk *w = arg;

	w->ids[w->n++] = xstrdup(cycle);
	return w->n == sizeof(w->ids) / sizeof(w->ids[0]);
}

static void
cycles_clear(struct cycles_walk *w)
{
	size_t i;

	for (i = 0; i < w->n; i++)
		free(w->ids[i]);
	w->n = 0;
}

/* One rating's evidence, links and flags as a table row. */
static void
evidence_row(struct buf *b, const struct cycle_person *p, const struct cycle_rating *rt)
{
	const struct model_expectation *e = p->items->items[rt->index];
	size_t k;

	html_wrap(b, "<tr><td><code>", e->id, "</code></td><td>");
	if (rt->role == ROLE_SELF)
		buf_puts(b, "self");
	else if (rt->anonymous)
		buf_puts(b, rt->role == ROLE_PEER ? "a peer (anonymous)" : "manager");
	else
		html_wrap(b, rt->role == ROLE_PEER ? "peer " : "manager ", rt->rater, "");
	buf_puts(b, "</td><td>");
	if (rt->evidence != NULL)
		html_escape(b, rt->evidence);
	buf_puts(b, "</td><td>");
	for (k = 0; k < rt->nlinks; k++) {
		const char *t = rt->links[k].target;

		if (strncmp(t, "http://", 7) == 0 || strncmp(t, "https://", 8) == 0) {
			html_wrap(b, "<a href=\"", t, "\" rel=\"noreferrer\">");
			html_escape(b, t);
			buf_puts(b, "</a>");
		} else
			html_wrap(b, "<code>", t, "</code>");
		html_wrap(b, " (", rt->links[k].kind, ")<br>");
	}
	buf_puts(b, "</td><td>");
	if (rt->flags & EVIDENCE_UNSUPPORTED)
		buf_puts(b, "<span class=\"flag unsupported\">unsupported</span>");
	if (rt->flags & EVIDENCE_ACTIVITY_ONLY)
		buf_puts(b, "<span class=\"flag activity\">activity-only</span>");
	if (rt->flags & EVIDENCE_LINKED)
		buf_puts(b, "<span class=\"flag linked\">linked</span>");
	buf_puts(b, "</td></tr>\n");
}

/* The team's outcomes of cycle as context: key results, delivery, customers. */
static int
team_outcomes(struct request *r, struct buf *b, const char *team, const char *cycle)
{
	struct team_outcomes t;
	size_t i, k;

	memset(&t, 0, sizeof(t));
	if (outcomes_load(r->st, team, cycle, &t) != 0) {
		outcomes_clear(&t);
		return -1;
	}
	if (t.n > 0) {
		html_wrap(b, "<h3>Team ", team, "");
		html_wrap(b, ": outcomes in ", cycle, "</h3>\n<p class=\"peer-only\">Context for "
		    "the ratings: the team's results, never anyone's score.</p>\n");
		for (k = 0; k < OUTCOMES_NKINDS; k++) {
			int open = 0;

			for (i = 0; i < t.n; i++) {
				char *line;

				if (strcmp(t.items[i].kind, outcomes_kinds[k]) != 0)
					continue;
				if (!open) {
					html_wrap(b, "<h4>", outcomes_kind_title(outcomes_kinds[k]),
					    "</h4>\n<ul class=\"outcomes\">\n");
					open = 1;
				}
				line = outcomes_line(&t, &t.items[i]);
				html_wrap(b, "<li>", line, "</li>\n");
				free(line);
			}
			if (open)
				buf_puts(b, "</ul>\n");
		}
	}
	outcomes_clear(&t);
	return 0;
}

/*
 * The evidence of person's visible assessments in cycle: each rating with
 * evidence or links, the flags, and the outcomes of the person's team
 * (NULL: none), whether or not anyone assessed them in the cycle.
 */
static int
evidence_section(struct request *r, struct buf *b, const char *cycle, const char *person,
    const char *team)
{
	struct cycle c;
	size_t i, j;
	int rows = 0, rc = 0;

	if (review_load_visible(r, cycle, person, &c) != 0) {
		cycle_clear(&c);
		return -1;
	}
	for (i = 0; i < c.n; i++) {
		const struct cycle_person *p = &c.people[i];

		if (p->model == NULL)
			continue;
		for (j = 0; j < p->nratings; j++) {
			const struct cycle_rating *rt = &p->ratings[j];

			if (rt->evidence == NULL && rt->nlinks == 0 && rt->flags == 0)
				continue;
			if (rows++ == 0) {
				html_wrap(b, "<h3>Evidence and outcome links in ", cycle, "</h3>\n");
				buf_puts(b, "<table class=\"evidence\">\n<thead><tr><th scope=\"col\">"
				    "Expectation</th><th scope=\"col\">From</th><th scope=\"col\">"
				    "Evidence</th><th scope=\"col\">Links</th><th scope=\"col\">Flags"
				    "</th></tr></thead>\n<tbody>\n");
			}
			evidence_row(b, p, rt);
		}
		if (rows > 0)
			buf_puts(b, "</tbody>\n</table>\n<p class=\"peer-only\"><span class=\"flag "
			    "unsupported\">unsupported</span> rated above meets with neither evidence "
			    "nor link; <span class=\"flag activity\">activity-only</span> the evidence "
			    "counts output with no outcome link. Peer feedback is shown without "
			    "names, and only once enough peers answered.</p>\n");
	}
	cycle_clear(&c);
	if (team != NULL && team_outcomes(r, b, team, cycle) != 0)
		rc = -1;
	return rc;
}

/* The "asked of me" list, with its heading. */
static int
asked_of_me(struct request *r, struct buf *b, const char *me)
{
	struct buf list = {0};
	struct asked_walk aw = { r, &list, 0, 0 };

	if (store_peer_requests_each(r->st, NULL, NULL, me, asked_row, &aw) != 0 || aw.failed) {
		buf_free(&list);
		return -1;
	}
	buf_puts(b, "<h2 id=\"asked\">Asked of me</h2>\n");
	if (aw.any) {
		buf_puts(b, "<p>Colleagues you were asked to give feedback on. They see what you "
		    "write without your name.</p>\n<ul class=\"asked\">\n");
		buf_add(b, list.data, list.len);
		buf_puts(b, "</ul>\n");
	} else
		buf_puts(b, "<p>No one asked you for peer feedback.</p>\n");
	buf_free(&list);
	return 0;
}

int
review_me_sections(struct request *r, struct buf *b, const struct store_person *me)
{
	struct cycles_walk cw = { { NULL }, 0 };
	struct count_walk cnt = { 0, 0 };
	size_t i, before;
	int rc = -1;

	if (store_cycle_ids(r->st, keep_cycle, &cw) != 0)
		goto out;
	if (cw.n > 0) {
		buf_puts(b, "<h2 id=\"forms\">My forms</h2>\n<ul class=\"forms\">\n");
		for (i = 0; i < cw.n; i++) {
			buf_puts(b, "<li>");
			form_link(b, cw.ids[i], me->id, "self", "Self-assessment");
			html_wrap(b, " in cycle ", cw.ids[i], ": ");
			if (form_state(r, cw.ids[i], me->id, "self", me->id, b) != 0 ||
			    cycle_note(r, b, cw.ids[i]) != 0)
				goto out;
			buf_puts(b, "</li>\n");
		}
		buf_puts(b, "</ul>\n");
		if (store_peer_requests_each(r->st, cw.ids[0], me->id, NULL, count_request,
		    &cnt) != 0)
			goto out;
		html_wrap(b, "<h2 id=\"peers\">Peer feedback on me in ", cw.ids[0], "</h2>\n");
		buf_printf(b, "<p>%zu colleague%s asked. Their feedback reaches you without their "
		    "names once the cycle's results are released, and only from %d answers on.</p>\n",
		    cnt.asked, cnt.asked == 1 ? "" : "s", AUTHZ_PEER_MIN);
		peer_form(b, r, cw.ids[0], me->id, "me");
	}
	if (asked_of_me(r, b, me->id) != 0)
		goto out;
	buf_puts(b, "<h2 id=\"growth\">My growth over cycles</h2>\n");
	if (review_growth(r, b, me->id) != 0)
		goto out;
	buf_puts(b, "<h2 id=\"evidence\">My evidence and my team's outcomes</h2>\n");
	before = b->len;
	for (i = 0; i < cw.n; i++)
		if (evidence_section(r, b, cw.ids[i], me->id, me->team) != 0)
			goto out;
	if (b->len == before)
		buf_puts(b, "<p>No evidence of yours and no outcomes of your team are recorded "
		    "yet.</p>\n");
	rc = 0;
out:
	cycles_clear(&cw);
	return rc;
}

/* ---- my team ---- */

struct team_walk {
	struct request *r;
	struct buf *b;
	const char *cycle;
	const struct cycle *c;
	int failed;
};

static const struct cycle_person *
in_cycle(const struct cycle *c, const char *id)
{
	size_t i;

	for (i = 0; c != NULL && i < c->n; i++)
		if (strcmp(c->people[i].info.id, id) == 0)
			return &c->people[i];
	return NULL;
}

static int
status_row(const char *id, void *arg)
{
	struct team_walk *w = arg;
	struct count_walk cnt = { 0, 0 };
	const struct cycle_person *cp = in_cycle(w->c, id);
	struct store_person p;
	long long managers;
	int self, got;

	if ((got = store_person_get(w->r->st, id, &p)) <= 0) {
		store_person_clear(&p);
		w->failed = got < 0;
		return got < 0;
	}
	self = store_assessment_by(w->r->st, w->cycle, id, id, "self");
	managers = store_raters_count(w->r->st, w->cycle, id, "manager");
	if (self < 0 || managers < 0 ||
	    store_peer_requests_each(w->r->st, w->cycle, id, NULL, count_request, &cnt) != 0) {
		store_person_clear(&p);
		w->failed = 1;
		return 1;
	}
	html_wrap(w->b, "<tr><th scope=\"row\">", p.name ? p.name : id, "</th>");
	buf_printf(w->b, "<td>%s</td><td>", self ? "submitted" : "not yet");
	form_link(w->b, w->cycle, id, "manager", managers ? "done: open" : "write it");
	buf_puts(w->b, " (");
	if (form_state(w->r, w->cycle, id, "manager", w->r->caller.id, w->b) != 0) {
		store_person_clear(&p);
		w->failed = 1;
		return 1;
	}
	buf_printf(w->b, ")</td><td>%zu asked, %zu answered</td><td>", cnt.asked, cnt.answered);
	if (cp != NULL && cp->evidence[ROLE_MANAGER].ratings > 0) {
		const struct cycle_evidence *ev = &cp->evidence[ROLE_MANAGER];

		buf_printf(w->b, "%zu unsupported, %zu activity-only, %.0f%% linked",
		    ev->unsupported, ev->activity_only, 100.0 * (double)ev->linked /
		    (double)ev->ratings);
	} else
		buf_puts(w->b, "—");
	html_wrap(w->b, "</td><td><a href=\"/growth/", id, "\">growth</a></td></tr>\n");
	buf_puts(w->b, "<tr class=\"ask\"><td colspan=\"6\">");
	peer_form(w->b, w->r, w->cycle, id, p.name ? p.name : id);
	buf_puts(w->b, "</td></tr>\n");
	store_person_clear(&p);
	return 0;
}

/* The distinct teams of the people a walk of store_reports visits. */
struct teams_walk {
	struct request *r;
	struct strmap *seen;	/* borrows the strings of teams */
	char **teams;		/* owned, each owned */
	size_t n;
	int failed;
};

static int
collect_team(const char *id, void *arg)
{
	struct teams_walk *w = arg;
	struct store_person p;
	int got;

	if ((got = store_person_get(w->r->st, id, &p)) < 0) {
		store_person_clear(&p);
		w->failed = 1;
		return 1;
	}
	if (got == 1 && p.team != NULL) {
		if (w->seen == NULL)
			w->seen = strmap_new();
		if (strmap_get(w->seen, p.team) == NULL) {
			w->teams = xrealloc(w->teams, (w->n + 1) * sizeof(w->teams[0]));
			w->teams[w->n] = xstrdup(p.team);
			strmap_put(w->seen, w->teams[w->n], w->teams[w->n]);
			w->n++;
		}
	}
	store_person_clear(&p);
	return 0;
}

static int
compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
review_team_sections(struct request *r, struct buf *b, const char *cycle,
    const struct cycle *c)
{
	struct team_walk w;
	struct teams_walk tw = { NULL, NULL, NULL, 0, 0 };
	size_t i;
	int rc = -1;

	html_wrap(b, "<h2 id=\"status\">Review status in ", cycle, "</h2>\n");
	buf_puts(b, "<table class=\"status\">\n<thead><tr><th scope=\"col\">Person</th>"
	    "<th scope=\"col\">Self-assessment</th><th scope=\"col\">Manager assessment</th>"
	    "<th scope=\"col\">Peers</th><th scope=\"col\">Evidence of the manager's ratings"
	    "</th><th scope=\"col\">Growth</th></tr></thead>\n<tbody>\n");
	w.r = r;
	w.b = b;
	w.cycle = cycle;
	w.c = c;
	w.failed = 0;
	if (store_reports(r->st, r->caller.id, status_row, &w) != 0 || w.failed)
		goto out;
	buf_puts(b, "</tbody>\n</table>\n");
	/* The outcomes of the teams of the people below the caller, once each, by team. */
	tw.r = r;
	if (store_reports(r->st, r->caller.id, collect_team, &tw) != 0 || tw.failed)
		goto out;
	if (tw.n > 1)	/* qsort must not be given NULL, even for no items */
		qsort(tw.teams, tw.n, sizeof(tw.teams[0]), compare_names);
	for (i = 0; i < tw.n; i++)
		if (team_outcomes(r, b, tw.teams[i], cycle) != 0)
			goto out;
	rc = 0;
out:
	for (i = 0; i < tw.n; i++)
		free(tw.teams[i]);
	free(tw.teams);
	strmap_free(tw.seen);
	return rc;
}
