/* assess_import.c: validating and storing assessments. */
#include "assess_import.h"
#include "diag.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "assess.h"
#include "csv.h"
#include "cycle_phase.h"
#include "evidence.h"
#include "sha256.h"
#include "store_draft.h"
#include "strmap.h"
#include "util.h"

/* Cycle ids: [A-Za-z0-9][A-Za-z0-9._-]* (e.g. 2026-H2). */
static int
valid_cycle(const char *id)
{
	const unsigned char *p = (const unsigned char *)id;

	if (!isalnum(*p))
		return 0;
	for (p++; *p != '\0'; p++)
		if (!isalnum(*p) && *p != '.' && *p != '_' && *p != '-')
			return 0;
	return 1;
}

/* 1 when the person exists, 0 when not, -1 on a database error. */
static int
person_exists(struct store *st, const char *id)
{
	struct store_person p;
	int got = store_person_get(st, id, &p);

	store_person_clear(&p);
	return got;
}

/* Where to point a cycle diagnostic: the cycle, person and ladder version cells or fields. */
struct cycle_where {
	const char *path;
	struct assess_pos cycle, person, version;
};

/*
 * Whether the cycle takes this form now (cycle_phase.h): a locked cycle, a
 * person not among its people and another ladder version are diagnosed at
 * the positions in w; *how says how the form is admitted. ladder 0 skips
 * the version. Returns 0, or -1 on a database error.
 */
static int
check_cycle(struct store *st, struct diag_list *dl, const struct cycle_where *w,
    const char *cycle, const char *person, const char *role, const char *rater,
    long long ladder, enum cycle_form *how)
{
	struct cycle_state cs;

	*how = CYCLE_FORM_OPEN;
	if (cycle == NULL || person == NULL || !valid_cycle(cycle))
		return 0;
	if (cycle_phase_form(st, cycle, person, role, rater, ladder, how, &cs) != 0) {
		cycle_state_clear(&cs);
		return -1;
	}
	switch (*how) {
	case CYCLE_FORM_LOCKED:
		if (cs.phase == PHASE_CLOSED)
			diag_add(dl, DIAG_CYCLE_LOCKED, w->path, w->cycle.line, w->cycle.col,
			    "cycle '%s' is closed: its forms are locked for good", cycle);
		else
			diag_add(dl, DIAG_CYCLE_LOCKED, w->path, w->cycle.line, w->cycle.col,
			    "cycle '%s' is in phase %s: its forms are locked (hr can reopen one: "
			    "egf cycle reopen)", cycle, cycle_phase_name(cs.phase));
		break;
	case CYCLE_FORM_NOT_IN_CYCLE:
		diag_add(dl, DIAG_NOT_IN_CYCLE, w->path, w->person.line, w->person.col,
		    "'%s' is not one of the people of cycle '%s' (egf cycle open --people)",
		    person, cycle);
		break;
	case CYCLE_FORM_OTHER_LADDER:
		diag_add(dl, DIAG_CYCLE_LADDER, w->path, w->version.line, w->version.col,
		    "cycle '%s' is assessed against ladder %s %s", cycle, cs.ladder_id,
		    cs.version);
		break;
	default:
		break;
	}
	cycle_state_clear(&cs);
	return 0;
}

/* check_cycle for a form's fields. */
static int
check_form_cycle(struct store *st, const struct assess_form *f, long long ladder,
    struct diag_list *dl, enum cycle_form *how)
{
	struct cycle_where w;

	w.path = f->path;
	w.cycle = f->field_pos[FORM_CYCLE];
	w.person = f->field_pos[FORM_PERSON];
	w.version = f->field_pos[FORM_VERSION];
	return check_cycle(st, dl, &w, f->field[FORM_CYCLE], f->field[FORM_PERSON],
	    f->field[FORM_ROLE], f->field[FORM_RATER], ladder, how);
}

