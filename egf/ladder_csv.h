/*
 * ladder_csv.h: a spreadsheet ladder into a ladder directory.
 *
 * The spreadsheet is RFC 4180 CSV with a header naming the columns
 * competency, area, level and expectation, one row per expectation. It
 * becomes ladder.md (front matter from a metadata file or the defaults of
 * docs/import-csv.md) and competencies/<id>.md, checked in memory by the
 * ladder reader and validator (ladder_load_files) with every diagnostic
 * reported at the CSV cell or metadata line it comes from, then written as
 * a whole (atomic_dir).
 */
#ifndef EGF_LADDER_CSV_H
#define EGF_LADDER_CSV_H

#include <stddef.h>

#include "diag.h"
#include "ladder.h"
#include "util.h"

struct ladder_csv;

/*
 * Reads csv_path and, when meta_path is not NULL, the ladder metadata (the
 * YAML front matter of ladder.md, optionally a whole ladder.md whose body
 * becomes the introduction), and builds the ladder's files in memory.
 * Diagnostics go to dl. On LADDER_OK the caller owns *out (free it with
 * ladder_csv_free); warnings may be in dl. On LADDER_INVALID (errors in dl)
 * and LADDER_IO (printed) *out is NULL.
 */
enum ladder_status ladder_csv_read(const char *csv_path, const char *meta_path,
    struct diag_list *dl, struct ladder_csv **out);

/*
 * Checks the files in memory (the diagnostics go to dl at the CSV or
 * metadata position they come from) and, without errors (after -W error),
 * writes them as directory dir in one step (atomic_dir): an existing empty
 * dir is replaced; a non-empty one only when replace is set (the old one is
 * removed with everything in it). Returns LADDER_OK, LADDER_INVALID (nothing written) or LADDER_IO
 * (printed; nothing written, an existing dir is kept).
 */
enum ladder_status ladder_csv_write(const struct ladder_csv *lc, const char *dir, int replace,
    struct diag_list *dl);

/* Releases everything lc holds; accepts NULL. */
void ladder_csv_free(struct ladder_csv *lc);

/*
 * 1 when path is an existing directory with any entry, 0 when it does not
 * exist or is an empty directory, -1 when it is something else or cannot
 * be read (errno set).
 */
int ladder_csv_dir_state(const char *path);

/*
 * The id slug of a name: ASCII letters and digits in lower case, Latin,
 * Greek and Cyrillic letters transliterated, apostrophes dropped, every
 * other run of characters one '-', at most 64 bytes, no '-' at either end.
 * May be "" (the caller picks another id). The caller frees it.
 */
char *ladder_csv_slug(const char *name);

/*
 * Appends text (one line, trimmed, not empty) as the content of a Markdown
 * list item that reads back as the same inline Markdown: what would open a
 * heading, list, quote, code fence, HTML block or link definition at the
 * start of the line is escaped with a backslash.
 */
void ladder_csv_md_item(struct buf *b, const char *text);

/* Appends text as Markdown whose plain text is exactly text (inline punctuation escaped). */
void ladder_csv_md_plain(struct buf *b, const char *text);

/*
 * Ladders the other importers build (egf import ft, monzo): the same files
 * in memory, each line remembering the place in a source file it comes
 * from, written and checked by ladder_csv_write.
 *
 * ladder_gen_new: an empty ladder; free it with ladder_csv_free.
 * ladder_gen_source: registers a source file's path (copied); returns the
 *   number ladder_gen_lines takes as src.
 * ladder_gen_file: a new file at rel (e.g. "competencies/x.md"), owned by lc.
 * ladder_gen_lines: appends text, one generated line per line of it, each
 *   from src:line:col (line 0: the whole file).
 */
struct gen_file;
struct ladder_csv *ladder_gen_new(void);
int ladder_gen_source(struct ladder_csv *lc, const char *path);
struct gen_file *ladder_gen_file(struct ladder_csv *lc, const char *rel);
void ladder_gen_lines(struct gen_file *f, int src, unsigned line, unsigned col, const char *text);

/* Appends s as a double-quoted YAML string (line breaks as \n). */
void ladder_gen_yaml_string(struct buf *b, const char *s);

/*
 * Appends text (several lines; plain: text that must read back exactly, not
 * Markdown) as the content of a top-level list item:
 * its first line a paragraph ending in attrs (e.g. {#id name="v"}, may be
 * NULL), further lines kept as lines of that paragraph, a numbered line or
 * a line after a blank one a new paragraph, a "- " line a nested item.
 * Continuation lines are indented by two spaces.
 */
void ladder_gen_md_item(struct buf *b, const char *text, int plain, const char *attrs);

/* Appends the nested `Example:` items of an item made by ladder_gen_md_item. */
void ladder_gen_md_examples(struct buf *b, const char *const *examples, size_t n, int plain);

#endif
