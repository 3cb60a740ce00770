/* cmd_publish.c: egf publish LADDER — store a compiled ladder version. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "ladder.h"
#include "model_diff.h"
#include "model_xml.h"
#include "published.h"
#include "store.h"

/* Explains why a published version cannot be replaced; returns EXIT_INVALID. */
static int
refuse_change(const char *path, const struct model *old, const struct model *m)
{
	struct model_changes ch;
	size_t i;

	model_diff(old, m, &ch);
	fprintf(stderr, "egf: %s: version %s of ladder '%s' is already published with other "
	    "content (%zu change%s); publish it under a new version:\n", path, m->version, m->id,
	    ch.n, ch.n == 1 ? "" : "s");
	for (i = 0; i < ch.n && i < 20; i++) {
		const struct model_change *c = &ch.items[i];

		if (c->kind == CHANGE_MODIFIED)
			fprintf(stderr, "  %s %s: %s changed\n", c->node, c->id, c->field);
		else if (c->kind == CHANGE_MOVED)
			fprintf(stderr, "  %s %s moved from %s/%s to %s/%s\n", c->node, c->id,
			    c->old_competency, c->old_level, c->new_competency, c->new_level);
		else
			fprintf(stderr, "  %s %s %s\n", c->node, c->id, change_kind_name(c->kind));
	}
	if (ch.n > 20)
		fprintf(stderr, "  ... and %zu more\n", ch.n - 20);
	model_changes_free(&ch);
	return EXIT_INVALID;
}

static int
publish(struct egf_ctx *ctx, const char *path, struct model *m)
{
	struct store *st = cli_store(ctx, 1);
	struct published pub;
	const struct model *old;
	struct buf xml = {0};
	char hash[65];
	long long rowid;
	int found, rc = EXIT_USAGE;

	if (st == NULL)
		return EXIT_USAGE;
	published_init(&pub, st, &ctx->diags);
	if (published_hash(m, hash) != 0 || model_xml_write(m, 1, &xml) != 0) {
		fprintf(stderr, "egf publish: could not serialise the model\n");
		goto out;
	}
	if (store_begin(st) != 0)
		goto out;
	old = published_find(&pub, m->id, m->version, &rowid, &found);
	if (found && old == NULL) {
		store_rollback(st);
		goto out;
	}
	if (found) {
		char old_hash[65];

		store_rollback(st);
		if (published_hash(old, old_hash) == 0 && strcmp(old_hash, hash) == 0) {
			printf("%s %s is already published with the same content; nothing to do\n",
			    m->id, m->version);
			rc = EXIT_OK;
		} else
			rc = refuse_change(path, old, m);
		goto out;
	}
	if (store_ladder_insert(st, m->id, m->version, hash, xml.data) != 0 ||
	    store_commit(st) != 0) {
		store_rollback(st);
		goto out;
	}
	printf("published %s %s: %zu levels, %zu competencies, %zu expectations\n", m->id,
	    m->version, m->nlevels, m->ncompetencies, m->nexpectations);
	rc = EXIT_OK;
out:
	buf_free(&xml);
	published_clear(&pub);
	store_close(st);
	return rc;
}

int
cmd_publish(struct egf_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct model *m = NULL;
	int ch, rc;

	opterr = 0;
	while ((ch = getopt_long(argc, argv, "d:W:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			ctx->db_path = optarg;
			break;
		case 'W':
			if (cli_warning_option(ctx, optarg) != 0)
				return EXIT_USAGE;
			break;
		case 'h':
			return cli_help(ctx->command);
		default:
			return cli_option_error(ctx, argv, longopts);
		}
	}
	if (argc - optind != 1)
		return cli_usage_error(ctx, "expected one ladder directory or model file");
	if ((rc = cli_load_ladder(ctx, argv[optind], &m)) != EXIT_OK)
		return rc;
	rc = publish(ctx, argv[optind], m);
	model_free(m);
	return rc;
}