/* Checks the people a form names; returns -1 on a database error. */
static int
check_people(struct store *st, const struct assess_form *f, struct diag_list *dl)
{
	static const enum assess_field fields[] = { FORM_PERSON, FORM_RATER };
	size_t i;

	for (i = 0; i < 2; i++) {
		const char *id = f->field[fields[i]];
		int got;

		if (id == NULL)
			continue;
		if ((got = person_exists(st, id)) < 0)
			return -1;
		if (got == 0)
			diag_add(dl, DIAG_UNKNOWN_PERSON, f->path, f->field_pos[fields[i]].line,
			    f->field_pos[fields[i]].col, "%s '%s' is not in the database "
			    "(egf people import)", assess_field_name(fields[i]), id);
	}
	if (f->field[FORM_ROLE] != NULL && f->field[FORM_PERSON] != NULL &&
	    f->field[FORM_RATER] != NULL) {
		int self = strcmp(f->field[FORM_ROLE], "self") == 0;
		int same = strcmp(f->field[FORM_PERSON], f->field[FORM_RATER]) == 0;

		if (self != same && assess_role_parse(f->field[FORM_ROLE]) >= 0)
			diag_add(dl, DIAG_RATER_MISMATCH, f->path, f->field_pos[FORM_RATER].line,
			    f->field_pos[FORM_RATER].col, self ?
			    "a self assessment must be rated by the person ('%s')" :
			    "a %s assessment cannot be rated by the person ('%s') themselves",
			    self ? f->field[FORM_PERSON] : f->field[FORM_ROLE],
			    f->field[FORM_PERSON]);
	}
	if (f->field[FORM_CYCLE] != NULL && !valid_cycle(f->field[FORM_CYCLE]))
		diag_add(dl, DIAG_BAD_ID, f->path, f->field_pos[FORM_CYCLE].line,
		    f->field_pos[FORM_CYCLE].col,
		    "cycle '%s' does not match [A-Za-z0-9][A-Za-z0-9._-]*", f->field[FORM_CYCLE]);
	return 0;
}

/*
 * Warnings about a checked rating's outcome evidence: an okr: link to a key
 * result nobody imported for the cycle, and evidence that counts output
 * with no link. -1 on a database error.
 */
static int
check_outcome_evidence(struct store *st, const struct model *m, const struct assess_form *f,
    const struct assess_item *it, struct diag_list *dl)
{
	const char *cycle = f->field[FORM_CYCLE], *term;
	size_t k;

	for (k = 0; k < it->nlinks && cycle != NULL; k++) {
		const char *id = evidence_okr_id(it->links[k].target);
		int got;

		if (id == NULL)
			continue;
		if ((got = store_okr_exists(st, cycle, id)) < 0)
			return -1;
		if (got == 0)
			diag_add(dl, DIAG_UNKNOWN_OKR, f->path, it->links[k].pos.line,
			    it->links[k].pos.col, "no key result '%s' is imported for cycle '%s' "
			    "(egf outcomes import)", id, cycle);
	}
	if (it->nlinks == 0 && (term = evidence_activity_term(m, it->evidence)) != NULL)
		diag_add(dl, DIAG_ACTIVITY_EVIDENCE, f->path, it->evidence_pos.line,
		    it->evidence_pos.col, "evidence counts output ('%s') and links no outcome; "
		    "add the outcome it served as 'Link: TARGET (KIND)'", term);
	return 0;
}

/* The links of a checked rating as store rows; the caller frees the array. */
static struct store_link *
store_links(const struct assess_rating *r)
{
	struct store_link *links = xcalloc(r->nlinks ? r->nlinks : 1, sizeof(*links));
	size_t k;

	for (k = 0; k < r->nlinks; k++) {
		links[k].target = r->links[k].target;
		links[k].kind = r->links[k].kind;
	}
	return links;
}

/*
 * Turns checked ratings into store rows (borrowing their strings; links
 * owned by the rows), each with its evidence flags under the model.
 */
