/* cmd_calibrate.c: egf calibrate --cycle C [slice] [--format F] [-o FILE] */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calib_report.h"
#include "calib_view.h"
#include "commands.h"
#include "cycle.h"
#include "outcomes.h"
#include "store.h"
#include "strmap.h"
#include "util.h"

struct decisions {
	struct strmap *map;
	char **owned;		/* keys and values, freed together */
	size_t n, cap;
};

static char *
keep(struct decisions *d, char *s)
{
	xgrow((void **)&d->owned, &d->cap, d->n + 1, sizeof(*d->owned));
	d->owned[d->n++] = s;
	return s;
}

static int
add_decision(const struct store_decision *sd, void *arg)
{
	struct decisions *d = arg;
	char *text = sd->to_level ? xasprintf("%s to %s", sd->outcome, sd->to_level) :
	    xstrdup(sd->outcome);

	strmap_put(d->map, keep(d, xstrdup(sd->person)), keep(d, text));
	return 0;
}

static void
decisions_free(struct decisions *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		free(d->owned[i]);
	free(d->owned);
	strmap_free(d->map);
}

/* Rater names from the people table; the report borrows them from names. */
static int
name_raters(struct store *st, struct calib_report *r, struct decisions *names)
{
	size_t i;

	for (i = 0; i < r->nraters; i++) {
		struct store_person p;
		int got = store_person_get(st, r->raters[i].id, &p);

		if (got < 0)
			return -1;
		if (got && p.name)
			r->raters[i].name = keep(names, xstrdup(p.name));
		store_person_clear(&p);
	}
	return 0;
}

/* The outcomes of each team of the report, as its context; *out (the caller frees) holds them. */
static int
load_team_context(struct store *st, struct calib_report *r, struct team_outcomes **out)
{
	struct team_outcomes *all = xcalloc(r->nteams ? r->nteams : 1, sizeof(*all));
	size_t i;

	*out = all;
	for (i = 0; i < r->nteams; i++) {
		if (outcomes_load(st, r->teams[i].team, r->cycle, &all[i]) != 0)
			return -1;
		r->teams[i].outcomes = &all[i];
	}
	return 0;
}

static void
team_context_free(struct team_outcomes *all, size_t n)
{
	size_t i;

	for (i = 0; all != NULL && i < n; i++)
		outcomes_clear(&all[i]);
	free(all);
}

int
cmd_calibrate(struct egf_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "cycle", required_argument, NULL, 'c' },
		{ "team", required_argument, NULL, 'T' },
		{ "manager", required_argument, NULL, 'M' },
		{ "level", required_argument, NULL, 'L' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *cycle = NULL, *format = NULL, *output = NULL;
	struct calib_slice slice = { NULL, NULL, NULL };
	struct decisions dec = { NULL, NULL, 0, 0 };
	struct calib_report report;
	struct team_outcomes *context = NULL;
	size_t ncontext = 0;
	struct store *st;
	struct cycle c;
	struct buf out = {0};
	int ch, fmt, rc = EXIT_USAGE;

	opterr = 0;
	while ((ch = getopt_long(argc, argv, "c:f:o:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'd': ctx->db_path = optarg; break;
		case 'c': cycle = optarg; break;
		case 'T': slice.team = optarg; break;
		case 'M': slice.manager = optarg; break;
		case 'L': slice.level = optarg; break;
		case 'f': format = optarg; break;
		case 'o': output = optarg; break;
		case 'h': return cli_help(ctx->command);
		default: return cli_option_error(ctx, argv, longopts);
		}
	}
	if (cycle == NULL || optind != argc)
		return cli_usage_error(ctx, "expected --cycle C");
	if ((fmt = cli_format(ctx, format, output, calib_format_names, CALIB_TEXT)) < 0)
		return EXIT_USAGE;
	if ((st = cli_store(ctx, 0)) == NULL)
		return EXIT_USAGE;
	memset(&report, 0, sizeof(report));
	dec.map = strmap_new();
	if (cycle_load(&c, st, &ctx->diags, cycle, NULL, CYCLE_FLAGS) != 0 ||
	    store_cycle_decisions(st, cycle, add_decision, &dec) != 0)
		goto out;
	calib_report_build(&report, &c, &slice, dec.map);
	if (report.npeople == 0) {
		fprintf(stderr, "egf calibrate: nobody assessed in cycle '%s' in this slice\n", cycle);
		rc = EXIT_INVALID;
		goto out;
	}
	if (name_raters(st, &report, &dec) != 0)
		goto out;
	ncontext = report.nteams;
	if (load_team_context(st, &report, &context) != 0)
		goto out;
	if (report.few && fmt != CALIB_TEXT)
		fprintf(stderr, "egf calibrate: warning: only %zu %s in this slice; "
		    "the statistics mislead\n", report.npeople,
		    report.npeople == 1 ? "person" : "people");
	calib_view(&out, &report, (enum calib_format)fmt);
	rc = cli_write_output_mode(output, &out, 0600);	/* everyone's data */
out:
	buf_free(&out);
	team_context_free(context, ncontext);
	calib_report_free(&report);
	decisions_free(&dec);
	cycle_clear(&c);
	store_close(st);
	return rc;
}
