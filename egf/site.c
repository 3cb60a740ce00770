/*
 * site.c: the pages of the static site, from one walk of the model.
 *
 * The walk visits the competencies area by area. Each competency writes its
 * own page at once, appends its expectations to the page of their level and
 * counts them into the matrix; the index, the level pages, the matrix and
 * the self-assessment page are put together from that afterwards. All user
 * text goes through html_escape; expectation and description HTML is
 * cmark's safe-mode output and is used as it is.
 */
#include "site.h"

#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "json_text.h"

/* What the walk gathers for one level's page. */
struct level_page {
	struct buf toc;		/* the competencies on the page, with counts */
	struct buf body;	/* areas, competencies, expectations */
	const char *area;	/* the area section open in body, or NULL */
	const struct model_competency *competency;	/* open in body, or NULL */
	size_t in_competency;	/* expectations in the open competency */
	size_t nexpectations, ncompetencies;
};

struct render {
	const struct model *m;
	const struct site_templates *t;
	struct site *s;
	const struct model_competency **order;	/* competencies in area order */
	size_t norder;
	struct level_page *levels;	/* by level index */
	size_t *counts;			/* [order index * nlevels + level index] */
};

enum nav_item { NAV_NONE, NAV_INDEX, NAV_MATRIX, NAV_ASSESS };

/* ---- small pieces ---- */

static int
is_required(const struct model *m, const struct model_competency *c)
{
	size_t i;

	for (i = 0; i < m->nrequired; i++)
		if (strcmp(m->required[i], c->id) == 0)
			return 1;
	return 0;
}

static const char *
area_of(const struct model_competency *c)
{
	return c->area != NULL ? c->area : "";
}

/* "1 expectation", "3 expectations". */
static void
count_words(struct buf *b, size_t n, const char *one, const char *many)
{
	buf_printf(b, "%zu %s", n, n == 1 ? one : many);
}

static void
required_badge(struct buf *b, const struct model *m, const struct model_competency *c)
{
	if (is_required(m, c))
		buf_puts(b, " <span class=\"badge required\">required for promotion</span>");
}

/* A link to a level page, from a page at root. */
static void
level_link(struct buf *b, const char *root, const struct model_level *l, const char *anchor)
{
	buf_printf(b, "<a href=\"%slevels/", root);
	html_escape(b, l->id);
	buf_puts(b, ".html");
	if (anchor != NULL) {
		buf_puts(b, "#");
		html_escape(b, anchor);
	}
	buf_puts(b, "\">");
}

static void
competency_link(struct buf *b, const char *root, const struct model_competency *c)
{
	buf_printf(b, "<a href=\"%scompetencies/", root);
	html_escape(b, c->id);
	buf_puts(b, ".html\">");
}

/*
 * The level before l in its track, or NULL at the bottom; the first level
 * of a branching track follows the level it branches off at.
 */
static const struct model_level *
previous_level(const struct model *m, const struct model_level *l)
{
	size_t i;

	for (i = l->index; i-- > 0;)
		if (m->levels[i]->track == l->track)
			return m->levels[i];
	return l->track != NULL ? l->track->from : NULL;
}

/* One "Next:" item of a level page's pager. */
static void
next_item(struct buf *c, const struct model_level *next, const struct model_track *branch)
{
	buf_puts(c, branch ? "<li class=\"next fork\">" : "<li class=\"next\">");
	if (branch != NULL)
		html_wrap(c, "Next on ", branch->title, ": ");
	else
		buf_puts(c, "Next: ");
	level_link(c, "../", next, NULL);
	html_wrap(c, "", next->id, " ");
	html_wrap(c, "", next->title, "</a></li>");
}

/*
 * The tracks that branch off at l, with their first levels: the fork a
 * level page shows. Returns how many; out holds up to max.
 */
static size_t
branches_at(const struct model *m, const struct model_level *l,
    const struct model_track **tracks, const struct model_level **firsts, size_t max)
{
	size_t i, j, n = 0;

	for (i = 0; i < m->ntracks; i++) {
		if (m->tracks[i]->from != l || m->tracks[i] == l->track)
			continue;
		for (j = 0; j < m->nlevels; j++)
			if (m->levels[j]->track == m->tracks[i])
				break;
		if (j == m->nlevels || n >= max)
			continue;
		tracks[n] = m->tracks[i];
		firsts[n++] = m->levels[j];
	}
	return n;
}

static void
nav(struct buf *b, const char *root, enum nav_item current)
{
	static const struct {
		enum nav_item item;
		const char *href, *label;
	} items[] = {
		{ NAV_INDEX, "index.html", "Overview" },
		{ NAV_NONE, "index.html#levels", "Levels" },
		{ NAV_NONE, "index.html#competencies", "Competencies" },
		{ NAV_MATRIX, "matrix.html", "Matrix" },
		{ NAV_ASSESS, "assess.html", "Self-assessment" },
	};
	size_t i;

	buf_puts(b, "<nav class=\"site\" aria-label=\"Site\"><ul>");
	for (i = 0; i < sizeof(items) / sizeof(items[0]); i++)
		buf_printf(b, "<li><a href=\"%s%s\"%s>%s</a></li>", root, items[i].href,
		    items[i].item == current && current != NAV_NONE ? " aria-current=\"page\"" : "",
		    items[i].label);
	buf_puts(b, "</ul></nav>");
}