static struct store_rating *
store_rows(const struct model *m, const struct assess_rating *r, size_t n)
{
	struct store_rating *rows = xcalloc(n ? n : 1, sizeof(*rows));
	size_t i;

	for (i = 0; i < n; i++) {
		rows[i].links = store_links(&r[i]);
		rows[i].nlinks = r[i].nlinks;
		rows[i].expectation = r[i].expectation->id;
		rows[i].competency = r[i].expectation->competency->id;
		rows[i].rated = r[i].point != NULL;
		rows[i].value = r[i].point ? r[i].point->value : 0;
		rows[i].scale_id = r[i].point ? r[i].point->id : NULL;
		rows[i].evidence = r[i].evidence;
		rows[i].private_note = r[i].private_note;
		rows[i].flags = evidence_flags(m, rows[i].rated, rows[i].value, rows[i].evidence,
		    rows[i].nlinks);
	}
	return rows;
}

static void
free_rows(struct store_rating *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free((void *)rows[i].links);
	free(rows);
}

/*
 * With expect >= 0: 0 when the form's current revision (its rater, role,
 * person and cycle) is expect, 1 with *current when not, -1 on error.
 */
static int
stale_form(struct store *st, const struct assess_form *f, long long expect,
    long long *current)
{
	struct store_form_key k;

	if (expect < 0)
		return 0;
	k.cycle = f->field[FORM_CYCLE];
	k.person = f->field[FORM_PERSON];
	k.rater = f->field[FORM_RATER];
	k.role = f->field[FORM_ROLE];
	if ((*current = store_form_revision(st, &k)) < 0)
		return -1;
	return *current != expect;
}

/*
 * Stores the form in one transaction, in which the cycle is asked again
 * whether it takes the form (a phase may have moved since it was checked)
 * and, with expect >= 0, whether its revision is still the one expected.
 */
static enum import_status
store_form(struct store *st, const struct assess_form *f, const struct model *m,
    long long ladder, const struct assess_rating *ratings, size_t n, struct diag_list *dl,
    long long expect, long long *current, int *revision)
{
	int stale;

	struct store_rating *rows = store_rows(m, ratings, n);
	struct store_assessment a;
	enum cycle_form how;
	size_t errors = diag_errors(dl);

	a.person = f->field[FORM_PERSON];
	a.cycle = f->field[FORM_CYCLE];
	a.rater = f->field[FORM_RATER];
	a.role = f->field[FORM_ROLE];
	a.target = f->field[FORM_TARGET];
	a.ladder = ladder;
	a.source = f->path;
	a.source_hash = f->hash;
	a.ratings = rows;
	a.nratings = n;
	if (store_begin(st) != 0 || check_form_cycle(st, f, ladder, dl, &how) != 0) {
		store_rollback(st);
		free_rows(rows, n);
		return IMPORT_FAILED;
	}
	if (diag_errors(dl) > errors) {
		store_rollback(st);
		free_rows(rows, n);
		return IMPORT_INVALID;
	}
	if ((stale = stale_form(st, f, expect, current)) != 0) {
		store_rollback(st);
		free_rows(rows, n);
		return stale < 0 ? IMPORT_FAILED : IMPORT_STALE;
	}
	if (store_assessment_add(st, &a, revision) != 0 ||
	    cycle_phase_form_stored(st, a.cycle, a.person, a.role, a.rater, *revision, how) != 0 ||
	    store_commit(st) != 0) {
		store_rollback(st);
		free_rows(rows, n);
		return IMPORT_FAILED;
	}
	free_rows(rows, n);
	return IMPORT_OK;
}

enum import_status
assess_import_read(struct store *st, struct published *pub, const struct assess_form *f,
    struct diag_list *dl, size_t errors, int *revision, size_t *nratings)
{
	long long current;

	return assess_import_read_if(st, pub, f, dl, errors, -1, &current, revision, nratings);
}

