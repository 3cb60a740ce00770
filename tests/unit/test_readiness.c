/*
 * Readiness against values computed by hand.
 *
 * The ladder: scale 0..3, meets = 2, threshold 0.8, required: [alpha].
 * Target level T has 5 expectations: alpha.T.1, alpha.T.2, beta.T.1,
 * beta.T.2, beta.T.3 (in model order).
 */
#include <stdlib.h>

#include "assess.h"
#include "model.h"
#include "unit.h"

static struct model *
ladder_n(size_t nalpha, size_t nbeta)
{
	static const char *const ids[] = { "alpha", "beta" };
	const size_t counts[] = { nalpha, nbeta };
	struct model *m = model_new();
	struct model_track *t = model_add_track(m);
	struct model_level *l;
	size_t i, j;
	long v;

	for (v = 0; v <= 3; v++) {
		struct model_scale_point *p = model_add_scale_point(m);

		p->id = v == 2 ? "meets" : v == 0 ? "no" : v == 1 ? "some" : "more";
		p->label = p->id;
		p->value = v;
	}
	m->meets = "meets";
	m->threshold = 0.8;
	t->id = "ic";
	l = model_add_level(m);
	l->id = "S";
	l->track_id = "ic";
	l = model_add_level(m);
	l->id = "T";
	l->track_id = "ic";
	for (i = 0; i < 2; i++) {
		struct model_competency *c = model_add_competency(m);

		c->id = ids[i];
		for (j = 0; j < counts[i]; j++) {
			struct model_expectation *e = model_add_expectation(m, c);
			char id[32];

			snprintf(id, sizeof(id), "%s.T.%zu", ids[i], j + 1);
			e->id = model_strdup(m, id);
			e->level_id = "T";
			e->text = "x";
		}
	}
	model_add_required(m, "alpha", (struct model_pos){ NULL, 0, 0 });
	model_resolve(m);
	return m;
}

static struct model *
ladder(void)
{
	return ladder_n(2, 3);
}

/* The target's items are the five expectations in model order. */
static void
test_target(void)
{
	struct model *m = ladder();
	struct assess_target t;

	assess_target_init(&t, m, model_level(m, "T"));
	CHECK(t.n == 5);
	CHECK_STR(t.items[0]->id, "alpha.T.1");
	CHECK_STR(t.items[4]->id, "beta.T.3");
	CHECK(assess_target_index(&t, "beta.T.2") == 3);
	CHECK(assess_target_index(&t, "gamma.T.1") == -1);
	assess_target_clear(&t);
	model_free(m);
}

/*
 * Manager ratings 2, 3, 2, 1, (unrated): met = 3 of 5 = 0.6; mean = 8/4 = 2.0;
 * unrated 1; alpha (items 1-2) all met. 0.6 < 0.8 - 0.1 = 0.7: not-ready.
 * Self 3, 3, 3, 3, 2: met 5/5 = 1.0, mean 14/5 = 2.8.
 * Peers (two raters): item 1: 2 and 1 -> mean 1.5, not met; item 2: 2, 2 -> met;
 * items 3-5 only the first peer: 3, 2, 0 -> met, met, not met.
 * Peer met = 3/5 = 0.6; mean over all 7 ratings = (2+1+2+2+3+2+0)/7 = 12/7.
 */
static void
test_readiness_mixed(void)
{
	struct model *m = ladder();
	struct assess_target t;
	struct assess_tally tally;
	struct assess_readiness r;
	static const long mgr[] = { 2, 3, 2, 1 };
	static const long self[] = { 3, 3, 3, 3, 2 };
	size_t i;

	assess_target_init(&t, m, model_level(m, "T"));
	assess_tally_init(&tally, &t);
	for (i = 0; i < 4; i++)
		assess_tally_add(&tally, ROLE_MANAGER, i, mgr[i]);
	for (i = 0; i < 5; i++)
		assess_tally_add(&tally, ROLE_SELF, i, self[i]);
	assess_tally_add(&tally, ROLE_PEER, 0, 2);
	assess_tally_add(&tally, ROLE_PEER, 0, 1);
	assess_tally_add(&tally, ROLE_PEER, 1, 2);
	assess_tally_add(&tally, ROLE_PEER, 1, 2);
	assess_tally_add(&tally, ROLE_PEER, 2, 3);
	assess_tally_add(&tally, ROLE_PEER, 3, 2);
	assess_tally_add(&tally, ROLE_PEER, 4, 0);
	tally.raters[ROLE_MANAGER] = tally.raters[ROLE_SELF] = 1;
	tally.raters[ROLE_PEER] = 2;
	assess_readiness(m, &tally, &r);

	CHECK(r.role[ROLE_MANAGER].met == 3);
	CHECK(r.role[ROLE_MANAGER].unrated == 1);
	CHECK_NEAR(r.role[ROLE_MANAGER].share, 0.6, 1e-12);
	CHECK_NEAR(r.role[ROLE_MANAGER].mean, 2.0, 1e-12);
	CHECK(r.role[ROLE_MANAGER].required_met == 1);
	CHECK(r.role[ROLE_SELF].met == 5);
	CHECK_NEAR(r.role[ROLE_SELF].mean, 2.8, 1e-12);
	CHECK(r.role[ROLE_PEER].met == 3);
	CHECK_NEAR(r.role[ROLE_PEER].mean, 12.0 / 7.0, 1e-12);
	CHECK(r.verdict == VERDICT_NOT_READY);
	assess_tally_clear(&tally);
	assess_target_clear(&t);
	model_free(m);
}

