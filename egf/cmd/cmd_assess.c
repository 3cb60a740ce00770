/* cmd_assess.c: egf assess new | import | show */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "assess.h"
#include "assess_import.h"
#include "assess_new.h"
#include "assess_view.h"
#include "commands.h"
#include "cycle.h"
#include "cycle_phase.h"
#include "store_published.h"
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
	enum assess_role role_parsed;	/* new: --role */
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
	int ch, role = ROLE_SELF;

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
	if (o->sub == SUB_NEW && (role = assess_role_parse(o->role ? o->role : "self")) < 0)
		return cli_usage_error(ctx, "--role takes self, manager or peer");
	o->role_parsed = (enum assess_role)role;
	return EXIT_OK;
}

/* Says why there is no form; returns the exit status. */
static int
no_form(struct egf_ctx *ctx, enum assess_new_status s, const struct assess_new_request *req,
    const struct assess_new_result *r)
{
	const struct store_person *p = &r->person;

	switch (s) {
	case ASSESS_NEW_UNPUBLISHED:
		cli_report(ctx, DIAG_UNPUBLISHED, "no ladder is published yet");
		break;
	case ASSESS_NEW_NO_PERSON:	/* a person the user named: invalid input, as everywhere */
		cli_report(ctx, DIAG_UNKNOWN_PERSON, "no person '%s' in the database", req->person);
		return EXIT_INVALID;
	case ASSESS_NEW_BAD_LEVEL:
		cli_report(ctx, DIAG_UNKNOWN_LEVEL, "%s's level '%s' is not in ladder %s %s", p->id,
		    p->level, r->ladder_id, r->ladder_version);
		break;
	case ASSESS_NEW_NO_TARGET:
		cli_report(ctx, DIAG_UNKNOWN_LEVEL, "no level '%s' in ladder %s %s", req->target,
		    r->ladder_id, r->ladder_version);
		break;
	case ASSESS_NEW_TOP:
		cli_report(ctx, DIAG_NEEDS_OPTION, "%s is at the top of track '%s'; name a level "
		    "with --target", p->id, r->track);
		break;
	case ASSESS_NEW_NO_RATER:
		cli_report(ctx, DIAG_NEEDS_OPTION, "name the rater with --rater");
		break;
	case ASSESS_NEW_UNKNOWN_RATER:
		cli_report(ctx, DIAG_UNKNOWN_PERSON, "no rater '%s' in the database", r->rater);
		break;
	case ASSESS_NEW_ROLE_MISMATCH:
		cli_report(ctx, DIAG_RATER_MISMATCH, "rater '%s' does not fit role '%s'", r->rater,
		    assess_role_name(req->role));
		break;
	case ASSESS_NEW_OK:
		return EXIT_OK;
	case ASSESS_NEW_FAILED:
		break;
	}
	return EXIT_USAGE;
}

/* egf assess new: a blank form for the person's target level. */
static int
assess_new(struct egf_ctx *ctx, const struct assess_opts *o)
{
	struct assess_new_request req = { o->person, o->cycle, o->role_parsed, o->rater,
		o->target };
	struct assess_new_result r;
	enum assess_new_status s;
	int rc;

	s = assess_new_form(ctx->store, &ctx->diags, &req, &r);
	if ((rc = no_form(ctx, s, &req, &r)) == EXIT_OK)
		rc = cli_write_output(o->output, &r.form);
	assess_new_result_clear(&r);
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
	assess_parse, assess_run, NULL, NULL };
