/* store.c: the SQLite store. */
#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "store_int.h"
#include "util.h"

/*
 * Statements are prepared once per connection and kept: a command that reads
 * one person per assessment, or stores thousands of assessments, would
 * otherwise spend more time in SQLite's parser than in its B-trees. A
 * statement in use is marked busy; asking for the same SQL while it is (a
 * query nested in its own loop) prepares a second one that is not kept.
 */
#define STMT_CACHE_SIZE 32

struct cached_stmt {
	char *sql;
	sqlite3_stmt *stmt;
	int busy;
};

struct store {
	sqlite3 *db;
	char *path;
	struct cached_stmt cache[STMT_CACHE_SIZE];
	size_t ncache;
};

/* Forward migrations: entry i takes user_version i to i + 1. */
static const char *const migrations[STORE_SCHEMA_VERSION] = {
	"CREATE TABLE ladder_versions ("
	"  id INTEGER PRIMARY KEY,"
	"  ladder TEXT NOT NULL,"
	"  version TEXT NOT NULL,"
	"  content_hash TEXT NOT NULL,"
	"  model_xml TEXT NOT NULL,"
	"  published_at TEXT NOT NULL,"
	"  UNIQUE (ladder, version));"
	"CREATE TABLE people ("
	"  id TEXT PRIMARY KEY,"
	"  name TEXT NOT NULL,"
	"  email TEXT,"
	"  team TEXT,"
	"  manager TEXT REFERENCES people(id) DEFERRABLE INITIALLY DEFERRED,"
	"  track TEXT NOT NULL,"
	"  level TEXT NOT NULL,"
	"  updated_at TEXT NOT NULL);"
	"CREATE TABLE cycles ("
	"  id TEXT PRIMARY KEY,"
	"  created_at TEXT NOT NULL);"
	"CREATE TABLE assessments ("
	"  id INTEGER PRIMARY KEY,"
	"  person TEXT NOT NULL REFERENCES people(id),"
	"  cycle TEXT NOT NULL REFERENCES cycles(id),"
	"  rater TEXT NOT NULL REFERENCES people(id),"
	"  role TEXT NOT NULL CHECK (role IN ('self', 'manager', 'peer')),"
	"  target TEXT NOT NULL,"
	"  ladder_version INTEGER NOT NULL REFERENCES ladder_versions(id),"
	"  revision INTEGER NOT NULL,"
	"  current INTEGER NOT NULL CHECK (current IN (0, 1)),"
	"  imported_at TEXT NOT NULL,"
	"  source TEXT NOT NULL,"
	"  source_hash TEXT NOT NULL,"
	"  UNIQUE (person, cycle, rater, revision));"
	"CREATE INDEX assessments_current ON assessments (cycle, current, person);"
	"CREATE TABLE ratings ("
	"  assessment INTEGER NOT NULL REFERENCES assessments(id),"
	"  expectation TEXT NOT NULL,"
	"  competency TEXT NOT NULL,"
	"  value INTEGER,"
	"  scale_id TEXT,"
	"  PRIMARY KEY (assessment, expectation)) WITHOUT ROWID;"
	"CREATE TABLE evidence ("
	"  assessment INTEGER NOT NULL REFERENCES assessments(id),"
	"  expectation TEXT NOT NULL,"
	"  text TEXT NOT NULL,"
	"  PRIMARY KEY (assessment, expectation)) WITHOUT ROWID;"
	"CREATE TABLE private_notes ("
	"  assessment INTEGER NOT NULL REFERENCES assessments(id),"
	"  expectation TEXT NOT NULL,"
	"  text TEXT NOT NULL,"
	"  PRIMARY KEY (assessment, expectation)) WITHOUT ROWID;"
	"CREATE TABLE decisions ("
	"  person TEXT NOT NULL REFERENCES people(id),"
	"  cycle TEXT NOT NULL REFERENCES cycles(id),"
	"  outcome TEXT NOT NULL CHECK (outcome IN ('promote', 'hold', 'defer')),"
	"  to_level TEXT,"
	"  decided_by TEXT NOT NULL REFERENCES people(id),"
	"  note TEXT,"
	"  decided_at TEXT NOT NULL,"
	"  PRIMARY KEY (person, cycle));"
	"CREATE TABLE audit_log ("
	"  id INTEGER PRIMARY KEY,"
	"  at TEXT NOT NULL,"
	"  actor TEXT NOT NULL,"
	"  action TEXT NOT NULL,"
	"  subject TEXT NOT NULL,"
	"  before TEXT,"
	"  after TEXT);"
	"CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log"
	"  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
	"CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log"
	"  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;",

	/*
	 * 2: REPLACE slipped past the DELETE trigger (SQLite fires none for the
	 * rows REPLACE removes), and decisions could be edited without a trace.
	 * Decisions become an append-only history; `decisions` is a view of the
	 * latest entry per person and cycle.
	 */
	"CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log"
	"  WHEN EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id)"
	"  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
	"CREATE TABLE decision_log ("
	"  id INTEGER PRIMARY KEY,"
	"  person TEXT NOT NULL REFERENCES people(id),"
	"  cycle TEXT NOT NULL REFERENCES cycles(id),"
	"  outcome TEXT NOT NULL CHECK (outcome IN ('promote', 'hold', 'defer')),"
	"  to_level TEXT,"
	"  decided_by TEXT NOT NULL REFERENCES people(id),"
	"  note TEXT,"
	"  decided_at TEXT NOT NULL);"
	"CREATE INDEX decision_log_person ON decision_log (cycle, person, id);"
	"INSERT INTO decision_log (person, cycle, outcome, to_level, decided_by, note, decided_at)"
	"  SELECT person, cycle, outcome, to_level, decided_by, note, decided_at FROM decisions"
	"  ORDER BY decided_at, person;"
	"DROP TABLE decisions;"
	"CREATE VIEW decisions AS SELECT person, cycle, outcome, to_level, decided_by, note,"
	"  decided_at FROM decision_log d WHERE id = (SELECT max(id) FROM decision_log"
	"  WHERE cycle = d.cycle AND person = d.person);"
	"CREATE TRIGGER decision_log_no_update BEFORE UPDATE ON decision_log"
	"  BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;"
	"CREATE TRIGGER decision_log_no_delete BEFORE DELETE ON decision_log"
	"  BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;"
	"CREATE TRIGGER decision_log_no_replace BEFORE INSERT ON decision_log"
	"  WHEN EXISTS (SELECT 1 FROM decision_log WHERE id = NEW.id)"
	"  BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;",

	/* 3: reading a cycle in order without sorting millions of ratings. */
	"CREATE INDEX assessments_order ON assessments (cycle, current, person, role, rater);",

	/* 4: egf serve's accounts, credentials, access log, peer requests, sessions. */
	STORE_SERVE_SCHEMA,
};

