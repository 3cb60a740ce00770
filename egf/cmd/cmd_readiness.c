/* cmd_readiness.c: egf readiness --cycle C [--person ID] */
#include <getopt.h>
#include <stdio.h>

#include "assess_view.h"
#include "commands.h"
#include "cycle.h"
#include "store.h"

struct readiness_opts {
	const char *cycle, *person, *output;
	int format;
};

static const struct option readiness_options[] = {
	{ "cycle", required_argument, NULL, 'c' },
	{ "person", required_argument, NULL, 'p' },
	{ "format", required_argument, NULL, 'f' },
	{ "output", required_argument, NULL, 'o' },
	{ NULL, 0, NULL, 0 },
};

static int
readiness_parse(struct egf_ctx *ctx, int argc, char **argv, void *arg)
{
	struct readiness_opts *o = arg;
	const char *format = NULL, *v;
	int ch;

	(void)argv;
	while ((ch = cli_next_option(ctx, &v)) != -1) {
		switch (ch) {
		case 'c': o->cycle = v; break;
		case 'p': o->person = v; break;
		case 'f': format = v; break;
		case 'o': o->output = v; break;
		}
	}
	if (o->cycle == NULL || argc != 0)
		return cli_usage_error(ctx, "expected --cycle C [--person ID]");
	if ((o->format = cli_format(ctx, format, o->output, view_format_names, VIEW_TEXT)) < 0)
		return EXIT_USAGE;
	return EXIT_OK;
}

static int
readiness_run(struct egf_ctx *ctx, void *arg)
{
	const struct readiness_opts *o = arg;
	struct cycle c;
	struct buf out = {0};
	int rc = EXIT_USAGE;

	if (cycle_load(&c, ctx->store, &ctx->diags, o->cycle, o->person, 0) != 0)
		goto out;
	if (c.n == 0) {
		cli_report(ctx, DIAG_NOT_FOUND, "no assessments in cycle '%s'%s%s", o->cycle,
		    o->person ? " for " : "", o->person ? o->person : "");
		rc = EXIT_INVALID;
		goto out;
	}
	assess_view_readiness(&out, &c, (enum view_format)o->format, o->person != NULL);
	rc = cli_write_output_mode(o->output, &out, 0600);	/* everyone's data */
out:
	buf_free(&out);
	cycle_clear(&c);
	return rc;
}

const struct cmd_ops cmd_readiness = { readiness_options, "c:p:f:o:",
	sizeof(struct readiness_opts), readiness_parse, readiness_run, NULL, NULL };