static struct buf *
add_file(struct site *s, const char *path)
{
	struct site_file *f;

	xgrow((void **)&s->files, &s->files_cap, s->nfiles + 1, sizeof(*s->files));
	f = &s->files[s->nfiles++];
	memset(f, 0, sizeof(*f));
	f->path = xstrdup(path);
	return &f->data;
}

/* One page: the layout around content. title is plain text. */
static void
add_page(struct render *r, const char *path, const char *title, const char *page,
    enum nav_item current, const char *content, const char *scripts)
{
	const char *root = strchr(path, '/') != NULL ? "../" : "";
	struct buf etitle = {0}, eladder = {0}, eversion = {0}, navb = {0};
	const char *vals[SLOT__MAX];

	html_escape(&etitle, title);
	html_escape(&eladder, r->m->title);
	html_escape(&eversion, r->m->version);
	nav(&navb, root, current);
	vals[SLOT_TITLE] = etitle.data;
	vals[SLOT_LADDER] = eladder.data;
	vals[SLOT_VERSION] = eversion.data;
	vals[SLOT_ROOT] = root;
	vals[SLOT_PAGE] = page;
	vals[SLOT_NAV] = navb.data;
	vals[SLOT_CONTENT] = content;
	vals[SLOT_SCRIPTS] = scripts;
	site_layout_fill(r->t, vals, add_file(r->s, path));
	buf_free(&etitle);
	buf_free(&eladder);
	buf_free(&eversion);
	buf_free(&navb);
}

/* An expectation's attributes and examples, after its text. */
static void
expectation_extras(struct buf *b, const struct model_expectation *e)
{
	size_t i;

	if (e->nattrs > 0) {
		buf_puts(b, "<dl class=\"attrs\">");
		for (i = 0; i < e->nattrs; i++) {
			html_wrap(b, "<dt>", e->attrs[i].name, "</dt>");
			html_wrap(b, "<dd>", e->attrs[i].value, "</dd>");
		}
		buf_puts(b, "</dl>");
	}
	if (e->nexamples > 0) {
		buf_puts(b, "<ul class=\"examples\">");
		for (i = 0; i < e->nexamples; i++)
			buf_printf(b, "<li><span class=\"example-label\">Example:</span> %s</li>",
			    e->examples[i].html);
		buf_puts(b, "</ul>");
	}
}

/* An expectation as a list item: its text and its id, anchored at e-ID. */
static void
expectation_item(struct buf *b, const struct model_expectation *e, const char *cls,
    const char *badge)
{
	buf_puts(b, "<li");
	if (cls != NULL)
		buf_printf(b, " class=\"%s\"", cls);
	buf_puts(b, " id=\"e-");
	html_escape(b, e->id);
	buf_puts(b, "\">");
	if (badge != NULL)
		buf_puts(b, badge);
	buf_puts(b, "<div class=\"text\">");
	buf_puts(b, e->html ? e->html : "");
	buf_puts(b, "</div> <span class=\"eid\">");
	html_escape(b, e->id);
	buf_puts(b, "</span>");
	expectation_extras(b, e);
	buf_puts(b, "</li>\n");
}

/* ---- level pages: filled during the walk ---- */

static void
close_competency(struct level_page *p)
{
	if (p->competency == NULL)
		return;
	buf_puts(&p->body, "</ul>\n</section>\n");
	buf_puts(&p->toc, "<li><a href=\"#c-");
	html_escape(&p->toc, p->competency->id);
	buf_puts(&p->toc, "\">");
	html_escape(&p->toc, p->competency->title);
	buf_printf(&p->toc, "</a> <span class=\"count\">%zu</span></li>\n", p->in_competency);
	p->competency = NULL;
}

static void
close_area(struct level_page *p)
{
	close_competency(p);
	if (p->area != NULL)
		buf_puts(&p->body, "</section>\n");
	p->area = NULL;
}

static void
level_append(struct render *r, const struct model_competency *c,
    const struct model_expectation *e)
{
	struct level_page *p = &r->levels[e->level->index];

	if (p->competency != c) {
		if (p->area == NULL || strcmp(p->area, area_of(c)) != 0) {
			close_area(p);
			p->area = area_of(c);
			buf_puts(&p->body, "<section class=\"area\">\n");
			if (*p->area != '\0')
				html_wrap(&p->body, "<h2>", p->area, "</h2>\n");
		}
		close_competency(p);
		p->competency = c;
		p->in_competency = 0;
		p->ncompetencies++;
		buf_puts(&p->body, "<section class=\"competency\" id=\"c-");
		html_escape(&p->body, c->id);
		buf_puts(&p->body, "\">\n<h3>");
		competency_link(&p->body, "../", c);
		html_escape(&p->body, c->title);
		buf_puts(&p->body, "</a>");
		required_badge(&p->body, r->m, c);
		buf_puts(&p->body, "</h3>\n<ul class=\"expectations\">\n");
	}
	expectation_item(&p->body, e, NULL, NULL);
	p->in_competency++;
	p->nexpectations++;
}

