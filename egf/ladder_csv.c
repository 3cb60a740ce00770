/*
 * ladder_csv.c: a spreadsheet ladder (CSV) into a ladder directory.
 *
 * Reading builds the files in memory and remembers, for every line written,
 * the CSV cell or metadata line it comes from. Writing lets the ladder
 * reader and validator check those files in memory, reporting whatever they
 * find where the user can fix it (the import is clean exactly when `egf
 * lint` of the result would be), then writes the directory as a whole.
 * Slugs and escaping are ladder_csv_text.c, the metadata file
 * ladder_csv_meta.c.
 */
#include "ladder_csv.h"
#include "ladder_csv_int.h"

#include "atomic_dir.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#include "csv.h"
#include "source.h"
#include "strmap.h"

/* The path of the file an origin points into. */
static const char *
origin_path(const struct ladder_csv *lc, const struct origin *o)
{
	if (o->src == FROM_CSV)
		return lc->csv_path;
	if (o->src == FROM_META)
		return lc->meta_path;
	return (size_t)(o->src - 2) < lc->nextra ? lc->extra[o->src - 2] : lc->csv_path;
}

struct importer {
	const char *csv_path;
	struct diag_list *dl;
	struct meta *meta;	/* NULL without */
	struct lvl *levels;	/* the ladder's levels in order */
	size_t nlevels, levels_cap;
	int csv_levels;		/* the CSV defines the levels */
	const char **tracks;	/* the ladder's track ids, borrowed */
	size_t ntracks;
	const char *level_track;	/* the track of levels the CSV defines */
	char **csv_tracks;	/* the track column's values, in order of first appearance */
	size_t ncsv_tracks;
	int track_col, title_col;	/* the CSV has a track, a level_title column */
	char **attr_names;	/* the extra columns, as attribute names */
	int *attr_cols;
	size_t nattrs;
	struct strmap *bad_levels;	/* level and track names already reported */
	char **bad_names;	/* its keys, owned */
	size_t nbad;
	struct comp *comps;
	size_t ncomps, comps_cap;
	struct strmap *by_key;	/* folded name -> index + 1 */
	struct strmap *ids;	/* competency ids taken */
	size_t rows;
};

static const char *const default_tracks[] = { "ic" };

/* Generated files */

static struct gen_file *
add_file(struct ladder_csv *lc, char *rel)
{
	struct gen_file *f;

	xgrow((void **)&lc->files, &lc->cap, lc->nfiles + 1, sizeof(*lc->files));
	f = &lc->files[lc->nfiles++];
	memset(f, 0, sizeof(*f));
	f->rel = rel;
	return f;
}

