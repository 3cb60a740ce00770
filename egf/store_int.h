/*
 * store_int.h: what the store's modules (store.c, store_person_data.c,
 * store_serve.c) share and nothing else may use: the connection behind a
 * struct store, the schema of egf serve's tables and access to the
 * connection's cached prepared statements. Commands never include it.
 */
#ifndef EGF_STORE_INT_H
#define EGF_STORE_INT_H

#include <sqlite3.h>

#include "store.h"

struct store;

/* The connection; borrowed, valid until store_close. */
sqlite3 *store_sqlite(struct store *st);
/* Binds text, or NULL for a NULL pointer (SQLITE_STATIC: text outlives the step). */
void store_bind_text(sqlite3_stmt *s, int i, const char *text);
/* Column i as an owned copy (free), or NULL. */
char *store_column_text(sqlite3_stmt *s, int i);
/* The database's path, for messages; borrowed. */
const char *store_file(const struct store *st);
/*
 * A second connection to st's database, to write a cache of what st reads
 * (the calibration snapshot, store_calib.h) from a command that only reads:
 * read-write, never created nor migrated (st's check holds), no busy wait.
 * NULL, with nothing printed, when the file cannot be written, or st was
 * opened as immutable (its directory not writable: store_open). The caller
 * owns it: store_close.
 */
struct store *store_open_cache_writer(const struct store *st);

/*
 * Schema version 6: accounts of egf serve (roles as rows), API tokens, web
 * sessions and sign-in failures (secrets stored as SHA-256 only), the
 * append-only access log, peer requests and calibration sessions with their
 * committee. Times the server compares are Unix seconds.
 */
#define STORE_SERVE_SCHEMA \
	"CREATE TABLE accounts (" \
	"  id TEXT PRIMARY KEY," \
	"  email TEXT UNIQUE," \
	"  password TEXT," \
	"  disabled INTEGER NOT NULL DEFAULT 0," \
	"  created_at TEXT NOT NULL);" \
	"CREATE TABLE account_roles (" \
	"  account TEXT NOT NULL REFERENCES accounts (id)," \
	"  role TEXT NOT NULL CHECK (role IN ('hr', 'admin'))," \
	"  PRIMARY KEY (account, role));" \
	"CREATE TABLE api_tokens (" \
	"  hash TEXT PRIMARY KEY," \
	"  account TEXT NOT NULL REFERENCES accounts (id)," \
	"  created INTEGER NOT NULL," \
	"  expires INTEGER NOT NULL);" \
	"CREATE TABLE web_sessions (" \
	"  hash TEXT PRIMARY KEY," \
	"  account TEXT NOT NULL REFERENCES accounts (id)," \
	"  created INTEGER NOT NULL," \
	"  last_seen INTEGER NOT NULL);" \
	"CREATE TABLE sign_in_failures (" \
	"  account TEXT NOT NULL," \
	"  address TEXT NOT NULL," \
	"  at INTEGER NOT NULL);" \
	"CREATE INDEX sign_in_failures_key ON sign_in_failures (account, address, at);" \
	"CREATE TABLE access_log (" \
	"  id INTEGER PRIMARY KEY," \
	"  at TEXT NOT NULL," \
	"  actor TEXT," \
	"  address TEXT," \
	"  action TEXT NOT NULL," \
	"  subject TEXT);" \
	"CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log" \
	"  BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;" \
	"CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log" \
	"  BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;" \
	"CREATE TRIGGER access_log_no_replace BEFORE INSERT ON access_log" \
	"  WHEN EXISTS (SELECT 1 FROM access_log WHERE id = NEW.id)" \
	"  BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;" \
	"CREATE TABLE peer_requests (" \
	"  cycle TEXT NOT NULL," \
	"  person TEXT NOT NULL REFERENCES people (id)," \
	"  peer TEXT NOT NULL REFERENCES people (id)," \
	"  requested_by TEXT NOT NULL," \
	"  requested_at TEXT NOT NULL," \
	"  PRIMARY KEY (cycle, person, peer));" \
	"CREATE TABLE calibration_sessions (" \
	"  cycle TEXT NOT NULL," \
	"  id TEXT NOT NULL," \
	"  title TEXT NOT NULL," \
	"  levels TEXT NOT NULL," \
	"  teams TEXT NOT NULL," \
	"  created_by TEXT NOT NULL," \
	"  created_at TEXT NOT NULL," \
	"  locked INTEGER NOT NULL DEFAULT 0," \
	"  PRIMARY KEY (cycle, id));" \
	"CREATE TABLE session_committee (" \
	"  cycle TEXT NOT NULL," \
	"  session TEXT NOT NULL," \
	"  account TEXT NOT NULL," \
	"  PRIMARY KEY (cycle, session, account)," \
	"  FOREIGN KEY (cycle, session) REFERENCES calibration_sessions (cycle, id));"

/*
 * Schema 7: erasing a person reaches the access log (store_person_data.c).
 * While the erasure authorisation exists, an entry may have the person as
 * actor replaced by the tombstone (and then their address removed), and
 * the person in its subject replaced by the tombstone: the whole subject,
 * or every path segment equal to the id. Nothing else may change and
 * DELETE stays refused, as in the audit log (schema 4).
 */
