/* packet.c: promotion packets. */
#include "packet.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "evidence.h"
#include "outcomes.h"
#include "pdf.h"

/*
 * A name inside a line is isolated (U+2068 FIRST STRONG ISOLATE ... U+2069
 * POP DIRECTIONAL ISOLATE), so that a right-to-left name keeps its place
 * and the digits after it stay left to right ("فاطمة — 2026-H1"). Pango draws
 * nothing for them and they are not in the extracted text. A name without a
 * right-to-left character (or a directional control) is left as it is: its
 * letters and the packet's left-to-right labels around it resolve to the
 * same order either way, and a line without isolates is one run to shape
 * and draw instead of three.
 */
#define FSI "\xe2\x81\xa8"
#define PDI "\xe2\x81\xa9"

/* Whether UTF-8 text holds a right-to-left character or a directional control. */
static int
bidi_text(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		unsigned long c;
		int n, k;

		if (*p < 0x80) {
			p++;
			continue;
		}
		n = *p >= 0xf0 ? 3 : *p >= 0xe0 ? 2 : 1;
		c = *p & (0x3fu >> n);
		for (k = 0, p++; k < n && (*p & 0xc0) == 0x80; k++, p++)
			c = c << 6 | (*p & 0x3fu);
		if ((c >= 0x0590 && c <= 0x08ff) || c == 0x200f || (c >= 0x202a && c <= 0x202e) ||
		    (c >= 0x2066 && c <= 0x2069) || (c >= 0xfb1d && c <= 0xfdff) ||
		    (c >= 0xfe70 && c <= 0xfeff) || (c >= 0x10800 && c <= 0x10fff) ||
		    (c >= 0x1e800 && c <= 0x1efff))
			return 1;
	}
	return 0;
}

/* The isolates around a name ("%s%s%s", fsi(name), name, pdi(name)): none for left-to-right text. */
static const char *
fsi(const char *name)
{
	return bidi_text(name) ? FSI : "";
}

static const char *
pdi(const char *name)
{
	return bidi_text(name) ? PDI : "";
}

static const char *
or_dash(const char *s)
{
	return s != NULL && *s != '\0' ? s : "\xe2\x80\x94";	/* — */
}

/* The arena copy of a formatted string, for text that lives while the page is laid out. */
static const char *
fmt(struct pdf_doc *d, const char *format, ...) __attribute__((format(printf, 2, 3)));

static const char *
fmt(struct pdf_doc *d, const char *format, ...)
{
	va_list ap;
	char *s;
	const char *copy;

	va_start(ap, format);
	s = xvasprintf(format, ap);
	va_end(ap);
	copy = arena_strdup(d->arena, s);
	free(s);
	return copy;
}

static const char *
rater_name(const struct packet_person *in, const char *id)
{
	const char *name = in->name_of ? in->name_of(in->name_arg, id) : NULL;

	return name ? name : id;
}

/* Whether the packet shows the peer ratings: always to the committee, to the employee from peer_min. */
static int
peers_shown(const struct packet_person *in)
{
	return in->audience == AUDIENCE_COMMITTEE || cycle_peers_shown(in->p, in->peer_min);
}

/* Who gave a rating, as the packet's reader may see it: the employee never learns a peer's name. */
static const char *
rating_source(const struct packet_person *in, const struct cycle_rating *r)
{
	if (r->role == ROLE_PEER && in->audience != AUDIENCE_COMMITTEE)
		return NULL;
	return rater_name(in, r->rater);
}

static const char *
scale_label(const struct model *m, long value)
{
	size_t i;

	for (i = 0; i < m->nscale; i++)
		if (m->scale[i]->value == value)
			return m->scale[i]->label;
	return "?";
}

