/*
 * serve_auth.c: who is calling, and signing in and out.
 *
 * Credentials, in order: an API token (Authorization: Bearer), the
 * reverse proxy's header (--auth proxy, believed only from a trusted
 * address), the web session cookie (--auth local). Tokens and session ids
 * are random 256-bit secrets of which the store keeps only the SHA-256.
 *
 * CSRF: a request authenticated by the browser (session cookie or proxy)
 * that changes state must carry a token the page gave it: the SHA-256 of
 * the session id (so nothing more is stored), or for proxy users of a
 * per-process secret and their id. The sign-in form's token is derived
 * the same way from a short-lived sign-in cookie.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "html.h"
#include "secret.h"
#include "serve.h"
#include "sha256.h"

#define SESSION_COOKIE "egf_session"
#define LOGIN_COOKIE "egf_signin"
/* The sign-in throttle: this many failures within the window lock for the window. */
#define THROTTLE_FAILURES 10
#define THROTTLE_WINDOW (15 * 60)

long long
serve_now(void)
{
	return (long long)time(NULL);
}

/* hex SHA-256 of "what\n" a "\n" b. */
static void
derive(const char *what, const char *a, const char *b, char out[65])
{
	struct sha256 s;

	sha256_init(&s);
	sha256_update(&s, what, strlen(what));
	sha256_update(&s, "\n", 1);
	sha256_update(&s, a, strlen(a));
	sha256_update(&s, "\n", 1);
	sha256_update(&s, b, strlen(b));
	sha256_hex(&s, out);
}

static int
in_cidr(const struct serve_cidr *c, const char *address)
{
	unsigned char addr[16];
	unsigned i, bits = c->bits;

	if (inet_pton(c->family, address, addr) != 1)
		return 0;
	for (i = 0; bits > 0; i++) {
		unsigned take = bits >= 8 ? 8 : bits;
		unsigned mask = (0xffu << (8 - take)) & 0xffu;

		if ((addr[i] & mask) != (c->addr[i] & mask))
			return 0;
		bits -= take;
	}
	return 1;
}

static int
trusted(const struct serve_config *cfg, const char *address)
{
	size_t i;

	for (i = 0; i < cfg->ntrusted; i++)
		if (in_cidr(&cfg->trusted[i], address))
			return 1;
	return 0;
}

static int
signed_in(struct request *r, enum serve_via via, int got)
{
	if (got <= 0)
		return got;
	r->via = via;
	r->caller.id = r->account.id;
	r->caller.roles = r->account.roles;
	return 1;
}

int
serve_auth_identify(struct request *r)
{
	const struct serve_config *cfg = r->srv->cfg;
	const char *auth = req_header(r, "Authorization"), *cookie;
	char hash[65];
	int got;

	if (auth != NULL && strncmp(auth, "Bearer ", 7) == 0) {
		secret_hash(auth + 7, hash);
		got = store_token_account(r->st, hash, serve_now(), &r->account);
		return signed_in(r, VIA_TOKEN, got) < 0 ? -1 : 0;
	}
	if (cfg->auth == AUTH_PROXY) {
		const char *email = req_header(r, cfg->proxy_header);

		/* From anyone but the proxy, the header is what a client made up. */
		if (email == NULL || *email == '\0' || !trusted(cfg, r->address))
			return 0;
		got = store_account_by_email(r->st, email, &r->account);
		if (signed_in(r, VIA_PROXY, got) < 0)
			return -1;
		if (got == 1)
			derive("csrf-proxy", r->srv->secret, r->account.id, r->csrf);
		return 0;
	}
	if ((cookie = req_cookie(r, SESSION_COOKIE)) == NULL || strlen(cookie) > 100)
		return 0;
	secret_hash(cookie, hash);
	got = store_session_account(r->st, hash, serve_now(), cfg->session_idle,
	    cfg->session_absolute, &r->account);
	if (signed_in(r, VIA_SESSION, got) < 0)
		return -1;
	if (got == 1) {
		memcpy(r->session_hash, hash, sizeof(hash));
		derive("csrf-session", cookie, "", r->csrf);
	}
	return 0;
}

/* The token the sign-in form must carry: from the sign-in cookie. */
static int
login_token(const struct request *r, char out[65])
{
	const char *cookie = req_cookie(r, LOGIN_COOKIE);

	if (cookie == NULL || strlen(cookie) > 100)
		return 0;
	derive("csrf-signin", cookie, "", out);
	return 1;
}

int
serve_auth_csrf_ok(struct request *r, int login)
{
	const char *sent;
	char expected[65];
	char *field = NULL;
	int ok;

	if (r->via == VIA_TOKEN && !login)
		return 1;	/* a bearer token is not sent by the browser on its own */
	if (!login && r->caller.id != NULL)
		memcpy(expected, r->csrf, sizeof(expected));
	else if (!login || !login_token(r, expected))
		return 0;
	if ((sent = req_header(r, "X-CSRF-Token")) == NULL)
		sent = field = req_form(r, "csrf");
	ok = sent != NULL && expected[0] != '\0' && secret_equal(sent, expected);
	free(field);
	return ok;
}

int
serve_log(struct request *r, const char *action, const char *subject)
{
	return store_access_log(r->st, r->caller.id, r->address, action, subject);
}

static char *
cookie(const struct request *r, const char *name, const char *value, const char *path,
    long long max_age)
{
	return xasprintf("%s=%s; Path=%s; Max-Age=%lld; HttpOnly; SameSite=Strict%s", name, value,
	    path, max_age, r->srv->cfg->insecure_cookies ? "" : "; Secure");
}

