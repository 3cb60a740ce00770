/*
 * calib_view.c: rendering the calibration report. Text fits 100 columns;
 * CSV has one row per person and neutralises formula-like cells; JSON
 * carries everything; HTML is one self-contained page with inline SVG
 * charts and no script.
 */
#include "calib_view.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "assess_view.h"
#include "csv.h"
#include "html.h"
#include "json_text.h"
#include "outcomes.h"

const char *const calib_format_names[] = { "text", "csv", "json", "html", NULL };

static const char *
or_empty(const char *s)
{
	return s ? s : "";
}

static const char *
flag_name(int flag)
{
	return flag > 0 ? "lenient" : flag < 0 ? "severe" : "";
}

/* "0.85" or "-" when the value is missing; never "-0.00". */
static void
num(char *out, size_t n, double v, int have, const char *fmt)
{
	if (!have || isnan(v)) {
		snprintf(out, n, "-");
		return;
	}
	snprintf(out, n, fmt, v);
	if (out[0] == '-' && strspn(out + 1, "0.") == strlen(out + 1))
		snprintf(out, n, fmt, 0.0);
}

static void
slice_text(struct buf *b, const struct calib_slice *s)
{
	int any = 0;

	if (s->team)
		buf_printf(b, "%steam %s", any++ ? ", " : " (", s->team);
	if (s->manager)
		buf_printf(b, "%smanager %s", any++ ? ", " : " (", s->manager);
	if (s->level)
		buf_printf(b, "%slevel %s", any++ ? ", " : " (", s->level);
	if (s->target)
		buf_printf(b, "%starget %s", any++ ? ", " : " (", s->target);
	if (any)
		buf_putc(b, ')');
}

/* ---- text ---- */

static void
text_people(struct buf *b, const struct calib_report *r)
{
	size_t i;
	int role;

	buf_puts(b, "\nPeople (share of target expectations met / mean rating)\n");
	buf_puts(b, "person     name            level target self      manager   peer      "
	    "gap    verdict    decision\n");
	for (i = 0; i < r->npeople; i++) {
		const struct calib_person *cp = &r->people[i];
		char cell[32];

		view_pad(b, cp->p->info.id, 10);
		buf_putc(b, ' ');
		view_pad(b, or_empty(cp->p->info.name), 15);
		buf_putc(b, ' ');
		view_pad(b, or_empty(cp->p->info.level), 5);
		buf_putc(b, ' ');
		view_pad(b, cp->p->target->id, 6);
		for (role = 0; role < ROLE__MAX; role++) {
			if (cp->has[role])
				snprintf(cell, sizeof(cell), "%.2f/%.2f", cp->share[role], cp->mean[role]);
			else
				snprintf(cell, sizeof(cell), "-");
			buf_putc(b, ' ');
			view_pad(b, cell, 9);
		}
		num(cell, sizeof(cell), cp->gap, 1, "%+.3f");
		buf_putc(b, ' ');
		view_pad(b, cell, 6);
		buf_putc(b, ' ');
		view_pad(b, assess_verdict_name(cp->p->readiness.verdict), 10);
		buf_putc(b, ' ');
		buf_printf(b, "%s\n", cp->decision ? cp->decision : "-");
	}
}

static void
text_raters(struct buf *b, const struct calib_report *r)
{
	size_t i;
	char mean[32];

	num(mean, sizeof(mean), r->org_mean, 1, "%.3f");
	buf_printf(b, "\nRaters (managers): mean rating given, z against the raters of this "
	    "slice; org mean %s\n", mean);
	buf_puts(b, "rater      name             people ratings mean   sd     z       flag     "
	    "gap to self\n");
	for (i = 0; i < r->nraters; i++) {
		const struct calib_rater *rt = &r->raters[i];
		char gap[32];

		view_pad(b, rt->id, 10);
		buf_putc(b, ' ');
		view_pad(b, or_empty(rt->name), 16);
		num(gap, sizeof(gap), rt->gap, 1, "%+.3f");
		buf_printf(b, " %-6zu %-7zu %.3f  %.3f  %+.3f  ", rt->people, rt->nratings,
		    rt->mean, rt->sd, rt->z);
		view_pad(b, flag_name(rt->flag), 8);
		buf_printf(b, " %s\n", gap);
	}
}

static void
text_agreement(struct buf *b, const struct calib_report *r)
{
	char k[32];
	size_t i;

	buf_puts(b, "\nAgreement between self and manager (quadratic-weighted Cohen's kappa)\n");
	num(k, sizeof(k), r->kappa, 1, "%.3f");
	buf_printf(b, "overall          %-7s (%zu pairs)\n", k, r->pairs);
	for (i = 0; i < r->nteams; i++) {
		num(k, sizeof(k), r->teams[i].kappa, 1, "%.3f");
		view_pad(b, *r->teams[i].team ? r->teams[i].team : "(no team)", 16);
		buf_printf(b, " %-7s (%zu pairs)\n", k, r->teams[i].pairs);
	}
}

