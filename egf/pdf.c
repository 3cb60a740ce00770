/* pdf.c: layout over libharu. */
#include "pdf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"

#ifndef EGF_VERSION
#define EGF_VERSION "unknown"
#endif

static void
error_handler(HPDF_STATUS error, HPDF_STATUS detail, void *user)
{
	struct pdf_doc *d = user;

	d->error = error;
	d->detail = detail;
	longjmp(d->jmp, 1);
}

float
pdf_leading(const struct pdf_doc *d, enum packet_style_id style)
{
	return d->t->style[style].size * 1.32f;
}

static HPDF_Font
font_of(struct pdf_doc *d, enum packet_style_id style)
{
	return d->t->style[style].bold ? d->bold : d->regular;
}

/*
 * libharu refuses to measure a string over 65,535 bytes (error 0x105b): a
 * longer word is measured in pieces cut between characters.
 */
#define PDF_MEASURE_PIECE 16384

float
pdf_width(struct pdf_doc *d, enum packet_style_id style, const char *text, size_t len)
{
	HPDF_TextWidth tw;
	float width = 0;

	while (len > 0) {
		size_t k = len;

		if (k > PDF_MEASURE_PIECE) {
			k = PDF_MEASURE_PIECE;
			while (k > 1 && ((unsigned char)text[k] & 0xc0) == 0x80)
				k--;
		}
		tw = HPDF_Font_TextWidth(font_of(d, style), (const HPDF_BYTE *)text, (HPDF_UINT)k);
		width += (float)tw.width * d->t->style[style].size / 1000.0f;
		text += k;
		len -= k;
	}
	return width;
}

void
pdf_new_page(struct pdf_doc *d)
{
	d->page = HPDF_AddPage(d->pdf);
	HPDF_Page_SetWidth(d->page, d->t->width);
	HPDF_Page_SetHeight(d->page, d->t->height);
	xgrow((void **)&d->pages, &d->pages_cap, d->npages + 1, sizeof(*d->pages));
	d->pages[d->npages++] = d->page;
	d->y = d->top;
}

void
pdf_need(struct pdf_doc *d, float height)
{
	if (d->y - height < d->bottom && d->y < d->top)
		pdf_new_page(d);
}

void
pdf_space(struct pdf_doc *d, float points)
{
	if (d->y < d->top)	/* no space at the top of a page */
		d->y -= points;
	if (d->y < d->bottom)
		pdf_new_page(d);
}

void
pdf_text_at(struct pdf_doc *d, enum packet_style_id style, float x, float y,
    const char *text, size_t len)
{
	const struct packet_style *s = &d->t->style[style];
	char *copy = arena_strndup(d->arena, text, len);

	HPDF_Page_BeginText(d->page);
	HPDF_Page_SetFontAndSize(d->page, font_of(d, style), s->size);
	HPDF_Page_SetRGBFill(d->page, s->color.r, s->color.g, s->color.b);
	HPDF_Page_TextOut(d->page, x, y, copy);
	HPDF_Page_EndText(d->page);
}

/* Byte length of the UTF-8 character at p. */
static size_t
char_len(const char *p)
{
	unsigned char c = (unsigned char)*p;

	return c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
}

static void
push_line(struct pdf_doc *d, struct pdf_line **lines, size_t *n, size_t *cap,
    const char *text, size_t len)
{
	if (*n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 16;
		struct pdf_line *bigger = arena_alloc(d->arena, ncap * sizeof(**lines));

		if (*n)
			memcpy(bigger, *lines, *n * sizeof(**lines));
		*lines = bigger;
		*cap = ncap;
	}
	(*lines)[*n].text = text;
	(*lines)[*n].len = len;
	(*n)++;
}

/* Lines of one paragraph (no line feeds in [p, end)). */
static void
wrap_paragraph(struct pdf_doc *d, enum packet_style_id style, const char *p, const char *end,
    float width, struct pdf_line **lines, size_t *n, size_t *cap)
{
	float space = pdf_width(d, style, " ", 1), line_w = 0;
	const char *line = NULL, *line_end = NULL;

	while (p < end) {
		const char *ws, *we;
		float w;

		while (p < end && *p == ' ')
			p++;
		if (p >= end)
			break;
		ws = p;
		while (p < end && *p != ' ')
			p++;
		we = p;
		w = pdf_width(d, style, ws, (size_t)(we - ws));
		if (line != NULL && line_w + space + w <= width) {
			line_end = we;
			line_w += space + w;
			continue;
		}
		if (line != NULL)
			push_line(d, lines, n, cap, line, (size_t)(line_end - line));
		line = NULL;
		if (w <= width) {
			line = ws;
			line_end = we;
			line_w = w;
			continue;
		}
		/* A word wider than the line (a URL, say): break it between characters. */
		while (ws < we) {
			const char *q = ws;
			float cw = 0;

			while (q < we) {
				size_t cl = char_len(q);
				float c = pdf_width(d, style, q, cl);

				if (q > ws && cw + c > width)
					break;
				cw += c;
				q += cl;
			}
			if (q >= we) {
				line = ws;
				line_end = we;
				line_w = cw;
				break;
			}
			push_line(d, lines, n, cap, ws, (size_t)(q - ws));
			ws = q;
		}
	}
	if (line != NULL)
		push_line(d, lines, n, cap, line, (size_t)(line_end - line));
}

