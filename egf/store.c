/* store.c: the SQLite store. */
#include "store.h"
#include "diag.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "store_int.h"
#include "store_draft.h"
#include "store_session.h"
#include "store_calib.h"
#include "store_load.h"
#include "store_scale.h"
#include "util.h"

/*
 * Statements are prepared once per connection and kept: a command that reads
 * one person per assessment, or stores thousands of assessments, would
 * otherwise spend more time in SQLite's parser than in its B-trees. A
 * statement in use is marked busy; asking for the same SQL while it is (a
 * query nested in its own loop) prepares a second one that is not kept.
 * The server's connections live as long as it does and run every query
 * of every route, so the cache holds them all (there are fewer than 256);
 * a lookup looks for the SQL's address first (a call site passes the same
 * literal every time) and compares every text only when that misses.
 */
#define STMT_CACHE_SIZE 256

struct cached_stmt {
	char *sql;		/* owned copy */
	const char *literal;	/* the address last asked with: compared, never read */
	sqlite3_stmt *stmt;
	int busy;
};

struct store {
	sqlite3 *db;
	char *path;
	struct cached_stmt cache[STMT_CACHE_SIZE];
	size_t ncache;
	int created;		/* this run created the file */
	int committed;		/* a change (not the migration) was committed */
	int immutable;		/* opened as immutable: nobody may write it meanwhile */
	struct published_cache *models;	/* borrowed; NULL: none (store_load.h) */
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

	/*
	 * 4: the one sanctioned change to history, erasing a person
	 * (store_person_data.c, docs/store.md). While the single row of
	 * erasure_authorisation exists, audit_log and decision_log rows may
	 * have the person replaced by the tombstone and their free text
	 * removed; nothing else about a row may change, DELETE stays refused,
	 * and the row can only go once the erasure is in the audit log.
	 */
	"CREATE TABLE erasure_authorisation ("
	"  id INTEGER PRIMARY KEY CHECK (id = 1),"
	"  person TEXT NOT NULL,"
	"  tombstone TEXT NOT NULL);"
	"CREATE TRIGGER erasure_authorisation_insert BEFORE INSERT ON erasure_authorisation"
	"  WHEN NOT EXISTS (SELECT 1 FROM people WHERE id = NEW.person)"
	"    OR EXISTS (SELECT 1 FROM people WHERE id = NEW.tombstone)"
	"  BEGIN SELECT RAISE(ABORT, 'an erasure needs a person and a new tombstone'); END;"
	"CREATE TRIGGER erasure_authorisation_no_update BEFORE UPDATE ON erasure_authorisation"
	"  BEGIN SELECT RAISE(ABORT, 'an erasure authorisation cannot change'); END;"
	"CREATE TRIGGER erasure_authorisation_recorded BEFORE DELETE ON erasure_authorisation"
	"  WHEN EXISTS (SELECT 1 FROM people WHERE id = OLD.person)"
	"    OR NOT EXISTS (SELECT 1 FROM audit_log WHERE action = 'erase person'"
	"      AND subject = OLD.tombstone)"
	"  BEGIN SELECT RAISE(ABORT, 'an erasure must be complete and recorded in the audit log');"
	"  END;"
	"DROP TRIGGER audit_log_no_update;"
	"CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log"
	"  WHEN NOT EXISTS (SELECT 1 FROM erasure_authorisation)"
	"  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
	"CREATE TRIGGER audit_log_erasure_only BEFORE UPDATE ON audit_log"
	"  WHEN NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at OR NEW.action IS NOT OLD.action"
	"    OR (NEW.actor IS NOT OLD.actor"
	"      AND NEW.actor IS NOT (SELECT tombstone FROM erasure_authorisation))"
	"    OR (NEW.subject IS NOT OLD.subject AND NOT EXISTS (SELECT 1 FROM erasure_authorisation e"
	"      WHERE substr(OLD.subject, length(OLD.subject) - length(e.person)) = '/' || e.person"
	"      AND NEW.subject = substr(OLD.subject, 1, length(OLD.subject) - length(e.person))"
	"        || e.tombstone))"
	"  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
	"DROP TRIGGER decision_log_no_update;"
	"CREATE TRIGGER decision_log_no_update BEFORE UPDATE ON decision_log"
	"  WHEN NOT EXISTS (SELECT 1 FROM erasure_authorisation)"
	"  BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;"
	"CREATE TRIGGER decision_log_erasure_only BEFORE UPDATE ON decision_log"
	"  WHEN NEW.id IS NOT OLD.id OR NEW.cycle IS NOT OLD.cycle"
	"    OR NEW.outcome IS NOT OLD.outcome OR NEW.to_level IS NOT OLD.to_level"
	"    OR NEW.decided_at IS NOT OLD.decided_at"
	"    OR (NEW.person IS NOT OLD.person"
	"      AND NEW.person IS NOT (SELECT tombstone FROM erasure_authorisation))"
	"    OR (NEW.decided_by IS NOT OLD.decided_by"
	"      AND NEW.decided_by IS NOT (SELECT tombstone FROM erasure_authorisation))"
	"  BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;",

	/*
	 * 5: outcome evidence. A rating's links (any number, in form order), and
	 * the outcomes of teams per cycle with their history: a re-import of a
	 * team's cycle is the next revision, the previous one stays (current 0).
	 */
	"CREATE TABLE links ("
	"  assessment INTEGER NOT NULL REFERENCES assessments(id),"
	"  expectation TEXT NOT NULL,"
	"  position INTEGER NOT NULL,"
	"  target TEXT NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('okr', 'customer', 'incident', 'metric',"
	"    'design', 'code', 'doc', 'other')),"
	"  PRIMARY KEY (assessment, expectation, position)) WITHOUT ROWID;"
	"CREATE TABLE outcomes ("
	"  id INTEGER PRIMARY KEY,"
	"  team TEXT NOT NULL,"
	"  cycle TEXT NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('okr', 'dora', 'customer', 'health')),"
	"  name TEXT NOT NULL,"
	"  value REAL NOT NULL,"
	"  target REAL,"
	"  unit TEXT,"
	"  source TEXT,"
	"  revision INTEGER NOT NULL,"
	"  current INTEGER NOT NULL CHECK (current IN (0, 1)),"
	"  imported_at TEXT NOT NULL,"
	"  file TEXT NOT NULL);"
	"CREATE INDEX outcomes_current ON outcomes (cycle, current, team, kind, name);"
	"CREATE INDEX outcomes_okr ON outcomes (cycle, kind, name) WHERE current = 1;"
	"CREATE INDEX outcomes_team ON outcomes (team, current, cycle);"
	/*
	 * A rating's evidence flags (egf/evidence.h), fixed when it is stored: an
	 * assessment's evidence, links and ladder version never change. Ratings
	 * stored before keep NULL and are judged from their evidence when read.
	 */
	"ALTER TABLE ratings ADD COLUMN flags INTEGER;",

