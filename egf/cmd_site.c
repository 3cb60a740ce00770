/* cmd_site.c: egf site LADDER -o OUTDIR */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "commands.h"
#include "ladder.h"
#include "site.h"

int
cmd_site(struct egf_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "template-dir", required_argument, NULL, 'T' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *output = NULL, *template_dir = NULL;
	struct site_templates t = {0};
	struct site s = {0};
	struct model *m = NULL;
	char *dir = NULL;
	int ch, rc = EXIT_USAGE;

	opterr = 0;
	while ((ch = getopt_long(argc, argv, "o:W:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'o':
			output = optarg;
			break;
		case 'T':
			template_dir = optarg;
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
		return cli_usage_error(ctx, "expected one ladder directory or model file");
	if (output == NULL)
		return cli_usage_error(ctx, "-o OUTDIR is required");
	if (cli_output_dir(ctx, output) != EXIT_OK || site_dir_check(output) != 0)
		return EXIT_USAGE;

	if ((rc = cli_load_ladder(ctx, argv[optind], &m)) != EXIT_OK)
		goto out;
	rc = EXIT_USAGE;
	dir = template_dir != NULL ? NULL : site_template_dir();
	if (site_templates_load(template_dir != NULL ? template_dir : dir, &ctx->diags, &t) != 0)
		goto out;
	if (cli_flush_diags(ctx) > 0) {
		rc = EXIT_INVALID;
		goto out;
	}
	if (site_render(m, &t, &s) != 0)
		fprintf(stderr, "egf site: could not serialise the model for the "
		    "self-assessment page\n");
	else if (site_dir_write(output, &s) == 0)
		rc = EXIT_OK;
out:
	site_clear(&s);
	site_templates_clear(&t);
	model_free(m);
	free(dir);
	return rc;
}
