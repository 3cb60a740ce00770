/*
 * serve_review.c: the review pages of egf serve (docs/serve.md, "Review
 * pages"): the form a person fills about themselves, a manager about a
 * report and a peer about a colleague, one page for the three roles.
 *
 * The page's fields become the Markdown form of docs/assessments.md
 * (review_form.h) and go through the same reader and import as egf assess
 * import; the diagnostics come back beside the field they point at. Drafts
 * are saved by the Save button, or as the person types by the page's
 * script (/static/review.js) when JavaScript runs; the page works without
 * it. What the caller sees beside the fields (the report's self-ratings,
 * the previous cycle's ratings) is cut by authz.h like every other view.
 */
#include <stdlib.h>
#include <string.h>

#include "assess.h"
#include "cycle_cut.h"
#include "cycle_phase.h"
#include "diff_view.h"
#include "html.h"
#include "store_published.h"
#include "review_form.h"
#include "serve.h"
#include "serve_review.h"
#include "serve_view.h"

/* One review page: whose form, against what, filled with what. */
struct form_page {
	struct request *r;
	struct store_form_key k;
	struct authz_cycle cy;
	enum assess_role role;
	struct store_person person;	/* owned */
	struct published pub;
	struct diag_list pdl;		/* the ladder's diagnostics, not shown */
	const struct model *m;		/* borrowed from pub */
	const struct model_level *mine, *target;
	struct assess_target t;
	int have_t;
	char **rating, **evidence, **links, **private_note;	/* per item, owned */
	struct buf *beside, *diags;	/* per item: HTML */
	struct buf top;			/* diagnostics of the front matter, HTML */
	struct review_token token;
	char *saved_at;			/* the draft's, owned */
	int locked;			/* the cycle's phase locks this form */
	char *phase;			/* the cycle's phase, owned; NULL: never opened */
};

static void
fp_clear(struct form_page *fp)
{
	size_t i;

	for (i = 0; fp->have_t && i < fp->t.n; i++) {
		free(fp->rating[i]);
		free(fp->evidence[i]);
		free(fp->links[i]);
		free(fp->private_note[i]);
		buf_free(&fp->beside[i]);
		buf_free(&fp->diags[i]);
	}
	free(fp->rating);
	free(fp->evidence);
	free(fp->links);
	free(fp->private_note);
	free(fp->beside);
	free(fp->diags);
	buf_free(&fp->top);
	free(fp->saved_at);
	free(fp->phase);
	if (fp->have_t)
		assess_target_clear(&fp->t);
	published_clear(&fp->pub);
	diag_list_free(&fp->pdl);
	store_person_clear(&fp->person);
}

static void
page_not_found(struct request *r)
{
	page_render(r, 404, "Not found", "<h1>Not found</h1>\n<p>There is no such form here, or "
	    "it is not yours to fill.</p>\n<p><a href=\"/me\">Back to your page</a></p>\n");
}

static void
page_failed(struct request *r)
{
	page_render(r, 500, "Error", "<h1>Something went wrong</h1>\n<p>The server could not "
	    "read or write its database; the error is in its log. Nothing was changed.</p>\n");
}

/* The level a person is assessed against in cycle: as stored, else the next on their track. */
static const struct model_level *
target_level(struct form_page *fp, int *failed)
{
	const struct model_level *next;
	char *level = NULL;
	int got;

	*failed = 0;
	if ((got = store_person_target(fp->r->st, fp->k.cycle, fp->k.person, &level)) < 0) {
		*failed = 1;
		return NULL;
	}
	if (got == 1) {
		const struct model_level *l = model_level(fp->m, level);

		free(level);
		if (l != NULL)
			return l;
	}
	if (fp->mine == NULL)
		return NULL;
	next = model_next_level(fp->m, fp->mine);
	return next != NULL ? next : fp->mine;
}

/*
 * The cycle's state for this form: locked or not, its phase, and the
 * ladder version an opened cycle is assessed against. 0, or -1 after
 * replying (a person not among the cycle's people does not have this form).
 */
static int
fp_cycle(struct form_page *fp)
{
	struct cycle_state cs;
	enum cycle_form how;
	long long rowid;
	int found, rc = 0;

	if (cycle_phase_form(fp->r->st, fp->k.cycle, fp->k.person, fp->k.role, fp->k.rater, 0,
	    &how, &cs) != 0) {
		page_failed(fp->r);
		rc = -1;
	} else if (how == CYCLE_FORM_NOT_IN_CYCLE) {
		page_not_found(fp->r);
		rc = -1;
	} else {
		fp->locked = how == CYCLE_FORM_LOCKED;
		if (cs.opened) {
			fp->phase = xstrdup(cycle_phase_name(cs.phase));
			if (cs.ladder_id != NULL && cs.version != NULL)
				fp->m = published_find(&fp->pub, cs.ladder_id, cs.version, &rowid,
				    &found);
		}
	}
	cycle_state_clear(&cs);
	return rc;
}

