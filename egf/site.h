/*
 * site.h: the static HTML site of a ladder (`egf site`, docs/site.md).
 *
 * Three parts: the layout template and its {{slot}} language
 * (site_template.c), the pages rendered from the model in one walk
 * (site.c), and writing them into a directory that replaces the previous
 * site in one rename (site_dir.c).
 */
#ifndef EGF_SITE_H
#define EGF_SITE_H

#include <stddef.h>

#include "diag.h"
#include "model.h"
#include "util.h"

/* The file that marks a directory as written by egf site. */
#define SITE_MARKER ".egf-site"

/* The slots of the layout, written {{title}}, {{content}} and so on. */
enum site_slot {
	SLOT_TITLE,	/* the page title, escaped */
	SLOT_LADDER,	/* the ladder title, escaped */
	SLOT_VERSION,	/* the ladder version, escaped */
	SLOT_ROOT,	/* "" or "../": the way from the page to the site root */
	SLOT_PAGE,	/* the kind of page: index, level, competency, matrix, assess */
	SLOT_NAV,	/* the site navigation, HTML */
	SLOT_CONTENT,	/* the page content, HTML */
	SLOT_SCRIPTS,	/* script elements the page needs, HTML; usually empty */
	SLOT__MAX
};

/* The name of a slot as written between the braces. */
const char *site_slot_name(enum site_slot s);

/* A piece of the layout: literal text, or a slot. */
struct site_segment {
	const char *text;	/* borrowed from the layout; NULL for a slot */
	size_t len;
	enum site_slot slot;
};

/* The templates of a site, all owned. */
struct site_templates {
	char *layout;			/* layout.html */
	struct site_segment *segments;	/* the layout cut at its slots */
	size_t nsegments, segments_cap;
	char *style;			/* style.css, copied as is */
	size_t style_len;
	char *script;			/* assess.js, copied as is */
	size_t script_len;
};

/*
 * The default template directory: $EGF_TEMPLATE_DIR/site, else
 * templates/site beside the directory of the running binary, else the
 * installed one. The caller frees it.
 */
char *site_template_dir(void);

/*
 * Reads layout.html, style.css and assess.js from dir. Problems of the
 * layout (unknown slot, no {{content}}, bad encoding, too large) are
 * diagnosed into dl. Returns 0 when the files were read (check
 * diag_errors), -1 on an I/O error (printed). Clear t with
 * site_templates_clear either way.
 */
int site_templates_load(const char *dir, struct diag_list *dl, struct site_templates *t);
void site_templates_clear(struct site_templates *t);

/* Appends the layout with each slot replaced by vals[slot] (NULL for empty). */
void site_layout_fill(const struct site_templates *t, const char *const vals[SLOT__MAX],
    struct buf *out);

/* One file of a site: a path relative to the site root and its bytes, owned. */
struct site_file {
	char *path;
	struct buf data;
};

struct site {
	struct site_file *files;	/* in the order written */
	size_t nfiles, files_cap;
};

/*
 * Renders every page of the site of m into s (which must be zeroed): the
 * index, one page per level and per competency, the matrix, the
 * self-assessment page with the model data it needs, the stylesheet and the
 * script. Returns 0, or -1 when the model data could not be serialised
 * (out of memory). Clear s with site_clear either way.
 */
int site_render(const struct model *m, const struct site_templates *t, struct site *s);
void site_clear(struct site *s);

/*
 * Checks that path may receive a site: it does not exist, or is an empty
 * directory, or holds SITE_MARKER. Returns 0, or -1 after printing why.
 */
int site_dir_check(const char *path);

/*
 * Writes the site into a temporary directory beside path and renames it to
 * path, replacing what site_dir_check allowed; the previous site is removed
 * afterwards. Returns 0, or -1 after printing the I/O error; nothing is left
 * behind on failure.
 */
int site_dir_write(const char *path, const struct site *s);

#endif
