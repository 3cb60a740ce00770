/*
 * packet_booklet.c: the ladder as a printable PDF booklet: introduction, scale and
 * promotion rule, the level-by-competency overview per track, the
 * competencies with their descriptions, and a chapter per track with a
 * section per level listing every expectation by area and competency.
 *
 * Prose comes from the model's safe HTML (what cmark made of the ladder's
 * Markdown), read back with libxml2's HTML parser without network access:
 * headings, paragraphs, nested lists, emphasis, code, code blocks, quotes
 * and links.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "packet.h"
#include "pdf.h"

/* last: libxml2's functions are called through the loaded table */
#define XML_LIB_NAMES
#include "xml_lib.h"

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

/* ---- prose: the model's HTML ---- */

static int
is(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static int
is_block(xmlNodePtr n)
{
	static const char *const blocks[] = { "p", "ul", "ol", "pre", "blockquote", "hr",
	    "h1", "h2", "h3", "h4", "h5", "h6", "div", "table", NULL };
	size_t i;

	if (n->type != XML_ELEMENT_NODE)
		return 0;
	for (i = 0; blocks[i] != NULL; i++)
		if (is(n, blocks[i]))
			return 1;
	return 0;
}

/* Text with its line feeds (cmark's soft breaks) as spaces. */
static void
add_text(struct pdf_rich *r, const char *s, int marks, const char *uri, int keep_lines)
{
	struct buf b = {0};

	for (; *s; s++)
		buf_putc(&b, *s == '\n' && !keep_lines ? ' ' : *s);
	pdf_rich_add(r, b.data ? b.data : "", b.len, marks, uri);
	buf_free(&b);
}

/* Inline content of the siblings from n up to the first block. */
static void
inlines(xmlNodePtr n, struct pdf_rich *r, int marks, const char *uri)
{
	for (; n != NULL && !is_block(n); n = n->next) {
		if (n->type == XML_TEXT_NODE && n->content != NULL) {
			add_text(r, (const char *)n->content, marks, uri, 0);
		} else if (n->type != XML_ELEMENT_NODE) {
			continue;
		} else if (is(n, "em") || is(n, "i")) {
			inlines(n->children, r, marks | PDF_EMPH, uri);
		} else if (is(n, "strong") || is(n, "b")) {
			inlines(n->children, r, marks | PDF_STRONG, uri);
		} else if (is(n, "code")) {
			inlines(n->children, r, marks | PDF_CODE, uri);
		} else if (is(n, "br")) {
			pdf_rich_add(r, "\n", 1, marks, NULL);
		} else if (is(n, "a")) {
			xmlChar *href = xmlGetProp(n, BAD_CAST "href");

			inlines(n->children, r, marks, href ? (const char *)href : uri);
			xmlFree(href);
		} else if (is(n, "img")) {
			xmlChar *alt = xmlGetProp(n, BAD_CAST "alt");

			if (alt != NULL)
				add_text(r, (const char *)alt, marks, uri, 0);
			xmlFree(alt);
		} else {
			inlines(n->children, r, marks, uri);
		}
	}
}

/* The first block at or after n (inline content is skipped). */
static xmlNodePtr
next_block(xmlNodePtr n)
{
	while (n != NULL && !is_block(n))
		n = n->next;
	return n;
}

/* Whether [n, first block) holds anything but white space. */
static int
has_inline(xmlNodePtr n)
{
	for (; n != NULL && !is_block(n); n = n->next) {
		if (n->type == XML_ELEMENT_NODE)
			return 1;
		if (n->type == XML_TEXT_NODE && n->content != NULL &&
		    strspn((const char *)n->content, " \t\r\n") < strlen((const char *)n->content))
			return 1;
	}
	return 0;
}

static void blocks(struct pdf_doc *d, xmlNodePtr n, float indent, int depth, int outline);

/* Rich text as a paragraph at indent; lines after a bullet hang under its text. */
static void
rich_paragraph(struct pdf_doc *d, enum packet_style_id style, float indent,
    const struct pdf_rich *r, float hang, size_t keep)
{
	const struct pdf_text *t;

	if (r->text.len == 0)
		return;
	t = pdf_wrap_rich(d, style, r, d->right - d->left - indent, hang);
	pdf_paragraph_text(d, style, indent, t, keep);
}

/*
 * A list item: the bullet, the item's text (its inline content or first
 * paragraph), then its further blocks (paragraphs, nested lists) under the
 * text.
 */
static void
list_item(struct pdf_doc *d, xmlNodePtr first, const char *bullet, float indent, int depth,
    enum packet_style_id style)
{
	struct pdf_rich r = {0};
	float hang = pdf_width(d, style, bullet, strlen(bullet));
	xmlNodePtr rest;

	pdf_rich_add(&r, bullet, strlen(bullet), 0, NULL);
	if (has_inline(first)) {
		inlines(first, &r, 0, NULL);
		rest = next_block(first);
	} else if ((rest = next_block(first)) != NULL && is(rest, "p")) {
		inlines(rest->children, &r, 0, NULL);
		rest = rest->next;
	}
	rich_paragraph(d, style, indent, &r, hang, 3);
	pdf_rich_clear(&r);
	if (rest != NULL)
		blocks(d, rest, indent + hang, depth + 1, 0);
}

static void
list(struct pdf_doc *d, xmlNodePtr l, float indent, int depth)
{
	xmlChar *start = xmlGetProp(l, BAD_CAST "start");
	long n = start ? strtol((const char *)start, NULL, 10) : 1;
	xmlNodePtr li;

	xmlFree(start);
	for (li = l->children; li != NULL; li = li->next) {
		char bullet[32];

		if (!is(li, "li"))
			continue;
		if (is(l, "ol"))
			snprintf(bullet, sizeof(bullet), "%ld. ", n++);
		else
			snprintf(bullet, sizeof(bullet), "%s ", depth % 2 ? "\xe2\x97\xa6" : "\xe2\x80\xa2");
		list_item(d, li->children, bullet, indent, depth, STYLE_BODY);
	}
	pdf_space(d, 3);
}

static void
code_block(struct pdf_doc *d, xmlNodePtr pre, float indent)
{
	struct pdf_rich r = {0};
	xmlChar *text = xmlNodeGetContent(pre);
	size_t len = text ? strlen((const char *)text) : 0;

	while (len > 0 && text[len - 1] == '\n')	/* cmark ends a code block with one */
		len--;
	if (len > 0) {
		text[len] = '\0';
		add_text(&r, (const char *)text, PDF_CODE, NULL, 1);
		rich_paragraph(d, STYLE_SMALL, indent + 10, &r, 0, 4);
		pdf_space(d, 4);
	}
	pdf_rich_clear(&r);
	xmlFree(text);
}

/* Block content from n on; headings become outline entries under outline. */
static void
blocks(struct pdf_doc *d, xmlNodePtr n, float indent, int depth, int outline)
{
	while (n != NULL) {
		if (!is_block(n)) {
			if (has_inline(n)) {
				struct pdf_rich r = {0};

				inlines(n, &r, 0, NULL);
				rich_paragraph(d, STYLE_BODY, indent, &r, 0, 2);
				pdf_rich_clear(&r);
			}
			n = next_block(n);
			continue;
		}
		if (is(n, "p")) {
			struct pdf_rich r = {0};

			inlines(n->children, &r, 0, NULL);
			rich_paragraph(d, STYLE_BODY, indent, &r, 0, 2);
			pdf_rich_clear(&r);
			pdf_space(d, 4);
		} else if (is(n, "h1") || is(n, "h2")) {
			xmlChar *text = xmlNodeGetContent(n);

			pdf_heading(d, STYLE_SUBHEADING, text ? (const char *)text : "", 40, outline);
			xmlFree(text);
		} else if (n->name[0] == 'h') {		/* h3 to h6 */
			xmlChar *text = xmlNodeGetContent(n);

			pdf_space(d, 3);
			pdf_need(d, 40);
			pdf_paragraph(d, STYLE_SUBHEADING, indent, text ? (const char *)text : "", 1);
			xmlFree(text);
		} else if (is(n, "ul") || is(n, "ol")) {
			list(d, n, indent, depth);
		} else if (is(n, "pre")) {
			code_block(d, n, indent);
		} else if (is(n, "blockquote")) {
			blocks(d, n->children, indent + 14, depth, outline);
		} else if (is(n, "hr")) {
			pdf_rule(d);
		} else {
			blocks(d, n->children, indent, depth, outline);
		}
		n = n->next;
	}
}

/* The body element of an HTML fragment (parsed without network access), or NULL. */
static xmlDocPtr
parse_html(const char *html, xmlNodePtr *body)
{
	xmlDocPtr doc;
	xmlNodePtr n;
	const char *why;

	*body = NULL;
	if (html == NULL || *html == '\0')
		return NULL;
	if (xml_lib_load(&why) != 0) {	/* no booklet without its texts */
		fprintf(stderr, "egf: %s\n", why);
		exit(2);
	}
	doc = htmlReadMemory(html, (int)strlen(html), NULL, "UTF-8", HTML_PARSE_NONET |
	    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
	if (doc == NULL)
		return NULL;
	n = xmlDocGetRootElement(doc);
	for (n = n ? n->children : NULL; n != NULL && !is(n, "body"); n = n->next)
		;
	*body = n;
	return doc;
}

/* Prose from the model's HTML, or the plain text when it has none. */
static void
prose(struct pdf_doc *d, const char *html, const char *text, float indent, int outline)
{
	xmlNodePtr body;
	xmlDocPtr doc = parse_html(html, &body);

	if (body != NULL)
		blocks(d, body->children, indent, 0, outline);
	else if (text != NULL && *text != '\0')
		pdf_paragraph(d, STYLE_BODY, indent, text, 2);
	xmlFreeDoc(doc);
}

/* An expectation as a bullet item with its emphasis, code and links. */
static void
expectation(struct pdf_doc *d, const struct model_expectation *e)
{
	xmlNodePtr body;
	xmlDocPtr doc = parse_html(e->html, &body);

	if (body != NULL && body->children != NULL) {
		list_item(d, body->children, "\xe2\x80\xa2 ", 10, 0, STYLE_BODY);
	} else {
		struct pdf_rich r = {0};
		const char *bullet = "\xe2\x80\xa2 ";

		pdf_rich_add(&r, bullet, strlen(bullet), 0, NULL);
		pdf_rich_add(&r, e->text, strlen(e->text), 0, NULL);
		rich_paragraph(d, STYLE_BODY, 10, &r, pdf_width(d, STYLE_BODY, bullet,
		    strlen(bullet)), 3);
		pdf_rich_clear(&r);
	}
	xmlFreeDoc(doc);
}

/* ---- the overview ---- */

struct table {
	const struct model_level **levels;	/* the columns */
	size_t nlevels;
	float label_w, col;
};

/* The header row: "Competency" and the level ids, wrapped to their column. */
static void
table_header(struct pdf_doc *d, const struct table *tb)
{
	float lead = pdf_leading(d, STYLE_SMALL), top;
	size_t j, k, rows = 1;
	const struct pdf_text **ids = arena_alloc(d->arena, (tb->nlevels + 1) * sizeof(*ids));

	for (j = 0; j < tb->nlevels; j++) {
		ids[j] = pdf_wrap(d, STYLE_SMALL, tb->levels[j]->id, tb->col - 4);
		if (pdf_text_lines(ids[j]) > rows)
			rows = pdf_text_lines(ids[j]);
	}
	pdf_need(d, lead * (float)(rows + 3));
	top = d->y;
	pdf_text_at(d, STYLE_SMALL, d->left, pdf_baseline(d, STYLE_SMALL, top), "Competency", 10);
	for (j = 0; j < tb->nlevels; j++)
		for (k = 0; k < pdf_text_lines(ids[j]); k++)
			pdf_text_line(d, ids[j], k, d->left + tb->label_w + tb->col * (float)j,
			    pdf_baseline(d, STYLE_SMALL, top - lead * (float)k));
	d->y = top - lead * (float)rows - 2;
	pdf_line(d, d->left, d->y + 1, d->left + tb->label_w + tb->col * (float)tb->nlevels,
	    d->y + 1, 0.5f, d->t->rule);
}

/* One competency's row; its title wraps and the row stays on one page. */
static void
table_row(struct pdf_doc *d, const struct model *m, const struct table *tb,
    const struct model_competency *c)
{
	float lead = pdf_leading(d, STYLE_SMALL), base;
	const struct pdf_text *label = pdf_wrap(d, STYLE_SMALL, c->title, tb->label_w - 14);
	size_t n = pdf_text_lines(label), j, k;

	if (d->y - lead * (float)n < d->bottom) {
		pdf_new_page(d);
		table_header(d, tb);
	}
	base = pdf_baseline(d, STYLE_SMALL, d->y);
	for (k = 0; k < n; k++)
		pdf_text_line(d, label, k, d->left + 8, base - lead * (float)k);
	for (j = 0; j < tb->nlevels; j++) {
		char cell[32];

		if (model_applies(m, c, tb->levels[j]))
			snprintf(cell, sizeof(cell), "%zu", count_at(c, tb->levels[j]));
		else
			snprintf(cell, sizeof(cell), "\xc2\xb7");
		pdf_text_at(d, STYLE_SMALL, d->left + tb->label_w + tb->col * (float)j, base, cell,
		    strlen(cell));
	}
	d->y -= lead * (float)(n ? n : 1);
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

/*
 * Area a of the loops over m->areas and one more (a == nareas) for the
 * competencies without an area: sets *area (NULL for those) and *heading
 * ("Other competencies" when there are areas, else NULL); 0 when the extra
 * round has nobody.
 */
static int
area_round(const struct model *m, size_t a, const char **area, const char **heading)
{
	*area = a < m->nareas ? m->areas[a] : NULL;
	*heading = *area ? *area : m->nareas > 0 ? "Other competencies" : NULL;
	return *area != NULL || any_without_area(m);
}

/* One table: the competencies of a track (by area) against some of its levels. */
static void
table(struct pdf_doc *d, const struct model *m, const struct model_track *tr,
    const struct table *tb, const char *title)
{
	float lead = pdf_leading(d, STYLE_SMALL);
	size_t a, i;

	pdf_space(d, 10);
	pdf_need(d, pdf_leading(d, STYLE_SUBHEADING) + lead * 6);
	pdf_paragraph(d, STYLE_SUBHEADING, 0, title, 1);
	pdf_space(d, 2);
	table_header(d, tb);
	for (a = 0; a <= m->nareas; a++) {
		const char *area, *heading;
		int shown;

		if (!area_round(m, a, &area, &heading))
			break;
		shown = heading == NULL;
		for (i = 0; i < m->ncompetencies; i++) {
			const struct model_competency *c = m->competencies[i];

			if (!in_area(c, area) || !model_has_track(c, tr->id))
				continue;
			if (!shown) {	/* the area's name, kept with its first row */
				float area_lead = pdf_leading(d, STYLE_SUBHEADING);

				if (d->y - area_lead - lead * 2 < d->bottom) {
					pdf_new_page(d);
					table_header(d, tb);
				}
				d->y -= 2;
				pdf_text_at(d, STYLE_SUBHEADING, d->left,
				    pdf_baseline(d, STYLE_SUBHEADING, d->y), heading, strlen(heading));
				d->y -= area_lead;
				shown = 1;
			}
			table_row(d, m, tb, c);
		}
	}
}

/*
 * Rows: competencies by area; columns: levels; cells: the number of
 * expectations. One table per track, split into several when its levels
 * do not fit across the page; level ids wider than a column wrap.
 */
static void
overview(struct pdf_doc *d, const struct model *m)
{
	float label_w = 150, avail = d->right - d->left - label_w;
	const struct model_level **levels = arena_alloc(d->arena, (m->nlevels + 1) * sizeof(*levels));
	size_t i, j;

	pdf_new_page(d);
	pdf_heading(d, STYLE_HEADING, "Overview: expectations per level and competency", 60, 0);
	pdf_paragraph(d, STYLE_BODY, 0, "Each cell counts the competency's expectations at that "
	    "level; a dot marks a level the competency does not apply to. One table per track, "
	    "a branching track's with the levels it shares with its trunk.", 0);
	for (i = 0; i < m->ntracks; i++) {
		const struct model_track *tr = m->tracks[i];
		struct table tb;
		size_t n = 0, per, from;
		float widest = 0;

		/* the track's career: a branch's table starts with the trunk's levels */
		n = model_career(m, tr, levels, m->nlevels);
		for (j = 0; j < n; j++) {
			float w = pdf_width(d, STYLE_SMALL, levels[j]->id, strlen(levels[j]->id));

			if (w > widest)
				widest = w;
		}
		if (n == 0)
			continue;
		/* columns as wide as the widest id (at least 24, at most 64 points) */
		tb.col = widest + 8 < 24 ? 24 : widest + 8 > 64 ? 64 : widest + 8;
		per = (size_t)(avail / tb.col);
		if (per < 1)
			per = 1;
		tb.label_w = label_w;
		for (from = 0; from < n; from += per) {
			const char *title = tr->title;

			tb.levels = levels + from;
			tb.nlevels = n - from < per ? n - from : per;
			if (n > per)
				title = fmt2(d, tr->title, ": ", fmt2(d, tb.levels[0]->id,
				    " \xe2\x80\x93 ", tb.levels[tb.nlevels - 1]->id));
			table(d, m, tr, &tb, title);
		}
	}
}

/* ---- chapters ---- */

static void
competencies_chapter(struct pdf_doc *d, const struct model *m)
{
	size_t a, i;
	int top;

	pdf_new_page(d);
	top = pdf_heading(d, STYLE_HEADING, "Competencies", 60, 0);
	for (a = 0; a <= m->nareas; a++) {
		const char *area, *heading;

		if (!area_round(m, a, &area, &heading))
			break;
		pdf_space(d, 4);
		pdf_need(d, 80);
		if (heading != NULL)
			pdf_paragraph(d, STYLE_SMALL, 0, heading, 1);
		for (i = 0; i < m->ncompetencies; i++) {
			const struct model_competency *c = m->competencies[i];

			if (!in_area(c, area))
				continue;
			pdf_heading(d, STYLE_SUBHEADING, c->title, 40, top);
			prose(d, c->description_html, c->description_text, 0, 0);
		}
	}
}

static void
level_chapter(struct pdf_doc *d, const struct model *m, const struct model_level *l,
    int parent, int first)
{
	size_t a, i, j;

	if (!first)	/* the track's first level shares the page of its title */
		pdf_new_page(d);
	pdf_heading(d, STYLE_HEADING, fmt2(d, l->id, " \xe2\x80\x94 ", l->title), 80, parent);
	for (a = 0; a <= m->nareas; a++) {
		const char *area, *heading;
		int area_shown;

		if (!area_round(m, a, &area, &heading))
			break;
		area_shown = heading == NULL;
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
				expectation(d, e);
			}
		}
	}
}

static void
booklet_body(struct pdf_doc *d, void *arg)
{
	const struct model *m = arg;
	size_t i, j;
	int intro;

	pdf_space(d, 120);
	pdf_paragraph(d, STYLE_TITLE, 0, m->title, 0);
	pdf_paragraph(d, STYLE_SUBHEADING, 0, fmt2(d, "Version ", "", m->version), 0);
	pdf_space(d, 20);
	intro = pdf_heading(d, STYLE_HEADING, "Introduction", 40, 0);
	if (m->intro_html != NULL && *m->intro_html != '\0')
		prose(d, m->intro_html, m->intro_text, 0, intro);
	else
		pdf_paragraph(d, STYLE_BODY, 0, *m->intro_text ? m->intro_text : "(no introduction)", 2);
	pdf_heading(d, STYLE_HEADING, "Rating scale and promotion", 60, 0);
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
	competencies_chapter(d, m);
	for (i = 0; i < m->ntracks; i++) {
		int track, first = 1;

		pdf_new_page(d);
		track = pdf_heading(d, STYLE_TITLE, m->tracks[i]->title, 60, 0);
		for (j = 0; j < m->nlevels; j++)
			if (m->levels[j]->track == m->tracks[i]) {
				level_chapter(d, m, m->levels[j], track, first);
				first = 0;
			}
	}
}

int
packet_booklet(const struct pdf_fonts *f, const struct model *m, struct buf *out)
{
	struct pdf_info info;
	char *title = xasprintf("%s, version %s", m->title, m->version);
	int rc;

	info.title = title;
	info.author = "egf";
	info.subject = "Career ladder";
	info.keywords = m->id;
	rc = pdf_render(f, &info, title, booklet_body, (void *)m, out);
	free(title);
	return rc;
}
