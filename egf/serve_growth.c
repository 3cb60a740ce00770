/*
 * serve_growth.c: a person's growth over their last cycles, on "me", in
 * the manager's view and on /growth/ID: the readiness (the share of the
 * target's expectations met) and the mean rating per competency, each from
 * the manager's ratings where the caller may see them, else the person's
 * own. A small SVG drawn on the server (no script) and the same numbers in
 * a table, which is what a screen reader reads.
 */
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "serve.h"
#include "serve_review.h"
#include "serve_view.h"

#define GROWTH_CYCLES 6
#define GROWTH_COMPS 12

/* One cycle's numbers: NAN-free; has_* says what was there. */
struct growth_point {
	char *cycle;		/* owned */
	int has;		/* any visible rating */
	const char *from;	/* "manager" or "self" */
	double share;
	double comp[GROWTH_COMPS];	/* mean rating, on the scale's values */
	int has_comp[GROWTH_COMPS];
};

struct growth {
	struct growth_point pt[GROWTH_CYCLES];
	size_t n;
	const char *comp_id[GROWTH_COMPS];	/* owned copies */
	char *comp_title[GROWTH_COMPS];
	size_t ncomp;
	double scale_max;
};

static int
take_cycle(const char *cycle, void *arg)
{
	struct growth *g = arg;

	g->pt[g->n++].cycle = xstrdup(cycle);
	return g->n == GROWTH_CYCLES;
}

static size_t
comp_slot(struct growth *g, const struct model_competency *c)
{
	size_t i;

	for (i = 0; i < g->ncomp; i++)
		if (strcmp(g->comp_id[i], c->id) == 0)
			return i;
	if (g->ncomp == GROWTH_COMPS)
		return GROWTH_COMPS;
	g->comp_id[g->ncomp] = xstrdup(c->id);
	g->comp_title[g->ncomp] = xstrdup(c->title);
	return g->ncomp++;
}

/* One cycle's point from the visible ratings of the person. */
static void
fill_point(struct growth *g, struct growth_point *pt, const struct cycle_person *p)
{
	enum assess_role role = p->readiness.role[ROLE_MANAGER].raters ? ROLE_MANAGER : ROLE_SELF;
	double sum[GROWTH_COMPS] = { 0 };
	unsigned cnt[GROWTH_COMPS] = { 0 };
	size_t j, k;

	if (p->readiness.role[role].raters == 0)
		return;
	pt->has = 1;
	pt->from = role == ROLE_MANAGER ? "manager" : "self";
	pt->share = p->readiness.role[role].share;
	for (k = 0; k < p->model->nscale; k++)
		if ((double)p->model->scale[k]->value > g->scale_max)
			g->scale_max = (double)p->model->scale[k]->value;
	for (j = 0; j < p->nratings; j++) {
		const struct cycle_rating *rt = &p->ratings[j];
		size_t s;

		if (rt->role != role || !rt->rated)
			continue;
		s = comp_slot(g, p->items->items[rt->index]->competency);
		if (s == GROWTH_COMPS)
			continue;
		sum[s] += (double)rt->value;
		cnt[s]++;
	}
	for (k = 0; k < GROWTH_COMPS; k++)
		if (cnt[k] > 0) {
			pt->comp[k] = sum[k] / cnt[k];
			pt->has_comp[k] = 1;
		}
}

static void
growth_clear(struct growth *g)
{
	size_t i;

	for (i = 0; i < g->n; i++)
		free(g->pt[i].cycle);
	for (i = 0; i < g->ncomp; i++) {
		free((char *)g->comp_id[i]);
		free(g->comp_title[i]);
	}
}

static const char *const colours[] = { "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728",
	"#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#393b79",
	"#637939" };

#define W 480
#define H 200
#define PAD 36

static double
x_of(size_t i, size_t n)
{
	return n <= 1 ? W / 2.0 : PAD + (double)i * (W - 2.0 * PAD) / (double)(n - 1);
}

static double
y_of(double v)
{
	return H - PAD + (double)(PAD * 2 - H) * v;	/* v in 0..1 */
}

/* One line of the chart: the values (0..1) of the points that have them. */
static void
series(struct buf *b, const struct growth *g, int comp, const char *colour, double width)
{
	size_t i, np = 0;
	struct buf pts = {0};

	for (i = 0; i < g->n; i++) {
		const struct growth_point *pt = &g->pt[i];
		double v;

		if (!pt->has || (comp >= 0 && !pt->has_comp[comp]))
			continue;
		v = comp < 0 ? pt->share : (g->scale_max > 0 ? pt->comp[comp] / g->scale_max : 0);
		buf_printf(&pts, "%s%.1f,%.1f", np++ ? " " : "", x_of(i, g->n), y_of(v));
		buf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\"/>\n",
		    x_of(i, g->n), y_of(v), width + 1.5, colour);
	}
	if (np > 1)
		buf_printf(b, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"%.1f\" "
		    "points=\"%s\"/>\n", colour, width, pts.data);
	buf_free(&pts);
}