static void
text_levels(struct buf *b, const struct calib_report *r)
{
	size_t l, i, j;

	for (l = 0; l < r->nlevels; l++) {
		const struct calib_level *lv = &r->levels[l];

		buf_printf(b, "\nLevel %s: %zu %s; manager readiness mean %.3f, sd %.3f\n",
		    lv->level, lv->n, lv->n == 1 ? "person" : "people", lv->share.mean,
		    lv->share.sd);
		for (i = 0; i < CALIB_BUCKETS; i++) {
			buf_printf(b, "  %.1f-%.1f%s ", (double)i / CALIB_BUCKETS,
			    (double)(i + 1) / CALIB_BUCKETS, i + 1 == CALIB_BUCKETS ? "]" : ")");
			for (j = 0; j < lv->hist[i] && j < 60; j++)
				buf_putc(b, '#');
			buf_printf(b, "%s%zu\n", lv->hist[i] ? " " : "", lv->hist[i]);
		}
		buf_puts(b, "  outliers (|z| > 2):");
		if (lv->outliers == 0)
			buf_puts(b, " none");
		for (i = 0; i < lv->n; i++) {
			const struct calib_person *cp = &r->people[lv->people[i]];

			if (cp->outlier)
				buf_printf(b, " %s (z %+.3f)", cp->p->info.id, cp->level_z);
		}
		buf_putc(b, '\n');
		buf_printf(b, "  side by side: mean manager rating per competency\n  ");
		view_pad(b, "person", 10);
		for (j = 0; j < lv->ncomps; j++)
			buf_printf(b, " C%-3zu", j + 1);
		buf_putc(b, '\n');
		for (i = 0; i < lv->n; i++) {
			buf_puts(b, "  ");
			view_pad(b, r->people[lv->people[i]].p->info.id, 10);
			for (j = 0; j < lv->ncomps; j++) {
				double v = lv->cells[i * lv->ncomps + j];

				if (isnan(v))
					buf_puts(b, " -   ");
				else
					buf_printf(b, " %.2f", v);
			}
			buf_putc(b, '\n');
		}
		for (j = 0; j < lv->ncomps; j++)
			buf_printf(b, "  C%zu %s\n", j + 1, lv->comps[j]->title);
	}
}

static void
text_evidence_row(struct buf *b, const char *id, const struct calib_evidence *e)
{
	view_pad(b, id, 10);
	buf_printf(b, " %-7zu %-11zu %-13zu %.2f\n", e->ratings, e->unsupported,
	    e->activity_only, calib_linked_share(e));
}

static void
text_evidence(struct buf *b, const struct calib_report *r)
{
	size_t i;

	buf_puts(b, "\nEvidence behind the ratings (unsupported: above meets with no evidence and "
	    "no link;\nactivity-only: evidence that counts output, with no link; linked: share "
	    "with a Link:)\n");
	buf_puts(b, "person     ratings unsupported activity-only linked\n");
	for (i = 0; i < r->npeople; i++)
		text_evidence_row(b, r->people[i].p->info.id, &r->people[i].evidence);
	buf_puts(b, "rater      ratings unsupported activity-only linked  (the ratings they gave)\n");
	for (i = 0; i < r->nraters; i++)
		text_evidence_row(b, r->raters[i].id, &r->raters[i].evidence);
}

/* Each team's outcomes, apart from every score: context for the committee. */
static void
text_team_context(struct buf *b, const struct calib_report *r)
{
	size_t i, k, j;

	buf_puts(b, "\nTeam context (the team's outcomes; context only, never part of a score)\n");
	for (i = 0; i < r->nteams; i++) {
		const struct calib_team *t = &r->teams[i];
		const struct team_outcomes *o = t->outcomes;

		buf_printf(b, "%s: %zu %s; ratings %zu, unsupported %zu, activity-only %zu, linked "
		    "%.2f\n", *t->team ? t->team : "(no team)", t->people,
		    t->people == 1 ? "person" : "people", t->evidence.ratings, t->evidence.unsupported,
		    t->evidence.activity_only, calib_linked_share(&t->evidence));
		if (o == NULL || o->n == 0) {
			buf_puts(b, "  no outcomes imported for this cycle\n");
			continue;
		}
		for (k = 0; k < OUTCOMES_NKINDS; k++) {
			if (outcomes_count(o, outcomes_kinds[k]) == 0)
				continue;
			buf_printf(b, "  %s\n", outcomes_kind_title(outcomes_kinds[k]));
			for (j = 0; j < o->n; j++)
				if (strcmp(o->items[j].kind, outcomes_kinds[k]) == 0) {
					char *line = outcomes_line(o, &o->items[j]);

					buf_printf(b, "    %s\n", line);
					free(line);
				}
		}
	}
}

static void
calib_text(struct buf *b, const struct calib_report *r)
{
	buf_printf(b, "Calibration, cycle %s", r->cycle);
	slice_text(b, &r->slice);
	buf_printf(b, ": %zu %s\n", r->npeople, r->npeople == 1 ? "person" : "people");
	if (r->few)
		buf_printf(b, "warning: fewer than %d people in this slice; these statistics "
		    "mislead\n", CALIB_FEW);
	text_people(b, r);
	text_raters(b, r);
	text_evidence(b, r);
	text_agreement(b, r);
	text_levels(b, r);
	text_team_context(b, r);
}

