/*
 * Unit tests of outcome evidence (evidence.h): link targets and kinds, the
 * activity terms, the flags of one rating, and the counts a hand-made cycle
 * gets per person, rater and team through the store, the cycle loader and
 * the calibration report. The hand count is in test_evidence.README.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "calib_report.h"
#include "cycle.h"
#include "evidence.h"
#include "ladder.h"
#include "model_xml.h"
#include "outcomes.h"
#include "store_published.h"
#include "store.h"
#include "util.h"
#include "unit.h"

static void
test_link_targets(void)
{
	CHECK(evidence_link_target_ok("https://okr.example.com/q3/kr-2"));
	CHECK(evidence_link_target_ok("http://grafana:3000/d/x?from=now-7d"));
	CHECK(evidence_link_target_ok("okr:KR-2"));
	CHECK(evidence_link_target_ok("okr:payments.kr_1"));
	CHECK(!evidence_link_target_ok("okr:"));
	CHECK(!evidence_link_target_ok("okr:-x"));
	CHECK(!evidence_link_target_ok("okr:a b"));
	CHECK(!evidence_link_target_ok("https://"));
	CHECK(!evidence_link_target_ok("https:///path"));
	CHECK(!evidence_link_target_ok("https://a b"));
	CHECK(!evidence_link_target_ok("https://a\tb"));
	CHECK(!evidence_link_target_ok("ftp://x"));
	CHECK(!evidence_link_target_ok("HTTPS://x"));
	CHECK(!evidence_link_target_ok("javascript:alert(1)"));
	CHECK(!evidence_link_target_ok(""));
	CHECK_STR(evidence_okr_id("okr:KR-2"), "KR-2");
	CHECK(evidence_okr_id("https://x") == NULL);
	CHECK(evidence_link_kind("incident") == LINK_INCIDENT);
	CHECK(evidence_link_kind("other") == LINK_OTHER);
	CHECK(evidence_link_kind("Incident") == -1);
	CHECK(evidence_link_kind("") == -1);
	CHECK_STR(evidence_link_kind_name(LINK_OKR), "okr");
}

static void
test_link_split(void)
{
	char a[] = "okr:KR-2 (okr)", b[] = "  https://x/(a)  (doc)  ", c[] = "https://x",
	    d[] = "(okr)", e[] = "okr:K(okr)";
	char *target, *kind;
	size_t off;

	CHECK(evidence_link_split(a, &target, &kind, &off) == 0);
	CHECK_STR(target, "okr:KR-2");
	CHECK_STR(kind, "okr");
	CHECK(off == 10);
	/* the last parenthesis is the kind; the target may hold others */
	CHECK(evidence_link_split(b, &target, &kind, &off) == 0);
	CHECK_STR(target, "https://x/(a)");
	CHECK_STR(kind, "doc");
	CHECK(off == 18);
	CHECK(evidence_link_split(c, &target, &kind, &off) == -1);
	CHECK(evidence_link_split(d, &target, &kind, &off) == -1);
	CHECK(evidence_link_split(e, &target, &kind, &off) == 0);
	CHECK_STR(target, "okr:K");
}

/* A model with a scale (meets = 2) and optional activity terms, for the flags. */
static struct model *
scale_model(const char *term)
{
	struct model *m = model_new();
	long v;

	for (v = 0; v <= 3; v++) {
		struct model_scale_point *p = model_add_scale_point(m);

		p->id = v == 2 ? "meets" : v == 3 ? "exceeds" : v == 1 ? "developing" : "no";
		p->label = p->id;
		p->value = v;
	}
	m->meets = "meets";
	if (term != NULL)
		model_add_activity_term(m, term);
	model_resolve(m);
	return m;
}

