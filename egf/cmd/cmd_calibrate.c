/* cmd_calibrate.c: egf calibrate --cycle C [slice] [--format F] [-o FILE] */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "calib_load.h"
#include "calib_report.h"
#include "calib_view.h"
#include "commands.h"
#include "cycle.h"
#include "store.h"
#include "util.h"

struct calibrate_opts {
	const char *cycle, *output;
	struct calib_slice slice;
	int format;
};

static const struct option calibrate_options[] = {
	{ "cycle", required_argument, NULL, 'c' },
	{ "team", required_argument, NULL, 'T' },
	{ "manager", required_argument, NULL, 'M' },
	{ "level", required_argument, NULL, 'L' },
	{ "target", required_argument, NULL, 't' },
	{ "format", required_argument, NULL, 'f' },
	{ "output", required_argument, NULL, 'o' },
	{ NULL, 0, NULL, 0 },
};

static int
calibrate_parse(struct egf_ctx *ctx, int argc, char **argv, void *arg)
{
	struct calibrate_opts *o = arg;
	const char *format = NULL, *v;
	int ch;

	(void)argv;
	while ((ch = cli_next_option(ctx, &v)) != -1) {
		switch (ch) {
		case 'c': o->cycle = v; break;
		case 'T': o->slice.team = v; break;
		case 'M': o->slice.manager = v; break;
		case 'L': o->slice.level = v; break;
		case 't': o->slice.target = v; break;
		case 'f': format = v; break;
		case 'o': o->output = v; break;
		}
	}
	if (o->cycle == NULL || argc != 0)
		return cli_usage_error(ctx, "expected --cycle C");
	if ((o->format = cli_format(ctx, format, o->output, calib_format_names, CALIB_TEXT)) < 0)
		return EXIT_USAGE;
	return EXIT_OK;
}

static int
calibrate_run(struct egf_ctx *ctx, void *arg)
{
	const struct calibrate_opts *o = arg;
	struct calib_strings keep;
	struct calib_report report;
	struct cycle c;
	struct buf out = {0};
	int rc = EXIT_USAGE;

	memset(&report, 0, sizeof(report));
	memset(&keep, 0, sizeof(keep));
	if (cycle_load(&c, ctx->store, &ctx->diags, o->cycle, NULL, CYCLE_FLAGS) != 0 ||
	    calib_load(&report, &keep, ctx->store, &c, &o->slice) != 0)
		goto out;
	if (report.npeople == 0) {
		cli_report(ctx, DIAG_NOT_FOUND, "nobody assessed in cycle '%s' in this slice",
		    o->cycle);
		rc = EXIT_INVALID;
		goto out;
	}
	if (report.few && o->format != CALIB_TEXT)
		cli_report(ctx, DIAG_RUN_WARNING, "only %zu %s in this slice; the statistics "
		    "mislead", report.npeople, report.npeople == 1 ? "person" : "people");
	calib_view(&out, &report, (enum calib_format)o->format);
	rc = cli_write_output_mode(o->output, &out, 0600);	/* everyone's data */
out:
	buf_free(&out);
	calib_report_free(&report);
	calib_strings_free(&keep);
	cycle_clear(&c);
	return rc;
}

const struct cmd_ops cmd_calibrate = { calibrate_options, "c:f:o:",
	sizeof(struct calibrate_opts), calibrate_parse, calibrate_run, NULL, NULL };
