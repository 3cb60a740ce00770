/* cmd_lint.c: egf lint LADDER... — the pipeline without a backend. */
#include <getopt.h>

#include "commands.h"
#include "ladder.h"

int
cmd_lint(struct egf_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int ch, i, rc = EXIT_OK;

	opterr = 0;
	while ((ch = getopt_long(argc, argv, "W:h", longopts, NULL)) != -1) {
		switch (ch) {
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
	if (optind >= argc)
		return cli_usage_error(ctx, "expected at least one ladder directory or model file");
	for (i = optind; i < argc; i++) {
		struct model *m = NULL;
		enum ladder_status st = ladder_load(argv[i], &ctx->diags, &m);

		if (st == LADDER_IO)
			rc = EXIT_USAGE;
		else if (st == LADDER_INVALID && rc == EXIT_OK)
			rc = EXIT_INVALID;
		model_free(m);
	}
	if (cli_flush_diags(ctx) > 0 && rc == EXIT_OK)
		rc = EXIT_INVALID;
	return rc;
}