enum import_status
assess_import_read_if(struct store *st, struct published *pub, const struct assess_form *f,
    struct diag_list *dl, size_t errors, long long expect, long long *current, int *revision,
    size_t *nratings)
{
	struct assess_rating *ratings = NULL;
	const struct model *m = NULL;
	enum import_status rc = IMPORT_INVALID;
	size_t n = 0;
	long long ladder = 0;

	*revision = 0;
	*nratings = 0;
	*current = -1;
	if (f->field[FORM_LADDER] != NULL && f->field[FORM_VERSION] != NULL) {
		int found;

		m = published_find(pub, f->field[FORM_LADDER], f->field[FORM_VERSION], &ladder,
		    &found);
		if (found && m == NULL)
			return IMPORT_FAILED;
		if (!found)
			diag_add(dl, DIAG_UNPUBLISHED, f->path, f->field_pos[FORM_VERSION].line,
			    f->field_pos[FORM_VERSION].col,
			    "version '%s' of ladder '%s' is not published (egf publish)",
			    f->field[FORM_VERSION], f->field[FORM_LADDER]);
	}
	if (check_people(st, f, dl) != 0)
		return IMPORT_FAILED;
	{
		enum cycle_form how;

		/* asked again in the transaction that stores the form (store_form) */
		if (check_form_cycle(st, f, m != NULL ? ladder : 0, dl, &how) != 0)
			return IMPORT_FAILED;
	}
	if (m != NULL) {
		size_t i;

		assess_form_check(f, m, dl, &ratings, &n);
		for (i = 0; i < f->nitems; i++)
			if (check_outcome_evidence(st, m, f, &f->items[i], dl) != 0) {
				free(ratings);
				return IMPORT_FAILED;
			}
	}
	if (diag_errors(dl) == errors && m != NULL) {
		rc = store_form(st, f, m, ladder, ratings, n, dl, expect, current, revision);
		*nratings = n;
	}
	free(ratings);
	return rc;
}

enum import_status
assess_import_form(struct store *st, struct published *pub, const char *path,
    struct diag_list *dl)
{
	struct assess_form f;
	enum import_status rc;
	size_t n, errors = diag_errors(dl);
	int revision;

	if (assess_form_read(path, dl, &f) != 0) {
		assess_form_clear(&f);
		return IMPORT_FAILED;
	}
	rc = assess_import_read(st, pub, &f, dl, errors, &revision, &n);
	if (rc == IMPORT_OK)
		printf("imported %s: %s by %s (%s) against %s, revision %d, %zu ratings\n", f.path,
		    f.field[FORM_PERSON], f.field[FORM_RATER], f.field[FORM_ROLE],
		    f.field[FORM_TARGET], revision, n);
	assess_form_clear(&f);
	return rc;
}

/* ---- CSV ---- */

/* The columns in their order; link and link_kind are optional (both or neither). */
enum { C_PERSON, C_CYCLE, C_RATER, C_ROLE, C_TARGET, C_EXPECTATION, C_RATING, C_EVIDENCE,
	C_LINK, C_LINK_KIND, NCOLUMNS_ALL };
#define NCOLUMNS C_LINK

static const char *const columns[NCOLUMNS_ALL] = { "person", "cycle", "rater", "role",
	"target", "expectation", "rating", "evidence", "link", "link_kind" };

/* The assessment being gathered from consecutive rows. */
struct csv_group {
	char *key[C_TARGET + 1];	/* person, cycle, rater, role, target */
	unsigned line;
	enum cycle_form how;		/* how the cycle takes it (a reopened form) */
	struct store_rating *rows;
	size_t n, cap;
	struct strmap *seen;		/* expectation ids of this group */
	struct arena_strings {
		char **items;
		size_t n, cap;
	} strings;			/* evidence texts the rows point to */
	struct store_link **links;	/* the rows' links, one allocation each */
	size_t nlinks, links_cap;
};

