/* cli.c: helpers shared by the commands. */
#include "cli.h"
#include "ladder.h"
#include "store.h"

#include <errno.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <getopt.h>
#include <pwd.h>
#include <string.h>
#include <unistd.h>

int
cli_usage_error(const struct egf_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "egf %s: ", ctx->command);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'egf %s --help'.\n", ctx->command);
	return EXIT_USAGE;
}

int
cli_help(const char *command)
{
	const struct egf_command *c;

	for (c = egf_commands; c->name != NULL; c++)
		if (strcmp(c->name, command) == 0) {
			fputs(c->usage, stdout);
			return EXIT_OK;
		}
	fprintf(stderr, "egf: no such command '%s'\n", command);
	return EXIT_USAGE;
}

int
cli_warning_option(struct egf_ctx *ctx, const char *arg)
{
	int code;

	if (strcmp(arg, "error") == 0) {
		ctx->diags.werror = 1;
		return 0;
	}
	if (strncmp(arg, "no-", 3) != 0) {
		cli_usage_error(ctx, "-W takes 'error' or 'no-CHECK', not '%s'", arg);
		return -1;
	}
	if ((code = diag_lookup(arg + 3)) < 0) {
		cli_usage_error(ctx, "-W %s: no check is called '%s'", arg, arg + 3);
		return -1;
	}
	if (diag_code_level((enum diag_code)code) != DIAG_WARNING) {
		cli_usage_error(ctx, "-W %s: '%s' is an error, which cannot be turned off", arg,
		    arg + 3);
		return -1;
	}
	ctx->diags.off[code] = 1;
	return 0;
}

int
cli_path_inside(const char *file, const char *dir)
{
	char *f = realpath(file, NULL), *d = realpath(dir, NULL);
	size_t n = d ? strlen(d) : 0;
	int in = f != NULL && d != NULL && strncmp(f, d, n) == 0 &&
	    (f[n] == '/' || f[n] == '\0' || (n == 1 && d[0] == '/'));

	free(f);
	free(d);
	return in;
}

size_t
cli_flush_diags(struct egf_ctx *ctx)
{
	fflush(stdout);
	return diag_flush(&ctx->diags, stderr, ctx->color);
}

int
cli_write_output(const char *path, const struct buf *data)
{
	return cli_write_output_mode(path, data, 0666);
}

struct cli_output {
	const char *path;	/* for messages */
	struct atomic_file *file;	/* NULL: standard output */
	int error;		/* errno of the first failure, 0 when none */
};

struct cli_output *
cli_output_open(const char *path, int mode)
{
	struct cli_output *o = xcalloc(1, sizeof(*o));

	if (path == NULL || strcmp(path, "-") == 0) {
		o->path = "standard output";
		return o;
	}
	o->path = path;
	if ((o->file = atomic_open(path, mode)) == NULL) {
		if (errno == ELOOP)
			fprintf(stderr, "egf: %s: a symbolic link to something other than a device "
			    "or FIFO; egf neither writes through it nor replaces it\n", path);
		else if (errno == EEXIST)
			fprintf(stderr, "egf: %s: exists and is neither a regular file, a device nor "
			    "a FIFO; egf does not replace it\n", path);
		else
			fprintf(stderr, "egf: %s: %s\n", path, strerror(errno));
		free(o);
		return NULL;
	}
	return o;
}

int
cli_output_write(void *output, const char *data, size_t len)
{
	struct cli_output *o = output;

	if (o->error != 0)
		return -1;
	if (o->file == NULL) {	/* main checks standard output once, at exit */
		if (len > 0)
			fwrite(data, 1, len, stdout);
		return 0;
	}
	if (atomic_append(o->file, data, len) != 0) {
		o->error = errno != 0 ? errno : EIO;
		return -1;
	}
	return 0;
}

int
cli_output_close(struct cli_output *o, int keep)
{
	int rc = EXIT_OK;

	/* standard output (o->file NULL) is checked once, at exit: main.c */
	if (o->file != NULL && (!keep || o->error != 0))
		atomic_abort(o->file);
	else if (o->file != NULL && atomic_commit(o->file) != 0)
		o->error = errno;
	if (o->error != 0) {
		fprintf(stderr, "egf: %s: %s\n", o->path, strerror(o->error));
		rc = EXIT_USAGE;
	}
	free(o);
	return rc;
}

int
cli_write_output_mode(const char *path, const struct buf *data, int mode)
{
	struct cli_output *o = cli_output_open(path, mode);

	if (o == NULL)
		return EXIT_USAGE;
	cli_output_write(o, data->data ? data->data : "", data->len);
	return cli_output_close(o, 1);
}