/* Appends one line (the formatted text and a line feed) that comes from o. */
static void emit(struct gen_file *f, struct origin o, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
emit(struct gen_file *f, struct origin o, const char *fmt, ...)
{
	va_list ap;
	char *text;

	va_start(ap, fmt);
	text = xvasprintf(fmt, ap);
	va_end(ap);
	buf_puts(&f->text, text);
	buf_putc(&f->text, '\n');
	free(text);
	xgrow((void **)&f->lines, &f->cap, f->nlines + 1, sizeof(*f->lines));
	f->lines[f->nlines++] = o;
}

static struct origin
at_csv(unsigned line, unsigned col)
{
	struct origin o = { FROM_CSV, line, col, 0 };

	return o;
}

static struct origin
at_meta(unsigned line, int verbatim)
{
	struct origin o = { FROM_META, line, line ? 1 : 0, verbatim };

	return o;
}

/* The CSV */

enum { COL_COMPETENCY, COL_AREA, COL_LEVEL, COL_EXPECTATION, COL_DESCRIPTION, COL_TRACK,
	COL_LEVEL_TITLE, COL_EXAMPLE, COL_ORDER, NCOLS };

static const char *const column_names[NCOLS] = { "competency", "area", "level", "expectation",
	"description", "track", "level_title", "example", "order" };
/* The columns a CSV must have; the others are optional. */
static const int column_required[NCOLS] = { 1, 0, 1, 1, 0, 0, 0, 0, 0 };

/*
 * Another column becomes an attribute of every row's expectation, named by
 * its header's slug; a header with no slug, or one of an attribute taken,
 * is warned about and ignored.
 */
static void
add_attr_column(struct importer *im, const struct csv_field *f, const char *name, int col)
{
	char *slug = ladder_csv_slug(name);
	size_t k;

	for (k = 0; *slug != '\0' && k < im->nattrs; k++)
		if (strcmp(im->attr_names[k], slug) == 0)
			break;
	if (*slug == '\0' || k < im->nattrs) {
		diag_add(im->dl, DIAG_UNKNOWN_KEY, im->csv_path, f->line, f->col,
		    "column '%s' %s (ignored)", name, *slug ? "names an attribute twice" :
		    "has no name to keep it under");
		free(slug);
		return;
	}
	im->attr_names = xrealloc(im->attr_names, (im->nattrs + 1) * sizeof(*im->attr_names));
	im->attr_cols = xrealloc(im->attr_cols, (im->nattrs + 1) * sizeof(*im->attr_cols));
	im->attr_names[im->nattrs] = slug;
	im->attr_cols[im->nattrs++] = col;
}

/* Maps the header's columns; -1 after diagnostics when one is missing. */
static int
read_header(struct importer *im, const struct csv_row *row, int map[NCOLS])
{
	size_t i;
	int c, rc = 0;

	for (c = 0; c < NCOLS; c++)
		map[c] = -1;
	for (i = 0; i < row->n; i++) {
		const struct csv_field *f = &row->fields[i];
		size_t bad;
		char *name = lc_normalise(f->text, &bad);

		for (c = 0; name != NULL && c < NCOLS; c++)
			if (strcasecmp(name, column_names[c]) == 0)
				break;
		if (name == NULL)
			diag_add(im->dl, DIAG_UNKNOWN_KEY, im->csv_path, f->line, f->col,
			    "unknown column '%s' (ignored)", f->text);
		else if (c == NCOLS)
			add_attr_column(im, f, name, (int)i);
		else if (map[c] != -1)
			diag_add(im->dl, DIAG_DUPLICATE_ID, im->csv_path, f->line, f->col,
			    "column '%s' appears twice (first at column %u)", column_names[c],
			    row->fields[map[c]].col);
		else
			map[c] = (int)i;
		free(name);
	}
	for (c = 0; c < NCOLS; c++)
		if (map[c] == -1 && column_required[c]) {
			diag_add(im->dl, DIAG_MISSING_FIELD, im->csv_path, row->line, 1,
			    "the header has no '%s' column", column_names[c]);
			rc = -1;
		}
	im->track_col = map[COL_TRACK] >= 0;
	im->title_col = map[COL_LEVEL_TITLE] >= 0;
	return rc;
}

static struct lvl *
add_level(struct importer *im, const char *id, const char *title, const char *track)
{
	struct lvl *l;

	xgrow((void **)&im->levels, &im->levels_cap, im->nlevels + 1, sizeof(*im->levels));
	l = &im->levels[im->nlevels++];
	memset(l, 0, sizeof(*l));
	l->id = xstrdup(id);
	l->title = xstrdup(title);
	l->track = xstrdup(track);
	return l;
}

/* Records a bad name, reported once; the importer owns the copy. */
static void
remember_bad(struct importer *im, const char *name)
{
	char *copy = xstrdup(name);

	im->bad_names = xrealloc(im->bad_names, (im->nbad + 1) * sizeof(*im->bad_names));
	im->bad_names[im->nbad++] = copy;
	strmap_put(im->bad_levels, copy, copy);
}

/* The track a row's track cell names (the default when empty), or NULL after a diagnostic. */
static const char *
row_track(struct importer *im, const char *track, const struct csv_field *f)
{
	size_t i;

	if (track == NULL || *track == '\0') {
		if (!im->track_col || (im->meta != NULL && im->meta->present[MK_TRACKS]))
			return im->level_track;
		track = im->level_track;	/* listed among the CSV's tracks where first used */
	}
	if (im->meta != NULL && im->meta->present[MK_TRACKS]) {
		for (i = 0; i < im->ntracks; i++)
			if (strcmp(im->tracks[i], track) == 0)
				return im->tracks[i];
		diag_add(im->dl, DIAG_UNKNOWN_TRACK, im->csv_path, f->line, f->col,
		    "unknown track '%s' (not in %s)", track, im->meta->path);
		return NULL;
	}
	for (i = 0; i < im->ncsv_tracks; i++)
		if (strcmp(im->csv_tracks[i], track) == 0)
			return im->csv_tracks[i];
	if (!lc_valid_level_id(track) || (*track >= 'A' && *track <= 'Z') ||
	    strpbrk(track, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != NULL) {
		if (strmap_get(im->bad_levels, track) == NULL) {
			remember_bad(im, track);
			diag_add(im->dl, DIAG_BAD_ID, im->csv_path, f->line, f->col,
			    "track '%s' does not match [a-z0-9][a-z0-9._-]*", track);
		}
		return NULL;
	}
	im->csv_tracks = xrealloc(im->csv_tracks, (im->ncsv_tracks + 1) * sizeof(*im->csv_tracks));
	im->csv_tracks[im->ncsv_tracks] = xstrdup(track);
	return im->csv_tracks[im->ncsv_tracks++];
}

/*
 * The index of the level a cell names, or -1 after a diagnostic. Where the
 * CSV defines the levels, the first row naming one gives its track and
 * title (track and level_title cells); a later row saying otherwise is an
 * error at its cell. A bad level name is reported once, at its first row.
 */
static long
resolve_level(struct importer *im, const char *name, const struct csv_field *f,
    const char *track, const struct csv_field *tf, const char *title,
    const struct csv_field *titf)
{
	size_t i;

	for (i = 0; i < im->nlevels; i++)
		if (strcmp(im->levels[i].id, name) == 0)
			break;
	if (i < im->nlevels && im->csv_levels) {
		struct lvl *l = &im->levels[i];

		if (track != NULL && *track != '\0' && strcmp(track, l->track) != 0) {
			diag_add(im->dl, DIAG_BAD_VALUE, im->csv_path, tf->line, tf->col,
			    "level '%s' is in track '%s' (line %u); this row says '%s'", name,
			    l->track, l->line, track);
			return -1;
		}
		if (title != NULL && *title != '\0' && strcmp(title, l->title) != 0) {
			if (l->title_line == 0) {
				free(l->title);
				l->title = xstrdup(title);
				l->title_line = titf->line;
			} else {
				diag_add(im->dl, DIAG_BAD_VALUE, im->csv_path, titf->line, titf->col,
				    "level '%s' is titled '%s' (line %u); this row says '%s'", name,
				    l->title, l->title_line, title);
				return -1;
			}
		}
		return (long)i;
	}
	if (i < im->nlevels)
		return (long)i;
	if (im->csv_levels) {
		struct lvl *l;
		const char *t;

		if (!lc_valid_level_id(name)) {
			if (strmap_get(im->bad_levels, name) == NULL) {
				remember_bad(im, name);
				diag_add(im->dl, DIAG_BAD_ID, im->csv_path, f->line, f->col,
				    "level '%s' does not match [A-Za-z0-9][A-Za-z0-9._-]* (give levels "
				    "ids and titles with --ladder-meta)", name);
			}
			return -1;
		}
		if ((t = row_track(im, track, tf)) == NULL)
			return -1;
		l = add_level(im, name, title != NULL && *title != '\0' ? title : name, t);
		l->line = f->line;
		l->col = f->col;
		if (title != NULL && *title != '\0')
			l->title_line = titf->line;
		return (long)im->nlevels - 1;
	}
	for (i = 0; i < im->nlevels; i++)
		if (strcasecmp(im->levels[i].title, name) == 0) {
			size_t k;

			for (k = i + 1; k < im->nlevels; k++)
				if (strcasecmp(im->levels[k].title, name) == 0) {
					diag_add(im->dl, DIAG_BAD_VALUE, im->csv_path, f->line, f->col,
					    "'%s' is the title of levels %s and %s; name the level "
					    "by its id", name, im->levels[i].id, im->levels[k].id);
					return -1;
				}
			return (long)i;
		}
	for (i = 0; i < im->nlevels; i++)
		if (strcasecmp(im->levels[i].id, name) == 0)
			return (long)i;
	diag_add(im->dl, DIAG_UNKNOWN_LEVEL, im->csv_path, f->line, f->col,
	    "level '%s' is neither the id nor the title of a level in %s", name,
	    im->meta->path);
	return -1;
}

static struct comp *
find_competency(struct importer *im, const char *name, const struct csv_field *f,
    const struct csv_field *area)
{
	char *key = lc_fold_name(name);
	void *found = strmap_get(im->by_key, key);
	struct comp *c;
	char *slug, *id;
	unsigned k;

	if (found != NULL) {
		free(key);
		return &im->comps[(uintptr_t)found - 1];
	}
	slug = ladder_csv_slug(name);
	if (*slug == '\0') {
		free(slug);
		slug = xstrdup("competency");
	}
	id = xstrdup(slug);
	for (k = 2; strmap_get(im->ids, id) != NULL; k++) {
		free(id);
		id = xasprintf("%s-%u", slug, k);
	}
	free(slug);
	xgrow((void **)&im->comps, &im->comps_cap, im->ncomps + 1, sizeof(*im->comps));
	c = &im->comps[im->ncomps++];
	memset(c, 0, sizeof(*c));
	c->title = xstrdup(name);
	c->key = key;
	c->id = id;
	c->line = f->line;
	c->col = f->col;
	c->area_line = area->line;
	c->area_col = area->col;
	strmap_put(im->by_key, c->key, (void *)(uintptr_t)im->ncomps);
	strmap_put(im->ids, c->id, (void *)(uintptr_t)im->ncomps);
	return c;
}

static void
set_area(struct importer *im, struct comp *c, const char *area, const struct csv_field *f)
{
	if (*area == '\0')
		return;
	if (c->area == NULL) {
		c->area = xstrdup(area);
		c->area_line = f->line;
		c->area_col = f->col;
	} else if (strcmp(c->area, area) != 0)
		diag_add(im->dl, DIAG_BAD_VALUE, im->csv_path, f->line, f->col,
		    "competency '%s' is in area '%s' (line %u); this row says '%s'", c->title,
		    c->area, c->area_line, area);
}

/* The first non-empty value of a per-competency cell; a different later one is an error. */
static void
set_once(struct importer *im, const struct comp *c, char **slot, unsigned *line,
    unsigned *col, const char *what, const char *value, const struct csv_field *f)
{
	if (value == NULL || *value == '\0')
		return;
	if (*slot == NULL) {
		*slot = xstrdup(value);
		*line = f->line;
		*col = f->col;
	} else if (strcmp(*slot, value) != 0)
		diag_add(im->dl, DIAG_BAD_VALUE, im->csv_path, f->line, f->col,
		    "competency '%s' has another %s at line %u", c->title, what, *line);
}

static void
set_order(struct importer *im, struct comp *c, const char *value, const struct csv_field *f)
{
	char *end;
	long n;

	if (value == NULL || *value == '\0')
		return;
	errno = 0;
	n = strtol(value, &end, 10);
	if (*end != '\0' || errno != 0) {
		diag_add(im->dl, DIAG_BAD_VALUE, im->csv_path, f->line, f->col,
		    "order '%s' is not a whole number", value);
		return;
	}
	if (!c->has_order) {
		c->has_order = 1;
		c->order = n;
		c->order_line = f->line;
		c->order_col = f->col;
	} else if (c->order != n)
		diag_add(im->dl, DIAG_BAD_VALUE, im->csv_path, f->line, f->col,
		    "competency '%s' has order %ld at line %u", c->title, c->order, c->order_line);
}

/* Cells that keep their line breaks: paragraphs, list items, one example a line. */
static const int column_lines[NCOLS] = { 0, 0, 0, 1, 1, 0, 0, 1, 0 };

/* A cell, normalised; NULL after a diagnostic. */
static char *
read_cell(struct importer *im, const struct csv_field *f, const char *name, int lines)
{
	size_t bad;
	char *cell = lines ? lc_normalise_lines(f->text, &bad) : lc_normalise(f->text, &bad);

	if (cell == NULL)
		diag_add(im->dl, DIAG_ENCODING, im->csv_path, f->line, f->col,
		    "control character (byte 0x%02x) in the %s cell",
		    (unsigned char)f->text[bad], name);
	return cell;
}

static void
read_row(struct importer *im, const struct csv_row *row, const int map[NCOLS], size_t ncols)
{
	const struct csv_field *f[NCOLS];
	char *cell[NCOLS];
	char **attrs = NULL;
	struct comp *c;
	struct cexp *e;
	long level;
	size_t k;
	int i, ok = 1;

	if (row->n != ncols) {
		diag_add(im->dl, DIAG_CSV_SYNTAX, im->csv_path, row->line, 1,
		    "row has %zu field%s; the header has %zu", row->n, row->n == 1 ? "" : "s",
		    ncols);
		return;
	}
	im->rows++;
	for (i = 0; i < NCOLS; i++) {
		f[i] = map[i] >= 0 ? &row->fields[map[i]] : NULL;
		cell[i] = NULL;
		if (f[i] == NULL)
			continue;
		if ((cell[i] = read_cell(im, f[i], column_names[i], column_lines[i])) == NULL)
			ok = 0;
		else if (*cell[i] == '\0' && column_required[i]) {
			diag_add(im->dl, DIAG_MISSING_FIELD, im->csv_path, f[i]->line, f[i]->col,
			    "empty %s cell", column_names[i]);
			ok = 0;
		}
	}
	if (im->nattrs > 0)
		attrs = xcalloc(im->nattrs, sizeof(*attrs));
	for (k = 0; k < im->nattrs; k++)
		if ((attrs[k] = read_cell(im, &row->fields[im->attr_cols[k]], im->attr_names[k],
		    0)) == NULL)
			ok = 0;
	if (ok && (level = resolve_level(im, cell[COL_LEVEL], f[COL_LEVEL], cell[COL_TRACK],
	    f[COL_TRACK], cell[COL_LEVEL_TITLE], f[COL_LEVEL_TITLE])) >= 0) {
		if (!im->csv_levels && cell[COL_TRACK] != NULL && *cell[COL_TRACK] != '\0' &&
		    strcmp(cell[COL_TRACK], im->levels[level].track) != 0)
			diag_add(im->dl, DIAG_TRACK_MISMATCH, im->csv_path, f[COL_TRACK]->line,
			    f[COL_TRACK]->col, "level '%s' is in track '%s', not '%s'",
			    im->levels[level].id, im->levels[level].track, cell[COL_TRACK]);
		c = find_competency(im, cell[COL_COMPETENCY], f[COL_COMPETENCY],
		    f[COL_AREA] ? f[COL_AREA] : f[COL_COMPETENCY]);
		if (f[COL_AREA] != NULL)
			set_area(im, c, cell[COL_AREA], f[COL_AREA]);
		if (f[COL_DESCRIPTION] != NULL)
			set_once(im, c, &c->description, &c->desc_line, &c->desc_col, "description",
			    cell[COL_DESCRIPTION], f[COL_DESCRIPTION]);
		if (f[COL_ORDER] != NULL)
			set_order(im, c, cell[COL_ORDER], f[COL_ORDER]);
		xgrow((void **)&c->exps, &c->cap, c->n + 1, sizeof(*c->exps));
		e = &c->exps[c->n++];
		memset(e, 0, sizeof(*e));
		e->level = (size_t)level;
		e->text = cell[COL_EXPECTATION];
		cell[COL_EXPECTATION] = NULL;
		if (cell[COL_EXAMPLE] != NULL && *cell[COL_EXAMPLE] != '\0') {
			e->example = cell[COL_EXAMPLE];
			cell[COL_EXAMPLE] = NULL;
		}
		e->attr_values = attrs;
		attrs = NULL;
		e->line = f[COL_EXPECTATION]->line;
		e->col = f[COL_EXPECTATION]->col;
		e->level_line = f[COL_LEVEL]->line;
		e->level_col = f[COL_LEVEL]->col;
	}
	for (i = 0; i < NCOLS; i++)
		free(cell[i]);
	for (k = 0; attrs != NULL && k < im->nattrs; k++)
		free(attrs[k]);
	free(attrs);
}

static enum ladder_status
read_rows(struct importer *im)
{
	struct csv_reader *r = csv_open(im->csv_path, im->dl);
	const struct csv_row *row;
	int map[NCOLS], rc, header = 0, header_ok = 0;
	size_t ncols = 0;
	unsigned header_line = 1;

	if (r == NULL)
		return LADDER_IO;
	while ((rc = csv_next(r, &row)) == 1) {
		if (header) {
			if (header_ok)
				read_row(im, row, map, ncols);
			continue;
		}
		header = 1;
		ncols = row->n;
		header_line = row->line;
		header_ok = read_header(im, row, map) == 0;
	}
	if (rc < 0 && csv_io_error(r)) {
		csv_close(r);
		return LADDER_IO;
	}
	csv_close(r);
	if (rc == 0 && !header)
		diag_add(im->dl, DIAG_MISSING_FIELD, im->csv_path, 1, 1,
		    "the file has no header row");
	else if (rc == 0 && header_ok && im->rows == 0)
		diag_add(im->dl, DIAG_MISSING_FIELD, im->csv_path, header_line, 1,
		    "the file has no rows after the header");
	return LADDER_OK;
}

/* Writing the files */

/* The file name of path; borrowed. */
static const char *
base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* The file name of path without its extension; the caller frees it. */
static char *
stem(const char *path)
{
	const char *base = base_name(path), *dot = strrchr(base, '.');

	return xstrndup(base, dot && dot != base ? (size_t)(dot - base) : strlen(base));
}

/* The default title: the file name without extension, '-' and '_' as spaces. */
static char *
default_title(const char *path)
{
	char *t = stem(path), *p;

	for (p = t; *p != '\0'; p++)
		if (*p == '-' || *p == '_')
			*p = ' ';
	if (t[0] >= 'a' && t[0] <= 'z')
		t[0] = (char)(t[0] - 'a' + 'A');
	return t;
}

static void
emit_quoted(struct gen_file *f, struct origin o, const char *prefix, const char *value)
{
	struct buf b = {0};

	buf_puts(&b, prefix);
	lc_yaml_quoted(&b, value);
	emit(f, o, "%s", b.data);
	buf_free(&b);
}

static void
emit_levels(const struct importer *im, struct gen_file *f, struct origin none)
{
	size_t i;

	emit(f, none, "levels:");
	for (i = 0; i < im->nlevels; i++) {
		const struct lvl *l = &im->levels[i];
		struct buf b = {0};

		buf_printf(&b, "  - {id: %s, title: ", l->id);
		lc_yaml_quoted(&b, l->title);
		buf_printf(&b, ", track: %s}", l->track);
		emit(f, l->line ? at_csv(l->line, l->col) : none, "%s", b.data);
		buf_free(&b);
	}
}

/* The front matter fields the metadata does not give (all of them without metadata). */
static void
emit_defaults(const struct importer *im, struct gen_file *f, struct origin none)
{
	const struct meta *mt = im->meta;
	int has[MK__MAX] = { 0 };
	int k;

	for (k = 0; mt != NULL && k < MK__MAX; k++)
		has[k] = mt->present[k];
	if (!has[MK_ID]) {
		char *name = stem(im->csv_path);
		char *slug = ladder_csv_slug(name);

		emit(f, none, "id: %s", *slug ? slug : "ladder");
		free(slug);
		free(name);
	}
	if (!has[MK_TITLE]) {
		char *title = default_title(im->csv_path);

		emit_quoted(f, none, "title: ", title);
		free(title);
	}
	if (!has[MK_VERSION])
		emit(f, none, "version: \"1\"");
	if (!has[MK_SCALE] || !has[MK_PROMOTION])
		diag_add(im->dl, DIAG_DEFAULTED, mt && mt->present[MK_ID] ? mt->path : im->csv_path,
		    0, 0, "no %s given: egf's default%s written (%s); give %s with --ladder-meta",
		    !has[MK_SCALE] && !has[MK_PROMOTION] ? "rating scale or promotion rule" :
		    !has[MK_SCALE] ? "rating scale" : "promotion rule",
		    !has[MK_SCALE] && !has[MK_PROMOTION] ? "s are" : " is",
		    !has[MK_SCALE] && !has[MK_PROMOTION] ?
		    "not-yet, developing, meets, exceeds; ready at 80% rated meets" :
		    !has[MK_SCALE] ? "not-yet, developing, meets, exceeds" : "ready at 80% rated meets",
		    !has[MK_SCALE] && !has[MK_PROMOTION] ? "them" : "it");
	if (!has[MK_SCALE]) {
		emit(f, none, "scale:");
		emit(f, none, "  - {id: not-yet, label: Not yet, value: 0}");
		emit(f, none, "  - {id: developing, label: Developing, value: 1}");
		emit(f, none, "  - {id: meets, label: Meets, value: 2}");
		emit(f, none, "  - {id: exceeds, label: Exceeds, value: 3}");
		if (!has[MK_MEETS])
			emit(f, none, "meets: meets");
	}
	if (!has[MK_PROMOTION]) {
		emit(f, none, "promotion:");
		emit(f, none, "  threshold: 0.8");
	}
	if (!has[MK_TRACKS] && !has[MK_LEVELS]) {
		size_t t;

		emit(f, none, "tracks:");
		for (t = 0; t < im->ntracks; t++)
			emit(f, none, "  - {id: %s, title: %s}", im->tracks[t],
			    strcmp(im->tracks[t], default_tracks[0]) == 0 ? "Individual contributor" :
			    im->tracks[t]);
	}
	if (!has[MK_LEVELS])
		emit_levels(im, f, none);
}

/* Copies lines [start, end) of the metadata, each from its own line. */
static void
emit_verbatim(struct gen_file *f, const struct meta *mt, size_t start, size_t end,
    unsigned line)
{
	const char *p = mt->data + start, *stop = mt->data + end;

	while (p < stop) {
		size_t n = lc_line_len(p, stop), keep = n;

		if (keep > 0 && p[keep - 1] == '\r')
			keep--;
		emit(f, at_meta(line++, 1), "%.*s", (int)keep, p);
		p += n + (p + n < stop);
	}
}

static void
build_ladder_md(const struct importer *im, struct ladder_csv *lc)
{
	struct gen_file *f = add_file(lc, xstrdup("ladder.md"));
	const struct meta *mt = im->meta;
	struct origin none = mt ? at_meta(0, 0) : at_csv(0, 0);

	emit(f, mt && mt->opener ? at_meta(1, 1) : none, "---");
	if (mt != NULL)
		emit_verbatim(f, mt, mt->yaml_start, mt->yaml_end, mt->yaml_line);
	emit_defaults(im, f, none);
	emit(f, none, "---");
	if (mt != NULL && mt->has_body)
		emit_verbatim(f, mt, mt->body_start, mt->len, mt->body_line);
	else {
		struct buf b = {0};

		buf_puts(&b, "Imported from ");
		ladder_csv_md_plain(&b, base_name(im->csv_path));
		buf_puts(&b, " by egf import-csv.");
		emit(f, none, "%s", b.data);
		buf_free(&b);
	}
}

/* The position of level i within its track. */
static size_t
level_rank(const struct importer *im, size_t i)
{
	size_t k, rank = 0;

	for (k = 0; k < i; k++)
		if (strcmp(im->levels[k].track, im->levels[i].track) == 0)
			rank++;
	return rank;
}

/* The tracks: and from: lines, where the defaults (all tracks, first levels) do not fit. */
static void
emit_applies(const struct importer *im, const struct comp *c, struct gen_file *f,
    struct origin at)
{
	struct buf tracks = {0}, from = {0};
	size_t t, i, ntracks = 0, nfrom = 0;

	for (t = 0; t < im->ntracks; t++) {
		long first = -1;

		for (i = 0; i < c->n; i++)
			if (strcmp(im->levels[c->exps[i].level].track, im->tracks[t]) == 0 &&
			    (first < 0 || c->exps[i].level < (size_t)first))
				first = (long)c->exps[i].level;
		if (first < 0)
			continue;
		buf_printf(&tracks, "%s%s", ntracks++ ? ", " : "", im->tracks[t]);
		if (level_rank(im, (size_t)first) > 0)
			buf_printf(&from, "%s%s", nfrom++ ? ", " : "", im->levels[first].id);
	}
	if (ntracks > 0 && ntracks < im->ntracks)
		emit(f, at, "tracks: [%s]", tracks.data);
	if (nfrom == 1)
		emit(f, at, "from: %s", from.data);
	else if (nfrom > 1)
		emit(f, at, "from: [%s]", from.data);
	buf_free(&tracks);
	buf_free(&from);
}

/*
 * The {...} ending an expectation's first line: its attribute columns'
 * values, and its id where its first line ends in '}' (which would
 * otherwise be read as attributes or an id). Empty when neither.
 */
static void
item_attrs(const struct importer *im, const struct comp *c, const struct cexp *e, size_t n,
    struct buf *b)
{
	size_t k, len = strcspn(e->text, "\n");
	int any = 0;

	b->len = 0;
	buf_puts(b, "{");
	if (len > 0 && e->text[len - 1] == '}') {
		char *id = xasprintf("%s.%s.%zu", c->id, im->levels[e->level].id, n), *p;

		for (p = id; *p != '\0'; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p - 'A' + 'a');
		buf_printf(b, "#%s", id);
		free(id);
		any = 1;
	}
	for (k = 0; e->attr_values != NULL && k < im->nattrs; k++) {
		if (e->attr_values[k] == NULL || *e->attr_values[k] == '\0')
			continue;
		buf_printf(b, "%s%s=\"", any ? " " : "", im->attr_names[k]);
		ladder_csv_md_plain(b, e->attr_values[k]);
		buf_putc(b, '"');
		any = 1;
	}
	buf_putc(b, '}');
	if (!any) {
		b->len = 0;
		b->data[0] = '\0';
	}
}

static void
build_competency(const struct importer *im, const struct comp *c, struct ladder_csv *lc)
{
	struct gen_file *f = add_file(lc, xasprintf("competencies/%s.md", c->id));
	struct origin at = at_csv(c->line, c->col);
	struct buf b = {0}, attrs = {0};
	size_t l, i;

	emit(f, at, "---");
	emit(f, at, "id: %s", c->id);
	if (c->area != NULL)
		emit_quoted(f, at_csv(c->area_line, c->area_col), "area: ", c->area);
	if (c->has_order)
		emit(f, at_csv(c->order_line, c->order_col), "order: %ld", c->order);
	else	/* the order in which the CSV first names them */
		emit(f, at, "order: %zu", (size_t)(c - im->comps) + 1);
	emit_applies(im, c, f, at);
	emit(f, at, "---");
	ladder_csv_md_plain(&b, c->title);
	emit(f, at, "# %s", b.data);
	if (c->description != NULL) {
		b.len = 0;
		buf_putc(&b, '\n');
		ladder_gen_md_item(&b, c->description, 0, NULL);
		ladder_gen_lines(f, FROM_CSV, c->desc_line, c->desc_col, b.data);
	}
	for (l = 0; l < im->nlevels; l++) {
		size_t n = 0;

		for (i = 0; i < c->n; i++) {
			const struct cexp *e = &c->exps[i];

			if (e->level != l)
				continue;
			if (n++ == 0) {
				struct origin head = at_csv(e->level_line, e->level_col);

				b.len = 0;
				ladder_csv_md_plain(&b, im->levels[l].id);
				emit(f, head, "%s", "");
				emit(f, head, "## %s", b.data);
				emit(f, head, "%s", "");
			}
			b.len = 0;
			buf_puts(&b, "- ");
			item_attrs(im, c, e, n, &attrs);
			ladder_gen_md_item(&b, e->text, 0, attrs.data);
			if (e->example != NULL) {
				char *copy = xstrdup(e->example), *line, *save = NULL;
				const char **list = xcalloc(strlen(copy) + 1, sizeof(*list));
				size_t nex = 0;

				for (line = strtok_r(copy, "\n", &save); line != NULL;
				    line = strtok_r(NULL, "\n", &save))
					list[nex++] = line;
				ladder_gen_md_examples(&b, list, nex, 0);
				free(list);
				free(copy);
			}
			ladder_gen_lines(f, FROM_CSV, e->line, e->col, b.data);
		}
	}
	buf_free(&b);
	buf_free(&attrs);
}

static void
importer_clear(struct importer *im)
{
	size_t i, k;

	for (i = 0; i < im->ncomps; i++) {
		struct comp *c = &im->comps[i];

		for (k = 0; k < c->n; k++) {
			size_t a;

			free(c->exps[k].text);
			free(c->exps[k].example);
			for (a = 0; c->exps[k].attr_values != NULL && a < im->nattrs; a++)
				free(c->exps[k].attr_values[a]);
			free(c->exps[k].attr_values);
		}
		free(c->exps);
		free(c->title);
		free(c->key);
		free(c->id);
		free(c->area);
		free(c->description);
	}
	free(im->comps);
	for (i = 0; i < im->ncsv_tracks; i++)
		free(im->csv_tracks[i]);
	free(im->csv_tracks);
	for (i = 0; i < im->nattrs; i++)
		free(im->attr_names[i]);
	free(im->attr_names);
	free(im->attr_cols);
	strmap_free(im->bad_levels);
	for (i = 0; i < im->nbad; i++)
		free(im->bad_names[i]);
	free(im->bad_names);
	for (i = 0; i < im->nlevels; i++) {
		free(im->levels[i].id);
		free(im->levels[i].title);
		free(im->levels[i].track);
	}
	free(im->levels);
	strmap_free(im->by_key);
	strmap_free(im->ids);
}

/* The levels and tracks the import works with, from the metadata or the defaults. */
static void
plan_levels(struct importer *im)
{
	const struct meta *mt = im->meta;
	size_t i;

	if (mt != NULL && mt->present[MK_TRACKS]) {
		im->tracks = (const char **)mt->tracks;
		im->ntracks = mt->ntracks;
	} else {
		im->tracks = (const char **)default_tracks;
		im->ntracks = NELEM(default_tracks);
	}
	im->level_track = im->ntracks > 0 ? im->tracks[0] : default_tracks[0];
	im->csv_levels = mt == NULL || !mt->present[MK_LEVELS];
	if (!im->csv_levels)
		for (i = 0; i < mt->nlevels; i++)
			add_level(im, mt->levels[i].id, mt->levels[i].title, mt->levels[i].track);
}

enum ladder_status
ladder_csv_read(const char *csv_path, const char *meta_path, struct diag_list *dl,
    struct ladder_csv **out)
{
	struct importer im;
	struct meta mt;
	struct ladder_csv *lc = NULL;
	size_t errors = diag_errors(dl), i;
	enum ladder_status st = LADDER_OK;

	*out = NULL;
	memset(&im, 0, sizeof(im));
	memset(&mt, 0, sizeof(mt));
	im.csv_path = csv_path;
	im.dl = dl;
	im.by_key = strmap_new();
	im.ids = strmap_new();
	im.bad_levels = strmap_new();
	if (meta_path != NULL) {
		im.meta = &mt;
		if ((st = lc_meta_read(&mt, meta_path, dl)) != LADDER_OK)
			goto err;
	}
	plan_levels(&im);
	if ((st = read_rows(&im)) != LADDER_OK)
		goto err;
	if (im.track_col && (mt.present[MK_TRACKS] == 0) && im.ncsv_tracks > 0) {
		im.tracks = (const char **)im.csv_tracks;
		im.ntracks = im.ncsv_tracks;
	}
	if (diag_errors(dl) > errors) {
		st = LADDER_INVALID;
		goto err;
	}
	lc = xcalloc(1, sizeof(*lc));
	lc->csv_path = xstrdup(csv_path);
	lc->meta_path = meta_path ? xstrdup(meta_path) : NULL;
	build_ladder_md(&im, lc);
	for (i = 0; i < im.ncomps; i++)
		build_competency(&im, &im.comps[i], lc);
	*out = lc;
err:
	importer_clear(&im);
	lc_meta_clear(&mt);
	return st;
}

void
ladder_csv_free(struct ladder_csv *lc)
{
	size_t i;

	if (lc == NULL)
		return;
	for (i = 0; i < lc->nfiles; i++) {
		free(lc->files[i].rel);
		buf_free(&lc->files[i].text);
		free(lc->files[i].lines);
	}
	free(lc->files);
	free(lc->csv_path);
	free(lc->meta_path);
	for (i = 0; i < lc->nextra; i++)
		free(lc->extra[i]);
	free(lc->extra);
	free(lc);
}

/* Ladders built by the importers */

struct ladder_csv *
ladder_gen_new(void)
{
	return xcalloc(1, sizeof(struct ladder_csv));
}

int
ladder_gen_source(struct ladder_csv *lc, const char *path)
{
	size_t cap = lc->nextra;

	if (lc->csv_path == NULL) {
		lc->csv_path = xstrdup(path);
		return FROM_CSV;
	}
	xgrow((void **)&lc->extra, &cap, lc->nextra + 1, sizeof(*lc->extra));
	lc->extra[lc->nextra++] = xstrdup(path);
	return (int)lc->nextra + 1;
}

struct gen_file *
ladder_gen_file(struct ladder_csv *lc, const char *rel)
{
	return add_file(lc, xstrdup(rel));
}

void
ladder_gen_lines(struct gen_file *f, int src, unsigned line, unsigned col, const char *text)
{
	struct origin o = { src, line, line ? col : 0, 0 };
	const char *p = text, *nl;

	for (;;) {
		nl = strchr(p, '\n');
		emit(f, o, "%.*s", (int)(nl ? (size_t)(nl - p) : strlen(p)), p);
		if (nl == NULL)
			break;
		p = nl + 1;
	}
}

/* Directories */

int
ladder_csv_dir_state(const char *path)
{
	return atomic_dir_state(path);
}

/* Writes the generated files into the staging directory; -1 after printing why. */
static int
stage_files(const struct ladder_csv *lc, struct atomic_dir *d)
{
	char *path = path_join(atomic_dir_stage(d), "competencies");
	size_t i;

	/* there even when no competency was read, as a ladder directory has it */
	if (mkdir(path, 0777) != 0) {
		fprintf(stderr, "egf: %s: %s\n", path, strerror(errno));
		free(path);
		return -1;
	}
	free(path);
	for (i = 0; i < lc->nfiles; i++) {
		const struct gen_file *f = &lc->files[i];

		if (atomic_dir_add(d, f->rel, f->text.data, f->text.len) != 0) {
			fprintf(stderr, "egf: %s/%s: %s\n", atomic_dir_stage(d), f->rel,
			    strerror(errno));
			return -1;
		}
	}
	return 0;
}

/* Where a line of a generated file comes from; NULL for a file the import did not write. */
static const struct origin *
origin_of(const struct ladder_csv *lc, const char *rel, unsigned line)
{
	size_t i;

	for (i = 0; i < lc->nfiles; i++) {
		const struct gen_file *f = &lc->files[i];

		if (strcmp(f->rel, rel) != 0 || f->nlines == 0)
			continue;
		if (line == 0)
			line = 1;
		return &f->lines[line <= f->nlines ? line - 1 : f->nlines - 1];
	}
	return NULL;
}

struct origin_arg {
	const struct ladder_csv *lc;
	const char *dir;
};

/*
 * The ladder_origin of the generated files: a position in one of them is
 * reported at the CSV cell, metadata or source line its line was made from
 * (the column carried over for lines copied verbatim).
 */
static char *
map_origin(void *arg, const char *rel, unsigned *line, unsigned *col)
{
	const struct origin_arg *a = arg;
	const struct origin *o = origin_of(a->lc, rel, *line);

	if (o == NULL)
		return path_join(a->dir, rel);
	if (o->line == 0 || *line == 0)
		*line = *col = 0;
	else {
		*line = o->line;
		if (!o->verbatim)
			*col = o->col;
	}
	return xstrdup(origin_path(a->lc, o));
}

/* Runs the ladder checks on the generated files in memory; reports at the origins. */
static void
check_files(const struct ladder_csv *lc, const char *dir, struct diag_list *dl)
{
	struct ladder_file *files = xcalloc(lc->nfiles ? lc->nfiles : 1, sizeof(*files));
	struct origin_arg arg = { lc, dir };
	struct ladder_origin origin = { map_origin, &arg };
	struct model *m = NULL;
	size_t i;

	for (i = 0; i < lc->nfiles; i++) {
		files[i].rel = lc->files[i].rel;
		files[i].data = lc->files[i].text.data ? lc->files[i].text.data : "";
		files[i].len = lc->files[i].text.len;
	}
	ladder_load_files(files, lc->nfiles, dir, &origin, dl, &m);
	model_free(m);
	free(files);
}

/* A non-empty directory that --force lets the import replace. */
static int
forced(const char *path)
{
	(void)path;
	return 1;
}

enum ladder_status
ladder_csv_write(const struct ladder_csv *lc, const char *dir, int replace,
    struct diag_list *dl)
{
	size_t errors = diag_errors(dl);
	struct atomic_dir *d;

	check_files(lc, dir, dl);
	if (diag_errors(dl) > errors)
		return LADDER_INVALID;
	if ((d = atomic_dir_open(dir)) == NULL) {
		fprintf(stderr, "egf: %s: cannot create a directory beside it: %s\n", dir,
		    strerror(errno));
		return LADDER_IO;
	}
	if (stage_files(lc, d) != 0) {
		atomic_dir_abort(d);
		return LADDER_IO;
	}
	if (atomic_dir_commit(d, replace ? forced : NULL) != 0) {
		if (errno == ENOTEMPTY && !replace)
			fprintf(stderr, "egf: %s exists and is not empty; use --force to replace it\n",
			    dir);
		else
			fprintf(stderr, "egf: %s: %s\n", dir, strerror(errno));
		return LADDER_IO;
	}
	return LADDER_OK;
}
