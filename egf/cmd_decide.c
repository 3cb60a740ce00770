/* cmd_decide.c: egf decide — promotion decisions and their audit log. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "cycle.h"
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

static int
show_log(struct egf_ctx *ctx, const char *cycle)
{
	struct store *st = cli_store(ctx, 0);
	int rc;

	if (st == NULL)
		return EXIT_USAGE;
	if ((rc = store_erasure_pending(st)) != 0) {
		if (rc > 0)
			fprintf(stderr, "egf decide: warning: %s holds an erasure authorisation "
			    "outside an erasure: the audit and decision logs may have been "
			    "changed by hand since it was added\n", store_path(ctx->db_path));
		else {
			store_close(st);
			return EXIT_USAGE;
		}
	}
	rc = store_audit_each(st, cycle, print_audit, NULL) == 0 ? EXIT_OK : EXIT_USAGE;
	store_close(st);
	return rc;
}

/* Checks the decision against the store; returns EXIT_OK or an exit status after a message. */
static int
check_decision(struct store *st, struct diag_list *dl, struct store_decision *d,
    const char **default_to)
{
	struct store_person by;
	struct cycle c;
	int got, rc = EXIT_OK;

	*default_to = NULL;
	if ((got = store_person_get(st, d->person, &by)) <= 0) {
		if (got == 0)
			fprintf(stderr, "egf decide: no person '%s' in the database\n", d->person);
		return got < 0 ? EXIT_USAGE : EXIT_INVALID;
	}
	store_person_clear(&by);
	if ((got = store_person_get(st, d->decided_by, &by)) <= 0) {
		if (got == 0)
			fprintf(stderr, "egf decide: no person '%s' (--by) in the database\n",
			    d->decided_by);
		return got < 0 ? EXIT_USAGE : EXIT_INVALID;
	}
	store_person_clear(&by);
	if (cycle_load(&c, st, dl, d->cycle, d->person, 0) != 0) {
		cycle_clear(&c);
		return EXIT_USAGE;
	}
	if (c.n == 0 || c.people[0].model == NULL) {
		fprintf(stderr, "egf decide: '%s' has no assessment in cycle '%s'\n", d->person,
		    d->cycle);
		rc = EXIT_INVALID;
	} else if (d->to_level != NULL && model_level(c.people[0].model, d->to_level) == NULL) {
		fprintf(stderr, "egf decide: no level '%s' in ladder %s %s\n", d->to_level,
		    c.people[0].model->id, c.people[0].model->version);
		rc = EXIT_INVALID;
	} else
		*default_to = c.people[0].target->id;
	if (*default_to != NULL)
		*default_to = xstrdup(*default_to);
	cycle_clear(&c);
	return rc;
}

static int
decide(struct egf_ctx *ctx, struct store_decision *d)
{
	struct store *st = cli_store(ctx, 1);
	struct store_decision old;
	const char *target = NULL;
	int rc, got;

	if (st == NULL)
		return EXIT_USAGE;
	memset(&old, 0, sizeof(old));
	if (store_begin(st) != 0) {
		store_close(st);
		return EXIT_USAGE;
	}
	if ((rc = check_decision(st, &ctx->diags, d, &target)) != EXIT_OK)
		goto out;
	if (strcmp(d->outcome, "promote") == 0 && d->to_level == NULL)
		d->to_level = (char *)target;
	if ((got = store_decision_get(st, d->person, d->cycle, &old)) < 0 ||
	    store_decision_set(st, d) != 0 || store_commit(st) != 0) {
		rc = EXIT_USAGE;
		goto out;
	}
	printf("%s %s for %s in %s", got ? "changed to" : "recorded", d->outcome, d->person,
	    d->cycle);
	if (d->to_level != NULL)
		printf(" (to %s)", d->to_level);
	if (got)
		printf("; was %s%s%s", old.outcome, old.to_level ? " to " : "",
		    old.to_level ? old.to_level : "");
	printf("\n");
out:
	store_rollback(st);
	store_decision_clear(&old);
	free((char *)target);
	store_close(st);
	return rc;
}

int
cmd_decide(struct egf_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "person", required_argument, NULL, 'p' },
		{ "cycle", required_argument, NULL, 'c' },
		{ "outcome", required_argument, NULL, 'O' },
		{ "to", required_argument, NULL, 't' },
		{ "by", required_argument, NULL, 'b' },
		{ "note", required_argument, NULL, 'n' },
		{ "log", no_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct store_decision d;
	int ch, log = 0;

	memset(&d, 0, sizeof(d));
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'd': ctx->db_path = optarg; break;
		case 'p': d.person = optarg; break;
		case 'c': d.cycle = optarg; break;
		case 'O': d.outcome = optarg; break;
		case 't': d.to_level = optarg; break;
		case 'b': d.decided_by = optarg; break;
		case 'n': d.note = optarg; break;
		case 'l': log = 1; break;
		case 'h': return cli_help(ctx->command);
		default: return cli_option_error(ctx, argv, longopts);
		}
	}
	if (optind != argc)
		return cli_usage_error(ctx, "unexpected argument '%s'", argv[optind]);
	if (log)
		return show_log(ctx, d.cycle);
	if (d.person == NULL || d.cycle == NULL || d.outcome == NULL || d.decided_by == NULL)
		return cli_usage_error(ctx, "decide needs --person, --cycle, --outcome and --by");
	if (strcmp(d.outcome, "promote") != 0 && strcmp(d.outcome, "hold") != 0 &&
	    strcmp(d.outcome, "defer") != 0)
		return cli_usage_error(ctx, "--outcome takes promote, hold or defer");
	if (d.to_level != NULL && strcmp(d.outcome, "promote") != 0)
		return cli_usage_error(ctx, "--to goes with --outcome promote");
	/* as forms do: a note may have line breaks and tabs, no other control character */
	if (d.note != NULL && text_has_control(d.note, 1))
		return cli_usage_error(ctx, "--note holds a control character (only line breaks "
		    "and tabs may be in a note)");
	if (text_has_control(d.person, 0) || text_has_control(d.cycle, 0) ||
	    text_has_control(d.decided_by, 0) || (d.to_level && text_has_control(d.to_level, 0)))
		return cli_usage_error(ctx, "--person, --cycle, --by and --to take no control "
		    "characters");
	return decide(ctx, &d);
}
