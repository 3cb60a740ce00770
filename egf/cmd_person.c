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
	const char *output;
	const char *by;
	int include_private;
	int yes;
};

/* egf person export ID */
static int
person_export(struct egf_ctx *ctx, const char *id, const struct person_opts *o)
{
	struct store *st = cli_store(ctx, 0);
	struct jw w;
	struct buf out = {0};
	char now[32];
	int got, rc = EXIT_USAGE;

	if (st == NULL)
		return EXIT_USAGE;
	store_now(now);
	jw_init(&w, &out, 17);
	if ((got = store_person_export(st, id, o->include_private, now, &w)) == 0) {
		fprintf(stderr, "egf person: no person '%s' in the database\n", id);
		rc = EXIT_INVALID;
	} else if (got == 1) {
		buf_putc(&out, '\n');
		rc = cli_write_output_mode(o->output, &out, 0600);
	}
	buf_free(&out);
	store_close(st);
	return rc;
}

/*
 * The typed confirmation: the person's id, read from a terminal. 1 when
 * confirmed, 0 when not (after saying so).
 */
static int
confirm(const char *id, const struct store_person *p)
{
	char line[256];
	size_t n;

	if (!isatty(STDIN_FILENO)) {
		fprintf(stderr, "egf person: erasing '%s' cannot be undone; give --yes, or run "
		    "it on a terminal to confirm\n", id);
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
		fprintf(stderr, "egf person: not confirmed; nothing erased\n");
		return 0;
	}
	return 1;
}

/* egf person erase ID */
static int
person_erase(struct egf_ctx *ctx, const char *id, const struct person_opts *o)
{
	struct store *st = cli_store(ctx, 1);
	struct store_person p;
	struct store_erasure e;
	int got;

	if (st == NULL)
		return EXIT_USAGE;
	if ((got = store_person_get(st, id, &p)) <= 0) {
		if (got == 0)
			fprintf(stderr, "egf person: no person '%s' in the database\n", id);
		store_close(st);
		return got == 0 ? EXIT_INVALID : EXIT_USAGE;
	}
	if (!o->yes && !confirm(id, &p)) {
		store_person_clear(&p);
		store_close(st);
		return EXIT_USAGE;
	}
	store_person_clear(&p);
	got = store_person_erase(st, id, cli_actor(o->by), &e);
	store_close(st);
	if (got <= 0) {
		if (got == 0)
			fprintf(stderr, "egf person: no person '%s' in the database\n", id);
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
		fprintf(stderr, "egf person: another process has the database open, so the WAL "
		    "was not truncated; the erased text may stay in %s-wal until the next "
		    "checkpoint (docs/store.md, Erasing a person, says how to finish)\n",
		    store_path(ctx->db_path));
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

static const struct {
	const char *name;
	int (*run)(struct egf_ctx *, const char *, const struct person_opts *);
} subcommands[] = {
	{ "erase", person_erase },
	{ "export", person_export },
};

int
cmd_person(struct egf_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "output", required_argument, NULL, 'o' },
		{ "include-private", no_argument, NULL, 'P' },
		{ "yes", no_argument, NULL, 'y' },
		{ "by", required_argument, NULL, 'b' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct person_opts o;
	size_t i;
	int ch, is_export;

	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return argc < 2 ? cli_usage_error(ctx, "expected export or erase") :
		    cli_help(ctx->command);
	for (i = 0; i < sizeof(subcommands) / sizeof(subcommands[0]); i++)
		if (strcmp(argv[1], subcommands[i].name) == 0)
			break;
	if (i == sizeof(subcommands) / sizeof(subcommands[0]))
		return cli_usage_error(ctx, "unknown subcommand '%s' (export or erase)", argv[1]);
	is_export = subcommands[i].run == person_export;
	memset(&o, 0, sizeof(o));
	opterr = 0;
	argc--;
	argv++;
	while ((ch = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'd': ctx->db_path = optarg; break;
		case 'o': o.output = optarg; break;
		case 'P': o.include_private = 1; break;
		case 'y': o.yes = 1; break;
		case 'b': o.by = optarg; break;
		case 'h': return cli_help(ctx->command);
		default: return cli_option_error(ctx, argv, longopts);
		}
	}
	if (argc - optind != 1)
		return cli_usage_error(ctx, "person %s takes one person id", argv[0]);
	if (is_export && (o.yes || o.by != NULL))
		return cli_usage_error(ctx, "--yes and --by go with erase");
	if (!is_export && (o.output != NULL || o.include_private))
		return cli_usage_error(ctx, "-o and --include-private go with export");
	return subcommands[i].run(ctx, argv[optind], &o);
}
