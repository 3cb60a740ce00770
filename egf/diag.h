/*
 * diag.h: the one table of diagnostics and the one emitter.
 *
 * Every problem egf reports about its input is a diagnostic: a check code from
 * the table below, a file, a 1-based line and column, and a message. A run
 * collects them in a struct diag_list, which sorts them by file and position
 * and prints each as one line:
 *
 *     file:line:col: error: message [check-name]
 *
 * The exit status of a command follows from the worst level seen.
 */
#ifndef EGF_DIAG_H
#define EGF_DIAG_H

#include <stdio.h>

enum diag_level {
	DIAG_WARNING,
	DIAG_ERROR,
};

/* Every check egf knows. Keep in step with the table in diag.c. */
enum diag_code {
	/* reading files */
	DIAG_ENCODING,
	DIAG_TOO_LARGE,
	DIAG_TOO_COMPLEX,
	DIAG_YAML_SYNTAX,
	DIAG_XML_SYNTAX,
	DIAG_CSV_SYNTAX,
	/* structure */
	DIAG_MISSING_FIELD,
	DIAG_BAD_ID,
	DIAG_BAD_VALUE,
	DIAG_DUPLICATE_ID,
	DIAG_UNKNOWN_LEVEL,
	DIAG_UNKNOWN_TRACK,
	DIAG_UNKNOWN_COMPETENCY,
	DIAG_TRACK_MISMATCH,
	DIAG_EMPTY_LEVEL,
	/* assessments and people */
	DIAG_UNKNOWN_EXPECTATION,
	DIAG_WRONG_LEVEL,
	DIAG_BAD_RATING,
	DIAG_UNPUBLISHED,
	DIAG_UNKNOWN_PERSON,
	DIAG_RATER_MISMATCH,
	DIAG_BAD_LINK,
	/* team outcomes */
	DIAG_PERSON_OUTCOME,
	DIAG_FIELD_SYNTAX,
	DIAG_EMPTY_FORM,
	DIAG_CYCLE_MISMATCH,
	DIAG_CYCLE_LOCKED,
	DIAG_NOT_IN_CYCLE,
	DIAG_CYCLE_LADDER,
	/* warnings */
	DIAG_UNKNOWN_KEY,
	DIAG_MISSING_LEVEL,
	DIAG_REPEATED_TEXT,
	DIAG_BROKEN_LINK,
	DIAG_UNKNOWN_OKR,
	DIAG_ACTIVITY_EVIDENCE,
	DIAG_DEFAULTED,
	DIAG__MAX
};

/* The check's name as printed in brackets, e.g. "unknown-level". */
const char *diag_name(enum diag_code code);
/* The check's own level, before -W error. */
enum diag_level diag_code_level(enum diag_code code);

struct diag {
	enum diag_code code;
	char *file;		/* owned; the path as the user wrote it */
	unsigned line;		/* 1-based; 0 when the problem is the whole file */
	unsigned col;		/* 1-based */
	char *msg;		/* owned */
	size_t seq;		/* order of emission, to keep sorting stable */
	int set_level;		/* the ladder's `checks:` level: DIAG_SET_*, 0 when none */
};

/* A level a ladder's `checks:` or -W gives a check. */
enum { DIAG_SET_NONE, DIAG_SET_OFF, DIAG_SET_WARNING, DIAG_SET_ERROR };

struct diag_list {
	struct diag *items;
	size_t len, cap;
	int werror;		/* -W error: warnings count as errors */
	unsigned char off[DIAG__MAX];	/* -W no-CHECK: never reported, whatever the ladder says */
};

/* Adds one diagnostic; file and the formatted message are copied. */
void diag_add(struct diag_list *dl, enum diag_code code, const char *file,
    unsigned line, unsigned col, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* The check called name, or -1. */
int diag_lookup(const char *name);

/*
 * Gives the diagnostics of code from index first on (a ladder's, as it was
 * read) the level set (DIAG_SET_OFF, _WARNING or _ERROR): a ladder's
 * `checks:`. -W no-CHECK still wins.
 */
void diag_set_level(struct diag_list *dl, size_t first, enum diag_code code, int set);

/* 1 when the diagnostic is turned off (-W no-CHECK or the ladder's checks). */
int diag_is_off(const struct diag_list *dl, const struct diag *d);

/* The level this diagnostic counts as, after -W error and checks (when not off). */
enum diag_level diag_effective_level(const struct diag_list *dl, const struct diag *d);

/* Number of diagnostics at the error level (after -W error). */
size_t diag_errors(const struct diag_list *dl);

/*
 * Sorts by file, line, column and emission order, prints every diagnostic
 * to out (coloured when color is non-zero) and empties the list.
 * Returns the number of errors printed (after -W error).
 */
size_t diag_flush(struct diag_list *dl, FILE *out, int color);

struct buf;
/*
 * Sorts like diag_flush and appends every diagnostic to b as a JSON array
 * [{"file","line","col","level","check","message"}], then empties the list.
 * Returns the number of errors.
 */
size_t diag_flush_json(struct diag_list *dl, struct buf *b);
/* Frees everything the list holds; the list may be reused. */
void diag_list_free(struct diag_list *dl);

#endif
