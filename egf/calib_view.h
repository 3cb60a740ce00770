/* calib_view.h: the calibration report as text, CSV, JSON or one HTML page. */
#ifndef EGF_CALIB_VIEW_H
#define EGF_CALIB_VIEW_H

#include "calib_report.h"
#include "util.h"

enum calib_format { CALIB_TEXT, CALIB_CSV, CALIB_JSON, CALIB_HTML };

/* Format names for cli_format, in enum order ("htm" is not one: use html). */
extern const char *const calib_format_names[];

void calib_view(struct buf *b, const struct calib_report *r, enum calib_format fmt);

#endif
