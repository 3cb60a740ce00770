/*
 * cycle_dashboard.h: hr's view of an opened cycle's progress (docs/cycles.md):
 * completion per team and phase, who is late against which due date, and
 * the forms stored per day. Read once from the store; rendered as JSON, as
 * the CSV of the late list (cells neutralised) and as an SVG chart.
 *
 * Late, on the cycle's day today: a self-assessment missing after self-due;
 * a manager assessment missing after manager-due (owed by the person's
 * manager); a peer asked (egf serve's peer requests) who has not answered
 * after manager-due (peer feedback is due with the manager's assessment).
 * Without the due date, nothing of that kind is late.
 */
#ifndef EGF_CYCLE_DASHBOARD_H
#define EGF_CYCLE_DASHBOARD_H

#include "cycle_phase.h"

/* Completion of one team (or of everyone: the total). */
struct dash_team {
	char *team;		/* owned; "" for people without a team */
	long long people, self_done, manager_done, peers_asked, peers_answered;
};

struct dash_late {
	char *person, *name, *team, *manager;	/* owned; NULL-able but person */
	const char *form;	/* "self", "manager" or "peer" (static) */
	const char *due;	/* the due date (borrowed from the dashboard's state) */
	const char *due_name;	/* "self-due" or "manager-due" (static) */
	long days;		/* days late */
	char *owed_by;		/* owned: who is to send the form; NULL when nobody is named */
};

struct dash_day {
	char day[11];
	long long self, manager, peer;	/* forms stored that day */
};

struct cycle_dashboard {
	struct cycle_state cs;	/* the cycle as read */
	struct dash_team *teams;	/* by team */
	size_t nteams, teams_cap;
	struct dash_team total;
	struct dash_late *late;	/* by team, person, then self, manager, peer */
	size_t nlate, late_cap;
	struct dash_day *days;	/* oldest first */
	size_t ndays, days_cap;
};

/*
 * Reads the dashboard of cycle into *d (free with cycle_dashboard_clear
 * either way). Returns 1, 0 when the cycle does not exist or was never
 * opened (it has no people nor due dates), or -1 on a database error.
 */
int cycle_dashboard_load(struct store *st, const char *cycle, struct cycle_dashboard *d);
void cycle_dashboard_clear(struct cycle_dashboard *d);

/* The dashboard as one JSON object (docs/cycles.md), appended to out. */
void cycle_dashboard_json(const struct cycle_dashboard *d, struct buf *out);
/*
 * The late list as CSV with the header person,name,team,manager,form,due,
 * days_late,owed_by; every cell neutralised (csv.h) so a spreadsheet runs
 * no formula from a name.
 */
void cycle_dashboard_late_csv(const struct cycle_dashboard *d, struct buf *out);
/*
 * The forms stored per day, cumulative per role, as an inline SVG chart
 * (no script, no style attribute), appended to out; text escaped.
 */
void cycle_dashboard_svg(const struct cycle_dashboard *d, struct buf *out);

#endif
