/*
 * Careers of forking tracks (model_career, model_in_career,
 * model_next_level_on) and the competency order of `order:`.
 *
 * Tracks: ic (J, S1, S2i, Pi), pm from S1 (S2p, Pp), dir from S2p (D),
 * loop1 from L2 and loop2 from L1 (a circle, which must end).
 */
#include <stdlib.h>

#include "model.h"
#include "unit.h"

static void
level(struct model *m, const char *id, const char *track)
{
	struct model_level *l = model_add_level(m);

	l->id = id;
	l->track_id = track;
}

static struct model_track *
track(struct model *m, const char *id, const char *from)
{
	struct model_track *t = model_add_track(m);

	t->id = id;
	t->from_id = from;
	return t;
}

static struct model *
forked(void)
{
	struct model *m = model_new();

	track(m, "ic", NULL);
	track(m, "pm", "S1");
	track(m, "dir", "S2p");
	track(m, "loop1", "L2");
	track(m, "loop2", "L1");
	level(m, "J", "ic");
	level(m, "S1", "ic");
	level(m, "S2i", "ic");
	level(m, "S2p", "pm");
	level(m, "Pi", "ic");
	level(m, "Pp", "pm");
	level(m, "D", "dir");
	level(m, "L1", "loop1");
	level(m, "L2", "loop2");
	model_resolve(m);
	return m;
}

/* The career's level ids joined by spaces. */
static char *
career_ids(const struct model *m, const char *track_id)
{
	const struct model_level *out[64];
	size_t i, n = model_career(m, model_track(m, track_id), out, 64);
	static char buf[256];

	buf[0] = '\0';
	for (i = 0; i < n && i < 64; i++) {
		if (i > 0)
			strcat(buf, " ");
		strcat(buf, out[i]->id);
	}
	return buf;
}

static const char *
next_id(const struct model *m, const char *track_id, const char *level_id)
{
	const struct model_level *l = model_next_level_on(m,
	    track_id ? model_track(m, track_id) : NULL, model_level(m, level_id));

	return l ? l->id : "(none)";
}

static void
test_careers(void)
{
	struct model *m = forked();

	CHECK_STR(career_ids(m, "ic"), "J S1 S2i Pi");
	CHECK_STR(career_ids(m, "pm"), "J S1 S2p Pp");
	CHECK_STR(career_ids(m, "dir"), "J S1 S2p D");
	model_free(m);
}

static void
test_circle_ends(void)
{
	struct model *m = forked();
	const struct model_level *out[64];
	size_t n = model_career(m, model_track(m, "loop1"), out, 64);

	CHECK(n < 64);
	CHECK(model_in_career(m, model_track(m, "loop1"), model_level(m, "L1")));
	model_free(m);
}

static void
test_next_levels(void)
{
	struct model *m = forked();

	CHECK_STR(next_id(m, "pm", "S1"), "S2p");	/* through the fork */
	CHECK_STR(next_id(m, "ic", "S1"), "S2i");
	CHECK_STR(next_id(m, NULL, "S1"), "S2i");	/* the level's own track */
	CHECK_STR(next_id(m, "pm", "J"), "S1");		/* on the trunk */
	CHECK_STR(next_id(m, "pm", "Pp"), "(none)");	/* the top */
	CHECK_STR(next_id(m, "pm", "S2i"), "(none)");	/* not on pm's career */
	CHECK_STR(next_id(m, "dir", "S2p"), "D");
	CHECK(model_in_career(m, model_track(m, "pm"), model_level(m, "J")));
	CHECK(!model_in_career(m, model_track(m, "pm"), model_level(m, "S2i")));
	CHECK(!model_in_career(m, model_track(m, "ic"), model_level(m, "S2p")));
	model_free(m);
}

static void
test_order(void)
{
	struct model *m = model_new();
	static const char *const files[] = { "competencies/a.md", "competencies/b.md",
	    "competencies/c.md", "competencies/d.md" };
	static const long orders[] = { 0, 5, -1, 5 };
	static const int has[] = { 0, 1, 1, 1 };
	size_t i;

	for (i = 0; i < 4; i++) {
		struct model_competency *c = model_add_competency(m);

		c->id = files[i] + 13;
		c->pos.file = files[i];
		c->order = orders[i];
		c->has_order = has[i];
	}
	model_sort_competencies(m);
	CHECK_STR(m->competencies[0]->id, "c.md");	/* order -1 */
	CHECK_STR(m->competencies[1]->id, "b.md");	/* order 5, then by file name */
	CHECK_STR(m->competencies[2]->id, "d.md");
	CHECK_STR(m->competencies[3]->id, "a.md");	/* no order: last */
	model_free(m);
}

int
main(void)
{
	RUN(test_careers);
	RUN(test_circle_ends);
	RUN(test_next_levels);
	RUN(test_order);
	return UNIT_EXIT();
}
