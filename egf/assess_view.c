/* assess_view.c: assessment and readiness views. */
#include "assess_view.h"

#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "json_text.h"

const char *const view_format_names[] = { "text", "json", "csv", NULL };

/* Code points in s (UTF-8 is validated on input). */
static size_t
utf8_width(const char *s, size_t *bytes_for, size_t limit)
{
	size_t n = 0;
	const char *p = s;

	for (; *p != '\0'; p++) {
		if (((unsigned char)*p & 0xc0) != 0x80) {
			if (n == limit && bytes_for != NULL) {
				*bytes_for = (size_t)(p - s);
				return n;
			}
			n++;
		}
	}
	if (bytes_for != NULL)
		*bytes_for = (size_t)(p - s);
	return n;
}

void
view_pad(struct buf *b, const char *text, size_t width)
{
	char *s = text_escape(text);	/* names come from the data: no raw control characters */
	size_t w = utf8_width(s, NULL, 0), bytes;

	if (w > width && width > 1) {
		utf8_width(s, &bytes, width - 1);
		buf_add(b, s, bytes);
		buf_puts(b, "\xe2\x80\xa6");	/* … */
		free(s);
		return;
	}
	buf_puts(b, s);
	for (; w < width; w++)
		buf_putc(b, ' ');
	free(s);
}

static const char *
or_empty(const char *s)
{
	return s ? s : "";
}

static const char *
rating_label(const struct model *m, const struct cycle_rating *r)
{
	size_t i;

	if (!r->rated)
		return "(unrated)";
	for (i = 0; i < m->nscale; i++)
		if (m->scale[i]->value == r->value)
			return m->scale[i]->id;
	return "?";
}

/*
 * The employee's view (peer_min non-zero) leaves out peer ratings until
 * peer_min peers answered, and never names a peer.
 */
static int
rating_hidden(const struct cycle_person *p, const struct cycle_rating *r, unsigned peer_min)
{
	return peer_min > 0 && r->role == ROLE_PEER && !cycle_peers_shown(p, peer_min);
}

static const char *
rating_rater(const struct cycle_rating *r, unsigned peer_min)
{
	return peer_min > 0 && r->role == ROLE_PEER ? "peer" : r->rater;
}

/* Text lines indented by indent, for multi-line evidence. */
static void
indented(struct buf *b, const char *text, const char *indent)
{
	const char *p = text;

	while (*p != '\0') {
		size_t n = strcspn(p, "\r\n");	/* CR, LF and CRLF end a line */
		char *line = xstrndup(p, n);

		if (p != text)
			buf_puts(b, indent);
		buf_add_text(b, line, 0);
		free(line);
		buf_putc(b, '\n');
		p += n;
		if (*p == '\r' && p[1] == '\n')
			p += 2;
		else if (*p != '\0')
			p++;
	}
}

static void
show_text(struct buf *b, const struct cycle *c, const struct cycle_person *p, unsigned peer_min)
{
	const struct model *m = p->model;
	const struct model_competency *last = NULL;
	size_t i, j, k = 0;

	buf_add_text(b, or_empty(p->info.name), 0);
	buf_printf(b, " (%s): %s -> %s, cycle %s, ladder %s %s\n", p->info.id,
	    or_empty(p->info.level), p->target->id, c->id, m->id, m->version);
	for (i = 0; i < p->items->n; i++) {
		const struct model_expectation *e = p->items->items[i];

		if (e->competency != last) {
			buf_printf(b, "\n%s\n", e->competency->title);
			last = e->competency;
		}
		buf_printf(b, "  %s\n    ", e->id);
		indented(b, e->text, "    ");
		for (; k < p->nratings && p->ratings[k].index == i; k++) {
			const struct cycle_rating *r = &p->ratings[k];

			if (rating_hidden(p, r, peer_min))
				continue;
			buf_puts(b, "    ");
			view_pad(b, assess_role_name(r->role), 8);
			buf_putc(b, ' ');
			view_pad(b, rating_rater(r, peer_min), 12);
			buf_putc(b, ' ');
			if (r->evidence != NULL) {
				view_pad(b, rating_label(m, r), 12);
				buf_putc(b, ' ');
				indented(b, r->evidence, "                                           ");
			} else
				buf_printf(b, "%s\n", rating_label(m, r));
			for (j = 0; j < r->nlinks; j++)
				buf_printf(b, "                                           link: %s (%s)\n",
				    r->links[j].target, r->links[j].kind);
		}
	}
}

/* A string member; NULL writes null. */
static void
member(struct jw *w, const char *key, const char *s)
{
	jw_key(w, key);
	jw_string(w, s);
}

