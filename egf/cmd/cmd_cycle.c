/* cmd_cycle.c: egf cycle — open a review cycle, move its phase, show it, reopen a form. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "cycle_phase.h"
#include "store.h"

struct cycle_opts {
	const char *ladder;	/* [ID@]VERSION */
	const char *due[STORE_NDUE];
	const char *people;	/* a file of person ids */
	const char *by;
	const char *person, *role, *rater;
	const char *format, *output;
	int sub;		/* index in subs */
	char **operands;	/* after the subcommand (borrowed from argv) */
};

/* The exit status of an operation's status, after printing its reason. */
static int
report(struct egf_ctx *ctx, enum cycle_status rc, struct buf *why)
{
	if (rc != CYCLE_OK && rc != CYCLE_ERROR)
		cli_report(ctx, rc == CYCLE_NOT_FOUND ? DIAG_NOT_FOUND : rc == CYCLE_CONFLICT ?
		    DIAG_CONFLICT : DIAG_BAD_VALUE, "%s", why->data ? why->data : "refused");
	buf_free(why);
	return rc == CYCLE_OK ? EXIT_OK : rc == CYCLE_ERROR ? EXIT_USAGE : EXIT_INVALID;
}

/* The people file: one person id a line; blank lines and lines starting with # are skipped. */
struct people_file {
	char *data;
	char **ids;
	size_t n, cap;
};

static int
read_people(struct egf_ctx *ctx, struct store *st, const char *path, struct people_file *pf)
{
	enum file_status fs;
	size_t len, errors = diag_errors(&ctx->diags);
	unsigned line = 0;
	char *p, *next;

	memset(pf, 0, sizeof(*pf));
	if ((fs = file_read(path, 16u << 20, &pf->data, &len)) != FILE_OK) {
		cli_report(ctx, fs == FILE_TOO_LARGE ? DIAG_TOO_LARGE : DIAG_SYSTEM, "%s: %s", path,
		    fs == FILE_TOO_LARGE ? "larger than 16 MiB" : strerror(errno));
		return EXIT_USAGE;
	}
	for (p = pf->data; p != NULL && *p != '\0'; p = next) {
		struct store_person person;
		int got;

		line++;
		if ((next = strpbrk(p, "\r\n")) != NULL) {
			if (next[0] == '\r' && next[1] == '\n')
				*next++ = '\0';
			*next++ = '\0';
		}
		while (*p == ' ' || *p == '\t')
			p++;
		len = strlen(p);
		while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
			p[--len] = '\0';
		if (*p == '\0' || *p == '#')
			continue;
		if (text_has_control(p, 0) || strlen(p) > 200) {
			diag_add(&ctx->diags, DIAG_BAD_ID, path, line, 1, "a person id has at most "
			    "200 bytes and no control character");
			continue;
		}
		if ((got = store_person_get(st, p, &person)) < 0)
			return EXIT_USAGE;
		store_person_clear(&person);
		if (got == 0) {
			diag_add(&ctx->diags, DIAG_UNKNOWN_PERSON, path, line, 1,
			    "no person '%s' in the database (egf people import)", p);
			continue;
		}
		xgrow((void **)&pf->ids, &pf->cap, pf->n + 1, sizeof(char *));
		pf->ids[pf->n++] = p;
	}
	if (diag_errors(&ctx->diags) > errors)
		return EXIT_INVALID;
	if (pf->n == 0) {
		cli_report(ctx, DIAG_BAD_VALUE, "%s: names nobody", path);
		return EXIT_INVALID;
	}
	return EXIT_OK;
}

static int
cycle_open_cmd(struct egf_ctx *ctx, struct store *st, char **operands,
    const struct cycle_opts *o)
{
	const char *id = operands[0];
	struct people_file pf;
	struct cycle_open op;
	struct cycle_state cs;
	struct buf why = {0};
	const char *at;
	char *ladder = NULL;
	size_t i;
	int rc;

	if (o->ladder == NULL)
		return cli_usage_error(ctx, "cycle open needs --ladder [ID@]VERSION");
	memset(&op, 0, sizeof(op));
	memset(&pf, 0, sizeof(pf));
	op.id = id;
	op.version = o->ladder;
	if ((at = strchr(o->ladder, '@')) != NULL) {
		ladder = xstrndup(o->ladder, (size_t)(at - o->ladder));
		op.ladder = ladder;
		op.version = at + 1;
	}
	for (i = 0; i < STORE_NDUE; i++)
		op.due[i] = o->due[i];
	op.by = cli_actor(o->by);
	if (o->people != NULL) {
		if ((rc = read_people(ctx, st, o->people, &pf)) != EXIT_OK) {
			cli_flush_diags(ctx);
			goto out;
		}
		op.people = (const char *const *)pf.ids;
		op.npeople = pf.n;
	}
	if ((rc = report(ctx, cycle_phase_open(st, &op, &why), &why)) != EXIT_OK)
		goto out;
	if (cycle_state_get(st, id, &cs) != 0)
		rc = EXIT_USAGE;
	else
		printf("opened cycle %s: phase %s, ladder %s %s, %lld people\n", id,
		    cycle_phase_name(cs.phase), cs.ladder_id, cs.version, cs.npeople);
	cycle_state_clear(&cs);
out:
	free(ladder);
	free(pf.data);
	free(pf.ids);
	return rc;
}