struct csv_import {
	struct store *st;
	const struct model *m;
	long long ladder;
	const char *path;
	struct diag_list *dl;
	size_t errors_before;
	size_t ncolumns;		/* NCOLUMNS, or NCOLUMNS_ALL with links */
	struct strmap *people;		/* id -> (void *)1 known, 2 unknown */
	char **people_ids;		/* the map's keys, owned */
	size_t npeople, people_cap;
	struct strmap *done;		/* "person\ncycle\nrater" keys already stored */
	char **done_keys;
	size_t ndone, done_cap;
	struct csv_group g;
	size_t assessments, ratings;
	int failed;
};

static char *
keep_string(struct csv_group *g, const char *s)
{
	char *copy = xstrdup(s);

	xgrow((void **)&g->strings.items, &g->strings.cap, g->strings.n + 1, sizeof(char *));
	g->strings.items[g->strings.n++] = copy;
	return copy;
}

static void
group_reset(struct csv_group *g)
{
	size_t i;

	for (i = 0; i <= C_TARGET; i++) {
		free(g->key[i]);
		g->key[i] = NULL;
	}
	for (i = 0; i < g->strings.n; i++)
		free(g->strings.items[i]);
	g->strings.n = 0;
	for (i = 0; i < g->nlinks; i++)
		free(g->links[i]);
	g->nlinks = 0;
	g->n = 0;
	strmap_free(g->seen);
	g->seen = NULL;
}

static int
known_person(struct csv_import *im, const char *id)
{
	void *v = strmap_get(im->people, id);
	int got;

	if (v != NULL)
		return v == (void *)1;
	if ((got = person_exists(im->st, id)) < 0) {
		im->failed = 1;
		return 1;
	}
	xgrow((void **)&im->people_ids, &im->people_cap, im->npeople + 1, sizeof(char *));
	im->people_ids[im->npeople] = xstrdup(id);
	strmap_put(im->people, im->people_ids[im->npeople++], got ? (void *)1 : (void *)2);
	return got;
}

/* Stores the gathered group, unless errors were seen; then starts afresh. */
static void
flush_group(struct csv_import *im)
{
	struct csv_group *g = &im->g;
	struct store_assessment a;
	int revision;

	if (g->key[0] != NULL && !im->failed && diag_errors(im->dl) == im->errors_before) {
		a.person = g->key[C_PERSON];
		a.cycle = g->key[C_CYCLE];
		a.rater = g->key[C_RATER];
		a.role = g->key[C_ROLE];
		a.target = g->key[C_TARGET];
		a.ladder = im->ladder;
		a.source = im->path;
		a.source_hash = "";
		a.ratings = g->rows;
		a.nratings = g->n;
		if (store_assessment_add(im->st, &a, &revision) != 0 ||
		    cycle_phase_form_stored(im->st, a.cycle, a.person, a.role, a.rater, revision,
		    g->how) != 0)
			im->failed = 1;
		im->assessments++;
		im->ratings += g->n;
	}
	group_reset(g);
}

