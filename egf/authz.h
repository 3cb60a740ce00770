/*
 * authz.h: who may see or change what in egf serve: the one place that
 * holds the role table of docs/serve.md. Every handler asks here; none
 * filters on its own.
 *
 * The caller's relation to a person P is a set of bits computed from the
 * store (authz_relation); every other question is answered from that set,
 * the kind of thing asked about and the cycle's state, so that the table can
 * be read (and unit-tested) as the functions below.
 *
 *   data about P          P                       P's managers (chain)     peer author   hr, committee
 *   self-assessment       yes                     yes                      no            yes
 *   manager assessment    after released,         yes; private notes       no            yes, with private
 *                         no private notes        only their author's
 *   peer assessment       after released,         yes                      their own     yes
 *                         anonymous, >= peer_min
 *   decisions             outcome and level       yes                      no            yes
 *                         after released
 *   calibration           no                      their reports' slice     no            yes
 *
 * A person the caller has no relation to does not exist for them (404).
 */
#ifndef EGF_AUTHZ_H
#define EGF_AUTHZ_H

#include "assess.h"
#include "store.h"

/* How the caller stands to a person; a person may be several at once. */
enum authz_rel {
	REL_SELF = 1,		/* the person themselves */
	REL_MANAGER = 2,	/* above them in the manager chain */
	REL_HR = 4,		/* an account with the hr or admin role */
	REL_COMMITTEE = 8,	/* on a calibration session of the cycle that covers them */
	REL_PEER = 16,		/* author of a peer assessment of them in the cycle */
};

/* The signed-in caller: an account id and its ACCOUNT_* roles. Borrowed. */
struct authz_caller {
	const char *id;
	unsigned roles;
};

/* What the rules need to know about the cycle asked about. */
struct authz_cycle {
	const char *id;		/* NULL: no cycle (the people pages) */
	int released;		/* results released to the people they are about */
	long long peer_min;	/* fewest peers before the person sees peer feedback */
};

/* The default of peer_min: below it, peer feedback could name its author. */
#define AUTHZ_PEER_MIN 3

/*
 * The caller's relation to person (who exists) in cycle; without a cycle
 * (cy NULL or its id NULL) committee and peer author count in any cycle.
 * Returns 0 with *rel set, -1 on a database error.
 */
int authz_relation(struct store *st, const struct authz_caller *c, const struct authz_cycle *cy,
    const char *person, unsigned *rel);

/* The person exists for the caller. */
int authz_sees_person(unsigned rel);
/* The caller sees the person's record (team, manager, track, level), not only the name. */
int authz_sees_record(unsigned rel);

/* How much of one assessment (or rating of it) the caller sees. */
enum authz_view {
	VIEW_HIDDEN = 0,
	VIEW_SHOWN = 1,		/* without private notes */
	VIEW_PRIVATE = 2,	/* with private notes */
	VIEW_ANONYMOUS = 4,	/* shown without the rater's name */
};

/*
 * The view of an assessment of role by rater about a person to whom the
 * caller has relation rel; peers is the number of peer raters of that
 * person in the cycle (for peer_min). A combination of VIEW_* bits.
 */
unsigned authz_assessment(unsigned rel, const struct authz_caller *c,
    const struct authz_cycle *cy, enum assess_role role, const char *rater, long long peers);

/* The decision about the person: 0 hidden, 1 outcome and level, 2 with the note. */
int authz_decision(unsigned rel, const struct authz_cycle *cy);

/*
 * 1 when the caller may see a record of someone outside their own manager
 * chain in the cycle (hr, or a member of one of its calibration
 * committees); 0 when they see at most themselves and the people below
 * them, so that a loader may read only those; -1 on a database error.
 */
int authz_beyond_chain(struct store *st, const struct authz_caller *c,
    const struct authz_cycle *cy);

/* Whether the person is part of the caller's calibration slice. */
int authz_in_calibration(unsigned rel);
/* Whether the caller has a calibration slice in the cycle at all (hr, a manager, committee). */
int authz_has_calibration(struct store *st, const struct authz_caller *c,
    const struct authz_cycle *cy);

/* The answer to "may the caller do this", in HTTP terms. */
enum authz_answer {
	AUTHZ_OK,
	AUTHZ_FORBIDDEN,	/* visible, but not for the caller to change: 403 */
	AUTHZ_NOT_FOUND,	/* not visible: 404 */
	AUTHZ_ERROR,		/* database error, printed: 500 */
};

/*
 * A form about person in cycle with role and rater: the rater must be the
 * caller (hr may submit for anyone); a self form only by the person, a
 * manager form only from their chain, a peer form only from a peer named in
 * a peer request. Anything else is AUTHZ_NOT_FOUND.
 */
enum authz_answer authz_submit_form(struct store *st, const struct authz_caller *c,
    const struct authz_cycle *cy, const char *person, const char *role, const char *rater);
/* Recording a decision: hr or the committee covering the person. */
enum authz_answer authz_decide(unsigned rel);
/* Asking a peer for feedback on the person: the person or their managers. */
enum authz_answer authz_request_peer(unsigned rel);
/* Creating a calibration session: hr. */
enum authz_answer authz_create_session(const struct authz_caller *c);
/* Seeing a calibration session: hr or its committee (a member is listed). */
enum authz_answer authz_view_session(const struct authz_caller *c, int member);

/* The packet of the person, for the committee (every private note) or the employee. */
enum authz_answer authz_packet(unsigned rel, const struct authz_cycle *cy, int committee);

/*
 * Opening a cycle, moving its phase, reopening one of its forms and seeing
 * its dashboard (who is late, its people, its history): hr.
 */
enum authz_answer authz_manage_cycle(const struct authz_caller *c);

/* Managing accounts and server settings: admin. */
int authz_is_admin(const struct authz_caller *c);
/* The hr role (admin has hr's rights). */
int authz_is_hr(const struct authz_caller *c);

#endif