/*
 * Reads the route's cycle, person and role and checks that the caller may
 * fill that form (the rater is always the caller). 0, or -1 after replying.
 */
static int
fp_open(struct form_page *fp, struct request *r)
{
	enum authz_answer ans;
	long long rowid;
	int role, found, failed, got;
	size_t n;

	memset(fp, 0, sizeof(*fp));
	fp->r = r;
	fp->k.cycle = r->param[0];
	fp->k.person = r->param[1];
	fp->k.role = r->param[2];
	fp->k.rater = r->caller.id;
	if ((role = assess_role_parse(fp->k.role)) < 0) {
		page_not_found(r);
		return -1;
	}
	fp->role = (enum assess_role)role;
	serve_cycle(r, fp->k.cycle, &fp->cy);
	ans = authz_submit_form(r->st, &r->caller, &fp->cy, fp->k.person, fp->k.role,
	    fp->k.rater);
	if (ans != AUTHZ_OK) {
		if (ans == AUTHZ_ERROR)
			page_failed(r);
		else
			page_not_found(r);
		return -1;
	}
	if ((got = store_person_get(r->st, fp->k.person, &fp->person)) <= 0) {
		if (got < 0)
			page_failed(r);
		else
			page_not_found(r);
		return -1;
	}
	published_init(&fp->pub, r->st, &fp->pdl);
	if (fp_cycle(fp) != 0)
		return -1;
	if (fp->m == NULL && (fp->m = published_latest(&fp->pub, &rowid, &found)) == NULL) {
		page_failed(r);
		return -1;
	}
	fp->mine = fp->person.level ? model_level(fp->m, fp->person.level) : NULL;
	fp->target = target_level(fp, &failed);
	if (failed || fp->target == NULL) {
		if (failed)
			page_failed(r);
		else
			page_render(r, 422, "No target level", "<h1>No target level</h1>\n<p>This "
			    "person's level is not one of the ladder's, so the form has no "
			    "expectations to ask. hr can correct the people table.</p>\n");
		return -1;
	}
	assess_target_init(&fp->t, fp->m, fp->target);
	fp->have_t = 1;
	n = fp->t.n ? fp->t.n : 1;
	fp->rating = xcalloc(n, sizeof(char *));
	fp->evidence = xcalloc(n, sizeof(char *));
	fp->links = xcalloc(n, sizeof(char *));
	fp->private_note = xcalloc(n, sizeof(char *));
	fp->beside = xcalloc(n, sizeof(struct buf));
	fp->diags = xcalloc(n, sizeof(struct buf));
	return 0;
}

static void
set(char **slot, const char *value)
{
	free(*slot);
	*slot = value != NULL && *value != '\0' ? xstrdup(value) : NULL;
}

static void
set_owned(char **slot, char *value)
{
	free(*slot);
	*slot = value;
}

/* The answers of a Markdown form (a draft): its items by expectation id. */
static void
fp_from_markdown(struct form_page *fp, const char *text)
{
	struct diag_list dl = {0};
	struct assess_form f;
	size_t i, j;

	if (assess_form_read_buffer("draft.md", text, strlen(text), &dl, &f) == 0)
		for (i = 0; i < f.nitems; i++) {
			const struct assess_item *it = &f.items[i];
			long at = assess_target_index(&fp->t, it->expectation);
			struct buf lk = {0};

			if (at < 0)
				continue;
			set(&fp->rating[at], it->rating);
			set(&fp->evidence[at], it->evidence);
			set(&fp->private_note[at], it->private_note);
			for (j = 0; j < it->nlinks; j++)
				buf_printf(&lk, "%s (%s)\n", it->links[j].target, it->links[j].kind);
			set_owned(&fp->links[at], buf_take(&lk));
		}
	assess_form_clear(&f);
	diag_list_free(&dl);
}

static const char *
scale_id(const struct model *m, long value)
{
	size_t i;

	for (i = 0; i < m->nscale; i++)
		if (m->scale[i]->value == value)
			return m->scale[i]->id;
	return NULL;
}

static const char *
scale_label(const struct model *m, long value, char tmp[32])
{
	size_t i;

	for (i = 0; i < m->nscale; i++)
		if (m->scale[i]->value == value)
			return m->scale[i]->label ? m->scale[i]->label : m->scale[i]->id;
	snprintf(tmp, 32, "%ld", value);
	return tmp;
}

