/* decision.c: recording a promotion decision, checked against the store. */
#include "decision.h"

#include <stdlib.h>
#include <string.h>

#include "cycle.h"
#include "util.h"

/* 1 when the person id is in the store, 0 when not, -1 on a database error. */
static int
person_exists(struct store *st, const char *id)
{
	struct store_person p;
	int got = store_person_get(st, id, &p);

	if (got > 0)
		store_person_clear(&p);
	return got;
}

/* The checks against the store; sets out->to_level to what is recorded. */
static enum decision_status
check(struct store *st, struct diag_list *dl, const struct decision_request *req,
    struct decision_result *out)
{
	enum decision_status rc = DECISION_OK;
	struct cycle c;
	int got;

	if ((got = person_exists(st, req->person)) <= 0)
		return got < 0 ? DECISION_FAILED : DECISION_NO_PERSON;
	if ((got = person_exists(st, req->decided_by)) <= 0)
		return got < 0 ? DECISION_FAILED : DECISION_NO_DECIDER;
	if (cycle_load(&c, st, dl, req->cycle, req->person, 0) != 0) {
		cycle_clear(&c);
		return DECISION_FAILED;
	}
	if (c.n == 0 || c.people[0].model == NULL)
		rc = DECISION_NOT_ASSESSED;
	else if (req->to_level != NULL && model_level(c.people[0].model, req->to_level) == NULL) {
		out->ladder_id = xstrdup(c.people[0].model->id);
		out->ladder_version = xstrdup(c.people[0].model->version);
		rc = DECISION_NO_LEVEL;
	} else if (req->to_level != NULL)
		out->to_level = xstrdup(req->to_level);
	else if (strcmp(req->outcome, "promote") == 0)
		out->to_level = xstrdup(c.people[0].target->id);
	cycle_clear(&c);
	return rc;
}

enum decision_status
decision_record(struct store *st, struct diag_list *dl, const struct decision_request *req,
    struct decision_result *out)
{
	struct store_decision old;
	struct store_decision_in d;
	enum decision_status rc;
	int got;

	memset(out, 0, sizeof(*out));
	memset(&old, 0, sizeof(old));
	if (store_begin(st) != 0)
		return DECISION_FAILED;
	if ((rc = check(st, dl, req, out)) != DECISION_OK)
		goto out;
	d.person = req->person;
	d.cycle = req->cycle;
	d.outcome = req->outcome;
	d.to_level = out->to_level;
	d.decided_by = req->decided_by;
	d.note = req->note;
	if ((got = store_decision_get(st, req->person, req->cycle, &old)) < 0 ||
	    store_decision_set(st, &d) != 0 || store_commit(st) != 0) {
		rc = DECISION_FAILED;
		goto out;
	}
	if ((out->changed = got) != 0) {
		out->old_outcome = old.outcome;
		out->old_to_level = old.to_level;
		old.outcome = old.to_level = NULL;
	}
out:
	store_rollback(st);
	store_decision_clear(&old);
	return rc;
}

void
decision_result_clear(struct decision_result *r)
{
	free(r->to_level);
	free(r->old_outcome);
	free(r->old_to_level);
	free(r->ladder_id);
	free(r->ladder_version);
	memset(r, 0, sizeof(*r));
}