size_t
pdf_wrap(struct pdf_doc *d, enum packet_style_id style, const char *text, float width,
    struct pdf_line **lines)
{
	size_t n = 0, cap = 0;
	const char *p = text;

	*lines = NULL;
	while (*p != '\0') {
		const char *nl = strchr(p, '\n');
		const char *end = nl ? nl : p + strlen(p);
		size_t before = n;

		wrap_paragraph(d, style, p, end, width, lines, &n, &cap);
		if (n == before && nl != NULL)
			push_line(d, lines, &n, &cap, p, 0);	/* an empty line */
		p = nl ? nl + 1 : end;
	}
	return n;
}

static void
draw_line(struct pdf_doc *d, enum packet_style_id style, float x, const struct pdf_line *l)
{
	float size = d->t->style[style].size;

	pdf_text_at(d, style, x, d->y - size * 0.95f, l->text, l->len);
	d->y -= pdf_leading(d, style);
}

void
pdf_paragraph(struct pdf_doc *d, enum packet_style_id style, float indent,
    const char *text, size_t keep)
{
	struct pdf_line *lines;
	float lead = pdf_leading(d, style), x = d->left + indent;
	size_t n = pdf_wrap(d, style, text, d->right - x, &lines), i;

	if (n == 0)
		return;
	if (keep > n)
		keep = n;
	if (keep > 0 && lead * (float)keep <= d->top - d->bottom)
		pdf_need(d, lead * (float)keep);
	for (i = 0; i < n; i++) {
		pdf_need(d, lead);
		draw_line(d, style, x, &lines[i]);
	}
}

HPDF_Outline
pdf_heading(struct pdf_doc *d, enum packet_style_id style, const char *text, float follow,
    HPDF_Outline parent)
{
	struct pdf_line *lines;
	float lead = pdf_leading(d, style);
	size_t n = pdf_wrap(d, style, text, d->right - d->left, &lines), i;
	HPDF_Outline o;
	HPDF_Destination dst;

	pdf_space(d, lead * 0.6f);
	pdf_need(d, lead * (float)n + follow);
	o = HPDF_CreateOutline(d->pdf, parent, text, HPDF_GetEncoder(d->pdf, "UTF-8"));
	dst = HPDF_Page_CreateDestination(d->page);
	HPDF_Destination_SetFitH(dst, d->y + 4);
	HPDF_Outline_SetDestination(o, dst);
	HPDF_Outline_SetOpened(o, HPDF_FALSE);
	for (i = 0; i < n; i++)
		draw_line(d, style, d->left, &lines[i]);
	d->y -= lead * 0.25f;
	return o;
}

void
pdf_box(struct pdf_doc *d, float x, float y, float w, float h, struct packet_color c)
{
	HPDF_Page_SetRGBFill(d->page, c.r, c.g, c.b);
	HPDF_Page_Rectangle(d->page, x, y, w, h);
	HPDF_Page_Fill(d->page);
}

void
pdf_line(struct pdf_doc *d, float x1, float y1, float x2, float y2, float width,
    struct packet_color c)
{
	HPDF_Page_SetLineWidth(d->page, width);
	HPDF_Page_SetRGBStroke(d->page, c.r, c.g, c.b);
	HPDF_Page_MoveTo(d->page, x1, y1);
	HPDF_Page_LineTo(d->page, x2, y2);
	HPDF_Page_Stroke(d->page);
}

void
pdf_rule(struct pdf_doc *d)
{
	pdf_need(d, 8);
	d->y -= 3;
	pdf_line(d, d->left, d->y, d->right, d->y, 0.6f, d->t->rule);
	d->y -= 5;
}

