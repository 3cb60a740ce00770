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

/*
 * Appends the packet of p (a person of the cycle report was built from) for
 * audience to out. Returns 0, or -1 after printing a database or PDF error.
 */
int packet_person_render(const struct packet_template *t, struct store *st,
    struct packet_names *nm, const struct calib_report *report, const struct cycle_person *p,
    const char *cycle, enum packet_audience audience, struct buf *out);

#endif
