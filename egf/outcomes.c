/* outcomes.c: team outcomes, imported from CSV and read back as a team's context. */
#include "outcomes.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csv.h"
#include "evidence.h"
#include "json_text.h"
#include "strmap.h"
#include "util.h"

const char *const outcomes_dora[OUTCOMES_NDORA] = { "lead-time", "deploy-frequency",
	"change-failure-rate", "time-to-restore" };

static const char *const kinds[] = { "okr", "dora", "customer", "health", NULL };
const char *const outcomes_kinds[OUTCOMES_NKINDS] = { "okr", "dora", "customer", "health" };

int
outcomes_lower_is_better(const char *dora_name)
{
	return strcmp(dora_name, "deploy-frequency") != 0;
}

/* ---- import ---- */

enum { O_TEAM, O_CYCLE, O_KIND, O_NAME, O_VALUE, O_TARGET, O_UNIT, O_SOURCE, NOCOLS };

static const char *const column_names[NOCOLS] = { "team", "cycle", "kind", "name", "value",
	"target", "unit", "source" };
static const int column_required[NOCOLS] = { 1, 1, 1, 1, 1, 0, 0, 0 };

struct orow {
	char *cell[NOCOLS];		/* owned; NULL when empty or no column */
	unsigned col[NOCOLS];
	unsigned line;
	char *key;			/* "team\ncycle\nkind\nname", owned */
	struct store_outcome o;		/* borrows the cells */
};

struct oimport {
	const char *path;
	struct diag_list *dl;
	int map[NOCOLS];
	size_t width;			/* fields of the header */
	struct orow *rows;
	size_t n, cap;
	struct strmap *seen;		/* key -> row + 1 */
};

/* Maps the header's columns; -1 after diagnostics when the file cannot be read. */
static int
read_header(struct oimport *im, const struct csv_row *row)
{
	size_t i;
	int c, ok = 0;

	for (c = 0; c < NOCOLS; c++)
		im->map[c] = -1;
	im->width = row->n;
	for (i = 0; i < row->n; i++) {
		const struct csv_field *f = &row->fields[i];

		if (strcasecmp(f->text, "person") == 0) {
			diag_add(im->dl, DIAG_PERSON_OUTCOME, im->path, f->line, f->col,
			    "outcomes belong to teams, not to people: a 'person' column would make a "
			    "team's key results and delivery metrics the score of one person, which "
			    "measures activity and invites gaming instead of judging impact; give "
			    "each row's team (its people see the outcomes as their team's context)");
			ok = -1;
			continue;
		}
		for (c = 0; c < NOCOLS; c++)
			if (strcasecmp(f->text, column_names[c]) == 0)
				break;
		if (c == NOCOLS)
			diag_add(im->dl, DIAG_UNKNOWN_KEY, im->path, f->line, f->col,
			    "unknown column '%s' (team, cycle, kind, name, value, target, unit, "
			    "source)", f->text);
		else if (im->map[c] != -1) {
			diag_add(im->dl, DIAG_DUPLICATE_ID, im->path, f->line, f->col,
			    "column '%s' appears twice", column_names[c]);
			ok = -1;
		} else
			im->map[c] = (int)i;
	}
	for (c = 0; c < NOCOLS; c++)
		if (im->map[c] == -1 && column_required[c]) {
			diag_add(im->dl, DIAG_MISSING_FIELD, im->path, row->line, 1,
			    "the header has no '%s' column", column_names[c]);
			ok = -1;
		}
	return ok;
}

/* A number cell; 0 and *v set, or -1 after a diagnostic. */
static int
number(struct oimport *im, const struct orow *r, int c, double *v)
{
	char *end;

	*v = strtod(r->cell[c], &end);
	if (*end != '\0' || !isfinite(*v)) {
		diag_add(im->dl, DIAG_BAD_VALUE, im->path, r->line, r->col[c],
		    "%s '%s' is not a number", column_names[c], r->cell[c]);
		return -1;
	}
	return 0;
}

