/*
 * main.c: egf's command table and dispatcher.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"

#ifndef EGF_VERSION
#define EGF_VERSION "unknown"
#endif

/* Sorted by name. */
const struct egf_command egf_commands[] = {
	{ "assess", cmd_assess, "new, import and show assessment forms", CMD_ASSESS_USAGE },
	{ "backup", cmd_backup, "a consistent copy of a live database", CMD_BACKUP_USAGE },
	{ "calibrate", cmd_calibrate, "the calibration report of a cycle",
	    CMD_CALIBRATE_USAGE },
	{ "compile", cmd_compile, "validate a ladder and write its model (XML or JSON)",
	    CMD_COMPILE_USAGE },
	{ "cycle", cmd_cycle, "review cycles with phases: open, phase, show, reopen",
	    CMD_CYCLE_USAGE },
	{ "decide", cmd_decide, "record a promotion decision; print the audit log",
	    CMD_DECIDE_USAGE },
	{ "diff", cmd_diff, "what changed between two ladder versions, or two levels",
	    CMD_DIFF_USAGE },
	{ "import", cmd_import, "an existing ladder (csv, ft, monzo) into a ladder directory",
	  CMD_IMPORT_USAGE },
	{ "import-csv", cmd_import_csv, "turn a spreadsheet ladder (CSV) into a ladder directory",
	    CMD_IMPORT_CSV_USAGE },
	{ "lint", cmd_lint, "check ladders and print diagnostics only", CMD_LINT_USAGE },
	{ "outcomes", cmd_outcomes, "import and show team outcomes per cycle",
	    CMD_OUTCOMES_USAGE },
	{ "packet", cmd_packet, "promotion packets and the ladder booklet as PDF",
	    CMD_PACKET_USAGE },
	{ "people", cmd_people, "import the people list from CSV", CMD_PEOPLE_USAGE },
	{ "person", cmd_person, "a person's data: export it, or erase it for good",
	    CMD_PERSON_USAGE },
	{ "publish", cmd_publish, "store a ladder version in the database", CMD_PUBLISH_USAGE },
	{ "readiness", cmd_readiness, "readiness for the target level, per person",
	    CMD_READINESS_USAGE },
	{ "retention", cmd_retention, "remove old cycles' evidence and private notes",
	    CMD_RETENTION_USAGE },
	{ "serve", cmd_serve, "the web application and JSON API, with accounts and roles",
	    CMD_SERVE_USAGE },
	{ "site", cmd_site, "a static HTML site of the ladder, with self-assessment",
	    CMD_SITE_USAGE },
	{ "user", cmd_user, "accounts for egf serve: add, token, disable, list", CMD_USER_USAGE },
	{ NULL, NULL, NULL, NULL },
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
		fprintf(stderr, "egf: '%s' is not a command; did you mean '%s'?\n", name, hint);
	else
		fprintf(stderr, "egf: '%s' is not a command. See 'egf --help'.\n", name);
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
	fprintf(stderr, "egf: standard output: %s\n", errno ? strerror(errno) : "write error");
	return rc == EXIT_OK || rc == EXIT_DIFFER ? EXIT_USAGE : rc;
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
	memset(&ctx, 0, sizeof(ctx));
	ctx.command = cmd->name;
	ctx.color = isatty(STDERR_FILENO) && getenv("NO_COLOR") == NULL;
	rc = cmd->run(&ctx, argc - 1, argv + 1);
	diag_list_free(&ctx.diags);
	return check_stdout(rc);
}