static void
rating_json(struct jw *w, const struct cycle_person *p, const struct cycle_rating *r,
    unsigned peer_min)
{
	size_t j;

	jw_object_begin(w);
	member(w, "role", assess_role_name(r->role));
	member(w, "rater", rating_rater(r, peer_min));
	member(w, "rating", r->rated ? rating_label(p->model, r) : NULL);
	jw_key(w, "value");
	if (r->rated)
		jw_int(w, r->value);
	else
		jw_null(w);
	member(w, "evidence", r->evidence);
	jw_key(w, "links");
	jw_array_begin(w);
	for (j = 0; j < r->nlinks; j++) {
		jw_object_begin(w);
		member(w, "target", r->links[j].target);
		member(w, "kind", r->links[j].kind);
		jw_object_end(w);
	}
	jw_array_end(w);
	/* Only a cycle loaded with CYCLE_PRIVATE (egf serve, for hr) has them. */
	if (r->private_note != NULL)
		member(w, "private", r->private_note);
	jw_object_end(w);
}

static void
show_json(struct buf *b, const struct cycle *c, const struct cycle_person *p, unsigned peer_min)
{
	struct jw w;
	size_t i, k = 0;

	jw_init(&w, b, 17);
	jw_object_begin(&w);
	member(&w, "person", p->info.id);
	member(&w, "name", or_empty(p->info.name));
	member(&w, "cycle", c->id);
	member(&w, "level", or_empty(p->info.level));
	member(&w, "target", p->target->id);
	member(&w, "ladder", p->model->id);
	member(&w, "version", p->model->version);
	jw_key(&w, "expectations");
	jw_array_begin(&w);
	for (i = 0; i < p->items->n; i++) {
		const struct model_expectation *e = p->items->items[i];

		jw_object_begin(&w);
		member(&w, "id", e->id);
		member(&w, "competency", e->competency->id);
		member(&w, "text", e->text);
		jw_key(&w, "ratings");
		jw_array_begin(&w);
		for (; k < p->nratings && p->ratings[k].index == i; k++)
			if (!rating_hidden(p, &p->ratings[k], peer_min))
				rating_json(&w, p, &p->ratings[k], peer_min);
		jw_array_end(&w);
		jw_object_end(&w);
	}
	jw_array_end(&w);
	jw_object_end(&w);
	buf_putc(b, '\n');
}

static void
csv_line(struct buf *b, const char *const *cells, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_putc(b, ',');
		csv_cell(b, cells[i] ? cells[i] : "", 1);
	}
	buf_puts(b, "\r\n");
}

static void
show_csv(struct buf *b, const struct cycle *c, const struct cycle_person *p, unsigned peer_min)
{
	static const char *const header[] = { "person", "cycle", "target", "competency",
	    "expectation", "role", "rater", "rating", "value", "evidence", "links" };
	struct buf links = {0};
	size_t k, j;

	csv_line(b, header, 11);
	for (k = 0; k < p->nratings; k++) {
		const struct cycle_rating *r = &p->ratings[k];
		const struct model_expectation *e = p->items->items[r->index];
		char value[32];
		const char *cells[11];

		if (rating_hidden(p, r, peer_min))
			continue;
		snprintf(value, sizeof(value), "%ld", r->value);
		cells[0] = p->info.id;
		cells[1] = c->id;
		cells[2] = p->target->id;
		cells[3] = e->competency->id;
		cells[4] = e->id;
		cells[5] = assess_role_name(r->role);
		cells[6] = rating_rater(r, peer_min);
		cells[7] = r->rated ? rating_label(p->model, r) : "";
		cells[8] = r->rated ? value : "";
		cells[9] = r->evidence;
		/* one "TARGET (KIND)" per line, as the form writes them */
		links.len = 0;
		buf_puts(&links, "");
		for (j = 0; j < r->nlinks; j++)
			buf_printf(&links, "%s%s (%s)", j ? "\n" : "", r->links[j].target,
			    r->links[j].kind);
		cells[10] = links.data;
		csv_line(b, cells, 11);
	}
	buf_free(&links);
}

void
assess_view_show(struct buf *b, const struct cycle *c, const struct cycle_person *p,
    enum view_format fmt, unsigned employee_peer_min)
{
	if (fmt == VIEW_JSON)
		show_json(b, c, p, employee_peer_min);
	else if (fmt == VIEW_CSV)
		show_csv(b, c, p, employee_peer_min);
	else
		show_text(b, c, p, employee_peer_min);
}

/* ---- readiness ---- */

