/* cmd_calibrate.c: egf calibrate --cycle C [slice] [--format F] [-o FILE] */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calib_load.h"
#include "calib_report.h"
#include "calib_view.h"
#include "commands.h"
#include "cycle.h"
#include "outcomes.h"
#include "store.h"
#include "strmap.h"
#include "util.h"

int
cmd_calibrate(struct egf_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "cycle", required_argument, NULL, 'c' },
		{ "team", required_argument, NULL, 'T' },
		{ "manager", required_argument, NULL, 'M' },
		{ "level", required_argument, NULL, 'L' },
		{ "target", required_argument, NULL, 'G' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *cycle = NULL, *format = NULL, *output = NULL;
	struct calib_slice slice = { NULL, NULL, NULL, NULL };
	struct calib_strings keep;
	struct calib_report report;
	struct store *st;
	struct cycle c;
	struct buf out = {0};
	int ch, fmt, rc = EXIT_USAGE;

	opterr = 0;
	while ((ch = getopt_long(argc, argv, "c:f:o:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'd': ctx->db_path = optarg; break;
		case 'c': cycle = optarg; break;
		case 'T': slice.team = optarg; break;
		case 'M': slice.manager = optarg; break;
		case 'L': slice.level = optarg; break;
		case 'G': slice.target = optarg; break;
		case 'f': format = optarg; break;
		case 'o': output = optarg; break;
		case 'h': return cli_help(ctx->command);
		default: return cli_option_error(ctx, argv, longopts);
		}
	}
	if (cycle == NULL || optind != argc)
		return cli_usage_error(ctx, "expected --cycle C");
	if ((fmt = cli_format(ctx, format, output, calib_format_names, CALIB_TEXT)) < 0)
		return EXIT_USAGE;
	if ((st = cli_store(ctx, 0)) == NULL)
		return EXIT_USAGE;
	memset(&report, 0, sizeof(report));
	memset(&keep, 0, sizeof(keep));
	if (cycle_load(&c, st, &ctx->diags, cycle, NULL, CYCLE_FLAGS) != 0 ||
	    calib_load(&report, &keep, st, &c, &slice) != 0)
		goto out;
	if (report.npeople == 0) {
		fprintf(stderr, "egf calibrate: nobody assessed in cycle '%s' in this slice\n", cycle);
		rc = EXIT_INVALID;
		goto out;
	}
	if (report.few && fmt != CALIB_TEXT)
		fprintf(stderr, "egf calibrate: warning: only %zu %s in this slice; "
		    "the statistics mislead\n", report.npeople,
		    report.npeople == 1 ? "person" : "people");
	calib_view(&out, &report, (enum calib_format)fmt);
	rc = cli_write_output_mode(output, &out, 0600);	/* everyone's data */
out:
	buf_free(&out);
	calib_report_free(&report);
	calib_strings_free(&keep);
	cycle_clear(&c);
	store_close(st);
	return rc;
}
