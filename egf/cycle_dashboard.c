/* cycle_dashboard.c: hr's view of a cycle's progress (cycle_dashboard.h). */
#include "cycle_dashboard.h"

#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "html.h"
#include "json_text.h"
#include "store_cycle.h"

/* A peer asked and not answered yet; read first, joined to the people as they come. */
struct unanswered {
	char *person, *peer;
};

struct load {
	struct cycle_dashboard *d;
	struct unanswered *un;
	size_t nun, un_cap;
};

static int
add_unanswered(const char *person, const char *peer, void *arg)
{
	struct load *l = arg;

	xgrow((void **)&l->un, &l->un_cap, l->nun + 1, sizeof(*l->un));
	l->un[l->nun].person = xstrdup(person);
	l->un[l->nun].peer = xstrdup(peer);
	l->nun++;
	return 0;
}

static void
count(struct dash_team *t, const struct store_cycle_progress *p)
{
	t->people++;
	t->self_done += p->self_done != 0;
	t->manager_done += p->manager_done != 0;
	t->peers_asked += p->peers_asked;
	t->peers_answered += p->peers_answered < p->peers_asked ? p->peers_answered :
	    p->peers_asked;
}

static struct dash_late *
late(struct cycle_dashboard *d, const struct store_cycle_progress *p, const char *form,
    enum store_due due, const char *owed_by)
{
	struct dash_late *l;

	xgrow((void **)&d->late, &d->late_cap, d->nlate + 1, sizeof(*d->late));
	l = &d->late[d->nlate++];
	l->person = xstrdup(p->person);
	l->name = p->name ? xstrdup(p->name) : NULL;
	l->team = p->team ? xstrdup(p->team) : NULL;
	l->manager = p->manager ? xstrdup(p->manager) : NULL;
	l->form = form;
	l->due = d->cs.row.due[due];
	l->due_name = cycle_due_name(due);
	l->days = cycle_days_between(l->due, d->cs.today);
	l->owed_by = owed_by ? xstrdup(owed_by) : NULL;
	return l;
}

/* Whether the due date is given and today is after it. */
static int
overdue(const struct cycle_dashboard *d, enum store_due due)
{
	const char *day = d->cs.row.due[due];

	return day != NULL && strcmp(d->cs.today, day) > 0;
}

static int
add_person(const struct store_cycle_progress *p, void *arg)
{
	struct load *l = arg;
	struct cycle_dashboard *d = l->d;
	const char *team = p->team ? p->team : "";
	size_t i;

	if (d->nteams == 0 || strcmp(d->teams[d->nteams - 1].team, team) != 0) {
		xgrow((void **)&d->teams, &d->teams_cap, d->nteams + 1, sizeof(*d->teams));
		memset(&d->teams[d->nteams], 0, sizeof(d->teams[0]));
		d->teams[d->nteams++].team = xstrdup(team);
	}
	count(&d->teams[d->nteams - 1], p);
	count(&d->total, p);
	if (!p->self_done && overdue(d, STORE_DUE_SELF))
		late(d, p, "self", STORE_DUE_SELF, p->person);
	if (!p->manager_done && overdue(d, STORE_DUE_MANAGER))
		late(d, p, "manager", STORE_DUE_MANAGER, p->manager);
	if (overdue(d, STORE_DUE_MANAGER))
		for (i = 0; i < l->nun; i++)
			if (strcmp(l->un[i].person, p->person) == 0)
				late(d, p, "peer", STORE_DUE_MANAGER, l->un[i].peer);
	return 0;
}

static int
add_day(const char *day, long long self, long long manager, long long peer, void *arg)
{
	struct cycle_dashboard *d = arg;
	struct dash_day *dd;

	xgrow((void **)&d->days, &d->days_cap, d->ndays + 1, sizeof(*d->days));
	dd = &d->days[d->ndays++];
	snprintf(dd->day, sizeof(dd->day), "%.10s", day ? day : "");
	dd->self = self;
	dd->manager = manager;
	dd->peer = peer;
	return 0;
}

