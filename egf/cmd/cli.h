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

/*
 * Preconditions of a command, as git's command table has them: main parses
 * the common options, opens the database as the flags say and then runs
 * the command. A command with subcommands picks its subcommand's database
 * mode in its parse (cli_subcommand).
 */
enum cmd_flags {
	CMD_DB_READ = 1 << 0,		/* opens an existing database to read: ctx->store */
	CMD_DB_WRITE = 1 << 1,		/* opens the database to write, creating it if missing */
	CMD_DB_EXISTING = 1 << 2,	/* with CMD_DB_WRITE: never create it; a missing one
					 * is opened to read, which reports it */
	CMD_DB_PATH = 1 << 3,		/* takes --db; its module opens its own connections */
	CMD_WARNINGS = 1 << 4,		/* takes -W error and -W no-CHECK */
	CMD_LONG_RUNNING = 1 << 5,	/* runs until stopped (egf serve): malloc's own heap,
					 * not heap_prepare's */
};
#define CMD_DB_MODE (CMD_DB_READ | CMD_DB_WRITE | CMD_DB_EXISTING)
#define CMD_DB_ANY (CMD_DB_MODE | CMD_DB_PATH)

/* One option as given on the command line (the command's own; main keeps the common ones). */
struct cli_opt {
	int val;		/* the option's value in the command's struct option table */
	const char *arg;	/* its argument (borrowed from argv), NULL when it takes none */
};

struct store;

/* The state of one command run; owned by main. */
struct egf_ctx {
	const char *command;	/* the command's name */
	int color;		/* colour on stderr: a terminal and no NO_COLOR */
	struct diag_list diags;	/* every problem of this run; its worst level is the exit status */
	const char *db_path;	/* --db, when given */
	unsigned flags;		/* the command's CMD_* flags; its parse may set the database mode */
	struct store *store;	/* opened by main as flags say (NULL when they name none); main closes it */
	struct cli_opt *opts;	/* the command's own options, in order (owned by main) */
	size_t nopts, next_opt;
	const struct option *longopts;	/* this run's whole option table (owned by main) */
};

/*
 * What a command is: its own options, the size of the structure its parse
 * fills (main allocates it zeroed and frees it), and two calls. parse reads
 * the options (cli_next_option) and the operands (argv: what is left once
 * the options are taken, argv[0] the first operand) and reports usage
 * errors; it returns EXIT_OK to go on. run then does the work with
 * ctx->store open as the flags say, and returns the command's exit status.
 * clear (when set) is called last, whether run was or not.
 */
struct cmd_ops {
	const struct option *options;	/* ends with a NULL name; main adds db, help */
	const char *shortopts;		/* getopt's syntax; main adds d:, W: and h */
	size_t opts_size;
	int (*parse)(struct egf_ctx *ctx, int argc, char **argv, void *opts);
	int (*run)(struct egf_ctx *ctx, void *opts);
	void (*clear)(void *opts);	/* frees what parse kept in opts; NULL: nothing */
	/*
	 * NULL, or another program that runs the command: main hands it the
	 * whole command line (cli_exec) before parsing anything. egf serve is
	 * egf-serve, the one program linked with the HTTP server's libraries,
	 * so that no other command loads them.
	 */
	const char *program;
};

/* One command of the table in main.c. */
struct egf_command {
	const char *name;
	const struct cmd_ops *ops;
	unsigned flags;		/* CMD_*: its preconditions */
	const char *summary;	/* one line for `egf --help` */
	const char *usage;	/* the command's --help text */
};

/* The command table, sorted by name, ending with a NULL name (main.c). */
extern const struct egf_command egf_commands[];

/* The next of the command's own options, its argument in *arg; -1 after the last. */
int cli_next_option(struct egf_ctx *ctx, const char **arg);

/* A subcommand: its name, database mode (CMD_DB_*) and the long options it takes. */
struct cli_sub {
	const char *name;
	unsigned flags;
	const char *options;	/* space-separated long names ("person cycle output"); NULL: any */
};

/*
 * The subcommand argv[0] names among subs (ending with a NULL name), list
 * naming them for messages ("new, import or show"). Sets the database mode
 * of ctx->flags to the subcommand's and refuses an option it does not take.
 * Returns its index, or -1 after a usage error.
 */
int cli_subcommand(struct egf_ctx *ctx, const struct cli_sub *subs, const char *list,
    int argc, char **argv);

/*
 * Refuses (usage error, -1) an option given that is not among options
 * (space-separated long names), saying it does not go with what; 0 if none.
 */
int cli_only_options(struct egf_ctx *ctx, const char *options, const char *what);

/* Reports a problem of the run through the diagnostics table: "egf CMD: message". */
void cli_report(struct egf_ctx *ctx, enum diag_code code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The same without the command's name: "egf: message" (system errors about a path). */
void cli_report_sys(struct egf_ctx *ctx, enum diag_code code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/*
 * Replaces this process with program (a file name: looked for beside the
 * running program, then in EGF_LIBEXECDIR), giving it argv with argv[0]
 * its path. Returns EXIT_USAGE, after saying why, only when it could not.
 */
int cli_exec(const char *program, char **argv);

/* Prints a usage error ("egf CMD: msg") and the hint to --help; returns EXIT_USAGE. */
int cli_usage_error(struct egf_ctx *ctx, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Prints the command's usage text to stdout; returns EXIT_OK. */
int cli_help(const char *command);
/* Handles `-W error`; returns 0, or -1 after a usage error for another argument. */
int cli_warning_option(struct egf_ctx *ctx, const char *arg);
/* Parses --peer-min N (1 to 1000) into *out; -1 after a usage error. */
int cli_peer_min(struct egf_ctx *ctx, const char *arg, unsigned *out);
/*
 * Opens the database (--db, $EGF_DB, ./egf.db) as ctx->flags say into
 * ctx->store (main, before run); EXIT_OK, or EXIT_USAGE after printing why.
 */
int cli_open_store(struct egf_ctx *ctx);

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
int cli_output_dir(struct egf_ctx *ctx, const char *path);

/*
 * The output format: explicit (--format), else the extension of the output
 * path, else fallback. Returns the index in names or -1 (with a usage error
 * printed) when the format is none of names (a NULL-terminated list).
 */
int cli_format(struct egf_ctx *ctx, const char *explicit_format, const char *path,
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
int cli_option_error(struct egf_ctx *ctx, char **argv, const struct option *longopts);
#endif