#define STORE_ERASE_ACCESS_SCHEMA \
	"DROP TRIGGER access_log_no_update;" \
	"CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log" \
	"  WHEN NOT EXISTS (SELECT 1 FROM erasure_authorisation)" \
	"  BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;" \
	"CREATE TRIGGER access_log_erasure_only BEFORE UPDATE ON access_log" \
	"  WHEN NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at OR NEW.action IS NOT OLD.action" \
	"    OR NOT EXISTS (SELECT 1 FROM erasure_authorisation e WHERE" \
	"      (NEW.actor IS OLD.actor OR (OLD.actor = e.person AND NEW.actor = e.tombstone))" \
	"      AND (NEW.address IS OLD.address OR (OLD.actor = e.person AND NEW.address IS NULL))" \
	"      AND (NEW.subject IS OLD.subject" \
	"        OR (OLD.subject = e.person AND NEW.subject = e.tombstone)" \
	"        OR NEW.subject || '/' = replace(OLD.subject || '/', '/' || e.person || '/'," \
	"          '/' || e.tombstone || '/')))" \
	"  BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;"

/*
 * Schema version 8: a cycle opened with `egf cycle open` (store_cycle.c,
 * docs/cycles.md) has its ladder version, phase and dates on its row of
 * cycles (a NULL phase: never opened); its people and the forms hr reopened
 * have tables of their own. The phase only moves forward, whoever writes.
 */
#define STORE_CYCLE_SCHEMA \
	"ALTER TABLE cycles ADD COLUMN ladder_version INTEGER REFERENCES ladder_versions (id);" \
	"ALTER TABLE cycles ADD COLUMN phase TEXT CHECK (phase IN ('self', 'manager'," \
	"  'calibration', 'released', 'closed'));" \
	"ALTER TABLE cycles ADD COLUMN self_due TEXT;" \
	"ALTER TABLE cycles ADD COLUMN manager_due TEXT;" \
	"ALTER TABLE cycles ADD COLUMN calibration_on TEXT;" \
	"ALTER TABLE cycles ADD COLUMN release_on TEXT;" \
	"ALTER TABLE cycles ADD COLUMN opened_at TEXT;" \
	"ALTER TABLE cycles ADD COLUMN opened_by TEXT;" \
	"CREATE TRIGGER cycles_phase_forward BEFORE UPDATE OF phase ON cycles" \
	"  WHEN OLD.phase IS NOT NULL AND (NEW.phase IS NULL OR" \
	"    instr('self manager calibration released closed', NEW.phase) <" \
	"    instr('self manager calibration released closed', OLD.phase))" \
	"  BEGIN SELECT RAISE(ABORT, 'the phase of a cycle only moves forward'); END;" \
	"CREATE TABLE cycle_people (" \
	"  cycle TEXT NOT NULL REFERENCES cycles (id)," \
	"  person TEXT NOT NULL REFERENCES people (id)," \
	"  PRIMARY KEY (cycle, person)) WITHOUT ROWID;" \
	"CREATE INDEX cycle_people_person ON cycle_people (person);" \
	"CREATE TABLE form_reopenings (" \
	"  cycle TEXT NOT NULL REFERENCES cycles (id)," \
	"  person TEXT NOT NULL," \
	"  rater TEXT NOT NULL," \
	"  role TEXT NOT NULL CHECK (role IN ('self', 'manager', 'peer'))," \
	"  reopened_by TEXT NOT NULL," \
	"  reopened_at TEXT NOT NULL," \
	"  PRIMARY KEY (cycle, person, rater));"

/*
 * A cached prepared statement of the connection for sql (NULL after
 * reporting); give it back with store_stmt_done, or step it to its end with
 * store_stmt_run (no row expected: 0 or -1) or store_stmt_row (a single-row
 * query stepped to rc: 1 found, 0 none, -1 error), which give it back.
 */
sqlite3_stmt *store_stmt(struct store *st, const char *sql);
void store_stmt_done(struct store *st, sqlite3_stmt *s);
int store_stmt_run(struct store *st, sqlite3_stmt *s, const char *what);
int store_stmt_row(struct store *st, sqlite3_stmt *s, int rc, const char *what);
/* Prints the connection's last error about what; returns -1. */
int store_error(struct store *st, const char *what);

/*
 * The row loops every store module shares. Each steps s (prepared with
 * store_stmt and bound by the caller) to its end and gives it back.
 * store_rows calls row(s, arg) for each row until it returns nonzero;
 * store_each_text calls fn with column 0's text (borrowed for the call).
 * Both: 0, or -1 after reporting the error as `what` ("reading cycles").
 * store_row_text steps a single-row query and sets *out to an owned copy
 * of column 0 (NULL when there is no row or the value is NULL): 1 found,
 * 0 none, -1 after reporting "reading <what>".
 */
int store_rows(struct store *st, sqlite3_stmt *s, int (*row)(sqlite3_stmt *s, void *arg),
    void *arg, const char *what);
int store_each_text(struct store *st, sqlite3_stmt *s,
    int (*fn)(const char *text, void *arg), void *arg, const char *what);
int store_row_text(struct store *st, sqlite3_stmt *s, char **out, const char *what);
/* Steps a count query: column 0 of its row, or -1 when there is none. */
long long store_row_count(struct store *st, sqlite3_stmt *s);
/*
 * One statement with its parameters ?1, ?2, ... given as arguments, one
 * letter of types for each: 't' a const char * (NULL binds NULL; borrowed
 * for the call), 'i' a long long. store_run steps it to its end (0, or -1
 * after reporting `what` as store_stmt_run does); store_exists reports
 * whether it returns a row (1, 0, or -1 after reporting "reading <what>").
 */
int store_run(struct store *st, const char *what, const char *sql, const char *types, ...);
/* store_stmt with the parameters bound as for store_run; NULL after reporting. */
sqlite3_stmt *store_stmt_args(struct store *st, const char *sql, const char *types, ...);
int store_exists(struct store *st, const char *what, const char *sql, const char *types, ...);

#endif