/* Manager met 4 of 5 = 0.8 = threshold with alpha met: ready. */
static void
test_ready_at_threshold(void)
{
	struct model *m = ladder();
	struct assess_target t;
	struct assess_tally tally;
	struct assess_readiness r;
	static const long mgr[] = { 2, 2, 3, 2, 1 };
	size_t i;

	assess_target_init(&t, m, model_level(m, "T"));
	assess_tally_init(&tally, &t);
	for (i = 0; i < 5; i++)
		assess_tally_add(&tally, ROLE_MANAGER, i, mgr[i]);
	assess_readiness(m, &tally, &r);
	CHECK_NEAR(r.role[ROLE_MANAGER].share, 0.8, 1e-12);
	CHECK(r.verdict == VERDICT_READY);
	assess_tally_clear(&tally);
	assess_target_clear(&t);
	model_free(m);
}

/*
 * Threshold 0.8 and a ladder of 10 expectations would put the borderline at
 * 0.8 - 0.1, which is 0.7000000000000001 in binary: a share of 7/10 must
 * still count. Here with 5: threshold 0.7, manager 2, 2, 2, 1, 1 gives
 * 3/5 = 0.6 against 0.7 - 0.1 (0.6 in binary too) and 0.8 - 0.2 alike;
 * the 1e-9 tolerance makes both borderline.
 */
static void
test_borderline(void)
{
	struct model *m = ladder();
	struct assess_target t;
	struct assess_tally tally;
	struct assess_readiness r;
	static const long mgr[] = { 2, 2, 2, 1, 1 };
	size_t i;

	m->threshold = 0.7;
	assess_target_init(&t, m, model_level(m, "T"));
	assess_tally_init(&tally, &t);
	for (i = 0; i < 5; i++)
		assess_tally_add(&tally, ROLE_MANAGER, i, mgr[i]);
	assess_readiness(m, &tally, &r);
	CHECK_NEAR(r.role[ROLE_MANAGER].share, 0.6, 1e-12);
	CHECK(r.verdict == VERDICT_BORDERLINE);
	/* 0.8 - 0.1 = 0.7000000000000001 > 0.7 without the tolerance */
	m->threshold = 0.8;
	assess_tally_add(&tally, ROLE_MANAGER, 3, 3);	/* item 4: (1 + 3) / 2 = 2, met */
	assess_readiness(m, &tally, &r);
	CHECK_NEAR(r.role[ROLE_MANAGER].share, 0.8, 1e-12);
	CHECK(r.verdict == VERDICT_READY);
	assess_tally_clear(&tally);
	assess_target_clear(&t);
	model_free(m);
}

/*
 * 10 expectations (alpha 2, beta 8), threshold 0.8: the manager meets 7
 * (alpha 1-2, beta 1-5) and rates beta 6-8 at 1. 7/10 = 0.7 is exactly 0.1
 * below the threshold: borderline, although 0.8 - 0.1 is 0.7000000000000001
 * in binary.
 */
static void
test_borderline_binary(void)
{
	struct model *m = ladder_n(2, 8);
	struct assess_target t;
	struct assess_tally tally;
	struct assess_readiness r;
	size_t i;

	assess_target_init(&t, m, model_level(m, "T"));
	CHECK(t.n == 10);
	assess_tally_init(&tally, &t);
	for (i = 0; i < 10; i++)
		assess_tally_add(&tally, ROLE_MANAGER, i, i < 7 ? 2 : 1);
	assess_readiness(m, &tally, &r);
	CHECK(7.0 / 10.0 < 0.8 - 0.1);	/* the trap */
	CHECK_NEAR(r.role[ROLE_MANAGER].share, 0.7, 1e-12);
	CHECK(r.verdict == VERDICT_BORDERLINE);
	assess_tally_clear(&tally);
	assess_target_clear(&t);
	model_free(m);
}

/* Everything met but alpha.T.2 (required competency): share 0.8, not-ready. */
static void
test_required_unmet(void)
{
	struct model *m = ladder();
	struct assess_target t;
	struct assess_tally tally;
	struct assess_readiness r;
	static const long mgr[] = { 3, 1, 2, 2, 2 };
	size_t i;

	assess_target_init(&t, m, model_level(m, "T"));
	assess_tally_init(&tally, &t);
	for (i = 0; i < 5; i++)
		assess_tally_add(&tally, ROLE_MANAGER, i, mgr[i]);
	assess_readiness(m, &tally, &r);
	CHECK_NEAR(r.role[ROLE_MANAGER].share, 0.8, 1e-12);
	CHECK(r.role[ROLE_MANAGER].required_met == 0);
	CHECK(r.verdict == VERDICT_NOT_READY);
	assess_tally_clear(&tally);
	assess_target_clear(&t);
	model_free(m);
}

/* Ratings by id, label in any case, or value. */
static void
test_scale_lookup(void)
{
	struct model *m = ladder();

	CHECK(model_scale_lookup(m, "meets")->value == 2);
	CHECK(model_scale_lookup(m, "MEETS")->value == 2);
	CHECK(model_scale_lookup(m, "3")->value == 3);
	CHECK(model_scale_lookup(m, "4") == NULL);
	CHECK(model_scale_lookup(m, "") == NULL);
	CHECK(model_scale_lookup(m, "2x") == NULL);
	model_free(m);
}

int
main(void)
{
	RUN(test_target);
	RUN(test_readiness_mixed);
	RUN(test_ready_at_threshold);
	RUN(test_borderline);
	RUN(test_borderline_binary);
	RUN(test_required_unmet);
	RUN(test_scale_lookup);
	return UNIT_EXIT();
}