/* The answers of the caller's stored form, when there is no draft on top of it. */
static int
fp_from_store(struct form_page *fp)
{
	struct diag_list dl = {0};
	struct cycle c;
	size_t i, j;
	int rc;

	rc = cycle_load(&c, fp->r->st, &dl, fp->k.cycle, fp->k.person,
	    CYCLE_RATINGS | CYCLE_PRIVATE);
	for (i = 0; rc == 0 && i < c.n; i++)
		for (j = 0; j < c.people[i].nratings; j++) {
			const struct cycle_person *p = &c.people[i];
			const struct cycle_rating *rt = &p->ratings[j];
			const char *id = p->items->items[rt->index]->id;
			long at = assess_target_index(&fp->t, id);
			struct buf lk = {0};
			size_t k;

			if (at < 0 || rt->role != fp->role || strcmp(rt->rater, fp->k.rater) != 0)
				continue;
			set(&fp->rating[at], rt->rated ? scale_id(p->model, rt->value) : NULL);
			set(&fp->evidence[at], rt->evidence);
			set(&fp->private_note[at], rt->private_note);
			for (k = 0; k < rt->nlinks; k++)
				buf_printf(&lk, "%s (%s)\n", rt->links[k].target, rt->links[k].kind);
			set_owned(&fp->links[at], buf_take(&lk));
		}
	cycle_clear(&c);
	diag_list_free(&dl);
	return rc;
}

/* The field name of item i: PREFIX:EXPECTATION-ID. */
static char *
field_name(const char *prefix, const struct model_expectation *e)
{
	return xasprintf("%s:%s", prefix, e->id);
}

static void
fp_from_request(struct form_page *fp)
{
	size_t i;

	for (i = 0; i < fp->t.n; i++) {
		static const char *const prefix[] = { "r", "e", "l", "p" };
		char **slots[] = { &fp->rating[i], &fp->evidence[i], &fp->links[i],
			&fp->private_note[i] };
		size_t k;

		for (k = 0; k < 4; k++) {
			char *name = field_name(prefix[k], fp->t.items[i]);
			char *v = req_form(fp->r, name);

			set(slots[k], v);
			free(v);
			free(name);
		}
		if (fp->role == ROLE_SELF)
			set(&fp->private_note[i], NULL);
	}
}

/* The Markdown form of what the page holds; first_line as review_form_text. */
static void
fp_markdown(struct form_page *fp, struct buf *b, unsigned *first_line)
{
	struct review_answer *a = xcalloc(fp->t.n ? fp->t.n : 1, sizeof(*a));
	struct assess_blank blank;
	size_t i;

	for (i = 0; i < fp->t.n; i++) {
		a[i].rating = fp->rating[i];
		a[i].evidence = fp->evidence[i];
		a[i].links = fp->links[i];
		a[i].private_note = fp->private_note[i];
	}
	blank.cycle = fp->k.cycle;
	blank.person = fp->k.person;
	blank.name = fp->person.name ? fp->person.name : fp->k.person;
	blank.rater = fp->k.rater;
	blank.role = fp->role;
	blank.target = fp->target;
	review_form_text(b, fp->m, &blank, &fp->t, a, first_line);
	free(a);
}

/* ---- beside the fields: what else the caller may see ---- */

struct beside_cut {
	struct request *r;
	const struct authz_cycle *cy;
	unsigned rel;
	long long peers;
};

static int
beside_person(const struct cycle_person *p, void *arg)
{
	struct beside_cut *b = arg;

	if (authz_relation(b->r->st, &b->r->caller, b->cy, p->info.id, &b->rel) != 0)
		return -1;
	b->peers = store_raters_count(b->r->st, b->cy->id, p->info.id, "peer");
	return b->peers < 0 ? -1 : 1;
}

static unsigned
beside_rating(const struct cycle_person *p, const struct cycle_rating *rt, void *arg)
{
	struct beside_cut *b = arg;
	unsigned v = authz_assessment(b->rel, &b->r->caller, b->cy, rt->role, rt->rater,
	    b->peers);

	(void)p;
	return ((v & VIEW_SHOWN) ? CUT_KEEP : 0) | ((v & VIEW_ANONYMOUS) ? CUT_ANONYMOUS : 0);
}

/*
 * Loads person's assessments in cycle as the caller may see them (a cut
 * cycle: free with cycle_clear). 0, or -1 on a database error.
 */
