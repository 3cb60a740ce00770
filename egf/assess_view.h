/*
 * assess_view.h: `egf assess show` and `egf readiness` as text, JSON or CSV,
 * rendered from a loaded cycle into a buffer.
 */
#ifndef EGF_ASSESS_VIEW_H
#define EGF_ASSESS_VIEW_H

#include "cycle.h"
#include "util.h"

enum view_format { VIEW_TEXT, VIEW_JSON, VIEW_CSV };

/* The names of the formats, for cli_format, in enum order. */
extern const char *const view_format_names[];

/*
 * One person's ratings side by side per role, per competency. Private notes
 * only in JSON and only when the cycle was loaded with them ("private").
 * With employee_peer_min non-zero, the employee's view: peers are
 * anonymous ("peer"), and shown only when at least that many answered.
 */
void assess_view_show(struct buf *b, const struct cycle *c, const struct cycle_person *p,
    enum view_format fmt, unsigned employee_peer_min);

/* Readiness of every person of the cycle; detail adds per-person blocks in text. */
void assess_view_readiness(struct buf *b, const struct cycle *c, enum view_format fmt,
    int detail);

/* Appends s padded with spaces (or cut with an ellipsis) to width columns of UTF-8 text. */
void view_pad(struct buf *b, const char *s, size_t width);

#endif