/* The required competencies the manager's ratings leave unmet, comma-separated. */
static char *
unmet_required(const struct cycle_person *p)
{
	const struct model *m = p->model;
	struct buf b = {0};
	size_t i, k;

	for (k = 0; k < m->nrequired; k++) {
		int met = 1;

		for (i = 0; i < p->items->n; i++)
			if (strcmp(p->items->items[i]->competency->id, m->required[k]) == 0 &&
			    !assess_met(m, &p->tally, ROLE_MANAGER, i))
				met = 0;
		if (!met)
			buf_printf(&b, "%s%s", b.len ? ", " : "", m->required[k]);
	}
	return buf_take(&b);
}

static void
share_cell(struct buf *b, const struct assess_role_result *r, size_t width)
{
	char cell[32];

	if (r->raters == 0)
		snprintf(cell, sizeof(cell), "-");
	else
		snprintf(cell, sizeof(cell), "%.2f", r->share);
	view_pad(b, cell, width);
}

static void
readiness_detail(struct buf *b, const struct cycle *c, const struct cycle_person *p)
{
	const struct model *m = p->model;
	char *unmet = unmet_required(p);
	size_t i;
	int r;

	buf_putc(b, '\n');
	buf_add_text(b, or_empty(p->info.name), 0);
	buf_printf(b, " (%s): %s -> %s, cycle %s\n", p->info.id, or_empty(p->info.level),
	    p->target->id, c->id);
	buf_puts(b, "  role     raters  met/total  share  mean  unrated\n");
	for (r = 0; r < ROLE__MAX; r++) {
		const struct assess_role_result *res = &p->readiness.role[r];

		buf_puts(b, "  ");
		view_pad(b, assess_role_name((enum assess_role)r), 8);
		if (res->raters == 0) {
			buf_printf(b, " %-6u  %4s %-4s  -      -     -\n", 0u, "-", "");
			continue;
		}
		buf_printf(b, " %-6u  %4zu/%-4zu  %.2f   %.2f  %zu\n", res->raters, res->met,
		    res->total, res->share, res->mean, res->unrated);
	}
	if (m->nrequired > 0)
		buf_printf(b, "  required (manager): %s\n", *unmet ? unmet : "all met");
	if (p->readiness.role[ROLE_MANAGER].unrated > 0) {
		buf_puts(b, "  unrated by the manager (counted as not met):");
		for (i = 0; i < p->items->n; i++)
			if (p->tally.count[ROLE_MANAGER][i] == 0)
				buf_printf(b, " %s", p->items->items[i]->id);
		buf_putc(b, '\n');
	}
	buf_printf(b, "  verdict: %s (threshold %.2f)\n",
	    assess_verdict_name(p->readiness.verdict), m->threshold);
	free(unmet);
}

static void
readiness_text(struct buf *b, const struct cycle *c, int detail)
{
	size_t i;

	buf_printf(b, "cycle %s: %zu %s assessed\n\n", c->id, c->n, c->n == 1 ? "person" : "people");
	buf_puts(b, "person        name                  level  target  self  manager  peer  "
	    "unrated  verdict     unmet required\n");
	for (i = 0; i < c->n; i++) {
		const struct cycle_person *p = &c->people[i];
		char *unmet;

		if (p->model == NULL)
			continue;
		unmet = unmet_required(p);
		view_pad(b, p->info.id, 13);
		buf_putc(b, ' ');
		view_pad(b, or_empty(p->info.name), 21);
		buf_putc(b, ' ');
		view_pad(b, or_empty(p->info.level), 6);
		buf_putc(b, ' ');
		view_pad(b, p->target->id, 7);
		buf_putc(b, ' ');
		share_cell(b, &p->readiness.role[ROLE_SELF], 5);
		buf_putc(b, ' ');
		share_cell(b, &p->readiness.role[ROLE_MANAGER], 8);
		buf_putc(b, ' ');
		share_cell(b, &p->readiness.role[ROLE_PEER], 5);
		buf_printf(b, " %-8zu ", p->readiness.role[ROLE_MANAGER].unrated);
		view_pad(b, assess_verdict_name(p->readiness.verdict), 11);
		buf_printf(b, " %s\n", *unmet ? unmet : "-");
		free(unmet);
	}
	if (detail)
		for (i = 0; i < c->n; i++)
			if (c->people[i].model != NULL)
				readiness_detail(b, c, &c->people[i]);
}

/* The unmet required competencies as a JSON array. */
static void
unmet_list(struct jw *w, const struct cycle_person *p)
{
	const struct model *m = p->model;
	size_t i, k;

	jw_key(w, "unmet_required");
	jw_array_begin(w);
	for (k = 0; k < m->nrequired; k++)
		for (i = 0; i < p->items->n; i++)
			if (strcmp(p->items->items[i]->competency->id, m->required[k]) == 0 &&
			    !assess_met(m, &p->tally, ROLE_MANAGER, i)) {
				jw_string(w, m->required[k]);
				break;
			}
	jw_array_end(w);
}

