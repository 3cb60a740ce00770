/*
 * serve_pages.c: the HTML pages of egf serve, in the layout and stylesheet
 * of the static site (templates/site). Every piece of text from the store
 * or the ladder goes through html.h's escaping; no page has a script; the
 * only forms (sign in, sign out) work without JavaScript.
 */
#include <stdlib.h>
#include <string.h>

#include "assess.h"
#include "cycle_cut.h"
#include "diff_view.h"
#include "html.h"
#include "store_published.h"
#include "serve.h"
#include "serve_review.h"
#include "serve_view.h"
#include "store_load.h"

/* The ladder's title and version for the layout, when one is published. */
static void
ladder_names(struct request *r, struct store_ladder *l, int *have)
{
	*have = store_ladder_head(r->st, l) == 1;
}

static int
first_report(const char *id, void *arg)
{
	(void)id;
	*(int *)arg = 1;
	return 1;
}

static int
first_session(const struct store_session *s, void *arg)
{
	(void)s;
	*(int *)arg = 1;
	return 1;
}

static void
nav(struct request *r, struct buf *b)
{
	int manager = 0, member = 0;

	buf_puts(b, "<nav class=\"site\" aria-label=\"egf\"><ul>\n<li><a href=\"/ladder/index.html\">Ladder</a>"
	    "</li>\n");
	if (r->caller.id == NULL) {
		buf_puts(b, "<li><a href=\"/login\">Sign in</a></li>\n</ul></nav>\n");
		return;
	}
	buf_puts(b, "<li><a href=\"/me\">Me</a></li>\n");
	if (store_reports(r->st, r->caller.id, first_report, &manager) == 0 && manager)
		buf_puts(b, "<li><a href=\"/team\">My team</a></li>\n");
	if (authz_is_hr(&r->caller))
		buf_puts(b, "<li><a href=\"/people\">People</a></li>\n");
	if (authz_is_hr(&r->caller))
		buf_puts(b, "<li><a href=\"/cycles\">Cycles</a></li>\n");
	if (authz_is_hr(&r->caller) ||
	    (store_sessions_of_member(r->st, NULL, r->caller.id, first_session, &member) == 0 && member))
		buf_puts(b, "<li><a href=\"/sessions\">Sessions</a></li>\n");
	buf_puts(b, "<li><form class=\"signout\" method=\"post\" action=\"/logout\">"
	    "<input type=\"hidden\" name=\"csrf\" value=\"");
	html_escape(b, r->csrf);
	buf_puts(b, "\"><button type=\"submit\">Sign out</button></form></li>\n");
	html_wrap(b, "<li class=\"who\">Signed in as ", r->caller.id, "</li>\n");
	buf_puts(b, "</ul></nav>\n");
}

void
page_render(struct request *r, int status, const char *title, const char *content)
{
	const char *vals[SLOT__MAX];
	struct store_ladder l;
	struct buf t = {0}, lt = {0}, v = {0}, n = {0};
	int have = 0;

	memset(&l, 0, sizeof(l));
	if (r->st != NULL)
		ladder_names(r, &l, &have);
	html_escape(&t, title);
	html_escape(&lt, have ? l.ladder : "egf");
	html_escape(&v, have ? l.version : "none published");
	nav(r, &n);
	memset(vals, 0, sizeof(vals));
	vals[SLOT_TITLE] = t.data;
	vals[SLOT_LADDER] = lt.data;
	vals[SLOT_VERSION] = v.data;
	vals[SLOT_ROOT] = "/ladder/";
	vals[SLOT_PAGE] = "app";
	vals[SLOT_NAV] = n.data;
	vals[SLOT_CONTENT] = content;
	r->out.len = 0;
	site_layout_fill(&r->srv->site, vals, &r->out);
	r->status = status;
	r->type = "text/html; charset=utf-8";
	buf_free(&t);
	buf_free(&lt);
	buf_free(&v);
	buf_free(&n);
	store_ladder_clear(&l);
}

/* The page of an empty database: what to run to fill it. */
static void
page_empty(struct request *r)
{
	page_render(r, 200, "Nothing here yet", "<h1>This server has no ladder yet</h1>\n"
	    "<p>egf serves a ladder, the people of the organisation and their assessments "
	    "from its database. This one is empty. On the server, with the same "
	    "<code>--db</code>:</p>\n<ol>\n"
	    "<li>Publish the ladder: <code>egf publish LADDER-DIRECTORY</code></li>\n"
	    "<li>Import the people: <code>egf people import people.csv</code></li>\n"
	    "<li>Create accounts: <code>egf user add ID --password-stdin</code> (add "
	    "<code>--role hr</code> for hr)</li>\n"
	    "<li>Import assessment forms, or let people submit them here: "
	    "<code>egf assess import FORM.md</code></li>\n</ol>\n"
	    "<p>Then reload this page. <code>make demo</code> in egf's source tree builds a "
	    "demonstration database with accounts to try.</p>\n");
}