/* ---- CSV ---- */

static void
calib_csv(struct buf *b, const struct calib_report *r)
{
	static const char *const header[] = { "person", "name", "team", "manager", "level",
	    "target", "self_share", "self_mean", "manager_share", "manager_mean", "peer_share",
	    "peer_mean", "gap", "verdict", "level_z", "outlier", "rater", "rater_mean",
	    "rater_z", "rater_flag", "decision", "ratings", "unsupported", "activity_only",
	    "linked", "rater_unsupported", "rater_activity_only", "rater_linked" };
	enum { NCOL = sizeof(header) / sizeof(header[0]) };
	size_t i, c;

	for (c = 0; c < NCOL; c++) {
		if (c)
			buf_putc(b, ',');
		buf_puts(b, header[c]);
	}
	buf_puts(b, "\r\n");
	for (i = 0; i < r->npeople; i++) {
		const struct calib_person *cp = &r->people[i];
		const struct calib_rater *rt = cp->rater >= 0 ? &r->raters[cp->rater] : NULL;
		char n[17][32];
		const char *cells[NCOL];
		int role;

		for (role = 0; role < ROLE__MAX; role++) {
			num(n[2 * role], 32, cp->share[role], cp->has[role], "%.4f");
			num(n[2 * role + 1], 32, cp->mean[role], cp->has[role], "%.4f");
		}
		num(n[6], 32, cp->gap, 1, "%.4f");
		num(n[7], 32, cp->level_z, 1, "%.4f");
		num(n[8], 32, rt ? rt->mean : NAN, rt != NULL, "%.4f");
		num(n[9], 32, rt ? rt->z : NAN, rt != NULL, "%.4f");
		cells[0] = cp->p->info.id;
		cells[1] = or_empty(cp->p->info.name);
		cells[2] = cp->team;
		cells[3] = or_empty(cp->p->info.manager);
		cells[4] = or_empty(cp->p->info.level);
		cells[5] = cp->p->target->id;
		for (c = 0; c < 6; c++)
			cells[6 + c] = n[c];
		cells[12] = n[6];
		cells[13] = assess_verdict_name(cp->p->readiness.verdict);
		cells[14] = n[7];
		cells[15] = cp->outlier ? "yes" : "no";
		cells[16] = rt ? rt->id : "";
		cells[17] = n[8];
		cells[18] = n[9];
		cells[19] = rt ? flag_name(rt->flag) : "";
		cells[20] = or_empty(cp->decision);
		snprintf(n[10], 32, "%zu", cp->evidence.ratings);
		snprintf(n[11], 32, "%zu", cp->evidence.unsupported);
		snprintf(n[12], 32, "%zu", cp->evidence.activity_only);
		snprintf(n[13], 32, "%.4f", calib_linked_share(&cp->evidence));
		for (c = 0; c < 4; c++)
			cells[21 + c] = n[10 + c];
		if (rt != NULL) {
			snprintf(n[14], 32, "%zu", rt->evidence.unsupported);
			snprintf(n[15], 32, "%zu", rt->evidence.activity_only);
			snprintf(n[16], 32, "%.4f", calib_linked_share(&rt->evidence));
		} else
			n[14][0] = n[15][0] = n[16][0] = '\0';
		for (c = 0; c < 3; c++)
			cells[25 + c] = n[14 + c];
		for (c = 0; c < NCOL; c++) {
			if (c)
				buf_putc(b, ',');
			/* numbers like -0.21 are data; only text cells are neutralised */
			int numeric = (c >= 6 && c <= 12) || c == 14 || c == 17 || c == 18 || c >= 21;

			/* a missing number is an empty cell; text stays as it is */
			csv_cell(b, numeric && strcmp(cells[c], "-") == 0 ? "" : cells[c], !numeric);
		}
		buf_puts(b, "\r\n");
	}
}

/* ---- JSON ---- */

/*
 * Written as it goes (json_text.c) in jansson's indented layout, which it
 * replaced: a tree of every person's numbers doubled the memory of a large
 * calibration.
 */
static void
key_string(struct json_writer *w, const char *key, const char *value)
{
	json_key(w, key);
	json_put_string(w, value);
}

static void
key_real(struct json_writer *w, const char *key, double value)
{
	json_key(w, key);
	json_put_real(w, value);
}

static void
key_int(struct json_writer *w, const char *key, size_t value)
{
	json_key(w, key);
	json_put_int(w, (long long)value);
}

static void
json_evidence(struct json_writer *w, const struct calib_evidence *e)
{
	key_int(w, "unsupported", e->unsupported);
	key_int(w, "activity_only", e->activity_only);
	key_real(w, "linked", calib_linked_share(e));
}

