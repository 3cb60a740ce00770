/*
 * cmd_packet.c: egf packet — promotion packets (one person or the whole
 * cycle) and the ladder booklet, as PDF.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "calib_report.h"
#include "calib_snapshot.h"
#include "commands.h"
#include "cycle.h"
#include "ladder.h"
#include "outcomes.h"
#include "packet.h"
#include "packet_person.h"
#include "people.h"
#include "store.h"
#include "strmap.h"

struct packet_opts {
	const char *person, *cycle, *output, *template_path, *ladder;
	int all;
	enum packet_audience audience;
	unsigned peer_min;
	struct packet_template t;	/* owned: loaded by parse, before the database */
	struct pdf_fonts *f;		/* owned */
};

static int
load_template(struct egf_ctx *ctx, const char *path, struct packet_template *t)
{
	char *def = path ? NULL : packet_template_default();
	int rc = packet_template_load(path ? path : def, &ctx->diags, t);

	free(def);
	if (rc != 0)
		return EXIT_USAGE;
	return cli_flush_diags(ctx) > 0 ? EXIT_INVALID : EXIT_OK;
}

/* The ladder booklet: egf packet --ladder DIR -o FILE.pdf */
static int
booklet(struct egf_ctx *ctx, const struct packet_opts *o, const struct pdf_fonts *f)
{
	struct model *m = NULL;
	struct buf out = {0};
	int rc;

	if ((rc = cli_load_ladder(ctx, o->ladder, &m)) != EXIT_OK)
		return rc;
	rc = packet_booklet(f, m, &out) == 0 ? cli_write_output(o->output, &out) : EXIT_USAGE;
	buf_free(&out);
	model_free(m);
	return rc;
}

static void
progress(size_t done, size_t total, const char *id)
{
	char bar[31];
	size_t i, fill = total ? done * 30 / total : 30;

	for (i = 0; i < 30; i++)
		bar[i] = i < fill ? '#' : '.';
	bar[30] = '\0';
	fprintf(stderr, "\r[%s] %zu/%zu %-24.24s", bar, done, total, id);
	if (done == total)
		fputc('\n', stderr);
	fflush(stderr);
}

/* The outcomes of the teams met so far, loaded once per team. */
struct contexts {
	struct team_outcomes *items;
	size_t n, cap;
};

/* The team's outcomes in the cycle (NULL for no team); -1 after a database error. */
static int
team_context(struct contexts *cx, struct store *st, const char *team, const char *cycle,
    const struct team_outcomes **out)
{
	size_t i;

	*out = NULL;
	if (team == NULL)
		return 0;
	for (i = 0; i < cx->n; i++)
		if (strcmp(cx->items[i].team, team) == 0) {
			*out = &cx->items[i];
			return 0;
		}
	xgrow((void **)&cx->items, &cx->cap, cx->n + 1, sizeof(*cx->items));
	if (outcomes_load(st, team, cycle, &cx->items[cx->n]) != 0) {
		outcomes_clear(&cx->items[cx->n]);
		return -1;
	}
	*out = &cx->items[cx->n++];
	return 0;
}

static void
contexts_free(struct contexts *cx)
{
	size_t i;

	for (i = 0; i < cx->n; i++)
		outcomes_clear(&cx->items[i]);
	free(cx->items);
}

/* Renders one person's packet and writes it to path. */
static int
one_packet(const struct packet_opts *o, const struct pdf_fonts *f, struct store *st,
    const struct calib_report *report, struct packet_names *nm, struct contexts *cx,
    const struct cycle_person *p, const char *path, size_t *bytes)
{
	const struct team_outcomes *team;
	struct buf out = {0};
	int rc;

	if (team_context(cx, st, p->info.team, o->cycle, &team) != 0)
		return EXIT_USAGE;
	if (packet_person_render(f, st, nm, report, p, o->cycle, o->audience, o->peer_min, team,
	    &out) != 0)
		rc = EXIT_USAGE;
	else	/* a packet holds a person's ratings: for its owner only, either copy */
		rc = cli_write_output_mode(path, &out, 0600);
	*bytes = out.len;
	buf_free(&out);
	return rc;
}

/*
 * The calibration context of one person's packet without the whole
 * organisation's ratings: their level's manager shares and the cycle's
 * manager sums from the calibration snapshot (calib_snapshot.h). The report
 * borrows from c, lc and snap.
 */
