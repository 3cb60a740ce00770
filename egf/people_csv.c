/* people_csv.c: reading and checking the people CSV. */
#include "people.h"
#include "store_published.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csv.h"
#include "strmap.h"
#include "util.h"

enum { COL_ID, COL_NAME, COL_EMAIL, COL_TEAM, COL_MANAGER, COL_TRACK, COL_LEVEL, NCOLS };

static const char *const column_names[NCOLS] = { "id", "name", "email", "team", "manager",
	"track", "level" };
static const int column_required[NCOLS] = { 1, 1, 0, 0, 0, 1, 1 };

int
people_valid_id(const char *id)
{
	const unsigned char *p = (const unsigned char *)id;

	if (!isalnum(*p))
		return 0;
	for (p++; *p != '\0'; p++)
		if (!isalnum(*p) && *p != '.' && *p != '_' && *p != '@' && *p != '-')
			return 0;
	return (size_t)((const char *)p - id) <= 200;
}

static char **
person_field(struct store_person *p, int col)
{
	switch (col) {
	case COL_ID: return &p->id;
	case COL_NAME: return &p->name;
	case COL_EMAIL: return &p->email;
	case COL_TEAM: return &p->team;
	case COL_MANAGER: return &p->manager;
	case COL_TRACK: return &p->track;
	default: return &p->level;
	}
}

/* Maps the header's columns; -1 after diagnostics when a required one is missing. */
static int
read_header(const char *path, const struct csv_row *row, struct diag_list *dl, int map[NCOLS])
{
	size_t i;
	int c, ok = 0;

	for (c = 0; c < NCOLS; c++)
		map[c] = -1;
	for (i = 0; i < row->n; i++) {
		for (c = 0; c < NCOLS; c++)
			if (strcasecmp(row->fields[i].text, column_names[c]) == 0)
				break;
		if (c == NCOLS)
			diag_add(dl, DIAG_UNKNOWN_KEY, path, row->fields[i].line, row->fields[i].col,
			    "unknown column '%s'", row->fields[i].text);
		else if (map[c] != -1)
			diag_add(dl, DIAG_DUPLICATE_ID, path, row->fields[i].line, row->fields[i].col,
			    "column '%s' appears twice", column_names[c]);
		else
			map[c] = (int)i;
	}
	for (c = 0; c < NCOLS; c++)
		if (map[c] == -1 && column_required[c]) {
			diag_add(dl, DIAG_MISSING_FIELD, path, row->line, 1,
			    "the header has no '%s' column", column_names[c]);
			ok = -1;
		}
	return ok;
}

static void
check_row(const char *path, struct people_row *r, const struct model *m,
    struct diag_list *dl)
{
	const struct store_person *p = &r->p;
	const struct model_level *l;

	if (p->id == NULL) {
		diag_add(dl, DIAG_MISSING_FIELD, path, r->line, r->col[COL_ID], "person has no id");
		return;
	}
	if (!people_valid_id(p->id))
		diag_add(dl, DIAG_BAD_ID, path, r->line, r->col[COL_ID],
		    "person id '%s' does not match [A-Za-z0-9][A-Za-z0-9._@-]*", p->id);
	if (p->name == NULL)
		diag_add(dl, DIAG_MISSING_FIELD, path, r->line, r->col[COL_NAME],
		    "person '%s' has no name", p->id);
	if (p->track == NULL)
		diag_add(dl, DIAG_MISSING_FIELD, path, r->line, r->col[COL_TRACK],
		    "person '%s' has no track", p->id);
	else if (model_track(m, p->track) == NULL)
		diag_add(dl, DIAG_UNKNOWN_TRACK, path, r->line, r->col[COL_TRACK],
		    "unknown track '%s' in ladder %s %s", p->track, m->id, m->version);
	if (p->level == NULL)
		diag_add(dl, DIAG_MISSING_FIELD, path, r->line, r->col[COL_LEVEL],
		    "person '%s' has no level", p->id);
	else if ((l = model_level(m, p->level)) == NULL)
		diag_add(dl, DIAG_UNKNOWN_LEVEL, path, r->line, r->col[COL_LEVEL],
		    "unknown level '%s' in ladder %s %s", p->level, m->id, m->version);
	else if (p->track != NULL && model_track(m, p->track) != NULL &&
	    !model_in_career(m, model_track(m, p->track), l))
		diag_add(dl, DIAG_TRACK_MISMATCH, path, r->line, r->col[COL_LEVEL],
		    "level '%s' is in track '%s', not '%s'", p->level, l->track_id, p->track);
}

int
people_read_csv(const char *path, const struct model *m, struct diag_list *dl,
    struct people_list *out)
{
	struct csv_reader *csv = csv_open(path, dl);
	const struct csv_row *row;
	struct strmap *seen;
	int map[NCOLS], rc, c, have_header = 0;

