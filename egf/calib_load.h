/*
 * calib_load.h: the calibration report of a loaded cycle with what the
 * store adds to it, the cycle's decisions and the raters' names; what
 * `egf calibrate` and egf serve's calibration both build.
 */
#ifndef EGF_CALIB_LOAD_H
#define EGF_CALIB_LOAD_H

#include "calib_report.h"
#include "store.h"

struct team_outcomes;
/*
 * What the report borrows: decisions, names and each team's outcomes (its
 * context). Free with calib_strings_free.
 */
struct calib_strings {
	struct strmap *decisions;
	char **owned;
	size_t n, cap;
	struct team_outcomes *context;	/* one per team of the report */
	size_t ncontext;
};

/*
 * Builds the report of c inside slice (calib_report_build) with the
 * cycle's decisions, the raters' names and the teams' outcomes. The report borrows from c and
 * keep. Returns 0, or -1 after a database error. Free the report with
 * calib_report_free and keep with calib_strings_free either way.
 */
int calib_load(struct calib_report *r, struct calib_strings *keep, struct store *st,
    const struct cycle *c, const struct calib_slice *slice);
void calib_strings_free(struct calib_strings *keep);

#endif