/* "label: value" lines at a fixed tab. */
static void
field(struct pdf_doc *d, const char *label, const char *value)
{
	float lead = pdf_leading(d, STYLE_BODY), tab = 120;
	const struct pdf_text *lines = pdf_wrap(d, STYLE_BODY, value, d->right - d->left - tab);
	size_t n = pdf_text_lines(lines), i;

	pdf_need(d, lead * (float)(n < 2 ? 1 : 2));
	pdf_text_at(d, STYLE_SUBHEADING, d->left, pdf_baseline(d, STYLE_BODY, d->y),
	    label, strlen(label));
	for (i = 0; i < n; i++) {
		pdf_need(d, lead);	/* a long value goes on over pages, a line at a time */
		pdf_text_line(d, lines, i, d->left + tab, pdf_baseline(d, STYLE_BODY, d->y));
		d->y -= lead;
	}
	if (n == 0)
		d->y -= lead;
}

static const char *
level_text(struct pdf_doc *d, const struct model *m, const char *id)
{
	const struct model_level *l = id ? model_level(m, id) : NULL;

	if (l == NULL)
		return or_dash(id);
	return fmt(d, "%s \xe2\x80\x94 %s", l->id, l->title);
}

/* ---- sections ---- */

static void
cover(struct pdf_doc *d, const struct packet_person *in)
{
	const struct cycle_person *p = in->p;
	const struct model *m = p->model;

	pdf_outline(d, "Cover", 0);
	pdf_paragraph(d, STYLE_TITLE, 0, or_dash(p->info.name), 0);
	pdf_paragraph(d, STYLE_SUBHEADING, 0, in->audience == AUDIENCE_COMMITTEE ?
	    "Promotion packet \xe2\x80\x94 for the promotion committee" :
	    "Promotion packet \xe2\x80\x94 employee copy", 0);
	pdf_space(d, 24);
	pdf_rule(d);
	field(d, "Team", or_dash(p->info.team));
	field(d, "Manager", in->manager_name ? fmt(d, "%s%s%s (%s)", fsi(in->manager_name),
	    in->manager_name, pdi(in->manager_name), p->info.manager) : or_dash(p->info.manager));
	field(d, "Current level", level_text(d, m, p->info.level));
	field(d, "Target level", level_text(d, m, p->target->id));
	field(d, "Cycle", in->cycle);
	field(d, "Ladder", fmt(d, "%s (%s), version %s", m->title, m->id, m->version));
	pdf_rule(d);
	if (in->audience == AUDIENCE_COMMITTEE)
		pdf_paragraph(d, STYLE_PRIVATE, 0, "Committee copy: it holds private notes and "
		    "calibration context. Do not share it with the employee.", 0);
	pdf_space(d, 6);	/* the summary follows on the same page */
}

static void
readiness_table(struct pdf_doc *d, const struct packet_person *in)
{
	static const char *const roles[ROLE__MAX] = { "Self", "Manager", "Peer" };
	static const float cols[] = { 0, 90, 150, 230, 300, 360 };
	static const char *const heads[] = { "Role", "Raters", "Met", "Share", "Mean", "Unrated" };
	const struct assess_readiness *r = &in->p->readiness;
	float lead = pdf_leading(d, STYLE_BODY), base;
	size_t i;
	int role;

	pdf_need(d, lead * 5);
	base = d->y - d->t->style[STYLE_BODY].size * 0.95f;
	for (i = 0; i < 6; i++)
		pdf_text_at(d, STYLE_SUBHEADING, d->left + cols[i], base, heads[i], strlen(heads[i]));
	d->y -= lead;
	for (role = 0; role < ROLE__MAX; role++) {
		const struct assess_role_result *res = &r->role[role];
		const char *cells[6];

		cells[0] = roles[role];
		cells[1] = fmt(d, "%u", res->raters);
		if (role == ROLE_PEER && !peers_shown(in)) {
			cells[1] = fmt(d, "fewer than %u", in->peer_min);
			cells[2] = cells[3] = cells[4] = cells[5] = "\xe2\x80\x94";
		} else if (res->raters == 0) {
			cells[2] = cells[3] = cells[4] = cells[5] = "\xe2\x80\x94";
		} else {
			cells[2] = fmt(d, "%zu of %zu", res->met, res->total);
			cells[3] = fmt(d, "%.0f%%", res->share * 100);
			cells[4] = res->nratings ? fmt(d, "%.2f", res->mean) : "\xe2\x80\x94";
			cells[5] = fmt(d, "%zu", res->unrated);
		}
		base = d->y - d->t->style[STYLE_BODY].size * 0.95f;
		for (i = 0; i < 6; i++)
			pdf_text_at(d, STYLE_BODY, d->left + cols[i], base, cells[i], strlen(cells[i]));
		d->y -= lead;
	}
}