static void
level_pages(struct render *r)
{
	const struct model *m = r->m;
	size_t i;

	for (i = 0; i < m->nlevels; i++) {
		const struct model_level *l = m->levels[i], *prev, *next, *firsts[8];
		const struct model_track *branches[8];
		struct level_page *p = &r->levels[i];
		struct buf c = {0}, title = {0};
		size_t nbranches, k;
		char *path;

		close_area(p);
		prev = previous_level(m, l);
		next = model_next_level(m, l);
		html_wrap(&c, "<h1><span class=\"level-id\">", l->id, "</span> ");
		html_wrap(&c, "", l->title, "</h1>\n<p class=\"meta\">");
		html_wrap(&c, "Track: ", l->track ? l->track->title : l->track_id, ". ");
		count_words(&c, p->nexpectations, "expectation", "expectations");
		buf_puts(&c, " in ");
		count_words(&c, p->ncompetencies, "competency", "competencies");
		buf_puts(&c, ".</p>\n");
		if (l->description_html != NULL)
			buf_printf(&c, "<div class=\"description\">%s</div>\n", l->description_html);
		nbranches = branches_at(m, l, branches, firsts, 8);
		if (nbranches > 0) {
			buf_puts(&c, "<p class=\"fork\">The career forks after this level: ");
			for (k = 0; k < nbranches; k++) {
				buf_puts(&c, k == 0 ? "" : k + 1 == nbranches ? " and " : ", ");
				html_escape(&c, branches[k]->title);
			}
			buf_puts(&c, nbranches == 1 ? " branches off here.</p>\n" :
			    " branch off here.</p>\n");
		}
		if (prev != NULL || next != NULL || nbranches > 0) {
			buf_puts(&c, "<nav class=\"pager\" aria-label=\"Levels of this track\"><ul>");
			if (prev != NULL) {
				buf_puts(&c, "<li class=\"prev\">Previous: ");
				level_link(&c, "../", prev, NULL);
				html_wrap(&c, "", prev->id, " ");
				html_wrap(&c, "", prev->title, "</a></li>");
			}
			if (next != NULL)
				next_item(&c, next, nbranches > 0 ? l->track : NULL);
			for (k = 0; k < nbranches; k++)
				next_item(&c, firsts[k], branches[k]);
			buf_puts(&c, "</ul></nav>\n");
		}
		if (p->nexpectations == 0)
			buf_puts(&c, "<p class=\"none\">No competency has expectations for this "
			    "level yet.</p>\n");
		else {
			buf_puts(&c, "<nav class=\"toc\" aria-labelledby=\"toc-h\"><h2 id=\"toc-h\">"
			    "Competencies at this level</h2>\n<ul>\n");
			buf_add(&c, p->toc.data, p->toc.len);
			buf_puts(&c, "</ul></nav>\n");
			buf_add(&c, p->body.data, p->body.len);
		}
		buf_printf(&title, "%s %s", l->id, l->title);
		path = xasprintf("levels/%s.html", l->id);
		add_page(r, path, title.data, "level", NAV_NONE, c.data, NULL);
		free(path);
		buf_free(&title);
		buf_free(&c);
	}
}

/* ---- competency pages: written during the walk ---- */

/* 1 when level l of competency c has an expectation with this text. */
static int
has_text(const struct model_competency *c, const struct model_level *l, const char *text)
{
	size_t i;

	for (i = 0; i < c->nexpectations; i++)
		if (c->expectations[i]->level == l && strcmp(c->expectations[i]->text, text) == 0)
			return 1;
	return 0;
}

/* The cell of one level in a competency's progression table. */
static void
progression_cell(struct buf *b, const struct model_competency *c, const struct model_level *l,
    const struct model_level *prev, int first)
{
	size_t i, n = 0, fresh = 0;
	struct buf items = {0};

	for (i = 0; i < c->nexpectations; i++) {
		const struct model_expectation *e = c->expectations[i];
		int same;

		if (e->level != l)
			continue;
		n++;
		same = !first && prev != NULL && has_text(c, prev, e->text);
		if (!same)
			fresh++;
		if (first)
			expectation_item(&items, e, NULL, NULL);
		else if (same) {
			struct buf badge = {0};

			html_wrap(&badge, "<span class=\"badge same\">as at ", prev->id, "</span> ");
			expectation_item(&items, e, "same", badge.data);
			buf_free(&badge);
		} else
			expectation_item(&items, e, "new",
			    "<span class=\"badge new\">new</span> ");
	}
	if (n == 0)
		buf_puts(b, "<p class=\"none\">No expectations written for this level.</p>");
	else {
		buf_puts(b, "<p class=\"change\">");
		if (first)
			buf_puts(b, "Starts at this level: ");
		else {
			buf_printf(b, "%zu new", fresh);
			if (n > fresh) {
				buf_printf(b, ", %zu as at ", n - fresh);
				html_escape(b, prev->id);
			}
			buf_puts(b, ": ");
		}
		count_words(b, n, "expectation", "expectations");
		buf_puts(b, ".</p>\n<ul class=\"expectations\">\n");
		buf_add(b, items.data, items.len);
		buf_puts(b, "</ul>");
	}
	buf_free(&items);
}

