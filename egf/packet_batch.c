/* packet_batch.c: the packets of a cycle, rendered into buffers (packet_batch.h). */
#include "packet_batch.h"

#include <stdlib.h>
#include <string.h>

#include "strmap.h"
#include "util.h"

/* The team's outcomes in the cycle (NULL for no team); -1 after a database error. */
static int
team_context(struct contexts *cx, struct store *st, const char *team, const char *cycle,
    const struct team_outcomes **out)
{
	size_t i;

	*out = NULL;
	if (team == NULL)
		return 0;
	for (i = 0; i < cx->n; i++)
		if (strcmp(cx->items[i].team, team) == 0) {
			*out = &cx->items[i];
			return 0;
		}
	xgrow((void **)&cx->items, &cx->cap, cx->n + 1, sizeof(*cx->items));
	if (outcomes_load(st, team, cycle, &cx->items[cx->n]) != 0) {
		outcomes_clear(&cx->items[cx->n]);
		return -1;
	}
	*out = &cx->items[cx->n++];
	return 0;
}

static void
contexts_free(struct contexts *cx)
{
	size_t i;

	for (i = 0; i < cx->n; i++)
		outcomes_clear(&cx->items[i]);
	free(cx->items);
}

/*
 * The calibration context of one person's packet without the whole
 * organisation's ratings: their level's manager shares and the cycle's
 * manager sums from the calibration snapshot (calib_snapshot.h). The report
 * borrows from c, lc and snap.
 */
static int
person_context(struct diag_list *dl, struct store *st, const char *cycle,
    struct cycle *c, const struct cycle_person *p, struct cycle *lc,
    struct calib_snapshot *snap, struct calib_report *report)
{
	struct calib_slice slice = { NULL, NULL, p->info.level, NULL },
	    all = { NULL, NULL, NULL, NULL };

	if (p->info.level != NULL && calib_snapshot_get(snap, st, dl, cycle,
	    p->info.level, &c->pub, NULL) != 0)
		return -1;
	if (p->info.level == NULL || snap->unflagged > 0) {
		/* Ratings stored before their flags were: only their evidence texts,
		 * read with the whole cycle, give the raters' counts. */
		if (cycle_load(lc, st, dl, cycle, NULL, CYCLE_FLAGS) != 0)
			return -1;
		calib_report_build(report, lc, p->info.level == NULL ? &slice : &all, NULL);
		return 0;
	}
	if (calib_report_level(report, cycle, p, snap->people, snap->shares, snap->n) != 0)
		return 0;		/* not among their level's people: no context */
	calib_report_set_raters(report, snap->raters, snap->nraters);
	return 0;
}

/* Whether p has a packet in the batch: a model, and the person asked for. */
static int
selected(const struct packet_batch *b, const struct cycle_person *p)
{
	return p->model != NULL && (b->person == NULL || strcmp(p->info.id, b->person) == 0);
}

int
packet_batch_load(struct packet_batch *b, struct store *st, struct diag_list *dl,
    const char *cycle, const char *person, enum packet_audience audience, unsigned peer_min)
{
	struct calib_slice slice = { NULL, NULL, NULL, NULL };
	size_t i;

	memset(b, 0, sizeof(*b));
	b->st = st;
	b->cycle = cycle;
	b->person = person;
	b->audience = audience;
	b->peer_min = peer_min;
	b->nm.st = st;
	b->nm.map = strmap_new();
	/* One packet loads one person; all of them the cycle, whose calibration they share. */
	if (cycle_load(&b->c, st, dl, cycle, person, CYCLE_RATINGS |
	    (audience == AUDIENCE_COMMITTEE ? CYCLE_PRIVATE : 0)) != 0)
		return -1;
	if (person == NULL)
		calib_report_build(&b->report, &b->c, &slice, NULL);
	else if (audience == AUDIENCE_COMMITTEE && b->c.n == 1 && b->c.people[0].model != NULL &&
	    person_context(dl, st, cycle, &b->c, &b->c.people[0], &b->lc, &b->snap,
	    &b->report) != 0)
		return -1;
	for (i = 0; i < b->c.n; i++)
		if (selected(b, &b->c.people[i]))
			b->total++;
	return 0;
}

const struct cycle_person *
packet_batch_next(struct packet_batch *b, size_t *i)
{
	while (*i < b->c.n) {
		const struct cycle_person *p = &b->c.people[(*i)++];

		if (selected(b, p))
			return p;
	}
	return NULL;
}

int
packet_batch_render(struct packet_batch *b, const struct pdf_fonts *f,
    const struct cycle_person *p, struct buf *out)
{
	const struct team_outcomes *team;

	if (team_context(&b->cx, b->st, p->info.team, b->cycle, &team) != 0)
		return -1;
	return packet_person_render(f, b->st, &b->nm, &b->report, p, b->cycle, b->audience,
	    b->peer_min, team, out) != 0 ? -1 : 0;
}

void
packet_batch_clear(struct packet_batch *b)
{
	contexts_free(&b->cx);
	calib_report_free(&b->report);
	calib_snapshot_clear(&b->snap);
	cycle_clear(&b->lc);
	cycle_clear(&b->c);
	packet_names_free(&b->nm);
	memset(b, 0, sizeof(*b));
}
