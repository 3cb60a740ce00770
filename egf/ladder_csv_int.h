/*
 * ladder_csv_int.h: what the parts of the spreadsheet importer share:
 * ladder_csv.c reads the CSV and generates the ladder's files,
 * ladder_csv_text.c makes slugs and escapes text for Markdown and YAML,
 * ladder_csv_meta.c reads the metadata file (--ladder-meta).
 */
#ifndef EGF_LADDER_CSV_INT_H
#define EGF_LADDER_CSV_INT_H

#include <stddef.h>

#include "diag.h"
#include "ladder.h"
#include "util.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Where a line of a generated file comes from. */
enum { FROM_CSV, FROM_META };

struct origin {
	int src;		/* FROM_CSV or FROM_META */
	unsigned line, col;	/* line 0: the whole file */
	int verbatim;		/* copied as is: columns carry over */
};

struct gen_file {
	char *rel;		/* path inside the ladder directory */
	struct buf text;
	struct origin *lines;	/* one per line of text */
	size_t nlines, cap;
};

struct ladder_csv {
	char *csv_path;
	char *meta_path;	/* NULL without metadata */
	char **extra;		/* further sources of an importer: origin src 2 on */
	size_t nextra;
	struct gen_file *files;
	size_t nfiles, cap;
};


/* A level of the ladder; line 0 when only the metadata names it. */
struct lvl {
	char *id, *title, *track;
	unsigned line, col;
	unsigned title_line;	/* the row whose level_title gave the title, 0 when none */
};

/* One expectation row. */
struct cexp {
	size_t level;		/* index into the importer's levels */
	char *text;		/* may hold line breaks: paragraphs and list items */
	char *example;		/* the example cell, one example a line; NULL when empty */
	char **attr_values;	/* one per attribute column; NULL or "" when empty */
	unsigned line, col;		/* the expectation cell */
	unsigned level_line, level_col;	/* the level cell */
};

struct comp {
	char *title;		/* the name as first written */
	char *key;		/* the name folded: rows with the same key are one competency */
	char *id;
	char *area;		/* the first non-empty area cell */
	char *description;	/* the first non-empty description cell */
	unsigned desc_line, desc_col;
	int has_order;
	long order;
	unsigned order_line, order_col;
	unsigned line, col;		/* the first row's competency cell */
	unsigned area_line, area_col;	/* the first row's area cell */
	struct cexp *exps;
	size_t n, cap;
};

enum meta_key { MK_ID, MK_TITLE, MK_VERSION, MK_SCALE, MK_MEETS, MK_PROMOTION, MK_TRACKS,
	MK_LEVELS, MK__MAX };


/* The metadata file: its YAML, kept verbatim, and what it says about levels. */
struct meta {
	const char *path;
	char *data;
	size_t len;
	int opener;		/* the file starts with a --- line */
	size_t yaml_start, yaml_end;	/* byte range of the YAML */
	unsigned yaml_line;	/* the file line of yaml_start */
	int has_body;		/* a ladder.md: text after the closing --- */
	size_t body_start;
	unsigned body_line;
	int present[MK__MAX];
	char **tracks;
	size_t ntracks, tracks_cap;
	struct lvl *levels;
	size_t nlevels, levels_cap;
};

/* ladder_csv_text.c */

/*
 * A cell as lines (white space runs one space, blank line runs one, none at
 * the ends), and as one line; NULL with *bad at a control character it may
 * not hold. The caller frees the result.
 */
char *lc_normalise_lines(const char *s, size_t *bad);
char *lc_normalise(const char *s, size_t *bad);
/* A name folded for comparison (case and white space); the caller frees it. */
char *lc_fold_name(const char *s);
/* Appends s as a double-quoted YAML string. */
void lc_yaml_quoted(struct buf *b, const char *s);
/* 1 when id is a valid level id. */
int lc_valid_level_id(const char *id);

/* ladder_csv_meta.c */

/* The length of the line at p: up to its line feed or end. */
size_t lc_line_len(const char *p, const char *end);
/*
 * Reads the metadata file at path into mt (which the caller clears with
 * lc_meta_clear whatever the result); diagnostics go to dl.
 */
enum ladder_status lc_meta_read(struct meta *mt, const char *path, struct diag_list *dl);
void lc_meta_clear(struct meta *mt);

#endif
