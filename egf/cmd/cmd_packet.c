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

#include "commands.h"
#include "ladder.h"
#include "packet.h"
#include "packet_batch.h"
#include "people.h"

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

/* Renders one person's packet and writes it to path; *bytes its size. */
static int
one_packet(struct packet_batch *b, const struct pdf_fonts *f, const struct cycle_person *p,
    const char *path, size_t *bytes)
{
	struct buf out = {0};
	int rc;

	if (packet_batch_render(b, f, p, &out) != 0)
		rc = EXIT_USAGE;
	else	/* a packet holds a person's ratings: for its owner only, either copy */
		rc = cli_write_output_mode(path, &out, 0600);
	*bytes = out.len;
	buf_free(&out);
	return rc;
}

/* The packets' directory of --all: not a link or a file, and private whatever the umask. */
static int
packets_dir(struct egf_ctx *ctx, const char *dir)
{
	int rc;

	if ((rc = cli_output_dir(ctx, dir)) != EXIT_OK)
		return rc;
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		cli_report(ctx, DIAG_WRITE, "%s: %s", dir, strerror(errno));
		return EXIT_USAGE;
	}
	return cli_output_dir(ctx, dir);
}

static int
packets(struct egf_ctx *ctx, const struct packet_opts *o, struct pdf_fonts *f)
{
	struct packet_batch b;
	const struct cycle_person *p;
	size_t i = 0, done = 0, bytes_all = 0, skipped = 0, failed = 0;
	int rc = EXIT_OK, tty = isatty(STDERR_FILENO);

	if (packet_batch_load(&b, ctx->store, &ctx->diags, o->cycle, o->all ? NULL : o->person,
	    o->audience, o->peer_min) != 0) {
		rc = EXIT_USAGE;
		goto out;
	}
	if (b.total == 0) {
		if (o->all)
			cli_report(ctx, DIAG_NOT_FOUND, "nobody is assessed in cycle '%s'", o->cycle);
		else
			cli_report(ctx, DIAG_NOT_FOUND, "'%s' has no assessment in cycle '%s'",
			    o->person, o->cycle);
		rc = EXIT_INVALID;
		goto out;
	}
	if (o->all && (rc = packets_dir(ctx, o->output)) != EXIT_OK)
		goto out;
	if (pdf_fonts_wait(f) != 0) {
		rc = EXIT_USAGE;
		goto out;
	}
	while ((p = packet_batch_next(&b, &i)) != NULL) {
		char *path;
		size_t bytes = 0;

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
		if (one_packet(&b, f, p, path, &bytes) != EXIT_OK) {
			free(path);
			if (!o->all) {
				rc = EXIT_USAGE;
				goto out;
			}
			if (tty)
				fputc('\n', stderr);
			cli_report(ctx, DIAG_WRITE, "no packet for '%s' (%s); going on with the "
			    "others", p->info.id, p->info.name ? p->info.name : p->info.id);
			failed++;
			continue;
		}
		done++;
		bytes_all += bytes;
		if (o->all) {
			if (tty)
				progress(done + failed, b.total, p->info.id);
			else
				printf("wrote %s\n", path);
		}
		free(path);
	}
	if (o->all)
		printf("wrote %zu %s packets to %s (%.1f MB)\n", done,
		    packet_audience_name(o->audience), o->output, (double)bytes_all / 1e6);
	if (failed > 0) {
		cli_report(ctx, DIAG_WRITE, "%zu of %zu packets could not be made", failed, b.total);
		rc = EXIT_USAGE;
	} else if (skipped > 0)
		rc = EXIT_INVALID;
out:
	packet_batch_clear(&b);
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
	/*
	 * The fonts load in a thread of their own while the template and the
	 * database are read: first the libraries, then the template's fonts.
	 */
	o->f = pdf_fonts_start();
	rc = load_template(ctx, o->template_path, &o->t);
	pdf_fonts_template(o->f, rc == EXIT_OK ? &o->t : NULL);
	return rc;
}

static int
packet_run(struct egf_ctx *ctx, void *arg)
{
	const struct packet_opts *o = arg;

	if (o->ladder != NULL)
		return pdf_fonts_wait(o->f) != 0 ? EXIT_USAGE : booklet(ctx, o, o->f);
	return packets(ctx, o, o->f);
}

static void
packet_clear(void *arg)
{
	struct packet_opts *o = arg;

	pdf_fonts_free(o->f);
	packet_template_clear(&o->t);
}

const struct cmd_ops cmd_packet = { packet_options, "o:", sizeof(struct packet_opts),
	packet_parse, packet_run, packet_clear, NULL };
