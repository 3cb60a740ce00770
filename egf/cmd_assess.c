/* cmd_assess.c: egf assess new | import | show */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "assess.h"
#include "assess_import.h"
#include "assess_view.h"
#include "commands.h"
#include "cycle.h"
#include "published.h"
#include "store.h"

enum { SUB_IMPORT, SUB_NEW, SUB_SHOW };

/* Sorted by name: each subcommand with its database mode and its options. */
static const struct cli_sub assess_subs[] = {
	[SUB_IMPORT] = { "import", CMD_DB_WRITE, "csv" },
	[SUB_NEW] = { "new", CMD_DB_READ, "person cycle role rater target output" },
	[SUB_SHOW] = { "show", CMD_DB_READ, "person cycle audience peer-min format output" },
	{ NULL, 0, NULL },
};

struct assess_opts {
	int sub;		/* SUB_* */
	const char *person, *cycle, *role, *rater, *target, *output, *format, *csv;
	int employee;		/* show: the employee's view */
	unsigned peer_min;
	int nfiles;		/* import: the forms, borrowed from argv */
	char **files;
};

static const struct option assess_options[] = {
	{ "person", required_argument, NULL, 'p' },
	{ "cycle", required_argument, NULL, 'c' },
	{ "role", required_argument, NULL, 'r' },
	{ "rater", required_argument, NULL, 'R' },
	{ "target", required_argument, NULL, 't' },
	{ "output", required_argument, NULL, 'o' },
	{ "format", required_argument, NULL, 'f' },
	{ "csv", required_argument, NULL, 'C' },
	{ "audience", required_argument, NULL, 'a' },
	{ "peer-min", required_argument, NULL, 'P' },
	{ NULL, 0, NULL, 0 },
};

static int
assess_parse(struct egf_ctx *ctx, int argc, char **argv, void *arg)
{
	struct assess_opts *o = arg;
	const char *v;
	int ch;

	o->peer_min = CYCLE_PEER_MIN;
	while ((ch = cli_next_option(ctx, &v)) != -1) {
		switch (ch) {
		case 'p': o->person = v; break;
		case 'c': o->cycle = v; break;
		case 'r': o->role = v; break;
		case 'R': o->rater = v; break;
		case 't': o->target = v; break;
		case 'o': o->output = v; break;
		case 'f': o->format = v; break;
		case 'C': o->csv = v; break;
		case 'a':
			if (strcmp(v, "committee") != 0 && strcmp(v, "employee") != 0)
				return cli_usage_error(ctx, "--audience takes committee or employee");
			o->employee = strcmp(v, "employee") == 0;
			break;
		case 'P':
			if (cli_peer_min(ctx, v, &o->peer_min) != 0)
				return EXIT_USAGE;
			break;
		}
	}
	if ((o->sub = cli_subcommand(ctx, assess_subs, "new, import or show", argc, argv)) < 0)
		return EXIT_USAGE;
	if (o->sub == SUB_IMPORT) {
		o->nfiles = argc - 1;
		o->files = argv + 1;
		if ((o->nfiles == 0) == (o->csv == NULL))
			return cli_usage_error(ctx, "assess import takes form files or --csv FILE");
		return EXIT_OK;
	}
	if (argc != 1)
		return cli_usage_error(ctx, "unexpected argument '%s'", argv[1]);
	if (o->person == NULL || o->cycle == NULL)
		return cli_usage_error(ctx, "assess %s needs --person and --cycle", argv[0]);
	return EXIT_OK;
}

