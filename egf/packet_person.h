/*
 * packet_person.h: one person's packet from the store: their decision, the
 * manager's and raters' names looked up, the calibration row found; what
 * `egf packet` writes to a file and egf serve sends.
 */
#ifndef EGF_PACKET_PERSON_H
#define EGF_PACKET_PERSON_H

#include "packet.h"

/* Display names of people, looked up once each. Zero it, set st; free with packet_names_free. */
struct packet_names {
	struct store *st;
	struct strmap *map;
	char **owned;
	size_t n, cap;
};

void packet_names_free(struct packet_names *nm);

struct pdf_fonts;
struct team_outcomes;
/*
 * Appends the packet of p (a person of the cycle; report may be built from
 * another load of it, rows are matched by id) for audience to out, in the
 * layout of the template f was loaded for; team is the context of p's team
 * (NULL: none) and peer_min the employee copy's fewest peers. Returns 0, or
 * -1 after printing a database or PDF error.
 */
int packet_person_render(const struct pdf_fonts *f, struct store *st,
    struct packet_names *nm, const struct calib_report *report, const struct cycle_person *p,
    const char *cycle, enum packet_audience audience, unsigned peer_min,
    const struct team_outcomes *team, struct buf *out);

#endif
