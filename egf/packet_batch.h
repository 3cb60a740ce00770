/*
 * packet_batch.h: the promotion packets of a cycle as an operation (`egf
 * packet --person`, `egf packet --all`, and any front-end that serves a
 * packet): which people have one, the calibration context they share, and
 * each person's packet rendered into a buffer. Where a packet is written,
 * and what is said about it, is the caller's.
 */
#ifndef EGF_PACKET_BATCH_H
#define EGF_PACKET_BATCH_H

#include "calib_report.h"
#include "calib_snapshot.h"
#include "cycle.h"
#include "diag.h"
#include "outcomes.h"
#include "packet.h"
#include "packet_person.h"
#include "store.h"

/* The outcomes of the teams met so far, loaded once per team. */
struct contexts {
	struct team_outcomes *items;
	size_t n, cap;
};

/* A cycle's packets; everything in it is owned (packet_batch_clear). */
struct packet_batch {
	struct store *st;		/* borrowed */
	const char *cycle, *person;	/* borrowed; person NULL: everyone assessed */
	enum packet_audience audience;
	unsigned peer_min;
	size_t total;			/* the people with a packet */
	struct cycle c, lc;
	struct calib_report report;
	struct contexts cx;
	struct calib_snapshot snap;
	struct packet_names nm;
};

/*
 * Loads the packets of cycle for audience: of person, or with person NULL
 * of everyone assessed in it, who then share one calibration report built
 * from the whole cycle (one person's committee copy reads only the people
 * at their level, and the raters' sums from the calibration snapshot). The strings are
 * borrowed for the batch's life. 0 with b->total set (0: nobody has one),
 * or -1 after the error was reported (dl, store). Clear b either way.
 */
int packet_batch_load(struct packet_batch *b, struct store *st, struct diag_list *dl,
    const char *cycle, const char *person, enum packet_audience audience, unsigned peer_min);
/* The next person with a packet from index *i on (advanced past it); NULL after the last. */
const struct cycle_person *packet_batch_next(struct packet_batch *b, size_t *i);
/* Appends p's packet, laid out by f, to out: 0, or -1 (out then holds part of it). */
int packet_batch_render(struct packet_batch *b, const struct pdf_fonts *f,
    const struct cycle_person *p, struct buf *out);
void packet_batch_clear(struct packet_batch *b);

#endif
