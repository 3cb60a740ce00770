/*
 * evidence.h: what a rating's evidence says about outcomes. The kinds and
 * targets of `Link: TARGET (KIND)`, the words that count output rather than
 * impact (story points, commits, ...) and the calibration flags a rating
 * earns from them. Pure functions: no I/O, no allocation but where a
 * prototype says so.
 */
#ifndef EGF_EVIDENCE_H
#define EGF_EVIDENCE_H

#include <stddef.h>

struct model;

/* The kinds of link, in the order the docs list them. */
enum link_kind { LINK_OKR, LINK_CUSTOMER, LINK_INCIDENT, LINK_METRIC, LINK_DESIGN,
	LINK_CODE, LINK_DOC, LINK_OTHER, LINK__MAX };

/* The kind named s (exactly, lower case), or -1. */
int evidence_link_kind(const char *s);
const char *evidence_link_kind_name(enum link_kind k);
/* "okr customer incident metric design code doc other", static. */
const char *evidence_link_kinds(void);

/*
 * Checks a link target: an http: or https: URL (something after "//", no
 * spaces or control characters) or okr:ID with ID [A-Za-z0-9][A-Za-z0-9._-]*.
 * Returns 1 when it is one of those, 0 when not.
 */
int evidence_link_target_ok(const char *target);
/*
 * 1 when id is an identifier as OKRs and cycles have them (the ID of
 * okr:ID, and the team outcomes file's okr and cycle columns):
 * [A-Za-z0-9][A-Za-z0-9._-]*; 0 when not.
 */
int evidence_id_ok(const char *id);
/* The key result id of an okr: target, or NULL for a URL. Borrowed from target. */
const char *evidence_okr_id(const char *target);

/*
 * Splits the value of a Link: field, "TARGET (KIND)", in place: *target and
 * *kind point into value (NUL-terminated), *kind_off is the byte offset of
 * the kind in the original value (for a column). Returns 0, or -1 when the
 * value has no "(KIND)" at its end or no target before it.
 */
int evidence_link_split(char *value, char **target, char **kind, size_t *kind_off);

/*
 * The first term in text that counts output rather than outcome: the
 * default list (story points, velocity, lines of code, LOC, commits, pull
 * requests, PRs, merge requests, tickets closed, issues closed, closed
 * tickets, closed issues) and the ladder's activity_terms. Terms match as
 * whole words, in any case, with any run of spaces or line breaks between
 * their words. Returns the term as listed (borrowed), or NULL.
 */
const char *evidence_activity_term(const struct model *m, const char *text);

/* The calibration flags of one rating. */
enum {
	EVIDENCE_UNSUPPORTED = 1,	/* above meets with no evidence and no link */
	EVIDENCE_ACTIVITY_ONLY = 2,	/* evidence counts output and has no link */
	EVIDENCE_LINKED = 4,		/* at least one Link: */
};

/*
 * The flags of a rating: value is its scale value (only for rated ones),
 * evidence NULL or its text, nlinks its links. An unrated expectation has
 * no flags.
 */
int evidence_flags(const struct model *m, int rated, long value, const char *evidence,
    size_t nlinks);

#endif