	memset(out, 0, sizeof(*out));
	if (csv == NULL)
		return -1;
	seen = strmap_new();
	while ((rc = csv_next(csv, &row)) == 1) {
		struct people_row *r;
		const void *first;

		if (!have_header) {
			have_header = 1;
			if (read_header(path, row, dl, map) != 0)
				break;
			continue;
		}
		xgrow((void **)&out->rows, &out->cap, out->n + 1, sizeof(*out->rows));
		r = &out->rows[out->n++];
		memset(r, 0, sizeof(*r));
		r->line = row->line;
		for (c = 0; c < NCOLS; c++) {
			const struct csv_field *f;

			r->col[c] = 1;
			if (map[c] < 0)
				continue;
			if ((size_t)map[c] >= row->n) {
				diag_add(dl, DIAG_CSV_SYNTAX, path, row->line, 1,
				    "row has %zu fields; the header has more", row->n);
				break;
			}
			f = &row->fields[map[c]];
			r->col[c] = f->col;
			if (text_has_control(f->text, 1)) {
				/* as in forms: no escape sequence; line breaks are escaped on output */
				diag_add(dl, DIAG_ENCODING, path, f->line, f->col,
				    "control character in the '%s' field", column_names[c]);
				continue;
			}
			if (f->len > 0)
				*person_field(&r->p, c) = xstrdup(f->text);
		}
		check_row(path, r, m, dl);
		/* The map holds line numbers: rows move when the array grows. */
		if (r->p.id != NULL &&
		    (first = strmap_put(seen, r->p.id, (void *)(uintptr_t)r->line)) != NULL)
			diag_add(dl, DIAG_DUPLICATE_ID, path, r->line, r->col[COL_ID],
			    "person '%s' appears twice (first at line %u)", r->p.id,
			    (unsigned)(uintptr_t)first);
	}
	strmap_free(seen);
	if (rc < 0 && csv_io_error(csv)) {
		csv_close(csv);
		return -1;
	}
	if (!have_header && rc == 0)
		diag_add(dl, DIAG_MISSING_FIELD, path, 1, 1, "the file has no header row");
	csv_close(csv);
	return 0;
}

int
people_check_managers(const char *path, const struct people_list *list,
    struct store *st, struct diag_list *dl)
{
	struct strmap *ids = strmap_new();
	size_t i;
	int rc = 0;

	for (i = 0; i < list->n; i++)
		if (list->rows[i].p.id != NULL)
			strmap_put(ids, list->rows[i].p.id, &list->rows[i]);
	for (i = 0; i < list->n && rc == 0; i++) {
		const struct people_row *r = &list->rows[i];
		struct store_person found;
		int got;

		if (r->p.manager == NULL || r->p.id == NULL)
			continue;
		if (strcmp(r->p.manager, r->p.id) == 0) {
			diag_add(dl, DIAG_BAD_VALUE, path, r->line, r->col[COL_MANAGER],
			    "person '%s' is their own manager", r->p.id);
			continue;
		}
		if (strmap_get(ids, r->p.manager) != NULL)
			continue;
		got = store_person_get(st, r->p.manager, &found);
		store_person_clear(&found);
		if (got < 0)
			rc = -1;
		else if (got == 0)
			diag_add(dl, DIAG_UNKNOWN_PERSON, path, r->line, r->col[COL_MANAGER],
			    "manager '%s' is neither in this file nor in the database", r->p.manager);
	}
	strmap_free(ids);
	return rc;
}

void
people_list_clear(struct people_list *list)
{
	size_t i;

	for (i = 0; i < list->n; i++)
		store_person_clear(&list->rows[i].p);
	free(list->rows);
	memset(list, 0, sizeof(*list));
}

enum people_status
people_import(struct store *st, const char *path, struct diag_list *dl,
    struct people_import *out)
{
	struct published pub;
	struct people_list list;
	const struct model *m;
	long long rowid;
	size_t i;
	int found;
	enum people_status rc = PEOPLE_FAILED;

	memset(out, 0, sizeof(*out));
	memset(&list, 0, sizeof(list));
	published_init(&pub, st, dl);
	if ((m = published_latest(&pub, &rowid, &found)) == NULL) {
		if (!found)
			rc = PEOPLE_UNPUBLISHED;
		goto out;
	}
	if (people_read_csv(path, m, dl, &list) != 0 || store_begin(st) != 0)
		goto out;
	if (people_check_managers(path, &list, st, dl) != 0)
		goto rollback;
	if (diag_errors(dl) > 0) {
		rc = PEOPLE_INVALID;
		goto rollback;
	}
	for (i = 0; i < list.n; i++) {
		struct store_person old;
		struct store_person_in in = store_person_in(&list.rows[i].p);
		int got = store_person_get(st, in.id, &old);

		store_person_clear(&old);
		if (got < 0 || store_person_upsert(st, &in) != 0)
			goto rollback;
		out->added += got == 0;
	}
	if (store_commit(st) != 0)
		goto rollback;
	out->total = list.n;
	rc = PEOPLE_OK;
	goto out;
rollback:
	store_rollback(st);
out:
	people_list_clear(&list);
	published_clear(&pub);
	return rc;
}