/* One table per track: a row per level, what it expects and what is new. */
static void
progression_table(struct render *r, struct buf *b, const struct model_competency *c,
    const struct model_track *t)
{
	const struct model *m = r->m;
	const struct model_level *prev = NULL;
	size_t cap = m->nlevels * (m->ntracks + 1) + 1;
	const struct model_level **career = xcalloc(cap, sizeof(*career));
	size_t i, n = model_career(m, t, career, cap);
	int started = 0;

	buf_puts(b, "<section class=\"track\">\n<h2>");
	html_escape(b, t->title);
	buf_puts(b, "</h2>\n<table class=\"progression\">\n<caption>");
	html_escape(b, c->title);
	buf_puts(b, " at each level of the track ");
	html_escape(b, t->title);
	buf_puts(b, "</caption>\n<thead><tr><th scope=\"col\">Level</th>"
	    "<th scope=\"col\">Expectations</th></tr></thead>\n<tbody>\n");
	/* The track's career: a branch shows the trunk's levels before its own. */
	for (i = 0; i < n && i < cap; i++) {
		const struct model_level *l = career[i];
		int applies;

		applies = model_applies(m, c, l);
		buf_printf(b, "<tr%s><th scope=\"row\">", applies ? "" : " class=\"na\"");
		level_link(b, "../", l, NULL);
		html_escape(b, l->id);
		buf_puts(b, "</a> <span class=\"level-title\">");
		html_escape(b, l->title);
		buf_puts(b, "</span></th>\n<td>");
		if (!applies)
			buf_puts(b, "<p class=\"none\">Not expected at this level.</p>");
		else {
			progression_cell(b, c, l, prev, !started);
			started = 1;
		}
		buf_puts(b, "</td></tr>\n");
		prev = l;
	}
	buf_puts(b, "</tbody>\n</table>\n</section>\n");
	free(career);
}

static void
competency_page(struct render *r, const struct model_competency *c)
{
	const struct model *m = r->m;
	struct buf b = {0};
	size_t i, k = 0;
	char *path;

	html_wrap(&b, "<h1>", c->title, "</h1>\n<p class=\"meta\">");
	if (c->area != NULL)
		html_wrap(&b, "Area: ", c->area, ". ");
	buf_puts(&b, "Tracks: ");
	for (i = 0; i < m->ntracks; i++)
		if (model_has_track(c, m->tracks[i]->id))
			html_wrap(&b, k++ ? ", " : "", m->tracks[i]->title, "");
	buf_puts(&b, ".");
	required_badge(&b, m, c);
	buf_puts(&b, "</p>\n");
	if (c->description_html != NULL && *c->description_html != '\0')
		buf_printf(&b, "<div class=\"description\">%s</div>\n", c->description_html);
	buf_puts(&b, "<p class=\"legend\">Expectations marked <span class=\"badge new\">new"
	    "</span> are new at their level; those marked <span class=\"badge same\">as at"
	    "</span> repeat the level before word for word.</p>\n");
	for (i = 0; i < m->ntracks; i++)
		if (model_has_track(c, m->tracks[i]->id))
			progression_table(r, &b, c, m->tracks[i]);
	path = xasprintf("competencies/%s.html", c->id);
	add_page(r, path, c->title, "competency", NAV_NONE, b.data, NULL);
	free(path);
	buf_free(&b);
}

/* ---- the walk ---- */

static void
visit_competency(struct render *r, const struct model_competency *c)
{
	size_t i, k = r->norder++;

	r->order[k] = c;
	for (i = 0; i < c->nexpectations; i++) {
		const struct model_expectation *e = c->expectations[i];

		if (e->level == NULL)
			continue;
		r->counts[k * r->m->nlevels + e->level->index]++;
		level_append(r, c, e);
	}
	competency_page(r, c);
}

static void
walk(struct render *r)
{
	const struct model *m = r->m;
	const struct model_competency **order = xcalloc(m->ncompetencies + 1, sizeof(*order));
	size_t i;

	model_display_order(m, order);
	for (i = 0; i < m->ncompetencies; i++)
		visit_competency(r, order[i]);
	free(order);
}

/* ---- index and matrix ---- */