static void
start_group(struct csv_import *im, const struct csv_row *row, const char *key)
{
	struct csv_group *g = &im->g;
	const struct model_level *l;
	size_t i;

	flush_group(im);
	if (strmap_get(im->done, key) != NULL)
		diag_add(im->dl, DIAG_CSV_SYNTAX, im->path, row->line, 1,
		    "the rows of person '%s', cycle '%s', rater '%s' are not together; sort the "
		    "file by person, cycle and rater", row->fields[C_PERSON].text,
		    row->fields[C_CYCLE].text, row->fields[C_RATER].text);
	else {
		char *k = xstrdup(key);

		xgrow((void **)&im->done_keys, &im->done_cap, im->ndone + 1, sizeof(char *));
		im->done_keys[im->ndone++] = k;
		strmap_put(im->done, k, (void *)1);
	}
	for (i = 0; i <= C_TARGET; i++)
		g->key[i] = xstrdup(row->fields[i].text);
	g->line = row->line;
	g->seen = strmap_new();
	for (i = C_PERSON; i <= C_RATER; i += 2) {
		if (!known_person(im, row->fields[i].text))
			diag_add(im->dl, DIAG_UNKNOWN_PERSON, im->path, row->line,
			    row->fields[i].col, "%s '%s' is not in the database", columns[i],
			    row->fields[i].text);
	}
	if (!valid_cycle(g->key[C_CYCLE]))
		diag_add(im->dl, DIAG_BAD_ID, im->path, row->line, row->fields[C_CYCLE].col,
		    "cycle '%s' does not match [A-Za-z0-9][A-Za-z0-9._-]*", g->key[C_CYCLE]);
	if (assess_role_parse(g->key[C_ROLE]) < 0)
		diag_add(im->dl, DIAG_BAD_VALUE, im->path, row->line, row->fields[C_ROLE].col,
		    "role '%s' is not self, manager or peer", g->key[C_ROLE]);
	else if ((strcmp(g->key[C_ROLE], "self") == 0) !=
	    (strcmp(g->key[C_PERSON], g->key[C_RATER]) == 0))
		diag_add(im->dl, DIAG_RATER_MISMATCH, im->path, row->line, row->fields[C_RATER].col,
		    "rater '%s' does not fit role '%s' for person '%s'", g->key[C_RATER],
		    g->key[C_ROLE], g->key[C_PERSON]);
	if ((l = model_level(im->m, g->key[C_TARGET])) == NULL)
		diag_add(im->dl, DIAG_UNKNOWN_LEVEL, im->path, row->line, row->fields[C_TARGET].col,
		    "unknown level '%s' in ladder %s %s", g->key[C_TARGET], im->m->id,
		    im->m->version);
	{
		/* the file's rows are all against the latest version: point at the row */
		struct cycle_where w;

		w.path = im->path;
		w.cycle.line = w.person.line = w.version.line = row->line;
		w.cycle.col = row->fields[C_CYCLE].col;
		w.person.col = row->fields[C_PERSON].col;
		w.version.col = 1;
		if (check_cycle(im->st, im->dl, &w, g->key[C_CYCLE], g->key[C_PERSON],
		    g->key[C_ROLE], g->key[C_RATER], im->ladder, &g->how) != 0)
			im->failed = 1;
	}
}

/* The link and link_kind cells of a row: both or neither, a valid target and kind. */
static int
check_link_cells(struct csv_import *im, const struct csv_row *row)
{
	const struct csv_field *f = row->fields;
	const char *id;
	int got;

	if (im->ncolumns != NCOLUMNS_ALL || (f[C_LINK].len == 0 && f[C_LINK_KIND].len == 0))
		return 0;
	if (f[C_LINK].len == 0 || f[C_LINK_KIND].len == 0) {
		diag_add(im->dl, DIAG_BAD_LINK, im->path, row->line,
		    f[f[C_LINK].len == 0 ? C_LINK : C_LINK_KIND].col,
		    "a link needs both the link and the link_kind column");
		return -1;
	}
	if (!evidence_link_target_ok(f[C_LINK].text)) {
		diag_add(im->dl, DIAG_BAD_LINK, im->path, row->line, f[C_LINK].col,
		    "link target '%s' is not an http: or https: URL or okr:ID", f[C_LINK].text);
		return -1;
	}
	if (evidence_link_kind(f[C_LINK_KIND].text) < 0) {
		diag_add(im->dl, DIAG_BAD_LINK, im->path, row->line, f[C_LINK_KIND].col,
		    "link kind '%s' is not one of %s", f[C_LINK_KIND].text, evidence_link_kinds());
		return -1;
	}
	if ((id = evidence_okr_id(f[C_LINK].text)) != NULL) {
		if ((got = store_okr_exists(im->st, f[C_CYCLE].text, id)) < 0)
			im->failed = 1;
		else if (got == 0)
			diag_add(im->dl, DIAG_UNKNOWN_OKR, im->path, row->line, f[C_LINK].col,
			    "no key result '%s' is imported for cycle '%s' (egf outcomes import)", id,
			    f[C_CYCLE].text);
	}
	return 0;
}

