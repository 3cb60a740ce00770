/*
 * calib_snapshot.h: the numbers of one packet's calibration context, from
 * the calibration snapshot (store_calib.h): the cycle's manager sums per
 * rater and the manager readiness shares of the people at one level. The
 * first packet after a change of the cycle builds the snapshot from the
 * whole cycle and stores it; the next ones read a row per manager and per
 * person of the level instead of their ratings.
 */
#ifndef EGF_CALIB_SNAPSHOT_H
#define EGF_CALIB_SNAPSHOT_H

#include <stddef.h>

#include "calib_report.h"
#include "diag.h"
#include "store_published.h"
#include "store.h"

struct calib_snapshot {
	struct calib_rater *raters;	/* the cycle's manager sums; ids owned */
	size_t nraters, raters_cap;
	long long unflagged;		/* manager ratings stored without evidence flags */
	char **people;			/* the level's assessed people, in id order; owned */
	double *shares;			/* their manager readiness shares */
	size_t n, people_cap, shares_cap;
};

/*
 * Fills s (zeroed by the caller) for cycle and level. From the snapshot when
 * it is current; else, when the database can be written at once, the whole
 * cycle is read under a second connection's write lock and the snapshot
 * stored; else the manager sums are read from the ratings and the level's
 * people loaded (with models, the loaded cycle's ladder cache, which must
 * outlive the call). The values are the same bit for bit in each case, as
 * calib_report_build computes them. *stored (may be NULL): 1 read from the
 * snapshot, 2 built and stored, 0 computed without it. Returns 0, or -1
 * after printing an error. Free with calib_snapshot_clear either way.
 */
int calib_snapshot_get(struct calib_snapshot *s, struct store *st, struct diag_list *dl,
    const char *cycle, const char *level, struct published *models, int *stored);
void calib_snapshot_clear(struct calib_snapshot *s);

#endif
