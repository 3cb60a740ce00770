/*
 * cli.h: what every command shares: the command context, exit codes,
 * option helpers and writing outputs.
 */
#ifndef EGF_CLI_H
#define EGF_CLI_H

#include <stddef.h>

#include "diag.h"
#include "util.h"

enum exit_code {
	EXIT_OK = 0,
	EXIT_INVALID = 1,	/* invalid input; diagnostics printed */
	EXIT_USAGE = 2,		/* usage or I/O error */
	EXIT_DIFFER = 3,	/* egf diff: the inputs differ */
};

/* The state of one command run; owned by main. */
struct egf_ctx {
	const char *command;	/* the command's name */
	int color;		/* colour on stderr: a terminal and no NO_COLOR */
	struct diag_list diags;	/* input problems of this run */
	const char *db_path;	/* --db, when given */
};

/* One command of the table in main.c. */
struct egf_command {
	const char *name;
	int (*run)(struct egf_ctx *ctx, int argc, char **argv);
	const char *summary;	/* one line for `egf --help` */
	const char *usage;	/* the command's --help text */
};

/* The command table, sorted by name, ending with a NULL name (main.c). */
extern const struct egf_command egf_commands[];

/* Prints a usage error ("egf CMD: msg") and the hint to --help; returns EXIT_USAGE. */
int cli_usage_error(const struct egf_ctx *ctx, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Prints the command's usage text to stdout; returns EXIT_OK. */
int cli_help(const char *command);
/* Handles `-W error`; returns 0, or -1 after a usage error for another argument. */
int cli_warning_option(struct egf_ctx *ctx, const char *arg);
/* Parses --peer-min N (1 to 1000) into *out; -1 after a usage error. */
int cli_peer_min(const struct egf_ctx *ctx, const char *arg, unsigned *out);
struct store;
/* Opens the command's database (--db, $EGF_DB, ./egf.db); NULL after printing why. */
struct store *cli_store(struct egf_ctx *ctx, int write);

/* Who the audit log names for a change made from the shell: by (--by), else the login name. Borrowed. */
const char *cli_actor(const char *by);

struct model;
/*
 * Loads a ladder (directory or model.xml) and prints its diagnostics. On
 * EXIT_OK the caller owns *out (model_free); otherwise *out is NULL and the
 * return value is the command's exit status (1 invalid, 2 I/O).
 */
int cli_load_ladder(struct egf_ctx *ctx, const char *path, struct model **out);

/* Prints the diagnostics collected so far; returns the number of errors. */
size_t cli_flush_diags(struct egf_ctx *ctx);

/*
 * Writes data to path atomically, or to stdout when path is NULL.
 * Returns EXIT_OK or EXIT_USAGE after printing the I/O error.
 */
int cli_write_output(const char *path, const struct buf *data);
/* The same with a file mode (before the umask), e.g. 0600 for confidential output. */
int cli_write_output_mode(const char *path, const struct buf *data, int mode);

/*
 * Output written in pieces, to path atomically or to stdout ("-" or NULL):
 * cli_output_open prints the error and returns NULL when the file cannot be
 * started; cli_output_write (an xml_flush_fn) returns -1 after an error;
 * cli_output_close keeps the output when keep is non-zero and nothing
 * failed, else leaves no file, and returns EXIT_OK or EXIT_USAGE after
 * printing the I/O error.
 */
struct cli_output;
struct cli_output *cli_output_open(const char *path, int mode);
int cli_output_write(void *output, const char *data, size_t len);
int cli_output_close(struct cli_output *o, int keep);

/*
 * Checks an output directory before anything is written: it may be missing
 * or a directory, never "-", a symbolic link or another kind of file.
 * Returns EXIT_OK, or EXIT_USAGE after printing why.
 */
int cli_output_dir(const struct egf_ctx *ctx, const char *path);

/*
 * The output format: explicit (--format), else the extension of the output
 * path, else fallback. Returns the index in names or -1 (with a usage error
 * printed) when the format is none of names (a NULL-terminated list).
 */
int cli_format(const struct egf_ctx *ctx, const char *explicit_format, const char *path,
    const char *const names[], int fallback);

/* 1 when file is dir or below it (both exist; symbolic links resolved). */
int cli_path_inside(const char *file, const char *dir);

/* The closest of the candidates to word (edit distance), or NULL if none is close. */
const char *cli_suggest(const char *word, const char *const *candidates, size_t n);



struct option;
/*
 * Reports the option getopt_long just refused (opterr must be 0), suggesting
 * the nearest long option. Returns EXIT_USAGE.
 */
int cli_option_error(const struct egf_ctx *ctx, char **argv, const struct option *longopts);
#endif