static void
test_activity_terms(void)
{
	struct model *m = scale_model("burn-down charts");

	CHECK_STR(evidence_activity_term(m, "Closed 30 story points."), "story points");
	CHECK_STR(evidence_activity_term(m, "STORY  POINTS: 30"), "story points");
	CHECK_STR(evidence_activity_term(m, "story\npoints"), "story points");
	CHECK_STR(evidence_activity_term(m, "12 PRs merged"), "PRs");
	CHECK_STR(evidence_activity_term(m, "(commits)"), "commits");
	CHECK_STR(evidence_activity_term(m, "LOC: 4000"), "LOC");
	CHECK_STR(evidence_activity_term(m, "issues closed: 9"), "issues closed");
	CHECK_STR(evidence_activity_term(m, "She closed tickets fast"), "closed tickets");
	CHECK_STR(evidence_activity_term(m, "merge requests"), "merge requests");
	CHECK_STR(evidence_activity_term(m, "Team velocity rose"), "velocity");
	CHECK_STR(evidence_activity_term(m, "Our burn-down charts were flat"), "burn-down charts");
	/* whole words only */
	CHECK(evidence_activity_term(m, "Relocated the service") == NULL);
	CHECK(evidence_activity_term(m, "commitment to quality") == NULL);
	CHECK(evidence_activity_term(m, "velocityx") == NULL);
	CHECK(evidence_activity_term(m, "story") == NULL);
	CHECK(evidence_activity_term(m, "points") == NULL);
	CHECK(evidence_activity_term(m, "Cut checkout time by 30%") == NULL);
	CHECK(evidence_activity_term(m, "") == NULL);
	CHECK(evidence_activity_term(m, NULL) == NULL);
	CHECK(evidence_activity_term(NULL, "commits") != NULL);
	model_free(m);
}

static void
test_flags(void)
{
	struct model *m = scale_model(NULL);

	CHECK(evidence_flags(m, 1, 3, NULL, 0) == EVIDENCE_UNSUPPORTED);
	CHECK(evidence_flags(m, 1, 3, "", 0) == EVIDENCE_UNSUPPORTED);
	CHECK(evidence_flags(m, 1, 3, NULL, 1) == EVIDENCE_LINKED);
	CHECK(evidence_flags(m, 1, 3, "Shipped it", 0) == 0);
	CHECK(evidence_flags(m, 1, 2, NULL, 0) == 0);	/* meets is not above meets */
	CHECK(evidence_flags(m, 1, 0, NULL, 0) == 0);
	CHECK(evidence_flags(m, 1, 3, "400 commits", 0) == EVIDENCE_ACTIVITY_ONLY);
	CHECK(evidence_flags(m, 1, 1, "400 commits", 0) == EVIDENCE_ACTIVITY_ONLY);
	CHECK(evidence_flags(m, 1, 3, "400 commits", 2) == EVIDENCE_LINKED);
	CHECK(evidence_flags(m, 0, 0, "400 commits", 0) == 0);	/* not rated */
	CHECK(evidence_flags(m, 0, 0, NULL, 1) == 0);
	model_free(m);
}

/* Delivery metrics: lower is better but for deploy frequency. */
static void
test_outcome_trend(void)
{
	struct outcome now = { "dora", "lead-time", NULL, NULL, 2.5, 0, 0 };
	struct outcome before = { "dora", "lead-time", NULL, NULL, 3.1, 0, 0 };
	struct team_outcomes t;
	char *line;

	CHECK(outcomes_trend(&now, &before) == 1);
	CHECK(outcomes_trend(&before, &now) == -1);
	now.name = before.name = "deploy-frequency";
	CHECK(outcomes_trend(&now, &before) == -1);
	now.name = before.name = "change-failure-rate";
	CHECK(outcomes_trend(&now, &before) == 1);
	now.value = before.value;
	CHECK(outcomes_trend(&now, &before) == 0);
	memset(&t, 0, sizeof(t));
	now.name = before.name = "time-to-restore";
	now.value = 4;
	now.unit = before.unit = "hours";
	t.prev = &before;
	t.nprev = 1;
	t.previous = "2026-H1";
	line = outcomes_line(&t, &now);
	CHECK_STR(line, "time-to-restore: 4 hours; 2026-H1: 3.1 hours, worse");
	free(line);
	t.nprev = 0;
	line = outcomes_line(&t, &now);
	CHECK_STR(line, "time-to-restore: 4 hours; no earlier cycle to compare");
	free(line);
}

/* ---- the hand-made cycle ---- */

static void
write_file(const char *dir, const char *name, const char *text)
{
	char *path = path_join(dir, name);
	FILE *f = fopen(path, "w");

	if (f == NULL || fputs(text, f) < 0 || fclose(f) != 0) {
		perror(path);
		exit(2);
	}
	free(path);
}

