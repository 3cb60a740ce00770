/*
 * serve_fixture.c: egf serve without a socket, for the fuzz targets of the
 * request path (fuzz_serve_*.c). A server (its configuration, the site's
 * templates) and a store holding the organisation of the server tests
 * (tests/serve/org: its ladder, people and forms, the same accounts, a
 * token and a web session per account, the calibration session S1 with
 * cole on its committee), built once in the scratch directory; requests
 * are made from bytes and dispatched through the route table as
 * serve_http.c does. After a request that may have changed the store, the
 * store is copied back from the template, so that every input runs
 * against the same data.
 */
#include <limits.h>
#include <sys/socket.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "assess_import.h"
#include "diag.h"
#include "fuzz_serve.h"
#include "ladder.h"
#include "model_xml.h"
#include "people.h"
#include "store_published.h"
#include "secret.h"
#include "serve.h"
#include "util.h"

static const char *const accounts[] = { "ana", "mia", "sam", "bo", "uma", "cole", "hr", "adm" };

static struct fuzz_serve fx;
static int built;

/* The source tree: two levels above this binary (build/replay/X, build-fuzz/fuzz/X). */
static char *
top_dir(void)
{
	char exe[PATH_MAX], real[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	char *p;

	if (n <= 0)
		abort();
	exe[n] = '\0';
	if ((p = strrchr(exe, '/')) != NULL)
		*p = '\0';
	p = path_join(exe, "../..");
	if (realpath(p, real) == NULL) {
		perror(p);
		abort();
	}
	free(p);
	return xstrdup(real);
}

static void
must(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz fixture: %s failed\n", what);
		abort();
	}
}

static void
publish(struct store *st, const char *dir)
{
	struct diag_list dl = {0};
	struct model *m = NULL;
	struct buf xml = {0};
	char hash[65];

	must(ladder_load(dir, &dl, &m) == LADDER_OK, "ladder_load");
	must(published_hash(m, hash) == 0 && model_xml_write(m, 1, &xml) == 0, "model_xml");
	must(store_begin(st) == 0 && store_ladder_insert(st, m->id, m->version, hash,
	    xml.data) == 0 && store_commit(st) == 0, "publish");
	buf_free(&xml);
	model_free(m);
	diag_list_free(&dl);
}

static void
people(struct store *st, const char *csv)
{
	struct people_list list = {0};
	struct diag_list dl = {0};
	struct published pub;
	const struct model *m;
	long long rowid;
	int found;
	size_t i;

	published_init(&pub, st, &dl);
	must((m = published_latest(&pub, &rowid, &found)) != NULL, "published_latest");
	must(people_read_csv(csv, m, &dl, &list) == 0 && store_begin(st) == 0, "people");
	for (i = 0; i < list.n; i++) {
		struct store_person_in in = store_person_in(&list.rows[i].p);

		must(store_person_upsert(st, &in) == 0, "person");
	}
	must(store_commit(st) == 0, "people commit");
	people_list_clear(&list);
	published_clear(&pub);
	diag_list_free(&dl);
}

static void
forms(struct store *st, const char *dir)
{
	static const char *const names[] = { "ana-self.md", "ana-manager.md", "ana-peer-bo.md" };
	struct diag_list dl = {0};
	struct published pub;
	size_t i;

	published_init(&pub, st, &dl);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char *path = path_join(dir, names[i]);

		must(assess_import_form(st, &pub, path, &dl) == IMPORT_OK, names[i]);
		free(path);
	}
	published_clear(&pub);
	diag_list_free(&dl);
}

static void
credentials(struct store *st)
{
	long long now = serve_now();
	size_t i;

	must(store_begin(st) == 0, "begin");
	for (i = 0; i < sizeof(accounts) / sizeof(accounts[0]); i++) {
		const char *id = accounts[i];
		unsigned roles = strcmp(id, "hr") == 0 ? ACCOUNT_HR :
		    strcmp(id, "adm") == 0 ? ACCOUNT_ADMIN | ACCOUNT_HR : 0;
		char secret[64], hash[65], email[64];
		int created;

		snprintf(email, sizeof(email), "%s@x.org", id);
		must(store_account_put(st, id, email, NULL, roles, &created) == 0, "account");
		snprintf(secret, sizeof(secret), "tok_%s", id);
		secret_hash(secret, hash);
		must(store_token_add(st, hash, id, now, now + 86400 * 365) == 0, "token");
		snprintf(secret, sizeof(secret), "ses_%s", id);
		secret_hash(secret, hash);
		must(store_session_add(st, hash, id, now) == 0, "session");
	}
	must(store_commit(st) == 0, "commit");
}

