/* cmd_import_csv.c: egf import-csv FILE.csv -o DIR — a spreadsheet ladder into a directory. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "ladder_csv.h"

int
cmd_import_csv(struct egf_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "ladder-meta", required_argument, NULL, 'M' },
		{ "force", no_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *output = NULL, *meta = NULL;
	struct ladder_csv *lc = NULL;
	enum ladder_status st;
	int ch, force = 0, state;

	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, "o:W:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'o':
			output = optarg;
			break;
		case 'M':
			meta = optarg;
			break;
		case 'F':
			force = 1;
			break;
		case 'W':
			if (cli_warning_option(ctx, optarg) != 0)
				return EXIT_USAGE;
			break;
		case 'h':
			return cli_help(ctx->command);
		default:
			return cli_option_error(ctx, argv, longopts);
		}
	}
	if (argc - optind != 1)
		return cli_usage_error(ctx, "expected one CSV file");
	if (output == NULL)
		return cli_usage_error(ctx, "-o DIR is required");
	/* Refuse early; ladder_csv_write checks again when it renames. */
	if (cli_output_dir(ctx, output) != EXIT_OK)
		return EXIT_USAGE;
	if ((state = ladder_csv_dir_state(output)) < 0) {
		fprintf(stderr, "egf %s: %s: %s\n", ctx->command, output, strerror(errno));
		return EXIT_USAGE;
	}
	if (state > 0 && !force) {
		fprintf(stderr, "egf %s: %s exists and is not empty; use --force to replace it\n",
		    ctx->command, output);
		return EXIT_USAGE;
	}
	if (state > 0 && (cli_path_inside(argv[optind], output) || (meta && cli_path_inside(meta, output)))) {
		fprintf(stderr, "egf %s: %s is inside %s, which --force would remove\n",
		    ctx->command, cli_path_inside(argv[optind], output) ? argv[optind] : meta, output);
		return EXIT_USAGE;
	}

	st = ladder_csv_read(argv[optind], meta, &ctx->diags, &lc);
	if (st == LADDER_OK)
		st = ladder_csv_write(lc, output, force, &ctx->diags);
	ladder_csv_free(lc);
	cli_flush_diags(ctx);
	return st == LADDER_OK ? EXIT_OK : st == LADDER_IO ? EXIT_USAGE : EXIT_INVALID;
}
