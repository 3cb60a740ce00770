/*
 * pdf.h: a small layout layer over cairo's PDF surface and PangoCairo for
 * egf's documents: pages with margins from a template, text in any script
 * (HarfBuzz shaping, bidi inside a line, font fallback through a private
 * fontconfig configuration, embedded subset fonts with a correct ToUnicode
 * map), wrapped and paginated paragraphs that never split a line, headings
 * kept with what follows, outline entries, links, "Page n of m" footers and
 * document metadata.
 *
 * A document is laid out first and drawn afterwards: the body's calls record
 * what goes on each page (a display list), so the page count is known when
 * the footers are drawn. Everything a document allocates while it is laid
 * out belongs to the document and is released by pdf_render.
 *
 * Coordinates are in points from the bottom left of the page, as in PDF;
 * d->y is the cursor, the top of the next line.
 */
#ifndef EGF_PDF_H
#define EGF_PDF_H

#include <stddef.h>

#include "packet_template.h"
#include "util.h"

struct arena;
struct pdf_state;
struct pdf_text;

/*
 * The fonts of a template: DejaVu (the template's font files) first, then
 * the fallback fonts tools/install-deps installs (CJK, Arabic, Hebrew,
 * Devanagari, Thai, symbols and emoji), found through a fontconfig
 * configuration of egf's own, so the result does not depend on the machine's
 * font settings. Load once and render many documents with it. Returns NULL
 * after printing the error (a missing font file). Free with pdf_fonts_free
 * (accepts NULL).
 */
struct pdf_fonts *pdf_fonts_new(const struct packet_template *t);
/*
 * The same, loaded by a thread of its own while the caller goes on (a
 * command reading its template and database meanwhile); never NULL. The
 * thread first loads the PDF libraries and the font configuration, which
 * need no template; pdf_fonts_template then hands it the template
 * (borrowed: it must outlive f), or NULL when there is none (its error was
 * reported). Until pdf_fonts_wait returned, the caller may use neither f
 * nor Pango, cairo, GLib or fontconfig. pdf_fonts_wait returns 0, or -1
 * after printing the error (f is then only for pdf_fonts_free, which also
 * waits, and stops a loader that was given no template).
 */
struct pdf_fonts *pdf_fonts_start(void);
void pdf_fonts_template(struct pdf_fonts *f, const struct packet_template *t);
int pdf_fonts_wait(struct pdf_fonts *f);
void pdf_fonts_free(struct pdf_fonts *f);

struct pdf_doc {
	const struct packet_template *t;	/* borrowed */
	float y;				/* the cursor, from the bottom of the page */
	float left, right, top, bottom;		/* the text area */
	struct arena *arena;			/* lives as long as the document */
	struct pdf_state *s;			/* pages, layouts: pdf.c's own */
};

/* Metadata of a document. */
struct pdf_info {
	const char *title, *author, *subject, *keywords;
};

/*
 * Lays out a document: calls body(d, arg), then draws every page with its
 * footer (footer text left of "Page n of m"), sets the metadata and appends
 * the PDF to out. With SOURCE_DATE_EPOCH set the creation and modification
 * dates come from it, so that the same inputs give the same bytes. Returns
 * 0, or -1 after printing the error (a cairo error).
 */
int pdf_render(const struct pdf_fonts *f, const struct pdf_info *info, const char *footer,
    void (*body)(struct pdf_doc *d, void *arg), void *arg, struct buf *out);

/* Starts a new page; the cursor goes to the top of its text area. */
void pdf_new_page(struct pdf_doc *d);
/* Starts a new page unless height points still fit above the bottom margin. */
void pdf_need(struct pdf_doc *d, float height);
/* Moves the cursor down. */
void pdf_space(struct pdf_doc *d, float points);
/* The 1-based number of the current page. */
size_t pdf_page_number(const struct pdf_doc *d);

/* Width of one line of UTF-8 text in a style. */
float pdf_width(struct pdf_doc *d, enum packet_style_id style, const char *text, size_t len);
/* The line height of a style. */
float pdf_leading(const struct pdf_doc *d, enum packet_style_id style);
/* The baseline of a line whose top is at y. */
float pdf_baseline(const struct pdf_doc *d, enum packet_style_id style, float y);

/*
 * Rich text: UTF-8 with spans of emphasis, strong emphasis, code and links,
 * built by appending. Clear with pdf_rich_clear.
 */
enum pdf_mark { PDF_STRONG = 1, PDF_EMPH = 2, PDF_CODE = 4 };
struct pdf_span {
	size_t start, end;	/* bytes of text */
	int marks;		/* pdf_mark bits */
	char *uri;		/* owned; NULL: not a link */
};
struct pdf_rich {
	struct buf text;
	struct pdf_span *spans;
	size_t nspans, spans_cap;
};
/* Appends text with marks (and a link target, copied, or NULL). */
void pdf_rich_add(struct pdf_rich *r, const char *text, size_t len, int marks, const char *uri);
void pdf_rich_clear(struct pdf_rich *r);

/*
 * Text shaped and broken into lines no wider than width (0: one line per
 * line feed): at spaces and line feeds, and inside words wider than a line
 * (a URL). Owned by the document. pdf_wrap_rich copies what it needs; its
 * lines after the first of each paragraph are indented by hang points (a
 * list item's text under its bullet).
 */
struct pdf_text *pdf_wrap(struct pdf_doc *d, enum packet_style_id style, const char *text,
    float width);
struct pdf_text *pdf_wrap_rich(struct pdf_doc *d, enum packet_style_id style,
    const struct pdf_rich *r, float width, float hang);
size_t pdf_text_lines(const struct pdf_text *t);
/* Draws line i of t with its left end at x and its baseline at y (links included). */
void pdf_text_line(struct pdf_doc *d, const struct pdf_text *t, size_t i, float x, float y);
/* Width of line i. */
float pdf_text_line_width(const struct pdf_text *t, size_t i);

/* Draws one line of text with its baseline at y (no wrapping). */
void pdf_text_at(struct pdf_doc *d, enum packet_style_id style, float x, float y,
    const char *text, size_t len);
/* The same, cut with an ellipsis to fit width. */
void pdf_text_fit(struct pdf_doc *d, enum packet_style_id style, float x, float y,
    const char *text, float width);

/*
 * A wrapped paragraph from indent (from the left margin) to the right
 * margin. keep: lines that must stay together on one page (0: any split
 * between lines; a paragraph taller than a page is split regardless).
 */
void pdf_paragraph(struct pdf_doc *d, enum packet_style_id style, float indent,
    const char *text, size_t keep);
/* The same for wrapped text (from pdf_wrap or pdf_wrap_rich) of that style. */
void pdf_paragraph_text(struct pdf_doc *d, enum packet_style_id style, float indent,
    const struct pdf_text *t, size_t keep);

/*
 * An outline entry (bookmark) to the cursor's position under parent (0: top
 * level); returns its id for children.
 */
int pdf_outline(struct pdf_doc *d, const char *title, int parent);
/*
 * A heading, kept on a page with at least follow points of what comes after
 * it; adds an outline entry under parent (0: top level) and returns its id.
 */
int pdf_heading(struct pdf_doc *d, enum packet_style_id style, const char *text,
    float follow, int parent);

/* A horizontal rule across the text area. */
void pdf_rule(struct pdf_doc *d);
/* A filled rectangle (x, y from the bottom left) in a colour. */
void pdf_box(struct pdf_doc *d, float x, float y, float w, float h, struct packet_color c);
/* A line between two points. */
void pdf_line(struct pdf_doc *d, float x1, float y1, float x2, float y2, float width,
    struct packet_color c);

#endif