static void
json_person(struct json_writer *w, const struct calib_report *r, const struct calib_person *cp)
{
	int role;

	json_object_begin(w);
	key_string(w, "person", cp->p->info.id);
	key_string(w, "name", cp->p->info.name);
	key_string(w, "team", cp->team);
	key_string(w, "manager", cp->p->info.manager);
	key_string(w, "level", cp->p->info.level);
	key_string(w, "target", cp->p->target->id);
	json_key(w, "roles");
	json_object_begin(w);
	for (role = 0; role < ROLE__MAX; role++) {
		json_key(w, assess_role_name((enum assess_role)role));
		json_object_begin(w);
		key_real(w, "share", cp->has[role] ? cp->share[role] : NAN);
		key_real(w, "mean", cp->has[role] ? cp->mean[role] : NAN);
		json_object_end(w);
	}
	json_object_end(w);
	key_real(w, "gap", cp->gap);
	key_string(w, "verdict", assess_verdict_name(cp->p->readiness.verdict));
	key_real(w, "level_z", cp->level_z);
	json_key(w, "outlier");
	json_put_bool(w, cp->outlier);
	key_string(w, "rater", cp->rater >= 0 ? r->raters[cp->rater].id : NULL);
	key_string(w, "decision", cp->decision);
	key_int(w, "ratings", cp->evidence.ratings);
	json_evidence(w, &cp->evidence);
	json_object_end(w);
}

static void
json_rater(struct json_writer *w, const struct calib_rater *rt)
{
	json_object_begin(w);
	key_string(w, "rater", rt->id);
	key_string(w, "name", rt->name);
	key_int(w, "people", rt->people);
	key_int(w, "ratings", rt->nratings);
	key_real(w, "mean", rt->mean);
	key_real(w, "sd", rt->sd);
	key_real(w, "z", rt->z);
	key_string(w, "flag", rt->flag ? flag_name(rt->flag) : NULL);
	key_real(w, "gap_to_self", rt->gap);
	json_evidence(w, &rt->evidence);
	json_object_end(w);
}

static void
json_level(struct json_writer *w, const struct calib_report *r, const struct calib_level *lv)
{
	size_t j, k;

	json_object_begin(w);
	key_string(w, "level", lv->level);
	key_int(w, "people", lv->n);
	key_real(w, "share_mean", lv->share.mean);
	key_real(w, "share_sd", lv->share.sd);
	json_key(w, "histogram");
	json_array_begin(w);
	for (j = 0; j < CALIB_BUCKETS; j++)
		json_put_int(w, (long long)lv->hist[j]);
	json_array_end(w);
	json_key(w, "outliers");
	json_array_begin(w);
	for (j = 0; j < lv->n; j++)
		if (r->people[lv->people[j]].outlier)
			json_put_string(w, r->people[lv->people[j]].p->info.id);
	json_array_end(w);
	json_key(w, "competencies");
	json_array_begin(w);
	for (j = 0; j < lv->ncomps; j++)
		json_put_string(w, lv->comps[j]->id);
	json_array_end(w);
	json_key(w, "side_by_side");
	json_array_begin(w);
	for (j = 0; j < lv->n; j++) {
		json_object_begin(w);
		key_string(w, "person", r->people[lv->people[j]].p->info.id);
		json_key(w, "manager_means");
		json_array_begin(w);
		for (k = 0; k < lv->ncomps; k++)
			json_put_real(w, lv->cells[j * lv->ncomps + k]);
		json_array_end(w);
		json_object_end(w);
	}
	json_array_end(w);
	json_object_end(w);
}

static void
calib_json(struct buf *b, const struct calib_report *r)
{
	struct json_writer w;
	size_t i;

	json_writer_init(&w, b, 6);
	json_object_begin(&w);
	key_string(&w, "cycle", r->cycle);
	json_key(&w, "slice");
	json_object_begin(&w);
	key_string(&w, "team", r->slice.team);
	key_string(&w, "manager", r->slice.manager);
	key_string(&w, "level", r->slice.level);
	key_string(&w, "target", r->slice.target);
	json_object_end(&w);
	key_int(&w, "people_count", r->npeople);
	json_key(&w, "few_people_warning");
	json_put_bool(&w, r->few);
	json_key(&w, "people");
	json_array_begin(&w);
	for (i = 0; i < r->npeople; i++)
		json_person(&w, r, &r->people[i]);
	json_array_end(&w);
	json_key(&w, "raters");
	json_array_begin(&w);
	for (i = 0; i < r->nraters; i++)
		json_rater(&w, &r->raters[i]);
	json_array_end(&w);
	key_real(&w, "org_mean", r->org_mean);
	json_key(&w, "agreement");
	json_object_begin(&w);
	key_real(&w, "kappa", r->kappa);
	key_int(&w, "pairs", r->pairs);
	json_key(&w, "teams");
	json_array_begin(&w);
	for (i = 0; i < r->nteams; i++) {
		json_object_begin(&w);
		key_string(&w, "team", r->teams[i].team);
		key_real(&w, "kappa", r->teams[i].kappa);
		key_int(&w, "pairs", r->teams[i].pairs);
		json_evidence(&w, &r->teams[i].evidence);
		json_object_end(&w);
	}
	json_array_end(&w);
	json_object_end(&w);
	json_key(&w, "levels");
	json_array_begin(&w);
	for (i = 0; i < r->nlevels; i++)
		json_level(&w, r, &r->levels[i]);
	json_array_end(&w);
	/* outcomes stay in their own section: context, never part of a score */
	json_key(&w, "team_context");
	json_array_begin(&w);
	for (i = 0; i < r->nteams; i++) {
		const struct calib_team *t = &r->teams[i];

		json_object_begin(&w);
		key_string(&w, "team", t->team);
		key_int(&w, "people", t->people);
		key_int(&w, "ratings", t->evidence.ratings);
		json_evidence(&w, &t->evidence);
		if (t->outcomes != NULL)
			outcomes_json_members(&w, t->outcomes);
		else {
			json_key(&w, "previous_cycle");
			json_put_null(&w);
			json_key(&w, "outcomes");
			json_array_begin(&w);
			json_array_end(&w);
		}
		json_object_end(&w);
	}
	json_array_end(&w);
	json_object_end(&w);
	buf_putc(b, '\n');
}