int
review_load_visible(struct request *r, const char *cycle, const char *person, struct cycle *c)
{
	struct diag_list dl = {0};
	struct authz_cycle cy;
	struct beside_cut bc;
	struct cycle_cut cut;
	int rc;

	serve_cycle(r, cycle, &cy);
	bc.r = r;
	bc.cy = &cy;
	bc.rel = 0;
	bc.peers = 0;
	cut.person = beside_person;
	cut.rating = beside_rating;
	cut.arg = &bc;
	rc = cycle_load(c, r->st, &dl, cycle, person, CYCLE_RATINGS);
	if (rc == 0)
		rc = cycle_cut(c, &cut);
	diag_list_free(&dl);
	return rc;
}

/* Who gave a rating, as the caller may know it. */
static void
rater_label(struct buf *b, const struct cycle_rating *rt)
{
	if (rt->role == ROLE_SELF)
		buf_puts(b, "Self");
	else if (rt->anonymous || rt->rater == NULL)
		buf_printf(b, "%s (anonymous)", rt->role == ROLE_PEER ? "A peer" : "Manager");
	else
		html_wrap(b, rt->role == ROLE_PEER ? "Peer " : "Manager ", rt->rater, "");
}

/* Adds the visible ratings of cycle (but not the caller's own form) beside the items. */
static int
fp_beside_cycle(struct form_page *fp, const char *cycle, const char *when, int skip_own)
{
	struct cycle c;
	size_t i, j;

	if (review_load_visible(fp->r, cycle, fp->k.person, &c) != 0) {
		cycle_clear(&c);
		return -1;
	}
	for (i = 0; i < c.n; i++)
		for (j = 0; j < c.people[i].nratings; j++) {
			const struct cycle_person *p = &c.people[i];
			const struct cycle_rating *rt = &p->ratings[j];
			long at = assess_target_index(&fp->t, p->items->items[rt->index]->id);
			struct buf *b;
			char tmp[32];

			if (at < 0 || (skip_own && rt->role == fp->role && rt->rater != NULL &&
			    strcmp(rt->rater, fp->k.rater) == 0))
				continue;
			b = &fp->beside[at];
			html_wrap(b, "<li><span class=\"when\">", when, "</span> ");
			rater_label(b, rt);
			html_wrap(b, ": <strong>", rt->rated ? scale_label(p->model, rt->value, tmp) :
			    "not rated", "</strong>");
			if (rt->evidence != NULL)
				html_wrap(b, " <q>", rt->evidence, "</q>");
			buf_puts(b, "</li>\n");
		}
	cycle_clear(&c);
	return 0;
}

struct prev_walk {
	const char *current;
	int seen_current;
	char *previous;		/* owned */
};

static int
prev_cycle(const char *cycle, void *arg)
{
	struct prev_walk *w = arg;

	if (strcmp(cycle, w->current) == 0) {
		w->seen_current = 1;
		return 0;
	}
	if (w->previous == NULL || w->seen_current) {
		free(w->previous);
		w->previous = xstrdup(cycle);
	}
	return w->seen_current;
}

/* The cycle before cycle among person's (newest first); owned, or NULL. */
char *
review_previous_cycle(struct store *st, const char *person, const char *cycle, int *failed)
{
	struct prev_walk w = { cycle, 0, NULL };

	*failed = store_cycles_of(st, person, prev_cycle, &w) != 0;
	if (!w.seen_current && w.previous != NULL) {
		/* the current cycle has no form yet: the newest is the previous one */
		free(w.previous);
		w.previous = NULL;
		w.seen_current = 1;
		*failed |= store_cycles_of(st, person, prev_cycle, &w) != 0;
	}
	return w.previous;
}

static int
fp_beside(struct form_page *fp)
{
	char *prev;
	int failed;

	if (fp_beside_cycle(fp, fp->k.cycle, "This cycle", 1) != 0)
		return -1;
	prev = review_previous_cycle(fp->r->st, fp->k.person, fp->k.cycle, &failed);
	if (!failed && prev != NULL && fp_beside_cycle(fp, prev, prev, 0) != 0)
		failed = 1;
	free(prev);
	return failed ? -1 : 0;
}

/* ---- rendering ---- */

/* One diagnostic; its position only when it is not shown beside its field. */
static void
diag_html(struct buf *b, const struct diag_list *dl, const struct diag *d, int position)
{
	int err = diag_effective_level(dl, d) == DIAG_ERROR;

	buf_printf(b, "<li class=\"%s\">", err ? "error" : "warning");
	if (position && d->line > 0)
		buf_printf(b, "line %u:%u: ", d->line, d->col);
	buf_printf(b, "%s: ", err ? "error" : "warning");
	html_escape(b, d->msg);
	html_wrap(b, " [", diag_name(d->code), "]</li>\n");
}