static void
check_row(struct oimport *im, struct orow *r)
{
	size_t k;
	int c;

	for (c = 0; c < NOCOLS; c++)
		if (column_required[c] && r->cell[c] == NULL) {
			diag_add(im->dl, DIAG_MISSING_FIELD, im->path, r->line, r->col[c],
			    "the row has no %s", column_names[c]);
			return;
		}
	if (!evidence_id_ok(r->cell[O_CYCLE]))
		diag_add(im->dl, DIAG_BAD_ID, im->path, r->line, r->col[O_CYCLE],
		    "cycle '%s' does not match [A-Za-z0-9][A-Za-z0-9._-]*", r->cell[O_CYCLE]);
	for (k = 0; kinds[k] != NULL; k++)
		if (strcmp(kinds[k], r->cell[O_KIND]) == 0)
			break;
	if (kinds[k] == NULL)
		diag_add(im->dl, DIAG_BAD_VALUE, im->path, r->line, r->col[O_KIND],
		    "kind '%s' is not okr, dora, customer or health", r->cell[O_KIND]);
	else if (strcmp(r->cell[O_KIND], "dora") == 0) {
		for (k = 0; k < OUTCOMES_NDORA; k++)
			if (strcmp(outcomes_dora[k], r->cell[O_NAME]) == 0)
				break;
		if (k == OUTCOMES_NDORA)
			diag_add(im->dl, DIAG_BAD_VALUE, im->path, r->line, r->col[O_NAME],
			    "delivery metric '%s' is not lead-time, deploy-frequency, "
			    "change-failure-rate or time-to-restore", r->cell[O_NAME]);
	} else if (strcmp(r->cell[O_KIND], "okr") == 0 && !evidence_id_ok(r->cell[O_NAME]))
		diag_add(im->dl, DIAG_BAD_ID, im->path, r->line, r->col[O_NAME],
		    "key result id '%s' does not match [A-Za-z0-9][A-Za-z0-9._-]* (forms link "
		    "to it as okr:ID)", r->cell[O_NAME]);
	number(im, r, O_VALUE, &r->o.value);
	r->o.has_target = r->cell[O_TARGET] != NULL && number(im, r, O_TARGET, &r->o.target) == 0;
	r->key = xasprintf("%s\n%s\n%s\n%s", r->cell[O_TEAM], r->cell[O_CYCLE], r->cell[O_KIND],
	    r->cell[O_NAME]);
	{
		void *first = strmap_put(im->seen, r->key, (void *)(size_t)r->line);

		if (first != NULL)
			diag_add(im->dl, DIAG_DUPLICATE_ID, im->path, r->line, r->col[O_NAME],
			    "%s '%s' of team '%s' in cycle '%s' is given twice (first at line %zu)",
			    r->cell[O_KIND], r->cell[O_NAME], r->cell[O_TEAM], r->cell[O_CYCLE],
			    (size_t)first);
	}
	r->o.team = r->cell[O_TEAM];
	r->o.cycle = r->cell[O_CYCLE];
	r->o.kind = r->cell[O_KIND];
	r->o.name = r->cell[O_NAME];
	r->o.unit = r->cell[O_UNIT];
	r->o.source = r->cell[O_SOURCE];
}

static void
add_row(struct oimport *im, const struct csv_row *row)
{
	struct orow *r;
	int c;

	xgrow((void **)&im->rows, &im->cap, im->n + 1, sizeof(*im->rows));
	r = &im->rows[im->n++];
	memset(r, 0, sizeof(*r));
	r->line = row->line;
	for (c = 0; c < NOCOLS; c++) {
		int i = im->map[c];

		r->col[c] = i >= 0 && (size_t)i < row->n ? row->fields[i].col : 1;
		if (i >= 0 && (size_t)i < row->n && row->fields[i].len > 0)
			r->cell[c] = xstrdup(row->fields[i].text);
	}
	if (row->n != im->width) {
		diag_add(im->dl, DIAG_CSV_SYNTAX, im->path, row->line, 1,
		    "row has %zu fields; the header has %zu", row->n, im->width);
		return;
	}
	check_row(im, r);
}

/* Rows of one (team, cycle) together, in file order within it. */
static int
row_cmp(const void *a, const void *b)
{
	const struct orow *x = a, *y = b;
	int c = strcmp(x->o.team, y->o.team);

	if (c == 0)
		c = strcmp(x->o.cycle, y->o.cycle);
	return c != 0 ? c : x->line < y->line ? -1 : x->line > y->line;
}