int
cycle_dashboard_load(struct store *st, const char *cycle, struct cycle_dashboard *d)
{
	struct load l;
	size_t i;
	int rc = -1;

	memset(d, 0, sizeof(*d));
	memset(&l, 0, sizeof(l));
	l.d = d;
	d->total.team = xstrdup("");
	if (cycle_state_get(st, cycle, &d->cs) != 0)
		return -1;
	if (!d->cs.opened)
		return 0;
	if (store_cycle_unanswered_each(st, cycle, add_unanswered, &l) == 0 &&
	    store_cycle_progress_each(st, cycle, add_person, &l) == 0 &&
	    store_cycle_submissions_each(st, cycle, add_day, d) == 0)
		rc = 1;
	for (i = 0; i < l.nun; i++) {
		free(l.un[i].person);
		free(l.un[i].peer);
	}
	free(l.un);
	return rc;
}

void
cycle_dashboard_clear(struct cycle_dashboard *d)
{
	size_t i;

	for (i = 0; i < d->nteams; i++)
		free(d->teams[i].team);
	free(d->teams);
	free(d->total.team);
	for (i = 0; i < d->nlate; i++) {
		free(d->late[i].person);
		free(d->late[i].name);
		free(d->late[i].team);
		free(d->late[i].manager);
		free(d->late[i].owed_by);
	}
	free(d->late);
	free(d->days);
	cycle_state_clear(&d->cs);
	memset(d, 0, sizeof(*d));
}

/* ---- JSON ---- */

static void
json_counts(struct jw *w, const struct dash_team *t)
{
	static const char *const keys[] = { "people", "self_submitted", "manager_done",
	    "peers_asked", "peers_answered" };
	const long long vals[] = { t->people, t->self_done, t->manager_done, t->peers_asked,
	    t->peers_answered };
	size_t i;

	for (i = 0; i < 5; i++) {
		jw_key(w, keys[i]);
		jw_int(w, vals[i]);
	}
}

static void
json_str(struct jw *w, const char *key, const char *value)
{
	jw_key(w, key);
	jw_string(w, value);
}

void
cycle_dashboard_json(const struct cycle_dashboard *d, struct buf *out)
{
	struct jw w;
	long long cum[3] = { 0, 0, 0 };
	size_t i;

	jw_init(&w, out, 4);
	jw_object_begin(&w);
	json_str(&w, "cycle", d->cs.row.id);
	json_str(&w, "phase", d->cs.opened ? cycle_phase_name(d->cs.phase) : NULL);
	json_str(&w, "today", d->cs.today);
	jw_key(&w, "total");
	jw_object_begin(&w);
	json_counts(&w, &d->total);
	jw_object_end(&w);
	jw_key(&w, "teams");
	jw_array_begin(&w);
	for (i = 0; i < d->nteams; i++) {
		jw_object_begin(&w);
		json_str(&w, "team", d->teams[i].team);
		json_counts(&w, &d->teams[i]);
		jw_object_end(&w);
	}
	jw_array_end(&w);
	jw_key(&w, "late");
	jw_array_begin(&w);
	for (i = 0; i < d->nlate; i++) {
		const struct dash_late *l = &d->late[i];

		jw_object_begin(&w);
		json_str(&w, "person", l->person);
		json_str(&w, "name", l->name);
		json_str(&w, "team", l->team);
		json_str(&w, "manager", l->manager);
		json_str(&w, "form", l->form);
		json_str(&w, "due", l->due);
		json_str(&w, "due_date", l->due_name);
		jw_key(&w, "days_late");
		jw_int(&w, l->days);
		json_str(&w, "owed_by", l->owed_by);
		jw_object_end(&w);
	}
	jw_array_end(&w);
	jw_key(&w, "progress");
	jw_array_begin(&w);
	for (i = 0; i < d->ndays; i++) {
		const struct dash_day *dd = &d->days[i];

		cum[0] += dd->self;
		cum[1] += dd->manager;
		cum[2] += dd->peer;
		jw_object_begin(&w);
		json_str(&w, "day", dd->day);
		jw_key(&w, "self");
		jw_int(&w, dd->self);
		jw_key(&w, "manager");
		jw_int(&w, dd->manager);
		jw_key(&w, "peer");
		jw_int(&w, dd->peer);
		jw_key(&w, "total");
		jw_int(&w, cum[0] + cum[1] + cum[2]);
		jw_object_end(&w);
	}
	jw_array_end(&w);
	jw_object_end(&w);
	buf_putc(out, '\n');
}

/* ---- CSV ---- */

