/* cmd_outcomes.c: egf outcomes import FILE.csv | show --cycle C [--team T] */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "json_text.h"
#include "outcomes.h"
#include "store.h"
#include "strmap.h"

enum { SUB_IMPORT, SUB_SHOW };

struct outcomes_opts {
	int sub;
	const char *cycle, *team, *format, *output;
	const char *file;	/* import: borrowed from argv */
	int nargs;
};

static int
outcomes_import_cmd(struct egf_ctx *ctx, const struct outcomes_opts *o)
{
	int rc = outcomes_import(ctx->store, o->file, &ctx->diags);

	cli_flush_diags(ctx);
	return rc == 0 ? EXIT_OK : rc > 0 ? EXIT_INVALID : EXIT_USAGE;
}

/* The teams with outcomes in the cycle, in order; the caller frees the list. */
struct team_list {
	char **ids;
	size_t n, cap;
};

static int
add_team(const struct store_outcome *so, void *arg)
{
	struct team_list *l = arg;

	if (l->n == 0 || strcmp(l->ids[l->n - 1], so->team) != 0) {
		xgrow((void **)&l->ids, &l->cap, l->n + 1, sizeof(*l->ids));
		l->ids[l->n++] = xstrdup(so->team);
	}
	return 0;
}

static void
show_text(struct buf *b, const struct team_outcomes *t)
{
	size_t k, i;

	buf_printf(b, "%s, cycle %s\n", t->team, t->cycle);
	for (k = 0; k < OUTCOMES_NKINDS; k++) {
		if (outcomes_count(t, outcomes_kinds[k]) == 0)
			continue;
		buf_printf(b, "  %s\n", outcomes_kind_title(outcomes_kinds[k]));
		for (i = 0; i < t->n; i++)
			if (strcmp(t->items[i].kind, outcomes_kinds[k]) == 0) {
				char *line = outcomes_line(t, &t->items[i]);

				buf_printf(b, "    %s\n", line);
				free(line);
			}
	}
}

static void
show_json(struct jw *w, const struct team_outcomes *t)
{
	jw_object_begin(w);
	jw_key(w, "team");
	jw_string(w, t->team);
	jw_key(w, "cycle");
	jw_string(w, t->cycle);
	outcomes_json_members(w, t);
	jw_object_end(w);
}

static const char *const show_formats[] = { "text", "json", NULL };

static int
outcomes_show_cmd(struct egf_ctx *ctx, const struct outcomes_opts *o)
{
	struct team_list teams = { NULL, 0, 0 };
	struct jw w;
	struct store *st = ctx->store;
	struct buf out = {0};
	size_t i;
	int fmt = cli_format(ctx, o->format, o->output, show_formats, 0), rc = EXIT_USAGE;

	if (store_outcomes_each(st, o->cycle, o->team, add_team, &teams) != 0)
		goto out;
	if (teams.n == 0) {
		cli_report(ctx, DIAG_NOT_FOUND, "no outcomes of %s%s in cycle '%s'",
		    o->team ? "team " : "any team", o->team ? o->team : "", o->cycle);
		rc = EXIT_INVALID;
		goto out;
	}
	if (fmt == 1) {
		jw_init(&w, &out, 6);
		jw_array_begin(&w);
	}
	for (i = 0; i < teams.n; i++) {
		struct team_outcomes t;

		if (outcomes_load(st, teams.ids[i], o->cycle, &t) != 0) {
			outcomes_clear(&t);
			goto out;
		}
		if (fmt == 1)
			show_json(&w, &t);
		else {
			if (i > 0)
				buf_putc(&out, '\n');
			show_text(&out, &t);
		}
		outcomes_clear(&t);
	}
	if (fmt == 1) {
		jw_array_end(&w);
		buf_putc(&out, '\n');
	}
	rc = cli_write_output(o->output, &out);
out:
	for (i = 0; i < teams.n; i++)
		free(teams.ids[i]);
	free(teams.ids);
	buf_free(&out);
	return rc;
}

/* The subcommands, sorted by name. */
static const struct cli_sub outcomes_subs[] = {
	[SUB_IMPORT] = { "import", CMD_DB_WRITE, NULL },
	[SUB_SHOW] = { "show", CMD_DB_READ, NULL },
	{ NULL, 0, NULL },
};

static const struct option outcomes_options[] = {
	{ "cycle", required_argument, NULL, 'c' },
	{ "team", required_argument, NULL, 'T' },
	{ "format", required_argument, NULL, 'f' },
	{ "output", required_argument, NULL, 'o' },
	{ NULL, 0, NULL, 0 },
};

static int
outcomes_parse(struct egf_ctx *ctx, int argc, char **argv, void *arg)
{
	struct outcomes_opts *o = arg;
	const char *v;
	int ch;

	while ((ch = cli_next_option(ctx, &v)) != -1) {
		switch (ch) {
		case 'c': o->cycle = v; break;
		case 'T': o->team = v; break;
		case 'f': o->format = v; break;
		case 'o': o->output = v; break;
		}
	}
	if ((o->sub = cli_subcommand(ctx, outcomes_subs, "import or show", argc, argv)) < 0)
		return EXIT_USAGE;
	if (o->sub == SUB_IMPORT) {
		if (argc != 2)
			return cli_usage_error(ctx, "expected one CSV file");
		o->file = argv[1];
		return EXIT_OK;
	}
	if (argc != 1 || o->cycle == NULL)
		return cli_usage_error(ctx, "outcomes show takes --cycle C [--team T]");
	if (cli_format(ctx, o->format, o->output, show_formats, 0) < 0)
		return EXIT_USAGE;
	return EXIT_OK;
}

static int
outcomes_run(struct egf_ctx *ctx, void *arg)
{
	const struct outcomes_opts *o = arg;

	return o->sub == SUB_IMPORT ? outcomes_import_cmd(ctx, o) : outcomes_show_cmd(ctx, o);
}

const struct cmd_ops cmd_outcomes = { outcomes_options, "f:o:", sizeof(struct outcomes_opts),
	outcomes_parse, outcomes_run, NULL };
