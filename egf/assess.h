/*
 * assess.h: assessment forms (docs/assessments.md) and readiness. Reading a form
 * and checking it against a ladder model are here; the database is not:
 * commands look people up in the store and hand the results in.
 */
#ifndef EGF_ASSESS_H
#define EGF_ASSESS_H

#include <stddef.h>

#include "diag.h"
#include "model.h"

struct strmap;

enum assess_role { ROLE_SELF, ROLE_MANAGER, ROLE_PEER, ROLE__MAX };

/* The role named by s, or -1. */
int assess_role_parse(const char *s);
const char *assess_role_name(enum assess_role role);

struct assess_pos {
	unsigned line, col;
};

/* A `Link: TARGET (KIND)` line. Strings owned by the form. */
struct assess_link {
	char *target;
	char *kind;		/* one of evidence.h's kinds */
	struct assess_pos pos;	/* the target */
};

/* One `### id` section of a form. Strings owned by the form. */
struct assess_item {
	char *expectation;
	struct assess_pos pos;
	char *rating;		/* as written; "" when empty, NULL when no Rating: line */
	struct assess_pos rating_pos;
	char *evidence;		/* NULL when none */
	char *private_note;	/* NULL when none */
	struct assess_pos evidence_pos;	/* the Evidence: line, when there is one */
	struct assess_link *links;	/* in form order */
	size_t nlinks, links_cap;
};

enum assess_field { FORM_LADDER, FORM_VERSION, FORM_CYCLE, FORM_PERSON, FORM_RATER,
	FORM_ROLE, FORM_TARGET, FORM__FIELDS };

struct assess_form {
	char *path;				/* owned */
	char *field[FORM__FIELDS];		/* owned; NULL when missing */
	struct assess_pos field_pos[FORM__FIELDS];
	struct assess_item *items;
	size_t nitems, items_cap;
	char hash[65];				/* SHA-256 of the file */
};

/* The front matter key of a field, e.g. "person". */
const char *assess_field_name(enum assess_field f);

/*
 * Reads a form file. Problems of its shape (front matter, duplicate
 * sections, fields outside a section) are diagnosed into dl. Returns 0 when
 * the form was read (check diag_errors), -1 on an I/O error (printed).
 * The caller clears the form with assess_form_clear either way.
 */
int assess_form_read(const char *path, struct diag_list *dl, struct assess_form *form);
/* The same for a form in memory (egf serve's POST body), reported as name. */
int assess_form_read_buffer(const char *name, const char *data, size_t len, struct diag_list *dl,
    struct assess_form *form);
void assess_form_clear(struct assess_form *form);

/* A form item checked against the model. */
struct assess_rating {
	const struct model_expectation *expectation;
	const struct model_scale_point *point;	/* NULL when not rated */
	const char *evidence;			/* borrowed from the form */
	const char *private_note;
	const struct assess_link *links;	/* borrowed from the form */
	size_t nlinks;
};

/*
 * Checks a form against the model of its ladder version: the target level,
 * the role, every expectation id (known, at the target level) and every
 * rating (on the scale). Diagnostics go to dl against the form's file. On
 * success *ratings (the caller frees the array) holds one entry per item.
 */
void assess_form_check(const struct assess_form *form, const struct model *m,
    struct diag_list *dl, struct assess_rating **ratings, size_t *n);

/* What a blank form is for (assess_form_write.c). Strings borrowed. */
struct assess_blank {
	const char *cycle, *person, *name, *rater;
	enum assess_role role;
	const struct model_level *target;
};

struct buf;
/* Appends a blank form for every expectation of the target level to b. */
void assess_form_write(struct buf *b, const struct model *m, const struct assess_blank *f);

/* ---- readiness ---- */

enum assess_verdict { VERDICT_READY, VERDICT_BORDERLINE, VERDICT_NOT_READY };
const char *assess_verdict_name(enum assess_verdict v);

/* The expectations a target level asks for, in model order. */
struct assess_target {
	const struct model_level *level;
	const struct model_expectation **items;	/* owned array, borrowed items */
	size_t n;
	struct strmap *index;			/* id -> position + 1 */
};

/* Fills t for level; free with assess_target_clear. */
void assess_target_init(struct assess_target *t, const struct model *m,
    const struct model_level *level);
void assess_target_clear(struct assess_target *t);
/* Index of an expectation in t, or -1. */
long assess_target_index(const struct assess_target *t, const char *expectation_id);

/* Accumulates one person's ratings against a target. */
struct assess_tally {
	const struct assess_target *target;
	double *sum[ROLE__MAX];		/* per expectation: sum of values */
	double *sumsq[ROLE__MAX];	/* per expectation: sum of squared values */
	unsigned *count[ROLE__MAX];	/* per expectation: raters who rated it */
	unsigned raters[ROLE__MAX];	/* assessments of that role */
};

void assess_tally_init(struct assess_tally *t, const struct assess_target *target);
void assess_tally_clear(struct assess_tally *t);
/* Adds a rating (index into the target's items). */
void assess_tally_add(struct assess_tally *t, enum assess_role role, size_t index, long value);

struct assess_role_result {
	unsigned raters;	/* 0: no assessment of this role */
	size_t total, met, rated, unrated;
	double share;		/* met / total */
	double mean;		/* mean of all ratings given, 0 when none */
	size_t nratings;
	int required_met;	/* every required competency fully met */
};

struct assess_readiness {
	struct assess_role_result role[ROLE__MAX];
	enum assess_verdict verdict;	/* from the manager's ratings */
};

/*
 * Computes readiness: per role, the share of the target's expectations whose
 * mean rating (over that role's raters) is at or above the ladder's `meets`
 * value; unrated ones count as not met. The verdict follows the manager
 * role: ready when the share reaches the threshold and every required
 * competency is met, borderline when every required competency is met and
 * the share is within 0.1 below the threshold, else not-ready (a required
 * competency is a hard requirement).
 */
void assess_readiness(const struct model *m, const struct assess_tally *t,
    struct assess_readiness *out);
/* 1 when, for role, expectation index i counts as met. */
int assess_met(const struct model *m, const struct assess_tally *t, enum assess_role role,
    size_t i);

#endif