/* Mean rating of a role over a competency's target expectations; NAN when none. */
static double
competency_mean(const struct cycle_person *p, const struct model_competency *c, int role)
{
	double sum = 0;
	unsigned n = 0;
	size_t i;

	for (i = 0; i < p->items->n; i++)
		if (p->items->items[i]->competency == c) {
			sum += p->tally.sum[role][i];
			n += p->tally.count[role][i];
		}
	return n ? sum / n : NAN;
}

/* The competencies of the person's target, in model order. */
static size_t
target_competencies(struct pdf_doc *d, const struct cycle_person *p,
    const struct model_competency ***out)
{
	const struct model_competency **list = arena_alloc(d->arena,
	    (p->items->n + 1) * sizeof(*list));
	size_t i, n = 0;

	for (i = 0; i < p->items->n; i++)
		if (n == 0 || list[n - 1] != p->items->items[i]->competency)
			list[n++] = p->items->items[i]->competency;
	*out = list;
	return n;
}

/* The chart's legend and scale for rows [first, first + n) at the cursor; returns the top. */
static float
chart_frame(struct pdf_doc *d, const struct model *m, float x0, float x1, float lo,
    float span, float row, size_t n)
{
	static const char *const names[ROLE__MAX] = { "Self", "Manager", "Peer" };
	const struct packet_color colors[ROLE__MAX] = { d->t->self, d->t->manager, d->t->peer };
	float small = d->t->style[STYLE_SMALL].size, top = d->y - 4;
	size_t k;
	int role;

	for (role = 0; role < ROLE__MAX; role++) {
		float lx = x0 + (float)role * 80;

		pdf_box(d, lx, top - 7, 9, 7, colors[role]);
		pdf_text_at(d, STYLE_SMALL, lx + 13, top - 7, names[role], strlen(names[role]));
	}
	top -= 16;
	for (k = 0; k < m->nscale; k++) {
		float x = x0 + ((float)m->scale[k]->value - lo) / span * (x1 - x0);
		const char *label = m->scale[k]->label;
		float w = pdf_width(d, STYLE_SMALL, label, strlen(label)), lx = x - w / 2;

		/* keep every scale label inside the text area */
		if (lx + w > d->right)
			lx = d->right - w;
		if (lx < x0 - 20)
			lx = x0 - 20;
		pdf_line(d, x, top, x, top - row * (float)n, 0.4f, d->t->rule);
		pdf_text_at(d, STYLE_SMALL, lx, top - row * (float)n - small - 2, label, strlen(label));
	}
	return top;
}

/* Self, manager and peer mean per competency as bars; paginated by rows. */
static void
chart(struct pdf_doc *d, const struct packet_person *in)
{
	const struct cycle_person *p = in->p;
	const struct model *m = p->model;
	const struct model_competency **comps;
	size_t nc = target_competencies(d, p, &comps), i = 0, k;
	const struct packet_color colors[ROLE__MAX] = { d->t->self, d->t->manager, d->t->peer };
	float label_w = 150, x0 = d->left + label_w, x1 = d->right - 24, row = 17, bar = 4.2f;
	float lo = m->nscale ? (float)m->scale[0]->value : 0;
	float hi = m->nscale ? (float)m->scale[m->nscale - 1]->value : 1, span = hi > lo ? hi - lo : 1;
	float small = d->t->style[STYLE_SMALL].size, frame = 16 + small + 14;
	int role;

	pdf_need(d, row * (float)(nc < 4 ? nc : 4) + frame + 30);
	pdf_paragraph(d, STYLE_SUBHEADING, 0, "Mean rating per competency: self, manager and peer", 0);
	while (i < nc) {
		size_t fit = (size_t)((d->y - d->bottom - frame - 8) / row), n;
		float top;

		if (fit < 1) {
			pdf_new_page(d);
			continue;
		}
		n = nc - i < fit ? nc - i : fit;
		top = chart_frame(d, m, x0, x1, lo, span, row, n);
		for (k = 0; k < n; k++, i++) {
			float y = top - row * (float)(k + 1);

			/* one line of a label, cut with an ellipsis to fit */
			pdf_text_fit(d, STYLE_SMALL, d->left, y + row / 2 - small * 0.55f,
			    comps[i]->title, label_w - 8);
			for (role = 0; role < ROLE__MAX; role++) {
				double v = competency_mean(p, comps[i], role);
				float w, by;

				if (isnan(v) || (role == ROLE_PEER && !peers_shown(in)))
					continue;
				w = ((float)v - lo) / span * (x1 - x0);
				by = y + row - 3 - bar * (float)(role + 1) - (float)role;
				/* the lowest rating still shows: a bar of at least 1.5 points */
				pdf_box(d, x0, by, w < 1.5f ? 1.5f : w, bar, colors[role]);
			}
		}
		d->y = top - row * (float)n - small - 10;
		if (i < nc)
			pdf_new_page(d);
	}
}