/* Stores every (team, cycle) group; -1 after a database error. */
static int
store_groups(struct store *st, struct oimport *im, size_t *groups)
{
	struct store_outcome *rows = xcalloc(im->n ? im->n : 1, sizeof(*rows));
	size_t i = 0, j;
	int revision;

	qsort(im->rows, im->n, sizeof(*im->rows), row_cmp);
	*groups = 0;
	while (i < im->n) {
		for (j = i; j < im->n && strcmp(im->rows[j].o.team, im->rows[i].o.team) == 0 &&
		    strcmp(im->rows[j].o.cycle, im->rows[i].o.cycle) == 0; j++)
			rows[j - i] = im->rows[j].o;
		if (store_cycle_ensure(st, im->rows[i].o.cycle) != 0 ||
		    store_outcomes_replace(st, im->rows[i].o.team, im->rows[i].o.cycle, rows, j - i,
		    im->path, &revision) != 0) {
			free(rows);
			return -1;
		}
		(*groups)++;
		i = j;
	}
	free(rows);
	return 0;
}

static void
free_rows(struct oimport *im)
{
	size_t i;
	int c;

	for (i = 0; i < im->n; i++) {
		for (c = 0; c < NOCOLS; c++)
			free(im->rows[i].cell[c]);
		free(im->rows[i].key);
	}
	free(im->rows);
	strmap_free(im->seen);
}

int
outcomes_import(struct store *st, const char *path, struct diag_list *dl)
{
	struct oimport im;
	struct csv_reader *csv;
	const struct csv_row *row;
	size_t errors = diag_errors(dl), groups = 0;
	int rc, header = 0, result = -1;

	memset(&im, 0, sizeof(im));
	im.path = path;
	im.dl = dl;
	im.seen = strmap_new();
	if ((csv = csv_open(path, dl)) == NULL) {
		free_rows(&im);
		return -1;
	}
	while ((rc = csv_next(csv, &row)) == 1) {
		if (!header) {
			header = 1;
			if (read_header(&im, row) != 0)
				break;
			continue;
		}
		add_row(&im, row);
	}
	if (rc < 0 && csv_io_error(csv))
		goto out;
	if (!header && rc == 0)
		diag_add(dl, DIAG_MISSING_FIELD, path, 1, 1, "the file has no header row");
	if (diag_errors(dl) > errors) {
		result = 1;
		goto out;
	}
	if (store_begin(st) != 0)
		goto out;
	if (store_groups(st, &im, &groups) != 0 || store_commit(st) != 0) {
		store_rollback(st);
		goto out;
	}
	printf("imported %s: %zu outcomes of %zu %s\n", path, im.n, groups,
	    groups == 1 ? "team and cycle" : "teams and cycles");
	result = 0;
out:
	csv_close(csv);
	free_rows(&im);
	return result;
}

/* ---- reading ---- */

struct collect {
	struct outcome **items;
	size_t *n, *cap;
};

static char *
dup_or_null(const char *s)
{
	return s != NULL && *s != '\0' ? xstrdup(s) : NULL;
}

static int
collect(const struct store_outcome *o, void *arg)
{
	struct collect *c = arg;
	struct outcome *it;

	xgrow((void **)c->items, c->cap, *c->n + 1, sizeof(**c->items));
	it = &(*c->items)[(*c->n)++];
	it->kind = xstrdup(o->kind);
	it->name = xstrdup(o->name);
	it->unit = dup_or_null(o->unit);
	it->source = dup_or_null(o->source);
	it->value = o->value;
	it->target = o->target;
	it->has_target = o->has_target;
	return 0;
}

/* The position of a measure in the order reports show them: kind, then the
 * delivery metrics in their usual order, then name. */
static int
rank(const struct outcome *o)
{
	int k, d;

	for (k = 0; k < OUTCOMES_NKINDS; k++)
		if (strcmp(outcomes_kinds[k], o->kind) == 0)
			break;
	for (d = 0; d < OUTCOMES_NDORA; d++)
		if (strcmp(outcomes_dora[d], o->name) == 0)
			break;
	return k * (OUTCOMES_NDORA + 1) + (k == 1 ? d : OUTCOMES_NDORA);
}

static int
outcome_cmp(const void *a, const void *b)
{
	const struct outcome *x = a, *y = b;
	int rx = rank(x), ry = rank(y);

	return rx != ry ? (rx < ry ? -1 : 1) : strcmp(x->name, y->name);
}

int
outcomes_load(struct store *st, const char *team, const char *cycle,
    struct team_outcomes *t)
{
	struct collect c;
	int got;

