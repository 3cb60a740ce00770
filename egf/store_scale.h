/*
 * store_scale.h: what the store adds so that the pages of egf serve cost
 * the same at any size of the organisation (docs/benchmarks.md, "Computing
 * /me and /team at 1,000 and 10,000 people"): the peer requests asked of
 * a person and the calibration sessions an account sits on are found by a
 * lookup, not by a scan of every request or every committee seat.
 */
#ifndef EGF_STORE_SCALE_H
#define EGF_STORE_SCALE_H

/* The schema step (docs/store.md): two indexes, nothing else changes. */
#define STORE_SCALE_SCHEMA \
	"CREATE INDEX peer_requests_peer ON peer_requests (peer, cycle, person);" \
	"CREATE INDEX session_committee_account ON session_committee (account, cycle, session);"

#endif
