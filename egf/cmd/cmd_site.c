/* cmd_site.c: egf site LADDER -o OUTDIR */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "commands.h"
#include "ladder.h"
#include "site.h"

struct site_opts {
	const char *output, *template_dir, *ladder;
};

static const struct option site_options[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "template-dir", required_argument, NULL, 'T' },
	{ NULL, 0, NULL, 0 },
};

static int
site_parse(struct egf_ctx *ctx, int argc, char **argv, void *arg)
{
	struct site_opts *o = arg;
	const char *v;
	int ch;

	while ((ch = cli_next_option(ctx, &v)) != -1) {
		if (ch == 'o')
			o->output = v;
		else if (ch == 'T')
			o->template_dir = v;
	}
	if (argc != 1)
		return cli_usage_error(ctx, "expected one ladder directory or model file");
	if (o->output == NULL)
		return cli_usage_error(ctx, "-o OUTDIR is required");
	if (cli_output_dir(ctx, o->output) != EXIT_OK || site_dir_check(o->output) != 0)
		return EXIT_USAGE;
	o->ladder = argv[0];
	return EXIT_OK;
}

static int
site_run(struct egf_ctx *ctx, void *arg)
{
	const struct site_opts *o = arg;
	struct site_templates t = {0};
	struct site s = {0};
	struct model *m = NULL;
	char *dir = NULL;
	int rc;

	if ((rc = cli_load_ladder(ctx, o->ladder, &m)) != EXIT_OK)
		goto out;
	rc = EXIT_USAGE;
	dir = o->template_dir != NULL ? NULL : site_template_dir();
	if (site_templates_load(o->template_dir != NULL ? o->template_dir : dir, &ctx->diags,
	    &t) != 0)
		goto out;
	if (cli_flush_diags(ctx) > 0) {
		rc = EXIT_INVALID;
		goto out;
	}
	if (site_render(m, &t, &s) != 0)
		cli_report(ctx, DIAG_SYSTEM, "could not serialise the model for the "
		    "self-assessment page");
	else if (site_dir_write(o->output, &s) == 0)
		rc = EXIT_OK;
out:
	site_clear(&s);
	site_templates_clear(&t);
	model_free(m);
	free(dir);
	return rc;
}

const struct cmd_ops cmd_site = { site_options, "o:", sizeof(struct site_opts), site_parse,
	site_run, NULL, NULL };
