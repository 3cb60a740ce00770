/*
 * pdf.h: a small layout layer over libharu for egf's documents: pages with
 * margins from a template, embedded TrueType fonts with UTF-8 text, wrapped
 * and paginated paragraphs that never split a line, headings kept with what
 * follows, outline entries, "Page n of m" footers and document metadata.
 *
 * libharu reports errors through a handler; ours long-jumps back into
 * pdf_render, which frees the document and fails cleanly. Everything a
 * document allocates while it is laid out comes from the arena in struct
 * pdf_doc, so that a jump loses nothing.
 */
#ifndef EGF_PDF_H
#define EGF_PDF_H

#include <hpdf.h>
#include <setjmp.h>

#include "packet_template.h"
#include "util.h"

struct arena;

struct pdf_doc {
	const struct packet_template *t;	/* borrowed */
	HPDF_Doc pdf;
	HPDF_Font regular, bold;
	HPDF_Page page;				/* the current page */
	HPDF_Page *pages;			/* every page, for the footers (arena) */
	size_t npages, pages_cap;
	float y;				/* the cursor, from the bottom of the page */
	float left, right, top, bottom;		/* the text area */
	jmp_buf jmp;
	unsigned long error, detail;		/* what libharu reported */
	struct arena *arena;
	const char *footer;			/* text left of "Page n of m" */
};

/* Metadata of a document. */
struct pdf_info {
	const char *title, *author, *subject, *keywords;
};

/*
 * Lays out a document: loads the template's fonts, calls body(d, arg), adds
 * the footers and metadata and appends the PDF to out. With
 * SOURCE_DATE_EPOCH set the creation date comes from it, so that the same
 * inputs give the same bytes. Returns 0, or -1 after printing the error
 * (a missing font, a libharu error).
 */
int pdf_render(const struct packet_template *t, const struct pdf_info *info,
    const char *footer, void (*body)(struct pdf_doc *d, void *arg), void *arg,
    struct buf *out);

/* Starts a new page; the cursor goes to the top of its text area. */
void pdf_new_page(struct pdf_doc *d);
/* Starts a new page unless height points still fit above the bottom margin. */
void pdf_need(struct pdf_doc *d, float height);
/* Moves the cursor down. */
void pdf_space(struct pdf_doc *d, float points);

/* Width of UTF-8 text in a style. */
float pdf_width(struct pdf_doc *d, enum packet_style_id style, const char *text, size_t len);
/* The line height of a style. */
float pdf_leading(const struct pdf_doc *d, enum packet_style_id style);

/*
 * Breaks text into lines no wider than width: at spaces, at line feeds, and
 * inside words (at character boundaries) that are wider than a line.
 * *lines (arena) holds n pointers/lengths into text.
 */
struct pdf_line {
	const char *text;
	size_t len;
};
size_t pdf_wrap(struct pdf_doc *d, enum packet_style_id style, const char *text, float width,
    struct pdf_line **lines);

/* Draws one line of text at x on the cursor's baseline (no wrapping). */
void pdf_text_at(struct pdf_doc *d, enum packet_style_id style, float x, float y,
    const char *text, size_t len);

/*
 * A wrapped paragraph from x (indent from the left margin) to the right
 * margin. keep: lines that must stay together on one page (0: any split
 * between lines; a paragraph taller than a page is split regardless).
 */
void pdf_paragraph(struct pdf_doc *d, enum packet_style_id style, float indent,
    const char *text, size_t keep);

/*
 * A heading, kept on a page with at least follow points of what comes after
 * it; adds an outline entry under parent (NULL: top level) and returns it.
 */
HPDF_Outline pdf_heading(struct pdf_doc *d, enum packet_style_id style, const char *text,
    float follow, HPDF_Outline parent);

/* A horizontal rule across the text area. */
void pdf_rule(struct pdf_doc *d);
/* A filled rectangle (x, y from the bottom left) in a colour. */
void pdf_box(struct pdf_doc *d, float x, float y, float w, float h, struct packet_color c);
/* A line between two points. */
void pdf_line(struct pdf_doc *d, float x1, float y1, float x2, float y2, float width,
    struct packet_color c);

#endif
