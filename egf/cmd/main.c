/*
 * main.c: egf's command table and dispatcher.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "heap.h"
#include "store.h"

#ifndef EGF_VERSION
#define EGF_VERSION "unknown"
#endif

/*
 * Sorted by name. A row: the name, what the command is (its options, parse
 * and run: egf/cmd_NAME.c), its preconditions, which main honours before
 * run (run_command), the line of `egf --help` and the --help text.
 */
const struct egf_command egf_commands[] = {
	{ "assess", &cmd_assess, CMD_DB_READ,
	    "new, import and show assessment forms", CMD_ASSESS_USAGE },
	{ "backup", &cmd_backup, CMD_DB_READ,
	    "a consistent copy of a live database", CMD_BACKUP_USAGE },
	{ "calibrate", &cmd_calibrate, CMD_DB_READ,
	    "the calibration report of a cycle", CMD_CALIBRATE_USAGE },
	{ "compile", &cmd_compile, CMD_WARNINGS,
	    "validate a ladder and write its model (XML or JSON)", CMD_COMPILE_USAGE },
	{ "cycle", &cmd_cycle, CMD_DB_WRITE,
	    "review cycles with phases: open, phase, show, reopen", CMD_CYCLE_USAGE },
	{ "decide", &cmd_decide, CMD_DB_WRITE,
	    "record a promotion decision; print the audit log", CMD_DECIDE_USAGE },
	{ "diff", &cmd_diff, CMD_WARNINGS,
	    "what changed between two ladder versions, or two levels", CMD_DIFF_USAGE },
	{ "import", &cmd_import, CMD_WARNINGS,
	    "an existing ladder (csv, ft, monzo) into a ladder directory", CMD_IMPORT_USAGE },
	{ "import-csv", &cmd_import_csv, CMD_WARNINGS,
	    "turn a spreadsheet ladder (CSV) into a ladder directory", CMD_IMPORT_CSV_USAGE },
	{ "lint", &cmd_lint, CMD_WARNINGS,
	    "check ladders and print diagnostics only", CMD_LINT_USAGE },
	{ "outcomes", &cmd_outcomes, CMD_DB_READ,
	    "import and show team outcomes per cycle", CMD_OUTCOMES_USAGE },
	{ "packet", &cmd_packet, CMD_DB_READ,
	    "promotion packets and the ladder booklet as PDF", CMD_PACKET_USAGE },
	{ "people", &cmd_people, CMD_DB_WRITE | CMD_DB_EXISTING,
	    "import the people list from CSV", CMD_PEOPLE_USAGE },
	{ "person", &cmd_person, CMD_DB_READ,
	    "a person's data: export it, or erase it for good", CMD_PERSON_USAGE },
	{ "publish", &cmd_publish, CMD_DB_WRITE | CMD_WARNINGS,
	    "store a ladder version in the database", CMD_PUBLISH_USAGE },
	{ "readiness", &cmd_readiness, CMD_DB_READ,
	    "readiness for the target level, per person", CMD_READINESS_USAGE },
	{ "retention", &cmd_retention, CMD_DB_WRITE,
	    "remove old cycles' evidence and private notes", CMD_RETENTION_USAGE },
	{ "serve", &cmd_serve, CMD_DB_PATH | CMD_LONG_RUNNING,
	    "the web application and JSON API, with accounts and roles", CMD_SERVE_USAGE },
	{ "site", &cmd_site, CMD_WARNINGS,
	    "a static HTML site of the ladder, with self-assessment", CMD_SITE_USAGE },
	{ "user", &cmd_user, CMD_DB_READ,
	    "accounts for egf serve: add, token, disable, list", CMD_USER_USAGE },
	{ NULL, NULL, 0, NULL, NULL },
};

static void
print_help(FILE *out)
{
	const struct egf_command *c;

	fputs("usage: egf [--version] [--help] COMMAND [ARGS]\n\n"
	    "egf keeps an engineering career ladder as Markdown, validates it and\n"
	    "turns it into models and reports.\n\nCommands:\n", out);
	for (c = egf_commands; c->name != NULL; c++)
		fprintf(out, "  %-12s %s\n", c->name, c->summary);
	fputs("\n'egf help COMMAND' or 'egf COMMAND --help' describes a command.\n"
	    "Exit status: 0 success, 1 invalid input, 2 usage or I/O error,\n"
	    "3 the inputs differ (egf diff).\n"
	    "Formats: man 5 egf-ladder (ladders), man 5 egf-form (assessment forms).\n", out);
}

