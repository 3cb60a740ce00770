/* cmd_decide.c: egf decide — promotion decisions and their audit log. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "decision.h"
#include "store.h"
#include "store_person_data.h"

/* One entry a line: a note's line feed or escape sequence can never forge another. */
static int
print_audit(const struct store_audit *a, void *arg)
{
	const char *fields[6] = { a->at, a->actor, a->action, a->subject,
	    a->before ? a->before : "(none)", a->after ? a->after : "(none)" };
	struct buf line = {0};
	size_t i;

	(void)arg;
	buf_printf(&line, "%lld", a->id);
	for (i = 0; i < 6; i++) {
		buf_puts(&line, i == 4 ? ": " : i == 5 ? " -> " : " ");
		buf_add_text(&line, fields[i], 0);
	}
	puts(line.data);
	buf_free(&line);
	return 0;
}

struct decide_opts {
	struct decision_request req;
	int log;
};

static int
show_log(struct egf_ctx *ctx, const char *cycle)
{
	int rc;

	if ((rc = store_erasure_pending(ctx->store)) != 0) {
		if (rc < 0)
			return EXIT_USAGE;
		cli_report(ctx, DIAG_RUN_WARNING, "%s holds an erasure authorisation outside an "
		    "erasure: the audit and decision logs may have been changed by hand since "
		    "it was added", store_path(ctx->db_path));
	}
	return store_audit_each(ctx->store, cycle, print_audit, NULL) == 0 ? EXIT_OK : EXIT_USAGE;
}

/* Says why the decision was not recorded; returns the exit status. */
static int
refused(struct egf_ctx *ctx, enum decision_status s, const struct decision_request *req,
    const struct decision_result *r)
{
	switch (s) {
	case DECISION_NO_PERSON:
		cli_report(ctx, DIAG_UNKNOWN_PERSON, "no person '%s' in the database", req->person);
		break;
	case DECISION_NO_DECIDER:
		cli_report(ctx, DIAG_UNKNOWN_PERSON, "no person '%s' (--by) in the database",
		    req->decided_by);
		break;
	case DECISION_NOT_ASSESSED:
		cli_report(ctx, DIAG_NOT_FOUND, "'%s' has no assessment in cycle '%s'",
		    req->person, req->cycle);
		break;
	case DECISION_NO_LEVEL:
		cli_report(ctx, DIAG_UNKNOWN_LEVEL, "no level '%s' in ladder %s %s", req->to_level,
		    r->ladder_id, r->ladder_version);
		break;
	case DECISION_OK:
		return EXIT_OK;
	case DECISION_FAILED:
		break;
	}
	return s == DECISION_FAILED ? EXIT_USAGE : EXIT_INVALID;
}

static int
decide_run(struct egf_ctx *ctx, void *arg)
{
	const struct decide_opts *o = arg;
	const struct decision_request *req = &o->req;
	struct decision_result r;
	enum decision_status s;
	int rc;

	if (o->log)
		return show_log(ctx, req->cycle);
	s = decision_record(ctx->store, &ctx->diags, req, &r);
	if ((rc = refused(ctx, s, req, &r)) == EXIT_OK) {
		printf("%s %s for %s in %s", r.changed ? "changed to" : "recorded", req->outcome,
		    req->person, req->cycle);
		if (r.to_level != NULL)
			printf(" (to %s)", r.to_level);
		if (r.changed)
			printf("; was %s%s%s", r.old_outcome, r.old_to_level ? " to " : "",
			    r.old_to_level ? r.old_to_level : "");
		printf("\n");
	}
	decision_result_clear(&r);
	return rc;
}

static const struct option decide_options[] = {
	{ "person", required_argument, NULL, 'p' },
	{ "cycle", required_argument, NULL, 'c' },
	{ "outcome", required_argument, NULL, 'O' },
	{ "to", required_argument, NULL, 't' },
	{ "by", required_argument, NULL, 'b' },
	{ "note", required_argument, NULL, 'n' },
	{ "log", no_argument, NULL, 'l' },
	{ NULL, 0, NULL, 0 },
};

static int
decide_parse(struct egf_ctx *ctx, int argc, char **argv, void *arg)
{
	struct decide_opts *o = arg;
	struct decision_request *d = &o->req;
	const char *v;
	int ch;

	while ((ch = cli_next_option(ctx, &v)) != -1) {
		switch (ch) {
		case 'p': d->person = v; break;
		case 'c': d->cycle = v; break;
		case 'O': d->outcome = v; break;
		case 't': d->to_level = v; break;
		case 'b': d->decided_by = v; break;
		case 'n': d->note = v; break;
		case 'l': o->log = 1; break;
		}
	}
	if (argc != 0)
		return cli_usage_error(ctx, "unexpected argument '%s'", argv[0]);
	if (o->log) {
		ctx->flags = (ctx->flags & ~(unsigned)CMD_DB_MODE) | CMD_DB_READ;
		return EXIT_OK;
	}
	if (d->person == NULL || d->cycle == NULL || d->outcome == NULL || d->decided_by == NULL)
		return cli_usage_error(ctx, "decide needs --person, --cycle, --outcome and --by");
	if (strcmp(d->outcome, "promote") != 0 && strcmp(d->outcome, "hold") != 0 &&
	    strcmp(d->outcome, "defer") != 0)
		return cli_usage_error(ctx, "--outcome takes promote, hold or defer");
	if (d->to_level != NULL && strcmp(d->outcome, "promote") != 0)
		return cli_usage_error(ctx, "--to goes with --outcome promote");
	/* as forms do: a note may have line breaks and tabs, no other control character */
	if (d->note != NULL && text_has_control(d->note, 1))
		return cli_usage_error(ctx, "--note holds a control character (only line breaks "
		    "and tabs may be in a note)");
	if (text_has_control(d->person, 0) || text_has_control(d->cycle, 0) ||
	    text_has_control(d->decided_by, 0) || (d->to_level && text_has_control(d->to_level, 0)))
		return cli_usage_error(ctx, "--person, --cycle, --by and --to take no control "
		    "characters");
	return EXIT_OK;
}

const struct cmd_ops cmd_decide = { decide_options, "", sizeof(struct decide_opts),
	decide_parse, decide_run, NULL, NULL };