	/* 6: egf serve's accounts, credentials, access log, peer requests, sessions. */
	STORE_SERVE_SCHEMA,

	/* 7: erasing a person reaches the access log (store_int.h). */
	STORE_ERASE_ACCESS_SCHEMA,

	/* 8: review cycles opened with phases, their people and reopened forms. */
	STORE_CYCLE_SCHEMA,

	/* 9: drafts of the review pages. */
	STORE_DRAFT_SCHEMA,


	/* 10: calibration sessions' proposals and log (store_session.h). */
	STORE_SESSION_SCHEMA,

	/* 11: the calibration snapshot, the manager sums per cycle (store_calib.h). */
	STORE_CALIB_SCHEMA,

	/* 12: people by manager, for the server under load (store_load.h). */
	STORE_LOAD_SCHEMA,

	/* 13: peer requests by peer, committee seats by account (store_scale.h). */
	STORE_SCALE_SCHEMA,

	/*
	 * 14: the binary form of each version's model, a cache of its XML
	 * (model_bin.h): filled by the first command that loads a version.
	 */
	"CREATE TABLE ladder_models ("
	"  version INTEGER PRIMARY KEY REFERENCES ladder_versions(id) ON DELETE CASCADE,"
	"  format INTEGER NOT NULL,"
	"  hash TEXT NOT NULL,"
	"  model BLOB NOT NULL);",
};

static int busy_timeout(void);