static void
add_row(struct csv_import *im, const struct csv_row *row)
{
	struct csv_group *g = &im->g;
	const struct csv_field *f = row->fields;
	const struct model_expectation *e = model_expectation(im->m, f[C_EXPECTATION].text);
	const struct model_scale_point *p = NULL;
	struct store_rating *r;
	const char *term;

	if (strcmp(f[C_ROLE].text, g->key[C_ROLE]) != 0 ||
	    strcmp(f[C_TARGET].text, g->key[C_TARGET]) != 0) {
		diag_add(im->dl, DIAG_BAD_VALUE, im->path, row->line, f[C_ROLE].col,
		    "role and target differ from the assessment's first row (line %u)", g->line);
		return;
	}
	if (e == NULL) {
		diag_add(im->dl, DIAG_UNKNOWN_EXPECTATION, im->path, row->line,
		    f[C_EXPECTATION].col, "unknown expectation '%s'", f[C_EXPECTATION].text);
		return;
	}
	if (strcmp(e->level_id, g->key[C_TARGET]) != 0) {
		diag_add(im->dl, DIAG_WRONG_LEVEL, im->path, row->line, f[C_EXPECTATION].col,
		    "expectation '%s' is at level %s, not the target %s", e->id, e->level_id,
		    g->key[C_TARGET]);
		return;
	}
	if (strmap_put(g->seen, e->id, (void *)e) != NULL) {
		diag_add(im->dl, DIAG_DUPLICATE_ID, im->path, row->line, f[C_EXPECTATION].col,
		    "expectation '%s' is rated twice in this assessment", e->id);
		return;
	}
	if (f[C_RATING].len > 0 && (p = model_scale_lookup(im->m, f[C_RATING].text)) == NULL) {
		diag_add(im->dl, DIAG_BAD_RATING, im->path, row->line, f[C_RATING].col,
		    "rating '%s' is not on the scale", f[C_RATING].text);
		return;
	}
	if (check_link_cells(im, row) != 0)
		return;
	xgrow((void **)&g->rows, &g->cap, g->n + 1, sizeof(*g->rows));
	r = &g->rows[g->n++];
	memset(r, 0, sizeof(*r));
	r->expectation = e->id;
	r->competency = e->competency->id;
	r->rated = p != NULL;
	r->value = p ? p->value : 0;
	r->scale_id = p ? p->id : NULL;
	r->evidence = f[C_EVIDENCE].len > 0 ? keep_string(g, f[C_EVIDENCE].text) : NULL;
	if (im->ncolumns == NCOLUMNS_ALL && f[C_LINK].len > 0) {
		struct store_link *l = xmalloc(sizeof(*l));

		l->target = keep_string(g, f[C_LINK].text);
		l->kind = keep_string(g, f[C_LINK_KIND].text);
		xgrow((void **)&g->links, &g->links_cap, g->nlinks + 1, sizeof(*g->links));
		g->links[g->nlinks++] = l;
		r->links = l;
		r->nlinks = 1;
	}
	r->flags = evidence_flags(im->m, r->rated, r->value, r->evidence, r->nlinks);
	if (r->nlinks == 0 && (term = evidence_activity_term(im->m, r->evidence)) != NULL)
		diag_add(im->dl, DIAG_ACTIVITY_EVIDENCE, im->path, row->line, f[C_EVIDENCE].col,
		    "evidence counts output ('%s') and links no outcome; add the outcome it "
		    "served in the link and link_kind columns", term);
}

/*
 * As in forms, evidence may have line breaks and tabs but no other control
 * character; the other fields none at all. 1 after diagnosing a row that has one.
 */
static int
row_has_control(struct csv_import *im, const struct csv_row *row)
{
	size_t i;
	int bad = 0;

	for (i = 0; i < im->ncolumns; i++)
		if (text_has_control(row->fields[i].text, i == C_EVIDENCE)) {
			diag_add(im->dl, DIAG_ENCODING, im->path, row->fields[i].line,
			    row->fields[i].col, "control character in the '%s' field", columns[i]);
			bad = 1;
		}
	return bad;
}