/* One rating of an assessment: expectation index 1..4, value (-1 unrated), evidence, link. */
struct hand_rating {
	int e;
	long value;
	const char *evidence;
	const char *link;
};

static void
add_assessment(struct store *st, const struct model *m, long long ladder, const char *person,
    const char *rater, const char *role, const struct hand_rating *hr, size_t n)
{
	static const char *const ids[] = { "", "c.T.1", "c.T.2", "c.T.3", "c.T.4" };
	struct store_rating rows[4];
	struct store_link links[4];
	struct store_assessment a;
	int revision;
	size_t i;

	memset(rows, 0, sizeof(rows));
	for (i = 0; i < n; i++) {
		rows[i].expectation = ids[hr[i].e];
		rows[i].competency = "c";
		rows[i].rated = hr[i].value >= 0;
		rows[i].value = hr[i].value;
		rows[i].scale_id = hr[i].value >= 0 ? "x" : NULL;
		rows[i].evidence = hr[i].evidence;
		if (hr[i].link != NULL) {
			links[i].target = hr[i].link;
			links[i].kind = "other";
			rows[i].links = &links[i];
			rows[i].nlinks = 1;
		}
		rows[i].flags = evidence_flags(m, rows[i].rated, rows[i].value, rows[i].evidence,
		    rows[i].nlinks);
	}
	memset(&a, 0, sizeof(a));
	a.person = person;
	a.cycle = "C1";
	a.rater = rater;
	a.role = role;
	a.target = "T";
	a.ladder = ladder;
	a.source = "test";
	a.source_hash = "";
	a.ratings = rows;
	a.nratings = n;
	CHECK(store_assessment_add(st, &a, &revision) == 0);
}

static const struct calib_person *
person_row(const struct calib_report *r, const char *id)
{
	size_t i;

	for (i = 0; i < r->npeople; i++)
		if (strcmp(r->people[i].p->info.id, id) == 0)
			return &r->people[i];
	return NULL;
}

static const struct calib_rater *
rater_row(const struct calib_report *r, const char *id)
{
	size_t i;

	for (i = 0; i < r->nraters; i++)
		if (strcmp(r->raters[i].id, id) == 0)
			return &r->raters[i];
	return NULL;
}

static const struct calib_team *
team_row(const struct calib_report *r, const char *id)
{
	size_t i;

	for (i = 0; i < r->nteams; i++)
		if (strcmp(r->teams[i].team, id) == 0)
			return &r->teams[i];
	return NULL;
}

#define CHECK_EVIDENCE(e, n, u, a, l) do { \
	CHECK((e)->ratings == (n)); \
	CHECK((e)->unsupported == (u)); \
	CHECK((e)->activity_only == (a)); \
	CHECK((e)->linked == (l)); \
	CHECK_NEAR(calib_linked_share(e), (double)(l) / (double)(n), 1e-12); \
} while (0)