static void
role_json(struct jw *w, const struct assess_role_result *res)
{
	jw_object_begin(w);
	jw_key(w, "raters");
	jw_int(w, res->raters);
	jw_key(w, "met");
	jw_int(w, (long long)res->met);
	jw_key(w, "total");
	jw_int(w, (long long)res->total);
	jw_key(w, "unrated");
	jw_int(w, (long long)res->unrated);
	jw_key(w, "share");
	if (res->raters)
		jw_real(w, res->share);
	else
		jw_null(w);
	jw_key(w, "mean");
	if (res->raters && res->nratings)
		jw_real(w, res->mean);
	else
		jw_null(w);
	jw_key(w, "required_met");
	if (res->raters)
		jw_bool(w, res->required_met);
	else
		jw_null(w);
	jw_object_end(w);
}

static void
readiness_json(struct buf *b, const struct cycle *c)
{
	struct jw w;
	size_t i, k;
	int r;

	jw_init(&w, b, 6);
	jw_object_begin(&w);
	member(&w, "cycle", c->id);
	jw_key(&w, "people");
	jw_array_begin(&w);
	for (i = 0; i < c->n; i++) {
		const struct cycle_person *p = &c->people[i];

		if (p->model == NULL)
			continue;
		jw_object_begin(&w);
		member(&w, "person", p->info.id);
		member(&w, "name", or_empty(p->info.name));
		member(&w, "level", or_empty(p->info.level));
		member(&w, "target", p->target->id);
		jw_key(&w, "threshold");
		jw_real(&w, p->model->threshold);
		jw_key(&w, "roles");
		jw_object_begin(&w);
		for (r = 0; r < ROLE__MAX; r++) {
			jw_key(&w, assess_role_name((enum assess_role)r));
			role_json(&w, &p->readiness.role[r]);
		}
		jw_object_end(&w);
		jw_key(&w, "unrated_by_manager");
		jw_array_begin(&w);
		for (k = 0; k < p->items->n; k++)
			if (p->tally.count[ROLE_MANAGER][k] == 0)
				jw_string(&w, p->items->items[k]->id);
		jw_array_end(&w);
		unmet_list(&w, p);
		member(&w, "verdict", assess_verdict_name(p->readiness.verdict));
		jw_object_end(&w);
	}
	jw_array_end(&w);
	jw_object_end(&w);
	buf_putc(b, '\n');
}

static void
readiness_csv(struct buf *b, const struct cycle *c)
{
	static const char *const header[] = { "person", "name", "level", "target", "role",
	    "raters", "met", "total", "unrated", "share", "mean", "required_met", "verdict" };
	size_t i;
	int r;

	csv_line(b, header, 13);
	for (i = 0; i < c->n; i++) {
		const struct cycle_person *p = &c->people[i];

		if (p->model == NULL)
			continue;
		for (r = 0; r < ROLE__MAX; r++) {
			const struct assess_role_result *res = &p->readiness.role[r];
			char nums[6][32];
			const char *cells[13];

			snprintf(nums[0], 32, "%u", res->raters);
			snprintf(nums[1], 32, "%zu", res->met);
			snprintf(nums[2], 32, "%zu", res->total);
			snprintf(nums[3], 32, "%zu", res->unrated);
			nums[4][0] = nums[5][0] = '\0';
			if (res->raters)
				snprintf(nums[4], 32, "%.4f", res->share);
			if (res->raters && res->nratings)
				snprintf(nums[5], 32, "%.4f", res->mean);
			cells[0] = p->info.id;
			cells[1] = p->info.name;
			cells[2] = p->info.level;
			cells[3] = p->target->id;
			cells[4] = assess_role_name((enum assess_role)r);
			cells[5] = nums[0];
			cells[6] = nums[1];
			cells[7] = nums[2];
			cells[8] = nums[3];
			cells[9] = nums[4];
			cells[10] = nums[5];
			cells[11] = res->raters == 0 ? "" : res->required_met ? "yes" : "no";
			cells[12] = assess_verdict_name(p->readiness.verdict);
			csv_line(b, cells, 13);
		}
	}
}

void
assess_view_readiness(struct buf *b, const struct cycle *c, enum view_format fmt, int detail)
{
	if (fmt == VIEW_JSON)
		readiness_json(b, c);
	else if (fmt == VIEW_CSV)
		readiness_csv(b, c);
	else
		readiness_text(b, c, detail);
}