	memset(t, 0, sizeof(*t));
	t->team = xstrdup(team);
	t->cycle = xstrdup(cycle);
	c.items = &t->items;
	c.n = &t->n;
	c.cap = &t->cap;
	if (store_outcomes_each(st, cycle, team, collect, &c) != 0)
		return -1;
	if (t->n > 1)
		qsort(t->items, t->n, sizeof(*t->items), outcome_cmp);
	if ((got = store_outcomes_previous_cycle(st, team, cycle, &t->previous)) < 0)
		return -1;
	if (got == 0)
		return 0;
	c.items = &t->prev;
	c.n = &t->nprev;
	c.cap = &t->prev_cap;
	return store_outcomes_each(st, t->previous, team, collect, &c);
}

static void
free_items(struct outcome *items, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(items[i].kind);
		free(items[i].name);
		free(items[i].unit);
		free(items[i].source);
	}
	free(items);
}

void
outcomes_clear(struct team_outcomes *t)
{
	free_items(t->items, t->n);
	free_items(t->prev, t->nprev);
	free(t->team);
	free(t->cycle);
	free(t->previous);
	memset(t, 0, sizeof(*t));
}

const struct outcome *
outcomes_find(const struct outcome *items, size_t n, const char *kind, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(items[i].kind, kind) == 0 && strcmp(items[i].name, name) == 0)
			return &items[i];
	return NULL;
}

size_t
outcomes_count(const struct team_outcomes *t, const char *kind)
{
	size_t i, n = 0;

	for (i = 0; i < t->n; i++)
		n += strcmp(t->items[i].kind, kind) == 0;
	return n;
}

void
outcomes_format_value(struct buf *b, double v, const char *unit)
{
	buf_printf(b, "%.15g", v);
	if (unit != NULL)
		buf_printf(b, " %s", unit);
}

const char *
outcomes_kind_title(const char *kind)
{
	if (strcmp(kind, "okr") == 0)
		return "Key results";
	if (strcmp(kind, "dora") == 0)
		return "Delivery";
	if (strcmp(kind, "customer") == 0)
		return "Customer";
	return "Health";
}

int
outcomes_trend(const struct outcome *now, const struct outcome *before)
{
	double d = now->value - before->value;

	if (fabs(d) < 1e-12)
		return 0;
	return (d < 0) == (outcomes_lower_is_better(now->name) != 0) ? 1 : -1;
}

char *
outcomes_line(const struct team_outcomes *t, const struct outcome *o)
{
	struct buf b = {0};

	buf_printf(&b, "%s: ", o->name);
	outcomes_format_value(&b, o->value, o->unit);
	if (o->has_target) {
		buf_puts(&b, ", target ");
		outcomes_format_value(&b, o->target, o->unit);
	}
	if (strcmp(o->kind, "dora") == 0) {
		const struct outcome *p = outcomes_find(t->prev, t->nprev, "dora", o->name);

		if (p != NULL) {
			int trend = outcomes_trend(o, p);

			buf_printf(&b, "; %s: ", t->previous);
			outcomes_format_value(&b, p->value, p->unit);
			buf_printf(&b, ", %s", trend > 0 ? "better" :
			    trend < 0 ? "worse" : "the same");
		} else
			buf_puts(&b, "; no earlier cycle to compare");
	}
	if (o->source != NULL)
		buf_printf(&b, " (source: %s)", o->source);
	return buf_take(&b);
}

char *
outcomes_summary(const struct team_outcomes *t)
{
	struct buf b = {0};
	size_t i, k;

	for (k = 0; k < OUTCOMES_NKINDS; k++)
		for (i = 0; i < t->n; i++) {
			const struct outcome *o = &t->items[i], *p;

			if (strcmp(o->kind, outcomes_kinds[k]) != 0)
				continue;
			if (b.len > 0)
				buf_puts(&b, "; ");
			buf_printf(&b, "%s ", o->name);
			outcomes_format_value(&b, o->value, o->unit);
			if (o->has_target) {
				buf_puts(&b, " of ");
				outcomes_format_value(&b, o->target, o->unit);
			}
			p = strcmp(o->kind, "dora") == 0 ?
			    outcomes_find(t->prev, t->nprev, "dora", o->name) : NULL;
			if (p != NULL) {
				int trend = outcomes_trend(o, p);

				buf_printf(&b, ", %s %s", trend > 0 ? "better than" : trend < 0 ?
				    "worse than" : "the same as", t->previous);
			}
		}
	return buf_take(&b);
}

