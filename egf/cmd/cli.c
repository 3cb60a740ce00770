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

void
cli_report(struct egf_ctx *ctx, enum diag_code code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vreport(&ctx->diags, code, ctx->command, fmt, ap);
	va_end(ap);
}

void
cli_report_sys(struct egf_ctx *ctx, enum diag_code code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vreport(&ctx->diags, code, NULL, fmt, ap);
	va_end(ap);
}

int
cli_usage_error(struct egf_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vreport(&ctx->diags, DIAG_USAGE, ctx->command, fmt, ap);
	va_end(ap);
	return EXIT_USAGE;
}

int
cli_next_option(struct egf_ctx *ctx, const char **arg)
{
	const struct cli_opt *o;

	if (ctx->next_opt >= ctx->nopts)
		return -1;
	o = &ctx->opts[ctx->next_opt++];
	*arg = o->arg;
	return o->val;
}

/* Whether word is one of the space-separated words of list. */
static int
word_in(const char *word, const char *list)
{
	size_t n = strlen(word);
	const char *p = list;

	while ((p = strstr(p, word)) != NULL) {
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return 1;
		p += n;
	}
	return 0;
}

int
cli_only_options(struct egf_ctx *ctx, const char *options, const char *what)
{
	const struct option *lo;
	size_t i;

	for (i = 0; i < ctx->nopts; i++)
		for (lo = ctx->longopts; lo->name != NULL; lo++)
			if (lo->val == ctx->opts[i].val) {
				if (!word_in(lo->name, options)) {
					cli_usage_error(ctx, "--%s does not go with '%s'", lo->name,
					    what);
					return -1;
				}
				break;
			}
	return 0;
}

int
cli_subcommand(struct egf_ctx *ctx, const struct cli_sub *subs, const char *list,
    int argc, char **argv)
{
	char *what;
	int i, rc;

	if (argc < 1) {
		cli_usage_error(ctx, "expected %s", list);
		return -1;
	}
	for (i = 0; subs[i].name != NULL; i++)
		if (strcmp(subs[i].name, argv[0]) == 0)
			break;
	if (subs[i].name == NULL) {
		cli_usage_error(ctx, "unknown subcommand '%s' (%s)", argv[0], list);
		return -1;
	}
	ctx->flags = (ctx->flags & ~(unsigned)CMD_DB_MODE) | (subs[i].flags & CMD_DB_MODE);
	if (subs[i].options == NULL)
		return i;
	what = xasprintf("%s %s", ctx->command, subs[i].name);
	rc = cli_only_options(ctx, subs[i].options, what);
	free(what);
	return rc == 0 ? i : -1;
}

#ifndef EGF_LIBEXECDIR
#define EGF_LIBEXECDIR "/usr/local/libexec/egf"
#endif

int
cli_exec(const char *program, char **argv)
{
	char *dir = program_dir();
	char *beside = dir ? path_join(dir, program) : NULL;
	char *installed = path_join(EGF_LIBEXECDIR, program);
	int saved;

	/* beside the running program first: a build tree (build/egf, build/egf-serve) */
	if (beside != NULL) {
		argv[0] = beside;
		execv(beside, argv);
	}
	argv[0] = installed;
	execv(installed, argv);
	saved = errno;
	diag_report(NULL, DIAG_SYSTEM, NULL,
	    "cannot run %s (looked in %s and %s): %s; 'make install' installs it", program,
	    dir ? dir : "the program's directory", EGF_LIBEXECDIR, strerror(saved));
	free(dir);
	free(beside);
	free(installed);
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
	diag_report(NULL, DIAG_USAGE, NULL, "no such command '%s'", command);
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
			diag_report(NULL, DIAG_REFUSED, NULL, "%s: a symbolic link to something "
			    "other than a device or FIFO; egf neither writes through it nor "
			    "replaces it", path);
		else if (errno == EEXIST)
			diag_report(NULL, DIAG_REFUSED, NULL, "%s: exists and is neither a regular "
			    "file, a device nor a FIFO; egf does not replace it", path);
		else
			diag_report(NULL, DIAG_WRITE, NULL, "%s: %s", path, strerror(errno));
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
		diag_report(NULL, DIAG_WRITE, NULL, "%s: %s", o->path, strerror(o->error));
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
cli_format(struct egf_ctx *ctx, const char *explicit_format, const char *path,
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

const char *
cli_suggest(const char *word, const char *const *candidates, size_t n)
{
	const char *best = NULL;
	size_t i, best_d = (size_t)-1;

	for (i = 0; i < n; i++) {
		size_t d = text_edit_distance(word, strlen(word), candidates[i],
		    strlen(candidates[i]), 0);

		if (d < best_d) {
			best_d = d;
			best = candidates[i];
		}
	}
	return best_d <= 2 || (best != NULL && best_d <= strlen(word) / 3) ? best : NULL;
}

int
cli_option_error(struct egf_ctx *ctx, char **argv, const struct option *longopts)
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

int
cli_open_store(struct egf_ctx *ctx)
{
	const char *path = store_path(ctx->db_path);
	int write = (ctx->flags & CMD_DB_WRITE) != 0;

	if (!(ctx->flags & (CMD_DB_READ | CMD_DB_WRITE)))
		return EXIT_OK;
	/* Without a database there is nothing to change: do not create one. */
	if (write && (ctx->flags & CMD_DB_EXISTING) && access(path, F_OK) != 0)
		write = 0;
	ctx->store = store_open(path, write ? STORE_WRITE : STORE_READ);
	return ctx->store != NULL ? EXIT_OK : EXIT_USAGE;
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
cli_output_dir(struct egf_ctx *ctx, const char *path)
{
	struct stat st;

	if (strcmp(path, "-") == 0)
		return cli_usage_error(ctx, "-o - would be standard output, but this writes a "
		    "directory");
	if (lstat(path, &st) != 0) {
		if (errno == ENOENT)
			return EXIT_OK;
		cli_report(ctx, DIAG_SYSTEM, "%s: %s", path, strerror(errno));
		return EXIT_USAGE;
	}
	if (S_ISLNK(st.st_mode)) {
		cli_report(ctx, DIAG_REFUSED, "%s is a symbolic link; egf neither writes through "
		    "it nor replaces it", path);
		return EXIT_USAGE;
	}
	if (!S_ISDIR(st.st_mode)) {
		cli_report(ctx, DIAG_REFUSED, "%s exists and is not a directory; refusing to "
		    "replace it", path);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

int
cli_peer_min(struct egf_ctx *ctx, const char *arg, unsigned *out)
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
