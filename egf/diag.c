/* diag.c: the diagnostic table and emitter. */
#include "diag.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_text.h"
#include "util.h"

static const struct {
	const char *name;
	enum diag_level level;
} diag_table[DIAG__MAX] = {
	[DIAG_ENCODING] = { "encoding", DIAG_ERROR },
	[DIAG_TOO_LARGE] = { "too-large", DIAG_ERROR },
	[DIAG_TOO_COMPLEX] = { "too-complex", DIAG_ERROR },
	[DIAG_YAML_SYNTAX] = { "yaml-syntax", DIAG_ERROR },
	[DIAG_XML_SYNTAX] = { "xml-syntax", DIAG_ERROR },
	[DIAG_CSV_SYNTAX] = { "csv-syntax", DIAG_ERROR },
	[DIAG_MISSING_FIELD] = { "missing-field", DIAG_ERROR },
	[DIAG_BAD_ID] = { "bad-id", DIAG_ERROR },
	[DIAG_BAD_VALUE] = { "bad-value", DIAG_ERROR },
	[DIAG_DUPLICATE_ID] = { "duplicate-id", DIAG_ERROR },
	[DIAG_UNKNOWN_LEVEL] = { "unknown-level", DIAG_ERROR },
	[DIAG_UNKNOWN_TRACK] = { "unknown-track", DIAG_ERROR },
	[DIAG_UNKNOWN_COMPETENCY] = { "unknown-competency", DIAG_ERROR },
	[DIAG_TRACK_MISMATCH] = { "track-mismatch", DIAG_ERROR },
	[DIAG_EMPTY_LEVEL] = { "empty-level", DIAG_ERROR },
	[DIAG_UNKNOWN_EXPECTATION] = { "unknown-expectation", DIAG_ERROR },
	[DIAG_WRONG_LEVEL] = { "wrong-level", DIAG_ERROR },
	[DIAG_BAD_RATING] = { "bad-rating", DIAG_ERROR },
	[DIAG_UNPUBLISHED] = { "unpublished", DIAG_ERROR },
	[DIAG_UNKNOWN_PERSON] = { "unknown-person", DIAG_ERROR },
	[DIAG_RATER_MISMATCH] = { "rater-mismatch", DIAG_ERROR },
	[DIAG_BAD_LINK] = { "bad-link", DIAG_ERROR },
	[DIAG_PERSON_OUTCOME] = { "person-outcome", DIAG_ERROR },
	[DIAG_FIELD_SYNTAX] = { "field-syntax", DIAG_ERROR },
	[DIAG_EMPTY_FORM] = { "empty-form", DIAG_ERROR },
	[DIAG_CYCLE_MISMATCH] = { "cycle-mismatch", DIAG_ERROR },
	[DIAG_CYCLE_LOCKED] = { "cycle-locked", DIAG_ERROR },
	[DIAG_NOT_IN_CYCLE] = { "not-in-cycle", DIAG_ERROR },
	[DIAG_CYCLE_LADDER] = { "cycle-ladder", DIAG_ERROR },
	[DIAG_UNKNOWN_KEY] = { "unknown-key", DIAG_WARNING },
	[DIAG_MISSING_LEVEL] = { "missing-level", DIAG_WARNING },
	[DIAG_REPEATED_TEXT] = { "repeated-text", DIAG_WARNING },
	[DIAG_BROKEN_LINK] = { "broken-link", DIAG_WARNING },
	[DIAG_UNKNOWN_OKR] = { "unknown-okr", DIAG_WARNING },
	[DIAG_ACTIVITY_EVIDENCE] = { "activity-evidence", DIAG_WARNING },
	[DIAG_DEFAULTED] = { "defaulted", DIAG_WARNING },
	[DIAG_USAGE] = { "usage", DIAG_FAILURE },
	[DIAG_NO_DATABASE] = { "no-database", DIAG_FAILURE },
	[DIAG_DATABASE] = { "database", DIAG_FAILURE },
	[DIAG_LOCKED] = { "locked", DIAG_FAILURE },
	[DIAG_WRITE] = { "write", DIAG_FAILURE },
	[DIAG_SYSTEM] = { "system", DIAG_FAILURE },
	[DIAG_REFUSED] = { "refused", DIAG_FAILURE },
	[DIAG_NOT_FOUND] = { "not-found", DIAG_ERROR },
	[DIAG_CONFLICT] = { "conflict", DIAG_ERROR },
	[DIAG_NEEDS_OPTION] = { "needs-option", DIAG_FAILURE },
	[DIAG_BAD_ARGUMENT] = { "bad-argument", DIAG_FAILURE },
	[DIAG_REFUSED_INPUTS] = { "refused-inputs", DIAG_ERROR },
	[DIAG_RUN_WARNING] = { "run-warning", DIAG_WARNING },
};