static void
index_page(struct render *r)
{
	const struct model *m = r->m;
	const char *area = NULL;
	struct buf b = {0};
	size_t i, j;

	html_wrap(&b, "<h1>", m->title, "</h1>\n<p class=\"meta\">");
	html_wrap(&b, "Version ", m->version, ". ");
	count_words(&b, m->nlevels, "level", "levels");
	buf_puts(&b, ", ");
	count_words(&b, m->ncompetencies, "competency", "competencies");
	buf_puts(&b, ", ");
	count_words(&b, m->nexpectations, "expectation", "expectations");
	buf_puts(&b, ".</p>\n");
	if (m->intro_html != NULL && *m->intro_html != '\0')
		buf_printf(&b, "<div class=\"intro\">%s</div>\n", m->intro_html);
	buf_puts(&b, "<p class=\"more\">See every level side by side in the "
	    "<a href=\"matrix.html\">matrix</a>, or assess yourself against a level on the "
	    "<a href=\"assess.html\">self-assessment page</a>.</p>\n");

	buf_puts(&b, "<h2 id=\"levels\">Tracks and levels</h2>\n");
	for (i = 0; i < m->ntracks; i++) {
		const struct model_track *t = m->tracks[i];
		const struct model_level **career = xcalloc(m->nlevels * (m->ntracks + 1) + 1,
		    sizeof(*career));
		size_t n = model_career(m, t, career, m->nlevels * (m->ntracks + 1) + 1);

		html_wrap(&b, "<section class=\"track\" id=\"track-", t->id, "\">\n");
		html_wrap(&b, "<h3>", t->title, "</h3>\n");
		if (t->description_html != NULL)
			buf_printf(&b, "<div class=\"description\">%s</div>\n", t->description_html);
		if (t->from != NULL && t->from->track != NULL) {
			html_wrap(&b, "<p class=\"fork\">Shares the levels of ", t->from->track->title,
			    " up to ");
			level_link(&b, "", t->from, NULL);
			html_wrap(&b, "<span class=\"level-id\">", t->from->id, "</span></a>, then "
			    "branches off.</p>\n");
		}
		buf_puts(&b, "<ol class=\"levels\">\n");
		for (j = 0; j < n && j < m->nlevels * (m->ntracks + 1) + 1; j++) {
			const struct model_level *l = career[j];

			if (l->track != t) {
				buf_puts(&b, "<li class=\"trunk\">");
				level_link(&b, "", l, NULL);
				html_wrap(&b, "<span class=\"level-id\">", l->id, "</span> ");
				html_escape(&b, l->title);
				html_wrap(&b, "</a> <span class=\"shared\">shared with ",
				    l->track ? l->track->title : l->track_id, "</span>");
				if (l == t->from)
					buf_puts(&b, " <span class=\"badge fork\">forks here</span>");
				buf_puts(&b, "</li>\n");
				continue;
			}
			buf_puts(&b, "<li>");
			level_link(&b, "", l, NULL);
			html_wrap(&b, "<span class=\"level-id\">", l->id, "</span> ");
			html_escape(&b, l->title);
			buf_puts(&b, "</a> <span class=\"count\">");
			count_words(&b, r->levels[l->index].nexpectations, "expectation",
			    "expectations");
			buf_puts(&b, "</span></li>\n");
		}
		buf_puts(&b, "</ol>\n</section>\n");
		free(career);
	}

	buf_puts(&b, "<h2 id=\"competencies\">Competencies</h2>\n");
	for (i = 0; i < r->norder; i++) {
		const struct model_competency *c = r->order[i];

		if (area == NULL || strcmp(area, area_of(c)) != 0) {
			if (area != NULL)
				buf_puts(&b, "</ul>\n</section>\n");
			area = area_of(c);
			buf_puts(&b, "<section class=\"area\">\n");
			if (*area != '\0')
				html_wrap(&b, "<h3>", area, "</h3>\n");
			buf_puts(&b, "<ul>\n");
		}
		buf_puts(&b, "<li>");
		competency_link(&b, "", c);
		html_escape(&b, c->title);
		buf_puts(&b, "</a>");
		required_badge(&b, m, c);
		buf_puts(&b, "</li>\n");
	}
	if (area != NULL)
		buf_puts(&b, "</ul>\n</section>\n");

	buf_puts(&b, "<h2 id=\"rating\">Rating and promotion</h2>\n<table class=\"scale\">\n"
	    "<caption>The rating scale, lowest first</caption>\n<thead><tr>"
	    "<th scope=\"col\">Rating</th><th scope=\"col\">Label</th>"
	    "<th scope=\"col\">Value</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < m->nscale; i++) {
		const struct model_scale_point *p = m->scale[i];

		html_wrap(&b, "<tr><th scope=\"row\"><code>", p->id, "</code></th>");
		html_wrap(&b, "<td>", p->label, "");
		if (m->meets != NULL && strcmp(p->id, m->meets) == 0)
			buf_puts(&b, " <span class=\"badge meets\">meets the expectation</span>");
		buf_printf(&b, "</td><td>%ld</td></tr>\n", p->value);
	}
	buf_puts(&b, "</tbody>\n</table>\n<p>Someone is ready for a level when at least ");
	buf_printf(&b, "%g%% of its expectations are rated ", m->threshold * 100);
	{
		const struct model_scale_point *meets = model_scale_point(m, m->meets);

		html_escape(&b, meets ? meets->label : m->meets);
	}
	buf_puts(&b, " or above");
	for (i = 0; i < m->nrequired; i++) {
		const struct model_competency *c = model_competency(m, m->required[i]);

		buf_puts(&b, i == 0 ? ", and every expectation of " :
		    i + 1 == m->nrequired ? " and " : ", ");
		if (c != NULL) {
			competency_link(&b, "", c);
			html_escape(&b, c->title);
			buf_puts(&b, "</a>");
		} else
			html_escape(&b, m->required[i]);
	}
	buf_puts(&b, m->nrequired ? " at that level is met.</p>\n" : ".</p>\n");
	add_page(r, "index.html", "Overview", "index", NAV_INDEX, b.data, NULL);
	buf_free(&b);
}