static void
summary(struct pdf_doc *d, const struct packet_person *in)
{
	const struct cycle_person *p = in->p;
	const struct model *m = p->model;
	const struct assess_role_result *mgr = &p->readiness.role[ROLE_MANAGER];
	struct buf req = {0};
	size_t i, k;

	pdf_heading(d, STYLE_HEADING, "Summary", 80, 0);
	pdf_paragraph(d, STYLE_BODY, 0, fmt(d, "Readiness for %s: the share of the level's %zu "
	    "expectations rated at '%s' or above, per rater role. Unrated expectations count as "
	    "not met.", p->target->id, p->items->n, scale_label(m, model_scale_point(m,
	    m->meets) ? model_scale_point(m, m->meets)->value : 0)), 3);
	pdf_space(d, 6);
	readiness_table(d, in);
	pdf_space(d, 8);
	pdf_paragraph(d, STYLE_SUBHEADING, 0, fmt(d, "Verdict: %s (manager: %.0f%% met; the "
	    "threshold is %.0f%%)", assess_verdict_name(p->readiness.verdict), mgr->share * 100,
	    m->threshold * 100), 1);
	for (k = 0; k < m->nrequired; k++) {
		int met = 1, any = 0;

		for (i = 0; i < p->items->n; i++)
			if (strcmp(p->items->items[i]->competency->id, m->required[k]) == 0) {
				any = 1;
				met &= assess_met(m, &p->tally, ROLE_MANAGER, i);
			}
		if (any)
			buf_printf(&req, "%s%s %s", req.len ? "; " : "",
			    model_competency(m, m->required[k])->title, met ? "met" : "not met");
	}
	if (req.len)
		pdf_paragraph(d, STYLE_BODY, 0, fmt(d, "Required competencies: %s.", req.data), 1);
	buf_free(&req);
	if (in->decision != NULL)
		pdf_paragraph(d, STYLE_BODY, 0, fmt(d, "Decision: %s%s%s.", in->decision->outcome,
		    in->decision->to_level ? " to " : "", in->decision->to_level ?
		    in->decision->to_level : ""), 1);
	pdf_space(d, 10);
	chart(d, in);
}

/* The ratings line of an expectation: "Self: Meets · Manager: Exceeds · Peer (Bo): —". */
static const char *
ratings_line(struct pdf_doc *d, const struct packet_person *in, size_t index)
{
	static const char *const names[ROLE__MAX] = { "Self", "Manager", "Peer" };
	const struct cycle_person *p = in->p;
	struct buf b = {0};
	const char *s;
	size_t k;

	for (k = 0; k < p->nratings; k++) {
		const struct cycle_rating *r = &p->ratings[k];

		if (r->index != index || (r->role == ROLE_PEER && !peers_shown(in)))
			continue;
		if (b.len)
			buf_puts(&b, "  \xc2\xb7  ");
		buf_puts(&b, names[r->role]);
		if (r->role == ROLE_PEER && rating_source(in, r) != NULL)
			buf_printf(&b, " (%s%s%s)", fsi(rating_source(in, r)), rating_source(in, r),
			    pdi(rating_source(in, r)));
		buf_printf(&b, ": %s", r->rated ? scale_label(p->model, r->value) : "\xe2\x80\x94");
	}
	if (b.len == 0)
		buf_puts(&b, "Not rated");
	s = arena_strdup(d->arena, b.data);
	buf_free(&b);
	return s;
}