void
outcomes_json_members(struct jw *w, const struct team_outcomes *t)
{
	size_t i;

	jw_key(w, "previous_cycle");
	jw_string(w, t->previous);
	jw_key(w, "outcomes");
	jw_array_begin(w);
	for (i = 0; i < t->n; i++) {
		const struct outcome *o = &t->items[i];
		const struct outcome *p = strcmp(o->kind, "dora") == 0 ?
		    outcomes_find(t->prev, t->nprev, "dora", o->name) : NULL;
		int trend = p ? outcomes_trend(o, p) : 0;

		jw_object_begin(w);
		jw_key(w, "kind");
		jw_string(w, o->kind);
		jw_key(w, "name");
		jw_string(w, o->name);
		jw_key(w, "value");
		jw_real(w, o->value);
		jw_key(w, "target");
		if (o->has_target)
			jw_real(w, o->target);
		else
			jw_null(w);
		jw_key(w, "unit");
		jw_string(w, o->unit);
		jw_key(w, "source");
		jw_string(w, o->source);
		if (strcmp(o->kind, "dora") == 0) {
			jw_key(w, "previous");
			if (p != NULL)
				jw_real(w, p->value);
			else
				jw_null(w);
			jw_key(w, "trend");
			jw_string(w, p == NULL ? NULL : trend > 0 ? "better" : trend < 0 ?
			    "worse" : "same");
		}
		jw_object_end(w);
	}
	jw_array_end(w);
}

/* ---- egf outcomes show ---- */

/* The teams with outcomes in a cycle, in order (outcomes_show frees them). */
struct team_list {
	char **ids;
	size_t n, cap;
};

static int
add_team(const struct store_outcome *so, void *arg)
{
	struct team_list *l = arg;

	if (l->n == 0 || strcmp(l->ids[l->n - 1], so->team) != 0) {
		xgrow((void **)&l->ids, &l->cap, l->n + 1, sizeof(*l->ids));
		l->ids[l->n++] = xstrdup(so->team);
	}
	return 0;
}

static void
show_text(struct buf *b, const struct team_outcomes *t)
{
	size_t k, i;

	buf_printf(b, "%s, cycle %s\n", t->team, t->cycle);
	for (k = 0; k < OUTCOMES_NKINDS; k++) {
		if (outcomes_count(t, outcomes_kinds[k]) == 0)
			continue;
		buf_printf(b, "  %s\n", outcomes_kind_title(outcomes_kinds[k]));
		for (i = 0; i < t->n; i++)
			if (strcmp(t->items[i].kind, outcomes_kinds[k]) == 0) {
				char *line = outcomes_line(t, &t->items[i]);

				buf_printf(b, "    %s\n", line);
				free(line);
			}
	}
}

static void
show_team_json(struct jw *w, const struct team_outcomes *t)
{
	jw_object_begin(w);
	jw_key(w, "team");
	jw_string(w, t->team);
	jw_key(w, "cycle");
	jw_string(w, t->cycle);
	outcomes_json_members(w, t);
	jw_object_end(w);
}

int
outcomes_show(struct store *st, const char *cycle, const char *team,
    enum outcomes_format fmt, struct buf *out)
{
	struct team_list teams = { NULL, 0, 0 };
	struct jw w;
	size_t i;
	int rc = -1;

	if (store_outcomes_each(st, cycle, team, add_team, &teams) != 0)
		goto out;
	rc = teams.n > 0;
	if (teams.n > 0 && fmt == OUTCOMES_JSON) {
		jw_init(&w, out, 6);
		jw_array_begin(&w);
	}
	for (i = 0; i < teams.n; i++) {
		struct team_outcomes t;

		if (outcomes_load(st, teams.ids[i], cycle, &t) != 0) {
			outcomes_clear(&t);
			rc = -1;
			goto out;
		}
		if (fmt == OUTCOMES_JSON)
			show_team_json(&w, &t);
		else {
			if (i > 0)
				buf_putc(out, '\n');
			show_text(out, &t);
		}
		outcomes_clear(&t);
	}
	if (teams.n > 0 && fmt == OUTCOMES_JSON) {
		jw_array_end(&w);
		buf_putc(out, '\n');
	}
out:
	for (i = 0; i < teams.n; i++)
		free(teams.ids[i]);
	free(teams.ids);
	return rc;
}