int
cli_format(const struct egf_ctx *ctx, const char *explicit_format, const char *path,
    const char *const names[], int fallback)
{
	const char *want = explicit_format, *asked;
	size_t i;

	if (want == NULL && path != NULL && strcmp(path, "-") != 0) {
		want = path_ext(path);
		if (*want == '\0')
			return fallback;
	}
	if (want == NULL)
		return fallback;
	/* File extensions that name a format by another word. */
	asked = want;
	if (strcmp(want, "txt") == 0)
		want = "text";
	else if (strcmp(want, "htm") == 0)
		want = "html";
	for (i = 0; names[i] != NULL; i++)
		if (strcmp(names[i], want) == 0)
			return (int)i;
	{
		struct buf list = {0};

		for (i = 0; names[i] != NULL; i++)
			buf_printf(&list, "%s%s", i ? ", " : "", names[i]);
		cli_usage_error(ctx, "unknown format '%s' (one of %s)", asked, list.data);
		buf_free(&list);
	}
	return -1;
}

/* Levenshtein distance, enough for command and option names. */
static size_t
edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	size_t *row, result;

	if (la > 64 || lb > 64)
		return (size_t)-1;
	row = xcalloc(lb + 1, sizeof(*row));
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		size_t diag = row[0];

		row[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);

			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			if (up + 1 < best)
				best = up + 1;
			row[j] = best;
			diag = up;
		}
	}
	result = row[lb];
	free(row);
	return result;
}

const char *
cli_suggest(const char *word, const char *const *candidates, size_t n)
{
	const char *best = NULL;
	size_t i, best_d = (size_t)-1;

	for (i = 0; i < n; i++) {
		size_t d = edit_distance(word, candidates[i]);

		if (d < best_d) {
			best_d = d;
			best = candidates[i];
		}
	}
	return best_d <= 2 || (best != NULL && best_d <= strlen(word) / 3) ? best : NULL;
}

int
cli_option_error(const struct egf_ctx *ctx, char **argv, const struct option *longopts)
{
	extern int optind, optopt;
	const char *bad = argv[optind - 1];
	const char *names[64];
	size_t n = 0;
	char *word, *eq;
	const char *hint;

	if (optopt != 0 && bad[0] == '-' && bad[1] != '-') {
		const struct option *o;

		for (o = longopts; o->name != NULL; o++)
			if (o->val == optopt && o->has_arg == required_argument)
				return cli_usage_error(ctx, "option -%c needs a value", optopt);
		return cli_usage_error(ctx, "unknown option -%c", optopt);
	}
	for (; longopts->name != NULL && n < 64; longopts++)
		names[n++] = longopts->name;
	word = xstrdup(bad + (bad[0] == '-' && bad[1] == '-' ? 2 : 0));
	if ((eq = strchr(word, '=')) != NULL)
		*eq = '\0';
	hint = cli_suggest(word, names, n);
	if (strcmp(bad, "--") != 0 && hint != NULL && strcmp(hint, word) == 0) {
		free(word);
		return cli_usage_error(ctx, "option %s needs a value", bad);
	}
	free(word);
	if (hint != NULL)
		return cli_usage_error(ctx, "unknown option '%s'; did you mean '--%s'?", bad, hint);
	return cli_usage_error(ctx, "unknown option '%s'", bad);
}

struct store *
cli_store(struct egf_ctx *ctx, int write)
{
	return store_open(store_path(ctx->db_path), write ? STORE_WRITE : STORE_READ);
}

int
cli_load_ladder(struct egf_ctx *ctx, const char *path, struct model **out)
{
	enum ladder_status st = ladder_load(path, &ctx->diags, out);

	if (cli_flush_diags(ctx) > 0 || st != LADDER_OK) {
		model_free(*out);
		*out = NULL;
		return st == LADDER_IO ? EXIT_USAGE : EXIT_INVALID;
	}
	return EXIT_OK;
}

const char *
cli_actor(const char *by)
{
	const struct passwd *pw;

	if (by != NULL && *by != '\0')
		return by;
	if ((pw = getpwuid(geteuid())) != NULL && pw->pw_name != NULL)
		return pw->pw_name;
	return "unknown";
}

int
cli_output_dir(const struct egf_ctx *ctx, const char *path)
{
	struct stat st;

	if (strcmp(path, "-") == 0)
		return cli_usage_error(ctx, "-o - would be standard output, but this writes a "
		    "directory");
	if (lstat(path, &st) != 0)
		return errno == ENOENT ? EXIT_OK : (fprintf(stderr, "egf %s: %s: %s\n",
		    ctx->command, path, strerror(errno)), EXIT_USAGE);
	if (S_ISLNK(st.st_mode)) {
		fprintf(stderr, "egf %s: %s is a symbolic link; egf neither writes through it nor "
		    "replaces it\n", ctx->command, path);
		return EXIT_USAGE;
	}
	if (!S_ISDIR(st.st_mode)) {
		fprintf(stderr, "egf %s: %s exists and is not a directory; refusing to "
		    "replace it\n", ctx->command, path);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

int
cli_peer_min(const struct egf_ctx *ctx, const char *arg, unsigned *out)
{
	char *end;
	long v = strtol(arg, &end, 10);

	if (*arg == '\0' || *end != '\0' || v < 1 || v > 1000) {
		cli_usage_error(ctx, "--peer-min takes a number from 1 to 1000, not '%s'", arg);
		return -1;
	}
	*out = (unsigned)v;
	return 0;
}
