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
#include "commands.h"
#include "cycle.h"
#include "ladder.h"
#include "packet.h"
#include "packet_person.h"
#include "people.h"
#include "store.h"
#include "strmap.h"

struct packet_opts {
	const char *person, *cycle, *output, *template_path, *ladder;
	int all;
	enum packet_audience audience;
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
booklet(struct egf_ctx *ctx, const struct packet_opts *o, const struct packet_template *t)
{
	struct model *m = NULL;
	struct buf out = {0};
	int rc;

	if ((rc = cli_load_ladder(ctx, o->ladder, &m)) != EXIT_OK)
		return rc;
	rc = packet_booklet(t, m, &out) == 0 ? cli_write_output(o->output, &out) : EXIT_USAGE;
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

/* Renders one person's packet and writes it to path. */
static int
one_packet(const struct packet_opts *o, const struct packet_template *t, struct store *st,
    const struct calib_report *report, struct packet_names *nm, const struct cycle_person *p,
    const char *path, size_t *bytes)
{
	struct buf out = {0};
	int rc;

	if (packet_person_render(t, st, nm, report, p, o->cycle, o->audience, &out) != 0)
		rc = EXIT_USAGE;
	else	/* the committee copy holds private notes: for its owner only */
		rc = cli_write_output_mode(path, &out, o->audience == AUDIENCE_COMMITTEE ? 0600 :
		    0666);
	*bytes = out.len;
	buf_free(&out);
	return rc;
}

static int
packets(struct egf_ctx *ctx, const struct packet_opts *o, const struct packet_template *t)
{
	struct store *st = cli_store(ctx, 0);
	struct calib_slice slice = { NULL, NULL, NULL };
	struct calib_report report;
	struct packet_names nm;
	struct cycle c;
	size_t i, done = 0, total = 0, bytes_all = 0, skipped = 0;
	int rc = EXIT_OK, tty = isatty(STDERR_FILENO);

	if (st == NULL)
		return EXIT_USAGE;
	memset(&report, 0, sizeof(report));
	memset(&nm, 0, sizeof(nm));
	nm.st = st;
	if (cycle_load(&c, st, &ctx->diags, o->cycle, NULL, CYCLE_RATINGS |
	    (o->audience == AUDIENCE_COMMITTEE ? CYCLE_PRIVATE : 0)) != 0) {
		rc = EXIT_USAGE;
		goto out;
	}
	calib_report_build(&report, &c, &slice, NULL);
	for (i = 0; i < c.n; i++)
		if (c.people[i].model != NULL && (o->all || strcmp(c.people[i].info.id, o->person) == 0))
			total++;
	if (total == 0) {
		if (o->all)
			fprintf(stderr, "egf packet: nobody is assessed in cycle '%s'\n", o->cycle);
		else
			fprintf(stderr, "egf packet: '%s' has no assessment in cycle '%s'\n",
			    o->person, o->cycle);
		rc = EXIT_INVALID;
		goto out;
	}
	if (o->all && mkdir(o->output, 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "egf packet: %s: %s\n", o->output, strerror(errno));
		rc = EXIT_USAGE;
		goto out;
	}
	if (o->all && !path_is_dir(o->output)) {
		fprintf(stderr, "egf packet: %s is not a directory (--all writes one file per "
		    "person into it)\n", o->output);
		rc = EXIT_USAGE;
		goto out;
	}
	for (i = 0; i < c.n && rc == EXIT_OK; i++) {
		const struct cycle_person *p = &c.people[i];
		char *path;
		size_t bytes = 0;

		if (p->model == NULL || !(o->all || strcmp(p->info.id, o->person) == 0))
			continue;
		if (!people_valid_id(p->info.id)) {
			/* Never let an id choose where a file goes. */
			fprintf(stderr, "egf packet: skipping person id '%s': not a safe file name\n",
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
		rc = one_packet(o, t, st, &report, &nm, p, path, &bytes);
		done++;
		bytes_all += bytes;
		if (o->all && rc == EXIT_OK) {
			if (tty)
				progress(done, total, p->info.id);
			else
				printf("wrote %s\n", path);
		}
		free(path);
	}
	if (o->all && rc == EXIT_OK)
		printf("wrote %zu %s packets to %s (%.1f MB)\n", done,
		    packet_audience_name(o->audience), o->output, (double)bytes_all / 1e6);
	if (rc == EXIT_OK && skipped > 0)
		rc = EXIT_INVALID;
out:
	calib_report_free(&report);
	cycle_clear(&c);
	packet_names_free(&nm);
	store_close(st);
	return rc;
}

int
cmd_packet(struct egf_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "person", required_argument, NULL, 'p' },
		{ "cycle", required_argument, NULL, 'c' },
		{ "audience", required_argument, NULL, 'a' },
		{ "template", required_argument, NULL, 't' },
		{ "ladder", required_argument, NULL, 'l' },
		{ "all", no_argument, NULL, 'A' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct packet_opts o;
	struct packet_template t;
	int ch, aud, rc;

	memset(&o, 0, sizeof(o));
	o.audience = AUDIENCE_COMMITTEE;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'd': ctx->db_path = optarg; break;
		case 'p': o.person = optarg; break;
		case 'c': o.cycle = optarg; break;
		case 't': o.template_path = optarg; break;
		case 'l': o.ladder = optarg; break;
		case 'A': o.all = 1; break;
		case 'o': o.output = optarg; break;
		case 'a':
			if ((aud = packet_audience_parse(optarg)) < 0)
				return cli_usage_error(ctx, "--audience takes committee or employee");
			o.audience = (enum packet_audience)aud;
			break;
		case 'h': return cli_help(ctx->command);
		default: return cli_option_error(ctx, argv, longopts);
		}
	}
	if (optind != argc)
		return cli_usage_error(ctx, "unexpected argument '%s'", argv[optind]);
	if (o.output == NULL)
		return cli_usage_error(ctx, "name the output with -o (a PDF file, or a directory "
		    "with --all)");
	if (o.ladder != NULL && (o.person || o.cycle || o.all))
		return cli_usage_error(ctx, "--ladder takes no --person, --cycle or --all");
	if (o.ladder == NULL && (o.cycle == NULL || (o.person == NULL) == !o.all))
		return cli_usage_error(ctx, "expected --person ID --cycle C, --cycle C --all, "
		    "or --ladder DIR");
	if ((rc = load_template(ctx, o.template_path, &t)) == EXIT_OK)
		rc = o.ladder ? booklet(ctx, &o, &t) : packets(ctx, &o, &t);
	packet_template_clear(&t);
	return rc;
}
