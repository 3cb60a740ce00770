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

struct outcomes_opts {
	const char *cycle, *team, *format, *output;
};

static int
outcomes_import_cmd(struct egf_ctx *ctx, const struct outcomes_opts *o, int nfiles,
    char **files)
{
	struct store *st;
	int rc;

	(void)o;
	if (nfiles != 1)
		return cli_usage_error(ctx, "expected one CSV file");
	if ((st = cli_store(ctx, 1)) == NULL)
		return EXIT_USAGE;
	rc = outcomes_import(st, files[0], &ctx->diags);
	cli_flush_diags(ctx);
	store_close(st);
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

static int
outcomes_show_cmd(struct egf_ctx *ctx, const struct outcomes_opts *o, int nargs, char **args)
{
	static const char *const formats[] = { "text", "json", NULL };
	struct team_list teams = { NULL, 0, 0 };
	struct jw w;
	struct store *st;
	struct buf out = {0};
	size_t i;
	int fmt, rc = EXIT_USAGE;

	(void)args;
	if (nargs != 0 || o->cycle == NULL)
		return cli_usage_error(ctx, "outcomes show takes --cycle C [--team T]");
	if ((fmt = cli_format(ctx, o->format, o->output, formats, 0)) < 0)
		return EXIT_USAGE;
	if ((st = cli_store(ctx, 0)) == NULL)
		return EXIT_USAGE;
	if (store_outcomes_each(st, o->cycle, o->team, add_team, &teams) != 0)
		goto out;
	if (teams.n == 0) {
		fprintf(stderr, "egf outcomes: no outcomes of %s%s in cycle '%s'\n",
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
	store_close(st);
	return rc;
}

/* The subcommands, sorted by name. */
static const struct {
	const char *name;
	int (*run)(struct egf_ctx *, const struct outcomes_opts *, int, char **);
} subcommands[] = {
	{ "import", outcomes_import_cmd },
	{ "show", outcomes_show_cmd },
};

int
cmd_outcomes(struct egf_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "cycle", required_argument, NULL, 'c' },
		{ "team", required_argument, NULL, 'T' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct outcomes_opts o;
	size_t i;
	int ch;

	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return argc < 2 ? cli_usage_error(ctx, "expected import or show") :
		    cli_help(ctx->command);
	memset(&o, 0, sizeof(o));
	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc - 1, argv + 1, "f:o:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'd': ctx->db_path = optarg; break;
		case 'c': o.cycle = optarg; break;
		case 'T': o.team = optarg; break;
		case 'f': o.format = optarg; break;
		case 'o': o.output = optarg; break;
		case 'h': return cli_help(ctx->command);
		default: return cli_option_error(ctx, argv + 1, longopts);
		}
	}
	for (i = 0; i < sizeof(subcommands) / sizeof(subcommands[0]); i++)
		if (strcmp(subcommands[i].name, argv[1]) == 0)
			return subcommands[i].run(ctx, &o, argc - 1 - optind, argv + 1 + optind);
	return cli_usage_error(ctx, "unknown subcommand '%s' (import or show)", argv[1]);
}
