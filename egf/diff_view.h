/*
 * diff_view.h: `egf diff` as text, Markdown or JSON.
 *
 * A view is built once, from the changes between two models (model_diff.h)
 * or from two levels of one model, into sections (the ladder's own fields,
 * then one section per track and level, or per competency) of items; one
 * walk over it drives a backend per format. docs/diff.md describes the
 * formats.
 */
#ifndef EGF_DIFF_VIEW_H
#define EGF_DIFF_VIEW_H

#include <stddef.h>

#include "model.h"
#include "util.h"

/* DIFF_HTML is for egf serve's pages only: egf diff does not offer it. */
enum diff_format { DIFF_TEXT, DIFF_MD, DIFF_JSON, DIFF_HTML };

/* The names of the formats egf diff offers, for cli_format, in enum order. */
extern const char *const diff_format_names[];

struct diff_view;

/*
 * The changes from a to b, by id. The view borrows both models, which must
 * outlive it; free it with diff_view_free.
 */
struct diff_view *diff_view_models(const struct model *a, const struct model *b);

/*
 * What changes from level `from` to level `to` of m: per competency, the
 * expectations of `to` (new, or kept when `from` lists the same text) and
 * those of `from` that `to` no longer lists (unlisted). Borrows m and the
 * levels; free the view with diff_view_free.
 */
struct diff_view *diff_view_levels(const struct model *m, const struct model_level *from,
    const struct model_level *to);

/* The number of changes in the view (kept expectations do not count). */
size_t diff_view_changes(const struct diff_view *v);

/* Appends the view to out in the format; text and md write nothing for no changes. */
void diff_view_render(const struct diff_view *v, enum diff_format fmt, struct buf *out);

/* Releases the view; accepts NULL. */
void diff_view_free(struct diff_view *v);

/*
 * A word-level diff: runs of words (split at white space, joined by one
 * space) that are in both texts ('='), only in the old one ('-') or only in
 * the new one ('+'). Within a stretch of changes the '-' run comes first.
 */
struct word_run {
	char op;		/* '=', '-' or '+' */
	char *text;		/* owned by the diff */
};

struct word_diff {
	struct word_run *runs;
	size_t n, cap;
};

/*
 * Longest common subsequence of the words, after taking off the common
 * prefix and suffix; when what remains is larger than WORD_DIFF_MAX_CELLS
 * word pairs it is shown as one '-' and one '+' run. NULL texts count as
 * empty. The caller frees out with word_diff_free.
 */
#define WORD_DIFF_MAX_CELLS (1024 * 1024)
void word_diff(const char *old_text, const char *new_text, struct word_diff *out);
/* Frees the runs; accepts an empty diff. */
void word_diff_free(struct word_diff *d);

#endif