static void
committee(struct store *st)
{
	char *levels[] = { "D2" }, *teams[] = { "core" }, *members[] = { "cole" };
	struct store_session s;
	int got;

	memset(&s, 0, sizeof(s));
	s.cycle = "2026-H1";
	s.id = "S1";
	s.title = "D2, core";
	s.created_by = "hr";
	s.levels = levels;
	s.teams = teams;
	s.committee = members;
	s.nlevels = s.nteams = s.ncommittee = 1;
	must(store_begin(st) == 0 && (got = store_session_create(st, &s)) == 1 &&
	    store_peer_request_add(st, "2026-H1", "ana", "cy", "ana") == 1 &&
	    store_commit(st) == 0, "calibration session");
}

static void
copy_file(const char *from, const char *to)
{
	char *data;
	size_t len;
	FILE *fp;

	must(file_read(from, 256 * 1024 * 1024, &data, &len) == FILE_OK, "read template");
	must((fp = fopen(to, "wb")) != NULL && fwrite(data, 1, len, fp) == len &&
	    fclose(fp) == 0, "write store");
	free(data);
}

static void
open_store(void)
{
	char *side;

	side = xasprintf("%s-wal", fx.path);
	unlink(side);
	free(side);
	side = xasprintf("%s-shm", fx.path);
	unlink(side);
	free(side);
	copy_file(fx.template_path, fx.path);
	must((fx.st = store_open(fx.path, STORE_WRITE)) != NULL, "store_open");
}

struct fuzz_serve *
fuzz_serve(void)
{
	struct diag_list dl = {0};
	struct store *st;
	char *top, *org, *p;

	if (built)
		return &fx;
	top = top_dir();
	if (getenv("EGF_TEMPLATE_DIR") == NULL) {
		p = path_join(top, "templates");
		setenv("EGF_TEMPLATE_DIR", p, 1);
		free(p);
	}
	/* Quiet the import's "stored ..." lines and the store's own messages. */
	org = path_join(top, "tests/serve/org");
	fx.template_path = path_join(fuzz_dir(), "template.db");
	fx.path = path_join(fuzz_dir(), "serve.db");
	must((st = store_open(fx.template_path, STORE_WRITE)) != NULL, "template store");
	p = path_join(org, "ladder");
	publish(st, p);
	free(p);
	p = path_join(org, "people.csv");
	people(st, p);
	free(p);
	p = path_join(org, "forms");
	forms(st, p);
	free(p);
	credentials(st);
	committee(st);
	store_close(st);
	free(org);
	free(top);

	memset(&fx.cfg, 0, sizeof(fx.cfg));
	fx.cfg.db_path = fx.path;
	fx.cfg.listen = "127.0.0.1:0";
	fx.cfg.auth = AUTH_LOCAL;
	fx.cfg.proxy_header = "X-Email";
	/* The proxy of the proxy configuration: 10.0.0.1 only. */
	fx.trusted.family = AF_INET;
	fx.trusted.bits = 32;
	fx.trusted.addr[0] = 10;
	fx.trusted.addr[3] = 1;
	fx.cfg.trusted = &fx.trusted;
	fx.cfg.ntrusted = 1;
	fx.cfg.threads = 1;
	fx.cfg.body_limit = 1024 * 1024;
	fx.cfg.session_idle = 2 * 3600;
	fx.cfg.session_absolute = 12 * 3600;
	fx.proxy_cfg = fx.cfg;
	fx.proxy_cfg.auth = AUTH_PROXY;

	memset(&fx.srv, 0, sizeof(fx.srv));
	fx.srv.cfg = &fx.cfg;
	must(secret_init() == 0, "secret_init");
	secret_new("csr_", fx.srv.secret);
	/* A cheap stand-in: the sign-in form checks against it for unknown users. */
	must((fx.srv.dummy_hash = secret_password_hash("not a password", 14)) != NULL, "hash");
	p = site_template_dir();
	must(site_templates_load(p, &dl, &fx.srv.site) == 0, "site templates");
	free(p);
	diag_list_free(&dl);
	open_store();
	built = 1;
	return &fx;
}

