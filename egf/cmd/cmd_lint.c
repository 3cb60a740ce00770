/* cmd_lint.c: egf lint LADDER... — the pipeline without a backend. */
#include "commands.h"
#include "ladder.h"

struct lint_opts {
	int nfiles;
	char **files;		/* borrowed from argv */
};

static int
lint_parse(struct egf_ctx *ctx, int argc, char **argv, void *arg)
{
	struct lint_opts *o = arg;

	if (argc < 1)
		return cli_usage_error(ctx, "expected at least one ladder directory or model file");
	o->nfiles = argc;
	o->files = argv;
	return EXIT_OK;
}

static int
lint_run(struct egf_ctx *ctx, void *arg)
{
	const struct lint_opts *o = arg;
	int i, rc = EXIT_OK;

	for (i = 0; i < o->nfiles; i++) {
		struct model *m = NULL;
		enum ladder_status st = ladder_load(o->files[i], &ctx->diags, &m);

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

const struct cmd_ops cmd_lint = { NULL, "", sizeof(struct lint_opts), lint_parse, lint_run,
	NULL, NULL };