/* "Outcome links (Manager): okr:KR-1 (okr), https://… (incident)" */
static const char *
links_text(struct pdf_doc *d, const struct packet_person *in, const struct cycle_rating *r)
{
	static const char *const names[ROLE__MAX] = { "Self", "Manager", "Peer" };
	struct buf b = {0};
	const char *s;
	size_t k;

	(void)in;
	buf_printf(&b, "Outcome %s (%s): ", r->nlinks == 1 ? "link" : "links", names[r->role]);
	for (k = 0; k < r->nlinks; k++)
		buf_printf(&b, "%s%s (%s)", k ? ", " : "", r->links[k].target, r->links[k].kind);
	s = arena_strdup(d->arena, b.data);
	buf_free(&b);
	return s;
}

static void
expectation(struct pdf_doc *d, const struct packet_person *in, size_t index)
{
	static const char *const names[ROLE__MAX] = { "Self", "Manager", "Peer" };
	const struct cycle_person *p = in->p;
	const struct model_expectation *e = p->items->items[index];
	float lead = pdf_leading(d, STYLE_BODY), indent = 12;
	const struct pdf_text *text = pdf_wrap(d, STYLE_BODY, e->text, d->right - d->left - indent);
	size_t n = pdf_text_lines(text), k;

	/* id, text and the ratings line stay on one page */
	pdf_need(d, pdf_leading(d, STYLE_SMALL) + lead * (float)(n + 1) + 4);
	pdf_space(d, 4);
	pdf_paragraph(d, STYLE_SMALL, 0, e->id, 1);
	pdf_paragraph_text(d, STYLE_BODY, indent, text, n);
	pdf_paragraph(d, STYLE_SUBHEADING, indent, ratings_line(d, in, index), 1);
	for (k = 0; k < p->nratings; k++) {
		const struct cycle_rating *r = &p->ratings[k];

		if (r->index != index || (r->role == ROLE_PEER && !peers_shown(in)))
			continue;
		if (r->evidence != NULL && rating_source(in, r) == NULL)
			pdf_paragraph(d, STYLE_BODY, indent * 2, fmt(d, "%s: %s", names[r->role],
			    r->evidence), 2);
		else if (r->evidence != NULL)
			pdf_paragraph(d, STYLE_BODY, indent * 2, fmt(d, "%s (%s%s%s): %s",
			    names[r->role], fsi(rating_source(in, r)), rating_source(in, r),
			    pdi(rating_source(in, r)), r->evidence), 2);
		if (r->nlinks > 0)
			pdf_paragraph(d, STYLE_SMALL, indent * 2, links_text(d, in, r), 1);
		if (in->audience == AUDIENCE_COMMITTEE && (r->flags & (EVIDENCE_UNSUPPORTED |
		    EVIDENCE_ACTIVITY_ONLY)))
			pdf_paragraph(d, STYLE_PRIVATE, indent * 2, fmt(d, "Calibration flag, %s: %s",
			    names[r->role], (r->flags & EVIDENCE_UNSUPPORTED) ? "unsupported (above "
			    "meets with no evidence and no link)" : "activity-only evidence (counts "
			    "output, links no outcome)"), 1);
		if (r->private_note != NULL && in->audience == AUDIENCE_COMMITTEE)
			pdf_paragraph(d, STYLE_PRIVATE, indent * 2, fmt(d, "Private, %s (%s%s%s): %s",
			    names[r->role], fsi(rater_name(in, r->rater)), rater_name(in, r->rater),
			    pdi(rater_name(in, r->rater)), r->private_note), 2);
	}
}