const char *
diag_name(enum diag_code code)
{
	return diag_table[code].name;
}

enum diag_level
diag_code_level(enum diag_code code)
{
	return diag_table[code].level;
}

void
diag_add(struct diag_list *dl, enum diag_code code, const char *file,
    unsigned line, unsigned col, const char *fmt, ...)
{
	struct diag *d;
	char *msg;
	va_list ap;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);

	xgrow((void **)&dl->items, &dl->cap, dl->len + 1, sizeof(*dl->items));
	d = &dl->items[dl->len];
	d->code = code;
	/* the message quotes the input: its control characters never reach the terminal raw */
	d->file = text_escape(file);
	d->line = line;
	d->col = col;
	d->msg = text_escape(msg);
	free(msg);
	d->seq = dl->len;
	d->set_level = DIAG_SET_NONE;
	dl->len++;
}

int
diag_lookup(const char *name)
{
	int code;

	for (code = 0; code < DIAG__MAX; code++)
		if (strcmp(diag_table[code].name, name) == 0)
			return code;
	return -1;
}

void
diag_set_level(struct diag_list *dl, size_t first, enum diag_code code, int set)
{
	size_t i;

	for (i = first; i < dl->len; i++)
		if (dl->items[i].code == code)
			dl->items[i].set_level = set;
}

int
diag_is_off(const struct diag_list *dl, const struct diag *d)
{
	return dl->off[d->code] || d->set_level == DIAG_SET_OFF;
}

enum diag_level
diag_effective_level(const struct diag_list *dl, const struct diag *d)
{
	if (diag_table[d->code].level == DIAG_FAILURE)
		return DIAG_FAILURE;
	if (dl->werror || d->set_level == DIAG_SET_ERROR)
		return DIAG_ERROR;
	if (d->set_level == DIAG_SET_WARNING)
		return DIAG_WARNING;
	return diag_table[d->code].level;
}

size_t
diag_errors(const struct diag_list *dl)
{
	size_t i, n = 0;

	for (i = 0; i < dl->len; i++)
		if (!diag_is_off(dl, &dl->items[i]) &&
		    diag_effective_level(dl, &dl->items[i]) >= DIAG_ERROR)
			n++;
	return n;
}

