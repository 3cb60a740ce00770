/* cmd_people.c: egf people import FILE.csv */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "people.h"
#include "published.h"
#include "store.h"

static int
import_people(struct egf_ctx *ctx, const char *path)
{
	/* Without a database there is no published ladder: do not create one. */
	struct store *st = cli_store(ctx, access(store_path(ctx->db_path), F_OK) == 0);
	struct published pub;
	struct people_list list;
	const struct model *m;
	long long rowid;
	size_t i, added = 0;
	int found, rc = EXIT_USAGE;

	if (st == NULL)
		return EXIT_USAGE;
	published_init(&pub, st, &ctx->diags);
	memset(&list, 0, sizeof(list));
	if ((m = published_latest(&pub, &rowid, &found)) == NULL) {
		if (!found)
			fprintf(stderr, "egf people: no ladder is published yet; run "
			    "'egf publish LADDER' first\n");
		goto out;
	}
	if (people_read_csv(path, m, &ctx->diags, &list) != 0)
		goto out;
	if (store_begin(st) != 0)
		goto out;
	if (people_check_managers(path, &list, st, &ctx->diags) != 0) {
		store_rollback(st);
		goto out;
	}
	if (cli_flush_diags(ctx) > 0) {
		store_rollback(st);
		rc = EXIT_INVALID;
		goto out;
	}
	for (i = 0; i < list.n; i++) {
		struct store_person old;
		int got = store_person_get(st, list.rows[i].p.id, &old);

		store_person_clear(&old);
		if (got < 0 || store_person_upsert(st, &list.rows[i].p) != 0) {
			store_rollback(st);
			goto out;
		}
		added += got == 0;
	}
	if (store_commit(st) != 0) {
		store_rollback(st);
		goto out;
	}
	printf("imported %zu people from %s (%zu new, %zu updated)\n", list.n, path, added,
	    list.n - added);
	rc = EXIT_OK;
out:
	cli_flush_diags(ctx);
	people_list_clear(&list);
	published_clear(&pub);
	store_close(st);
	return rc;
}

int
cmd_people(struct egf_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int ch;

	opterr = 0;
	while ((ch = getopt_long(argc, argv, "+d:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			ctx->db_path = optarg;
			break;
		case 'h':
			return cli_help(ctx->command);
		default:
			return cli_option_error(ctx, argv, longopts);
		}
	}
	if (optind >= argc || strcmp(argv[optind], "import") != 0)
		return cli_usage_error(ctx, "expected 'import FILE.csv'");
	optind++;
	while ((ch = getopt_long(argc, argv, "d:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			ctx->db_path = optarg;
			break;
		case 'h':
			return cli_help(ctx->command);
		default:
			return cli_option_error(ctx, argv, longopts);
		}
	}
	if (argc - optind != 1)
		return cli_usage_error(ctx, "expected one CSV file");
	return import_people(ctx, argv[optind]);
}
