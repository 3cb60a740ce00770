/* cmd_backup.c: egf backup -o FILE — a consistent copy of a live database. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "store.h"
#include "store_person_data.h"

/* Copies the file at tmp to the output (atomically, mode 0600, or to stdout). */
static int
deliver(struct egf_ctx *ctx, const char *tmp, const char *output)
{
	struct cli_output *o;
	char block[65536];
	ssize_t n;
	int fd, ok = 1;

	if ((fd = open(tmp, O_RDONLY | O_CLOEXEC)) == -1) {
		cli_report_sys(ctx, DIAG_SYSTEM, "%s: %s", tmp, strerror(errno));
		return EXIT_USAGE;
	}
	if ((o = cli_output_open(output, 0600)) == NULL) {
		close(fd);
		return EXIT_USAGE;
	}
	while ((n = read(fd, block, sizeof(block))) > 0)
		if (cli_output_write(o, block, (size_t)n) != 0)
			break;
	if (n < 0) {
		cli_report_sys(ctx, DIAG_SYSTEM, "%s: %s", tmp, strerror(errno));
		ok = 0;
	}
	close(fd);
	return cli_output_close(o, ok) == EXIT_OK && ok ? EXIT_OK : EXIT_USAGE;
}

struct backup_opts {
	const char *output;
};

/*
 * The copy is made in a private temporary file beside the output (in
 * $TMPDIR for standard output) and then written where it goes the way
 * every confidential output is: atomically, mode 0600, never through a
 * symbolic link.
 */
static int
backup_run(struct egf_ctx *ctx, void *arg)
{
	const char *output = ((const struct backup_opts *)arg)->output;
	const char *tmpdir = getenv("TMPDIR");
	char *dir, *tmp, *slash;
	int fd, rc = EXIT_USAGE;

	if (strcmp(output, "-") == 0)
		dir = xstrdup(tmpdir != NULL && *tmpdir != '\0' ? tmpdir : "/tmp");
	else if ((slash = strrchr(output, '/')) != NULL)
		dir = xstrndup(output, slash == output ? 1 : (size_t)(slash - output));
	else
		dir = xstrdup(".");
	tmp = xasprintf("%s/.egf-backup-XXXXXX", dir);
	free(dir);
	if ((fd = mkstemp(tmp)) == -1) {
		cli_report_sys(ctx, DIAG_SYSTEM, "%s: %s", tmp, strerror(errno));
		free(tmp);
		return EXIT_USAGE;
	}
	close(fd);
	if (store_backup(ctx->store, tmp) == 0)
		rc = deliver(ctx, tmp, output);
	unlink(tmp);
	free(tmp);
	return rc;
}

/* Whether a and b name the same existing file. */
static int
same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
	    sa.st_ino == sb.st_ino;
}

static const struct option backup_options[] = {
	{ "output", required_argument, NULL, 'o' },
	{ NULL, 0, NULL, 0 },
};

static int
backup_parse(struct egf_ctx *ctx, int argc, char **argv, void *arg)
{
	struct backup_opts *o = arg;
	const char *v;

	while (cli_next_option(ctx, &v) == 'o')
		o->output = v;
	if (argc != 0)
		return cli_usage_error(ctx, "unexpected argument '%s'", argv[0]);
	if (o->output == NULL)
		return cli_usage_error(ctx, "backup needs -o FILE (or -o - for standard output)");
	if (same_file(o->output, store_path(ctx->db_path))) {
		cli_report(ctx, DIAG_REFUSED, "%s is the database itself; write the copy "
		    "elsewhere", o->output);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

const struct cmd_ops cmd_backup = { backup_options, "o:", sizeof(struct backup_opts),
	backup_parse, backup_run, NULL, NULL };