static int
person_context(struct egf_ctx *ctx, struct store *st, const char *cycle,
    struct cycle *c, const struct cycle_person *p, struct cycle *lc,
    struct calib_snapshot *snap, struct calib_report *report)
{
	struct calib_slice slice = { NULL, NULL, p->info.level, NULL },
	    all = { NULL, NULL, NULL, NULL };

	if (p->info.level != NULL && calib_snapshot_get(snap, st, &ctx->diags, cycle,
	    p->info.level, &c->pub, NULL) != 0)
		return EXIT_USAGE;
	if (p->info.level == NULL || snap->unflagged > 0) {
		/* Ratings stored before their flags were: only their evidence texts,
		 * read with the whole cycle, give the raters' counts. */
		if (cycle_load(lc, st, &ctx->diags, cycle, NULL, CYCLE_FLAGS) != 0)
			return EXIT_USAGE;
		calib_report_build(report, lc, p->info.level == NULL ? &slice : &all, NULL);
		return EXIT_OK;
	}
	if (calib_report_level(report, cycle, p, snap->people, snap->shares, snap->n) != 0)
		return EXIT_OK;		/* not among their level's people: no context */
	calib_report_set_raters(report, snap->raters, snap->nraters);
	return EXIT_OK;
}

static int
packets(struct egf_ctx *ctx, const struct packet_opts *o, const struct pdf_fonts *f)
{
	struct store *st = ctx->store;
	struct calib_slice slice = { NULL, NULL, NULL, NULL };
	struct calib_report report;
	struct contexts cx = { NULL, 0, 0 };
	struct calib_snapshot snap;
	struct packet_names nm;
	struct cycle c, lc;
	size_t i, done = 0, total = 0, bytes_all = 0, skipped = 0, failed = 0;
	int rc = EXIT_OK, tty = isatty(STDERR_FILENO);

	memset(&report, 0, sizeof(report));
	memset(&nm, 0, sizeof(nm));
	memset(&lc, 0, sizeof(lc));
	memset(&snap, 0, sizeof(snap));
	nm.st = st;
	nm.map = strmap_new();
	/* One packet loads one person; --all the cycle, whose calibration it shares. */
	if (cycle_load(&c, st, &ctx->diags, o->cycle, o->all ? NULL : o->person, CYCLE_RATINGS |
	    (o->audience == AUDIENCE_COMMITTEE ? CYCLE_PRIVATE : 0)) != 0) {
		rc = EXIT_USAGE;
		goto out;
	}
	if (o->all)
		calib_report_build(&report, &c, &slice, NULL);
	else if (o->audience == AUDIENCE_COMMITTEE && c.n == 1 && c.people[0].model != NULL &&
	    (rc = person_context(ctx, st, o->cycle, &c, &c.people[0], &lc, &snap,
	    &report)) != EXIT_OK)
		goto out;
	for (i = 0; i < c.n; i++)
		if (c.people[i].model != NULL && (o->all || strcmp(c.people[i].info.id, o->person) == 0))
			total++;
	if (total == 0) {
		if (o->all)
			cli_report(ctx, DIAG_NOT_FOUND, "nobody is assessed in cycle '%s'", o->cycle);
		else
			cli_report(ctx, DIAG_NOT_FOUND, "'%s' has no assessment in cycle '%s'",
			    o->person, o->cycle);
		rc = EXIT_INVALID;
		goto out;
	}
	if (o->all && (rc = cli_output_dir(ctx, o->output)) != EXIT_OK)
		goto out;
	/* the packets' directory is private too, whatever the umask */
	if (o->all && mkdir(o->output, 0700) != 0 && errno != EEXIST) {
		cli_report(ctx, DIAG_WRITE, "%s: %s", o->output, strerror(errno));
		rc = EXIT_USAGE;
		goto out;
	}
	if (o->all && (rc = cli_output_dir(ctx, o->output)) != EXIT_OK)
		goto out;
	for (i = 0; i < c.n; i++) {
		const struct cycle_person *p = &c.people[i];
		char *path;
		size_t bytes = 0;

		if (p->model == NULL || !(o->all || strcmp(p->info.id, o->person) == 0))
			continue;
		if (!people_valid_id(p->info.id)) {
			/* Never let an id choose where a file goes. */
			cli_report(ctx, DIAG_BAD_ID, "skipping person id '%s': not a safe file name",
			    p->info.id);
			skipped++;
			continue;
		}
		if (o->all) {
			char *name = xasprintf("%s.pdf", p->info.id);

			path = path_join(o->output, name);
			free(name);
		} else
			path = xstrdup(o->output);
		/*
		 * In a batch, a packet that cannot be made is named and skipped:
		 * the others are still written, and the exit status says so.
		 */
		if (one_packet(o, f, st, &report, &nm, &cx, p, path, &bytes) != EXIT_OK) {
			if (!o->all) {
				free(path);
				rc = EXIT_USAGE;
				goto out;
			}
			if (tty)
				fputc('\n', stderr);
			cli_report(ctx, DIAG_WRITE, "no packet for '%s' (%s); going on with the "
			    "others", p->info.id, p->info.name ? p->info.name : p->info.id);
			failed++;
			free(path);
			continue;
		}
		done++;
		bytes_all += bytes;
		if (o->all) {
			if (tty)
				progress(done + failed, total, p->info.id);
			else
				printf("wrote %s\n", path);
		}
		free(path);
	}
	if (o->all)
		printf("wrote %zu %s packets to %s (%.1f MB)\n", done,
		    packet_audience_name(o->audience), o->output, (double)bytes_all / 1e6);
	if (failed > 0) {
		cli_report(ctx, DIAG_WRITE, "%zu of %zu packets could not be made", failed, total);
		rc = EXIT_USAGE;
	} else if (skipped > 0)
		rc = EXIT_INVALID;
out:
	contexts_free(&cx);
	calib_report_free(&report);
	calib_snapshot_clear(&snap);
	cycle_clear(&lc);
	cycle_clear(&c);
	packet_names_free(&nm);
	return rc;
}

