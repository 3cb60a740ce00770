/* cmd_import_csv.c: egf import-csv FILE.csv -o DIR — a spreadsheet ladder into a directory. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "ladder_csv.h"

int
import_output_check(struct egf_ctx *ctx, const char *output, int force,
    const char *const *sources, size_t n)
{
	size_t i;
	int state;

	if ((state = ladder_csv_dir_state(output)) < 0) {
		cli_report(ctx, DIAG_SYSTEM, "%s: %s", output, strerror(errno));
		return EXIT_USAGE;
	}
	if (state > 0 && !force) {
		cli_report(ctx, DIAG_REFUSED, "%s exists and is not empty; use --force to replace it",
		    output);
		return EXIT_USAGE;
	}
	for (i = 0; state > 0 && i < n; i++)
		if (sources[i] != NULL && cli_path_inside(sources[i], output)) {
			cli_report(ctx, DIAG_REFUSED, "%s is inside %s, which --force would remove",
			    sources[i], output);
			return EXIT_USAGE;
		}
	return EXIT_OK;
}

int
import_csv_parse(struct egf_ctx *ctx, int argc, char **argv, void *arg)
{
	struct import_csv_opts *o = arg;
	const char *v;
	int ch;

	while ((ch = cli_next_option(ctx, &v)) != -1) {
		switch (ch) {
		case 'o': o->output = v; break;
		case 'M': o->meta = v; break;
		case 'F': o->force = 1; break;
		}
	}
	if (argc != 1)
		return cli_usage_error(ctx, "expected one CSV file");
	if (o->output == NULL)
		return cli_usage_error(ctx, "-o DIR is required");
	o->file = argv[0];
	return EXIT_OK;
}

int
import_csv_run(struct egf_ctx *ctx, void *arg)
{
	const struct import_csv_opts *o = arg;
	const char *sources[2] = { o->file, o->meta };
	struct ladder_csv *lc = NULL;
	enum ladder_status st;

	/* Refuse early; ladder_csv_write checks again when it renames. */
	if (cli_output_dir(ctx, o->output) != EXIT_OK ||
	    import_output_check(ctx, o->output, o->force, sources, 2) != EXIT_OK)
		return EXIT_USAGE;
	st = ladder_csv_read(o->file, o->meta, &ctx->diags, &lc);
	if (st == LADDER_OK)
		st = ladder_csv_write(lc, o->output, o->force, &ctx->diags);
	ladder_csv_free(lc);
	cli_flush_diags(ctx);
	return st == LADDER_OK ? EXIT_OK : st == LADDER_IO ? EXIT_USAGE : EXIT_INVALID;
}

const struct option import_csv_options[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "ladder-meta", required_argument, NULL, 'M' },
	{ "force", no_argument, NULL, 'F' },
	{ NULL, 0, NULL, 0 },
};

const struct cmd_ops cmd_import_csv = { import_csv_options, "o:",
	sizeof(struct import_csv_opts), import_csv_parse, import_csv_run, NULL, NULL };
