/*
 * packet.h: the promotion packet (docs/packets.md), and the ladder booklet,
 * laid out with pdf.h from a template.
 */
#ifndef EGF_PACKET_H
#define EGF_PACKET_H

#include "calib_report.h"
#include "cycle.h"
#include "packet_template.h"
#include "pdf.h"
#include "store.h"
#include "util.h"

struct team_outcomes;

struct packet_person {
	const struct cycle_person *p;	/* with ratings (private notes only for the committee) */
	const char *cycle;
	const char *manager_name;	/* NULL when unknown */
	/* The display name of a person id (a rater); may return NULL. */
	const char *(*name_of)(void *arg, const char *id);
	void *name_arg;
	const struct store_decision *decision;	/* NULL when none is recorded */
	const struct calib_report *report;	/* the cycle's, for the calibration context */
	const struct calib_person *row;		/* the person's row in it, or NULL */
	enum packet_audience audience;
	const struct team_outcomes *team;	/* the person's team's outcomes, or NULL */
	unsigned peer_min;	/* employee copy: peers shown from this many on (CYCLE_PEER_MIN) */
};

/*
 * Appends the person's packet as PDF to out, in the layout of the template
 * the fonts were loaded for (pdf_fonts_new). Private notes are printed only
 * for the committee, whatever the template says; in the employee copy peer
 * feedback is anonymous and shown only once peer_min peers answered. Returns 0, or -1 after
 * printing the error.
 */
int packet_render(const struct pdf_fonts *f, const struct packet_person *in, struct buf *out);

/*
 * Appends the ladder as a printable booklet: the introduction, a chapter per
 * track and level with every expectation grouped by area and competency, and
 * the level-by-competency overview. Returns 0 or -1 after printing the error.
 */
int packet_booklet(const struct pdf_fonts *f, const struct model *m, struct buf *out);

#endif