static const struct egf_command *
find_command(const char *name)
{
	const struct egf_command *c;

	for (c = egf_commands; c->name != NULL; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

static int
unknown_command(const char *name)
{
	const char *names[64];
	const char *hint;
	size_t n = 0;

	while (egf_commands[n].name != NULL && n < 64) {
		names[n] = egf_commands[n].name;
		n++;
	}
	hint = cli_suggest(name, names, n);
	if (hint != NULL)
		diag_report(NULL, DIAG_USAGE, NULL, "'%s' is not a command; did you mean '%s'?",
		    name, hint);
	else
		diag_report(NULL, DIAG_USAGE, NULL, "'%s' is not a command. See 'egf --help'.",
		    name);
	return EXIT_USAGE;
}

/*
 * Standard output is checked once, here, for every command: output that did
 * not all reach it (a full disk, a closed pipe) is an I/O error, exit 2.
 */
static int
check_stdout(int rc)
{
	int failed;

	errno = 0;
	failed = fflush(stdout) != 0 || ferror(stdout);
	if (fclose(stdout) != 0)
		failed = 1;
	if (!failed)
		return rc;
	diag_report(NULL, DIAG_WRITE, NULL, "standard output: %s",
	    errno ? strerror(errno) : "write error");
	return rc == EXIT_OK || rc == EXIT_DIFFER ? EXIT_USAGE : rc;
}

/* Appends n options of from to the table at *to (of *len entries). */
static void
add_options(struct option **to, size_t *len, const struct option *from, size_t n)
{
	*to = xrealloc(*to, (*len + n + 1) * sizeof(**to));
	if (n > 0)	/* a command without options passes NULL */
		memcpy(*to + *len, from, n * sizeof(*from));
	*len += n;
	memset(*to + *len, 0, sizeof(**to));
}

/*
 * Parses the options once for every command: --db and -W (as the flags
 * allow) and --help here, the command's own into ctx->opts for its parse.
 * Returns 0 with *first the index of the first operand, or -1 with *rc the
 * exit status (help shown, or a usage error).
 */
static int
parse_options(struct egf_ctx *ctx, const struct egf_command *cmd, int argc, char **argv,
    int *first, int *rc)
{
	static const struct option db = { "db", required_argument, NULL, 'd' };
	static const struct option help = { "help", no_argument, NULL, 'h' };
	const struct option *own = cmd->ops->options;
	struct option *all = NULL;
	char *shortopts;
	size_t n = 0, nown = 0;
	int ch;

	while (own != NULL && own[nown].name != NULL)
		nown++;
	if (cmd->flags & CMD_DB_ANY)
		add_options(&all, &n, &db, 1);
	add_options(&all, &n, own, nown);
	add_options(&all, &n, &help, 1);
	ctx->longopts = all;
	shortopts = xasprintf("%s%s%sh", cmd->flags & CMD_DB_ANY ? "d:" : "",
	    cmd->flags & CMD_WARNINGS ? "W:" : "", cmd->ops->shortopts ? cmd->ops->shortopts : "");
	ctx->opts = xcalloc((size_t)argc + 1, sizeof(*ctx->opts));
	opterr = 0;
	optind = 1;
	*rc = EXIT_OK;
	while ((ch = getopt_long(argc, argv, shortopts, all, NULL)) != -1) {
		if (ch == 'd' && (cmd->flags & CMD_DB_ANY))
			ctx->db_path = optarg;
		else if (ch == 'W' && (cmd->flags & CMD_WARNINGS)) {
			if (cli_warning_option(ctx, optarg) != 0)
				*rc = EXIT_USAGE;
		} else if (ch == 'h')
			*rc = cli_help(ctx->command);
		else if (ch == '?' || ch == ':')
			*rc = cli_option_error(ctx, argv, all);
		else {
			ctx->opts[ctx->nopts].val = ch;
			ctx->opts[ctx->nopts++].arg = optarg;
		}
		if (ch == 'h' || *rc != EXIT_OK)
			break;
	}
	free(shortopts);
	*first = optind;
	return ch == -1 ? 0 : -1;
}

/*
 * Runs one command: its options, its parse, its preconditions (the
 * database), its run. The exit status is the worst of what it returned
 * and what it reported (diag_exit_status).
 */
static int
run_command(struct egf_ctx *ctx, const struct egf_command *cmd, int argc, char **argv)
{
	void *opts = NULL;
	int first, rc;

	if (parse_options(ctx, cmd, argc, argv, &first, &rc) == 0) {
		opts = xcalloc(1, cmd->ops->opts_size ? cmd->ops->opts_size : 1);
		rc = cmd->ops->parse(ctx, argc - first, argv + first, opts);
		if (rc == EXIT_OK)
			rc = cli_open_store(ctx);
		if (rc == EXIT_OK)
			rc = cmd->ops->run(ctx, opts);
		if (cmd->ops->clear != NULL)
			cmd->ops->clear(opts);
	}
	store_close(ctx->store);
	free(opts);
	free(ctx->opts);
	free((struct option *)ctx->longopts);
	return diag_exit_status(&ctx->diags, rc);
}

int
main(int argc, char **argv)
{
	const struct egf_command *cmd;
	struct egf_ctx ctx;
	int rc;

	if (argc < 2) {
		print_help(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		print_help(stdout);
		return check_stdout(EXIT_OK);
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("egf %s\n", EGF_VERSION);
		return check_stdout(EXIT_OK);
	}
	if (strcmp(argv[1], "help") == 0) {
		if (argc < 3) {
			print_help(stdout);
			return check_stdout(EXIT_OK);
		}
		if (find_command(argv[2]) == NULL)
			return unknown_command(argv[2]);
		return check_stdout(cli_help(argv[2]));
	}
	if ((cmd = find_command(argv[1])) == NULL)
		return unknown_command(argv[1]);
	if (cmd->ops->program != NULL)
		return cli_exec(cmd->ops->program, argv);
	/* A command's heap on huge pages: a fifth of a single packet's time was page faults. */
	if (!(cmd->flags & CMD_LONG_RUNNING))
		heap_prepare((size_t)32 << 20);
	memset(&ctx, 0, sizeof(ctx));
	ctx.command = cmd->name;
	ctx.flags = cmd->flags;
	ctx.color = isatty(STDERR_FILENO) && getenv("NO_COLOR") == NULL;
	rc = run_command(&ctx, cmd, argc - 1, argv + 1);
	diag_list_free(&ctx.diags);
	return check_stdout(rc);
}
