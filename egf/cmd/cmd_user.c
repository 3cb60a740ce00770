/* cmd_user.c: egf user add | token | disable | list — accounts of egf serve. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "commands.h"
#include "secret.h"
#include "user.h"

/* The longest password line read from standard input. */
#define PASSWORD_MAX 1024

struct user_opts {
	int sub;		/* index in subs */
	const char *id;		/* borrowed from argv; NULL for list */
	unsigned roles;
	int password_stdin;
	const char *email;
	long days;
};

/* Reads one line from stdin as the password; NULL after printing why. */
static char *
read_password(struct egf_ctx *ctx, size_t *len)
{
	char line[PASSWORD_MAX + 2];
	size_t n;

	if (fgets(line, sizeof(line), stdin) == NULL) {
		cli_report(ctx, DIAG_NEEDS_OPTION, "no password on standard input");
		return NULL;
	}
	n = strcspn(line, "\r\n");
	if (n == strlen(line) && !feof(stdin)) {
		cli_report(ctx, DIAG_NEEDS_OPTION, "the password is longer than %d bytes",
		    PASSWORD_MAX);
		return NULL;
	}
	line[n] = '\0';
	*len = n;
	return xstrdup(line);
}

static int
add_cmd(struct egf_ctx *ctx, struct store *st, const char *id, const struct user_opts *o)
{
	char *password = NULL;
	size_t len = 0;
	int created, with_password = o->password_stdin;
	enum user_status rc;

	if (o->password_stdin && (password = read_password(ctx, &len)) == NULL)
		return EXIT_USAGE;
	rc = user_add(st, id, o->email, password, len, o->roles, &created);
	if (password != NULL) {
		memset(password, 0, len);
		free(password);
	}
	if (rc == USER_SHORT_PASSWORD) {
		cli_report(ctx, DIAG_NEEDS_OPTION, "the password must have at least %d characters",
		    USER_PASSWORD_MIN);
		return EXIT_USAGE;
	}
	if (rc != USER_OK)
		return EXIT_USAGE;
	printf("%s account %s%s%s%s\n", created ? "added" : "updated", id,
	    (o->roles & ACCOUNT_HR) ? " (hr)" : "", (o->roles & ACCOUNT_ADMIN) ? " (admin)" : "",
	    with_password ? ", with a password" : "");
	return EXIT_OK;
}

static int
token_cmd(struct egf_ctx *ctx, struct store *st, const char *id, const struct user_opts *o)
{
	char token[SECRET_TEXT];

	switch (user_token(st, id, (long long)time(NULL), o->days, token)) {
	case USER_OK:
		printf("%s\n", token);
		return EXIT_OK;
	case USER_NOT_FOUND:
		cli_report(ctx, DIAG_NOT_FOUND, "no enabled account '%s' (egf user add)", id);
		return EXIT_INVALID;
	default:
		return EXIT_USAGE;
	}
}

static int
disable_cmd(struct egf_ctx *ctx, struct store *st, const char *id, const struct user_opts *o)
{
	(void)o;
	switch (user_disable(st, id)) {
	case USER_OK:
		printf("disabled account %s; its tokens and sessions are revoked\n", id);
		return EXIT_OK;
	case USER_NOT_FOUND:
		cli_report(ctx, DIAG_NOT_FOUND, "no account '%s'", id);
		return EXIT_INVALID;
	default:
		return EXIT_USAGE;
	}
}

static int
list_one(const struct store_account *a, long long tokens, void *arg)
{
	(void)arg;
	printf("%s\t%s\t%s\t%s\t%s\t%lld token%s\n", a->id,
	    (a->roles & ACCOUNT_ADMIN) ? ((a->roles & ACCOUNT_HR) ? "admin,hr" : "admin") :
	    (a->roles & ACCOUNT_HR) ? "hr" : "-", a->email ? a->email : "-",
	    a->password ? "password" : "no-password", a->disabled ? "disabled" : "enabled",
	    tokens, tokens == 1 ? "" : "s");
	return 0;
}

static int
list_cmd(struct egf_ctx *ctx, struct store *st, const char *id, const struct user_opts *o)
{
	(void)ctx;
	(void)id;
	(void)o;
	return user_each(st, (long long)time(NULL), list_one, NULL) == 0 ? EXIT_OK : EXIT_USAGE;
}

/* The subcommands, sorted by name: database mode; in step with runs[]. */
static const struct cli_sub subs[] = {
	{ "add", CMD_DB_WRITE, NULL },
	{ "disable", CMD_DB_WRITE, NULL },
	{ "list", CMD_DB_READ, NULL },
	{ "token", CMD_DB_WRITE, NULL },
	{ NULL, 0, NULL },
};

static const struct {
	int (*run)(struct egf_ctx *, struct store *, const char *, const struct user_opts *);
	int takes_id;
} runs[] = {
	{ add_cmd, 1 },
	{ disable_cmd, 1 },
	{ list_cmd, 0 },
	{ token_cmd, 1 },
};

static const struct option user_options[] = {
	{ "role", required_argument, NULL, 'r' },
	{ "email", required_argument, NULL, 'e' },
	{ "password-stdin", no_argument, NULL, 'P' },
	{ "days", required_argument, NULL, 'D' },
	{ NULL, 0, NULL, 0 },
};

static int
user_parse(struct egf_ctx *ctx, int argc, char **argv, void *arg)
{
	struct user_opts *o = arg;
	const char *v;
	char *end;
	int ch, takes_id;

	o->days = 90;
	while ((ch = cli_next_option(ctx, &v)) != -1) {
		switch (ch) {
		case 'r':
			if (strcmp(v, "hr") == 0)
				o->roles |= ACCOUNT_HR;
			else if (strcmp(v, "admin") == 0)
				o->roles |= ACCOUNT_ADMIN;
			else
				return cli_usage_error(ctx, "--role is hr or admin, not '%s'", v);
			break;
		case 'e': o->email = v; break;
		case 'P': o->password_stdin = 1; break;
		case 'D':
			o->days = strtol(v, &end, 10);
			if (*v == '\0' || *end != '\0' || o->days < 1 || o->days > 3650)
				return cli_usage_error(ctx, "--days is a number from 1 to 3650");
			break;
		}
	}
	if ((o->sub = cli_subcommand(ctx, subs, "add, token, disable or list", argc, argv)) < 0)
		return EXIT_USAGE;
	takes_id = runs[o->sub].takes_id;
	if (argc - 1 != takes_id)
		return cli_usage_error(ctx, takes_id ? "user %s takes one account ID" :
		    "user %s takes no arguments", subs[o->sub].name);
	if (takes_id && (strlen(argv[1]) == 0 || strlen(argv[1]) > 200))
		return cli_usage_error(ctx, "an account ID has 1 to 200 characters");
	o->id = takes_id ? argv[1] : NULL;
	return secret_init() != 0 ? EXIT_USAGE : EXIT_OK;
}

static int
user_run(struct egf_ctx *ctx, void *arg)
{
	const struct user_opts *o = arg;

	return runs[o->sub].run(ctx, ctx->store, o->id, o);
}

const struct cmd_ops cmd_user = { user_options, "r:e:PD:", sizeof(struct user_opts),
	user_parse, user_run, NULL, NULL };