/* ---- HTML ---- */

static const char css[] =
    "body{font-family:'DejaVu Sans',Helvetica,Arial,sans-serif;margin:2em;color:#222;"
    "max-width:60em}\n"
    "h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #ccc}\n"
    "table{border-collapse:collapse;font-size:.85em;margin:.5em 0}\n"
    "th,td{border:1px solid #ccc;padding:.2em .4em;text-align:left}\n"
    "td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
    ".warn{background:#fff3cd;border:1px solid #e0c060;padding:.5em}\n"
    ".lenient{color:#a15c00;font-weight:bold}.severe{color:#1f4e99;font-weight:bold}\n"
    ".outlier{font-weight:bold}td.flag{background:#fde2e2;font-weight:bold}\n"
    "td ul{margin:.2em 0 .4em 1.2em;padding:0}\n"
    "svg{display:block;margin:.5em 0}svg text{font-size:11px;fill:#222}\n"
    "figure{margin:.5em 0;break-inside:avoid}figcaption{font-size:.85em;color:#555}\n"
    "@page{size:A4;margin:15mm}\n"
    "@media print{body{margin:0;max-width:none;font-size:10pt}table{font-size:.75em}"
    "h2{break-after:avoid}"
    "table,svg{break-inside:avoid}}\n";

static void
html_num(struct buf *b, double v, int have, const char *fmt)
{
	char cell[32];

	num(cell, sizeof(cell), v, have, fmt);
	buf_printf(b, "<td class=\"n\">%s</td>", cell);
}

/* Unsupported, activity-only and linked cells; flagged counts stand out. */
static void
html_evidence_cells(struct buf *b, const struct calib_evidence *e)
{
	buf_printf(b, "<td class=\"n%s\">%zu</td><td class=\"n%s\">%zu</td>"
	    "<td class=\"n\">%.0f%%</td>", e->unsupported ? " flag" : "", e->unsupported,
	    e->activity_only ? " flag" : "", e->activity_only, calib_linked_share(e) * 100);
}

static void
html_people(struct buf *b, const struct calib_report *r)
{
	size_t i;
	int role;

	buf_puts(b, "<h2>People</h2>\n<table>\n<thead><tr><th scope=\"col\">Person</th>"
	    "<th scope=\"col\">Team</th><th scope=\"col\">Level</th><th scope=\"col\">Target</th>"
	    "<th scope=\"col\">Self</th><th scope=\"col\">Manager</th><th scope=\"col\">Peer</th>"
	    "<th scope=\"col\">Gap</th><th scope=\"col\">Verdict</th>"
	    "<th scope=\"col\">Decision</th><th scope=\"col\">Unsupported</th>"
	    "<th scope=\"col\">Activity-only</th><th scope=\"col\">Linked</th></tr></thead>\n"
	    "<tbody>\n");
	for (i = 0; i < r->npeople; i++) {
		const struct calib_person *cp = &r->people[i];

		buf_puts(b, cp->outlier ? "<tr class=\"outlier\">" : "<tr>");
		html_wrap(b, "<th scope=\"row\">", or_empty(cp->p->info.name), " (");
		html_escape(b, cp->p->info.id);
		buf_puts(b, ")</th>");
		html_wrap(b, "<td>", cp->team, "</td>");
		html_wrap(b, "<td>", or_empty(cp->p->info.level), "</td>");
		html_wrap(b, "<td>", cp->p->target->id, "</td>");
		for (role = 0; role < ROLE__MAX; role++) {
			char cell[48];

			if (cp->has[role])
				snprintf(cell, sizeof(cell), "%.0f%% / %.2f", cp->share[role] * 100,
				    cp->mean[role]);
			else
				snprintf(cell, sizeof(cell), "-");
			buf_printf(b, "<td class=\"n\">%s</td>", cell);
		}
		html_num(b, cp->gap, 1, "%+.3f");
		html_wrap(b, "<td>", assess_verdict_name(cp->p->readiness.verdict), "</td>");
		html_wrap(b, "<td>", cp->decision ? cp->decision : "-", "</td>");
		html_evidence_cells(b, &cp->evidence);
		buf_puts(b, "</tr>\n");
	}
	buf_puts(b, "</tbody>\n</table>\n<p>Self, manager, peer: share of the target level's "
	    "expectations met / mean rating. Gap: self minus manager mean rating. "
	    "Unsupported: ratings above meets with no evidence and no link; activity-only: "
	    "evidence that counts output (story points, commits, ...) with no link; linked: "
	    "the share of the ratings with at least one outcome link.</p>\n");
}