static void
footers(struct pdf_doc *d)
{
	enum packet_style_id s = STYLE_SMALL;
	float y = d->t->margin_bottom / 2;
	size_t i;

	for (i = 0; i < d->npages; i++) {
		char text[64];
		float w;

		d->page = d->pages[i];
		snprintf(text, sizeof(text), "Page %zu of %zu", i + 1, d->npages);
		w = pdf_width(d, s, text, strlen(text));
		pdf_text_at(d, s, d->right - w, y, text, strlen(text));
		if (d->footer != NULL) {
			struct pdf_line *lines;
			size_t n = pdf_wrap(d, s, d->footer, d->right - d->left - w - 20, &lines);

			if (n > 0)
				pdf_text_at(d, s, d->left, y, lines[0].text, lines[0].len);
		}
	}
}

static void
set_info(struct pdf_doc *d, const struct pdf_info *info)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	time_t now = time(NULL);
	HPDF_Date date;
	struct tm tm;

	if (sde != NULL && *sde != '\0') {
		char *end;
		long long v = strtoll(sde, &end, 10);

		if (*end == '\0' && v >= 0)	/* anything else is ignored, as reproducible-builds.org says */
			now = (time_t)v;
	}
	gmtime_r(&now, &tm);
	memset(&date, 0, sizeof(date));
	date.year = tm.tm_year + 1900;
	date.month = tm.tm_mon + 1;
	date.day = tm.tm_mday;
	date.hour = tm.tm_hour;
	date.minutes = tm.tm_min;
	date.seconds = tm.tm_sec;
	date.ind = 'Z';
	HPDF_SetInfoDateAttr(d->pdf, HPDF_INFO_CREATION_DATE, date);
	HPDF_SetInfoAttr(d->pdf, HPDF_INFO_CREATOR, "egf " EGF_VERSION);
	if (info->title)
		HPDF_SetInfoAttr(d->pdf, HPDF_INFO_TITLE, info->title);
	if (info->author)
		HPDF_SetInfoAttr(d->pdf, HPDF_INFO_AUTHOR, info->author);
	if (info->subject)
		HPDF_SetInfoAttr(d->pdf, HPDF_INFO_SUBJECT, info->subject);
	if (info->keywords)
		HPDF_SetInfoAttr(d->pdf, HPDF_INFO_KEYWORDS, info->keywords);
}

int
pdf_render(const struct packet_template *t, const struct pdf_info *info,
    const char *footer, void (*body)(struct pdf_doc *d, void *arg), void *arg,
    struct buf *out)
{
	struct pdf_doc d;
	char *regular = packet_font_path(t->font_regular);
	char *bold = packet_font_path(t->font_bold);
	volatile int rc = -1;

	memset(&d, 0, sizeof(d));
	d.t = t;
	d.footer = footer;
	d.arena = arena_new();
	if (regular == NULL || bold == NULL) {
		fprintf(stderr, "egf: font %s not found (looked in $EGF_FONT_DIR and "
		    "/usr/share/fonts/truetype/dejavu); install fonts-dejavu-core\n",
		    regular == NULL ? t->font_regular : t->font_bold);
		goto out;
	}
	if ((d.pdf = HPDF_New(error_handler, &d)) == NULL) {
		fputs("egf: out of memory\n", stderr);
		goto out;
	}
	if (setjmp(d.jmp) != 0) {
		fprintf(stderr, "egf: the PDF library failed (error 0x%04lx, detail %lu)\n",
		    d.error, d.detail);
		goto fail;
	}
	{
		const char *name;
		HPDF_UINT32 size, got;
		HPDF_BYTE *data;

		HPDF_SetCompressionMode(d.pdf, HPDF_COMP_ALL);
		HPDF_UseUTFEncodings(d.pdf);
		HPDF_SetCurrentEncoder(d.pdf, "UTF-8");
		name = HPDF_LoadTTFontFromFile(d.pdf, regular, HPDF_TRUE);
		d.regular = HPDF_GetFont(d.pdf, name, "UTF-8");
		name = HPDF_LoadTTFontFromFile(d.pdf, bold, HPDF_TRUE);
		d.bold = HPDF_GetFont(d.pdf, name, "UTF-8");
		set_info(&d, info);
		d.left = t->margin_left;
		d.right = t->width - t->margin_right;
		d.top = t->height - t->margin_top;
		d.bottom = t->margin_bottom;
		pdf_new_page(&d);
		body(&d, arg);
		footers(&d);
		HPDF_SaveToStream(d.pdf);
		got = size = HPDF_GetStreamSize(d.pdf);
		data = arena_alloc(d.arena, size ? size : 1);
		HPDF_ReadFromStream(d.pdf, data, &got);
		buf_add(out, data, got);
		rc = 0;
	}
fail:
	HPDF_Free(d.pdf);
out:
	free(d.pages);
	free(regular);
	free(bold);
	arena_free(d.arena);
	return rc;
}