static int busy_timeout(void);

static int
db_error(struct store *st, const char *what)
{
	fprintf(stderr, "egf: %s: %s: %s\n", st->path, what, sqlite3_errmsg(st->db));
	return -1;
}

const char *
store_path(const char *explicit_path)
{
	const char *env;

	if (explicit_path != NULL && *explicit_path != '\0')
		return explicit_path;
	if ((env = getenv("EGF_DB")) != NULL && *env != '\0')
		return env;
	return "egf.db";
}

void
store_now(char out[32])
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	time_t t = time(NULL);
	struct tm tm;

	if (sde != NULL && *sde != '\0') {
		char *end;
		long long v = strtoll(sde, &end, 10);

		if (*end == '\0' && v >= 0)
			t = (time_t)v;
	}
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int
exec(struct store *st, const char *sql)
{
	char *err = NULL;

	if (sqlite3_exec(st->db, sql, NULL, NULL, &err) != SQLITE_OK) {
		if ((sqlite3_extended_errcode(st->db) & 0xff) == SQLITE_BUSY)
			fprintf(stderr, "egf: %s: the database is locked by another process "
			    "(waited %d ms; EGF_BUSY_TIMEOUT sets how long)\n", st->path,
			    busy_timeout());
		else
			fprintf(stderr, "egf: %s: %s\n", st->path,
			    err ? err : sqlite3_errmsg(st->db));
		sqlite3_free(err);
		return -1;
	}
	return 0;
}

static int
user_version(struct store *st, int *version)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL) != SQLITE_OK)
		return db_error(st, "reading the schema version");
	rc = sqlite3_step(s);
	*version = rc == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 0 : db_error(st, "reading the schema version");
}

static int
migrate(struct store *st, enum store_mode mode)
{
	int version, v;
	char sql[64];

	if (user_version(st, &version) != 0)
		return -1;
	if (version > STORE_SCHEMA_VERSION) {
		fprintf(stderr, "egf: %s: database schema version %d is newer than this egf "
		    "understands (%d); use a newer egf\n", st->path, version, STORE_SCHEMA_VERSION);
		return -1;
	}
	if (version == STORE_SCHEMA_VERSION)
		return 0;
	if (mode == STORE_READ) {
		fprintf(stderr, "egf: %s: database schema version %d is older than %d; "
		    "run a command that writes (e.g. egf publish) to migrate it\n", st->path,
		    version, STORE_SCHEMA_VERSION);
		return -1;
	}
	if (store_begin(st) != 0)
		return -1;
	if (user_version(st, &version) != 0)
		goto err;
	for (v = version; v < STORE_SCHEMA_VERSION; v++)
		if (exec(st, migrations[v]) != 0)
			goto err;
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", STORE_SCHEMA_VERSION);
	if (exec(st, sql) != 0)
		goto err;
	return store_commit(st);
err:
	store_rollback(st);
	return -1;
}