/* A horizontal bar per rater: mean rating on the scale, org mean as a line. */
static void
svg_raters(struct buf *b, const struct calib_report *r, double lo, double hi)
{
	const double left = 160, width = 360, bar = 18, gap = 6;
	double h = 30 + (double)r->nraters * (bar + gap), span = hi > lo ? hi - lo : 1;
	size_t i;

	buf_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
	    "role=\"img\" aria-label=\"Mean rating given per rater\">\n", left + width + 60, h + 10);
	for (i = 0; i < r->nraters; i++) {
		const struct calib_rater *rt = &r->raters[i];
		double y = 10 + (double)i * (bar + gap);
		double w = (rt->mean - lo) / span * width;
		const char *fill = rt->flag > 0 ? "#e08a00" : rt->flag < 0 ? "#3a6fc4" : "#8a8a8a";

		if (w < 0)
			w = 0;
		buf_printf(b, "<text x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\">", left - 6, y + 13);
		html_escape(b, rt->name ? rt->name : rt->id);
		buf_printf(b, "</text><rect x=\"%.0f\" y=\"%.1f\" width=\"%.1f\" height=\"%.0f\" "
		    "fill=\"%s\"/><text x=\"%.1f\" y=\"%.1f\">%.2f</text>\n", left, y, w, bar, fill,
		    left + w + 4, y + 13, rt->mean);
	}
	if (!isnan(r->org_mean)) {
		double x = left + (r->org_mean - lo) / span * width;

		buf_printf(b, "<line x1=\"%.1f\" y1=\"4\" x2=\"%.1f\" y2=\"%.0f\" stroke=\"#c00\" "
		    "stroke-width=\"2\" stroke-dasharray=\"4 3\"/><text x=\"%.1f\" y=\"%.0f\" "
		    "fill=\"#c00\">org mean %.2f</text>\n", x, x, h - 12, x + 4, h, r->org_mean);
	}
	buf_puts(b, "</svg>\n");
}

static void
html_raters(struct buf *b, const struct calib_report *r, double lo, double hi)
{
	size_t i;

	buf_puts(b, "<h2>Raters</h2>\n");
	svg_raters(b, r, lo, hi);
	buf_puts(b, "<table>\n<thead><tr><th scope=\"col\">Manager</th><th scope=\"col\">People"
	    "</th><th scope=\"col\">Ratings</th><th scope=\"col\">Mean</th><th scope=\"col\">SD"
	    "</th><th scope=\"col\">z</th><th scope=\"col\">Flag</th><th scope=\"col\">Gap to "
	    "self</th><th scope=\"col\">Unsupported</th><th scope=\"col\">Activity-only</th>"
	    "<th scope=\"col\">Linked</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < r->nraters; i++) {
		const struct calib_rater *rt = &r->raters[i];

		html_wrap(b, "<tr><th scope=\"row\">", rt->name ? rt->name : rt->id, " (");
		html_escape(b, rt->id);
		buf_printf(b, ")</th><td class=\"n\">%zu</td><td class=\"n\">%zu</td>", rt->people,
		    rt->nratings);
		html_num(b, rt->mean, 1, "%.3f");
		html_num(b, rt->sd, 1, "%.3f");
		html_num(b, rt->z, 1, "%+.3f");
		buf_printf(b, "<td class=\"%s\">%s</td>", flag_name(rt->flag), flag_name(rt->flag));
		html_num(b, rt->gap, 1, "%+.3f");
		html_evidence_cells(b, &rt->evidence);
		buf_puts(b, "</tr>\n");
	}
	buf_puts(b, "</tbody>\n</table>\n<p>z: the rater's mean against the mean and standard "
	    "deviation of the raters' means in this slice; lenient above +1, severe below "
	    "&minus;1. Unsupported, activity-only and linked: of the manager ratings they gave."
	    "</p>\n");
}