static int
cycle_phase_cmd(struct egf_ctx *ctx, struct store *st, char **operands,
    const struct cycle_opts *o)
{
	const char *id = operands[0], *name = operands[1];
	struct buf why = {0};
	enum cycle_phase from;
	int to = cycle_phase_parse(name), rc;

	if (to < 0)
		return cli_usage_error(ctx, "a phase is self, manager, calibration, released or "
		    "closed, not '%s'", name);
	rc = report(ctx, cycle_phase_move(st, id, (enum cycle_phase)to, cli_actor(o->by), &from,
	    &why), &why);
	if (rc == EXIT_OK)
		printf("cycle %s: %s -> %s\n", id, cycle_phase_name(from), name);
	return rc;
}

static int
cycle_show_cmd(struct egf_ctx *ctx, struct store *st, char **operands,
    const struct cycle_opts *o)
{
	const char *id = operands[0];
	static const char *const formats[] = { "text", "json", NULL };
	struct buf out = {0}, why = {0};
	int fmt = cli_format(ctx, o->format, o->output, formats, 0), rc;

	if (fmt < 0)
		return EXIT_USAGE;
	rc = report(ctx, cycle_phase_show(st, id, fmt == 1, &out, &why), &why);
	if (rc == EXIT_OK)
		rc = cli_write_output_mode(o->output, &out, 0600);
	buf_free(&out);
	return rc;
}

static int
cycle_reopen_cmd(struct egf_ctx *ctx, struct store *st, char **operands,
    const struct cycle_opts *o)
{
	const char *id = operands[0];
	struct buf why = {0};
	int rc;

	if (o->person == NULL || o->role == NULL || (o->rater == NULL &&
	    strcmp(o->role, "self") != 0))
		return cli_usage_error(ctx, "cycle reopen needs --person, --role and --rater "
		    "(a self-assessment's rater is the person)");
	rc = report(ctx, cycle_phase_reopen(st, id, o->person, o->role,
	    o->rater ? o->rater : o->person, cli_actor(o->by), &why), &why);
	if (rc == EXIT_OK)
		printf("reopened the %s form by %s about %s in cycle %s: it can be submitted "
		    "once\n", o->role, o->rater ? o->rater : o->person, o->person, id);
	return rc;
}

/* The subcommands, sorted by name: database mode; in step with runs[]. */
static const struct cli_sub subs[] = {
	{ "open", CMD_DB_WRITE, NULL },
	{ "phase", CMD_DB_WRITE, NULL },
	{ "reopen", CMD_DB_WRITE, NULL },
	{ "show", CMD_DB_READ, NULL },
	{ NULL, 0, NULL },
};

/* Per subcommand: the operands after the cycle and what runs. */
static const struct {
	int operands;
	int (*run)(struct egf_ctx *, struct store *, char **, const struct cycle_opts *);
} runs[] = {
	{ 0, cycle_open_cmd },
	{ 1, cycle_phase_cmd },
	{ 0, cycle_reopen_cmd },
	{ 0, cycle_show_cmd },
};

static const struct option cycle_options[] = {
	{ "ladder", required_argument, NULL, 'L' },
	{ "self-due", required_argument, NULL, 'S' },
	{ "manager-due", required_argument, NULL, 'M' },
	{ "calibration", required_argument, NULL, 'C' },
	{ "release", required_argument, NULL, 'R' },
	{ "people", required_argument, NULL, 'P' },
	{ "by", required_argument, NULL, 'b' },
	{ "person", required_argument, NULL, 'p' },
	{ "role", required_argument, NULL, 'r' },
	{ "rater", required_argument, NULL, 'a' },
	{ "format", required_argument, NULL, 'f' },
	{ "output", required_argument, NULL, 'o' },
	{ NULL, 0, NULL, 0 },
};

static int
cycle_parse(struct egf_ctx *ctx, int argc, char **argv, void *arg)
{
	struct cycle_opts *o = arg;
	const char *v;
	size_t i;
	int ch;

	while ((ch = cli_next_option(ctx, &v)) != -1) {
		switch (ch) {
		case 'L': o->ladder = v; break;
		case 'S': o->due[STORE_DUE_SELF] = v; break;
		case 'M': o->due[STORE_DUE_MANAGER] = v; break;
		case 'C': o->due[STORE_DUE_CALIBRATION] = v; break;
		case 'R': o->due[STORE_DUE_RELEASE] = v; break;
		case 'P': o->people = v; break;
		case 'b': o->by = v; break;
		case 'p': o->person = v; break;
		case 'r': o->role = v; break;
		case 'a': o->rater = v; break;
		case 'f': o->format = v; break;
		case 'o': o->output = v; break;
		}
	}
	if ((o->sub = cli_subcommand(ctx, subs, "open, phase, show or reopen", argc, argv)) < 0)
		return EXIT_USAGE;
	if (argc - 2 != runs[o->sub].operands)
		return cli_usage_error(ctx, runs[o->sub].operands ? "cycle %s takes a cycle and a "
		    "phase" : "cycle %s takes one cycle", subs[o->sub].name);
	for (i = 1; i < (size_t)argc; i++)
		if (text_has_control(argv[i], 0))
			return cli_usage_error(ctx, "a cycle or phase takes no control characters");
	{
		const char *opts[] = { o->by, o->person, o->role, o->rater, o->ladder };

		for (i = 0; i < sizeof(opts) / sizeof(opts[0]); i++)
			if (opts[i] != NULL && text_has_control(opts[i], 0))
				return cli_usage_error(ctx, "--by, --person, --role, --rater and "
				    "--ladder take no control characters");
	}
	o->operands = argv + 1;
	return EXIT_OK;
}

static int
cycle_run(struct egf_ctx *ctx, void *arg)
{
	const struct cycle_opts *o = arg;

	return runs[o->sub].run(ctx, ctx->store, o->operands, o);
}

const struct cmd_ops cmd_cycle = { cycle_options, "f:o:", sizeof(struct cycle_opts),
	cycle_parse, cycle_run, NULL, NULL };
