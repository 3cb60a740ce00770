/*
 * cmd_import.c: egf import FORMAT SOURCE... -o DIR — an existing ladder of
 * another project into a ladder directory: csv (as import-csv), ft, monzo.
 */
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

struct import_opts {
	int format;		/* index in formats */
	struct import_csv_opts csv;	/* csv: import-csv's */
	const char *output;
	int force;
	size_t nsources;
	const char **sources;	/* borrowed from argv */
};

static int
import_parse(struct egf_ctx *ctx, int argc, char **argv, void *arg)
{
	struct import_opts *o = arg;
	const char *v;
	int ch;

	if (argc < 1)
		return cli_usage_error(ctx, "expected a format: csv, ft or monzo");
	for (o->format = 0; o->format < (int)(sizeof(formats) / sizeof(formats[0])); o->format++)
		if (strcmp(argv[0], formats[o->format].name) == 0)
			break;
	if (o->format == (int)(sizeof(formats) / sizeof(formats[0])))
		return cli_usage_error(ctx, "unknown format '%s' (csv, ft or monzo)", argv[0]);
	if (o->format == 0)
		return import_csv_parse(ctx, argc - 1, argv + 1, &o->csv);
	if (cli_only_options(ctx, "output force", formats[o->format].name) != 0)
		return EXIT_USAGE;
	while ((ch = cli_next_option(ctx, &v)) != -1) {
		if (ch == 'o')
			o->output = v;
		else if (ch == 'F')
			o->force = 1;
	}
	o->sources = (const char **)(argv + 1);
	o->nsources = (size_t)(argc - 1);
	if (argc < 2 || (!formats[o->format].many && argc != 2))
		return cli_usage_error(ctx, "%s expects %s", formats[o->format].name,
		    formats[o->format].what);
	if (o->output == NULL)
		return cli_usage_error(ctx, "-o DIR is required");
	return import_output_check(ctx, o->output, o->force, o->sources, o->nsources);
}

static int
import_run(struct egf_ctx *ctx, void *arg)
{
	struct import_opts *o = arg;
	struct ladder_csv *lc = NULL;
	enum ladder_status st;

	if (o->format == 0)
		return import_csv_run(ctx, &o->csv);
	st = read_source(o->format, (char **)o->sources, o->nsources, &ctx->diags, &lc);
	if (st == LADDER_OK)
		st = ladder_csv_write(lc, o->output, o->force, &ctx->diags);
	ladder_csv_free(lc);
	cli_flush_diags(ctx);
	return st == LADDER_OK ? EXIT_OK : st == LADDER_IO ? EXIT_USAGE : EXIT_INVALID;
}

/* import-csv's options: those of import csv, and ft and monzo take two of them. */
const struct cmd_ops cmd_import = { import_csv_options, "o:", sizeof(struct import_opts),
	import_parse, import_run, NULL, NULL };
