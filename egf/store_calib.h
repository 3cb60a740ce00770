/*
 * store_calib.h: the calibration snapshot (docs/store.md, schema step
 * "calibration snapshot"): per cycle, the manager ratings summed per rater as
 * store_cycle_manager_sums computes them, stored so that one packet's rater
 * context reads a row per manager instead of every manager rating of the
 * cycle. Triggers delete a cycle's snapshot whenever its assessments change
 * (insert, update, delete) or a rating of them is updated or deleted; ratings
 * are inserted only with their new assessment (store_assessment_add), whose
 * insert invalidates it.
 */
#ifndef EGF_STORE_CALIB_H
#define EGF_STORE_CALIB_H

#include "store.h"

/* The schema step: the snapshot's two tables and the triggers that invalidate it. */
#define STORE_CALIB_STALE(name, event, table, cycles) \
	"CREATE TRIGGER calib_stale_" name " AFTER " event " ON " table " BEGIN" \
	"  DELETE FROM calib_rater_sums WHERE cycle IN (" cycles ");" \
	"  DELETE FROM calib_snapshots WHERE cycle IN (" cycles ");" \
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
	STORE_CALIB_STALE("assessment_insert", "INSERT", "assessments", "NEW.cycle") \
	STORE_CALIB_STALE("assessment_update", "UPDATE", "assessments", "OLD.cycle, NEW.cycle") \
	STORE_CALIB_STALE("assessment_delete", "DELETE", "assessments", "OLD.cycle") \
	STORE_CALIB_STALE("rating_update", "UPDATE", "ratings", \
	    "SELECT cycle FROM assessments WHERE id IN (OLD.assessment, NEW.assessment)") \
	STORE_CALIB_STALE("rating_delete", "DELETE", "ratings", \
	    "SELECT cycle FROM assessments WHERE id = OLD.assessment")

/*
 * The manager sums of a cycle (store_cycle_manager_sums: the same rows, in
 * the same order, with the same values), from the snapshot when it is
 * current. Without one, they are summed from the ratings and, when the
 * database can be written at once (a second connection that takes the
 * write lock without waiting), stored as the snapshot in the same
 * transaction that summed them; a database that is read-only or locked is
 * left as it is. *stored (may be NULL) says where they came from: 1 the
 * snapshot, 2 summed and stored as the snapshot, 0 otherwise. Returns 0, or -1 on error
 * (printed).
 */
int store_calib_rater_sums(struct store *st, const char *cycle,
    int (*fn)(const struct store_rater_sums *row, void *arg), void *arg, int *stored);

#endif
