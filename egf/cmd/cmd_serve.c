/* cmd_serve.c: egf serve — the web application and JSON API (docs/serve.md). */
#include <arpa/inet.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "commands.h"
#include "serve.h"

/* ADDR/BITS (or ADDR alone: the one address) into c; -1 when it is neither. */
static int
parse_cidr(const char *s, struct serve_cidr *c)
{
	char addr[64];
	const char *slash = strchr(s, '/');
	size_t len = slash ? (size_t)(slash - s) : strlen(s);
	unsigned max;
	char *end;
	long bits;

	if (len == 0 || len >= sizeof(addr))
		return -1;
	memcpy(addr, s, len);
	addr[len] = '\0';
	memset(c, 0, sizeof(*c));
	if (inet_pton(AF_INET, addr, c->addr) == 1) {
		c->family = AF_INET;
		max = 32;
	} else if (inet_pton(AF_INET6, addr, c->addr) == 1) {
		c->family = AF_INET6;
		max = 128;
	} else
		return -1;
	if (slash == NULL) {
		c->bits = max;
		return 0;
	}
	bits = strtol(slash + 1, &end, 10);
	if (slash[1] == '\0' || *end != '\0' || bits < 0 || bits > (long)max)
		return -1;
	c->bits = (unsigned)bits;
	return 0;
}

/* A whole number in [lo, hi]; -1 otherwise. */
static long
number(const char *s, long lo, long hi)
{
	char *end;
	long v = strtol(s, &end, 10);

	return *s != '\0' && *end == '\0' && v >= lo && v <= hi ? v : -1;
}

enum { O_AUTH = 256, O_HEADER, O_TRUSTED, O_CERT, O_KEY, O_INSECURE, O_THREADS,
	O_CONNS, O_TIMEOUT, O_BODY, O_ROUTES, O_IDLE, O_ABSOLUTE, O_RETENTION, O_PER_ADDRESS };

static const struct option serve_options[] = {
	{ "listen", required_argument, NULL, 'l' },
	{ "auth", required_argument, NULL, O_AUTH },
	{ "proxy-header", required_argument, NULL, O_HEADER },
	{ "trusted-proxy", required_argument, NULL, O_TRUSTED },
	{ "tls-cert", required_argument, NULL, O_CERT },
	{ "tls-key", required_argument, NULL, O_KEY },
	{ "insecure-cookies", no_argument, NULL, O_INSECURE },
	{ "threads", required_argument, NULL, O_THREADS },
	{ "max-connections", required_argument, NULL, O_CONNS },
	{ "max-per-address", required_argument, NULL, O_PER_ADDRESS },
	{ "timeout", required_argument, NULL, O_TIMEOUT },
	{ "body-limit", required_argument, NULL, O_BODY },
	{ "session-idle", required_argument, NULL, O_IDLE },
	{ "session-max", required_argument, NULL, O_ABSOLUTE },
	{ "routes", no_argument, NULL, O_ROUTES },
	{ "retention-keep-cycles", required_argument, NULL, O_RETENTION },
	{ NULL, 0, NULL, 0 },
};

struct serve_opts {
	struct serve_config cfg;	/* cfg.trusted owned */
	size_t trusted_cap;
	int routes;		/* --routes: print the route table instead */
};