static void
matrix_track(struct render *r, struct buf *b, const struct model_track *t)
{
	const struct model *m = r->m;
	const char *area = NULL;
	size_t i, j, ncols = 0;

	for (j = 0; j < m->nlevels; j++)
		ncols += m->levels[j]->track == t;
	buf_puts(b, "<section class=\"track\">\n<h2 id=\"t-");
	html_escape(b, t->id);
	buf_puts(b, "\">");
	html_escape(b, t->title);
	buf_puts(b, "</h2>\n");
	if (t->from != NULL && t->from->track != NULL) {
		html_wrap(b, "<p class=\"fork\">Branches off ", t->from->track->title, " after ");
		level_link(b, "", t->from, NULL);
		html_escape(b, t->from->id);
		buf_puts(b, "</a>; its earlier levels are in that table.</p>\n");
	}
	buf_puts(b, "<div class=\"scroll\" role=\"region\" tabindex=\"0\" "
	    "aria-labelledby=\"t-");
	html_escape(b, t->id);
	buf_puts(b, "\">\n<table class=\"matrix\">\n<caption>Expectations per competency "
	    "and level: ");
	html_escape(b, t->title);
	buf_puts(b, "</caption>\n<thead><tr><th scope=\"col\">Competency</th>");
	for (j = 0; j < m->nlevels; j++) {
		const struct model_level *l = m->levels[j];

		if (l->track != t)
			continue;
		buf_puts(b, "<th scope=\"col\">");
		level_link(b, "", l, NULL);
		html_escape(b, l->id);
		buf_puts(b, "</a> <span class=\"level-title\">");
		html_escape(b, l->title);
		buf_puts(b, "</span></th>");
	}
	buf_puts(b, "</tr></thead>\n");
	for (i = 0; i < r->norder; i++) {
		const struct model_competency *c = r->order[i];

		if (!model_has_track(c, t->id))
			continue;
		if (area == NULL || strcmp(area, area_of(c)) != 0) {
			if (area != NULL)
				buf_puts(b, "</tbody>\n");
			area = area_of(c);
			buf_puts(b, "<tbody>\n");
			if (*area != '\0') {
				buf_printf(b, "<tr class=\"area\"><th scope=\"rowgroup\" "
				    "colspan=\"%zu\">", ncols + 1);
				html_escape(b, area);
				buf_puts(b, "</th></tr>\n");
			}
		}
		buf_puts(b, "<tr><th scope=\"row\">");
		competency_link(b, "", c);
		html_escape(b, c->title);
		buf_puts(b, "</a>");
		if (is_required(m, c))
			buf_puts(b, " <span class=\"badge required\">required</span>");
		buf_puts(b, "</th>");
		for (j = 0; j < m->nlevels; j++) {
			const struct model_level *l = m->levels[j];
			size_t n = r->counts[i * m->nlevels + j];

			if (l->track != t)
				continue;
			if (!model_applies(m, c, l))
				buf_puts(b, "<td class=\"na\"><span aria-hidden=\"true\">·</span>"
				    "<span class=\"vh\">not expected</span></td>");
			else if (n == 0)
				buf_puts(b, "<td class=\"zero\">0</td>");
			else {
				struct buf anchor = {0};

				buf_printf(&anchor, "c-%s", c->id);
				buf_puts(b, "<td>");
				level_link(b, "", l, anchor.data);
				buf_printf(b, "%zu<span class=\"vh\"> ", n);
				buf_puts(b, n == 1 ? "expectation" : "expectations");
				buf_puts(b, "</span></a></td>");
				buf_free(&anchor);
			}
		}
		buf_puts(b, "</tr>\n");
	}
	if (area != NULL)
		buf_puts(b, "</tbody>\n");
	buf_puts(b, "<tfoot><tr><th scope=\"row\">All competencies</th>");
	for (j = 0; j < m->nlevels; j++)
		if (m->levels[j]->track == t)
			buf_printf(b, "<td>%zu</td>", r->levels[j].nexpectations);
	buf_puts(b, "</tr></tfoot>\n</table>\n</div>\n</section>\n");
}

