/* cycle_phase.c: the phases of review cycles (cycle_phase.h, docs/cycles.md). */
#include "cycle_phase.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_text.h"
#include "store_cycle.h"

static const char *const phase_names[PHASE__MAX] = {
	"self", "manager", "calibration", "released", "closed",
};

static const char *const due_names[STORE_NDUE] = {
	"self-due", "manager-due", "calibration", "release",
};

/* The audit actions of a cycle's phases; egf cycle show prints these. */
#define ACTION_OPEN "open cycle"
#define ACTION_MOVE "move phase"
#define ACTION_REOPEN "reopen form"
#define ACTION_RESUBMIT "submit reopened form"
/* The actor of a phase its date started. */
#define DATE_ACTOR "egf"

const char *
cycle_phase_name(enum cycle_phase p)
{
	return p < PHASE__MAX ? phase_names[p] : "?";
}

int
cycle_phase_parse(const char *name)
{
	int i;

	for (i = 0; i < PHASE__MAX; i++)
		if (strcmp(phase_names[i], name) == 0)
			return i;
	return -1;
}

const char *
cycle_due_name(enum store_due d)
{
	return d < STORE_NDUE ? due_names[d] : "?";
}

/* ---- dates: days since 1970-01-01 (H. Hinnant's civil calendar algorithms) ---- */