void
fuzz_serve_reset(void)
{
	store_close(fx.st);
	open_store();
}

/* One line of data (without its LF) from *pos; NULL at the end. */
static char *
line(const uint8_t *data, size_t size, size_t *pos)
{
	const uint8_t *start = data + *pos, *nl;
	size_t len;

	if (*pos >= size)
		return NULL;
	nl = memchr(start, '\n', size - *pos);
	len = nl ? (size_t)(nl - start) : size - *pos;
	*pos += len + (nl ? 1 : 0);
	if (len > 0 && start[len - 1] == '\r')
		len--;
	return xstrndup((const char *)start, len);
}

int
fuzz_serve_parse(const uint8_t *data, size_t size, struct fuzz_request *fr)
{
	size_t pos = 0, cap = 0;
	char *target, *sp, *q, *h;

	memset(fr, 0, sizeof(*fr));
	if ((target = line(data, size, &pos)) == NULL)
		return -1;
	fr->line = target;
	if ((sp = strchr(target, ' ')) == NULL) {
		free(target);
		fr->line = NULL;
		return -1;
	}
	*sp = '\0';
	fr->method = target;
	fr->path = sp + 1;
	if ((q = strchr(fr->path, '?')) != NULL) {
		*q = '\0';
		fr->query = q + 1;
	}
	while ((h = line(data, size, &pos)) != NULL && *h != '\0') {
		char *colon = strchr(h, ':');

		if (colon == NULL || colon == h) {
			free(h);
			continue;
		}
		*colon = '\0';
		colon++;
		while (*colon == ' ' || *colon == '\t')
			colon++;
		xgrow((void **)&fr->fields, &cap, fr->nfields + 1, sizeof(*fr->fields));
		fr->fields[fr->nfields].name = h;
		fr->fields[fr->nfields++].value = colon;
	}
	free(h);
	fr->body = (const char *)data + (pos < size ? pos : size);
	fr->body_len = pos < size ? size - pos : 0;
	return 0;
}

void
fuzz_request_clear(struct fuzz_request *fr)
{
	size_t i;

	for (i = 0; i < fr->nfields; i++)
		free((char *)fr->fields[i].name);
	free(fr->fields);
	free(fr->line);
	memset(fr, 0, sizeof(*fr));
}

void
fuzz_serve_request(struct fuzz_serve *f, const struct fuzz_request *fr, const char *address,
    const char *bearer, int proxy, struct request *r)
{
	size_t i, n = fr->nfields + (bearer ? 1 : 0);

	memset(r, 0, sizeof(*r));
	f->srv.cfg = proxy ? &f->proxy_cfg : &f->cfg;
	r->srv = &f->srv;
	r->st = f->st;
	r->method = fr->method;
	r->path = fr->path;
	/* As serve_http.c gathers it: a copy with a NUL after it. */
	f->body.len = 0;
	buf_add(&f->body, fr->body ? fr->body : "", fr->body_len);
	r->body = f->body.data;
	r->body_len = f->body.len;
	r->headers = xcalloc(n + 1, sizeof(*r->headers));
	for (i = 0; i < fr->nfields; i++)
		r->headers[r->nheaders++] = fr->fields[i];
	if (bearer != NULL) {
		snprintf(f->bearer, sizeof(f->bearer), "Bearer %s", bearer);
		r->headers[r->nheaders].name = "Authorization";
		r->headers[r->nheaders++].value = f->bearer;
	}
	snprintf(r->address, sizeof(r->address), "%s", address);
	r->status = 500;
	request_fields(r, fr->query);
}

const char *
fuzz_serve_account(size_t i)
{
	return i < sizeof(accounts) / sizeof(accounts[0]) ? accounts[i] : NULL;
}