static int
no_ladder(struct request *r)
{
	struct store_ladder_ref l;
	int got = store_ladder_ref_latest(r->st, &l);

	if (got == 0)
		page_empty(r);
	return got == 0;
}

void
page_home(struct request *r)
{
	if (no_ladder(r))
		return;
	reply_redirect(r, r->caller.id ? "/me" : "/login");
}

void
page_healthz(struct request *r)
{
	reply(r, 200, "text/plain; charset=utf-8", "ok\n");
}

void
page_favicon(struct request *r)
{
	reply(r, 204, "image/x-icon", "");
}

void
page_style(struct request *r)
{
	r->out.len = 0;
	buf_add(&r->out, r->srv->site.style, r->srv->site.style_len);
	r->status = 200;
	r->type = "text/css; charset=utf-8";
}

static const char *
file_type(const char *path)
{
	const char *ext = path_ext(path);

	if (strcmp(ext, "html") == 0)
		return "text/html; charset=utf-8";
	if (strcmp(ext, "css") == 0)
		return "text/css; charset=utf-8";
	if (strcmp(ext, "js") == 0)
		return "text/javascript; charset=utf-8";
	return "application/octet-stream";
}

/*
 * A page of the site with the application's navigation (me, my team, sign
 * out) put at the end of its header, so that the ladder is part of the
 * application; a layout without </header> is served as it is.
 */
static void
with_app_nav(struct request *r, const struct buf *page)
{
	const char *main = page->data ? strstr(page->data, "</header>") : NULL;
	struct buf n = {0};

	if (main == NULL) {
		buf_add(&r->out, page->data, page->len);
		return;
	}
	nav(r, &n);
	buf_add(&r->out, page->data, (size_t)(main - page->data));
	buf_add(&r->out, n.data, n.len);
	buf_add(&r->out, main, page->len - (size_t)(main - page->data));
	buf_free(&n);
}

/* The ladder: the static site's pages, rendered from the published model. */
void
page_ladder(struct request *r)
{
	struct diag_list dl = {0};
	struct published pub;
	const struct model *m;
	struct site site;
	char want[300];
	long long rowid;
	size_t i;
	int found;

	if (r->param[0] == NULL) {
		reply_redirect(r, "/ladder/index.html");
		return;
	}
	if (no_ladder(r))
		return;
	if (r->param[1] != NULL)
		snprintf(want, sizeof(want), "%s/%s", r->param[0], r->param[1]);
	else
		snprintf(want, sizeof(want), "%s", r->param[0]);
	published_init(&pub, r->st, &dl);
	memset(&site, 0, sizeof(site));
	if ((m = published_latest(&pub, &rowid, &found)) == NULL ||
	    site_render(m, &r->srv->site, &site) != 0) {
		reply_error(r, 500, "the ladder could not be rendered");
		goto out;
	}
	for (i = 0; i < site.nfiles; i++)
		if (strcmp(site.files[i].path, want) == 0) {
			r->out.len = 0;
			if (strcmp(path_ext(want), "html") == 0)
				with_app_nav(r, &site.files[i].data);
			else
				buf_add(&r->out, site.files[i].data.data, site.files[i].data.len);
			r->status = 200;
			r->type = file_type(want);
			goto out;
		}
	page_render(r, 404, "Not found", "<h1>Not found</h1>\n<p>The ladder has no such page. "
	    "<a href=\"/ladder/index.html\">Its overview</a>.</p>\n");
out:
	site_clear(&site);
	published_clear(&pub);
	diag_list_free(&dl);
}

/* ---- me ---- */

static void
definition(struct buf *b, const char *term, const char *value, const char *sep)
{
	html_wrap(b, "", term, ": <strong>");
	html_escape(b, value ? value : "not set");
	buf_printf(b, "</strong>%s", sep);
}

/* What the next level asks beyond mine: egf diff --levels, as HTML. */
static void
next_level(struct buf *b, const struct model *m, const struct model_level *mine)
{
	const struct model_level *next = mine ? model_next_level(m, mine) : NULL;
	struct diff_view *v;

	if (next == NULL) {
		buf_puts(b, "<p>There is no next level on your track.</p>\n");
		return;
	}
	buf_puts(b, "<h2>Your next level: ");
	html_escape(b, next->title);
	buf_puts(b, "</h2>\n<p>What it asks beyond yours, by competency (<span class=\"badge new\">"
	    "new</span> not asked at your level, <span class=\"badge same\">kept</span> asked "
	    "at both, <span class=\"badge unlisted\">unlisted</span> asked at yours and no "
	    "longer listed).</p>\n");
	v = diff_view_levels(m, mine, next);
	diff_view_render(v, DIFF_HTML, b);
	diff_view_free(v);
}