static int
db_error(struct store *st, const char *what)
{
	diag_report(NULL, DIAG_DATABASE, NULL,
	    "%s: %s: %s", st->path, what, sqlite3_errmsg(st->db));
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
	time_t t = source_date_now();
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int
exec(struct store *st, const char *sql)
{
	char *err = NULL;

	if (sqlite3_exec(st->db, sql, NULL, NULL, &err) != SQLITE_OK) {
		if ((sqlite3_extended_errcode(st->db) & 0xff) == SQLITE_BUSY)
			diag_report(NULL, DIAG_LOCKED, NULL,
			    "%s: the database is locked by another process "
			    "(waited %d ms; EGF_BUSY_TIMEOUT sets how long)", st->path,
			    busy_timeout());
		else
			diag_report(NULL, DIAG_DATABASE, NULL, "%s: %s", st->path,
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

/*
 * Whether a database of schema version 0 is empty: egf migrates only its own
 * databases, never adds its tables beside someone else's. 1, or 0 after
 * printing why (another database, or an error).
 */
static int
schema_empty(struct store *st)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(st->db, "SELECT 1 FROM sqlite_schema LIMIT 1", -1, &s,
	    NULL) != SQLITE_OK) {
		db_error(st, "reading the schema");
		return 0;
	}
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc == SQLITE_DONE)
		return 1;
	if (rc == SQLITE_ROW)
		diag_report(NULL, DIAG_DATABASE, NULL,
		    "%s: not an egf database (it holds tables but no egf "
		    "schema version); egf leaves it alone", st->path);
	else
		db_error(st, "reading the schema");
	return 0;
}

static int
migrate(struct store *st, enum store_mode mode)
{
	int version, v;
	char sql[64];

	if (user_version(st, &version) != 0)
		return -1;
	if (version < 0) {
		diag_report(NULL, DIAG_DATABASE, NULL,
		    "%s: database schema version %d is not one egf writes; "
		    "this is not an egf database", st->path, version);
		return -1;
	}
	if (version > STORE_SCHEMA_VERSION) {
		diag_report(NULL, DIAG_DATABASE, NULL,
		    "%s: database schema version %d is newer than this egf "
		    "understands (%d); use a newer egf", st->path, version, STORE_SCHEMA_VERSION);
		return -1;
	}
	if (version == STORE_SCHEMA_VERSION)
		return 0;
	if (version == 0 && !schema_empty(st))
		return -1;
	if (mode == STORE_READ) {
		diag_report(NULL, DIAG_DATABASE, NULL,
		    "%s: database schema version %d is older than %d; "
		    "run a command that writes (e.g. egf publish) to migrate it", st->path,
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
	return exec(st, "COMMIT");
err:
	store_rollback(st);
	return -1;
}

/* Creates the file with mode 0600 before SQLite opens it; *created says whether it did. */
static int
create_private(const char *path, int *created)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);

	if (fd == -1)
		return errno == EEXIST ? 0 : -1;
	/* 0600 whatever the umask */
	if (fchmod(fd, 0600) != 0) {
		int saved = errno;

		close(fd);
		unlink(path);
		errno = saved;
		return -1;
	}
	close(fd);
	*created = 1;
	return 0;
}

/* Removes a database file this run created and a side file of it. */
static void
remove_created(const char *path)
{
	static const char *const sides[] = { "", "-wal", "-shm", "-journal" };
	size_t i;

	for (i = 0; i < sizeof(sides) / sizeof(sides[0]); i++) {
		char *p = xasprintf("%s%s", path, sides[i]);

		unlink(p);
		free(p);
	}
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

/*
 * Whether a reader that cannot use the WAL index may open path as immutable:
 * only when no write-ahead log holds committed changes that an immutable
 * reader would not see. 1, or 0 after printing why.
 */
static int
immutable_safe(const char *path)
{
	char *wal = xasprintf("%s-wal", path);
	struct stat sb;
	int ok = 1;

	if (stat(wal, &sb) == 0 ? sb.st_size > 0 : errno != ENOENT) {
		diag_report(NULL, DIAG_DATABASE, NULL,
		    "%s: committed changes are still in %s, which you cannot "
		    "read without write access to the database's directory; egf does not show "
		    "an older state (ask its owner to run a checkpoint, or read it with write "
		    "access)", path, wal);
		ok = 0;
	}
	free(wal);
	return ok;
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
	int created = 0;
	int flags = (mode == STORE_READ ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) |
	    SQLITE_OPEN_NOMUTEX;

	if (stat(path, &sb) != 0) {
		if (mode == STORE_READ) {
			diag_report(NULL, DIAG_NO_DATABASE, NULL,
			    "%s: no database there (publish a ladder first, or "
			    "name one with --db or EGF_DB)", path);
			return NULL;
		}
		if (create_private(path, &created) != 0) {
			diag_report(NULL, DIAG_SYSTEM, NULL, "%s: %s", path, strerror(errno));
			return NULL;
		}
	}
	st = xcalloc(1, sizeof(*st));
	st->path = xstrdup(path);
	st->created = created;
	if (open_connection(st, path, flags, mode) != 0) {
		int rc = sqlite3_extended_errcode(st->db);

		/*
		 * Reading a WAL database needs its -shm file; one who may not write
		 * the directory cannot create it. Such a reader opens the file as
		 * immutable instead: nobody it shares the file with can write either.
		 */
		if (mode == STORE_READ && ((rc & 0xff) == SQLITE_READONLY ||
		    (rc & 0xff) == SQLITE_CANTOPEN)) {
			char *uri;

			if (!immutable_safe(path)) {
				store_close(st);
				return NULL;
			}
			uri = immutable_uri(path);

			sqlite3_close_v2(st->db);
			st->db = NULL;
			rc = open_connection(st, uri, flags | SQLITE_OPEN_URI, mode);
			free(uri);
			st->immutable = 1;
			if (rc == 0)
				goto opened;
		}
		if (mode == STORE_WRITE && access(path, W_OK) != 0)
			diag_report(NULL, DIAG_DATABASE, NULL,
			    "%s: the database is read-only for you; a command "
			    "that writes needs write access to it and its directory", path);
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

struct store *
store_open_cache_writer(const struct store *st)
{
	struct store *w;

	if (st->immutable)	/* its reader assumes that nobody writes */
		return NULL;
	w = xcalloc(1, sizeof(*w));
	w->path = xstrdup(st->path);
	if (sqlite3_open_v2(st->path, &w->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
	    NULL) != SQLITE_OK || sqlite3_db_readonly(w->db, "main") != 0) {
		store_close(w);
		return NULL;
	}
	sqlite3_extended_result_codes(w->db, 1);
	sqlite3_db_config(w->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(w->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	if (sqlite3_exec(w->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL) != SQLITE_OK) {
		store_close(w);
		return NULL;
	}
	return w;
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
	/* A database is created only by a change: a failed first command leaves none. */
	if (st->created && !st->committed)
		remove_created(st->path);
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
	if (exec(st, "COMMIT") != 0)
		return -1;
	st->committed = 1;
	return 0;
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
		/* the text too: a built string may reuse a freed one's address */
		if (!c->busy && c->literal == sql && strcmp(c->sql, sql) == 0) {
			c->busy = 1;
			return c->stmt;
		}
	}
	for (i = 0; i < st->ncache; i++) {
		c = &st->cache[i];
		if (!c->busy && strcmp(c->sql, sql) == 0) {
			c->busy = 1;
			c->literal = sql;
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
		c->literal = sql;
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

void
store_bind_text(sqlite3_stmt *s, int i, const char *text)
{
	if (text == NULL)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_text(s, i, text, -1, SQLITE_STATIC);
}

char *
store_column_text(sqlite3_stmt *s, int i)
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
		diag_report(NULL, DIAG_DATABASE, NULL,
		    "%s: %s: %s", st->path, what, sqlite3_errstr(rc));
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
	diag_report(NULL, DIAG_DATABASE, NULL,
	    "%s: reading %s: %s", st->path, what, sqlite3_errstr(rc));
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
		out->ladder = store_column_text(s, 1);
		out->version = store_column_text(s, 2);
		out->hash = store_column_text(s, 3);
		out->model_xml = store_column_text(s, 4);
		out->published_at = store_column_text(s, 5);
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
	store_bind_text(s, 1, ladder);
	store_bind_text(s, 2, version);
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
	char now[32];

	store_now(now);
	return store_run(st, "storing the ladder version", "INSERT INTO ladder_versions (ladder, "
	    "version, content_hash, model_xml, published_at) VALUES (?1, ?2, ?3, ?4, ?5)",
	    "ttttt", ladder, version, hash, model_xml, now);
}

int
store_ladder_model_get(struct store *st, long long rowid, int format, char hash[65],
    void (*fn)(const void *data, size_t len, void *arg), void *arg)
{
	sqlite3_stmt *s = prepare(st, "SELECT v.content_hash, m.model FROM ladder_versions v "
	    "JOIN ladder_models m ON m.version = v.id AND m.hash = v.content_hash "
	    "AND m.format = ?2 WHERE v.id = ?1");
	int rc;

	hash[0] = '\0';
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, rowid);
	sqlite3_bind_int(s, 2, format);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const unsigned char *h = sqlite3_column_text(s, 0);
		const void *blob = sqlite3_column_blob(s, 1);
		int n = sqlite3_column_bytes(s, 1);

		snprintf(hash, 65, "%s", h ? (const char *)h : "");
		/* read where SQLite has it: the blob is not copied */
		fn(blob ? blob : "", n > 0 ? (size_t)n : 0, arg);
	}
	return finish_row(st, s, rc, "ladder models");
}

int
store_ladder_model_put(const struct store *st, long long rowid, const char *hash, int format,
    const void *data, size_t len)
{
	struct store *w = store_open_cache_writer(st);
	sqlite3_stmt *s = NULL;
	int rc = -1;

	if (w == NULL)
		return -1;
	/* no busy wait: a locked database keeps only its XML for now */
	if (sqlite3_exec(w->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		goto out;
	if (sqlite3_prepare_v2(w->db, "INSERT OR REPLACE INTO ladder_models (version, format, "
	    "hash, model) VALUES (?1, ?2, ?3, ?4)", -1, &s, NULL) != SQLITE_OK)
		goto out;
	sqlite3_bind_int64(s, 1, rowid);
	sqlite3_bind_int(s, 2, format);
	store_bind_text(s, 3, hash);
	sqlite3_bind_blob(s, 4, data, (int)len, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_DONE &&
	    sqlite3_exec(w->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK)
		rc = 0;
out:
	sqlite3_finalize(s);
	if (rc != 0 && !sqlite3_get_autocommit(w->db))
		sqlite3_exec(w->db, "ROLLBACK", NULL, NULL, NULL);
	store_close(w);
	return rc;
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
	store_bind_text(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		for (i = 0; i < NPERSON_FIELDS; i++)
			*person_field(out, i) = store_column_text(s, (int)i);
	return finish_row(st, s, rc, "people");
}

int
store_person_upsert(struct store *st, const struct store_person_in *p)
{
	sqlite3_stmt *s = prepare(st, "INSERT INTO people (" PERSON_COLUMNS ", updated_at) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
	    "ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email, "
	    "team = excluded.team, manager = excluded.manager, track = excluded.track, "
	    "level = excluded.level, updated_at = excluded.updated_at");
	/* in the order of PERSON_COLUMNS */
	const char *fields[NPERSON_FIELDS] = { p->id, p->name, p->email, p->team, p->manager,
	    p->track, p->level };
	char now[32];
	size_t i;

	if (s == NULL)
		return -1;
	store_now(now);
	for (i = 0; i < NPERSON_FIELDS; i++)
		store_bind_text(s, (int)i + 1, fields[i]);
	store_bind_text(s, NPERSON_FIELDS + 1, now);
	return run(st, s, "storing a person");
}

struct store_person_in
store_person_in(const struct store_person *p)
{
	struct store_person_in in = { p->id, p->name, p->email, p->team, p->manager, p->track,
	    p->level };

	return in;
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
			*person_field(&p, i) = store_column_text(s, (int)i);
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
	char now[32];

	store_now(now);
	return store_run(st, "storing the cycle",
	    "INSERT INTO cycles (id, created_at) VALUES (?1, ?2) "
	    "ON CONFLICT (id) DO NOTHING", "tt", cycle, now);
}

static int
next_revision(struct store *st, const struct store_assessment *a, int *revision)
{
	sqlite3_stmt *s = prepare(st, "SELECT coalesce(max(revision), 0) FROM assessments "
	    "WHERE person = ?1 AND cycle = ?2 AND rater = ?3");
	int rc;

	if (s == NULL)
		return -1;
	store_bind_text(s, 1, a->person);
	store_bind_text(s, 2, a->cycle);
	store_bind_text(s, 3, a->rater);
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
		store_bind_text(s, 2, a->ratings[i].expectation);
		store_bind_text(s, 3, text);
		if (sqlite3_step(s) != SQLITE_DONE) {
			release(st, s);
			return db_error(st, "storing evidence");
		}
		sqlite3_reset(s);
	}
	release(st, s);
	return 0;
}

static int
insert_links(struct store *st, long long id, const struct store_assessment *a)
{
	sqlite3_stmt *s = prepare(st, "INSERT INTO links (assessment, expectation, position, "
	    "target, kind) VALUES (?1, ?2, ?3, ?4, ?5)");
	size_t i, k;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	for (i = 0; i < a->nratings; i++)
		for (k = 0; k < a->ratings[i].nlinks; k++) {
			store_bind_text(s, 2, a->ratings[i].expectation);
			sqlite3_bind_int64(s, 3, (sqlite3_int64)k + 1);
			store_bind_text(s, 4, a->ratings[i].links[k].target);
			store_bind_text(s, 5, a->ratings[i].links[k].kind);
			if (sqlite3_step(s) != SQLITE_DONE) {
				release(st, s);
				return db_error(st, "storing a link");
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
	store_bind_text(s, 1, a->person);
	store_bind_text(s, 2, a->cycle);
	store_bind_text(s, 3, a->rater);
	if (run(st, s, "replacing the previous revision") != 0)
		return -1;
	if ((s = prepare(st, "INSERT INTO assessments (person, cycle, rater, role, target, "
	    "ladder_version, revision, current, imported_at, source, source_hash) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1, ?8, ?9, ?10)")) == NULL)
		return -1;
	store_now(now);
	store_bind_text(s, 1, a->person);
	store_bind_text(s, 2, a->cycle);
	store_bind_text(s, 3, a->rater);
	store_bind_text(s, 4, a->role);
	store_bind_text(s, 5, a->target);
	sqlite3_bind_int64(s, 6, a->ladder);
	sqlite3_bind_int(s, 7, *revision);
	store_bind_text(s, 8, now);
	store_bind_text(s, 9, a->source);
	store_bind_text(s, 10, a->source_hash);
	if (run(st, s, "storing the assessment") != 0)
		return -1;
	id = sqlite3_last_insert_rowid(st->db);
	if ((s = prepare(st, "INSERT INTO ratings (assessment, expectation, competency, value, "
	    "scale_id, flags) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	for (i = 0; i < a->nratings; i++) {
		const struct store_rating *r = &a->ratings[i];

		store_bind_text(s, 2, r->expectation);
		store_bind_text(s, 3, r->competency);
		if (r->rated) {
			sqlite3_bind_int64(s, 4, r->value);
			store_bind_text(s, 5, r->scale_id);
		} else {
			sqlite3_bind_null(s, 4);
			sqlite3_bind_null(s, 5);
		}
		sqlite3_bind_int(s, 6, r->flags);
		if (sqlite3_step(s) != SQLITE_DONE) {
			release(st, s);
			return db_error(st, "storing a rating");
		}
		sqlite3_reset(s);
	}
	release(st, s);
	if (insert_texts(st, "INSERT INTO evidence (assessment, expectation, text) "
	    "VALUES (?1, ?2, ?3)", id, a, 0) != 0 || insert_links(st, id, a) != 0)
		return -1;
	return insert_texts(st, "INSERT INTO private_notes (assessment, expectation, text) "
	    "VALUES (?1, ?2, ?3)", id, a, 1);
}

/* The links of one assessment, in (expectation, position) order. */
struct link_rows {
	char **expectation;		/* owned */
	struct store_link *links;	/* owned target and kind */
	size_t n, cap, ecap;
};

static void
link_rows_reset(struct link_rows *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->expectation[i]);
		free((char *)l->links[i].target);
		free((char *)l->links[i].kind);
	}
	l->n = 0;
}

static int
read_links(struct store *st, sqlite3_stmt *s, long long assessment, struct link_rows *l)
{
	int rc;

	link_rows_reset(l);
	sqlite3_bind_int64(s, 1, assessment);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		size_t cap = l->ecap;

		xgrow((void **)&l->links, &l->cap, l->n + 1, sizeof(*l->links));
		xgrow((void **)&l->expectation, &cap, l->n + 1, sizeof(*l->expectation));
		l->ecap = cap;
		l->expectation[l->n] = store_column_text(s, 0);
		l->links[l->n].target = store_column_text(s, 1);
		l->links[l->n].kind = store_column_text(s, 2);
		l->n++;
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : db_error(st, "reading links");
}

/* The evidence of one assessment, in expectation order. */
struct text_rows {
	char **expectation, **text;	/* owned, each owned */
	size_t n, cap, tcap;
};

static void
text_rows_reset(struct text_rows *t)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		free(t->expectation[i]);
		free(t->text[i]);
	}
	t->n = 0;
}

static int
read_evidence(struct store *st, sqlite3_stmt *s, long long assessment, struct text_rows *t)
{
	int rc;

	text_rows_reset(t);
	sqlite3_bind_int64(s, 1, assessment);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		size_t cap = t->tcap;

		xgrow((void **)&t->expectation, &t->cap, t->n + 1, sizeof(*t->expectation));
		xgrow((void **)&t->text, &cap, t->n + 1, sizeof(*t->text));
		t->tcap = cap;
		t->expectation[t->n] = store_column_text(s, 0);
		t->text[t->n] = store_column_text(s, 1);
		t->n++;
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : db_error(st, "reading evidence");
}

/*
 * Queries: the cycle's current assessments in order, and for each the
 * ratings in expectation order (the ratings' primary key), with the texts
 * also its links in the same order. One join would make SQLite build the
 * assessment's columns again for every rating.
 */
int
store_cycle_ratings(struct store *st, const char *cycle, const char *person,
    int flags, int (*fn)(const struct store_rating_row *row, void *arg), void *arg)
{
	return store_cycle_ratings_at(st, cycle, person, NULL, flags, fn, arg);
}

static int cycle_ratings(struct store *st, const char *cycle, const char *person,
    const char *level, const char *chain, int flags,
    int (*fn)(const struct store_rating_row *row, void *arg), void *arg);

int
store_cycle_ratings_at(struct store *st, const char *cycle, const char *person,
    const char *level, int flags, int (*fn)(const struct store_rating_row *row, void *arg),
    void *arg)
{
	return cycle_ratings(st, cycle, person, level, NULL, flags, fn, arg);
}

int
store_cycle_ratings_chain(struct store *st, const char *cycle, const char *manager,
    int flags, int (*fn)(const struct store_rating_row *row, void *arg), void *arg)
{
	return cycle_ratings(st, cycle, NULL, NULL, manager, flags, fn, arg);
}

/* chain: only the manager chain ?4 and everyone below them, when non-NULL. */
static int
cycle_ratings(struct store *st, const char *cycle, const char *person,
    const char *level, const char *chain, int flags,
    int (*fn)(const struct store_rating_row *row, void *arg), void *arg)
{
	static const char *const assessments =
	    "SELECT id, ladder_version, person, rater, role, target FROM assessments "
	    "WHERE cycle = ?1 AND current = 1 AND (?2 IS NULL OR person = ?2) "
	    "AND (?3 IS NULL OR person IN (SELECT id FROM people WHERE level = ?3)) "
	    "AND (?4 IS NULL OR person = ?4 OR person IN (WITH RECURSIVE below (id) AS ("
	    "SELECT id FROM people WHERE manager = ?4 "
	    "UNION SELECT p.id FROM people p JOIN below b ON p.manager = b.id) "
	    "SELECT id FROM below)) "
	    "ORDER BY person, role, rater, id";
	/*
	 * The same for one person, and for a chain: SQLite cannot use the index
	 * past "cycle, current" through an "?2 IS NULL OR" and would read every
	 * current assessment of the cycle (30,000 at 10,000 people) for one
	 * person's page (docs/benchmarks.md).
	 */
	static const char *const of_person =
	    "SELECT id, ladder_version, person, rater, role, target FROM assessments "
	    "WHERE cycle = ?1 AND current = 1 AND person = ?2 "
	    "ORDER BY person, role, rater, id";
	static const char *const of_chain =
	    "SELECT id, ladder_version, person, rater, role, target FROM assessments "
	    "WHERE cycle = ?1 AND current = 1 AND person IN (WITH RECURSIVE below (id) AS ("
	    "SELECT ?4 UNION SELECT p.id FROM people p JOIN below b ON p.manager = b.id) "
	    "SELECT id FROM below) "
	    "ORDER BY person, role, rater, id";
	static const char *const with_texts =
	    "SELECT r.expectation, r.value, e.text, CASE WHEN ?2 THEN p.text END, "
	    "coalesce(r.flags, -1) FROM ratings r "
	    "LEFT JOIN evidence e ON e.assessment = r.assessment AND e.expectation = r.expectation "
	    "LEFT JOIN private_notes p ON ?2 AND p.assessment = r.assessment "
	    "  AND p.expectation = r.expectation "
	    "WHERE r.assessment = ?1 ORDER BY r.expectation";
	/*
	 * With the evidence and without private notes: the ratings and the
	 * evidence of an assessment are read as two ranges and merged here, both
	 * in expectation order. A join searched the whole cycle's evidence from
	 * its root for every rating, a cost that grew with the organisation.
	 */
	static const char *const with_evidence =
	    "SELECT r.expectation, r.value, NULL, NULL, coalesce(r.flags, -1) FROM ratings r "
	    "WHERE r.assessment = ?1 ORDER BY r.expectation";
	static const char *const evidence =
	    "SELECT expectation, text FROM evidence WHERE assessment = ?1 ORDER BY expectation";
	/* the evidence only of ratings stored without flags (before schema 5) */
	static const char *const plain =
	    "SELECT r.expectation, r.value, CASE WHEN r.flags IS NULL THEN (SELECT e.text "
	    "FROM evidence e WHERE e.assessment = r.assessment AND e.expectation = r.expectation) "
	    "END, NULL, coalesce(r.flags, -1) FROM ratings r "
	    "WHERE r.assessment = ?1 ORDER BY r.expectation";
	static const char *const links =
	    "SELECT expectation, target, kind FROM links WHERE assessment = ?1 "
	    "ORDER BY expectation, position";
	int texts = (flags & (STORE_EVIDENCE | STORE_PRIVATE)) != 0;
	sqlite3_stmt *a = prepare(st, level == NULL && chain == NULL && person != NULL ? of_person :
	    level == NULL && person == NULL && chain != NULL ? of_chain : assessments);
	int merge = texts && !(flags & STORE_PRIVATE);
	sqlite3_stmt *r = NULL, *ls = NULL, *es = NULL;
	struct store_rating_row row;
	struct link_rows lr;
	struct text_rows er;
	size_t next, next_e;
	int rc, stop = 0, failed = 0;

	memset(&lr, 0, sizeof(lr));
	memset(&er, 0, sizeof(er));
	/* without private notes, no join with them at all */
	if (a == NULL || (r = prepare(st, !texts ? plain : (flags & STORE_PRIVATE) ? with_texts :
	    with_evidence)) == NULL ||
	    (texts && (ls = prepare(st, links)) == NULL) ||
	    (merge && (es = prepare(st, evidence)) == NULL)) {
		if (ls != NULL)
			release(st, ls);
		if (r != NULL)
			release(st, r);
		if (a != NULL)
			release(st, a);
		return -1;
	}
	store_bind_text(a, 1, cycle);
	store_bind_text(a, 2, person);
	if (sqlite3_bind_parameter_count(a) >= 4) {	/* not of_person's */
		store_bind_text(a, 3, level);
		store_bind_text(a, 4, chain);
	}
	while (!stop && (rc = sqlite3_step(a)) == SQLITE_ROW) {
		row.assessment = sqlite3_column_int64(a, 0);
		row.ladder = sqlite3_column_int64(a, 1);
		row.person = (const char *)sqlite3_column_text(a, 2);
		row.rater = (const char *)sqlite3_column_text(a, 3);
		row.role = (const char *)sqlite3_column_text(a, 4);
		row.target = (const char *)sqlite3_column_text(a, 5);
		if ((texts && read_links(st, ls, row.assessment, &lr) != 0) ||
		    (merge && read_evidence(st, es, row.assessment, &er) != 0)) {
			failed = 1;
			break;
		}
		next = next_e = 0;
		sqlite3_bind_int64(r, 1, row.assessment);
		if (flags & STORE_PRIVATE)
			sqlite3_bind_int(r, 2, 1);
		while ((rc = sqlite3_step(r)) == SQLITE_ROW) {
			row.expectation = (const char *)sqlite3_column_text(r, 0);
			row.rated = sqlite3_column_type(r, 1) != SQLITE_NULL;
			row.value = (long)sqlite3_column_int64(r, 1);
			row.evidence = (const char *)sqlite3_column_text(r, 2);
			row.private_note = (const char *)sqlite3_column_text(r, 3);
			row.flags = sqlite3_column_int(r, 4);
			if (merge) {	/* the evidence of this rating, if any, comes next */
				while (next_e < er.n &&
				    strcmp(er.expectation[next_e], row.expectation) < 0)
					next_e++;
				row.evidence = next_e < er.n &&
				    strcmp(er.expectation[next_e], row.expectation) == 0 ?
				    er.text[next_e] : NULL;
			}
			/* both in expectation order: the links of this rating come next */
			while (next < lr.n && strcmp(lr.expectation[next], row.expectation) < 0)
				next++;
			row.links = lr.links != NULL ? lr.links + next : NULL;
			row.nlinks = 0;
			while (next + row.nlinks < lr.n &&
			    strcmp(lr.expectation[next + row.nlinks], row.expectation) == 0)
				row.nlinks++;
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
	link_rows_reset(&lr);
	free(lr.links);
	free(lr.expectation);
	text_rows_reset(&er);
	free(er.expectation);
	free(er.text);
	if (es != NULL)
		release(st, es);
	if (ls != NULL)
		release(st, ls);
	release(st, r);
	release(st, a);
	if (failed)
		return -1;
	if (rc != SQLITE_DONE) {
		diag_report(NULL, DIAG_DATABASE, NULL,
		    "%s: reading ratings: %s", st->path, sqlite3_errstr(rc));
		return -1;
	}
	return 0;
}

/* One aggregate query: the cost of a packet's rater context, whatever the organisation's size. */
/* One person's manager ratings while they are summed (store_cycle_manager_sums). */
struct person_sums {
	char *rater;			/* the person's first manager rater */
	struct store_rater_sums t;	/* people: 1 */
};

static int
person_sums_cmp(const void *a, const void *b)
{
	const struct person_sums *x = a, *y = b;

	return strcmp(x->rater, y->rater);
}

/*
 * The rows are read one by one and summed here: SQLite's aggregates over
 * the same join cost five times the reading itself (one packet's rater
 * context was a quarter of its instructions).
 */
int
store_cycle_manager_sums(struct store *st, const char *cycle,
    int (*fn)(const struct store_rater_sums *row, void *arg), void *arg)
{
	static const char *const sql =
	    "SELECT a.person, a.rater, r.assessment IS NOT NULL, r.value, r.flags "
	    "FROM assessments a LEFT JOIN ratings r ON r.assessment = a.id "
	    "WHERE a.cycle = ?1 AND a.current = 1 AND a.role = 'manager' ORDER BY a.person";
	sqlite3_stmt *s = prepare(st, sql);
	struct person_sums *v = NULL, *cur = NULL;
	struct store_rater_sums row;
	size_t n = 0, cap = 0, i, j;
	char *person = NULL;
	int rc;

	if (s == NULL)
		return -1;
	store_bind_text(s, 1, cycle);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *who = (const char *)sqlite3_column_text(s, 0);
		const char *rater = (const char *)sqlite3_column_text(s, 1);

		if (who == NULL || rater == NULL)
			continue;
		if (person == NULL || strcmp(person, who) != 0) {
			free(person);
			person = xstrdup(who);
			xgrow((void **)&v, &cap, n + 1, sizeof(*v));
			cur = &v[n++];
			memset(cur, 0, sizeof(*cur));
			cur->rater = xstrdup(rater);
			cur->t.people = 1;
		} else if (strcmp(rater, cur->rater) < 0) {
			free(cur->rater);
			cur->rater = xstrdup(rater);
		}
		if (sqlite3_column_int(s, 2) == 0)
			continue;	/* an assessment without ratings */
		if (sqlite3_column_type(s, 3) != SQLITE_NULL) {
			double x = sqlite3_column_double(s, 3);

			cur->t.nratings++;
			cur->t.sum += x;
			cur->t.sumsq += x * x;
		}
		if (sqlite3_column_type(s, 4) == SQLITE_NULL) {
			cur->t.unflagged++;
		} else {
			int f = sqlite3_column_int(s, 4);

			cur->t.unsupported += (f & 1) != 0;
			cur->t.activity_only += (f & 2) != 0;
			cur->t.linked += (f & 4) != 0;
		}
	}
	release(st, s);
	free(person);
	if (rc != SQLITE_DONE) {
		diag_report(NULL, DIAG_DATABASE, NULL,
		    "%s: reading manager ratings: %s", st->path, sqlite3_errstr(rc));
		rc = -1;
		goto out;
	}
	rc = 0;
	if (n > 1)
		qsort(v, n, sizeof(*v), person_sums_cmp);
	for (i = 0; i < n; i = j) {
		row = v[i].t;
		row.rater = v[i].rater;
		for (j = i + 1; j < n && strcmp(v[j].rater, v[i].rater) == 0; j++) {
			row.people += v[j].t.people;
			row.nratings += v[j].t.nratings;
			row.sum += v[j].t.sum;
			row.sumsq += v[j].t.sumsq;
			row.unsupported += v[j].t.unsupported;
			row.activity_only += v[j].t.activity_only;
			row.linked += v[j].t.linked;
			row.unflagged += v[j].t.unflagged;
		}
		if (fn(&row, arg) != 0)
			break;
	}
out:
	for (i = 0; i < n; i++)
		free(v[i].rater);
	free(v);
	return rc;
}

int
store_cycle_people(struct store *st, const char *cycle,
    int (*fn)(const char *person, void *arg), void *arg)
{
	sqlite3_stmt *s = prepare(st, "SELECT DISTINCT person FROM assessments "
	    "WHERE cycle = ?1 AND current = 1 ORDER BY person");

	if (s == NULL)
		return -1;
	store_bind_text(s, 1, cycle);
	return store_each_text(st, s, fn, arg, "reading the cycle");
}

/* ---- team outcomes ---- */

int
store_outcomes_replace(struct store *st, const char *team, const char *cycle,
    const struct store_outcome *rows, size_t n, const char *file, int *revision)
{
	sqlite3_stmt *s;
	char now[32];
	size_t i;
	int rc;

	if ((s = prepare(st, "SELECT coalesce(max(revision), 0) FROM outcomes "
	    "WHERE team = ?1 AND cycle = ?2")) == NULL)
		return -1;
	store_bind_text(s, 1, team);
	store_bind_text(s, 2, cycle);
	rc = sqlite3_step(s);
	*revision = rc == SQLITE_ROW ? sqlite3_column_int(s, 0) + 1 : 0;
	release(st, s);
	if (rc != SQLITE_ROW)
		return db_error(st, "reading outcome revisions");
	if ((s = prepare(st, "UPDATE outcomes SET current = 0 WHERE team = ?1 AND cycle = ?2 "
	    "AND current = 1")) == NULL)
		return -1;
	store_bind_text(s, 1, team);
	store_bind_text(s, 2, cycle);
	if (run(st, s, "replacing the previous outcomes") != 0)
		return -1;
	if ((s = prepare(st, "INSERT INTO outcomes (team, cycle, kind, name, value, target, unit, "
	    "source, revision, current, imported_at, file) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 1, ?10, ?11)")) == NULL)
		return -1;
	store_now(now);
	for (i = 0; i < n; i++) {
		const struct store_outcome *o = &rows[i];

		store_bind_text(s, 1, team);
		store_bind_text(s, 2, cycle);
		store_bind_text(s, 3, o->kind);
		store_bind_text(s, 4, o->name);
		sqlite3_bind_double(s, 5, o->value);
		if (o->has_target)
			sqlite3_bind_double(s, 6, o->target);
		else
			sqlite3_bind_null(s, 6);
		store_bind_text(s, 7, o->unit);
		store_bind_text(s, 8, o->source);
		sqlite3_bind_int(s, 9, *revision);
		store_bind_text(s, 10, now);
		store_bind_text(s, 11, file);
		if (sqlite3_step(s) != SQLITE_DONE) {
			release(st, s);
			return db_error(st, "storing an outcome");
		}
		sqlite3_reset(s);
	}
	release(st, s);
	return 0;
}

int
store_outcomes_each(struct store *st, const char *cycle, const char *team,
    int (*fn)(const struct store_outcome *o, void *arg), void *arg)
{
	/*
	 * One team's by its own statement: through "?2 IS NULL OR" SQLite reads
	 * every current outcome of the cycle, every team's, for one team.
	 */
	sqlite3_stmt *s = prepare(st, team != NULL ? "SELECT team, cycle, kind, name, value, "
	    "target, unit, source FROM outcomes WHERE cycle = ?1 AND current = 1 AND team = ?2 "
	    "ORDER BY team, kind, name" : "SELECT team, cycle, kind, name, value, target, unit, "
	    "source FROM outcomes WHERE cycle = ?1 AND current = 1 AND (?2 IS NULL OR team = ?2) "
	    "ORDER BY team, kind, name");
	int rc;

	if (s == NULL)
		return -1;
	store_bind_text(s, 1, cycle);
	store_bind_text(s, 2, team);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_outcome o;

		o.team = (const char *)sqlite3_column_text(s, 0);
		o.cycle = (const char *)sqlite3_column_text(s, 1);
		o.kind = (const char *)sqlite3_column_text(s, 2);
		o.name = (const char *)sqlite3_column_text(s, 3);
		o.value = sqlite3_column_double(s, 4);
		o.has_target = sqlite3_column_type(s, 5) != SQLITE_NULL;
		o.target = sqlite3_column_double(s, 5);
		o.unit = (const char *)sqlite3_column_text(s, 6);
		o.source = (const char *)sqlite3_column_text(s, 7);
		if (fn(&o, arg) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	release(st, s);
	if (rc != SQLITE_DONE)
		return db_error(st, "reading outcomes");
	return 0;
}

int
store_outcomes_previous_cycle(struct store *st, const char *team, const char *cycle,
    char **prev)
{
	sqlite3_stmt *s = prepare(st, "SELECT max(cycle) FROM outcomes WHERE team = ?1 AND "
	    "current = 1 AND cycle < ?2");
	int rc;

	*prev = NULL;
	if (s == NULL)
		return -1;
	store_bind_text(s, 1, team);
	store_bind_text(s, 2, cycle);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*prev = store_column_text(s, 0);
	if (finish_row(st, s, rc, "outcomes") < 0)
		return -1;
	return *prev != NULL;
}

int
store_okr_exists(struct store *st, const char *cycle, const char *id)
{
	return store_exists(st, "outcomes",
	    "SELECT 1 FROM outcomes WHERE cycle = ?1 AND kind = 'okr' "
	    "AND name = ?2 AND current = 1 LIMIT 1", "tt", cycle, id);
}

/* ---- decisions and the audit log ---- */

#define DECISION_COLUMNS "person, cycle, outcome, to_level, decided_by, note, decided_at"

static void
read_decision(sqlite3_stmt *s, struct store_decision *d)
{
	d->person = store_column_text(s, 0);
	d->cycle = store_column_text(s, 1);
	d->outcome = store_column_text(s, 2);
	d->to_level = store_column_text(s, 3);
	d->decided_by = store_column_text(s, 4);
	d->note = store_column_text(s, 5);
	d->decided_at = store_column_text(s, 6);
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
	store_bind_text(s, 1, person);
	store_bind_text(s, 2, cycle);
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
store_decision_set(struct store *st, const struct store_decision_in *d)
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
	store_bind_text(s, 1, d->person);
	store_bind_text(s, 2, d->cycle);
	store_bind_text(s, 3, d->outcome);
	store_bind_text(s, 4, d->to_level);
	store_bind_text(s, 5, d->decided_by);
	store_bind_text(s, 6, d->note);
	store_bind_text(s, 7, now);
	if (run(st, s, "storing the decision") != 0) {
		free(before);
		return -1;
	}
	after = describe_decision(d->outcome, d->to_level, d->decided_by, d->note);
	subject = xasprintf("%s/%s", d->cycle, d->person);
	rc = -1;
	if ((s = prepare(st, "INSERT INTO audit_log (at, actor, action, subject, before, after) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)")) != NULL) {
		store_bind_text(s, 1, now);
		store_bind_text(s, 2, d->decided_by);
		store_bind_text(s, 3, got ? "change decision" : "decide");
		store_bind_text(s, 4, subject);
		store_bind_text(s, 5, before);
		store_bind_text(s, 6, after);
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
	store_bind_text(s, 1, cycle);
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
	    "FROM audit_log WHERE ?1 IS NULL OR subject = ?1 "
	    "OR substr(subject, 1, length(?1) + 1) = ?1 || '/' ORDER BY id");
	int rc;

	if (s == NULL)
		return -1;
	store_bind_text(s, 1, cycle);
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
	    "audit_log", "links", "outcomes", "accounts", "api_tokens", "web_sessions",
	    "access_log",
	    NULL };
	sqlite3_stmt *s;
	char sql[64];
	size_t i;

	for (i = 0; tables[i] != NULL; i++)
		if (strcmp(tables[i], table) == 0)
			break;
	if (tables[i] == NULL)
		return -1;
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s", tables[i]);
	if ((s = prepare(st, sql)) == NULL)
		return -1;
	return store_row_count(st, s);
}

sqlite3 *
store_sqlite(struct store *st)
{
	return st->db;
}

const char *
store_file(const struct store *st)
{
	return st->path;
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

int
store_rows(struct store *st, sqlite3_stmt *s, int (*row)(sqlite3_stmt *s, void *arg),
    void *arg, const char *what)
{
	int rc;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if (row(s, arg) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	release(st, s);
	return rc == SQLITE_DONE ? 0 : db_error(st, what);
}

struct each_text {
	int (*fn)(const char *text, void *arg);
	void *arg;
};

static int
each_text_row(sqlite3_stmt *s, void *arg)
{
	struct each_text *e = arg;

	return e->fn((const char *)sqlite3_column_text(s, 0), e->arg);
}

int
store_each_text(struct store *st, sqlite3_stmt *s,
    int (*fn)(const char *text, void *arg), void *arg, const char *what)
{
	struct each_text e = { fn, arg };

	return store_rows(st, s, each_text_row, &e, what);
}

/*
 * Prepares sql and binds ?1, ?2, ... from ap as types says: 't' a const
 * char * (NULL binds NULL), 'i' a long long. NULL after reporting.
 */
static sqlite3_stmt *
prepare_args(struct store *st, const char *sql, const char *types, va_list ap)
{
	sqlite3_stmt *s = prepare(st, sql);
	int i;

	for (i = 0; s != NULL && types[i] != '\0'; i++)
		if (types[i] == 'i')
			sqlite3_bind_int64(s, i + 1, va_arg(ap, long long));
		else
			store_bind_text(s, i + 1, va_arg(ap, const char *));
	return s;
}

sqlite3_stmt *
store_stmt_args(struct store *st, const char *sql, const char *types, ...)
{
	sqlite3_stmt *s;
	va_list ap;

	va_start(ap, types);
	s = prepare_args(st, sql, types, ap);
	va_end(ap);
	return s;
}

int
store_run(struct store *st, const char *what, const char *sql, const char *types, ...)
{
	sqlite3_stmt *s;
	va_list ap;

	va_start(ap, types);
	s = prepare_args(st, sql, types, ap);
	va_end(ap);
	return s == NULL ? -1 : run(st, s, what);
}

int
store_exists(struct store *st, const char *what, const char *sql, const char *types, ...)
{
	sqlite3_stmt *s;
	va_list ap;

	va_start(ap, types);
	s = prepare_args(st, sql, types, ap);
	va_end(ap);
	return s == NULL ? -1 : finish_row(st, s, sqlite3_step(s), what);
}

long long
store_row_count(struct store *st, sqlite3_stmt *s)
{
	long long n = -1;

	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	release(st, s);
	return n;
}

int
store_row_text(struct store *st, sqlite3_stmt *s, char **out, const char *what)
{
	int rc;

	*out = NULL;
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		*out = store_column_text(s, 0);
	return finish_row(st, s, rc, what);
}

int
store_state(struct store *st, long long state[2])
{
	sqlite3_stmt *s = prepare(st, "PRAGMA data_version");
	int rc;

	if (s == NULL)
		return -1;
	rc = sqlite3_step(s);
	state[0] = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	state[1] = (long long)sqlite3_total_changes64(st->db);
	release(st, s);
	return rc == SQLITE_ROW ? 0 : db_error(st, "reading the data version");
}

void
store_set_models(struct store *st, struct published_cache *models)
{
	st->models = models;
}

struct published_cache *
store_models(const struct store *st)
{
	return st ? st->models : NULL;
}