/* Puts each diagnostic beside the item whose lines it points into. */
static void
fp_diagnostics(struct form_page *fp, const struct diag_list *dl, const unsigned *first_line)
{
	size_t i;

	for (i = 0; i < dl->len; i++) {
		const struct diag *d = &dl->items[i];
		long at;

		if (diag_is_off(dl, d))
			continue;
		at = review_form_item(first_line, fp->t.n, d->line);
		diag_html(at < 0 ? &fp->top : &fp->diags[at], dl, d, 0);
	}
}

/*
 * The same for an uploaded Markdown form, whose lines are the file's: each
 * diagnostic goes beside the expectation whose `###` section it points
 * into, with its line and column in the file; one in the front matter, in
 * no section or in the section of an expectation this page does not ask
 * goes at the top.
 */
static void
fp_upload_diagnostics(struct form_page *fp, const struct diag_list *dl, const char *body)
{
	struct diag_list rdl = {0};
	struct assess_form f;
	size_t i, j, n;

	n = assess_form_read_buffer("upload.md", body, strlen(body), &rdl, &f) == 0 ? f.nitems : 0;
	for (i = 0; i < dl->len; i++) {
		const struct diag *d = &dl->items[i];
		long at = -1;

		if (diag_is_off(dl, d))
			continue;
		for (j = 0; d->line > 0 && j < n && f.items[j].pos.line <= d->line; j++)
			at = f.items[j].expectation != NULL ?
			    assess_target_index(&fp->t, f.items[j].expectation) : -1;
		diag_html(at < 0 ? &fp->top : &fp->diags[at], dl, d, 1);
	}
	assess_form_clear(&f);
	diag_list_free(&rdl);
}

static const char *const role_titles[ROLE__MAX] = { "Self-assessment", "Manager assessment",
	"Peer feedback" };

static void
textarea(struct buf *b, const char *cls, const char *label, const char *prefix,
    const struct model_expectation *e, const char *value, int locked)
{
	char *name = field_name(prefix, e);

	buf_printf(b, "<div class=\"field %s\"><label for=\"", cls);
	html_escape(b, name);
	html_wrap(b, "\">", label, "</label>\n<textarea id=\"");
	html_escape(b, name);
	buf_puts(b, "\" name=\"");
	html_escape(b, name);
	buf_printf(b, "\" rows=\"3\"%s>", locked ? " readonly" : "");
	html_escape(b, value ? value : "");
	buf_puts(b, "</textarea></div>\n");
	free(name);
}

static void
rating_select(struct buf *b, const struct form_page *fp, size_t i, int locked)
{
	const struct model_expectation *e = fp->t.items[i];
	char *name = field_name("r", e);
	size_t k;

	buf_puts(b, "<div class=\"field rating\"><label for=\"");
	html_escape(b, name);
	buf_puts(b, "\">Rating</label>\n<select id=\"");
	html_escape(b, name);
	buf_puts(b, "\" name=\"");
	html_escape(b, name);
	buf_printf(b, "\"%s>\n<option value=\"\">not rated</option>\n", locked ? " disabled" : "");
	for (k = 0; k < fp->m->nscale; k++) {
		const struct model_scale_point *sp = fp->m->scale[k];

		buf_puts(b, "<option value=\"");
		html_escape(b, sp->id);
		buf_printf(b, "\"%s>", fp->rating[i] && strcmp(fp->rating[i], sp->id) == 0 ?
		    " selected" : "");
		html_escape(b, sp->label ? sp->label : sp->id);
		buf_puts(b, "</option>\n");
	}
	buf_puts(b, "</select></div>\n");
	free(name);
}

static void
fp_item(struct buf *b, const struct form_page *fp, size_t i, int locked)
{
	const struct model_expectation *e = fp->t.items[i];

	html_wrap(b, "<div class=\"expectation\" id=\"x-", e->id, "\">\n");
	html_wrap(b, "<p class=\"text\"><code>", e->id, "</code> ");
	html_escape(b, e->text);
	buf_puts(b, "</p>\n");
	if (fp->beside[i].len > 0) {
		buf_puts(b, "<ul class=\"beside\" aria-label=\"Other ratings you may see\">\n");
		buf_add(b, fp->beside[i].data, fp->beside[i].len);
		buf_puts(b, "</ul>\n");
	}
	rating_select(b, fp, i, locked);
	textarea(b, "evidence", "Evidence", "e", e, fp->evidence[i], locked);
	textarea(b, "links", "Links: one per line, a URL or okr:KEY-RESULT, then the kind in "
	    "parentheses, e.g. https://example.org/rollout (doc)", "l", e, fp->links[i], locked);
	if (fp->role != ROLE_SELF)
		textarea(b, "private", "Private note, for the promotion committee only (never "
		    "shown to the person)", "p", e, fp->private_note[i], locked);
	if (fp->diags[i].len > 0) {
		buf_puts(b, "<ul class=\"diags\" role=\"alert\">\n");
		buf_add(b, fp->diags[i].data, fp->diags[i].len);
		buf_puts(b, "</ul>\n");
	}
	buf_puts(b, "</div>\n");
}

