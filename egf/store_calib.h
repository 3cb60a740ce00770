/*
 * store_calib.h: the calibration snapshot (docs/store.md, schema step
 * "calibration snapshot"): per cycle, the manager ratings summed per rater as
 * store_cycle_manager_sums computes them, stored so that one packet's rater
 * context reads a row per manager instead of every manager rating of the
 * cycle. Triggers delete a cycle's snapshot whenever its assessments change
 * (insert, update, delete) or a rating of them is updated or deleted; ratings
 * are inserted only with their new assessment (store_assessment_add), whose
 * insert invalidates it. With the sums, each assessed person's manager
 * readiness share by level, so that a packet places its person among their
 * level without loading the level's ratings; a person's level changed, or a
 * person added or removed, invalidates every cycle's snapshot.
 */
#ifndef EGF_STORE_CALIB_H
#define EGF_STORE_CALIB_H

#include "store.h"

/* The schema step: the snapshot's two tables and the triggers that invalidate it. */
#define STORE_CALIB_STALE(name, event, table, cycles) \
	"CREATE TRIGGER calib_stale_" name " AFTER " event " ON " table " BEGIN" \
	"  DELETE FROM calib_rater_sums WHERE cycle IN (" cycles ");" \
	"  DELETE FROM calib_level_shares WHERE cycle IN (" cycles ");" \
	"  DELETE FROM calib_snapshots WHERE cycle IN (" cycles ");" \
	"END;"
/* A person's level decides which level's shares they are among: every cycle's. */
#define STORE_CALIB_STALE_PEOPLE(name, event, when) \
	"CREATE TRIGGER calib_stale_" name " AFTER " event " ON people " when " BEGIN" \
	"  DELETE FROM calib_rater_sums;" \
	"  DELETE FROM calib_level_shares;" \
	"  DELETE FROM calib_snapshots;" \
	"END;"
#define STORE_CALIB_SCHEMA \
	"CREATE TABLE calib_snapshots (" \
	"  cycle TEXT PRIMARY KEY," \
	"  built_at TEXT NOT NULL);" \
	"CREATE TABLE calib_rater_sums (" \
	"  cycle TEXT NOT NULL," \
	"  rater TEXT NOT NULL," \
	"  people INTEGER NOT NULL," \
	"  nratings INTEGER NOT NULL," \
	"  sum REAL NOT NULL," \
	"  sumsq REAL NOT NULL," \
	"  unsupported INTEGER NOT NULL," \
	"  activity_only INTEGER NOT NULL," \
	"  linked INTEGER NOT NULL," \
	"  unflagged INTEGER NOT NULL," \
	"  PRIMARY KEY (cycle, rater));" \
	"CREATE TABLE calib_level_shares (" \
	"  cycle TEXT NOT NULL," \
	"  level TEXT NOT NULL," \
	"  person TEXT NOT NULL," \
	"  share REAL NOT NULL," \
	"  PRIMARY KEY (cycle, level, person));" \
	STORE_CALIB_STALE_PEOPLE("person_insert", "INSERT", "") \
	STORE_CALIB_STALE_PEOPLE("person_delete", "DELETE", "") \
	STORE_CALIB_STALE_PEOPLE("person_level", "UPDATE OF level", \
	    "WHEN OLD.level IS NOT NEW.level") \
	STORE_CALIB_STALE("assessment_insert", "INSERT", "assessments", "NEW.cycle") \
	STORE_CALIB_STALE("assessment_update", "UPDATE", "assessments", "OLD.cycle, NEW.cycle") \
	STORE_CALIB_STALE("assessment_delete", "DELETE", "assessments", "OLD.cycle") \
	STORE_CALIB_STALE("rating_update", "UPDATE", "ratings", \
	    "SELECT cycle FROM assessments WHERE id IN (OLD.assessment, NEW.assessment)") \
	STORE_CALIB_STALE("rating_delete", "DELETE", "ratings", \
	    "SELECT cycle FROM assessments WHERE id = OLD.assessment")

/* One person's manager readiness share in the snapshot. */
struct store_calib_share {
	const char *person, *level;
	double share;
};

/*
 * Reads the cycle's snapshot in one read transaction: the manager sums (the
 * rows and order of store_cycle_manager_sums; sums_fn per rater) and the
 * shares of the people at level, in person order (share_fn per person; rows
 * valid during the call). Returns 1, 0 when the cycle has no current
 * snapshot (nothing called), -1 on error (printed).
 */
int store_calib_snapshot_read(struct store *st, const char *cycle, const char *level,
    int (*sums_fn)(const struct store_rater_sums *row, void *arg),
    int (*share_fn)(const struct store_calib_share *row, void *arg), void *arg);

/*
 * A second connection to st's database holding its write lock (BEGIN
 * IMMEDIATE, no waiting), to store a snapshot from a command that only
 * reads: nothing can change between what it reads and what it stores.
 * NULL, with nothing printed, when the file cannot be written or is locked.
 * Read through it with any store_* function; end with store_calib_writer_end.
 */
struct store *store_calib_writer_begin(struct store *st);
/* Stores the snapshot of cycle: every rater's sums and every person's share. 0 or -1. */
int store_calib_snapshot_write(struct store *w, const char *cycle,
    const struct store_rater_sums *sums, size_t nsums,
    const struct store_calib_share *shares, size_t nshares);
/* Commits (commit non-zero) or rolls back, and closes w. 0 when committed. */
int store_calib_writer_end(struct store *w, int commit);

#endif