static long
days_from_civil(long y, unsigned m, unsigned d)
{
	long era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

static void
civil_from_days(long z, char out[11])
{
	long era, y;
	unsigned doe, yoe, doy, mp, d, m;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = (long)yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2;
	{
		char tmp[48];

		snprintf(tmp, sizeof(tmp), "%04ld-%02u-%02u", y, m, d);
		memcpy(out, tmp, 10);
		out[10] = '\0';
	}
}

static int
parse_date(const char *s, long *days)
{
	static const unsigned mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	unsigned y = 0, m, d;
	size_t i;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	for (i = 0; i < 4; i++)
		y = y * 10 + (unsigned)(s[i] - '0');
	m = (unsigned)(s[5] - '0') * 10 + (unsigned)(s[6] - '0');
	d = (unsigned)(s[8] - '0') * 10 + (unsigned)(s[9] - '0');
	if (y < 1970 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		return 0;
	*days = days_from_civil((long)y, m, d);
	return 1;
}

int
cycle_date_valid(const char *s)
{
	long days;

	return parse_date(s, &days);
}

long
cycle_days_between(const char *from, const char *to)
{
	long a = 0, b = 0;

	if (!parse_date(from, &a) || !parse_date(to, &b))
		return 0;
	return b - a;
}

int
cycle_phase_starts(const char *const due[STORE_NDUE], enum cycle_phase p, char out[11])
{
	long days;

	out[0] = '\0';
	switch (p) {
	case PHASE_MANAGER:
		if (!parse_date(due[STORE_DUE_SELF], &days))
			return 0;
		civil_from_days(days + 1, out);
		return 1;
	case PHASE_CALIBRATION:
		if (parse_date(due[STORE_DUE_CALIBRATION], &days)) {
			civil_from_days(days, out);
			return 1;
		}
		if (!parse_date(due[STORE_DUE_MANAGER], &days))
			return 0;
		civil_from_days(days + 1, out);
		return 1;
	case PHASE_RELEASED:
		if (!parse_date(due[STORE_DUE_RELEASE], &days))
			return 0;
		civil_from_days(days, out);
		return 1;
	default:
		return 0;
	}
}

enum cycle_phase
cycle_phase_by_date(const char *const due[STORE_NDUE], const char *today)
{
	enum cycle_phase p, by = PHASE_SELF;
	char start[11];

	/* ISO dates compare as strings */
	for (p = PHASE_MANAGER; p <= PHASE_RELEASED; p++)
		if (cycle_phase_starts(due, p, start) && strcmp(start, today) <= 0)
			by = p;
	return by;
}

enum cycle_status
cycle_dates_check(const char *const due[STORE_NDUE], struct buf *why)
{
	char starts[PHASE__MAX][11], *last = NULL;
	enum cycle_phase p, last_phase = PHASE_SELF;
	size_t i;

	for (i = 0; i < STORE_NDUE; i++)
		if (due[i] != NULL && !cycle_date_valid(due[i])) {
			buf_printf(why, "%s '", due_names[i]);
			buf_add_text(why, due[i], 0);
			buf_puts(why, "' is not a date (YYYY-MM-DD)");
			return CYCLE_INVALID;
		}
	if (due[STORE_DUE_SELF] != NULL && due[STORE_DUE_MANAGER] != NULL &&
	    strcmp(due[STORE_DUE_SELF], due[STORE_DUE_MANAGER]) > 0) {
		buf_printf(why, "self-due %s is after manager-due %s", due[STORE_DUE_SELF],
		    due[STORE_DUE_MANAGER]);
		return CYCLE_INVALID;
	}
	for (p = PHASE_MANAGER; p <= PHASE_RELEASED; p++) {
		if (!cycle_phase_starts(due, p, starts[p]))
			continue;
		if (last != NULL && strcmp(last, starts[p]) >= 0) {
			buf_printf(why, "phase %s would start on %s, not after phase %s (%s)",
			    phase_names[p], starts[p], phase_names[last_phase], last);
			return CYCLE_INVALID;
		}
		last = starts[p];
		last_phase = p;
	}
	if (due[STORE_DUE_MANAGER] != NULL && cycle_phase_starts(due, PHASE_CALIBRATION,
	    starts[PHASE_CALIBRATION]) && strcmp(due[STORE_DUE_MANAGER],
	    starts[PHASE_CALIBRATION]) >= 0) {
		buf_printf(why, "manager-due %s is not before calibration starts (%s)",
		    due[STORE_DUE_MANAGER], starts[PHASE_CALIBRATION]);
		return CYCLE_INVALID;
	}
	return CYCLE_OK;
}

/* ---- reading a cycle ---- */

void
cycle_state_clear(struct cycle_state *cs)
{
	store_cycle_row_clear(&cs->row);
	free(cs->ladder_id);
	free(cs->version);
	memset(cs, 0, sizeof(*cs));
}

static const char *const *
row_dates(const struct store_cycle_row *row)
{
	return (const char *const *)row->due;
}

int
cycle_state_get(struct store *st, const char *id, struct cycle_state *cs)
{
	struct store_ladder l;
	char now[32];
	int got, p;

	memset(cs, 0, sizeof(*cs));
	store_now(now);
	memcpy(cs->today, now, 10);
	cs->today[10] = '\0';
	if ((got = store_cycle_get(st, id, &cs->row)) <= 0)
		return got;
	cs->exists = 1;
	if (cs->row.phase == NULL)
		return 0;
	if ((p = cycle_phase_parse(cs->row.phase)) < 0) {
		fprintf(stderr, "egf: cycle '%s' has an unknown phase in the database\n", id);
		return -1;
	}
	cs->opened = 1;
	cs->stored = (enum cycle_phase)p;
	cs->phase = cycle_phase_by_date(row_dates(&cs->row), cs->today);
	if (cs->phase < cs->stored)
		cs->phase = cs->stored;
	if ((got = store_ladder_get(st, cs->row.ladder, &l)) < 0)
		return -1;
	if (got) {
		cs->ladder_id = l.ladder;
		cs->version = l.version;
		l.ladder = l.version = NULL;
	}
	store_ladder_clear(&l);
	if ((cs->npeople = store_cycle_people_count(st, id)) < 0)
		return -1;
	return 0;
}

/*
 * Stores the phases the dates passed since the stored one, each with its
 * audit entry, inside the caller's transaction.
 */
static int
sync_dates(struct store *st, struct cycle_state *cs)
{
	enum cycle_phase p;
	char start[11];

	for (p = cs->stored + 1; cs->opened && p <= cs->phase; p++) {
		char *after;
		int rc;

		cycle_phase_starts(row_dates(&cs->row), p, start);
		after = xasprintf("%s (on its date, %s)", phase_names[p], start);
		rc = store_cycle_set_phase(st, cs->row.id, phase_names[p]) != 0 ||
		    store_audit_add(st, DATE_ACTOR, ACTION_MOVE, cs->row.id, phase_names[p - 1],
		    after) != 0;
		free(after);
		if (rc)
			return -1;
	}
	cs->stored = cs->phase;
	return 0;
}

/* Begins the transaction and reads the cycle with its dates stored; CYCLE_OK or an error. */
static enum cycle_status
begin_change(struct store *st, const char *id, struct cycle_state *cs, struct buf *why)
{
	memset(cs, 0, sizeof(*cs));
	if (store_begin(st) != 0)
		return CYCLE_ERROR;
	if (cycle_state_get(st, id, cs) != 0 || sync_dates(st, cs) != 0)
		return CYCLE_ERROR;
	if (!cs->exists) {
		buf_puts(why, "no cycle '");
		buf_add_text(why, id, 0);
		buf_puts(why, "'");
		return CYCLE_NOT_FOUND;
	}
	if (!cs->opened) {
		buf_puts(why, "cycle '");
		buf_add_text(why, id, 0);
		buf_puts(why, "' was never opened (egf cycle open): its forms are always open "
		    "and it has no phases");
		return CYCLE_CONFLICT;
	}
	return CYCLE_OK;
}

/* Commits on CYCLE_OK, else rolls back; returns the final status. */
static enum cycle_status
end_change(struct store *st, enum cycle_status rc)
{
	if (rc == CYCLE_OK && store_commit(st) != 0)
		rc = CYCLE_ERROR;
	store_rollback(st);
	return rc;
}

/* ---- changes ---- */

static int
valid_id(const char *id)
{
	const unsigned char *p = (const unsigned char *)id;

	if (!((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')))
		return 0;
	for (p++; *p != '\0'; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= 'a' && *p <= 'z') || *p == '.' || *p == '_' || *p == '-'))
			return 0;
	return 1;
}

static char *
describe_open(const struct cycle_open *o, const char *ladder, long long npeople)
{
	struct buf b = {0};
	size_t i;

	buf_printf(&b, "self; ladder %s %s; %lld people", ladder, o->version, npeople);
	for (i = 0; i < STORE_NDUE; i++)
		if (o->due[i] != NULL)
			buf_printf(&b, "; %s %s", due_names[i], o->due[i]);
	buf_printf(&b, " (by %s)", o->by);
	return buf_take(&b);
}

/* Puts the people of o into the cycle; CYCLE_OK, CYCLE_INVALID or CYCLE_ERROR. */
static enum cycle_status
add_people(struct store *st, const struct cycle_open *o, long long *n, struct buf *why)
{
	size_t i;

	if (o->people == NULL)
		return store_cycle_people_all(st, o->id, n) == 0 ? CYCLE_OK : CYCLE_ERROR;
	for (i = 0; i < o->npeople; i++) {
		struct store_person p;
		int got = store_person_get(st, o->people[i], &p);

		store_person_clear(&p);
		if (got < 0)
			return CYCLE_ERROR;
		if (got == 0) {
			buf_puts(why, "no person '");
			buf_add_text(why, o->people[i], 0);
			buf_puts(why, "' in the database");
			return CYCLE_INVALID;
		}
		if (store_cycle_person_add(st, o->id, o->people[i]) != 0)
			return CYCLE_ERROR;
	}
	if ((*n = store_cycle_people_count(st, o->id)) < 0)
		return CYCLE_ERROR;
	return CYCLE_OK;
}

enum cycle_status
cycle_phase_open(struct store *st, const struct cycle_open *o, struct buf *why)
{
	struct store_cycle_row row;
	struct store_ladder l, latest;
	struct cycle_state cs;
	enum cycle_status rc;
	const char *ladder = o->ladder;
	long long npeople = 0;
	char *after;
	int got;
	size_t i;

	if (!valid_id(o->id) || strlen(o->id) > 200) {
		buf_puts(why, "a cycle id matches [A-Za-z0-9][A-Za-z0-9._-]* (at most 200 bytes)");
		return CYCLE_INVALID;
	}
	if ((rc = cycle_dates_check(o->due, why)) != CYCLE_OK)
		return rc;
	memset(&l, 0, sizeof(l));
	memset(&latest, 0, sizeof(latest));
	memset(&cs, 0, sizeof(cs));
	if (store_begin(st) != 0)
		return CYCLE_ERROR;
	rc = CYCLE_ERROR;
	if (ladder == NULL) {
		if ((got = store_ladder_latest(st, &latest)) < 0)
			goto out;
		if (got == 0) {
			buf_puts(why, "no ladder is published yet (egf publish)");
			rc = CYCLE_NOT_FOUND;
			goto out;
		}
		ladder = latest.ladder;
	}
	if ((got = store_ladder_find(st, ladder, o->version, &l)) < 0)
		goto out;
	if (got == 0) {
		buf_puts(why, "version '");
		buf_add_text(why, o->version, 0);
		buf_puts(why, "' of ladder '");
		buf_add_text(why, ladder, 0);
		buf_puts(why, "' is not published (egf publish)");
		rc = CYCLE_NOT_FOUND;
		goto out;
	}
	if (cycle_state_get(st, o->id, &cs) != 0)
		goto out;
	if (cs.opened) {
		buf_printf(why, "cycle '%s' is already open (phase %s)", o->id,
		    phase_names[cs.phase]);
		rc = CYCLE_CONFLICT;
		goto out;
	}
	memset(&row, 0, sizeof(row));
	row.id = (char *)o->id;
	row.ladder = l.rowid;
	row.phase = (char *)phase_names[PHASE_SELF];
	for (i = 0; i < STORE_NDUE; i++)
		row.due[i] = (char *)o->due[i];
	row.opened_by = (char *)o->by;
	if (store_cycle_open(st, &row) != 1)
		goto out;
	if ((rc = add_people(st, o, &npeople, why)) != CYCLE_OK)
		goto out;
	rc = CYCLE_ERROR;
	after = describe_open(o, l.ladder, npeople);
	got = store_audit_add(st, o->by, ACTION_OPEN, o->id, NULL, after);
	free(after);
	if (got != 0)
		goto out;
	cycle_state_clear(&cs);
	if (cycle_state_get(st, o->id, &cs) != 0 || sync_dates(st, &cs) != 0)
		goto out;
	rc = CYCLE_OK;
out:
	cycle_state_clear(&cs);
	store_ladder_clear(&l);
	store_ladder_clear(&latest);
	return end_change(st, rc);
}

enum cycle_status
cycle_phase_move(struct store *st, const char *id, enum cycle_phase to, const char *by,
    enum cycle_phase *from, struct buf *why)
{
	struct cycle_state cs;
	enum cycle_status rc;
	char *after;

	if ((rc = begin_change(st, id, &cs, why)) != CYCLE_OK)
		goto out;
	*from = cs.phase;
	if (to <= cs.phase) {
		buf_printf(why, "cycle '%s' is in phase %s already%s", id, phase_names[cs.phase],
		    to < cs.phase ? "; phases only move forward" : "");
		rc = CYCLE_CONFLICT;
		goto out;
	}
	if (to > cs.phase + 1) {
		buf_printf(why, "cycle '%s' is in phase %s: the next phase is %s (phases move "
		    "forward one at a time)", id, phase_names[cs.phase], phase_names[cs.phase + 1]);
		rc = CYCLE_CONFLICT;
		goto out;
	}
	after = xasprintf("%s (by %s)", phase_names[to], by);
	rc = store_cycle_set_phase(st, id, phase_names[to]) != 0 ||
	    store_audit_add(st, by, ACTION_MOVE, id, phase_names[cs.phase], after) != 0 ?
	    CYCLE_ERROR : CYCLE_OK;
	free(after);
out:
	cycle_state_clear(&cs);
	return end_change(st, rc);
}

/* Whether person exists in the store and is one of the cycle's people. */
static enum cycle_status
check_form_people(struct store *st, const char *id, const char *person, const char *rater,
    struct buf *why)
{
	const char *who[2] = { person, rater };
	size_t i;
	int got;

	for (i = 0; i < 2; i++) {
		struct store_person p;

		got = store_person_get(st, who[i], &p);
		store_person_clear(&p);
		if (got < 0)
			return CYCLE_ERROR;
		if (got == 0) {
			buf_puts(why, "no person '");
			buf_add_text(why, who[i], 0);
			buf_puts(why, "' in the database");
			return CYCLE_INVALID;
		}
	}
	if ((got = store_cycle_has_person(st, id, person)) <= 0) {
		if (got == 0) {
			buf_puts(why, "'");
			buf_add_text(why, person, 0);
			buf_printf(why, "' is not one of the people of cycle '%s'", id);
		}
		return got < 0 ? CYCLE_ERROR : CYCLE_INVALID;
	}
	return CYCLE_OK;
}

enum cycle_status
cycle_phase_reopen(struct store *st, const char *id, const char *person, const char *role,
    const char *rater, const char *by, struct buf *why)
{
	struct store_reopening r;
	struct cycle_state cs;
	enum cycle_status rc;
	char *after;
	int got;

	if (strcmp(role, "self") != 0 && strcmp(role, "manager") != 0 &&
	    strcmp(role, "peer") != 0) {
		buf_puts(why, "a form's role is self, manager or peer");
		return CYCLE_INVALID;
	}
	if ((strcmp(role, "self") == 0) != (strcmp(person, rater) == 0)) {
		buf_puts(why, strcmp(role, "self") == 0 ? "a self-assessment's rater is the person" :
		    "only a self-assessment has the person as its rater");
		return CYCLE_INVALID;
	}
	if ((rc = begin_change(st, id, &cs, why)) != CYCLE_OK)
		goto out;
	if (cs.phase < PHASE_CALIBRATION || cs.phase == PHASE_CLOSED) {
		buf_printf(why, cs.phase == PHASE_CLOSED ? "cycle '%s' is closed: its forms stay "
		    "locked" : "cycle '%s' is in phase %s: its forms are open, none needs "
		    "reopening", id, phase_names[cs.phase]);
		rc = CYCLE_CONFLICT;
		goto out;
	}
	if ((rc = check_form_people(st, id, person, rater, why)) != CYCLE_OK)
		goto out;
	r.cycle = id;
	r.person = person;
	r.rater = rater;
	r.role = role;
	r.by = by;
	r.at = NULL;
	rc = CYCLE_ERROR;
	if ((got = store_reopening_add(st, &r)) < 0)
		goto out;
	if (got == 0) {
		buf_printf(why, "that form is reopened already: it can be submitted once");
		rc = CYCLE_CONFLICT;
		goto out;
	}
	{
		char *subject = xasprintf("%s/%s", id, person);

		after = xasprintf("%s form by %s (by %s)", role, rater, by);
		got = store_audit_add(st, by, ACTION_REOPEN, subject, phase_names[cs.phase],
		    after);
		free(after);
		free(subject);
	}
	rc = got == 0 ? CYCLE_OK : CYCLE_ERROR;
out:
	cycle_state_clear(&cs);
	return end_change(st, rc);
}

/* ---- forms ---- */

int
cycle_phase_form(struct store *st, const char *cycle, const char *person, const char *role,
    const char *rater, long long ladder, enum cycle_form *out, struct cycle_state *cs)
{
	char *reopened = NULL;
	int got;

	*out = CYCLE_FORM_OPEN;
	if (cycle_state_get(st, cycle, cs) != 0)
		return -1;
	if (!cs->opened)
		return 0;
	if (cs->phase >= PHASE_CALIBRATION) {
		*out = CYCLE_FORM_LOCKED;
		if (cs->phase == PHASE_CLOSED || rater == NULL || role == NULL)
			return 0;
		if ((got = store_reopening_get(st, cycle, person, rater, &reopened)) < 0)
			return -1;
		if (got && strcmp(reopened, role) == 0)
			*out = CYCLE_FORM_REOPENED;
		free(reopened);
		if (*out == CYCLE_FORM_LOCKED)
			return 0;
	}
	if ((got = store_cycle_has_person(st, cycle, person)) < 0)
		return -1;
	if (got == 0)
		*out = CYCLE_FORM_NOT_IN_CYCLE;
	else if (ladder != 0 && ladder != cs->row.ladder)
		*out = CYCLE_FORM_OTHER_LADDER;
	return 0;
}

int
cycle_phase_is_locked(struct store *st, const char *cycle, const char *person,
    const char *role)
{
	struct cycle_state cs;
	enum cycle_form how;
	int rc = cycle_phase_form(st, cycle, person, role, NULL, 0, &how, &cs);

	cycle_state_clear(&cs);
	if (rc != 0)
		return -1;
	return how == CYCLE_FORM_LOCKED;
}

int
cycle_phase_form_stored(struct store *st, const char *cycle, const char *person,
    const char *role, const char *rater, int revision, enum cycle_form how)
{
	char *subject, *after;
	int rc;

	if (how != CYCLE_FORM_REOPENED)
		return 0;
	if (store_reopening_delete(st, cycle, person, rater) != 0)
		return -1;
	subject = xasprintf("%s/%s", cycle, person);
	after = xasprintf("%s form by %s (revision %d)", role, rater, revision);
	rc = store_audit_add(st, rater, ACTION_RESUBMIT, subject, NULL, after);
	free(subject);
	free(after);
	return rc;
}

int
cycle_phase_released(struct store *st, const char *cycle)
{
	struct cycle_state cs;
	int rc = cycle_state_get(st, cycle, &cs);

	if (rc == 0)
		rc = cs.opened && cs.phase >= PHASE_RELEASED;
	cycle_state_clear(&cs);
	return rc;
}

/* ---- show ---- */

struct show {
	struct jw *w;	/* NULL: text */
	struct buf *out;
	const char *id;
};

static int
is_cycle_action(const char *action)
{
	return strcmp(action, ACTION_OPEN) == 0 || strcmp(action, ACTION_MOVE) == 0 ||
	    strcmp(action, ACTION_REOPEN) == 0 || strcmp(action, ACTION_RESUBMIT) == 0;
}

static int
show_history(const struct store_audit *a, void *arg)
{
	struct show *sh = arg;

	if (!is_cycle_action(a->action))
		return 0;
	if (sh->w != NULL) {
		jw_object_begin(sh->w);
		jw_key(sh->w, "at");
		jw_string(sh->w, a->at);
		jw_key(sh->w, "actor");
		jw_string(sh->w, a->actor);
		jw_key(sh->w, "action");
		jw_string(sh->w, a->action);
		jw_key(sh->w, "subject");
		jw_string(sh->w, a->subject);
		jw_key(sh->w, "before");
		jw_string(sh->w, a->before);
		jw_key(sh->w, "after");
		jw_string(sh->w, a->after);
		jw_object_end(sh->w);
		return 0;
	}
	buf_puts(sh->out, "  ");
	buf_add_text(sh->out, a->at, 0);
	buf_putc(sh->out, ' ');
	buf_add_text(sh->out, a->action, 0);
	buf_putc(sh->out, ' ');
	buf_add_text(sh->out, a->subject, 0);
	buf_puts(sh->out, ": ");
	buf_add_text(sh->out, a->before ? a->before : "(none)", 0);
	buf_puts(sh->out, " -> ");
	buf_add_text(sh->out, a->after ? a->after : "(none)", 0);
	buf_putc(sh->out, '\n');
	return 0;
}

static int
show_reopening(const struct store_reopening *r, void *arg)
{
	struct show *sh = arg;

	if (sh->w != NULL) {
		jw_object_begin(sh->w);
		jw_key(sh->w, "person");
		jw_string(sh->w, r->person);
		jw_key(sh->w, "role");
		jw_string(sh->w, r->role);
		jw_key(sh->w, "rater");
		jw_string(sh->w, r->rater);
		jw_key(sh->w, "by");
		jw_string(sh->w, r->by);
		jw_key(sh->w, "at");
		jw_string(sh->w, r->at);
		jw_object_end(sh->w);
		return 0;
	}
	buf_puts(sh->out, "  ");
	buf_add_text(sh->out, r->person, 0);
	buf_printf(sh->out, ": %s form by ", r->role);
	buf_add_text(sh->out, r->rater, 0);
	buf_puts(sh->out, " (reopened by ");
	buf_add_text(sh->out, r->by, 0);
	buf_printf(sh->out, ", %s)\n", r->at);
	return 0;
}

static int
show_person(const char *person, void *arg)
{
	jw_string(((struct show *)arg)->w, person);
	return 0;
}

static int
show_json(struct store *st, const struct cycle_state *cs, struct show *sh)
{
	struct jw *w = sh->w;
	char start[11];
	size_t i;

	jw_object_begin(w);
	jw_key(w, "id");
	jw_string(w, sh->id);
	jw_key(w, "opened");
	jw_bool(w, cs->opened);
	jw_key(w, "phase");
	jw_string(w, cs->opened ? phase_names[cs->phase] : NULL);
	jw_key(w, "locked");
	jw_bool(w, cs->opened && cs->phase >= PHASE_CALIBRATION);
	jw_key(w, "released");
	jw_bool(w, cs->opened && cs->phase >= PHASE_RELEASED);
	jw_key(w, "today");
	jw_string(w, cs->today);
	if (cs->opened) {
		jw_key(w, "ladder");
		jw_string(w, cs->ladder_id);
		jw_key(w, "version");
		jw_string(w, cs->version);
		jw_key(w, "opened_at");
		jw_string(w, cs->row.opened_at);
		jw_key(w, "opened_by");
		jw_string(w, cs->row.opened_by);
		jw_key(w, "dates");
		jw_object_begin(w);
		for (i = 0; i < STORE_NDUE; i++) {
			jw_key(w, due_names[i]);
			jw_string(w, cs->row.due[i]);
		}
		jw_object_end(w);
		jw_key(w, "next");
		if (cs->phase + 1 < PHASE__MAX) {
			jw_object_begin(w);
			jw_key(w, "phase");
			jw_string(w, phase_names[cs->phase + 1]);
			jw_key(w, "on");
			jw_string(w, cycle_phase_starts(row_dates(&cs->row), cs->phase + 1,
			    start) ? start : NULL);
			jw_object_end(w);
		} else
			jw_null(w);
		jw_key(w, "people");
		jw_array_begin(w);
		if (store_cycle_people_each(st, sh->id, show_person, sh) != 0)
			return -1;
		jw_array_end(w);
		jw_key(w, "reopened");
		jw_array_begin(w);
		if (store_reopenings_each(st, sh->id, show_reopening, sh) != 0)
			return -1;
		jw_array_end(w);
		jw_key(w, "history");
		jw_array_begin(w);
		if (store_audit_each(st, sh->id, show_history, sh) != 0)
			return -1;
		jw_array_end(w);
	}
	jw_object_end(w);
	buf_putc(sh->out, '\n');
	return 0;
}

static int
show_text(struct store *st, const struct cycle_state *cs, struct show *sh)
{
	struct buf *b = sh->out;
	char start[11];
	size_t i;

	buf_puts(b, "cycle ");
	buf_add_text(b, sh->id, 0);
	if (!cs->opened) {
		buf_puts(b, ": never opened (forms always accepted, no phases, never released)\n");
		return 0;
	}
	buf_printf(b, ": phase %s%s\n", phase_names[cs->phase],
	    cs->phase >= PHASE_RELEASED ? " (results released)" :
	    cs->phase >= PHASE_CALIBRATION ? " (forms locked)" : " (forms open)");
	buf_puts(b, "ladder: ");
	buf_add_text(b, cs->ladder_id, 0);
	buf_putc(b, ' ');
	buf_add_text(b, cs->version, 0);
	buf_printf(b, "\npeople: %lld\nopened: %s by ", cs->npeople, cs->row.opened_at);
	buf_add_text(b, cs->row.opened_by, 0);
	buf_puts(b, "\ndates:\n");
	for (i = 0; i < STORE_NDUE; i++)
		buf_printf(b, "  %-12s %s\n", due_names[i], cs->row.due[i] ? cs->row.due[i] : "-");
	if (cs->phase + 1 < PHASE__MAX) {
		buf_printf(b, "next: %s", phase_names[cs->phase + 1]);
		if (cycle_phase_starts(row_dates(&cs->row), cs->phase + 1, start))
			buf_printf(b, " on %s", start);
		else
			buf_puts(b, " by hand (egf cycle phase)");
		buf_putc(b, '\n');
	}
	buf_puts(b, "reopened forms:\n");
	i = b->len;
	if (store_reopenings_each(st, sh->id, show_reopening, sh) != 0)
		return -1;
	if (b->len == i)
		buf_puts(b, "  (none)\n");
	buf_puts(b, "history:\n");
	return store_audit_each(st, sh->id, show_history, sh);
}

enum cycle_status
cycle_phase_show(struct store *st, const char *id, int json, struct buf *out, struct buf *why)
{
	struct jw w;
	struct cycle_state cs;
	struct show sh;
	int rc;

	if (cycle_state_get(st, id, &cs) != 0) {
		cycle_state_clear(&cs);
		return CYCLE_ERROR;
	}
	if (!cs.exists) {
		buf_puts(why, "no cycle '");
		buf_add_text(why, id, 0);
		buf_puts(why, "'");
		cycle_state_clear(&cs);
		return CYCLE_NOT_FOUND;
	}
	sh.w = NULL;
	sh.out = out;
	sh.id = id;
	if (json) {
		jw_init(&w, out, 4);
		sh.w = &w;
		rc = show_json(st, &cs, &sh);
	} else
		rc = show_text(st, &cs, &sh);
	cycle_state_clear(&cs);
	return rc == 0 ? CYCLE_OK : CYCLE_ERROR;
}
