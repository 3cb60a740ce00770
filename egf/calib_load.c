/* calib_load.c: a calibration report with its decisions and names (calib_load.h). */
#include "calib_load.h"

#include <stdlib.h>
#include <string.h>

#include "outcomes.h"
#include "strmap.h"
#include "util.h"

static char *
keep_string(struct calib_strings *k, char *s)
{
	xgrow((void **)&k->owned, &k->cap, k->n + 1, sizeof(*k->owned));
	k->owned[k->n++] = s;
	return s;
}

static int
add_decision(const struct store_decision *sd, void *arg)
{
	struct calib_strings *k = arg;
	char *text = sd->to_level ? xasprintf("%s to %s", sd->outcome, sd->to_level) :
	    xstrdup(sd->outcome);

	strmap_put(k->decisions, keep_string(k, xstrdup(sd->person)), keep_string(k, text));
	return 0;
}

/* Rater names from the people table. */
static int
name_raters(struct store *st, struct calib_report *r, struct calib_strings *k)
{
	size_t i;

	for (i = 0; i < r->nraters; i++) {
		struct store_person p;
		int got = store_person_get(st, r->raters[i].id, &p);

		if (got < 0)
			return -1;
		if (got && p.name)
			r->raters[i].name = keep_string(k, xstrdup(p.name));
		store_person_clear(&p);
	}
	return 0;
}

/* The outcomes of each team of the report, as its context (never a score). */
static int
load_team_context(struct store *st, struct calib_report *r, struct calib_strings *k)
{
	size_t i;

	k->context = xcalloc(r->nteams ? r->nteams : 1, sizeof(*k->context));
	k->ncontext = r->nteams;
	for (i = 0; i < r->nteams; i++) {
		if (outcomes_load(st, r->teams[i].team, r->cycle, &k->context[i]) != 0)
			return -1;
		r->teams[i].outcomes = &k->context[i];
	}
	return 0;
}

int
calib_load(struct calib_report *r, struct calib_strings *keep, struct store *st,
    const struct cycle *c, const struct calib_slice *slice)
{
	memset(r, 0, sizeof(*r));
	memset(keep, 0, sizeof(*keep));
	keep->decisions = strmap_new();
	if (store_cycle_decisions(st, c->id, add_decision, keep) != 0)
		return -1;
	calib_report_build(r, c, slice, keep->decisions);
	if (name_raters(st, r, keep) != 0)
		return -1;
	return load_team_context(st, r, keep);
}

void
calib_strings_free(struct calib_strings *keep)
{
	size_t i;

	for (i = 0; i < keep->n; i++)
		free(keep->owned[i]);
	free(keep->owned);
	for (i = 0; keep->context != NULL && i < keep->ncontext; i++)
		outcomes_clear(&keep->context[i]);
	free(keep->context);
	strmap_free(keep->decisions);
	memset(keep, 0, sizeof(*keep));
}
