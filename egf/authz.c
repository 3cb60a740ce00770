/* authz.c: the role table of egf serve (authz.h). */
#include "authz.h"

#include <stdlib.h>
#include <string.h>

#include "cycle_phase.h"
#include "store_serve.h"

int
authz_is_admin(const struct authz_caller *c)
{
	return (c->roles & ACCOUNT_ADMIN) != 0;
}

enum authz_answer
authz_manage_cycle(const struct authz_caller *c)
{
	return authz_is_hr(c) ? AUTHZ_OK : AUTHZ_FORBIDDEN;
}

int
authz_is_hr(const struct authz_caller *c)
{
	return (c->roles & (ACCOUNT_HR | ACCOUNT_ADMIN)) != 0;
}

/* Whether item is in list; an empty list stands for any. */
static int
listed(char **list, size_t n, const char *item)
{
	size_t i;

	if (n == 0)
		return 1;
	if (item == NULL)
		return 0;
	for (i = 0; i < n; i++)
		if (strcmp(list[i], item) == 0)
			return 1;
	return 0;
}

struct covered {
	struct store *st;
	const char *person, *team;
	int yes, failed;
};

static int
on_session(const struct store_session *s, void *arg)
{
	struct covered *cv = arg;
	struct cycle_state cs;
	char *target = NULL;
	int closed;

	/* a committee sees its session's people until the cycle is closed */
	if (cycle_state_get(cv->st, s->cycle, &cs) != 0) {
		cycle_state_clear(&cs);
		cv->failed = 1;
		return 1;
	}
	closed = cs.opened && cs.phase == PHASE_CLOSED;
	cycle_state_clear(&cs);
	if (closed)
		return 0;
	if (store_person_target(cv->st, s->cycle, cv->person, &target) < 0) {
		cv->failed = 1;
		return 1;
	}
	if (target != NULL && listed(s->levels, s->nlevels, target) &&
	    listed(s->teams, s->nteams, cv->team))
		cv->yes = 1;
	free(target);
	return cv->yes;
}

/*
 * 1 when a session of the cycle (any cycle when NULL) with the caller on
 * its committee covers person: their target level in the session's cycle
 * is one of its levels, their team one of its teams.
 */
static int
committee_covers(struct store *st, const struct authz_caller *c, const char *cycle,
    const char *person)
{
	struct store_person p;
	struct covered cv;
	int got, rc;

	if ((got = store_person_get(st, person, &p)) <= 0)
		return got;
	cv.st = st;
	cv.person = person;
	cv.team = p.team;
	cv.yes = cv.failed = 0;
	rc = store_sessions_of_member(st, cycle, c->id, on_session, &cv);
	store_person_clear(&p);
	return rc != 0 || cv.failed ? -1 : cv.yes;
}

int
authz_relation(struct store *st, const struct authz_caller *c, const struct authz_cycle *cy,
    const char *person, unsigned *rel)
{
	const char *cycle;
	int got;

	*rel = 0;
	if (strcmp(c->id, person) == 0)
		*rel |= REL_SELF;
	if (authz_is_hr(c))
		*rel |= REL_HR;
	if ((got = store_in_chain(st, c->id, person)) < 0)
		return -1;
	if (got)
		*rel |= REL_MANAGER;
	cycle = cy != NULL ? cy->id : NULL;
	if ((got = committee_covers(st, c, cycle, person)) < 0)
		return -1;
	if (got)
		*rel |= REL_COMMITTEE;
	if ((got = store_assessment_by(st, cycle, person, c->id, "peer")) < 0)
		return -1;
	if (got)
		*rel |= REL_PEER;
	return 0;
}

int
authz_sees_person(unsigned rel)
{
	return rel != 0;
}

int
authz_sees_record(unsigned rel)
{
	return (rel & (REL_SELF | REL_MANAGER | REL_HR | REL_COMMITTEE)) != 0;
}

unsigned
authz_assessment(unsigned rel, const struct authz_caller *c, const struct authz_cycle *cy,
    enum assess_role role, const char *rater, long long peers)
{
	int own = rater != NULL && strcmp(rater, c->id) == 0;

