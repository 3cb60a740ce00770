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
level_arg(struct egf_ctx *ctx, const struct model *m, const char *id)
{
	const struct model_level *l = model_level(m, id);

	if (l == NULL)
		cli_report(ctx, DIAG_BAD_ARGUMENT, "no level '%s' in ladder %s %s", id, m->id,
		    m->version);
	return l;
}

struct diff_opts {
	const char *output;
	int format, levels;
	char **args;		/* the ladders (and levels), borrowed from argv */
};

static const struct option diff_options[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "format", required_argument, NULL, 'f' },
	{ "levels", no_argument, NULL, 'L' },
	{ NULL, 0, NULL, 0 },
};

static int
diff_parse(struct egf_ctx *ctx, int argc, char **argv, void *arg)
{
	struct diff_opts *o = arg;
	const char *format = NULL, *v;
	int ch;

	while ((ch = cli_next_option(ctx, &v)) != -1) {
		if (ch == 'o')
			o->output = v;
		else if (ch == 'f')
			format = v;
		else if (ch == 'L')
			o->levels = 1;
	}
	if (o->levels && argc != 3)
		return cli_usage_error(ctx, "--levels expects a ladder and two level ids");
	if (!o->levels && argc != 2)
		return cli_usage_error(ctx, "expected two ladders (directories or model files)");
	if ((o->format = cli_format(ctx, format, o->output, diff_format_names, DIFF_TEXT)) < 0)
		return EXIT_USAGE;
	o->args = argv;
	return EXIT_OK;
}

static int
diff_run(struct egf_ctx *ctx, void *arg)
{
	const struct diff_opts *o = arg;
	struct model *models[2] = { NULL, NULL };
	struct diff_view *view = NULL;
	struct buf out = {0};
	int rc;

	if ((rc = load_all(ctx, o->args, o->levels ? 1 : 2, models)) != EXIT_OK)
		goto out;
	if (o->levels) {
		const struct model_level *from, *to;

		if ((from = level_arg(ctx, models[0], o->args[1])) == NULL ||
		    (to = level_arg(ctx, models[0], o->args[2])) == NULL) {
			rc = EXIT_USAGE;
			goto out;
		}
		view = diff_view_levels(models[0], from, to);
	} else
		view = diff_view_models(models[0], models[1]);
	diff_view_render(view, (enum diff_format)o->format, &out);
	rc = cli_write_output(o->output, &out);
	if (rc == EXIT_OK && !o->levels && diff_view_changes(view) > 0)
		rc = EXIT_DIFFER;
out:
	diff_view_free(view);
	buf_free(&out);
	model_free(models[0]);
	model_free(models[1]);
	return rc;
}

const struct cmd_ops cmd_diff = { diff_options, "o:f:", sizeof(struct diff_opts), diff_parse,
	diff_run, NULL, NULL };