static void
matrix_page(struct render *r)
{
	struct buf b = {0};
	size_t i;

	buf_puts(&b, "<h1>Levels and competencies</h1>\n<p class=\"lead\">How many "
	    "expectations each competency sets at each level; a number leads to those "
	    "expectations, a dot marks a level the competency does not apply to.</p>\n");
	for (i = 0; i < r->m->ntracks; i++)
		matrix_track(r, &b, r->m->tracks[i]);
	add_page(r, "matrix.html", "Matrix", "matrix", NAV_MATRIX, b.data, NULL);
	buf_free(&b);
}

/* ---- the self-assessment page ---- */

/*
 * JSON inside <script type="application/json">: no '<' may appear (it could
 * close the element or open a comment), and U+2028 and U+2029, legal in
 * JSON strings, are escaped for older JavaScript parsers (JW_SCRIPT).
 */
#define JS JW_SCRIPT

/* "key":"value" with a comma before it unless first. */
static void
field(struct buf *b, const char *key, const char *value, int first)
{
	if (!first)
		buf_putc(b, ',');
	jw_buf_key(b, key, JS);
	jw_buf_string(b, value, JS);
}

/*
 * The model data the page's script needs, written straight out: a jansson
 * tree of every expectation's text and HTML cost more than the rest of
 * the site.
 */
static void
assess_data(struct buf *b, const struct model *m)
{
	size_t i, j;

	buf_putc(b, '{');
	field(b, "id", m->id, 1);
	field(b, "title", m->title, 0);
	field(b, "version", m->version, 0);
	field(b, "meets", m->meets, 0);
	buf_puts(b, ",\"threshold\":");
	jw_buf_real(b, m->threshold, 15);
	buf_puts(b, ",\"required\":[");
	for (i = 0; i < m->nrequired; i++) {
		if (i > 0)
			buf_putc(b, ',');
		jw_buf_string(b, m->required[i], JS);
	}
	buf_puts(b, "],\"scale\":[");
	for (i = 0; i < m->nscale; i++) {
		buf_puts(b, i > 0 ? ",{" : "{");
		field(b, "id", m->scale[i]->id, 1);
		field(b, "label", m->scale[i]->label, 0);
		buf_printf(b, ",\"value\":%ld}", m->scale[i]->value);
	}
	buf_puts(b, "],\"tracks\":[");
	for (i = 0; i < m->ntracks; i++) {
		buf_puts(b, i > 0 ? ",{" : "{");
		field(b, "id", m->tracks[i]->id, 1);
		field(b, "title", m->tracks[i]->title, 0);
		buf_putc(b, '}');
	}
	buf_puts(b, "],\"levels\":[");
	for (i = 0; i < m->nlevels; i++) {
		buf_puts(b, i > 0 ? ",{" : "{");
		field(b, "id", m->levels[i]->id, 1);
		field(b, "title", m->levels[i]->title, 0);
		field(b, "track", m->levels[i]->track_id, 0);
		buf_putc(b, '}');
	}
	buf_puts(b, "],\"competencies\":[");
	for (i = 0; i < m->ncompetencies; i++) {
		const struct model_competency *c = m->competencies[i];

		buf_puts(b, i > 0 ? ",{" : "{");
		field(b, "id", c->id, 1);
		field(b, "title", c->title, 0);
		field(b, "area", c->area, 0);
		buf_puts(b, ",\"expectations\":[");
		for (j = 0; j < c->nexpectations; j++) {
			const struct model_expectation *e = c->expectations[j];

			buf_puts(b, j > 0 ? ",{" : "{");
			field(b, "id", e->id, 1);
			field(b, "level", e->level_id, 0);
			field(b, "text", e->text, 0);
			field(b, "html", e->html, 0);
			buf_putc(b, '}');
		}
		buf_puts(b, "]}");
	}
	buf_puts(b, "]}");
}

#undef JS

