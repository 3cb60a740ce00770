/* cmd_outcomes.c: egf outcomes import FILE.csv | show --cycle C [--team T] */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "outcomes.h"
#include "store.h"

enum { SUB_IMPORT, SUB_SHOW };

struct outcomes_opts {
	int sub;
	const char *cycle, *team, *format, *output;
	const char *file;	/* import: borrowed from argv */
	int nargs;
};

static int
outcomes_import_cmd(struct egf_ctx *ctx, const struct outcomes_opts *o)
{
	int rc = outcomes_import(ctx->store, o->file, &ctx->diags);

	cli_flush_diags(ctx);
	return rc == 0 ? EXIT_OK : rc > 0 ? EXIT_INVALID : EXIT_USAGE;
}

static const char *const show_formats[] = { "text", "json", NULL };

static int
outcomes_show_cmd(struct egf_ctx *ctx, const struct outcomes_opts *o)
{
	struct buf out = {0};
	int fmt = cli_format(ctx, o->format, o->output, show_formats, 0), rc = EXIT_USAGE;
	int found = outcomes_show(ctx->store, o->cycle, o->team,
	    fmt == 1 ? OUTCOMES_JSON : OUTCOMES_TEXT, &out);

	if (found == 0) {
		cli_report(ctx, DIAG_NOT_FOUND, "no outcomes of %s%s in cycle '%s'",
		    o->team ? "team " : "any team", o->team ? o->team : "", o->cycle);
		rc = EXIT_INVALID;
	} else if (found > 0)
		rc = cli_write_output(o->output, &out);
	buf_free(&out);
	return rc;
}

/* The subcommands, sorted by name. */
static const struct cli_sub outcomes_subs[] = {
	[SUB_IMPORT] = { "import", CMD_DB_WRITE, NULL },
	[SUB_SHOW] = { "show", CMD_DB_READ, NULL },
	{ NULL, 0, NULL },
};

static const struct option outcomes_options[] = {
	{ "cycle", required_argument, NULL, 'c' },
	{ "team", required_argument, NULL, 'T' },
	{ "format", required_argument, NULL, 'f' },
	{ "output", required_argument, NULL, 'o' },
	{ NULL, 0, NULL, 0 },
};

static int
outcomes_parse(struct egf_ctx *ctx, int argc, char **argv, void *arg)
{
	struct outcomes_opts *o = arg;
	const char *v;
	int ch;

	while ((ch = cli_next_option(ctx, &v)) != -1) {
		switch (ch) {
		case 'c': o->cycle = v; break;
		case 'T': o->team = v; break;
		case 'f': o->format = v; break;
		case 'o': o->output = v; break;
		}
	}
	if ((o->sub = cli_subcommand(ctx, outcomes_subs, "import or show", argc, argv)) < 0)
		return EXIT_USAGE;
	if (o->sub == SUB_IMPORT) {
		if (argc != 2)
			return cli_usage_error(ctx, "expected one CSV file");
		o->file = argv[1];
		return EXIT_OK;
	}
	if (argc != 1 || o->cycle == NULL)
		return cli_usage_error(ctx, "outcomes show takes --cycle C [--team T]");
	if (cli_format(ctx, o->format, o->output, show_formats, 0) < 0)
		return EXIT_USAGE;
	return EXIT_OK;
}

static int
outcomes_run(struct egf_ctx *ctx, void *arg)
{
	const struct outcomes_opts *o = arg;

	return o->sub == SUB_IMPORT ? outcomes_import_cmd(ctx, o) : outcomes_show_cmd(ctx, o);
}

const struct cmd_ops cmd_outcomes = { outcomes_options, "f:o:", sizeof(struct outcomes_opts),
	outcomes_parse, outcomes_run, NULL, NULL };