	if (rel & (REL_HR | REL_COMMITTEE))
		return VIEW_SHOWN | VIEW_PRIVATE;
	if (own)	/* an author sees their own form, private notes included */
		return VIEW_SHOWN | VIEW_PRIVATE;
	if (rel & REL_MANAGER)
		return VIEW_SHOWN;
	if (rel & REL_SELF) {
		switch (role) {
		case ROLE_SELF:
			return VIEW_SHOWN;
		case ROLE_MANAGER:
			return cy->released ? VIEW_SHOWN : VIEW_HIDDEN;
		case ROLE_PEER:
			return cy->released && peers >= cy->peer_min ?
			    VIEW_SHOWN | VIEW_ANONYMOUS : VIEW_HIDDEN;
		default:
			return VIEW_HIDDEN;
		}
	}
	return VIEW_HIDDEN;	/* a peer author sees only their own, above */
}

int
authz_decision(unsigned rel, const struct authz_cycle *cy)
{
	if (rel & (REL_HR | REL_COMMITTEE | REL_MANAGER))
		return 2;
	if ((rel & REL_SELF) && cy->released)
		return 1;
	return 0;
}

int
authz_in_calibration(unsigned rel)
{
	return (rel & (REL_HR | REL_MANAGER | REL_COMMITTEE)) != 0;
}

static int
any_report(const char *id, void *arg)
{
	(void)id;
	*(int *)arg = 1;
	return 1;
}

static int
any_session(const struct store_session *s, void *arg)
{
	(void)s;
	*(int *)arg = 1;
	return 1;
}

int
authz_has_calibration(struct store *st, const struct authz_caller *c,
    const struct authz_cycle *cy)
{
	int yes = 0;

	if (authz_is_hr(c))
		return 1;
	if (store_reports(st, c->id, any_report, &yes) != 0)
		return -1;
	if (!yes && cy->id != NULL &&
	    store_sessions_of_member(st, cy->id, c->id, any_session, &yes) != 0)
		return -1;
	return yes;
}

int
authz_beyond_chain(struct store *st, const struct authz_caller *c, const struct authz_cycle *cy)
{
	int yes = 0;

	if (authz_is_hr(c))
		return 1;
	if (store_sessions_of_member(st, cy != NULL ? cy->id : NULL, c->id, any_session, &yes) != 0)
		return -1;
	return yes;
}

enum authz_answer
authz_submit_form(struct store *st, const struct authz_caller *c, const struct authz_cycle *cy,
    const char *person, const char *role, const char *rater)
{
	int got;

	if (authz_is_hr(c))
		return AUTHZ_OK;
	if (strcmp(rater, c->id) != 0)
		return AUTHZ_NOT_FOUND;
	if (strcmp(role, "self") == 0)
		return strcmp(person, c->id) == 0 ? AUTHZ_OK : AUTHZ_NOT_FOUND;
	if (strcmp(role, "manager") == 0)
		got = store_in_chain(st, c->id, person);
	else if (strcmp(role, "peer") == 0)
		got = store_peer_request_exists(st, cy->id, person, c->id);
	else
		got = 0;
	if (got < 0)
		return AUTHZ_ERROR;
	return got ? AUTHZ_OK : AUTHZ_NOT_FOUND;
}

enum authz_answer
authz_decide(unsigned rel)
{
	if (rel & (REL_HR | REL_COMMITTEE))
		return AUTHZ_OK;
	return authz_sees_person(rel) ? AUTHZ_FORBIDDEN : AUTHZ_NOT_FOUND;
}

enum authz_answer
authz_request_peer(unsigned rel)
{
	if (rel & (REL_SELF | REL_MANAGER))
		return AUTHZ_OK;
	return authz_sees_person(rel) ? AUTHZ_FORBIDDEN : AUTHZ_NOT_FOUND;
}

enum authz_answer
authz_create_session(const struct authz_caller *c)
{
	return authz_is_hr(c) ? AUTHZ_OK : AUTHZ_FORBIDDEN;
}

enum authz_answer
authz_view_session(const struct authz_caller *c, int member)
{
	return authz_is_hr(c) || member ? AUTHZ_OK : AUTHZ_NOT_FOUND;
}

enum authz_answer
authz_packet(unsigned rel, const struct authz_cycle *cy, int committee)
{
	if (!authz_sees_person(rel))
		return AUTHZ_NOT_FOUND;
	if (rel & (REL_HR | REL_COMMITTEE))
		return AUTHZ_OK;
	if (committee)
		return AUTHZ_FORBIDDEN;	/* it carries every private note */
	if (rel & REL_MANAGER)
		return AUTHZ_OK;
	if ((rel & REL_SELF) && cy->released)
		return AUTHZ_OK;
	return AUTHZ_FORBIDDEN;
}