/* The team context: each team's outcomes, in a section of their own. */
static void
html_team_context(struct buf *b, const struct calib_report *r)
{
	size_t i, k, j;

	buf_puts(b, "<h2>Team context</h2>\n<p>The outcomes of each team this cycle: key "
	    "results, delivery metrics against the previous cycle, customer and health measures. "
	    "They are context for the committee, never part of any person's score.</p>\n"
	    "<table>\n<thead><tr><th scope=\"col\">Team</th><th scope=\"col\">People</th>"
	    "<th scope=\"col\">Unsupported</th><th scope=\"col\">Activity-only</th>"
	    "<th scope=\"col\">Linked</th><th scope=\"col\">Outcomes</th></tr></thead>\n"
	    "<tbody>\n");
	for (i = 0; i < r->nteams; i++) {
		const struct calib_team *t = &r->teams[i];
		const struct team_outcomes *o = t->outcomes;

		html_wrap(b, "<tr><th scope=\"row\">", *t->team ? t->team : "(no team)", "</th>");
		buf_printf(b, "<td class=\"n\">%zu</td>", t->people);
		html_evidence_cells(b, &t->evidence);
		buf_puts(b, "<td>");
		if (o == NULL || o->n == 0)
			buf_puts(b, "none imported");
		for (k = 0; o != NULL && k < OUTCOMES_NKINDS; k++) {
			if (outcomes_count(o, outcomes_kinds[k]) == 0)
				continue;
			html_wrap(b, "<strong>", outcomes_kind_title(outcomes_kinds[k]), "</strong>\n<ul>");
			for (j = 0; j < o->n; j++)
				if (strcmp(o->items[j].kind, outcomes_kinds[k]) == 0) {
					char *line = outcomes_line(o, &o->items[j]);

					html_wrap(b, "<li>", line, "</li>");
					free(line);
				}
			buf_puts(b, "</ul>\n");
		}
		buf_puts(b, "</td></tr>\n");
	}
	buf_puts(b, "</tbody>\n</table>\n");
}

static void
html_agreement(struct buf *b, const struct calib_report *r)
{
	size_t i;

	buf_puts(b, "<h2>Agreement</h2>\n<table>\n<thead><tr><th scope=\"col\">Group</th>"
	    "<th scope=\"col\">Kappa</th><th scope=\"col\">Pairs</th></tr></thead>\n<tbody>\n"
	    "<tr><th scope=\"row\">Overall</th>");
	html_num(b, r->kappa, 1, "%.3f");
	buf_printf(b, "<td class=\"n\">%zu</td></tr>\n", r->pairs);
	for (i = 0; i < r->nteams; i++) {
		html_wrap(b, "<tr><th scope=\"row\">", *r->teams[i].team ? r->teams[i].team :
		    "(no team)", "</th>");
		html_num(b, r->teams[i].kappa, 1, "%.3f");
		buf_printf(b, "<td class=\"n\">%zu</td></tr>\n", r->teams[i].pairs);
	}
	buf_puts(b, "</tbody>\n</table>\n<p>Quadratic-weighted Cohen's kappa between self and "
	    "manager ratings of the expectations both rated.</p>\n");
}

/* Bars per readiness bucket. */
static void
svg_histogram(struct buf *b, const struct calib_level *lv)
{
	const double left = 30, barw = 36, height = 120, pad = 14;
	size_t i, max = 1;

	for (i = 0; i < CALIB_BUCKETS; i++)
		if (lv->hist[i] > max)
			max = lv->hist[i];
	buf_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
	    "role=\"img\" aria-label=\"Readiness histogram\">\n<g transform=\"translate(0,%.0f)\">\n",
	    left + barw * CALIB_BUCKETS + 10, height + 40 + pad, pad);
	buf_printf(b, "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"#444\"/>\n",
	    left, height + 10, left + barw * CALIB_BUCKETS, height + 10);
	for (i = 0; i < CALIB_BUCKETS; i++) {
		double h = (double)lv->hist[i] / (double)max * height;
		double x = left + (double)i * barw;

		buf_printf(b, "<rect x=\"%.0f\" y=\"%.1f\" width=\"%.0f\" height=\"%.1f\" "
		    "fill=\"#4c8c4a\"/>", x + 3, height + 10 - h, barw - 6, h);
		if (lv->hist[i])
			buf_printf(b, "<text x=\"%.0f\" y=\"%.1f\" text-anchor=\"middle\">%zu</text>",
			    x + barw / 2, height + 6 - h, lv->hist[i]);
		buf_printf(b, "<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"middle\">%zu%%</text>\n",
		    x + barw / 2, height + 24, i * 100 / CALIB_BUCKETS);
	}
	buf_printf(b, "<text x=\"%.0f\" y=\"%.0f\">share of target expectations met "
	    "(manager)</text>\n</g>\n</svg>\n", left, height + 38);
}