static int
diag_cmp(const void *a, const void *b)
{
	const struct diag *x = a, *y = b;
	int c = strcmp(x->file, y->file);

	if (c != 0)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

size_t
diag_flush(struct diag_list *dl, FILE *out, int color)
{
	size_t i, errors;

	if (dl->len > 1)
		qsort(dl->items, dl->len, sizeof(*dl->items), diag_cmp);
	errors = diag_errors(dl);
	for (i = 0; i < dl->len; i++) {
		const struct diag *d = &dl->items[i];
		enum diag_level level = diag_effective_level(dl, d);
		int err = level >= DIAG_ERROR;
		const char *word = err ? "error" : "warning";

		if (diag_is_off(dl, d))
			continue;
		if (level > dl->worst)
			dl->worst = level;
		if (d->line > 0)
			fprintf(out, "%s:%u:%u: ", d->file, d->line, d->col);
		else
			fprintf(out, "%s: ", d->file);
		if (color)
			fprintf(out, "\033[1;%sm%s:\033[0m", err ? "31" : "35", word);
		else
			fprintf(out, "%s:", word);
		fprintf(out, " %s [%s]\n", d->msg, diag_table[d->code].name);
	}
	diag_list_free(dl);
	return errors;
}

void
diag_list_free(struct diag_list *dl)
{
	size_t i;

	for (i = 0; i < dl->len; i++) {
		free(dl->items[i].file);
		free(dl->items[i].msg);
	}
	free(dl->items);
	dl->items = NULL;
	dl->len = dl->cap = 0;
}

size_t
diag_flush_json(struct diag_list *dl, struct buf *b)
{
	size_t i, errors;

	if (dl->len > 1)
		qsort(dl->items, dl->len, sizeof(*dl->items), diag_cmp);
	errors = diag_errors(dl);
	buf_putc(b, '[');
	for (i = 0; i < dl->len; i++) {
		const struct diag *d = &dl->items[i];

		buf_puts(b, i ? ",\n  {\"file\": " : "\n  {\"file\": ");
		jw_buf_string(b, d->file, JW_PLAIN);
		buf_printf(b, ", \"line\": %u, \"col\": %u, \"level\": \"%s\", \"check\": ",
		    d->line, d->col, diag_effective_level(dl, d) >= DIAG_ERROR ? "error" : "warning");
		jw_buf_string(b, diag_name(d->code), JW_PLAIN);
		buf_puts(b, ", \"message\": ");
		jw_buf_string(b, d->msg, JW_PLAIN);
		buf_putc(b, '}');
	}
	buf_puts(b, dl->len ? "\n]\n" : "]\n");
	diag_list_free(dl);
	return errors;
}

void
diag_vreport(struct diag_list *dl, enum diag_code code, const char *command,
    const char *fmt, va_list ap)
{
	enum diag_level level = diag_table[code].level;

	if (dl != NULL) {
		if (dl->off[code])
			return;
		if (dl->werror && level == DIAG_WARNING)
			level = DIAG_ERROR;
		if (level > dl->worst)
			dl->worst = level;
	}
	fprintf(stderr, "egf%s%s: %s", command ? " " : "", command ? command : "",
	    level == DIAG_WARNING ? "warning: " : "");
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	if (code == DIAG_USAGE && command != NULL)
		fprintf(stderr, "Try 'egf %s --help'.\n", command);
}

void
diag_report(struct diag_list *dl, enum diag_code code, const char *command,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vreport(dl, code, command, fmt, ap);
	va_end(ap);
}

/* The rank of an exit status: 0, then 3 (differ), then 1, then 2. */
static int
exit_rank(int rc)
{
	return rc == 0 ? 0 : rc == 3 ? 1 : rc == 1 ? 2 : 3;
}

int
diag_exit_status(const struct diag_list *dl, int rc)
{
	int from_level = dl->worst == DIAG_FAILURE ? 2 : dl->worst == DIAG_ERROR ? 1 : 0;

	return exit_rank(from_level) > exit_rank(rc) ? from_level : rc;
}

enum file_status
diag_file_read(struct diag_list *dl, const char *path, size_t max, const char *what,
    char **data, size_t *len)
{
	enum file_status rc = file_read(path, max, data, len);

	if (rc == FILE_TOO_LARGE)
		diag_add(dl, DIAG_TOO_LARGE, path, 0, 0, "%s is larger than %zu bytes", what, max);
	else if (rc == FILE_ERRNO)
		diag_report(NULL, DIAG_SYSTEM, NULL, "%s: %s", path, strerror(errno));
	return rc;
}