static int
contains(const struct buf *b, const char *needle)
{
	size_t n = strlen(needle), i;

	if (b->data == NULL || b->len < n)
		return 0;
	for (i = 0; i + n <= b->len; i++)
		if (memcmp(b->data + i, needle, n) == 0)
			return 1;
	return 0;
}

static void
oracle(int ok, const char *what, const struct request *r)
{
	if (!ok) {
		fprintf(stderr, "fuzz oracle: %s: %s %s as %s, status %d\n", what, r->method,
		    r->path, r->caller.id ? r->caller.id : "(nobody)", r->status);
		abort();
	}
}

/* The request itself carries text (a form may quote anything, and a 422 quotes the form). */
static int
mentions(const struct request *r, const char *text)
{
	struct buf body = { (char *)r->body, r->body_len, r->body_len };
	size_t i;

	if (contains(&body, text) || strstr(r->path, text) != NULL)
		return 1;
	for (i = 0; i < r->nheaders; i++)
		if (strstr(r->headers[i].value, text) != NULL)
			return 1;
	for (i = 0; i < r->query.n; i++)
		if (strstr(r->query.values[i], text) != NULL)
			return 1;
	return 0;
}

/* The id after "/people/" in path, into out; 0 when the path has none. */
static int
person_in_path(const char *path, char *out, size_t size)
{
	const char *p = strstr(path, "/people/");
	size_t n;

	if (p == NULL)
		return 0;
	p += strlen("/people/");
	n = strcspn(p, "/");
	if (n == 0 || n >= size)
		return 0;
	memcpy(out, p, n);
	out[n] = '\0';
	return 1;
}

void
fuzz_serve_check(struct fuzz_serve *f, const struct request *r, const char *address, int proxy)
{
	static const char *const notes[] = { "PRIVATE-NOTE-OF-MIA-7f3a", "SECOND-PRIVATE-NOTE-9c1e" };
	const char *who = r->caller.id;
	const struct route *rt;
	char person[200];
	int other;
	size_t i;

	if (getenv("EGF_FUZZ_VERBOSE") != NULL)	/* for writing seeds: what each one got */
		fprintf(stderr, "%s %s as %s (%s): %d\n", r->method, r->path, who ? who : "-",
		    address, r->status);
	oracle(r->status >= 200 && r->status <= 599, "status", r);
	oracle(r->status != 500, "a server error", r);
	rt = serve_route_lookup(r->method, r->path, &other);
	if (rt != NULL && (rt->flags & R_AUTH) && who == NULL)
		oracle(r->status == 401 || r->status == 303, "signed out but served", r);
	if (rt != NULL && (rt->flags & R_HR) && r->status < 400 && who != NULL)
		oracle(authz_is_hr(&r->caller), "hr only, served to another", r);
	if (rt != NULL && (rt->flags & R_WRITES) && r->status < 400 && who != NULL &&
	    r->via != VIA_TOKEN) {
		const char *sent = req_header(r, "X-CSRF-Token");
		char *field = sent ? NULL : req_form(r, "csrf");

		oracle(r->csrf[0] != '\0' && (sent ? strcmp(sent, r->csrf) == 0 :
		    field != NULL && strcmp(field, r->csrf) == 0), "a write without CSRF", r);
		free(field);
	}
	if (r->via == VIA_PROXY)
		oracle(proxy && strcmp(address, "10.0.0.1") == 0, "the proxy header believed", r);
	oracle(!contains(&r->out, "$argon2") || mentions(r, "$argon2"), "a password hash in a response", r);
	for (i = 0; i < sizeof(notes) / sizeof(notes[0]); i++)
		if (contains(&r->out, notes[i]) && !mentions(r, notes[i]))
			oracle(who != NULL && (strcmp(who, "mia") == 0 || strcmp(who, "cole") == 0 ||
			    authz_is_hr(&r->caller)), "a private note shown", r);
	if (r->status < 300 && who != NULL && person_in_path(r->path, person, sizeof(person))) {
		struct store_person p;
		unsigned rel = 0;
		int got = store_person_get(f->st, person, &p);

		store_person_clear(&p);
		oracle(got == 1, "a person who is not there", r);
		oracle(authz_relation(f->st, &r->caller, NULL, person, &rel) == 0 &&
		    authz_sees_person(rel), "a person the caller may not see", r);
	}
}
