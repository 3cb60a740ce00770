/*
 * serve_review.h: what the review pages (serve_review.c, serve_growth.c)
 * offer the rest of egf serve's pages.
 */
#ifndef EGF_SERVE_REVIEW_H
#define EGF_SERVE_REVIEW_H

#include "cycle.h"
#include "serve.h"

/*
 * Loads person's assessments in cycle as the caller may see them: cut by
 * authz.h (private notes never kept, peers anonymous where they must be).
 * Free c with cycle_clear either way. 0, or -1 on a database error.
 */
int review_load_visible(struct request *r, const char *cycle, const char *person,
    struct cycle *c);

/*
 * The cycle before cycle among person's cycles with forms (the newest when
 * cycle has none yet); owned, NULL when none. *failed on a database error.
 */
char *review_previous_cycle(struct store *st, const char *person, const char *cycle,
    int *failed);

/*
 * The sections of "me" about reviews, appended to b: the caller's open
 * forms, the peers asked about them, the forms asked of them, their growth
 * over cycles and the outcome evidence of their assessments. -1 on a
 * database error.
 */
int review_me_sections(struct request *r, struct buf *b, const struct store_person *me);
/*
 * The sections of "my team": each report's status in cycle (self
 * submitted, manager done, peers asked and answered, evidence flags), the
 * forms to fill and the team outcomes. -1 on a database error.
 */
/*
 * c: the caller's chain in cycle as the team page loaded it (cycle_load_chain
 * with CYCLE_FLAGS, cut to the people below the caller), borrowed.
 */
int review_team_sections(struct request *r, struct buf *b, const char *cycle,
    const struct cycle *c);

/* The growth chart of person over their last cycles, as the caller may see it (SVG in HTML). */
int review_growth(struct request *r, struct buf *b, const char *person);

#endif
