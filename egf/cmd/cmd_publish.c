/* cmd_publish.c: egf publish LADDER — store a compiled ladder version. */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "ladder.h"
#include "model_diff.h"
#include "publish.h"

/* Explains why a published version cannot be replaced (ch: its changes); EXIT_INVALID. */
static int
refuse_change(struct egf_ctx *ctx, const char *path, const struct model *m,
    const struct model_changes *ch)
{
	struct buf list = {0};
	size_t i;

	for (i = 0; i < ch->n && i < 20; i++) {
		const struct model_change *c = &ch->items[i];

		if (c->kind == CHANGE_MODIFIED)
			buf_printf(&list, "\n  %s %s: %s changed", c->node, c->id, c->field);
		else if (c->kind == CHANGE_MOVED)
			buf_printf(&list, "\n  %s %s moved from %s/%s to %s/%s", c->node, c->id,
			    c->old_competency, c->old_level, c->new_competency, c->new_level);
		else
			buf_printf(&list, "\n  %s %s %s", c->node, c->id, change_kind_name(c->kind));
	}
	if (ch->n > 20)
		buf_printf(&list, "\n  ... and %zu more", ch->n - 20);
	/* one diagnostic: the changes are its lines */
	cli_report_sys(ctx, DIAG_CONFLICT, "%s: version %s of ladder '%s' is already published with "
	    "other content (%zu change%s); publish it under a new version:%s", path, m->version,
	    m->id, ch->n, ch->n == 1 ? "" : "s", list.data ? list.data : "");
	buf_free(&list);
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
	const struct model *m = o->m;
	struct model_changes ch;
	int rc = EXIT_USAGE;

	switch (ladder_publish(ctx->store, &ctx->diags, m, &ch)) {
	case PUBLISH_DONE:
		printf("published %s %s: %zu levels, %zu competencies, %zu expectations\n", m->id,
		    m->version, m->nlevels, m->ncompetencies, m->nexpectations);
		rc = EXIT_OK;
		break;
	case PUBLISH_SAME:
		printf("%s %s is already published with the same content; nothing to do\n",
		    m->id, m->version);
		rc = EXIT_OK;
		break;
	case PUBLISH_CONFLICT:
		rc = refuse_change(ctx, o->path, m, &ch);
		break;
	case PUBLISH_SERIALISE:
		cli_report(ctx, DIAG_SYSTEM, "could not serialise the model");
		break;
	case PUBLISH_ERROR:
		break;
	}
	model_changes_free(&ch);
	return rc;
}

static void
publish_clear(void *arg)
{
	model_free(((struct publish_opts *)arg)->m);
}

const struct cmd_ops cmd_publish = { NULL, "", sizeof(struct publish_opts), publish_parse,
	publish_run, publish_clear, NULL };