/* A key result's value against its target as a bar, at the cursor. */
static void
okr_bar(struct pdf_doc *d, const struct outcome *o, float indent)
{
	float w = 160, h = 5, share;

	if (!o->has_target || o->target <= 0)
		return;
	share = (float)(o->value / o->target);
	share = share < 0 ? 0 : share > 1 ? 1 : share;
	pdf_need(d, h + 4);
	pdf_box(d, d->left + indent, d->y - h, w, h, d->t->rule);
	pdf_box(d, d->left + indent, d->y - h, w * share < 1 ? 1 : w * share, h, d->t->manager);
	d->y -= h + 4;
}

/* The team's outcomes of the cycle: context for the packet, never a score. */
static void
team_context(struct pdf_doc *d, const struct packet_person *in)
{
	const struct team_outcomes *t = in->team;
	const char *team = in->p->info.team;
	int parent;
	size_t k, i;

	pdf_space(d, 12);
	parent = pdf_heading(d, STYLE_HEADING, "Team context", 60, 0);
	if (team == NULL || t == NULL || t->n == 0) {
		pdf_paragraph(d, STYLE_BODY, 0, team == NULL ? "This person belongs to no team, so "
		    "there is no team context." : fmt(d, "No outcomes of team %s are imported for "
		    "cycle %s.", team, in->cycle), 1);
		return;
	}
	pdf_paragraph(d, STYLE_BODY, 0, fmt(d, "What team %s achieved together in cycle %s: its "
	    "key results, its delivery metrics against %s, and what its customers say. These "
	    "belong to the team; they are context for reading this packet, not a measure of "
	    "this person, and no rating, readiness figure or verdict uses them.", team, in->cycle,
	    t->previous ? t->previous : "the previous cycle (none imported)"), 3);
	for (k = 0; k < OUTCOMES_NKINDS; k++) {
		const char *kind = outcomes_kinds[k];

		if (outcomes_count(t, kind) == 0)
			continue;
		pdf_space(d, 4);
		pdf_heading(d, STYLE_SUBHEADING, strcmp(kind, "dora") == 0 && t->previous ?
		    fmt(d, "%s (against %s)", outcomes_kind_title(kind), t->previous) :
		    outcomes_kind_title(kind), 30, parent);
		for (i = 0; i < t->n; i++) {
			char *line;

			if (strcmp(t->items[i].kind, kind) != 0)
				continue;
			line = outcomes_line(t, &t->items[i]);
			pdf_paragraph(d, STYLE_BODY, 12, fmt(d, "%s", line), 2);
			free(line);
			if (strcmp(kind, "okr") == 0)
				okr_bar(d, &t->items[i], 12);
		}
	}
}

static void
competencies(struct pdf_doc *d, const struct packet_person *in)
{
	const struct cycle_person *p = in->p;
	const struct model_competency *last = NULL;
	int parent;
	size_t i;

	pdf_new_page(d);
	parent = pdf_heading(d, STYLE_HEADING, fmt(d, "Expectations of %s \xe2\x80\x94 %s",
	    p->target->id, p->target->title), 60, 0);
	for (i = 0; i < p->items->n; i++) {
		const struct model_expectation *e = p->items->items[i];

		if (e->competency != last) {
			last = e->competency;
			pdf_heading(d, STYLE_SUBHEADING, last->area ? fmt(d, "%s \xe2\x80\x94 %s",
			    last->title, last->area) : last->title, 50, parent);
		}
		expectation(d, in, i);
	}
}

