/* cmd_people.c: egf people import FILE.csv */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "people.h"

struct people_opts {
	const char *path;
};

static int
people_parse(struct egf_ctx *ctx, int argc, char **argv, void *arg)
{
	if (argc < 1 || strcmp(argv[0], "import") != 0)
		return cli_usage_error(ctx, "expected 'import FILE.csv'");
	if (argc != 2)
		return cli_usage_error(ctx, "expected one CSV file");
	((struct people_opts *)arg)->path = argv[1];
	return EXIT_OK;
}

static int
people_run(struct egf_ctx *ctx, void *arg)
{
	const char *path = ((const struct people_opts *)arg)->path;
	struct people_import r;
	int rc;

	rc = people_import(ctx->store, path, &ctx->diags, &r);
	if (rc == PEOPLE_UNPUBLISHED)
		cli_report(ctx, DIAG_UNPUBLISHED, "no ladder is published yet; run "
		    "'egf publish LADDER' first");
	else if (rc == PEOPLE_OK)
		printf("imported %zu people from %s (%zu new, %zu updated)\n", r.total, path,
		    r.added, r.total - r.added);
	cli_flush_diags(ctx);
	return rc == PEOPLE_OK ? EXIT_OK : rc == PEOPLE_INVALID ? EXIT_INVALID : EXIT_USAGE;
}

const struct cmd_ops cmd_people = { NULL, "", sizeof(struct people_opts), people_parse,
	people_run, NULL, NULL };