/* Creates the file with mode 0600 before SQLite opens it. */
static int
create_private(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);

	if (fd == -1)
		return errno == EEXIST ? 0 : -1;
	close(fd);
	return 0;
}

/* How long a writer waits for another: EGF_BUSY_TIMEOUT milliseconds, else 10 s. */
static int
busy_timeout(void)
{
	const char *env = getenv("EGF_BUSY_TIMEOUT");
	char *end;
	long ms;

	if (env == NULL || *env == '\0')
		return 10000;
	ms = strtol(env, &end, 10);
	return *end == '\0' && ms >= 0 && ms <= 3600000 ? (int)ms : 10000;
}

/* "file:PATH?immutable=1" with PATH escaped for a URI; the caller frees it. */
static char *
immutable_uri(const char *path)
{
	struct buf b = {0};
	const unsigned char *p;

	buf_puts(&b, "file:");
	for (p = (const unsigned char *)path; *p != '\0'; p++) {
		if (*p == '%' || *p == '?' || *p == '#' || *p <= ' ' || *p >= 0x7f)
			buf_printf(&b, "%%%02X", *p);
		else
			buf_putc(&b, (char)*p);
	}
	buf_puts(&b, "?immutable=1");
	return buf_take(&b);
}

/* Opens and configures a connection; 0, or -1 with st->db set for the error. */
static int
open_connection(struct store *st, const char *name, int flags, enum store_mode mode)
{
	if (sqlite3_open_v2(name, &st->db, flags, NULL) != SQLITE_OK)
		return -1;
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_timeout(st->db, busy_timeout());
	sqlite3_db_config(st->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(st->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	/* A reader changes nothing, so it can read a database it may not write. */
	if (sqlite3_exec(st->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL) != SQLITE_OK ||
	    (mode == STORE_WRITE && sqlite3_exec(st->db, "PRAGMA journal_mode = WAL", NULL,
	    NULL, NULL) != SQLITE_OK) ||
	    sqlite3_exec(st->db, "PRAGMA synchronous = NORMAL", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(st->db, "SELECT count(*) FROM sqlite_schema", NULL, NULL,
	    NULL) != SQLITE_OK)
		return -1;
	return 0;
}

struct store *
store_open(const char *path, enum store_mode mode)
{
	struct store *st;
	struct stat sb;
	int flags = (mode == STORE_READ ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) |
	    SQLITE_OPEN_NOMUTEX;

	if (stat(path, &sb) != 0) {
		if (mode == STORE_READ) {
			fprintf(stderr, "egf: %s: no database there (publish a ladder first, or "
			    "name one with --db or EGF_DB)\n", path);
			return NULL;
		}
		if (create_private(path) != 0) {
			fprintf(stderr, "egf: %s: %s\n", path, strerror(errno));
			return NULL;
		}
	}
	st = xcalloc(1, sizeof(*st));
	st->path = xstrdup(path);
	if (open_connection(st, path, flags, mode) != 0) {
		int rc = sqlite3_extended_errcode(st->db);

		/*
		 * Reading a WAL database needs its -shm file; one who may not write
		 * the directory cannot create it. Such a reader opens the file as
		 * immutable instead: nobody it shares the file with can write either.
		 */
		if (mode == STORE_READ && ((rc & 0xff) == SQLITE_READONLY ||
		    (rc & 0xff) == SQLITE_CANTOPEN)) {
			char *uri = immutable_uri(path);

			sqlite3_close_v2(st->db);
			st->db = NULL;
			rc = open_connection(st, uri, flags | SQLITE_OPEN_URI, mode);
			free(uri);
			if (rc == 0)
				goto opened;
		}
		if (mode == STORE_WRITE && access(path, W_OK) != 0)
			fprintf(stderr, "egf: %s: the database is read-only for you; a command "
			    "that writes needs write access to it and its directory\n", path);
		else
			db_error(st, "opening");
		store_close(st);
		return NULL;
	}
opened:
	if (migrate(st, mode) != 0) {
		store_close(st);
		return NULL;
	}
	return st;
}

void
store_close(struct store *st)
{
	size_t i;

	if (st == NULL)
		return;
	for (i = 0; i < st->ncache; i++) {
		sqlite3_finalize(st->cache[i].stmt);
		free(st->cache[i].sql);
	}
	sqlite3_close_v2(st->db);
	free(st->path);
	free(st);
}

int
store_begin(struct store *st)
{
	return exec(st, "BEGIN IMMEDIATE");
}

int
store_commit(struct store *st)
{
	return exec(st, "COMMIT");
}

void
store_rollback(struct store *st)
{
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Prepares sql, or takes it from the cache; NULL after reporting. */
static sqlite3_stmt *
prepare(struct store *st, const char *sql)
{
	struct cached_stmt *c;
	sqlite3_stmt *s = NULL;
	size_t i;

	for (i = 0; i < st->ncache; i++) {
		c = &st->cache[i];
		if (!c->busy && strcmp(c->sql, sql) == 0) {
			c->busy = 1;
			return c->stmt;
		}
	}
	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
		sqlite3_finalize(s);
		db_error(st, "preparing a query");
		return NULL;
	}
	if (st->ncache < STMT_CACHE_SIZE) {
		c = &st->cache[st->ncache++];
		c->sql = xstrdup(sql);
		c->stmt = s;
		c->busy = 1;
	}
	return s;
}

/* Gives back a statement from prepare(): reset for the next use, or finalized. */
static void
release(struct store *st, sqlite3_stmt *s)
{
	size_t i;

	for (i = 0; i < st->ncache; i++)
		if (st->cache[i].stmt == s) {
			sqlite3_reset(s);
			sqlite3_clear_bindings(s);
			st->cache[i].busy = 0;
			return;
		}
	sqlite3_finalize(s);
}

static void
bind_text(sqlite3_stmt *s, int i, const char *text)
{
	if (text == NULL)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_text(s, i, text, -1, SQLITE_STATIC);
}

static char *
column_text(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	return t ? xstrdup((const char *)t) : NULL;
}

/* Steps a statement that returns no row; finalizes it. */
static int
run(struct store *st, sqlite3_stmt *s, const char *what)
{
	int rc = sqlite3_step(s);

	release(st, s);
	if (rc != SQLITE_DONE) {
		fprintf(stderr, "egf: %s: %s: %s\n", st->path, what, sqlite3_errstr(rc));
		return -1;
	}
	return 0;
}

/*
 * Finishes a single-row query stepped to rc: 1 when it found the row, 0 when
 * there was none, -1 after reporting an error reading `what`.
 */
static int
finish_row(struct store *st, sqlite3_stmt *s, int rc, const char *what)
{
	release(st, s);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	fprintf(stderr, "egf: %s: reading %s: %s\n", st->path, what, sqlite3_errstr(rc));
	return -1;
}

/* ---- ladder versions ---- */

#define LADDER_COLUMNS "id, ladder, version, content_hash, model_xml, published_at"

static int
fetch_ladder(struct store *st, sqlite3_stmt *s, struct store_ladder *out)
{
	int rc = sqlite3_step(s);

	memset(out, 0, sizeof(*out));
	if (rc == SQLITE_ROW) {
		out->rowid = sqlite3_column_int64(s, 0);
		out->ladder = column_text(s, 1);
		out->version = column_text(s, 2);
		out->hash = column_text(s, 3);
		out->model_xml = column_text(s, 4);
		out->published_at = column_text(s, 5);
	}
	return finish_row(st, s, rc, "ladder versions");
}

int
store_ladder_find(struct store *st, const char *ladder, const char *version,
    struct store_ladder *out)
{
	sqlite3_stmt *s = prepare(st, "SELECT " LADDER_COLUMNS " FROM ladder_versions "
	    "WHERE ladder = ?1 AND version = ?2");

	if (s == NULL)
		return -1;
	bind_text(s, 1, ladder);
	bind_text(s, 2, version);
	return fetch_ladder(st, s, out);
}

int
store_ladder_latest(struct store *st, struct store_ladder *out)
{
	sqlite3_stmt *s = prepare(st, "SELECT " LADDER_COLUMNS " FROM ladder_versions "
	    "ORDER BY id DESC LIMIT 1");

	return s ? fetch_ladder(st, s, out) : -1;
}

int
store_ladder_get(struct store *st, long long rowid, struct store_ladder *out)
{
	sqlite3_stmt *s = prepare(st, "SELECT " LADDER_COLUMNS " FROM ladder_versions "
	    "WHERE id = ?1");

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, rowid);
	return fetch_ladder(st, s, out);
}

int
store_ladder_insert(struct store *st, const char *ladder, const char *version,
    const char *hash, const char *model_xml)
{
	sqlite3_stmt *s = prepare(st, "INSERT INTO ladder_versions (ladder, version, "
	    "content_hash, model_xml, published_at) VALUES (?1, ?2, ?3, ?4, ?5)");
	char now[32];

	if (s == NULL)
		return -1;
	store_now(now);
	bind_text(s, 1, ladder);
	bind_text(s, 2, version);
	bind_text(s, 3, hash);
	bind_text(s, 4, model_xml);
	bind_text(s, 5, now);
	return run(st, s, "storing the ladder version");
}

void
store_ladder_clear(struct store_ladder *l)
{
	free(l->ladder);
	free(l->version);
	free(l->hash);
	free(l->model_xml);
	free(l->published_at);
	memset(l, 0, sizeof(*l));
}

/* ---- people ---- */

/* The columns of a person, in the order of struct store_person's fields. */
#define PERSON_COLUMNS "id, name, email, team, manager, track, level"
#define NPERSON_FIELDS 7

static char **
person_field(struct store_person *p, size_t i)
{
	char **const fields[NPERSON_FIELDS] = {
		&p->id, &p->name, &p->email, &p->team, &p->manager, &p->track, &p->level,
	};

	return fields[i];
}

int
store_person_get(struct store *st, const char *id, struct store_person *out)
{
	sqlite3_stmt *s = prepare(st, "SELECT " PERSON_COLUMNS " FROM people WHERE id = ?1");
	size_t i;
	int rc;

	memset(out, 0, sizeof(*out));
	if (s == NULL)
		return -1;
	bind_text(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		for (i = 0; i < NPERSON_FIELDS; i++)
			*person_field(out, i) = column_text(s, (int)i);
	return finish_row(st, s, rc, "people");
}

int
store_person_upsert(struct store *st, const struct store_person *p)
{
	sqlite3_stmt *s = prepare(st, "INSERT INTO people (" PERSON_COLUMNS ", updated_at) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
	    "ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email, "
	    "team = excluded.team, manager = excluded.manager, track = excluded.track, "
	    "level = excluded.level, updated_at = excluded.updated_at");
	struct store_person view = *p;	/* borrowed pointers, to index the fields */
	char now[32];
	size_t i;

	if (s == NULL)
		return -1;
	store_now(now);
	for (i = 0; i < NPERSON_FIELDS; i++)
		bind_text(s, (int)i + 1, *person_field(&view, i));
	bind_text(s, NPERSON_FIELDS + 1, now);
	return run(st, s, "storing a person");
}

int
store_people_each(struct store *st, int (*fn)(const struct store_person *p, void *arg),
    void *arg)
{
	sqlite3_stmt *s = prepare(st, "SELECT " PERSON_COLUMNS " FROM people ORDER BY id");
	int rc;

	if (s == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_person p;
		size_t i;
		int stop;

		memset(&p, 0, sizeof(p));
		for (i = 0; i < NPERSON_FIELDS; i++)
			*person_field(&p, i) = column_text(s, (int)i);
		stop = fn(&p, arg);
		store_person_clear(&p);
		if (stop) {
			rc = SQLITE_DONE;
			break;
		}
	}
	release(st, s);
	return rc == SQLITE_DONE ? 0 : db_error(st, "reading people");
}

void
store_person_clear(struct store_person *p)
{
	size_t i;

	for (i = 0; i < NPERSON_FIELDS; i++)
		free(*person_field(p, i));
	memset(p, 0, sizeof(*p));
}

/* ---- cycles and assessments ---- */

int
store_cycle_ensure(struct store *st, const char *cycle)
{
	sqlite3_stmt *s = prepare(st, "INSERT INTO cycles (id, created_at) VALUES (?1, ?2) "
	    "ON CONFLICT (id) DO NOTHING");
	char now[32];

	if (s == NULL)
		return -1;
	store_now(now);
	bind_text(s, 1, cycle);
	bind_text(s, 2, now);
	return run(st, s, "storing the cycle");
}

static int
next_revision(struct store *st, const struct store_assessment *a, int *revision)
{
	sqlite3_stmt *s = prepare(st, "SELECT coalesce(max(revision), 0) FROM assessments "
	    "WHERE person = ?1 AND cycle = ?2 AND rater = ?3");
	int rc;

	if (s == NULL)
		return -1;
	bind_text(s, 1, a->person);
	bind_text(s, 2, a->cycle);
	bind_text(s, 3, a->rater);
	rc = sqlite3_step(s);
	*revision = rc == SQLITE_ROW ? sqlite3_column_int(s, 0) + 1 : 0;
	release(st, s);
	return rc == SQLITE_ROW ? 0 : db_error(st, "reading revisions");
}

/* Inserts (assessment, expectation, text) rows for the non-empty texts. */
static int
insert_texts(struct store *st, const char *sql, long long id,
    const struct store_assessment *a, int private_notes)
{
	sqlite3_stmt *s = prepare(st, sql);
	size_t i;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	for (i = 0; i < a->nratings; i++) {
		const char *text = private_notes ? a->ratings[i].private_note : a->ratings[i].evidence;

		if (text == NULL || *text == '\0')
			continue;
		bind_text(s, 2, a->ratings[i].expectation);
		bind_text(s, 3, text);
		if (sqlite3_step(s) != SQLITE_DONE) {
			release(st, s);
			return db_error(st, "storing evidence");
		}
		sqlite3_reset(s);
	}
	release(st, s);
	return 0;
}

int
store_assessment_add(struct store *st, const struct store_assessment *a, int *revision)
{
	sqlite3_stmt *s;
	long long id;
	char now[32];
	size_t i;

	if (store_cycle_ensure(st, a->cycle) != 0 || next_revision(st, a, revision) != 0)
		return -1;
	if ((s = prepare(st, "UPDATE assessments SET current = 0 WHERE person = ?1 AND "
	    "cycle = ?2 AND rater = ?3 AND current = 1")) == NULL)
		return -1;
	bind_text(s, 1, a->person);
	bind_text(s, 2, a->cycle);
	bind_text(s, 3, a->rater);
	if (run(st, s, "replacing the previous revision") != 0)
		return -1;
	if ((s = prepare(st, "INSERT INTO assessments (person, cycle, rater, role, target, "
	    "ladder_version, revision, current, imported_at, source, source_hash) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1, ?8, ?9, ?10)")) == NULL)
		return -1;
	store_now(now);
	bind_text(s, 1, a->person);
	bind_text(s, 2, a->cycle);
	bind_text(s, 3, a->rater);
	bind_text(s, 4, a->role);
	bind_text(s, 5, a->target);
	sqlite3_bind_int64(s, 6, a->ladder);
	sqlite3_bind_int(s, 7, *revision);
	bind_text(s, 8, now);
	bind_text(s, 9, a->source);
	bind_text(s, 10, a->source_hash);
	if (run(st, s, "storing the assessment") != 0)
		return -1;
	id = sqlite3_last_insert_rowid(st->db);
	if ((s = prepare(st, "INSERT INTO ratings (assessment, expectation, competency, value, "
	    "scale_id) VALUES (?1, ?2, ?3, ?4, ?5)")) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	for (i = 0; i < a->nratings; i++) {
		const struct store_rating *r = &a->ratings[i];

		bind_text(s, 2, r->expectation);
		bind_text(s, 3, r->competency);
		if (r->rated) {
			sqlite3_bind_int64(s, 4, r->value);
			bind_text(s, 5, r->scale_id);
		} else {
			sqlite3_bind_null(s, 4);
			sqlite3_bind_null(s, 5);
		}
		if (sqlite3_step(s) != SQLITE_DONE) {
			release(st, s);
			return db_error(st, "storing a rating");
		}
		sqlite3_reset(s);
	}
	release(st, s);
	if (insert_texts(st, "INSERT INTO evidence (assessment, expectation, text) "
	    "VALUES (?1, ?2, ?3)", id, a, 0) != 0)
		return -1;
	return insert_texts(st, "INSERT INTO private_notes (assessment, expectation, text) "
	    "VALUES (?1, ?2, ?3)", id, a, 1);
}

/*
 * Two queries: the cycle's current assessments in order, and for each the
 * ratings in expectation order (the ratings' primary key). One join would
 * make SQLite build the assessment's columns again for every rating.
 */
int
store_cycle_ratings(struct store *st, const char *cycle, const char *person,
    int flags, int (*fn)(const struct store_rating_row *row, void *arg), void *arg)
{
	static const char *const assessments =
	    "SELECT id, ladder_version, person, rater, role, target FROM assessments "
	    "WHERE cycle = ?1 AND current = 1 AND (?2 IS NULL OR person = ?2) "
	    "ORDER BY person, role, rater, id";
	static const char *const with_texts =
	    "SELECT r.expectation, r.value, e.text, CASE WHEN ?2 THEN p.text END "
	    "FROM ratings r "
	    "LEFT JOIN evidence e ON e.assessment = r.assessment AND e.expectation = r.expectation "
	    "LEFT JOIN private_notes p ON ?2 AND p.assessment = r.assessment "
	    "  AND p.expectation = r.expectation "
	    "WHERE r.assessment = ?1 ORDER BY r.expectation";
	static const char *const plain =
	    "SELECT expectation, value, NULL, NULL FROM ratings "
	    "WHERE assessment = ?1 ORDER BY expectation";
	int texts = (flags & (STORE_EVIDENCE | STORE_PRIVATE)) != 0;
	sqlite3_stmt *a = prepare(st, assessments), *r = NULL;
	struct store_rating_row row;
	int rc, stop = 0;

	if (a == NULL || (r = prepare(st, texts ? with_texts : plain)) == NULL) {
		if (a != NULL)
			release(st, a);
		return -1;
	}
	bind_text(a, 1, cycle);
	bind_text(a, 2, person);
	while (!stop && (rc = sqlite3_step(a)) == SQLITE_ROW) {
		row.assessment = sqlite3_column_int64(a, 0);
		row.ladder = sqlite3_column_int64(a, 1);
		row.person = (const char *)sqlite3_column_text(a, 2);
		row.rater = (const char *)sqlite3_column_text(a, 3);
		row.role = (const char *)sqlite3_column_text(a, 4);
		row.target = (const char *)sqlite3_column_text(a, 5);
		sqlite3_bind_int64(r, 1, row.assessment);
		if (texts)
			sqlite3_bind_int(r, 2, (flags & STORE_PRIVATE) != 0);
		while ((rc = sqlite3_step(r)) == SQLITE_ROW) {
			row.expectation = (const char *)sqlite3_column_text(r, 0);
			row.rated = sqlite3_column_type(r, 1) != SQLITE_NULL;
			row.value = (long)sqlite3_column_int64(r, 1);
			row.evidence = (const char *)sqlite3_column_text(r, 2);
			row.private_note = (const char *)sqlite3_column_text(r, 3);
			if (fn(&row, arg) != 0) {
				stop = 1;
				break;
			}
		}
		sqlite3_reset(r);
		if (!stop && rc != SQLITE_DONE)
			break;
	}
	if (stop)
		rc = SQLITE_DONE;
	release(st, r);
	release(st, a);
	if (rc != SQLITE_DONE) {
		fprintf(stderr, "egf: %s: reading ratings: %s\n", st->path, sqlite3_errstr(rc));
		return -1;
	}
	return 0;
}

int
store_cycle_people(struct store *st, const char *cycle,
    int (*fn)(const char *person, void *arg), void *arg)
{
	sqlite3_stmt *s = prepare(st, "SELECT DISTINCT person FROM assessments "
	    "WHERE cycle = ?1 AND current = 1 ORDER BY person");
	int rc;

	if (s == NULL)
		return -1;
	bind_text(s, 1, cycle);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if (fn((const char *)sqlite3_column_text(s, 0), arg) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	release(st, s);
	if (rc != SQLITE_DONE)
		return db_error(st, "reading the cycle");
	return 0;
}

/* ---- decisions and the audit log ---- */

#define DECISION_COLUMNS "person, cycle, outcome, to_level, decided_by, note, decided_at"

static void
read_decision(sqlite3_stmt *s, struct store_decision *d)
{
	d->person = column_text(s, 0);
	d->cycle = column_text(s, 1);
	d->outcome = column_text(s, 2);
	d->to_level = column_text(s, 3);
	d->decided_by = column_text(s, 4);
	d->note = column_text(s, 5);
	d->decided_at = column_text(s, 6);
}

int
store_decision_get(struct store *st, const char *person, const char *cycle,
    struct store_decision *out)
{
	sqlite3_stmt *s = prepare(st, "SELECT " DECISION_COLUMNS " FROM decisions "
	    "WHERE person = ?1 AND cycle = ?2");
	int rc;

	memset(out, 0, sizeof(*out));
	if (s == NULL)
		return -1;
	bind_text(s, 1, person);
	bind_text(s, 2, cycle);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		read_decision(s, out);
	return finish_row(st, s, rc, "decisions");
}

/* "promote to E3 (by hr): note" — a decision as one line for the audit log. */
static char *
describe_decision(const char *outcome, const char *to_level, const char *by, const char *note)
{
	struct buf b = {0};

	buf_puts(&b, outcome);
	if (to_level != NULL)
		buf_printf(&b, " to %s", to_level);
	buf_printf(&b, " (by %s)", by);
	if (note != NULL && *note != '\0')
		buf_printf(&b, ": %s", note);
	return buf_take(&b);
}

int
store_decision_set(struct store *st, const struct store_decision *d)
{
	struct store_decision old;
	sqlite3_stmt *s;
	char now[32], *before = NULL, *after, *subject;
	int got, rc;

	if ((got = store_decision_get(st, d->person, d->cycle, &old)) < 0)
		return -1;
	if (got)
		before = describe_decision(old.outcome, old.to_level, old.decided_by, old.note);
	store_decision_clear(&old);
	store_now(now);
	if ((s = prepare(st, "INSERT INTO decision_log (" DECISION_COLUMNS ") "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")) == NULL) {
		free(before);
		return -1;
	}
	bind_text(s, 1, d->person);
	bind_text(s, 2, d->cycle);
	bind_text(s, 3, d->outcome);
	bind_text(s, 4, d->to_level);
	bind_text(s, 5, d->decided_by);
	bind_text(s, 6, d->note);
	bind_text(s, 7, now);
	if (run(st, s, "storing the decision") != 0) {
		free(before);
		return -1;
	}
	after = describe_decision(d->outcome, d->to_level, d->decided_by, d->note);
	subject = xasprintf("%s/%s", d->cycle, d->person);
	rc = -1;
	if ((s = prepare(st, "INSERT INTO audit_log (at, actor, action, subject, before, after) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)")) != NULL) {
		bind_text(s, 1, now);
		bind_text(s, 2, d->decided_by);
		bind_text(s, 3, got ? "change decision" : "decide");
		bind_text(s, 4, subject);
		bind_text(s, 5, before);
		bind_text(s, 6, after);
		rc = run(st, s, "writing the audit log");
	}
	free(subject);
	free(after);
	free(before);
	return rc;
}

void
store_decision_clear(struct store_decision *d)
{
	free(d->person);
	free(d->cycle);
	free(d->outcome);
	free(d->to_level);
	free(d->decided_by);
	free(d->note);
	free(d->decided_at);
	memset(d, 0, sizeof(*d));
}

int
store_cycle_decisions(struct store *st, const char *cycle,
    int (*fn)(const struct store_decision *d, void *arg), void *arg)
{
	sqlite3_stmt *s = prepare(st, "SELECT " DECISION_COLUMNS " FROM decisions "
	    "WHERE cycle = ?1 ORDER BY person");
	int rc;

	if (s == NULL)
		return -1;
	bind_text(s, 1, cycle);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_decision d;
		int stop;

		read_decision(s, &d);
		stop = fn(&d, arg);
		store_decision_clear(&d);
		if (stop) {
			rc = SQLITE_DONE;
			break;
		}
	}
	release(st, s);
	if (rc != SQLITE_DONE)
		return db_error(st, "reading decisions");
	return 0;
}

int
store_audit_each(struct store *st, const char *cycle,
    int (*fn)(const struct store_audit *a, void *arg), void *arg)
{
	sqlite3_stmt *s = prepare(st, "SELECT id, at, actor, action, subject, before, after "
	    "FROM audit_log WHERE ?1 IS NULL OR substr(subject, 1, length(?1) + 1) = ?1 || '/' "
	    "ORDER BY id");
	int rc;

	if (s == NULL)
		return -1;
	bind_text(s, 1, cycle);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_audit a;

		a.id = sqlite3_column_int64(s, 0);
		a.at = (const char *)sqlite3_column_text(s, 1);
		a.actor = (const char *)sqlite3_column_text(s, 2);
		a.action = (const char *)sqlite3_column_text(s, 3);
		a.subject = (const char *)sqlite3_column_text(s, 4);
		a.before = (const char *)sqlite3_column_text(s, 5);
		a.after = (const char *)sqlite3_column_text(s, 6);
		if (fn(&a, arg) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	release(st, s);
	if (rc != SQLITE_DONE)
		return db_error(st, "reading the audit log");
	return 0;
}

long long
store_count(struct store *st, const char *table)
{
	static const char *const tables[] = { "ladder_versions", "people", "cycles",
	    "assessments", "ratings", "evidence", "private_notes", "decisions", "decision_log",
	    "audit_log", "accounts", "api_tokens", "web_sessions", "access_log",
	    NULL };
	sqlite3_stmt *s;
	char sql[64];
	long long n = -1;
	size_t i;

	for (i = 0; tables[i] != NULL; i++)
		if (strcmp(tables[i], table) == 0)
			break;
	if (tables[i] == NULL)
		return -1;
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s", tables[i]);
	if ((s = prepare(st, sql)) == NULL)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	release(st, s);
	return n;
}

/* ---- for the other store modules (store_int.h) ---- */

sqlite3_stmt *
store_stmt(struct store *st, const char *sql)
{
	return prepare(st, sql);
}

void
store_stmt_done(struct store *st, sqlite3_stmt *s)
{
	release(st, s);
}

int
store_stmt_run(struct store *st, sqlite3_stmt *s, const char *what)
{
	return run(st, s, what);
}

int
store_stmt_row(struct store *st, sqlite3_stmt *s, int rc, const char *what)
{
	return finish_row(st, s, rc, what);
}

int
store_error(struct store *st, const char *what)
{
	return db_error(st, what);
}