/* The level's readiness histogram with the person's tenth marked. */
static void
level_histogram(struct pdf_doc *d, const struct calib_level *lv, double share)
{
	float bw = 30, h = 60, x0 = d->left, base, small = d->t->style[STYLE_SMALL].size;
	size_t i, max = 1, mine = (size_t)(share * CALIB_BUCKETS + 1e-9);

	if (mine >= CALIB_BUCKETS)
		mine = CALIB_BUCKETS - 1;
	for (i = 0; i < CALIB_BUCKETS; i++)
		if (lv->hist[i] > max)
			max = lv->hist[i];
	pdf_need(d, h + 3 * small + 10);
	base = d->y - h - small - 4;
	for (i = 0; i < CALIB_BUCKETS; i++) {
		float bh = (float)lv->hist[i] / (float)max * h, x = x0 + bw * (float)i;
		char label[32];

		pdf_box(d, x + 2, base, bw - 4, bh, i == mine ? d->t->manager : d->t->rule);
		snprintf(label, sizeof(label), "%zu%%", i * 100 / CALIB_BUCKETS);
		pdf_text_at(d, STYLE_SMALL, x + 4, base - small - 1, label, strlen(label));
		if (lv->hist[i] > 0) {
			snprintf(label, sizeof(label), "%zu", lv->hist[i]);
			pdf_text_at(d, STYLE_SMALL, x + bw / 2 - 2, base + bh + 2, label, strlen(label));
		}
	}
	pdf_text_at(d, STYLE_SMALL, x0 + bw * CALIB_BUCKETS + 10, base,
	    "dark: this person's tenth", strlen("dark: this person's tenth"));
	d->y = base - small - 8;
}

static void
calibration(struct pdf_doc *d, const struct packet_person *in)
{
	const struct calib_report *r = in->report;
	const struct calib_person *cp = in->row;
	const struct calib_level *lv = NULL;
	size_t i, rank = 1;

	pdf_heading(d, STYLE_HEADING, "Calibration context", 60, 0);
	if (r == NULL || cp == NULL) {
		pdf_paragraph(d, STYLE_BODY, 0, "No calibration data for this cycle.", 0);
		return;
	}
	for (i = 0; i < r->nlevels; i++)
		if (strcmp(r->levels[i].level, in->p->info.level ? in->p->info.level : "") == 0)
			lv = &r->levels[i];
	if (lv != NULL) {
		for (i = 0; i < lv->n; i++)
			if (lv->shares[i] > cp->share[ROLE_MANAGER])
				rank++;
		pdf_paragraph(d, STYLE_BODY, 0, fmt(d, "Among the %zu people at level %s in this "
		    "cycle, the manager readiness is %.0f%% on average (standard deviation %.0f "
		    "points). This person's is %.0f%%: z = %+.2f, %zu%s of %zu.%s", lv->n, lv->level,
		    lv->share.mean * 100, lv->share.sd * 100, cp->share[ROLE_MANAGER] * 100,
		    cp->level_z, rank, rank == 1 ? "st" : rank == 2 ? "nd" : rank == 3 ? "rd" : "th",
		    lv->n, cp->outlier ? " An outlier in the level (|z| > 2)." : ""), 2);
		level_histogram(d, lv, cp->share[ROLE_MANAGER]);
	}
	if (cp->rater >= 0) {
		const struct calib_rater *rt = &r->raters[cp->rater];
		const char *who = rater_name(in, rt->id);

		pdf_paragraph(d, STYLE_BODY, 0, fmt(d, "Their manager's ratings (%s%s%s): mean %.2f "
		    "over %zu ratings of %zu people, against %.2f across the cycle's managers; "
		    "z = %+.2f%s.", fsi(who), who, pdi(who), rt->mean, rt->nratings, rt->people,
		    r->rater_means.mean, rt->z, rt->flag > 0 ? ": a lenient rater" : rt->flag < 0 ?
		    ": a severe rater" : ", within the usual range"), 2);
	}
	if (!isnan(cp->gap))
		pdf_paragraph(d, STYLE_BODY, 0, fmt(d, "Self minus manager mean rating: %+.2f.",
		    cp->gap), 1);
	pdf_paragraph(d, STYLE_BODY, 0, fmt(d, "Evidence behind the %zu ratings about this "
	    "person: %zu unsupported (above meets with no evidence and no outcome link), %zu "
	    "with activity-only evidence (counting output such as story points or commits, with "
	    "no outcome link); %.0f%% carry at least one outcome link.", cp->evidence.ratings,
	    cp->evidence.unsupported, cp->evidence.activity_only,
	    calib_linked_share(&cp->evidence) * 100), 2);
	if (cp->rater >= 0) {
		const struct calib_rater *rt = &r->raters[cp->rater];

		pdf_paragraph(d, STYLE_BODY, 0, fmt(d, "Of the %zu manager ratings their manager "
		    "gave in this cycle: %zu unsupported, %zu activity-only, %.0f%% linked.",
		    rt->evidence.ratings, rt->evidence.unsupported, rt->evidence.activity_only,
		    calib_linked_share(&rt->evidence) * 100), 1);
	}
}