static const char *
rating_text(const struct cycle_person *p, const struct cycle_rating *r, char tmp[32])
{
	size_t i;

	if (!r->rated)
		return "not rated";
	for (i = 0; i < p->model->nscale; i++)
		if (p->model->scale[i]->value == r->value)
			return p->model->scale[i]->label ? p->model->scale[i]->label :
			    p->model->scale[i]->id;
	snprintf(tmp, 32, "%ld", r->value);
	return tmp;
}

/* One cycle's assessments of p: per expectation, self beside manager. */
static void
assessment_table(struct buf *b, const struct cycle *c, const struct cycle_person *p)
{
	const struct model_competency *comp = NULL;
	size_t i, j;

	buf_puts(b, "<h2>Cycle ");
	html_escape(b, c->id);
	buf_puts(b, ": against ");
	html_escape(b, p->target->title);
	buf_puts(b, "</h2>\n");
	if (p->readiness.role[ROLE_MANAGER].raters == 0)
		buf_puts(b, "<p>You see your self-assessment; your manager's ratings appear here "
		    "once the cycle's results are released.</p>\n");
	buf_puts(b, "<table class=\"assessment\">\n<thead><tr><th scope=\"col\">Expectation</th>"
	    "<th scope=\"col\">Self</th><th scope=\"col\">Manager</th><th scope=\"col\">Gap</th>"
	    "</tr></thead>\n<tbody>\n");
	for (i = 0; i < p->items->n; i++) {
		const struct model_expectation *e = p->items->items[i];
		const struct cycle_rating *self = NULL, *mgr = NULL;
		char t1[32], t2[32];

		for (j = 0; j < p->nratings; j++) {
			const struct cycle_rating *r = &p->ratings[j];

			if (r->index != i)
				continue;
			if (r->role == ROLE_SELF && self == NULL)
				self = r;
			if (r->role == ROLE_MANAGER && mgr == NULL)
				mgr = r;
		}
		if (e->competency != comp) {
			comp = e->competency;
			html_wrap(b, "<tr class=\"competency\"><th colspan=\"4\" scope=\"rowgroup\">",
			    comp->title, "</th></tr>\n");
		}
		html_wrap(b, "<tr><td>", e->text, "</td>");
		html_wrap(b, "<td>", self ? rating_text(p, self, t1) : "—", "</td>");
		html_wrap(b, "<td>", mgr ? rating_text(p, mgr, t2) : "—", "</td>");
		if (self && mgr && self->rated && mgr->rated)
			buf_printf(b, "<td>%+ld</td></tr>\n", self->value - mgr->value);
		else
			buf_puts(b, "<td>—</td></tr>\n");
	}
	buf_puts(b, "</tbody>\n</table>\n");
}

struct me_walk {
	struct request *r;
	struct buf *b;
	int any, failed;
};

static int
keep_visible(const struct cycle_person *p, void *arg)
{
	(void)p;
	(void)arg;
	return 1;
}

struct me_cut {
	struct request *r;
	struct authz_cycle cy;
	unsigned rel;
	long long peers;
};

static unsigned
me_rating(const struct cycle_person *p, const struct cycle_rating *rt, void *arg)
{
	struct me_cut *mc = arg;
	unsigned v = authz_assessment(mc->rel, &mc->r->caller, &mc->cy, rt->role, rt->rater,
	    mc->peers);

	(void)p;
	return ((v & VIEW_SHOWN) ? CUT_KEEP : 0) | ((v & VIEW_ANONYMOUS) ? CUT_ANONYMOUS : 0);
}

static int
me_cycle(const char *cycle, void *arg)
{
	struct me_walk *w = arg;
	struct diag_list dl = {0};
	struct cycle_cut cut;
	struct me_cut mc;
	struct cycle c;

	mc.r = w->r;
	serve_cycle(w->r, cycle, &mc.cy);
	if (authz_relation(w->r->st, &w->r->caller, &mc.cy, w->r->caller.id, &mc.rel) != 0 ||
	    (mc.peers = store_raters_count(w->r->st, cycle, w->r->caller.id, "peer")) < 0) {
		w->failed = 1;
		return 1;
	}
	cut.person = keep_visible;
	cut.rating = me_rating;
	cut.arg = &mc;
	if (cycle_load(&c, w->r->st, &dl, cycle, w->r->caller.id, CYCLE_RATINGS) != 0 ||
	    cycle_cut(&c, &cut) != 0)
		w->failed = 1;
	else if (c.n == 1 && c.people[0].model != NULL) {
		assessment_table(w->b, &c, &c.people[0]);
		w->any = 1;
	}
	cycle_clear(&c);
	diag_list_free(&dl);
	return w->failed;
}

