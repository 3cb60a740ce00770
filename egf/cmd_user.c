/* cmd_user.c: egf user add | token | disable | list — accounts of egf serve. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "commands.h"
#include "secret.h"
#include "store.h"
#include "store_serve.h"

/* Passwords shorter than this are refused: the throttle alone cannot save them. */
#define PASSWORD_MIN 8
#define PASSWORD_MAX 1024

struct user_opts {
	unsigned roles;
	int password_stdin;
	const char *email;
	long days;
};

/* Reads one line from stdin as the password; NULL after printing why. */
static char *
read_password(const struct egf_ctx *ctx, size_t *len)
{
	char line[PASSWORD_MAX + 2];
	size_t n;

	if (fgets(line, sizeof(line), stdin) == NULL) {
		fprintf(stderr, "egf %s: no password on standard input\n", ctx->command);
		return NULL;
	}
	n = strcspn(line, "\r\n");
	if (n == strlen(line) && !feof(stdin)) {
		fprintf(stderr, "egf %s: the password is longer than %d bytes\n", ctx->command,
		    PASSWORD_MAX);
		return NULL;
	}
	line[n] = '\0';
	if (n < PASSWORD_MIN) {
		fprintf(stderr, "egf %s: the password must have at least %d characters\n",
		    ctx->command, PASSWORD_MIN);
		return NULL;
	}
	*len = n;
	return xstrdup(line);
}

static int
user_add(struct egf_ctx *ctx, struct store *st, const char *id, const struct user_opts *o)
{
	struct store_person p;
	char *password = NULL, *hash = NULL;
	const char *email = o->email;
	size_t len = 0;
	int created, got, rc = EXIT_USAGE;

	if (o->password_stdin) {
		if ((password = read_password(ctx, &len)) == NULL)
			return EXIT_USAGE;
		hash = secret_password_hash(password, len);
		memset(password, 0, len);
		free(password);
		if (hash == NULL)
			return EXIT_USAGE;
	}
	if ((got = store_person_get(st, id, &p)) < 0)
		goto out;
	if (email == NULL && got == 1)
		email = p.email;
	if (store_begin(st) != 0 || store_account_put(st, id, email, hash, o->roles,
	    &created) != 0 || store_access_log(st, NULL, NULL, created ? "user add" :
	    "user change", id) != 0 || store_commit(st) != 0) {
		store_rollback(st);
		goto out;
	}
	printf("%s account %s%s%s%s\n", created ? "added" : "updated", id,
	    (o->roles & ACCOUNT_HR) ? " (hr)" : "", (o->roles & ACCOUNT_ADMIN) ? " (admin)" : "",
	    hash ? ", with a password" : "");
	rc = EXIT_OK;
out:
	store_person_clear(&p);
	free(hash);
	return rc;
}

static int
user_token(struct egf_ctx *ctx, struct store *st, const char *id, const struct user_opts *o)
{
	struct store_account a;
	char token[SECRET_TEXT], hash[65];
	long long now = (long long)time(NULL);
	int got = store_account_get(st, id, &a), disabled = a.disabled;

	store_account_clear(&a);
	if (got < 0)
		return EXIT_USAGE;
	if (got == 0 || disabled) {
		fprintf(stderr, "egf %s: no enabled account '%s' (egf user add)\n", ctx->command, id);
		return EXIT_INVALID;
	}
	secret_new("egf_", token);
	secret_hash(token, hash);
	if (store_begin(st) != 0 || store_token_add(st, hash, id, now,
	    now + o->days * 86400LL) != 0 || store_access_log(st, NULL, NULL, "user token",
	    id) != 0 || store_commit(st) != 0) {
		store_rollback(st);
		return EXIT_USAGE;
	}
	printf("%s\n", token);
	return EXIT_OK;
}

static int
user_disable(struct egf_ctx *ctx, struct store *st, const char *id, const struct user_opts *o)
{
	int got;

	(void)o;
	if (store_begin(st) != 0 || (got = store_account_disable(st, id)) < 0 ||
	    (got == 1 && store_access_log(st, NULL, NULL, "user disable", id) != 0)) {
		store_rollback(st);
		return EXIT_USAGE;
	}
	if (got == 0) {
		store_rollback(st);
		fprintf(stderr, "egf %s: no account '%s'\n", ctx->command, id);
		return EXIT_INVALID;
	}
	if (store_commit(st) != 0) {
		store_rollback(st);
		return EXIT_USAGE;
	}
	printf("disabled account %s; its tokens and sessions are revoked\n", id);
	return EXIT_OK;
}