static void
fp_base_url(struct buf *b, const struct form_page *fp)
{
	html_wrap(b, "/review/", fp->k.cycle, "/");
	html_escape(b, fp->k.person);
	buf_puts(b, "/");
	html_escape(b, fp->k.role);
}

static void
hidden(struct buf *b, const char *name, const char *value)
{
	html_wrap(b, "<input type=\"hidden\" name=\"", name, "\" value=\"");
	html_escape(b, value);
	buf_puts(b, "\">\n");
}

/* Renders the page; notice (HTML, may be NULL) in a status line of class cls. */
static void
fp_render(struct form_page *fp, int status, const char *notice, const char *cls)
{
	const struct model_competency *comp = NULL;
	const char *name = fp->person.name ? fp->person.name : fp->k.person;
	struct buf b = {0}, title = {0};
	char tok[48];
	size_t i, k;
	int locked = 0;

	review_token_format(&fp->token, tok);
	buf_printf(&title, "%s: %s", role_titles[fp->role], name);
	buf_puts(&b, "<link rel=\"stylesheet\" href=\"/static/review.css\">\n");
	html_wrap(&b, "<h1>", title.data, "</h1>\n<p class=\"lead\">Against ");
	html_escape(&b, fp->target->title);
	html_wrap(&b, " (", fp->target->id, ")");
	html_wrap(&b, " · cycle ", fp->k.cycle, "");
	html_wrap(&b, " · by ", fp->k.rater, "</p>\n");
	locked = fp->locked;
	if (notice != NULL)
		buf_printf(&b, "<p class=\"notice %s\" role=\"status\">%s</p>\n", cls, notice);
	if (locked)
		html_wrap(&b, "<p class=\"notice locked\" role=\"status\">The cycle is in phase ",
		    fp->phase, ": its forms are locked. You can read this form; hr can reopen it "
		    "if it must change.</p>\n");
	else if (fp->phase != NULL)
		html_wrap(&b, "<p class=\"phase\">The cycle is in phase ", fp->phase, ".</p>\n");
	if (fp->role == ROLE_SELF && fp->mine != NULL && fp->mine != fp->target) {
		struct diff_view *v = diff_view_levels(fp->m, fp->mine, fp->target);

		buf_puts(&b, "<details class=\"changes\"><summary>What changes from my level ");
		html_escape(&b, fp->mine->title);
		buf_puts(&b, " to ");
		html_escape(&b, fp->target->title);
		buf_puts(&b, "</summary>\n");
		diff_view_render(v, DIFF_HTML, &b);
		diff_view_free(v);
		buf_puts(&b, "</details>\n");
	}
	buf_puts(&b, "<form method=\"post\" class=\"review\" action=\"");
	fp_base_url(&b, fp);
	buf_puts(&b, "\">\n");
	hidden(&b, "csrf", fp->r->csrf);
	hidden(&b, "token", tok);
	if (fp->top.len > 0) {
		buf_puts(&b, "<ul class=\"diags\" role=\"alert\">\n");
		buf_add(&b, fp->top.data, fp->top.len);
		buf_puts(&b, "</ul>\n");
	}
	buf_puts(&b, "<p class=\"scale\">The scale:");
	for (k = 0; k < fp->m->nscale; k++) {
		html_wrap(&b, k ? ", <strong>" : " <strong>", fp->m->scale[k]->label ?
		    fp->m->scale[k]->label : fp->m->scale[k]->id, "</strong>");
	}
	buf_puts(&b, ". Leave a rating empty where you cannot judge.");
	if (fp->role != ROLE_SELF)
		buf_puts(&b, " <span class=\"private-key\">Private notes</span> are read by the "
		    "promotion committee only.");
	buf_puts(&b, "</p>\n");
	for (i = 0; i < fp->t.n; i++) {
		const struct model_expectation *e = fp->t.items[i];

		if (e->competency != comp) {
			if (comp != NULL)
				buf_puts(&b, "</fieldset>\n");
			comp = e->competency;
			buf_puts(&b, "<fieldset class=\"competency\"><legend>");
			if (comp->area != NULL)
				html_wrap(&b, "<span class=\"area\">", comp->area, "</span> ");
			html_escape(&b, comp->title);
			buf_puts(&b, "</legend>\n");
		}
		fp_item(&b, fp, i, locked);
	}
	if (comp != NULL)
		buf_puts(&b, "</fieldset>\n");
	if (locked) {
		buf_puts(&b, "</form>\n");
		page_render(fp->r, status, title.data, b.data);
		buf_free(&b);
		buf_free(&title);
		return;
	}
	buf_puts(&b, "<p class=\"actions\"><button type=\"submit\" name=\"action\" value=\"save\">"
	    "Save draft</button> <button type=\"submit\" name=\"action\" value=\"submit\">Submit"
	    "</button> <span class=\"autosave\" role=\"status\" aria-live=\"polite\">");
	if (fp->saved_at != NULL)
		html_wrap(&b, "Draft saved ", fp->saved_at, "");
	buf_puts(&b, "</span></p>\n</form>\n");
	buf_puts(&b, "<h2>The Markdown form</h2>\n<p>The same form as a file, for an editor or "
	    "<code>egf assess import</code>: <a download=\"form.md\" href=\"");
	fp_base_url(&b, fp);
	buf_puts(&b, "/form.md\">Download my form</a>.</p>\n<form method=\"post\" "
	    "enctype=\"multipart/form-data\" class=\"upload\" action=\"");
	fp_base_url(&b, fp);
	buf_puts(&b, "/upload\">\n");
	hidden(&b, "csrf", fp->r->csrf);
	hidden(&b, "token", tok);
	buf_puts(&b, "<label for=\"upload-form\">Upload a filled form (submits it)</label>\n"
	    "<input type=\"file\" id=\"upload-form\" name=\"form\" accept=\".md,text/markdown,"
	    "text/plain\">\n<button type=\"submit\">Upload and submit</button>\n</form>\n"
	    "<script src=\"/static/review.js\" defer></script>\n");
	page_render(fp->r, status, title.data, b.data);
	buf_free(&b);
	buf_free(&title);
}