static void
test_hand_cycle(void)
{
	static const struct hand_rating p1_manager[] = {
		{ 1, 3, NULL, NULL }, { 2, 3, "Drove adoption of the new flow.", NULL },
		{ 3, 2, "Kept the burn-down charts green.", NULL }, { 4, -1, "Great velocity.", NULL },
	};
	static const struct hand_rating p1_self[] = {
		{ 1, 3, NULL, "okr:K1" }, { 2, 1, "10 PRs merged.", NULL }, { 3, 3, "", NULL },
		{ 4, 0, NULL, NULL },
	};
	static const struct hand_rating p2_manager[] = {
		{ 1, 2, NULL, NULL },
		{ 2, 3, "Lines of code halved.", "https://metrics.example.com/size" },
		{ 3, 3, "Lines   of\ncode: 4000 more.", NULL }, { 4, 3, NULL, NULL },
	};
	static const struct hand_rating p3_manager[] = {
		{ 1, 3, NULL, NULL }, { 2, 3, NULL, NULL }, { 3, 0, "Opened pull requests.", NULL },
		{ 4, 2, NULL, "https://incidents.example.com/9" },
	};
	static const struct hand_rating p3_peer[] = {
		{ 1, 3, "Helped me debug the outage.", NULL }, { 2, -1, NULL, "okr:K2" },
		{ 3, 2, "Reviewed merge requests.", NULL }, { 4, 3, NULL, "okr:K1" },
	};
	static const char *const people[][4] = {
		{ "m1", "", "mgmt", "M1" }, { "m2", "", "mgmt", "M1" },
		{ "p1", "red", "ic", "S" }, { "p2", "blue", "ic", "S" }, { "p3", "blue", "ic", "S" },
	};
	char dir[] = "/tmp/egf-evidence-XXXXXX";
	char *ladder_dir, *comp_dir, *db;
	struct diag_list dl;
	struct model *m = NULL;
	struct store *st;
	struct store_ladder l;
	struct buf xml = {0};
	struct cycle c;
	struct calib_slice slice = { NULL, NULL, NULL, NULL };
	struct calib_report r;
	size_t i;

	memset(&dl, 0, sizeof(dl));
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		exit(2);
	}
	ladder_dir = path_join(dir, "ladder");
	comp_dir = path_join(ladder_dir, "competencies");
	db = path_join(dir, "t.db");
	CHECK(mkdir(ladder_dir, 0700) == 0 && mkdir(comp_dir, 0700) == 0);
	write_file(ladder_dir, "ladder.md", "---\nid: hand\ntitle: Hand\nversion: \"1\"\n"
	    "scale:\n  - {id: no, label: No, value: 0}\n  - {id: dev, label: Dev, value: 1}\n"
	    "  - {id: ok, label: Ok, value: 2}\n  - {id: top, label: Top, value: 3}\n"
	    "meets: ok\npromotion: {threshold: 0.75}\n"
	    "tracks:\n  - {id: ic, title: IC}\n  - {id: mgmt, title: Managers}\n"
	    "levels:\n  - {id: S, title: S, track: ic}\n  - {id: T, title: T, track: ic}\n"
	    "  - {id: M1, title: M1, track: mgmt}\n"
	    "activity_terms: [burn-down charts]\n---\nHand-made.\n");
	write_file(comp_dir, "c.md", "---\nid: c\narea: A\ntracks: [ic]\n---\n# C\n\n"
	    "## S\n- s\n\n## T\n- one\n- two\n- three\n- four\n");
	CHECK(ladder_load(ladder_dir, &dl, &m) == LADDER_OK);
	CHECK(diag_errors(&dl) == 0);
	diag_list_free(&dl);
	if (m == NULL)
		goto out;
	CHECK(m->nactivity_terms == 1);
	CHECK(model_xml_write(m, 0, &xml) == 0);
	st = store_open(db, STORE_WRITE);
	CHECK(st != NULL);
	if (st == NULL)
		goto out;
	CHECK(store_begin(st) == 0);
	CHECK(store_ladder_insert(st, m->id, m->version, "hash", xml.data) == 0);
	CHECK(store_ladder_find(st, "hand", "1", &l) == 1);
	for (i = 0; i < 5; i++) {
		struct store_person_in p = { (char *)people[i][0], (char *)people[i][0], NULL,
		    *people[i][1] ? (char *)people[i][1] : NULL,
		    people[i][0][0] == 'p' ? (char *)(strcmp(people[i][0], "p3") ? "m1" : "m2") : NULL,
		    (char *)people[i][2], (char *)people[i][3] };

		CHECK(store_person_upsert(st, &p) == 0);
	}
	add_assessment(st, m, l.rowid, "p1", "m1", "manager", p1_manager, 4);
	add_assessment(st, m, l.rowid, "p1", "p1", "self", p1_self, 4);
	add_assessment(st, m, l.rowid, "p2", "m1", "manager", p2_manager, 4);
	add_assessment(st, m, l.rowid, "p3", "m2", "manager", p3_manager, 4);
	add_assessment(st, m, l.rowid, "p3", "p1", "peer", p3_peer, 4);
	CHECK(store_commit(st) == 0);
	store_ladder_clear(&l);

	CHECK(cycle_load(&c, st, &dl, "C1", NULL, CYCLE_FLAGS) == 0);
	calib_report_build(&r, &c, &slice, NULL);
	CHECK(r.npeople == 3);
	if (r.npeople == 3) {
		CHECK_EVIDENCE(&person_row(&r, "p1")->evidence, 7, 2, 2, 1);
		CHECK_EVIDENCE(&person_row(&r, "p2")->evidence, 4, 1, 1, 1);
		CHECK_EVIDENCE(&person_row(&r, "p3")->evidence, 7, 2, 2, 2);
		CHECK(rater_row(&r, "m1") != NULL && rater_row(&r, "m2") != NULL);
		CHECK(rater_row(&r, "p1") == NULL);	/* a peer is no rater of the report */
		CHECK_EVIDENCE(&rater_row(&r, "m1")->evidence, 7, 2, 2, 1);
		CHECK_EVIDENCE(&rater_row(&r, "m2")->evidence, 4, 2, 1, 1);
		CHECK_EVIDENCE(&team_row(&r, "red")->evidence, 7, 2, 2, 1);
		CHECK_EVIDENCE(&team_row(&r, "blue")->evidence, 11, 3, 3, 3);
		CHECK(team_row(&r, "blue")->people == 2);
	}
	calib_report_free(&r);
	cycle_clear(&c);

	/*
	 * Ratings stored before schema 4 have no stored flags (NULL) and no links:
	 * they are judged from their evidence when read, to the same counts.
	 */
	{
		sqlite3 *raw;

		CHECK(sqlite3_open(db, &raw) == SQLITE_OK);
		CHECK(sqlite3_exec(raw, "UPDATE ratings SET flags = NULL WHERE NOT EXISTS (SELECT 1 "
		    "FROM links l WHERE l.assessment = ratings.assessment AND l.expectation = "
		    "ratings.expectation)", NULL, NULL, NULL) == SQLITE_OK);
		CHECK(sqlite3_changes(raw) == 15);	/* 20 ratings, 5 with a link */
		sqlite3_close(raw);
	}
	CHECK(cycle_load(&c, st, &dl, "C1", NULL, CYCLE_FLAGS) == 0);
	calib_report_build(&r, &c, &slice, NULL);
	if (r.npeople == 3) {
		CHECK_EVIDENCE(&person_row(&r, "p1")->evidence, 7, 2, 2, 1);
		CHECK_EVIDENCE(&person_row(&r, "p3")->evidence, 7, 2, 2, 2);
		CHECK_EVIDENCE(&team_row(&r, "blue")->evidence, 11, 3, 3, 3);
	}
	calib_report_free(&r);
	cycle_clear(&c);

	/* Loaded without evidence, nothing is counted: the counts need CYCLE_FLAGS. */
	CHECK(cycle_load(&c, st, &dl, "C1", NULL, 0) == 0);
	calib_report_build(&r, &c, &slice, NULL);
	CHECK(r.npeople == 3 && person_row(&r, "p1")->evidence.ratings == 0);
	calib_report_free(&r);
	cycle_clear(&c);

	/* With every rating kept, each carries its own flags and links. */
	CHECK(cycle_load(&c, st, &dl, "C1", "p3", CYCLE_RATINGS) == 0);
	CHECK(c.n == 1 && c.people[0].nratings == 8);
	if (c.n == 1 && c.people[0].nratings == 8) {
		const struct cycle_rating *x = c.people[0].ratings;

		/* sorted by expectation, then role (manager before peer) */
		CHECK(x[0].role == ROLE_MANAGER && x[0].flags == EVIDENCE_UNSUPPORTED);
		CHECK(x[1].role == ROLE_PEER && x[1].flags == 0);
		CHECK(x[3].nlinks == 1 && x[3].flags == 0);	/* unrated, linked */
		CHECK_STR(x[3].links[0].target, "okr:K2");
		CHECK(x[4].flags == EVIDENCE_ACTIVITY_ONLY);
		CHECK(x[6].flags == EVIDENCE_LINKED);
		CHECK_STR(x[6].links[0].kind, "other");
	}
	cycle_clear(&c);
	diag_list_free(&dl);
	store_close(st);
out:
	buf_free(&xml);
	model_free(m);
	{
		char *cmd = xasprintf("rm -rf '%s'", dir);

		if (system(cmd) != 0)
			printf("  could not remove %s\n", dir);
		free(cmd);
	}
	free(ladder_dir);
	free(comp_dir);
	free(db);
}

int
main(void)
{
	RUN(test_link_targets);
	RUN(test_link_split);
	RUN(test_activity_terms);
	RUN(test_flags);
	RUN(test_outcome_trend);
	RUN(test_hand_cycle);
	return UNIT_EXIT();
}