/* Checks the header and sets the columns; -1 when columns are missing or out of order. */
static int
check_header(struct csv_import *im, const struct csv_row *row)
{
	size_t i, n = row->n == NCOLUMNS ? NCOLUMNS : NCOLUMNS_ALL;

	for (i = 0; i < n; i++)
		if (i >= row->n || strcasecmp(row->fields[i].text, columns[i]) != 0 ||
		    (i + 1 == n && row->n > n)) {
			diag_add(im->dl, DIAG_MISSING_FIELD, im->path, row->line,
			    i < row->n ? row->fields[i].col : 1,
			    "expected the header person,cycle,rater,role,target,expectation,rating,"
			    "evidence, optionally followed by link,link_kind");
			return -1;
		}
	im->ncolumns = n;
	return 0;
}

static void
read_rows(struct csv_import *im, struct csv_reader *csv)
{
	const struct csv_row *row;
	struct buf key = {0};
	int rc, header = 0;

	while ((rc = csv_next(csv, &row)) == 1 && !im->failed) {
		if (!header) {
			header = 1;
			if (check_header(im, row) != 0)
				break;
			continue;
		}
		if (row->n != im->ncolumns) {
			diag_add(im->dl, DIAG_CSV_SYNTAX, im->path, row->line, 1,
			    "row has %zu fields, not %zu", row->n, im->ncolumns);
			continue;
		}
		if (row_has_control(im, row))
			continue;
		if (im->g.key[0] == NULL || strcmp(im->g.key[C_PERSON], row->fields[C_PERSON].text) ||
		    strcmp(im->g.key[C_CYCLE], row->fields[C_CYCLE].text) ||
		    strcmp(im->g.key[C_RATER], row->fields[C_RATER].text)) {
			key.len = 0;
			buf_printf(&key, "%s\n%s\n%s", row->fields[C_PERSON].text,
			    row->fields[C_CYCLE].text, row->fields[C_RATER].text);
			start_group(im, row, key.data);
		}
		add_row(im, row);
	}
	if (rc < 0 && csv_io_error(csv))
		im->failed = 1;
	flush_group(im);
	buf_free(&key);
}

enum import_status
assess_import_csv(struct store *st, struct published *pub, const char *path,
    struct diag_list *dl)
{
	struct csv_import im;
	struct csv_reader *csv;
	enum import_status rc = IMPORT_FAILED;
	int found;
	size_t i;

	memset(&im, 0, sizeof(im));
	im.st = st;
	im.path = path;
	im.dl = dl;
	im.errors_before = diag_errors(dl);
	if ((im.m = published_latest(pub, &im.ladder, &found)) == NULL) {
		if (!found)
			diag_report(NULL, DIAG_UNPUBLISHED, "assess",
			    "no ladder is published yet");
		return IMPORT_FAILED;
	}
	if ((csv = csv_open(path, dl)) == NULL)
		return IMPORT_FAILED;
	im.people = strmap_new();
	im.done = strmap_new();
	if (store_begin(st) != 0)
		goto out;
	read_rows(&im, csv);
	if (im.failed)
		store_rollback(st);
	else if (diag_errors(dl) > im.errors_before) {
		store_rollback(st);
		rc = IMPORT_INVALID;
	} else if (store_commit(st) != 0)
		store_rollback(st);
	else {
		printf("imported %s: %zu assessments, %zu ratings\n", path, im.assessments,
		    im.ratings);
		rc = IMPORT_OK;
	}
out:
	csv_close(csv);
	group_reset(&im.g);
	free(im.g.rows);
	free(im.g.strings.items);
	free(im.g.links);
	for (i = 0; i < im.ndone; i++)
		free(im.done_keys[i]);
	for (i = 0; i < im.npeople; i++)
		free(im.people_ids[i]);
	free(im.people_ids);
	free(im.done_keys);
	strmap_free(im.done);
	strmap_free(im.people);
	return rc;
}