static int
assess_page(struct render *r)
{
	const struct model *m = r->m;
	struct buf b = {0};
	size_t i;

	buf_puts(&b, "<h1>Self-assessment</h1>\n<div class=\"lead\">\n<p>Rate yourself "
	    "against the expectations of the level you are aiming for. Your readiness "
	    "updates as you go: the share of the level's expectations you rate ");
	{
		const struct model_scale_point *meets = model_scale_point(m, m->meets);

		html_wrap(&b, "<em>", meets ? meets->label : m->meets, "</em>");
	}
	buf_printf(&b, " or above, against the %g%% a promotion asks for", m->threshold * 100);
	buf_puts(&b, m->nrequired ? ", and the competencies every expectation of which must "
	    "be met.</p>\n" : ".</p>\n");
	buf_puts(&b, "<p>Nothing you enter leaves this browser: the page works offline, and "
	    "a draft is kept in this browser until you clear it. When you are done, "
	    "download the form and hand it in; <code>egf assess import</code> reads it "
	    "as it is.</p>\n</div>\n<noscript><p class=\"warning\">This page needs "
	    "JavaScript. Without it, ask for a blank form: <code>egf assess new --person "
	    "ID --cycle CYCLE</code>.</p></noscript>\n");
	buf_puts(&b, "<form id=\"assess-form\" class=\"assess\" autocomplete=\"off\" "
	    "novalidate>\n<fieldset class=\"who\">\n<legend>About you</legend>\n"
	    "<div class=\"field\"><label for=\"person\">Person id</label>"
	    "<input id=\"person\" name=\"person\" type=\"text\" required spellcheck=\"false\" "
	    "autocapitalize=\"off\" aria-describedby=\"person-hint\">"
	    "<p id=\"person-hint\" class=\"hint\">Your id in the people list, such as "
	    "<code>ada</code>.</p></div>\n"
	    "<div class=\"field\"><label for=\"name\">Name</label>"
	    "<input id=\"name\" name=\"name\" type=\"text\" autocomplete=\"name\"></div>\n"
	    "<div class=\"field\"><label for=\"cycle\">Cycle</label>"
	    "<input id=\"cycle\" name=\"cycle\" type=\"text\" required spellcheck=\"false\" "
	    "autocapitalize=\"off\" aria-describedby=\"cycle-hint\">"
	    "<p id=\"cycle-hint\" class=\"hint\">The assessment cycle, such as "
	    "<code>2026-H2</code>.</p></div>\n"
	    "<div class=\"field\"><label for=\"track\">Track</label>"
	    "<select id=\"track\" name=\"track\" required>"
	    "<option value=\"\">Choose your track</option>");
	for (i = 0; i < m->ntracks; i++) {
		html_wrap(&b, "<option value=\"", m->tracks[i]->id, "\">");
		html_escape(&b, m->tracks[i]->title);
		buf_puts(&b, "</option>");
	}
	buf_puts(&b, "</select></div>\n"
	    "<div class=\"field\"><label for=\"target\">Target level</label>"
	    "<select id=\"target\" name=\"target\" required disabled>"
	    "<option value=\"\">Choose a track first</option></select></div>\n"
	    "</fieldset>\n"
	    "<section id=\"readiness\" class=\"readiness\" aria-labelledby=\"readiness-h\">\n"
	    "<h2 id=\"readiness-h\">Readiness</h2>\n"
	    "<p id=\"readiness-summary\" aria-live=\"polite\">Choose your track and target "
	    "level.</p>\n"
	    "<progress id=\"readiness-bar\" max=\"1\" value=\"0\" "
	    "aria-labelledby=\"readiness-h\" hidden></progress>\n"
	    "<ul id=\"readiness-required\"></ul>\n</section>\n"
	    "<div id=\"expectations\"></div>\n"
	    "<div class=\"actions\">\n"
	    "<button type=\"button\" id=\"export\">Download the form</button>\n"
	    "<button type=\"button\" id=\"clear-draft\">Clear the draft</button>\n"
	    "<p id=\"status\" role=\"status\"></p>\n</div>\n</form>\n"
	    "<script type=\"application/json\" id=\"ladder\">");
	assess_data(&b, m);
	buf_puts(&b, "</script>\n");
	add_page(r, "assess.html", "Self-assessment", "assess", NAV_ASSESS, b.data,
	    "<script src=\"assess.js\"></script>");
	buf_free(&b);
	return 0;
}

/* ---- entry points ---- */

int
site_render(const struct model *m, const struct site_templates *t, struct site *s)
{
	struct render r;
	size_t i;
	int rc;

	memset(&r, 0, sizeof(r));
	r.m = m;
	r.t = t;
	r.s = s;
	r.order = xcalloc(m->ncompetencies + 1, sizeof(*r.order));
	r.levels = xcalloc(m->nlevels + 1, sizeof(*r.levels));
	r.counts = xcalloc(m->ncompetencies * m->nlevels + 1, sizeof(*r.counts));

	walk(&r);
	level_pages(&r);
	index_page(&r);
	matrix_page(&r);
	rc = assess_page(&r);
	buf_add(add_file(s, "style.css"), t->style, t->style_len);
	buf_add(add_file(s, "assess.js"), t->script, t->script_len);

	for (i = 0; i < m->nlevels; i++) {
		buf_free(&r.levels[i].toc);
		buf_free(&r.levels[i].body);
	}
	free(r.levels);
	free(r.counts);
	free(r.order);
	return rc;
}

void
site_clear(struct site *s)
{
	size_t i;

	for (i = 0; i < s->nfiles; i++) {
		free(s->files[i].path);
		buf_free(&s->files[i].data);
	}
	free(s->files);
	memset(s, 0, sizeof(*s));
}