/* egf assess new: a blank form for the person's target level. */
static int
assess_new(struct egf_ctx *ctx, const struct assess_opts *o)
{
	struct store *st = ctx->store;
	struct published pub;
	struct store_person person, rater;
	const struct model *m;
	const struct model_level *level, *target;
	struct assess_blank blank;
	struct buf out = {0};
	long long rowid;
	int found, role, rc = EXIT_USAGE;

	if ((role = assess_role_parse(o->role ? o->role : "self")) < 0)
		return cli_usage_error(ctx, "--role takes self, manager or peer");
	published_init(&pub, st, &ctx->diags);
	memset(&person, 0, sizeof(person));
	memset(&rater, 0, sizeof(rater));
	if ((m = published_latest(&pub, &rowid, &found)) == NULL) {
		if (!found)
			cli_report(ctx, DIAG_UNPUBLISHED, "no ladder is published yet");
		goto out;
	}
	if ((found = store_person_get(st, o->person, &person)) <= 0) {
		/* a person the user named: invalid input, as everywhere */
		if (found == 0) {
			cli_report(ctx, DIAG_UNKNOWN_PERSON, "no person '%s' in the database",
			    o->person);
			rc = EXIT_INVALID;
		}
		goto out;
	}
	if ((level = model_level(m, person.level)) == NULL) {
		cli_report(ctx, DIAG_UNKNOWN_LEVEL, "%s's level '%s' is not in ladder %s %s",
		    person.id, person.level, m->id, m->version);
		goto out;
	}
	target = o->target ? model_level(m, o->target) : model_next_level_on(m,
	    person.track ? model_track(m, person.track) : NULL, level);
	if (target == NULL) {
		if (o->target)
			cli_report(ctx, DIAG_UNKNOWN_LEVEL, "no level '%s' in ladder %s %s",
			    o->target, m->id, m->version);
		else
			cli_report(ctx, DIAG_NEEDS_OPTION, "%s is at the top of track '%s'; name a "
			    "level with --target", person.id,
			    person.track ? person.track : level->track_id);
		goto out;
	}
	blank.rater = o->rater;
	if (blank.rater == NULL && role == ROLE_SELF)
		blank.rater = person.id;
	if (blank.rater == NULL && role == ROLE_MANAGER)
		blank.rater = person.manager;
	if (blank.rater == NULL) {
		cli_report(ctx, DIAG_NEEDS_OPTION, "name the rater with --rater");
		goto out;
	}
	if ((found = store_person_get(st, blank.rater, &rater)) <= 0) {
		if (found == 0)
			cli_report(ctx, DIAG_UNKNOWN_PERSON, "no rater '%s' in the database",
			    blank.rater);
		goto out;
	}
	if ((role == ROLE_SELF) != (strcmp(blank.rater, person.id) == 0)) {
		cli_report(ctx, DIAG_RATER_MISMATCH, "rater '%s' does not fit role '%s'",
		    blank.rater, assess_role_name((enum assess_role)role));
		goto out;
	}
	blank.cycle = o->cycle;
	blank.person = person.id;
	blank.name = person.name;
	blank.role = (enum assess_role)role;
	blank.target = target;
	assess_form_write(&out, m, &blank);
	rc = cli_write_output(o->output, &out);
out:
	buf_free(&out);
	store_person_clear(&person);
	store_person_clear(&rater);
	published_clear(&pub);
	return rc;
}

/* egf assess import FILE.md... | --csv FILE */
static int
assess_import(struct egf_ctx *ctx, const struct assess_opts *o)
{
	struct store *st = ctx->store;
	struct published pub;
	int i, invalid = 0, failed = 0, nfiles = o->nfiles;
	char **files = o->files;

	published_init(&pub, st, &ctx->diags);
	if (o->csv != NULL) {
		enum import_status s = assess_import_csv(st, &pub, o->csv, &ctx->diags);

		invalid = s == IMPORT_INVALID;
		failed = s == IMPORT_FAILED;
	}
	for (i = 0; i < nfiles && !failed; i++) {
		enum import_status s = assess_import_form(st, &pub, files[i], &ctx->diags);

		invalid += s == IMPORT_INVALID;
		failed += s == IMPORT_FAILED;
		cli_flush_diags(ctx);
	}
	cli_flush_diags(ctx);
	if (invalid > 0 && nfiles > 1)
		cli_report(ctx, DIAG_REFUSED_INPUTS, "%d of %d forms refused%s", invalid, nfiles,
		    invalid < nfiles ? "; the others were stored" : "; none was stored");
	published_clear(&pub);
	return failed ? EXIT_USAGE : invalid ? EXIT_INVALID : EXIT_OK;
}

/* egf assess show --person ID --cycle C */
static int
assess_show(struct egf_ctx *ctx, const struct assess_opts *o)
{
	struct cycle c;
	struct buf out = {0};
	int fmt, rc = EXIT_USAGE;

	if ((fmt = cli_format(ctx, o->format, o->output, view_format_names, VIEW_TEXT)) < 0)
		return EXIT_USAGE;
	if (cycle_load(&c, ctx->store, &ctx->diags, o->cycle, o->person, CYCLE_RATINGS) != 0)
		goto out;
	if (c.n == 0 || c.people[0].model == NULL) {
		cli_report(ctx, DIAG_NOT_FOUND, "no assessment of '%s' in cycle '%s'", o->person,
		    o->cycle);
		rc = EXIT_INVALID;
		goto out;
	}
	assess_view_show(&out, &c, &c.people[0], (enum view_format)fmt,
	    o->employee ? o->peer_min : 0);
	rc = cli_write_output_mode(o->output, &out, 0600);	/* a person's ratings */
out:
	buf_free(&out);
	cycle_clear(&c);
	return rc;
}

static int
assess_run(struct egf_ctx *ctx, void *arg)
{
	const struct assess_opts *o = arg;

	switch (o->sub) {
	case SUB_NEW: return assess_new(ctx, o);
	case SUB_IMPORT: return assess_import(ctx, o);
	default: return assess_show(ctx, o);
	}
}

const struct cmd_ops cmd_assess = { assess_options, "o:f:", sizeof(struct assess_opts),
	assess_parse, assess_run, NULL };
