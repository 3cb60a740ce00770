/*
 * booklet.c: the ladder as a printable PDF booklet: introduction, scale and
 * promotion rule, the level-by-competency overview, and a chapter per track
 * with a section per level listing every expectation by area and competency.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "packet.h"
#include "pdf.h"

static const char *
fmt2(struct pdf_doc *d, const char *a, const char *sep, const char *b)
{
	size_t n = strlen(a) + strlen(sep) + strlen(b) + 1;
	char *s = arena_alloc(d->arena, n);

	snprintf(s, n, "%s%s%s", a, sep, b);
	return s;
}

static size_t
count_at(const struct model_competency *c, const struct model_level *l)
{
	size_t i, n = 0;

	for (i = 0; i < c->nexpectations; i++)
		if (c->expectations[i]->level == l)
			n++;
	return n;
}

/* 1 when a competency has no area. */
static int
any_without_area(const struct model *m)
{
	size_t i;

	for (i = 0; i < m->ncompetencies; i++)
		if (m->competencies[i]->area == NULL)
			return 1;
	return 0;
}

/* 1 when c is in area; area NULL: c has none. */
static int
in_area(const struct model_competency *c, const char *area)
{
	if (area == NULL || c->area == NULL)
		return area == c->area;
	return strcmp(c->area, area) == 0;
}

static void
overview_header(struct pdf_doc *d, const struct model *m, float label_w, float col)
{
	float base = d->y - d->t->style[STYLE_SMALL].size * 0.95f;
	size_t j;

	pdf_text_at(d, STYLE_SMALL, d->left, base, "Competency", 10);
	for (j = 0; j < m->nlevels; j++)
		pdf_text_at(d, STYLE_SMALL, d->left + label_w + col * (float)j, base,
		    m->levels[j]->id, strlen(m->levels[j]->id));
	d->y -= pdf_leading(d, STYLE_SMALL) + 2;
	pdf_line(d, d->left, d->y + 1, d->right, d->y + 1, 0.5f, d->t->rule);
}

/* Rows: competencies by area; columns: levels; cells: the number of expectations. */
static void
overview(struct pdf_doc *d, const struct model *m)
{
	float lead = pdf_leading(d, STYLE_SMALL);
	float col = m->nlevels ? (d->right - d->left - 170) / (float)m->nlevels : 0, label_w = 170;
	size_t a, i, j;

	if (col > 40)
		col = 40;
	pdf_new_page(d);
	pdf_heading(d, STYLE_HEADING, "Overview: expectations per level and competency", 60, NULL);
	pdf_paragraph(d, STYLE_BODY, 0, "Each cell counts the competency's expectations at that "
	    "level; a dot marks a level the competency does not apply to.", 0);
	pdf_space(d, 6);
	overview_header(d, m, label_w, col);
	/*
	 * The areas, then the competencies without one (area NULL), under
	 * "Other competencies" when there are areas, else under no heading.
	 */
	for (a = 0; a <= m->nareas; a++) {
		const char *area = a < m->nareas ? m->areas[a] : NULL;
		const char *heading = area ? area : m->nareas > 0 ? "Other competencies" : NULL;

		if (area == NULL && !any_without_area(m))
			break;
		if (heading != NULL) {
			pdf_need(d, lead * 2);
			pdf_text_at(d, STYLE_SUBHEADING, d->left,
			    d->y - d->t->style[STYLE_SMALL].size, heading, strlen(heading));
			d->y -= lead + 2;
		}
		for (i = 0; i < m->ncompetencies; i++) {
			const struct model_competency *c = m->competencies[i];
			struct pdf_line *lines;
			size_t n;
			float base;

			if (!in_area(c, area))
				continue;
			if (d->y - lead < d->bottom) {
				pdf_new_page(d);
				overview_header(d, m, label_w, col);
			}
			base = d->y - d->t->style[STYLE_SMALL].size * 0.95f;
			n = pdf_wrap(d, STYLE_SMALL, c->title, label_w - 16, &lines);
			if (n > 0)
				pdf_text_at(d, STYLE_SMALL, d->left + 8, base, lines[0].text, lines[0].len);
			for (j = 0; j < m->nlevels; j++) {
				const struct model_level *l = m->levels[j];
				char cell[32];

				if (model_applies(m, c, l))
					snprintf(cell, sizeof(cell), "%zu", count_at(c, l));
				else
					snprintf(cell, sizeof(cell), "\xc2\xb7");
				pdf_text_at(d, STYLE_SMALL, d->left + label_w + col * (float)j, base, cell,
				    strlen(cell));
			}
			d->y -= lead;
		}
	}
}

