/* cmd_retention.c: egf retention — old cycles' evidence and private notes go. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "store.h"
#include "store_person_data.h"

static void
print_row(const struct store_retention_row *r, void *arg)
{
	(void)arg;
	printf("%s %s %s %s:%s revision %d %s\n", r->cycle, r->kind, r->person, r->role,
	    r->rater, r->revision, r->expectation);
}

static void
print_cycles(const char *what, char **ids, size_t n)
{
	size_t i;

	printf("%s:", what);
	for (i = 0; i < n; i++)
		printf("%s %s", i ? "," : "", ids[i]);
	printf("%s\n", n == 0 ? " none" : "");
}

struct retention_opts {
	long keep;
	int dry_run;
	const char *by;
};

static int
retention_run(struct egf_ctx *ctx, void *arg)
{
	const struct retention_opts *o = arg;
	struct store_retention r;

	/* The cycles come first, and must: the rows are listed as they are removed. */
	if (store_retention_run(ctx->store, o->keep, !o->dry_run, cli_actor(o->by), print_row,
	    NULL, &r) != 0) {
		store_retention_clear(&r);
		return EXIT_USAGE;
	}
	print_cycles("kept cycles", r.kept, r.nkept);
	print_cycles("older cycles", r.pruned, r.npruned);
	printf("%s %lld evidence texts and %lld private notes%s\n",
	    o->dry_run ? "would remove" : "removed", r.evidence, r.notes,
	    o->dry_run ? " (dry run: nothing changed)" : "");
	store_retention_clear(&r);
	return EXIT_OK;
}

static const struct option retention_options[] = {
	{ "keep-cycles", required_argument, NULL, 'k' },
	{ "dry-run", no_argument, NULL, 'n' },
	{ "by", required_argument, NULL, 'b' },
	{ NULL, 0, NULL, 0 },
};

static int
retention_parse(struct egf_ctx *ctx, int argc, char **argv, void *arg)
{
	struct retention_opts *o = arg;
	const char *keep_arg = NULL, *v;
	char *end;
	int ch;

	while ((ch = cli_next_option(ctx, &v)) != -1) {
		switch (ch) {
		case 'k': keep_arg = v; break;
		case 'n': o->dry_run = 1; break;
		case 'b': o->by = v; break;
		}
	}
	if (argc != 0)
		return cli_usage_error(ctx, "unexpected argument '%s'", argv[0]);
	if (keep_arg == NULL)
		return cli_usage_error(ctx, "retention needs --keep-cycles N");
	o->keep = strtol(keep_arg, &end, 10);
	if (*keep_arg == '\0' || *end != '\0' || o->keep < 0 || o->keep > 100000)
		return cli_usage_error(ctx, "--keep-cycles takes a number of cycles (0 or more), "
		    "not '%s'", keep_arg);
	return EXIT_OK;
}

const struct cmd_ops cmd_retention = { retention_options, "n", sizeof(struct retention_opts),
	retention_parse, retention_run, NULL, NULL };