/* People x competencies, coloured from the lowest to the highest scale value. */
static void
svg_heatmap(struct buf *b, const struct calib_report *r, const struct calib_level *lv,
    double lo, double hi)
{
	const double left = 150, cell = 34, top = 150;
	double span = hi > lo ? hi - lo : 1;
	size_t i, j;

	buf_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
	    "role=\"img\" aria-label=\"Mean manager rating per person and competency\">\n",
	    left + cell * (double)lv->ncomps + 130, top + cell * (double)lv->n + 10);
	for (j = 0; j < lv->ncomps; j++) {
		struct buf label = {0};

		buf_printf(b, "<text transform=\"translate(%.0f,%.0f) rotate(-50)\">",
		    left + cell * (double)j + cell / 2, top - 6);
		view_pad(&label, lv->comps[j]->title, 26);
		while (label.len > 0 && label.data[label.len - 1] == ' ')
			label.data[--label.len] = '\0';
		html_escape(b, label.data);
		buf_free(&label);
		buf_puts(b, "<title>");
		html_escape(b, lv->comps[j]->title);
		buf_puts(b, "</title></text>\n");
	}
	for (i = 0; i < lv->n; i++) {
		const struct cycle_person *p = r->people[lv->people[i]].p;
		double y = top + cell * (double)i;

		struct buf name = {0};

		buf_printf(b, "<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"end\">", left - 6,
		    y + cell / 2 + 4);
		view_pad(&name, p->info.name ? p->info.name : p->info.id, 22);
		while (name.len > 0 && name.data[name.len - 1] == ' ')
			name.data[--name.len] = '\0';
		html_escape(b, name.data);
		buf_free(&name);
		buf_puts(b, "</text>");
		for (j = 0; j < lv->ncomps; j++) {
			double v = lv->cells[i * lv->ncomps + j], t, x = left + cell * (double)j;

			if (isnan(v)) {
				buf_printf(b, "<rect x=\"%.0f\" y=\"%.0f\" width=\"%.0f\" height=\"%.0f\" "
				    "fill=\"#eee\"/>", x, y, cell - 2, cell - 2);
				continue;
			}
			t = (v - lo) / span;
			t = t < 0 ? 0 : t > 1 ? 1 : t;
			buf_printf(b, "<rect x=\"%.0f\" y=\"%.0f\" width=\"%.0f\" height=\"%.0f\" "
			    "fill=\"rgb(%d,%d,%d)\"/><text x=\"%.0f\" y=\"%.0f\" text-anchor=\"middle\""
			    ">%.1f</text>", x, y, cell - 2, cell - 2, (int)(230 - 150 * t),
			    (int)(120 + 80 * t), (int)(110 + 40 * t), x + cell / 2 - 1, y + cell / 2 + 3, v);
		}
		buf_putc(b, '\n');
	}
	buf_puts(b, "</svg>\n");
}

static void
html_levels(struct buf *b, const struct calib_report *r, double lo, double hi)
{
	size_t l, i;

	for (l = 0; l < r->nlevels; l++) {
		const struct calib_level *lv = &r->levels[l];

		html_wrap(b, "<h2>Level ", lv->level, "</h2>\n");
		buf_printf(b, "<p>%zu %s; manager readiness mean %.3f, standard deviation %.3f. "
		    "Outliers (|z| &gt; 2 within the level):", lv->n, lv->n == 1 ? "person" : "people",
		    lv->share.mean, lv->share.sd);
		if (lv->outliers == 0)
			buf_puts(b, " none");
		for (i = 0; i < lv->n; i++) {
			const struct calib_person *cp = &r->people[lv->people[i]];

			if (cp->outlier) {
				html_wrap(b, " ", cp->p->info.id, "");
				buf_printf(b, " (z %+.3f)", cp->level_z);
			}
		}
		buf_puts(b, ".</p>\n<figure>\n");
		svg_histogram(b, lv);
		buf_puts(b, "<figcaption>Readiness: people per tenth of the share met, by the "
		    "manager.</figcaption>\n</figure>\n<figure>\n");
		svg_heatmap(b, r, lv, lo, hi);
		buf_puts(b, "<figcaption>Side by side: mean manager rating per competency "
		    "(red low, green high).</figcaption>\n</figure>\n");
	}
}

static void
calib_html(struct buf *b, const struct calib_report *r)
{
	double lo = 0, hi = 1;
	size_t i;

	for (i = 0; i < r->npeople; i++) {
		const struct model *m = r->people[i].p->model;

		if (m->nscale > 0) {
			lo = (double)m->scale[0]->value;
			hi = (double)m->scale[m->nscale - 1]->value;
			break;
		}
	}
	buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	    "<title>Calibration ");
	html_escape(b, r->cycle);
	buf_printf(b, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>Calibration, cycle ",
	    css);
	html_escape(b, r->cycle);
	{
		struct buf s = {0};

		slice_text(&s, &r->slice);
		html_escape(b, s.data);
		buf_free(&s);
	}
	buf_printf(b, "</h1>\n<p>%zu %s.</p>\n", r->npeople, r->npeople == 1 ? "person" : "people");
	if (r->few)
		buf_printf(b, "<p class=\"warn\">Fewer than %d people in this slice: these "
		    "statistics mislead.</p>\n", CALIB_FEW);
	html_people(b, r);
	html_raters(b, r, lo, hi);
	html_agreement(b, r);
	html_levels(b, r, lo, hi);
	html_team_context(b, r);
	buf_puts(b, "</body>\n</html>\n");
}

void
calib_view(struct buf *b, const struct calib_report *r, enum calib_format fmt)
{
	switch (fmt) {
	case CALIB_CSV: calib_csv(b, r); break;
	case CALIB_JSON: calib_json(b, r); break;
	case CALIB_HTML: calib_html(b, r); break;
	default: calib_text(b, r); break;
	}
}
