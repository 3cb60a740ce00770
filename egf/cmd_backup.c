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
deliver(const char *tmp, const char *output)
{
	struct cli_output *o;
	char block[65536];
	ssize_t n;
	int fd, ok = 1;

	if ((fd = open(tmp, O_RDONLY | O_CLOEXEC)) == -1) {
		fprintf(stderr, "egf: %s: %s\n", tmp, strerror(errno));
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
		fprintf(stderr, "egf: %s: %s\n", tmp, strerror(errno));
		ok = 0;
	}
	close(fd);
	return cli_output_close(o, ok) == EXIT_OK && ok ? EXIT_OK : EXIT_USAGE;
}

/*
 * The copy is made in a private temporary file beside the output (in
 * $TMPDIR for standard output) and then written where it goes the way
 * every confidential output is: atomically, mode 0600, never through a
 * symbolic link.
 */
static int
backup(struct egf_ctx *ctx, const char *output)
{
	const char *tmpdir = getenv("TMPDIR");
	struct store *st;
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
		fprintf(stderr, "egf: %s: %s\n", tmp, strerror(errno));
		free(tmp);
		return EXIT_USAGE;
	}
	close(fd);
	if ((st = cli_store(ctx, 0)) != NULL) {
		if (store_backup(st, tmp) == 0)
			rc = deliver(tmp, output);
		store_close(st);
	}
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

int
cmd_backup(struct egf_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *output = NULL;
	int ch;

	opterr = 0;
	while ((ch = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'd': ctx->db_path = optarg; break;
		case 'o': output = optarg; break;
		case 'h': return cli_help(ctx->command);
		default: return cli_option_error(ctx, argv, longopts);
		}
	}
	if (optind != argc)
		return cli_usage_error(ctx, "unexpected argument '%s'", argv[optind]);
	if (output == NULL)
		return cli_usage_error(ctx, "backup needs -o FILE (or -o - for standard output)");
	if (same_file(output, store_path(ctx->db_path))) {
		fprintf(stderr, "egf backup: %s is the database itself; write the copy "
		    "elsewhere\n", output);
		return EXIT_USAGE;
	}
	return backup(ctx, output);
}