static void
level_chapter(struct pdf_doc *d, const struct model *m, const struct model_level *l,
    HPDF_Outline parent, int first)
{
	size_t a, i, j;

	if (!first)	/* the track's first level shares the page of its title */
		pdf_new_page(d);
	pdf_heading(d, STYLE_HEADING, fmt2(d, l->id, " \xe2\x80\x94 ", l->title), 80, parent);
	for (a = 0; a <= m->nareas; a++) {
		const char *area = a < m->nareas ? m->areas[a] : NULL;
		const char *heading = area ? area : m->nareas > 0 ? "Other competencies" : NULL;
		int area_shown = heading == NULL;

		for (i = 0; i < m->ncompetencies; i++) {
			const struct model_competency *c = m->competencies[i];
			int shown = 0;

			if (!in_area(c, area) || count_at(c, l) == 0)
				continue;
			for (j = 0; j < c->nexpectations; j++) {
				const struct model_expectation *e = c->expectations[j];

				if (e->level != l)
					continue;
				if (!area_shown) {
					pdf_space(d, 4);
					pdf_need(d, 80);
					pdf_paragraph(d, STYLE_SMALL, 0, heading, 1);
					area_shown = 1;
				}
				if (!shown) {
					pdf_need(d, 50);
					pdf_paragraph(d, STYLE_SUBHEADING, 0, c->title, 1);
					shown = 1;
				}
				pdf_paragraph(d, STYLE_BODY, 10, fmt2(d, "\xe2\x80\xa2 ", "", e->text), 3);
			}
		}
	}
}

static void
booklet_body(struct pdf_doc *d, void *arg)
{
	const struct model *m = arg;
	size_t i, j;

	pdf_space(d, 120);
	pdf_paragraph(d, STYLE_TITLE, 0, m->title, 0);
	pdf_paragraph(d, STYLE_SUBHEADING, 0, fmt2(d, "Version ", "", m->version), 0);
	pdf_space(d, 20);
	pdf_heading(d, STYLE_HEADING, "Introduction", 40, NULL);
	pdf_paragraph(d, STYLE_BODY, 0, *m->intro_text ? m->intro_text : "(no introduction)", 2);
	pdf_heading(d, STYLE_HEADING, "Rating scale and promotion", 60, NULL);
	for (i = 0; i < m->nscale; i++) {
		char line[256];

		snprintf(line, sizeof(line), "%ld \xe2\x80\x94 %s (%s)%s", m->scale[i]->value,
		    m->scale[i]->label, m->scale[i]->id, strcmp(m->scale[i]->id, m->meets) == 0 ?
		    ": counts as demonstrated" : "");
		pdf_paragraph(d, STYLE_BODY, 10, line, 1);
	}
	{
		struct buf b = {0};

		buf_printf(&b, "Promotion needs %.0f%% of the target level's expectations rated "
		    "at '%s' or above", m->threshold * 100, m->meets);
		for (i = 0; i < m->nrequired; i++)
			buf_printf(&b, "%s%s", i ? ", " : ", and every expectation of ",
			    model_competency(m, m->required[i]) ?
			    model_competency(m, m->required[i])->title : m->required[i]);
		buf_puts(&b, ".");
		pdf_paragraph(d, STYLE_BODY, 0, arena_strdup(d->arena, b.data), 2);
		buf_free(&b);
	}
	overview(d, m);
	for (i = 0; i < m->ntracks; i++) {
		HPDF_Outline track;
		int first = 1;

		pdf_new_page(d);
		track = pdf_heading(d, STYLE_TITLE, m->tracks[i]->title, 60, NULL);

		for (j = 0; j < m->nlevels; j++)
			if (m->levels[j]->track == m->tracks[i]) {
				level_chapter(d, m, m->levels[j], track, first);
				first = 0;
			}
	}
}

int
packet_booklet(const struct packet_template *t, const struct model *m, struct buf *out)
{
	struct pdf_info info;
	char *title = xasprintf("%s, version %s", m->title, m->version);
	int rc;

	info.title = title;
	info.author = "egf";
	info.subject = "Career ladder";
	info.keywords = m->id;
	rc = pdf_render(t, &info, title, booklet_body, (void *)m, out);
	free(title);
	return rc;
}