struct list_ctx {
	struct store *st;
	long long now;
};

static int
list_one(const struct store_account *a, void *arg)
{
	struct list_ctx *lc = arg;
	long long tokens = store_token_count(lc->st, a->id, lc->now);

	printf("%s\t%s\t%s\t%s\t%s\t%lld token%s\n", a->id,
	    (a->roles & ACCOUNT_ADMIN) ? ((a->roles & ACCOUNT_HR) ? "admin,hr" : "admin") :
	    (a->roles & ACCOUNT_HR) ? "hr" : "-", a->email ? a->email : "-",
	    a->password ? "password" : "no-password", a->disabled ? "disabled" : "enabled",
	    tokens, tokens == 1 ? "" : "s");
	return 0;
}

static int
user_list(struct egf_ctx *ctx, struct store *st, const char *id, const struct user_opts *o)
{
	struct list_ctx lc;

	(void)ctx;
	(void)id;
	(void)o;
	lc.st = st;
	lc.now = (long long)time(NULL);
	return store_account_each(st, list_one, &lc) == 0 ? EXIT_OK : EXIT_USAGE;
}

/* The subcommands: name, whether it takes an ID, whether it writes. */
static const struct user_sub {
	const char *name;
	int (*run)(struct egf_ctx *, struct store *, const char *, const struct user_opts *);
	int takes_id, writes;
} subs[] = {
	{ "add", user_add, 1, 1 },
	{ "disable", user_disable, 1, 1 },
	{ "list", user_list, 0, 0 },
	{ "token", user_token, 1, 1 },
	{ NULL, NULL, 0, 0 },
};

int
cmd_user(struct egf_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "role", required_argument, NULL, 'r' },
		{ "email", required_argument, NULL, 'e' },
		{ "password-stdin", no_argument, NULL, 'P' },
		{ "days", required_argument, NULL, 'D' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const struct user_sub *sub;
	struct user_opts o;
	struct store *st;
	char *end;
	int ch, rc;

	memset(&o, 0, sizeof(o));
	o.days = 90;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "d:r:e:PD:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'd': ctx->db_path = optarg; break;
		case 'r':
			if (strcmp(optarg, "hr") == 0)
				o.roles |= ACCOUNT_HR;
			else if (strcmp(optarg, "admin") == 0)
				o.roles |= ACCOUNT_ADMIN;
			else
				return cli_usage_error(ctx, "--role is hr or admin, not '%s'", optarg);
			break;
		case 'e': o.email = optarg; break;
		case 'P': o.password_stdin = 1; break;
		case 'D':
			o.days = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || o.days < 1 || o.days > 3650)
				return cli_usage_error(ctx, "--days is a number from 1 to 3650");
			break;
		case 'h': return cli_help(ctx->command);
		default: return cli_option_error(ctx, argv, longopts);
		}
	}
	if (optind >= argc)
		return cli_usage_error(ctx, "expected add, token, disable or list");
	for (sub = subs; sub->name != NULL; sub++)
		if (strcmp(sub->name, argv[optind]) == 0)
			break;
	if (sub->name == NULL)
		return cli_usage_error(ctx, "unknown subcommand '%s' (add, token, disable or list)",
		    argv[optind]);
	if (argc - optind - 1 != sub->takes_id)
		return cli_usage_error(ctx, sub->takes_id ? "user %s takes one account ID" :
		    "user %s takes no arguments", sub->name);
	if (sub->takes_id && (strlen(argv[optind + 1]) == 0 || strlen(argv[optind + 1]) > 200))
		return cli_usage_error(ctx, "an account ID has 1 to 200 characters");
	if (secret_init() != 0)
		return EXIT_USAGE;
	if ((st = cli_store(ctx, sub->writes)) == NULL)
		return EXIT_USAGE;
	rc = sub->run(ctx, st, sub->takes_id ? argv[optind + 1] : NULL, &o);
	store_close(st);
	return rc;
}
