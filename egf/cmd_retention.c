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

static int
retention(struct egf_ctx *ctx, long keep, int dry_run, const char *by)
{
	struct store *st = cli_store(ctx, 1);
	struct store_retention r;
	int rc;

	if (st == NULL)
		return EXIT_USAGE;
	/* The cycles come first, and must: the rows are listed as they are removed. */
	rc = store_retention_run(st, keep, !dry_run, cli_actor(by), print_row, NULL, &r);
	store_close(st);
	if (rc != 0) {
		store_retention_clear(&r);
		return EXIT_USAGE;
	}
	print_cycles("kept cycles", r.kept, r.nkept);
	print_cycles("older cycles", r.pruned, r.npruned);
	printf("%s %lld evidence texts and %lld private notes%s\n",
	    dry_run ? "would remove" : "removed", r.evidence, r.notes,
	    dry_run ? " (dry run: nothing changed)" : "");
	store_retention_clear(&r);
	return EXIT_OK;
}

int
cmd_retention(struct egf_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "keep-cycles", required_argument, NULL, 'k' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "by", required_argument, NULL, 'b' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *keep_arg = NULL, *by = NULL;
	char *end;
	long keep;
	int ch, dry_run = 0;

	opterr = 0;
	while ((ch = getopt_long(argc, argv, "nh", longopts, NULL)) != -1) {
		switch (ch) {
		case 'd': ctx->db_path = optarg; break;
		case 'k': keep_arg = optarg; break;
		case 'n': dry_run = 1; break;
		case 'b': by = optarg; break;
		case 'h': return cli_help(ctx->command);
		default: return cli_option_error(ctx, argv, longopts);
		}
	}
	if (optind != argc)
		return cli_usage_error(ctx, "unexpected argument '%s'", argv[optind]);
	if (keep_arg == NULL)
		return cli_usage_error(ctx, "retention needs --keep-cycles N");
	keep = strtol(keep_arg, &end, 10);
	if (*keep_arg == '\0' || *end != '\0' || keep < 0 || keep > 100000)
		return cli_usage_error(ctx, "--keep-cycles takes a number of cycles (0 or more), "
		    "not '%s'", keep_arg);
	return retention(ctx, keep, dry_run, by);
}
