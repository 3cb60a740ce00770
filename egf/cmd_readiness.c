/* cmd_readiness.c: egf readiness --cycle C [--person ID] */
#include <getopt.h>
#include <stdio.h>

#include "assess_view.h"
#include "commands.h"
#include "cycle.h"
#include "store.h"

int
cmd_readiness(struct egf_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "cycle", required_argument, NULL, 'c' },
		{ "person", required_argument, NULL, 'p' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *cycle = NULL, *person = NULL, *format = NULL, *output = NULL;
	struct store *st;
	struct cycle c;
	struct buf out = {0};
	int ch, fmt, rc = EXIT_USAGE;

	opterr = 0;
	while ((ch = getopt_long(argc, argv, "d:c:p:f:o:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'd': ctx->db_path = optarg; break;
		case 'c': cycle = optarg; break;
		case 'p': person = optarg; break;
		case 'f': format = optarg; break;
		case 'o': output = optarg; break;
		case 'h': return cli_help(ctx->command);
		default: return cli_option_error(ctx, argv, longopts);
		}
	}
	if (cycle == NULL || optind != argc)
		return cli_usage_error(ctx, "expected --cycle C [--person ID]");
	if ((fmt = cli_format(ctx, format, output, view_format_names, VIEW_TEXT)) < 0)
		return EXIT_USAGE;
	if ((st = cli_store(ctx, 0)) == NULL)
		return EXIT_USAGE;
	if (cycle_load(&c, st, &ctx->diags, cycle, person, 0) != 0)
		goto out;
	if (c.n == 0) {
		fprintf(stderr, "egf readiness: no assessments in cycle '%s'%s%s\n", cycle,
		    person ? " for " : "", person ? person : "");
		rc = EXIT_INVALID;
		goto out;
	}
	assess_view_readiness(&out, &c, (enum view_format)fmt, person != NULL);
	rc = cli_write_output_mode(output, &out, 0600);	/* everyone's data */
out:
	buf_free(&out);
	cycle_clear(&c);
	store_close(st);
	return rc;
}