void
cycle_dashboard_late_csv(const struct cycle_dashboard *d, struct buf *out)
{
	size_t i;

	buf_puts(out, "person,name,team,manager,form,due,days_late,owed_by\r\n");
	for (i = 0; i < d->nlate; i++) {
		const struct dash_late *l = &d->late[i];
		const char *cells[6] = { l->person, l->name, l->team, l->manager, l->form, l->due };
		char days[24];
		size_t j;

		for (j = 0; j < 6; j++) {
			csv_cell(out, cells[j] ? cells[j] : "", 1);
			buf_putc(out, ',');
		}
		snprintf(days, sizeof(days), "%ld", l->days);
		csv_cell(out, days, 1);
		buf_putc(out, ',');
		csv_cell(out, l->owed_by ? l->owed_by : "", 1);
		buf_puts(out, "\r\n");
	}
}

/* ---- the chart ---- */

#define SVG_W 560.0
#define SVG_H 180.0
#define SVG_LEFT 40.0
#define SVG_TOP 12.0
#define SVG_BOTTOM 30.0

static double
x_of(long day, long span)
{
	return SVG_LEFT + (span > 0 ? (double)day / (double)span : 0.5) * (SVG_W - SVG_LEFT - 10);
}

static double
y_of(long long n, long long max)
{
	double plot = SVG_H - SVG_TOP - SVG_BOTTOM;

	return SVG_TOP + plot - (max > 0 ? (double)n / (double)max * plot : 0);
}

void
cycle_dashboard_svg(const struct cycle_dashboard *d, struct buf *out)
{
	static const char *const roles[3] = { "self", "manager", "peer" };
	static const char *const colours[3] = { "#1f77b4", "#d62728", "#2ca02c" };
	const char *first, *last;
	long long max = 0, cum;
	long span;
	size_t i, k;

	buf_printf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"progress\" "
	    "width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" "
	    "aria-label=\"Forms stored per role, cumulative, by day\">\n", SVG_W, SVG_H,
	    SVG_W, SVG_H);
	if (d->ndays == 0) {
		buf_printf(out, "<text x=\"%.0f\" y=\"%.0f\">No form stored yet</text>\n</svg>\n",
		    SVG_LEFT, SVG_H / 2);
		return;
	}
	first = d->days[0].day;
	last = strcmp(d->cs.today, d->days[d->ndays - 1].day) > 0 ? d->cs.today :
	    d->days[d->ndays - 1].day;
	/* a day's forms are counted at its end: the axis runs from the start
	 * of the first day to the end of the last, one day wide at the least */
	span = cycle_days_between(first, last) + 1;
	for (k = 0; k < 3; k++) {
		cum = 0;
		for (i = 0; i < d->ndays; i++)
			cum += k == 0 ? d->days[i].self : k == 1 ? d->days[i].manager :
			    d->days[i].peer;
		if (cum > max)
			max = cum;
	}
	buf_printf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#888\"/>\n",
	    SVG_LEFT, y_of(0, max), SVG_W - 10, y_of(0, max));
	buf_printf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#888\"/>\n",
	    SVG_LEFT, SVG_TOP, SVG_LEFT, y_of(0, max));
	buf_printf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%lld</text>\n",
	    SVG_LEFT - 4, SVG_TOP + 4, max);
	buf_printf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">0</text>\n",
	    SVG_LEFT - 4, y_of(0, max) + 4);
	html_wrap(out, "<text x=\"40\" y=\"172\">", first, "</text>\n");
	buf_printf(out, "<text x=\"%.1f\" y=\"172\" text-anchor=\"end\">", SVG_W - 10);
	html_escape(out, last);
	buf_puts(out, "</text>\n");
	for (k = 0; k < 3; k++) {
		cum = 0;
		buf_printf(out, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"",
		    colours[k]);
		buf_printf(out, "%.1f,%.1f", x_of(0, span), y_of(0, max));
		for (i = 0; i < d->ndays; i++) {
			long day = cycle_days_between(first, d->days[i].day);

			cum += k == 0 ? d->days[i].self : k == 1 ? d->days[i].manager :
			    d->days[i].peer;
			buf_printf(out, " %.1f,%.1f", x_of(day + 1, span), y_of(cum, max));
		}
		buf_printf(out, " %.1f,%.1f\"><title>%s: %lld</title></polyline>\n",
		    x_of(span, span), y_of(cum, max), roles[k], cum);
		buf_printf(out, "<text x=\"%.1f\" y=\"%.1f\" fill=\"%s\">%s %lld</text>\n",
		    SVG_LEFT + 8 + 110.0 * (double)k, SVG_TOP + 10, colours[k], roles[k], cum);
	}
	buf_puts(out, "</svg>\n");
}