static void
decision(struct pdf_doc *d, const struct packet_person *in)
{
	const struct store_decision *dec = in->decision;

	pdf_heading(d, STYLE_HEADING, "Decision", 40, 0);
	if (dec == NULL) {
		pdf_paragraph(d, STYLE_BODY, 0, "No decision is recorded yet.", 0);
		return;
	}
	field(d, "Outcome", fmt(d, "%s%s%s", dec->outcome, dec->to_level ? " to " : "",
	    dec->to_level ? dec->to_level : ""));
	field(d, "Recorded by", rater_name(in, dec->decided_by));
	field(d, "Recorded at", or_dash(dec->decided_at));
	if (dec->note != NULL)
		field(d, "Note", dec->note);
}

static void
signoff(struct pdf_doc *d, const struct packet_person *in)
{
	static const char *const roles[] = { "Committee chair", "HR partner", "Manager" };
	float lead = pdf_leading(d, STYLE_BODY);
	size_t i;

	(void)in;
	pdf_heading(d, STYLE_HEADING, "Sign-off", lead * 9, 0);
	for (i = 0; i < 3; i++) {
		pdf_need(d, lead * 3);
		d->y -= lead * 2;
		pdf_line(d, d->left, d->y, d->left + 240, d->y, 0.6f, d->t->rule);
		pdf_line(d, d->left + 270, d->y, d->right, d->y, 0.6f, d->t->rule);
		pdf_text_at(d, STYLE_SMALL, d->left, d->y - 10, roles[i], strlen(roles[i]));
		pdf_text_at(d, STYLE_SMALL, d->left + 270, d->y - 10, "Date", 4);
		d->y -= lead;
	}
}

static void
packet_body(struct pdf_doc *d, void *arg)
{
	const struct packet_person *in = arg;
	size_t i;

	for (i = 0; i < d->t->nsections[in->audience]; i++)
		switch (d->t->sections[in->audience][i]) {
		case SECTION_COVER: cover(d, in); break;
		case SECTION_SUMMARY: summary(d, in); break;
		case SECTION_TEAM: team_context(d, in); break;
		case SECTION_COMPETENCIES: competencies(d, in); break;
		case SECTION_CALIBRATION:
			if (in->audience == AUDIENCE_COMMITTEE)
				calibration(d, in);
			break;
		case SECTION_DECISION: decision(d, in); break;
		case SECTION_SIGNOFF: signoff(d, in); break;
		default: break;
		}
}

int
packet_render(const struct pdf_fonts *f, const struct packet_person *in, struct buf *out)
{
	const struct cycle_person *p = in->p;
	struct pdf_info info;
	char *title, *subject, *footer;
	const char *name;
	int rc;

	title = xasprintf("Promotion packet: %s, %s to %s", p->info.name ? p->info.name :
	    p->info.id, p->info.level ? p->info.level : "?", p->target->id);
	subject = xasprintf("Cycle %s, ladder %s %s, %s copy", in->cycle, p->model->id,
	    p->model->version, packet_audience_name(in->audience));
	name = p->info.name ? p->info.name : p->info.id;
	footer = xasprintf("%s%s%s \xe2\x80\x94 %s \xe2\x80\x94 %s", fsi(name), name, pdi(name), in->cycle, in->audience == AUDIENCE_COMMITTEE ? "committee, confidential" :
	    "employee copy");
	info.title = title;
	info.author = "egf";
	info.subject = subject;
	info.keywords = "promotion packet";
	rc = pdf_render(f, &info, footer, packet_body, (void *)in, out);
	free(title);
	free(subject);
	free(footer);
	return rc;
}
