/* ladder.c: loading a ladder from a directory or a compiled model. */
#include "ladder.h"

#include <stdlib.h>
#include <string.h>

#include "model_bin.h"
#include "model_xml.h"
#include "util.h"

/* The ladder's `checks:` on the diagnostics of its reading, from index first. */
static void
apply_checks(const struct model *m, struct diag_list *dl, size_t first)
{
	static const int set[] = { DIAG_SET_OFF, DIAG_SET_WARNING, DIAG_SET_ERROR };
	size_t i;

	for (i = 0; i < m->nchecks; i++)
		if (m->checks[i].code >= 0 && m->checks[i].level >= 0)
			diag_set_level(dl, first, (enum diag_code)m->checks[i].code,
			    set[m->checks[i].level]);
}

/*
 * The end of every load: the ladder's checks: on what was reported from
 * index first, then *out = m, or m freed when there are more errors than
 * the errors there were before.
 */
static enum ladder_status
finish(struct model *m, struct diag_list *dl, size_t first, size_t errors, struct model **out)
{
	apply_checks(m, dl, first);
	if (diag_errors(dl) > errors) {
		model_free(m);
		return LADDER_INVALID;
	}
	*out = m;
	return LADDER_OK;
}

enum ladder_status
ladder_load(const char *path, struct diag_list *dl, struct model **out)
{
	size_t errors = diag_errors(dl), first = dl->len;
	struct model *m;

	*out = NULL;
	if (path_is_dir(path)) {
		enum ladder_status st;
		int head_ok;

		m = model_new();
		st = ladder_read_dir(path, m, dl, &head_ok);
		if (st == LADDER_IO) {
			model_free(m);
			return LADDER_IO;
		}
		ladder_validate(m, path, NULL, NULL, head_ok, dl);
	} else {
		int io;

		if ((m = model_xml_read(path, dl, &io)) == NULL)
			return io ? LADDER_IO : LADDER_INVALID;
		ladder_validate(m, "", path, NULL, 2, dl);
	}
	return finish(m, dl, first, errors, out);
}

enum ladder_status
ladder_load_xml(const char *xml, size_t len, const char *name, struct diag_list *dl,
    struct model **out)
{
	size_t errors = diag_errors(dl), first = dl->len;
	struct model *m;

	*out = NULL;
	if ((m = model_xml_parse(xml, len, name, dl)) == NULL)
		return LADDER_INVALID;
	ladder_validate(m, "", name, NULL, 2, dl);
	return finish(m, dl, first, errors, out);
}

enum ladder_status
ladder_load_bin(const void *data, size_t len, const char *name, struct diag_list *dl,
    struct model **out)
{
	size_t errors = diag_errors(dl), first = dl->len;
	struct model *m;

	*out = NULL;
	if ((m = model_bin_read(data, len)) == NULL)
		return LADDER_INVALID;
	ladder_validate(m, "", name, NULL, 2, dl);
	return finish(m, dl, first, errors, out);
}

/*
 * Moves the diagnostics of dl from index first to where origin maps them
 * (reading a ladder in memory names its files by their rel).
 */
static void
map_diags(struct diag_list *dl, size_t first, const struct ladder_origin *origin)
{
	size_t i;

	for (i = first; i < dl->len; i++) {
		struct diag *d = &dl->items[i];
		unsigned line = d->line, col = d->col;
		char *file = origin->map(origin->arg, d->file, &line, &col);

		free(d->file);
		d->file = text_escape(file);
		free(file);
		d->line = line;
		d->col = line ? col : 0;
	}
}

enum ladder_status
ladder_load_files(const struct ladder_file *files, size_t n, const char *dir,
    const struct ladder_origin *origin, struct diag_list *dl, struct model **out)
{
	size_t errors = diag_errors(dl), first = dl->len;
	struct model *m = model_new();
	enum ladder_status st;
	int head_ok;

	*out = NULL;
	st = ladder_read_files(files, n, dir, m, dl, &head_ok);
	map_diags(dl, first, origin);
	if (st == LADDER_IO) {
		model_free(m);
		return LADDER_IO;
	}
	ladder_validate(m, dir, NULL, origin, head_ok, dl);
	return finish(m, dl, first, errors, out);
}