/* One option into o; EXIT_OK, or EXIT_USAGE after a usage error. */
static int
serve_option(struct egf_ctx *ctx, struct serve_opts *o, int ch, const char *arg)
{
	struct serve_config *cfg = &o->cfg;
	long v;

	switch (ch) {
	case 'l': cfg->listen = arg; break;
	case O_AUTH:
		if (strcmp(arg, "local") == 0)
			cfg->auth = AUTH_LOCAL;
		else if (strcmp(arg, "proxy") == 0)
			cfg->auth = AUTH_PROXY;
		else
			return cli_usage_error(ctx, "--auth is local or proxy, not '%s'", arg);
		break;
	case O_HEADER: cfg->proxy_header = arg; break;
	case O_TRUSTED:
		xgrow((void **)&cfg->trusted, &o->trusted_cap, cfg->ntrusted + 1,
		    sizeof(*cfg->trusted));
		if (parse_cidr(arg, &cfg->trusted[cfg->ntrusted]) != 0)
			return cli_usage_error(ctx, "--trusted-proxy takes ADDR or ADDR/BITS, "
			    "not '%s'", arg);
		cfg->ntrusted++;
		break;
	case O_CERT: cfg->tls_cert = arg; break;
	case O_KEY: cfg->tls_key = arg; break;
	case O_INSECURE: cfg->insecure_cookies = 1; break;
	case O_THREADS:
		if ((v = number(arg, 1, 256)) < 0)
			return cli_usage_error(ctx, "--threads is 1 to 256");
		cfg->threads = (unsigned)v;
		break;
	case O_CONNS:
		if ((v = number(arg, 1, 100000)) < 0)
			return cli_usage_error(ctx, "--max-connections is 1 to 100000");
		cfg->max_connections = (unsigned)v;
		break;
	case O_PER_ADDRESS:
		if ((v = number(arg, 0, 100000)) < 0)
			return cli_usage_error(ctx, "--max-per-address is 0 (no limit) to 100000");
		cfg->max_per_address = (unsigned)v;
		break;
	case O_TIMEOUT:
		if ((v = number(arg, 1, 3600)) < 0)
			return cli_usage_error(ctx, "--timeout is 1 to 3600 seconds");
		cfg->timeout = (unsigned)v;
		break;
	case O_BODY:
		if ((v = number(arg, 1024, 64L * 1024 * 1024)) < 0)
			return cli_usage_error(ctx, "--body-limit is 1024 to 67108864 bytes");
		cfg->body_limit = (size_t)v;
		break;
	case O_IDLE:
		if ((v = number(arg, 60, 86400 * 30)) < 0)
			return cli_usage_error(ctx, "--session-idle is 60 to 2592000 seconds");
		cfg->session_idle = v;
		break;
	case O_ABSOLUTE:
		if ((v = number(arg, 60, 86400 * 90)) < 0)
			return cli_usage_error(ctx, "--session-max is 60 to 7776000 seconds");
		cfg->session_absolute = v;
		break;
	case O_RETENTION:
		if ((v = number(arg, 1, 1000)) < 0)
			return cli_usage_error(ctx, "--retention-keep-cycles is 1 to 1000");
		cfg->retention_keep = v;
		break;
	case O_ROUTES: o->routes = 1; break;
	}
	return EXIT_OK;
}

static int
serve_parse(struct egf_ctx *ctx, int argc, char **argv, void *arg)
{
	struct serve_opts *o = arg;
	struct serve_config *cfg = &o->cfg;
	const char *v;
	int ch;

	cfg->listen = "127.0.0.1:8080";
	cfg->auth = AUTH_LOCAL;
	cfg->threads = 4;
	cfg->max_connections = 256;
	cfg->max_per_address = 64;
	cfg->timeout = 30;
	cfg->body_limit = 1024 * 1024;
	cfg->session_idle = 2 * 3600;
	cfg->session_absolute = 12 * 3600;
	while ((ch = cli_next_option(ctx, &v)) != -1) {
		if (serve_option(ctx, o, ch, v) != EXIT_OK)
			return EXIT_USAGE;
		if (o->routes)	/* the table, whatever else was asked */
			return EXIT_OK;
	}
	if (argc != 0)
		return cli_usage_error(ctx, "unexpected argument '%s'", argv[0]);
	if (cfg->auth == AUTH_PROXY && (cfg->ntrusted == 0 || cfg->proxy_header == NULL))
		return cli_usage_error(ctx, "--auth proxy needs --proxy-header NAME and at least "
		    "one --trusted-proxy ADDR[/BITS]: without them anyone could claim to be "
		    "anyone");
	if (cfg->auth == AUTH_LOCAL && (cfg->ntrusted > 0 || cfg->proxy_header != NULL))
		return cli_usage_error(ctx, "--proxy-header and --trusted-proxy go with --auth proxy");
	if ((cfg->tls_cert == NULL) != (cfg->tls_key == NULL))
		return cli_usage_error(ctx, "--tls-cert and --tls-key go together");
	return EXIT_OK;
}

static int
serve_cmd_run(struct egf_ctx *ctx, void *arg)
{
	struct serve_opts *o = arg;

	if (o->routes) {
		serve_print_routes();
		return EXIT_OK;
	}
	o->cfg.db_path = store_path(ctx->db_path);
	return serve_run(&o->cfg);
}

static void
serve_clear(void *arg)
{
	free(((struct serve_opts *)arg)->cfg.trusted);
}

const struct cmd_ops cmd_serve = { serve_options, "l:", sizeof(struct serve_opts),
	serve_parse, serve_cmd_run, serve_clear, NULL };
