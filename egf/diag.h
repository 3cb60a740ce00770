/*
 * diag.h: the one table of diagnostics and the one emitter.
 *
 * Every problem egf reports is a diagnostic: a code from the table below
 * with its level. A problem in an input file has a file, a 1-based line and
 * column and a message; a run collects them in a struct diag_list, which
 * sorts them by file and position and prints each as one line:
 *
 *     file:line:col: error: message [check-name]
 *
 * A problem of the run itself (a usage error, a missing database, a failed
 * write, a person the user named who is not there) has no place in a file:
 * diag_report prints it at once as "egf[ COMMAND]: [warning: ]message".
 * Both record the worst level seen in the list; the exit status follows
 * from it in one place, diag_exit_status.
 */
#ifndef EGF_DIAG_H
#define EGF_DIAG_H

#include <stdarg.h>
#include <stdio.h>

#include "util.h"

/* Ordered by severity; each level has its exit status (diag_exit_status). */
enum diag_level {
	DIAG_NONE,		/* nothing reported yet: exit 0 */
	DIAG_WARNING,		/* exit 0 */
	DIAG_ERROR,		/* invalid input the user gave: exit 1 */
	DIAG_FAILURE,		/* usage, system or database error: exit 2 */
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
	/* the run itself, reported by diag_report */
	DIAG_USAGE,		/* a usage error: with the hint to --help */
	DIAG_NO_DATABASE,	/* no database at the path */
	DIAG_DATABASE,		/* the database failed or is not one egf reads */
	DIAG_LOCKED,		/* another process holds the database */
	DIAG_WRITE,		/* an output could not be written */
	DIAG_SYSTEM,		/* another system call failed */
	DIAG_REFUSED,		/* egf refuses to do it (would replace or lose data) */
	DIAG_NOT_FOUND,		/* what the user named is not in the database */
	DIAG_CONFLICT,		/* the input contradicts what the database holds */
	DIAG_NEEDS_OPTION,	/* what the user asked for needs another option */
	DIAG_BAD_ARGUMENT,	/* an operand names nothing there (no hint to --help) */
	DIAG_REFUSED_INPUTS,	/* how many of the inputs were refused */
	DIAG_RUN_WARNING,	/* a warning about the run: its result may mislead */
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
	enum diag_level worst;	/* the worst level printed so far (flush or report) */
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
/*
 * Prints a problem of the run at once to stderr:
 * "egf: " when command is NULL, else "egf COMMAND: ", then "warning: " for
 * a code at the warning level, the message and a line feed; for DIAG_USAGE
 * with a command the line "Try 'egf COMMAND --help'." follows. Records the
 * level in dl (NULL: only prints; for modules without a run, e.g. the
 * store, whose callers return the failure). -W no-CHECK and -W error apply
 * as to input diagnostics.
 */
void diag_report(struct diag_list *dl, enum diag_code code, const char *command,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* The same with a va_list. */
void diag_vreport(struct diag_list *dl, enum diag_code code, const char *command,
    const char *fmt, va_list ap) __attribute__((format(printf, 4, 0)));

/*
 * The exit status of a run: the worse of rc (what the command returned:
 * 0, 1 invalid input, 2 usage or I/O, 3 the inputs differ) and the worst
 * level dl saw (warning 0, error 1, failure 2). 3 ranks above 0 and below 1.
 */
int diag_exit_status(const struct diag_list *dl, int rc);

/* Frees everything the list holds; the list may be reused. */
void diag_list_free(struct diag_list *dl);

/*
 * file_read (util.h) with its failures reported: a file over max bytes as
 * DIAG_TOO_LARGE into dl ("<what> is larger than <max> bytes", at path), a
 * system error as DIAG_SYSTEM at once. The status file_read returned;
 * *data (owned by the caller) only with FILE_OK.
 */
enum file_status diag_file_read(struct diag_list *dl, const char *path, size_t max,
    const char *what, char **data, size_t *len);

#endif