/* Fills the page from the draft, else the stored form; sets the token. */
static int
fp_load(struct form_page *fp)
{
	struct store_draft d;

	if (review_current(fp->r->st, &fp->k, &fp->token, &d) != 0)
		return -1;
	if (d.body != NULL) {
		fp_from_markdown(fp, d.body);
		fp->saved_at = d.saved_at;
		d.saved_at = NULL;
	} else if (fp->token.form > 0 && fp_from_store(fp) != 0) {
		store_draft_clear(&d);
		return -1;
	}
	store_draft_clear(&d);
	return 0;
}

void
page_review(struct request *r)
{
	const char *saved = req_query(r, "saved"), *sub = req_query(r, "submitted");
	struct form_page fp;
	struct buf n = {0};

	if (fp_open(&fp, r) != 0) {
		fp_clear(&fp);
		return;
	}
	if (fp_load(&fp) != 0 || fp_beside(&fp) != 0) {
		page_failed(r);
		fp_clear(&fp);
		return;
	}
	if (sub != NULL)
		html_wrap(&n, "Submitted: revision ", sub, " is stored.");
	else if (saved != NULL)
		buf_puts(&n, "Draft saved. Only you see it until you submit.");
	fp_render(&fp, 200, n.data, "ok");
	buf_free(&n);
	fp_clear(&fp);
}

void
page_review_form(struct request *r)
{
	struct form_page fp;
	struct buf b = {0};
	unsigned *lines;

	if (fp_open(&fp, r) != 0) {
		fp_clear(&fp);
		return;
	}
	if (fp_load(&fp) != 0) {
		page_failed(r);
		fp_clear(&fp);
		return;
	}
	lines = xcalloc(fp.t.n ? fp.t.n : 1, sizeof(*lines));
	fp_markdown(&fp, &b, lines);
	reply(r, 200, "text/markdown; charset=utf-8", b.data);
	free(lines);
	buf_free(&b);
	fp_clear(&fp);
}

/* A JSON answer to the page's script: {"token": ..., "error": ...}. */
static void
reply_autosave(struct request *r, int status, const struct review_token *t, const char *error)
{
	char tok[48];
	struct buf b = {0};

	review_token_format(t, tok);
	buf_printf(&b, "{\"token\": \"%s\"", tok);
	if (error != NULL)
		buf_printf(&b, ", \"error\": \"%s\"", error);
	buf_puts(&b, "}\n");
	reply(r, status, "application/json", b.data);
	buf_free(&b);
}

static const char *const stale_text = "This form was changed in another tab or window "
    "since this page was loaded, so nothing was saved here. Your edits are still on this "
    "page: copy what you need, then reload the page to see the newer version.";

