/*
 * cmd_import.c: egf import FORMAT SOURCE... -o DIR — an existing ladder of
 * another project into a ladder directory: csv (as import-csv), ft, monzo.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "ladder_import.h"

/* One format: how many sources it takes and its reader. */
static const struct {
	const char *name;
	int many;		/* several sources */
	const char *what;	/* for usage errors */
} formats[] = {
	{ "csv", 0, "one CSV file" },
	{ "ft", 0, "one job-family YAML file" },
	{ "monzo", 1, "one or more framework files" },
};

static enum ladder_status
read_source(int format, char **paths, size_t n, struct diag_list *dl, struct ladder_csv **lc)
{
	if (format == 1)
		return ladder_ft_read(paths[0], dl, lc);
	return ladder_monzo_read(paths, n, dl, lc);
}

int
cmd_import(struct egf_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "force", no_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *output = NULL;
	struct ladder_csv *lc = NULL;
	enum ladder_status st;
	int ch, force = 0, state, format;
	size_t i;

	if (argc >= 2 && strcmp(argv[1], "--help") != 0 && strcmp(argv[1], "-h") != 0) {
		for (format = 0; format < (int)(sizeof(formats) / sizeof(formats[0])); format++)
			if (strcmp(argv[1], formats[format].name) == 0)
				break;
		if (format == (int)(sizeof(formats) / sizeof(formats[0])))
			return cli_usage_error(ctx, "unknown format '%s' (csv, ft or monzo)", argv[1]);
	} else if (argc >= 2)
		return cli_help(ctx->command);
	else
		return cli_usage_error(ctx, "expected a format: csv, ft or monzo");
	if (format == 0)
		return cmd_import_csv(ctx, argc - 1, argv + 1);
	argc--;
	argv++;
	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, "o:W:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'o':
			output = optarg;
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
	if (argc - optind < 1 || (!formats[format].many && argc - optind != 1))
		return cli_usage_error(ctx, "%s expects %s", formats[format].name,
		    formats[format].what);
	if (output == NULL)
		return cli_usage_error(ctx, "-o DIR is required");
	if ((state = ladder_csv_dir_state(output)) < 0) {
		fprintf(stderr, "egf %s: %s: %s\n", ctx->command, output, strerror(errno));
		return EXIT_USAGE;
	}
	if (state > 0 && !force) {
		fprintf(stderr, "egf %s: %s exists and is not empty; use --force to replace it\n",
		    ctx->command, output);
		return EXIT_USAGE;
	}
	for (i = (size_t)optind; state > 0 && i < (size_t)argc; i++)
		if (cli_path_inside(argv[i], output)) {
			fprintf(stderr, "egf %s: %s is inside %s, which --force would remove\n",
			    ctx->command, argv[i], output);
			return EXIT_USAGE;
		}
	st = read_source(format, argv + optind, (size_t)(argc - optind), &ctx->diags, &lc);
	if (st == LADDER_OK)
		st = ladder_csv_write(lc, output, force, &ctx->diags);
	ladder_csv_free(lc);
	cli_flush_diags(ctx);
	return st == LADDER_OK ? EXIT_OK : st == LADDER_IO ? EXIT_USAGE : EXIT_INVALID;
}