/*
 * The "me" and "my team" pages are kept like the readiness answer
 * (serve_cache.h): 1 when r was answered, from the cache or with an error.
 */
static int
cached(struct request *r)
{
	switch (serve_cache_begin(r)) {
	case 0:
		return 0;
	case -1:
		reply_error(r, 500, "database error");
		break;
	}
	return 1;
}

static void
me_render(struct request *r)
{
	struct diag_list dl = {0};
	struct store_person p;
	struct published pub;
	struct me_walk w;
	const struct model *m;
	const struct model_level *lv = NULL;
	const struct model_track *tr = NULL;
	struct buf b = {0};
	long long rowid;
	int got, found;

	if (no_ladder(r))
		return;
	if ((got = store_person_get(r->st, r->caller.id, &p)) < 0) {
		reply_error(r, 500, "database error");
		return;
	}
	if (got == 0) {
		buf_puts(&b, "<h1>Your account</h1>\n<p>The account ");
		html_escape(&b, r->caller.id);
		buf_puts(&b, " is not a person of the organisation, so it has no level or "
		    "assessments of its own.</p>\n");
		if (authz_is_hr(&r->caller))
			buf_puts(&b, "<p>As hr you see <a href=\"/people\">everyone</a>.</p>\n");
		page_render(r, 200, "Me", b.data);
		buf_free(&b);
		return;
	}
	published_init(&pub, r->st, &dl);
	m = published_latest(&pub, &rowid, &found);
	if (m != NULL && p.level != NULL)
		lv = model_level(m, p.level);
	if (m != NULL && p.track != NULL)
		tr = model_track(m, p.track);
	buf_puts(&b, "<link rel=\"stylesheet\" href=\"/static/review.css\">\n");
	html_wrap(&b, "<h1>", p.name ? p.name : p.id, "</h1>\n<p class=\"lead\">");
	definition(&b, "Level", lv ? lv->title : p.level, " · ");
	definition(&b, "Track", tr ? tr->title : p.track, " · ");
	definition(&b, "Team", p.team, "</p>\n");
	if (m != NULL)
		next_level(&b, m, lv);
	w.r = r;
	w.b = &b;
	w.any = w.failed = 0;
	buf_puts(&b, "<h2 class=\"cycles\">My assessments</h2>\n");
	if (store_cycles_of(r->st, p.id, me_cycle, &w) != 0 || w.failed) {
		reply_error(r, 500, "database error");
		goto out;
	}
	if (!w.any)
		buf_puts(&b, "<p>No assessment of you is recorded yet.</p>\n");
	if (review_me_sections(r, &b, &p) != 0) {
		reply_error(r, 500, "database error");
		goto out;
	}
	page_render(r, 200, "Me", b.data);
out:
	buf_free(&b);
	published_clear(&pub);
	diag_list_free(&dl);
	store_person_clear(&p);
}

/* ---- my team, people ---- */

struct team_walk {
	struct request *r;
	struct buf *b;
	const struct cycle *c;
	int failed;
};

static const struct cycle_person *
find_person(const struct cycle *c, const char *id)
{
	size_t i;

	for (i = 0; c != NULL && i < c->n; i++)
		if (strcmp(c->people[i].info.id, id) == 0)
			return &c->people[i];
	return NULL;
}

static int
team_row(const char *id, void *arg)
{
	struct team_walk *w = arg;
	const struct cycle_person *cp = find_person(w->c, id);
	struct store_person p;

	if (store_person_get(w->r->st, id, &p) != 1) {
		store_person_clear(&p);
		w->failed = 1;
		return 1;
	}
	html_wrap(w->b, "<tr><th scope=\"row\">", p.name ? p.name : p.id, "</th>");
	html_wrap(w->b, "<td>", p.level ? p.level : "—", "</td>");
	if (cp != NULL && cp->target != NULL) {
		const struct assess_role_result *mr = &cp->readiness.role[ROLE_MANAGER];

		html_wrap(w->b, "<td>", cp->target->id, "</td>");
		html_wrap(w->b, "<td>", mr->raters ? assess_verdict_name(cp->readiness.verdict) :
		    "no manager assessment", "</td>");
		if (mr->raters)
			buf_printf(w->b, "<td>%zu of %zu expectations not met%s</td></tr>\n",
			    mr->total - mr->met, mr->total, mr->required_met ? "" :
			    "; a required competency is not met");
		else
			buf_puts(w->b, "<td>—</td></tr>\n");
	} else
		buf_puts(w->b, "<td>—</td><td>not assessed in this cycle</td><td>—</td></tr>\n");
	store_person_clear(&p);
	return 0;
}

