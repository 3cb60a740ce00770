/*
 * cmd_diff.c: egf diff OLD NEW — what changed between two versions of a
 * ladder; egf diff --levels LADDER FROM TO — what changes between two levels.
 */
#include <getopt.h>
#include <stdio.h>

#include "commands.h"
#include "diff_view.h"
#include "ladder.h"

/* Loads every path of paths into models; EXIT_OK, or the exit status after diagnostics. */
static int
load_all(struct egf_ctx *ctx, char **paths, size_t n, struct model **models)
{
	enum ladder_status worst = LADDER_OK;
	size_t i;

	for (i = 0; i < n; i++) {
		enum ladder_status st = ladder_load(paths[i], &ctx->diags, &models[i]);

		if (st > worst)
			worst = st;
	}
	if (cli_flush_diags(ctx) > 0 || worst != LADDER_OK)
		return worst == LADDER_IO ? EXIT_USAGE : EXIT_INVALID;
	return EXIT_OK;
}

static const struct model_level *
level_arg(const struct egf_ctx *ctx, const struct model *m, const char *id)
{
	const struct model_level *l = model_level(m, id);

	if (l == NULL)
		fprintf(stderr, "egf %s: no level '%s' in ladder %s %s\n", ctx->command, id,
		    m->id, m->version);
	return l;
}

int
cmd_diff(struct egf_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "format", required_argument, NULL, 'f' },
		{ "levels", no_argument, NULL, 'L' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *output = NULL, *format = NULL;
	struct model *models[2] = { NULL, NULL };
	struct diff_view *view = NULL;
	struct buf out = {0};
	int ch, fmt, levels = 0, rc;

	opterr = 0;
	while ((ch = getopt_long(argc, argv, "o:f:W:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'o':
			output = optarg;
			break;
		case 'f':
			format = optarg;
			break;
		case 'L':
			levels = 1;
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
	if (levels && argc - optind != 3)
		return cli_usage_error(ctx, "--levels expects a ladder and two level ids");
	if (!levels && argc - optind != 2)
		return cli_usage_error(ctx, "expected two ladders (directories or model files)");
	if ((fmt = cli_format(ctx, format, output, diff_format_names, DIFF_TEXT)) < 0)
		return EXIT_USAGE;

	if ((rc = load_all(ctx, argv + optind, levels ? 1 : 2, models)) != EXIT_OK)
		goto out;
	if (levels) {
		const struct model_level *from, *to;

		if ((from = level_arg(ctx, models[0], argv[optind + 1])) == NULL ||
		    (to = level_arg(ctx, models[0], argv[optind + 2])) == NULL) {
			rc = EXIT_USAGE;
			goto out;
		}
		view = diff_view_levels(models[0], from, to);
	} else
		view = diff_view_models(models[0], models[1]);
	diff_view_render(view, (enum diff_format)fmt, &out);
	rc = cli_write_output(output, &out);
	if (rc == EXIT_OK && !levels && diff_view_changes(view) > 0)
		rc = EXIT_DIFFER;
out:
	diff_view_free(view);
	buf_free(&out);
	model_free(models[0]);
	model_free(models[1]);
	return rc;
}