static const struct option packet_options[] = {
	{ "person", required_argument, NULL, 'p' },
	{ "cycle", required_argument, NULL, 'c' },
	{ "audience", required_argument, NULL, 'a' },
	{ "template", required_argument, NULL, 't' },
	{ "ladder", required_argument, NULL, 'l' },
	{ "all", no_argument, NULL, 'A' },
	{ "peer-min", required_argument, NULL, 'P' },
	{ "output", required_argument, NULL, 'o' },
	{ NULL, 0, NULL, 0 },
};

static int
packet_parse(struct egf_ctx *ctx, int argc, char **argv, void *arg)
{
	struct packet_opts *o = arg;
	const char *v;
	int ch, aud, rc;

	o->audience = AUDIENCE_COMMITTEE;
	o->peer_min = CYCLE_PEER_MIN;
	while ((ch = cli_next_option(ctx, &v)) != -1) {
		switch (ch) {
		case 'p': o->person = v; break;
		case 'c': o->cycle = v; break;
		case 't': o->template_path = v; break;
		case 'l': o->ladder = v; break;
		case 'A': o->all = 1; break;
		case 'P':
			if (cli_peer_min(ctx, v, &o->peer_min) != 0)
				return EXIT_USAGE;
			break;
		case 'o': o->output = v; break;
		case 'a':
			if ((aud = packet_audience_parse(v)) < 0)
				return cli_usage_error(ctx, "--audience takes committee or employee");
			o->audience = (enum packet_audience)aud;
			break;
		}
	}
	if (argc != 0)
		return cli_usage_error(ctx, "unexpected argument '%s'", argv[0]);
	if (o->output == NULL)
		return cli_usage_error(ctx, "name the output with -o (a PDF file, or a directory "
		    "with --all)");
	if (o->ladder != NULL && (o->person || o->cycle || o->all))
		return cli_usage_error(ctx, "--ladder takes no --person, --cycle or --all");
	if (o->ladder == NULL && (o->cycle == NULL || (o->person == NULL) == !o->all))
		return cli_usage_error(ctx, "expected --person ID --cycle C, --cycle C --all, "
		    "or --ladder DIR");
	if (o->ladder != NULL)	/* the booklet reads the ladder, not the database */
		ctx->flags &= ~(unsigned)CMD_DB_MODE;
	if ((rc = load_template(ctx, o->template_path, &o->t)) == EXIT_OK &&
	    (o->f = pdf_fonts_new(&o->t)) == NULL)
		rc = EXIT_USAGE;
	return rc;
}

static int
packet_run(struct egf_ctx *ctx, void *arg)
{
	const struct packet_opts *o = arg;

	return o->ladder ? booklet(ctx, o, o->f) : packets(ctx, o, o->f);
}

static void
packet_clear(void *arg)
{
	struct packet_opts *o = arg;

	pdf_fonts_free(o->f);
	packet_template_clear(&o->t);
}

const struct cmd_ops cmd_packet = { packet_options, "o:", sizeof(struct packet_opts),
	packet_parse, packet_run, packet_clear };
