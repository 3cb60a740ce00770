/*
 * test_authz.c: the role table of authz.h, cell by cell, for what the store
 * cannot yet reach from egf serve (a released cycle, peer_min) as well as
 * what it can.
 */
#include "unit.h"

#include "authz.h"
#include "store_serve.h"

static const struct authz_caller ana = { "ana", 0 }, mia = { "mia", 0 }, bo = { "bo", 0 },
	hr = { "hr", ACCOUNT_HR }, admin = { "root", ACCOUNT_ADMIN };
static const struct authz_cycle open_cycle = { "C", 0, AUTHZ_PEER_MIN },
	released = { "C", 1, AUTHZ_PEER_MIN };

static void
test_subject(void)
{
	/* ana's own forms: her self-assessment always, the rest only once released. */
	CHECK(authz_assessment(REL_SELF, &ana, &open_cycle, ROLE_SELF, "ana", 0) & VIEW_SHOWN);
	CHECK(authz_assessment(REL_SELF, &ana, &open_cycle, ROLE_MANAGER, "mia", 3) == VIEW_HIDDEN);
	CHECK(authz_assessment(REL_SELF, &ana, &released, ROLE_MANAGER, "mia", 3) == VIEW_SHOWN);
	CHECK(authz_assessment(REL_SELF, &ana, &open_cycle, ROLE_PEER, "bo", 3) == VIEW_HIDDEN);
	CHECK(authz_assessment(REL_SELF, &ana, &released, ROLE_PEER, "bo", 2) == VIEW_HIDDEN);
	CHECK(authz_assessment(REL_SELF, &ana, &released, ROLE_PEER, "bo", 3) ==
	    (VIEW_SHOWN | VIEW_ANONYMOUS));
	CHECK(authz_decision(REL_SELF, &open_cycle) == 0);
	CHECK(authz_decision(REL_SELF, &released) == 1);
	CHECK(authz_packet(REL_SELF, &open_cycle, 0) == AUTHZ_FORBIDDEN);
	CHECK(authz_packet(REL_SELF, &released, 0) == AUTHZ_OK);
	CHECK(authz_packet(REL_SELF, &released, 1) == AUTHZ_FORBIDDEN);
	CHECK(!authz_in_calibration(REL_SELF));
}

static void
test_managers(void)
{
	/* mia authored the manager form; a skip-level manager did not. */
	const struct authz_caller sam = { "sam", 0 };

	CHECK(authz_assessment(REL_MANAGER, &mia, &open_cycle, ROLE_MANAGER, "mia", 0) ==
	    (VIEW_SHOWN | VIEW_PRIVATE));
	CHECK(authz_assessment(REL_MANAGER, &sam, &open_cycle, ROLE_MANAGER, "mia", 0) ==
	    VIEW_SHOWN);
	CHECK(authz_assessment(REL_MANAGER, &sam, &open_cycle, ROLE_PEER, "bo", 1) == VIEW_SHOWN);
	CHECK(authz_assessment(REL_MANAGER, &sam, &open_cycle, ROLE_SELF, "ana", 0) == VIEW_SHOWN);
	CHECK(authz_decision(REL_MANAGER, &open_cycle) == 2);
	CHECK(authz_in_calibration(REL_MANAGER));
	CHECK(authz_decide(REL_MANAGER) == AUTHZ_FORBIDDEN);
	CHECK(authz_request_peer(REL_MANAGER) == AUTHZ_OK);
	CHECK(authz_packet(REL_MANAGER, &open_cycle, 0) == AUTHZ_OK);
	CHECK(authz_packet(REL_MANAGER, &open_cycle, 1) == AUTHZ_FORBIDDEN);
}

static void
test_peer_author(void)
{
	CHECK(authz_sees_person(REL_PEER));
	CHECK(!authz_sees_record(REL_PEER));
	CHECK(authz_assessment(REL_PEER, &bo, &released, ROLE_PEER, "bo", 3) & VIEW_SHOWN);
	CHECK(authz_assessment(REL_PEER, &bo, &released, ROLE_PEER, "cy", 3) == VIEW_HIDDEN);
	CHECK(authz_assessment(REL_PEER, &bo, &released, ROLE_MANAGER, "mia", 3) == VIEW_HIDDEN);
	CHECK(authz_assessment(REL_PEER, &bo, &released, ROLE_SELF, "ana", 3) == VIEW_HIDDEN);
	CHECK(authz_decision(REL_PEER, &released) == 0);
	CHECK(authz_decide(REL_PEER) == AUTHZ_FORBIDDEN);
	CHECK(authz_request_peer(REL_PEER) == AUTHZ_FORBIDDEN);
	CHECK(authz_packet(REL_PEER, &released, 0) == AUTHZ_FORBIDDEN);
}

static void
test_hr_committee_and_strangers(void)
{
	unsigned rel;

	for (rel = REL_HR; rel <= REL_COMMITTEE; rel <<= 1) {
		CHECK(authz_assessment(rel, &hr, &open_cycle, ROLE_MANAGER, "mia", 0) ==
		    (VIEW_SHOWN | VIEW_PRIVATE));
		CHECK(authz_decide(rel) == AUTHZ_OK);
		CHECK(authz_packet(rel, &open_cycle, 1) == AUTHZ_OK);
		CHECK(authz_in_calibration(rel));
	}
	CHECK(authz_is_hr(&admin) && authz_is_admin(&admin));
	CHECK(authz_is_hr(&hr) && !authz_is_admin(&hr));
	CHECK(!authz_is_hr(&ana));
	CHECK(authz_create_session(&hr) == AUTHZ_OK);
	CHECK(authz_create_session(&mia) == AUTHZ_FORBIDDEN);
	CHECK(authz_view_session(&mia, 1) == AUTHZ_OK);
	CHECK(authz_view_session(&mia, 0) == AUTHZ_NOT_FOUND);
	/* No relation: the person does not exist for the caller. */
	CHECK(!authz_sees_person(0));
	CHECK(authz_decide(0) == AUTHZ_NOT_FOUND);
	CHECK(authz_request_peer(0) == AUTHZ_NOT_FOUND);
	CHECK(authz_packet(0, &released, 0) == AUTHZ_NOT_FOUND);
	CHECK(authz_assessment(0, &ana, &released, ROLE_SELF, "uma", 0) == VIEW_HIDDEN);
}

int
main(void)
{
	RUN(test_subject);
	RUN(test_managers);
	RUN(test_peer_author);
	RUN(test_hr_committee_and_strangers);
	return UNIT_EXIT();
}
