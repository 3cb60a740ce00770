/* cmd_person.c: egf person export|erase — a person's data, on request. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "json_text.h"
#include "store.h"
#include "store_person_data.h"

struct person_opts {
	int sub;		/* SUB_* */
	const char *id;		/* borrowed from argv */
	const char *output;
	const char *by;
	int include_private;
	int yes;
};

enum { SUB_ERASE, SUB_EXPORT };

/* egf person export ID */
static int
person_export(struct egf_ctx *ctx, const struct person_opts *o)
{
	struct jw w;
	struct buf out = {0};
	char now[32];
	int got, rc = EXIT_USAGE;

	store_now(now);
	jw_init(&w, &out, 17);
	if ((got = store_person_export(ctx->store, o->id, o->include_private, NULL, now, &w)) == 0) {
		cli_report(ctx, DIAG_UNKNOWN_PERSON, "no person '%s' in the database", o->id);
		rc = EXIT_INVALID;
	} else if (got == 1) {
		buf_putc(&out, '\n');
		rc = cli_write_output_mode(o->output, &out, 0600);
	}
	buf_free(&out);
	return rc;
}

/*
 * The typed confirmation: the person's id, read from a terminal. 1 when
 * confirmed, 0 when not (after saying so).
 */
static int
confirm(struct egf_ctx *ctx, const char *id, const struct store_person *p)
{
	char line[256];
	size_t n;

	if (!isatty(STDIN_FILENO)) {
		cli_report(ctx, DIAG_NEEDS_OPTION, "erasing '%s' cannot be undone; give --yes, or "
		    "run it on a terminal to confirm", id);
		return 0;
	}
	fprintf(stderr, "This erases %s (%s) and everything they wrote, for good; backups "
	    "made earlier are not reached.\nType the id '%s' to confirm: ", id,
	    p->name ? p->name : "", id);
	fflush(stderr);
	if (fgets(line, sizeof(line), stdin) == NULL)
		line[0] = '\0';
	n = strcspn(line, "\r\n");
	line[n] = '\0';
	if (strcmp(line, id) != 0) {
		cli_report(ctx, DIAG_NEEDS_OPTION, "not confirmed; nothing erased");
		return 0;
	}
	return 1;
}

/* egf person erase ID */
static int
person_erase(struct egf_ctx *ctx, const struct person_opts *o)
{
	struct store *st = ctx->store;
	const char *id = o->id;
	struct store_person p;
	struct store_erasure e;
	int got;

	if ((got = store_person_get(st, id, &p)) <= 0) {
		if (got == 0)
			cli_report(ctx, DIAG_UNKNOWN_PERSON, "no person '%s' in the database", id);
		return got == 0 ? EXIT_INVALID : EXIT_USAGE;
	}
	if (!o->yes && !confirm(ctx, id, &p)) {
		store_person_clear(&p);
		return EXIT_USAGE;
	}
	store_person_clear(&p);
	got = store_person_erase(st, id, cli_actor(o->by), &e);
	if (got <= 0) {
		if (got == 0)
			cli_report(ctx, DIAG_UNKNOWN_PERSON, "no person '%s' in the database", id);
		return got == 0 ? EXIT_INVALID : EXIT_USAGE;
	}
	printf("erased %s; tombstone %s: %lld assessments removed, %lld kept without the "
	    "person, %lld texts removed, %lld decisions and %lld audit entries detached, "
	    "%lld texts of others with the name or e-mail replaced\n", id, e.tombstone,
	    e.assessments_removed, e.assessments_detached, e.texts_removed,
	    e.decisions_detached, e.audit_rewritten, e.redactions);
	if (e.server_rows > 0)
		printf("erased %s from the server's tables: %lld accounts, credentials, peer "
		    "requests, committee seats and access-log entries removed or detached\n", id,
		    e.server_rows);
	if (!e.scrubbed) {
		cli_report(ctx, DIAG_LOCKED, "another process has the database open, so the WAL "
		    "was not truncated; the erased text may stay in %s-wal until the next "
		    "checkpoint (docs/store.md, Erasing a person, says how to finish)",
		    store_path(ctx->db_path));
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

static const struct cli_sub person_subs[] = {
	[SUB_ERASE] = { "erase", CMD_DB_WRITE, NULL },
	[SUB_EXPORT] = { "export", CMD_DB_READ, NULL },
	{ NULL, 0, NULL },
};

static const struct option person_options[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "include-private", no_argument, NULL, 'P' },
	{ "yes", no_argument, NULL, 'y' },
	{ "by", required_argument, NULL, 'b' },
	{ NULL, 0, NULL, 0 },
};

static int
person_parse(struct egf_ctx *ctx, int argc, char **argv, void *arg)
{
	struct person_opts *o = arg;
	const char *v;
	int ch;

	if ((o->sub = cli_subcommand(ctx, person_subs, "export or erase", argc, argv)) < 0)
		return EXIT_USAGE;
	while ((ch = cli_next_option(ctx, &v)) != -1) {
		switch (ch) {
		case 'o': o->output = v; break;
		case 'P': o->include_private = 1; break;
		case 'y': o->yes = 1; break;
		case 'b': o->by = v; break;
		}
	}
	if (argc != 2)
		return cli_usage_error(ctx, "person %s takes one person id", argv[0]);
	if (o->sub == SUB_EXPORT && (o->yes || o->by != NULL))
		return cli_usage_error(ctx, "--yes and --by go with erase");
	if (o->sub == SUB_ERASE && (o->output != NULL || o->include_private))
		return cli_usage_error(ctx, "-o and --include-private go with export");
	o->id = argv[1];
	return EXIT_OK;
}

static int
person_run(struct egf_ctx *ctx, void *arg)
{
	const struct person_opts *o = arg;

	return o->sub == SUB_EXPORT ? person_export(ctx, o) : person_erase(ctx, o);
}

const struct cmd_ops cmd_person = { person_options, "o:", sizeof(struct person_opts),
	person_parse, person_run, NULL, NULL };