/* The sign-in page, with a message (NULL for none) and the user as typed. */
static void
login_form(struct request *r, int status, const char *message, const char *user)
{
	char value[SECRET_TEXT], token[65];
	struct buf b = {0};

	secret_new("sgn_", value);
	derive("csrf-signin", value, "", token);
	reply_cookie(r, cookie(r, LOGIN_COOKIE, value, "/login", 3600));
	buf_puts(&b, "<h1>Sign in</h1>\n");
	if (message != NULL)
		html_wrap(&b, "<p class=\"error\" role=\"alert\">", message, "</p>\n");
	buf_puts(&b, "<form class=\"signin\" method=\"post\" action=\"/login\">\n"
	    "<input type=\"hidden\" name=\"csrf\" value=\"");
	html_escape(&b, token);
	buf_puts(&b, "\">\n<p><label for=\"user\">User</label>\n"
	    "<input id=\"user\" name=\"user\" autocomplete=\"username\" required value=\"");
	html_escape(&b, user ? user : "");
	buf_puts(&b, "\"></p>\n<p><label for=\"password\">Password</label>\n"
	    "<input id=\"password\" name=\"password\" type=\"password\" "
	    "autocomplete=\"current-password\" required></p>\n"
	    "<p><button type=\"submit\">Sign in</button></p>\n</form>\n");
	page_render(r, status, "Sign in", b.data);
	buf_free(&b);
}

void
serve_login_page(struct request *r)
{
	if (r->caller.id != NULL) {
		reply_redirect(r, "/me");
		return;
	}
	if (r->srv->cfg->auth == AUTH_PROXY) {
		page_render(r, 401, "Sign in", "<h1>Sign in</h1>\n<p>This server signs you in "
		    "through its single sign-on proxy; your request did not come through it, or "
		    "your email has no account. Ask your administrator.</p>\n");
		return;
	}
	login_form(r, 200, NULL, NULL);
}

/* 1 when (user, address) has failed THROTTLE_FAILURES times within the window, lately. */
static int
throttled(struct request *r, const char *user, long long now)
{
	long long times[THROTTLE_FAILURES];
	size_t n;

	if (store_sign_in_recent(r->st, user, r->address, now - 2 * THROTTLE_WINDOW, times,
	    THROTTLE_FAILURES, &n) != 0)
		return -1;
	return n == THROTTLE_FAILURES && times[0] - times[n - 1] <= THROTTLE_WINDOW &&
	    now - times[0] < THROTTLE_WINDOW;
}

/* Checks the password against the account; the same work for an unknown user. */
static int
password_ok(struct request *r, const char *user, const char *password,
    struct store_account *a)
{
	int got = store_account_get(r->st, user, a);

	if (got < 0)
		return -1;
	if (got == 0 || a->disabled || a->password == NULL) {
		secret_password_check(r->srv->dummy_hash, password, strlen(password));
		return 0;
	}
	return secret_password_check(a->password, password, strlen(password));
}

void
serve_login(struct request *r)
{
	char *user = req_form(r, "user"), *password = req_form(r, "password");
	char value[SECRET_TEXT], hash[65];
	struct store_account a;
	long long now = serve_now();
	int t, ok;

	memset(&a, 0, sizeof(a));
	if (r->srv->cfg->auth == AUTH_PROXY) {
		reply_error(r, 404, "sign-in is through the proxy");
		goto out;
	}
	if (user == NULL || password == NULL || *user == '\0' || strlen(user) > 200 ||
	    strlen(password) > 1024) {
		login_form(r, 400, "Enter your user and password.", user);
		goto out;
	}
	if ((t = throttled(r, user, now)) != 0) {
		if (t < 0)
			reply_error(r, 500, "database error");
		else {
			serve_log(r, "sign-in throttled", user);
			login_form(r, 429, "Too many failed sign-ins for this user from your "
			    "address. Try again in 15 minutes.", user);
		}
		goto out;
	}
	if ((ok = password_ok(r, user, password, &a)) < 0) {
		reply_error(r, 500, "database error");
		goto out;
	}
	if (!ok) {
		if (store_sign_in_failure(r->st, user, r->address, now) != 0 ||
		    serve_log(r, "sign-in failed", user) != 0) {
			reply_error(r, 500, "database error");
			goto out;
		}
		login_form(r, 401, "Wrong user or password.", user);
		goto out;
	}
	secret_new("ses_", value);
	secret_hash(value, hash);
	if (store_begin(r->st) != 0 || store_session_add(r->st, hash, a.id, now) != 0 ||
	    store_sign_in_clear(r->st, user, r->address) != 0 ||
	    store_access_log(r->st, a.id, r->address, "sign-in", a.id) != 0 ||
	    store_commit(r->st) != 0) {
		store_rollback(r->st);
		reply_error(r, 500, "database error");
		goto out;
	}
	reply_cookie(r, cookie(r, SESSION_COOKIE, value, "/", r->srv->cfg->session_absolute));
	reply_cookie(r, cookie(r, LOGIN_COOKIE, "", "/login", 0));
	reply_redirect(r, "/me");
out:
	store_account_clear(&a);
	if (password != NULL)
		memset(password, 0, strlen(password));
	free(password);
	free(user);
}

void
serve_logout(struct request *r)
{
	if (r->via == VIA_SESSION && store_session_delete(r->st, r->session_hash) != 0) {
		reply_error(r, 500, "database error");
		return;
	}
	reply_cookie(r, cookie(r, SESSION_COOKIE, "", "/", 0));
	reply_redirect(r, "/login");
}
