/* cmd_publish.c: egf publish LADDER — store a compiled ladder version. */
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
refuse_change(struct egf_ctx *ctx, const char *path, const struct model *old,
    const struct model *m)
{
	struct model_changes ch;
	struct buf list = {0};
	size_t i;

	model_diff(old, m, &ch);
	for (i = 0; i < ch.n && i < 20; i++) {
		const struct model_change *c = &ch.items[i];

		if (c->kind == CHANGE_MODIFIED)
			buf_printf(&list, "\n  %s %s: %s changed", c->node, c->id, c->field);
		else if (c->kind == CHANGE_MOVED)
			buf_printf(&list, "\n  %s %s moved from %s/%s to %s/%s", c->node, c->id,
			    c->old_competency, c->old_level, c->new_competency, c->new_level);
		else
			buf_printf(&list, "\n  %s %s %s", c->node, c->id, change_kind_name(c->kind));
	}
	if (ch.n > 20)
		buf_printf(&list, "\n  ... and %zu more", ch.n - 20);
	/* one diagnostic: the changes are its lines */
	cli_report_sys(ctx, DIAG_CONFLICT, "%s: version %s of ladder '%s' is already published with "
	    "other content (%zu change%s); publish it under a new version:%s", path, m->version,
	    m->id, ch.n, ch.n == 1 ? "" : "s", list.data ? list.data : "");
	buf_free(&list);
	model_changes_free(&ch);
	return EXIT_INVALID;
}

struct publish_opts {
	const char *path;
	struct model *m;	/* owned: loaded before the database is opened */
};

static int
publish_parse(struct egf_ctx *ctx, int argc, char **argv, void *arg)
{
	struct publish_opts *o = arg;

	if (argc != 1)
		return cli_usage_error(ctx, "expected one ladder directory or model file");
	o->path = argv[0];
	/* An invalid ladder creates no database. */
	return cli_load_ladder(ctx, o->path, &o->m);
}

static int
publish_run(struct egf_ctx *ctx, void *arg)
{
	const struct publish_opts *o = arg;
	struct store *st = ctx->store;
	const struct model *m = o->m;
	struct published pub;
	const struct model *old;
	struct buf xml = {0};
	char hash[65];
	long long rowid;
	int found, rc = EXIT_USAGE;

	published_init(&pub, st, &ctx->diags);
	if (published_hash(m, hash) != 0 || model_xml_write(m, 1, &xml) != 0) {
		cli_report(ctx, DIAG_SYSTEM, "could not serialise the model");
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
			rc = refuse_change(ctx, o->path, old, m);
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
	return rc;
}

static void
publish_clear(void *arg)
{
	model_free(((struct publish_opts *)arg)->m);
}

const struct cmd_ops cmd_publish = { NULL, "", sizeof(struct publish_opts), publish_parse,
	publish_run, publish_clear };