static void
chart(struct buf *b, const struct growth *g)
{
	size_t i;

	buf_printf(b, "<svg class=\"growth\" viewBox=\"0 0 %d %d\" role=\"img\" "
	    "aria-labelledby=\"growth-title\" xmlns=\"http://www.w3.org/2000/svg\">\n"
	    "<title id=\"growth-title\">Readiness (thick line) and mean rating per "
	    "competency over the last cycles; the numbers are in the table below</title>\n", W, H);
	for (i = 0; i <= 4; i++)
		buf_printf(b, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#dde\" "
		    "stroke-width=\"1\"/>\n", PAD, W - PAD, y_of(i / 4.0), y_of(i / 4.0));
	buf_printf(b, "<text x=\"4\" y=\"%.1f\" font-size=\"10\" fill=\"#556\">100%%</text>\n"
	    "<text x=\"10\" y=\"%.1f\" font-size=\"10\" fill=\"#556\">0%%</text>\n",
	    y_of(1) + 3, y_of(0) + 3);
	for (i = 0; i < g->n; i++) {
		buf_printf(b, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" fill=\"#334\" "
		    "text-anchor=\"middle\">", x_of(i, g->n), H - 10);
		html_escape(b, g->pt[i].cycle);
		buf_puts(b, "</text>\n");
	}
	for (i = 0; i < g->ncomp; i++)
		series(b, g, (int)i, colours[i % (sizeof(colours) / sizeof(colours[0]))], 1.2);
	series(b, g, -1, "#111", 3);
	buf_puts(b, "</svg>\n");
}

static void
table(struct buf *b, const struct growth *g)
{
	size_t i, k;

	buf_puts(b, "<table class=\"growth\">\n<thead><tr><th scope=\"col\">Measure</th>");
	for (i = 0; i < g->n; i++)
		html_wrap(b, "<th scope=\"col\">", g->pt[i].cycle, "</th>");
	buf_puts(b, "</tr></thead>\n<tbody>\n<tr><th scope=\"row\"><svg width=\"12\" "
	    "height=\"12\" aria-hidden=\"true\"><rect width=\"12\" height=\"4\" y=\"4\" "
	    "fill=\"#111\"/></svg> Readiness</th>");
	for (i = 0; i < g->n; i++) {
		if (g->pt[i].has)
			buf_printf(b, "<td>%.0f%% (%s)</td>", 100 * g->pt[i].share, g->pt[i].from);
		else
			buf_puts(b, "<td>—</td>");
	}
	buf_puts(b, "</tr>\n");
	for (k = 0; k < g->ncomp; k++) {
		buf_printf(b, "<tr><th scope=\"row\"><svg width=\"12\" height=\"12\" "
		    "aria-hidden=\"true\"><rect width=\"12\" height=\"2\" y=\"5\" fill=\"%s\"/></svg> ",
		    colours[k % (sizeof(colours) / sizeof(colours[0]))]);
		html_escape(b, g->comp_title[k]);
		buf_puts(b, "</th>");
		for (i = 0; i < g->n; i++) {
			if (g->pt[i].has_comp[k])
				buf_printf(b, "<td>%.1f</td>", g->pt[i].comp[k]);
			else
				buf_puts(b, "<td>—</td>");
		}
		buf_puts(b, "</tr>\n");
	}
	buf_puts(b, "</tbody>\n</table>\n");
}

int
review_growth(struct request *r, struct buf *b, const char *person)
{
	struct growth g;
	size_t i, any = 0;
	int rc = 0;

	memset(&g, 0, sizeof(g));
	if (store_cycles_of(r->st, person, take_cycle, &g) != 0) {
		growth_clear(&g);
		return -1;
	}
	/* oldest first */
	for (i = 0; i < g.n / 2; i++) {
		struct growth_point t = g.pt[i];

		g.pt[i] = g.pt[g.n - 1 - i];
		g.pt[g.n - 1 - i] = t;
	}
	for (i = 0; i < g.n && rc == 0; i++) {
		struct cycle c;

		if (review_load_visible(r, g.pt[i].cycle, person, &c) != 0)
			rc = -1;
		else if (c.n == 1 && c.people[0].model != NULL) {
			fill_point(&g, &g.pt[i], &c.people[0]);
			any += g.pt[i].has != 0;
		}
		cycle_clear(&c);
	}
	if (rc == 0 && any == 0)
		buf_puts(b, "<p>No ratings you may see yet.</p>\n");
	else if (rc == 0) {
		buf_puts(b, "<p>Readiness is the share of the target level's expectations met, from "
		    "the manager's ratings where you may see them (else the self-assessment); each "
		    "competency's line is its mean rating on the scale.</p>\n");
		chart(b, &g);
		table(b, &g);
	}
	growth_clear(&g);
	return rc;
}

void
page_growth(struct request *r)
{
	struct store_person p;
	struct buf b = {0};
	unsigned rel;

	if (serve_relation(r, NULL, r->param[0], &rel) < 0 ||
	    store_person_get(r->st, r->param[0], &p) < 0) {
		page_render(r, 500, "Error", "<h1>Something went wrong</h1>\n");
		return;
	}
	/* Growth is part of the record: the person, their managers, hr and committees. */
	if (!authz_sees_record(rel)) {
		store_person_clear(&p);
		page_render(r, 404, "Not found", "<h1>Not found</h1>\n<p>There is no such person "
		    "here, or it is not yours to see.</p>\n");
		return;
	}
	buf_puts(&b, "<link rel=\"stylesheet\" href=\"/static/review.css\">\n");
	html_wrap(&b, "<h1>Growth: ", p.name ? p.name : p.id, "</h1>\n");
	if (review_growth(r, &b, p.id) != 0)
		page_render(r, 500, "Error", "<h1>Something went wrong</h1>\n");
	else
		page_render(r, 200, "Growth", b.data);
	store_person_clear(&p);
	buf_free(&b);
}
