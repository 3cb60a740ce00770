/* assess_new.c: the blank assessment form for a person, checked against the store. */
#include "assess_new.h"

#include <stdlib.h>
#include <string.h>

#include "cycle_phase.h"
#include "store_published.h"

/* The rater and target checks, once the ladder and the person are known. */
static enum assess_new_status
check(struct store *st, const struct model *m, const struct assess_new_request *req,
    struct assess_new_result *out, struct assess_blank *blank)
{
	const struct store_person *p = &out->person;
	const struct model_level *level, *target;
	struct store_person rater;
	int got;

	if ((level = model_level(m, p->level)) == NULL)
		return ASSESS_NEW_BAD_LEVEL;
	target = req->target ? model_level(m, req->target) : model_next_level_on(m,
	    p->track ? model_track(m, p->track) : NULL, level);
	if (target == NULL) {
		out->track = xstrdup(p->track ? p->track : level->track_id);
		return req->target ? ASSESS_NEW_NO_TARGET : ASSESS_NEW_TOP;
	}
	out->rater = req->rater;
	if (out->rater == NULL && req->role == ROLE_SELF)
		out->rater = p->id;
	if (out->rater == NULL && req->role == ROLE_MANAGER)
		out->rater = p->manager;
	if (out->rater == NULL)
		return ASSESS_NEW_NO_RATER;
	if ((got = store_person_get(st, out->rater, &rater)) <= 0)
		return got < 0 ? ASSESS_NEW_FAILED : ASSESS_NEW_UNKNOWN_RATER;
	store_person_clear(&rater);
	if ((req->role == ROLE_SELF) != (strcmp(out->rater, p->id) == 0))
		return ASSESS_NEW_ROLE_MISMATCH;
	blank->cycle = req->cycle;
	blank->person = p->id;
	blank->name = p->name;
	blank->rater = out->rater;
	blank->role = req->role;
	blank->target = target;
	return ASSESS_NEW_OK;
}

enum assess_new_status
assess_new_form(struct store *st, struct diag_list *dl, const struct assess_new_request *req,
    struct assess_new_result *out)
{
	struct published pub;
	struct assess_blank blank;
	struct cycle_state cs;
	const struct model *m;
	long long rowid;
	int found = 1;
	enum assess_new_status rc;

	memset(out, 0, sizeof(*out));
	memset(&cs, 0, sizeof(cs));
	published_init(&pub, st, dl);
	/* an opened cycle names its ladder version; any other takes the latest */
	if (cycle_state_get(st, req->cycle, &cs) != 0) {
		rc = ASSESS_NEW_FAILED;
		goto out;
	}
	if (cs.opened) {
		rowid = cs.row.ladder;
		m = published_get(&pub, rowid);
	} else
		m = published_latest(&pub, &rowid, &found);
	if (m == NULL) {
		rc = found ? ASSESS_NEW_FAILED : ASSESS_NEW_UNPUBLISHED;
		goto out;
	}
	out->ladder_id = xstrdup(m->id);
	out->ladder_version = xstrdup(m->version);
	if ((found = store_person_get(st, req->person, &out->person)) <= 0) {
		rc = found < 0 ? ASSESS_NEW_FAILED : ASSESS_NEW_NO_PERSON;
		goto out;
	}
	if ((rc = check(st, m, req, out, &blank)) == ASSESS_NEW_OK)
		assess_form_write(&out->form, m, &blank);
out:
	cycle_state_clear(&cs);
	published_clear(&pub);
	return rc;
}

void
assess_new_result_clear(struct assess_new_result *r)
{
	buf_free(&r->form);
	store_person_clear(&r->person);
	free(r->ladder_id);
	free(r->ladder_version);
	free(r->track);
	memset(r, 0, sizeof(*r));
}