static int
newest_cycle(const char *cycle, void *arg)
{
	*(char **)arg = xstrdup(cycle);
	return 1;
}

static int
in_chain(const struct cycle_person *p, void *arg)
{
	struct request *r = arg;

	return store_in_chain(r->st, r->caller.id, p->info.id);
}

static void
team_render(struct request *r)
{
	struct diag_list dl = {0};
	struct cycle_cut cut;
	struct team_walk w;
	struct cycle c;
	struct buf b = {0};
	const char *asked = req_query(r, "cycle");
	char *cycle = NULL;
	int loaded = 0;

	if (no_ladder(r))
		return;
	memset(&c, 0, sizeof(c));
	if (asked != NULL)
		cycle = xstrdup(asked);
	else if (store_cycles_of(r->st, NULL, newest_cycle, &cycle) != 0)
		goto failed;
	if (cycle != NULL) {
		cut.person = in_chain;
		cut.rating = NULL;
		cut.arg = r;
		/* with the evidence counts, for the review status too: one load */
		if (cycle_load_chain(&c, r->st, &dl, cycle, r->caller.id, CYCLE_FLAGS) != 0 ||
		    cycle_cut(&c, &cut) != 0)
			goto failed;
		loaded = 1;
	}
	buf_puts(&b, "<link rel=\"stylesheet\" href=\"/static/review.css\">\n<h1>My team</h1>\n");
	if (cycle != NULL)
		html_wrap(&b, "<p>Readiness in cycle ", cycle, ", from the manager's ratings.</p>\n");
	buf_puts(&b, "<table class=\"team\">\n<thead><tr><th scope=\"col\">Person</th>"
	    "<th scope=\"col\">Level</th><th scope=\"col\">Target</th><th scope=\"col\">"
	    "Readiness</th><th scope=\"col\">Missing</th></tr></thead>\n<tbody>\n");
	w.r = r;
	w.b = &b;
	w.c = loaded ? &c : NULL;
	w.failed = 0;
	if (store_reports(r->st, r->caller.id, team_row, &w) != 0 || w.failed)
		goto failed;
	buf_puts(&b, "</tbody>\n</table>\n");
	if (cycle != NULL && review_team_sections(r, &b, cycle, &c) != 0)
		goto failed;
	page_render(r, 200, "My team", b.data);
	goto out;
failed:
	reply_error(r, 500, "database error");
out:
	free(cycle);
	cycle_clear(&c);
	diag_list_free(&dl);
	buf_free(&b);
}

void
page_me(struct request *r)
{
	if (cached(r))
		return;
	me_render(r);
	serve_cache_end(r);
}

void
page_team(struct request *r)
{
	if (cached(r))
		return;
	team_render(r);
	serve_cache_end(r);
}

static int
people_row(const struct store_person *p, void *arg)
{
	struct buf *b = arg;

	html_wrap(b, "<tr><th scope=\"row\">", p->id, "</th>");
	html_wrap(b, "<td>", p->name ? p->name : "", "</td>");
	html_wrap(b, "<td>", p->team ? p->team : "", "</td>");
	html_wrap(b, "<td>", p->manager ? p->manager : "", "</td>");
	html_wrap(b, "<td>", p->track ? p->track : "", "</td>");
	html_wrap(b, "<td>", p->level ? p->level : "", "</td></tr>\n");
	return 0;
}

void
page_people(struct request *r)
{
	struct buf b = {0};

	if (no_ladder(r))
		return;
	buf_puts(&b, "<h1>People</h1>\n<table class=\"people\">\n<thead><tr><th scope=\"col\">Id"
	    "</th><th scope=\"col\">Name</th><th scope=\"col\">Team</th><th scope=\"col\">Manager"
	    "</th><th scope=\"col\">Track</th><th scope=\"col\">Level</th></tr></thead>\n<tbody>\n");
	if (store_people_each(r->st, people_row, &b) != 0)
		reply_error(r, 500, "database error");
	else {
		buf_puts(&b, "</tbody>\n</table>\n");
		page_render(r, 200, "People", b.data);
	}
	buf_free(&b);
}