/* After a submission: 303 to the page, or the page again with the diagnostics. */
static void
fp_submitted(struct form_page *fp, enum review_status st, struct diag_list *dl,
    const unsigned *lines, int revision)
{
	char where[600];

	switch (st) {
	case REVIEW_OK:
		snprintf(where, sizeof(where), "/review/%s/%s/%s?submitted=%d", fp->k.cycle,
		    fp->k.person, fp->k.role, revision);
		reply_redirect(fp->r, where);
		break;
	case REVIEW_STALE:
		fp_render(fp, 409, stale_text, "conflict");
		break;
	case REVIEW_INVALID:
		/* without lines, the caller placed them (an upload's) */
		if (lines != NULL)
			fp_diagnostics(fp, dl, lines);
		fp_render(fp, 422, "The form was not submitted: correct what is marked below "
		    "and submit again.", "invalid");
		break;
	default:
		page_failed(fp->r);
	}
}

void
page_review_post(struct request *r)
{
	char *action = req_form(r, "action"), *tok = req_form(r, "token");
	int autosave = req_header(r, "X-Egf-Autosave") != NULL, revision = 0;
	struct diag_list dl = {0};
	struct review_token seen, now;
	struct form_page fp;
	struct buf md = {0};
	unsigned *lines = NULL;
	enum review_status st;

	if (fp_open(&fp, r) != 0)
		goto out;
	if (review_token_parse(tok, &seen) != 0) {
		page_render(r, 400, "Bad request", "<h1>Bad request</h1>\n<p>The form had no "
		    "revision; reload the page.</p>\n");
		goto out;
	}
	fp_from_request(&fp);
	lines = xcalloc(fp.t.n ? fp.t.n : 1, sizeof(*lines));
	fp_markdown(&fp, &md, lines);
	if (action != NULL && strcmp(action, "submit") == 0) {
		st = review_submit(r->st, &fp.pub, &fp.k, "form.md", md.data, md.len, &seen, &dl,
		    &revision);
		/* A stale page stays stale: it never overwrites what the other tab stored. */
		fp.token = seen;
		if (st != REVIEW_OK && fp_beside(&fp) != 0)
			st = REVIEW_FAILED;
		fp_submitted(&fp, st, &dl, lines, revision);
		goto out;
	}
	st = review_draft_save(r->st, &fp.k, md.data, &seen, &now);
	if (st == REVIEW_LOCKED) {
		fp.locked = 1;
		if (autosave)
			reply_autosave(r, 403, &seen, "the cycle's forms are locked");
		else if (fp_beside(&fp) != 0)
			page_failed(r);
		else
			fp_render(&fp, 403, "Nothing was saved: the cycle's forms are locked.",
			    "conflict");
	} else if (autosave) {
		if (st == REVIEW_FAILED)
			reply_error(r, 500, "database error");
		else
			reply_autosave(r, st == REVIEW_OK ? 200 : 409, &now, st == REVIEW_OK ? NULL :
			    "changed in another tab or window: reload the page");
	} else if (st == REVIEW_OK) {
		char where[600];

		snprintf(where, sizeof(where), "/review/%s/%s/%s?saved=1", fp.k.cycle, fp.k.person,
		    fp.k.role);
		reply_redirect(r, where);
	} else if (st == REVIEW_STALE) {
		fp.token = seen;
		if (fp_beside(&fp) != 0)
			page_failed(r);
		else
			fp_render(&fp, 409, stale_text, "conflict");
	} else
		page_failed(r);
out:
	free(lines);
	buf_free(&md);
	diag_list_free(&dl);
	fp_clear(&fp);
	free(action);
	free(tok);
}

void
page_review_upload(struct request *r)
{
	char *tok = req_form(r, "token"), *body = req_form(r, "form");
	struct diag_list dl = {0};
	struct review_token seen;
	struct form_page fp;
	enum review_status st;
	int revision = 0;

	if (fp_open(&fp, r) != 0)
		goto out;
	if (review_token_parse(tok, &seen) != 0 || body == NULL || *body == '\0') {
		page_render(r, 400, "Bad request", "<h1>Bad request</h1>\n<p>Choose a form file "
		    "to upload, from a page loaded on this server.</p>\n");
		goto out;
	}
	st = review_submit(r->st, &fp.pub, &fp.k, "upload.md", body, strlen(body), &seen, &dl,
	    &revision);
	if (st != REVIEW_OK) {
		/* The page shows the uploaded answers, with what is wrong with them. */
		fp_from_markdown(&fp, body);
		fp.token = seen;
		if (fp_beside(&fp) != 0)
			st = REVIEW_FAILED;
		else if (st == REVIEW_INVALID)
			fp_upload_diagnostics(&fp, &dl, body);
	}
	fp_submitted(&fp, st, &dl, NULL, revision);
out:
	diag_list_free(&dl);
	fp_clear(&fp);
	free(tok);
	free(body);
}
