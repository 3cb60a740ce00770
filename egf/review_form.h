/*
 * review_form.h: the forms people fill in egf serve's review pages, as the
 * core sees them. A web form is turned into the Markdown assessment form of
 * docs/assessments.md and goes through the same reader and import as
 * `egf assess import` (assess_form_read_buffer, assess_import_read): one
 * validation, one set of diagnostics, one way into the store. Drafts are
 * that Markdown, kept per rater (store_draft.h).
 *
 * Optimistic concurrency: what a page showed is a token, the revision of
 * the rater's stored form and the revision of the draft on top of it; a
 * save or a submit carrying a token that is no longer the current one is
 * REVIEW_STALE (HTTP 409), never a silent overwrite.
 */
#ifndef EGF_REVIEW_FORM_H
#define EGF_REVIEW_FORM_H

#include "assess.h"
#include "assess_import.h"
#include "store_draft.h"
#include "util.h"

/* One expectation's answers on a web form; strings borrowed, NULL or "" when empty. */
struct review_answer {
	const char *rating;		/* a scale id */
	const char *evidence;
	const char *links;		/* one `TARGET (KIND)` per line */
	const char *private_note;
};

/*
 * Appends to b the Markdown form of f (as assess_form_write lays it out)
 * with answers[i] for t->items[i]; first_line[i] (an array of t->n the
 * caller owns) receives the line of item i's `###` heading, so that a
 * diagnostic can be shown beside the field it concerns.
 */
void review_form_text(struct buf *b, const struct model *m, const struct assess_blank *f,
    const struct assess_target *t, const struct review_answer *answers, unsigned *first_line);

/*
 * The item a diagnostic at line belongs to: the index i with the greatest
 * first_line[i] <= line, or -1 for the front matter and heading.
 */
long review_form_item(const unsigned *first_line, size_t n, unsigned line);

struct review_token {
	long long form;		/* revision of the stored form, 0: none */
	long long draft;	/* saves of the draft on top of it, 0: none */
};

/* "3.2"; parsed back by review_token_parse (0 on success, -1). */
void review_token_format(const struct review_token *t, char out[48]);
int review_token_parse(const char *s, struct review_token *t);

/*
 * The current token of the form k and its draft when there is one that the
 * stored form did not overtake (*draft filled, caller clears; body NULL
 * when none). 0, or -1 on a database error.
 */
int review_current(struct store *st, const struct store_form_key *k, struct review_token *now,
    struct store_draft *draft);

/*
 * Whether the cycle takes form k now (cycle_phase.h): 1 open or reopened
 * for it, 0 locked or the person not one of the cycle's, -1 on error.
 */
int review_admits(struct store *st, const struct store_form_key *k);

enum review_status {
	REVIEW_OK,
	REVIEW_STALE,		/* the token is not the current one: 409 */
	REVIEW_INVALID,		/* diagnosed into dl: 422 */
	REVIEW_LOCKED,		/* the cycle's forms are locked (cycle_phase.h): 403 */
	REVIEW_FAILED,		/* database or I/O error, printed */
};

/*
 * Saves body as the draft of k when seen is the current token and the
 * cycle takes the form (not locked, or reopened for it), in one
 * transaction; *now receives the new token (on REVIEW_STALE the current one).
 */
enum review_status review_draft_save(struct store *st, const struct store_form_key *k,
    const char *body, const struct review_token *seen, struct review_token *now);

/*
 * Submits the Markdown form body (reported as name in diagnostics) of k
 * when seen is the current token: read and imported exactly as egf assess
 * import does, in its one transaction. The form must be k's (person, rater
 * and role), else the mismatching field is diagnosed. On REVIEW_OK
 * *revision is the stored revision. The draft is left as it was: the new
 * stored revision overtakes it.
 */
enum review_status review_submit(struct store *st, struct published *pub,
    const struct store_form_key *k, const char *name, const char *body, size_t len,
    const struct review_token *seen, struct diag_list *dl, int *revision);

#endif
