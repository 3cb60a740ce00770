/* csv.c: RFC 4180 reading with positions, and cell writing. */
#include "csv.h"
#include "diag.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define CSV_BLOCK 65536

struct csv_reader {
	FILE *fp;
	unsigned char in[CSV_BLOCK];	/* read ahead; in[pos..len) not yet taken */
	size_t pos, len;
	char *path;
	struct diag_list *dl;
	unsigned line, col;	/* of the next character */
	int io_error;
	struct buf *texts;	/* one buffer per field slot, reused */
	size_t ntexts;
	struct csv_field *fields;
	size_t fields_cap;
	struct csv_row row;
	int started;
	size_t header_fields;	/* fields of the first record, 0 before it */
};

struct csv_reader *
csv_open(const char *path, struct diag_list *dl)
{
	struct csv_reader *r;
	FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");

	if (fp == NULL) {
		diag_report(NULL, DIAG_SYSTEM, NULL, "%s: %s", path, strerror(errno));
		return NULL;
	}
	r = xcalloc(1, sizeof(*r));
	r->fp = fp;
	r->path = xstrdup(path);
	r->dl = dl;
	r->line = 1;
	r->col = 1;
	return r;
}

void
csv_close(struct csv_reader *r)
{
	size_t i;

	if (r == NULL)
		return;
	if (r->fp != stdin)
		fclose(r->fp);
	for (i = 0; i < r->ntexts; i++)
		buf_free(&r->texts[i]);
	free(r->texts);
	free(r->fields);
	free(r->path);
	free(r);
}

int
csv_io_error(const struct csv_reader *r)
{
	return r->io_error;
}

/* Reads the next block when the current one is used up; 0 at the end. */
static int
fill(struct csv_reader *r)
{
	if (r->pos < r->len)
		return 1;
	r->pos = 0;
	r->len = fread(r->in, 1, sizeof(r->in), r->fp);
	return r->len > 0;
}

static int
next_char(struct csv_reader *r)
{
	int c;

	if (!fill(r))
		return EOF;
	c = r->in[r->pos++];
	if (c == '\n') {
		r->line++;
		r->col = 1;
	} else
		r->col++;
	return c;
}

static int
peek_char(struct csv_reader *r)
{
	return fill(r) ? r->in[r->pos] : EOF;
}

/* The bytes that end a run of plain text, inside and outside quotes. */
static const unsigned char stops_unquoted[256] = {
	[0] = 1, ['\n'] = 1, ['\r'] = 1, [','] = 1, ['"'] = 1,
};
static const unsigned char stops_quoted[256] = {
	[0] = 1, ['\n'] = 1, ['"'] = 1,
};

/*
 * Appends to b the run of bytes up to the next one marked in stops (or the
 * end of the block) and takes it; returns the run's length. Runs never hold
 * a newline, so only the column moves.
 */
static size_t
take_run(struct csv_reader *r, struct buf *b, const unsigned char *stops)
{
	const unsigned char *start, *p, *end;

	if (!fill(r))
		return 0;
	start = r->in + r->pos;
	end = r->in + r->len;
	for (p = start; p < end && !stops[*p]; p++)
		;
	if (p > start) {
		buf_add(b, (const char *)start, (size_t)(p - start));
		r->pos += (size_t)(p - start);
		r->col += (unsigned)(p - start);
	}
	return (size_t)(p - start);
}

static struct buf *
field_buf(struct csv_reader *r, size_t i)
{
	if (i >= r->ntexts) {
		size_t cap = r->ntexts;

		xgrow((void **)&r->texts, &cap, i + 1, sizeof(*r->texts));
		memset(r->texts + r->ntexts, 0, (cap - r->ntexts) * sizeof(*r->texts));
		r->ntexts = cap;
	}
	r->texts[i].len = 0;
	buf_add(&r->texts[i], "", 0);
	return &r->texts[i];
}

static int
syntax(struct csv_reader *r, unsigned line, unsigned col, const char *msg)
{
	int c;

	diag_add(r->dl, DIAG_CSV_SYNTAX, r->path, line, col, "%s", msg);
	/* Skip to the end of the line so a caller that goes on restarts cleanly. */
	while ((c = next_char(r)) != EOF && c != '\n')
		;
	return -1;
}

/*
 * A record with more fields than the header, read up to its first field too
 * many: the rest of it is skipped without being kept, only its fields
 * counted, and reported against the record; reading goes on with the next.
 */
static void
too_many_fields(struct csv_reader *r, unsigned line, size_t n)
{
	int c, quoted = 0;

	n++;	/* the field at the cursor */
	while ((c = next_char(r)) != EOF) {
		if (c == '"')
			quoted = !quoted;
		else if (!quoted && c == ',')
			n++;
		else if (!quoted && c == '\n')
			break;
	}
	diag_add(r->dl, DIAG_CSV_SYNTAX, r->path, line, 1,
	    "row has %zu fields; the header has %zu", n, r->header_fields);
}

/* Reads one field; *end is ',' '\n' or EOF after it. */
static int
read_field(struct csv_reader *r, struct buf *b, int *end)
{
	unsigned line = r->line, col = r->col;
	int c = peek_char(r);

	if (c == '"') {
		next_char(r);
		for (;;) {
			if (take_run(r, b, stops_quoted) > 0) {
				if (b->len > CSV_MAX_FIELD)
					goto too_large;
				continue;
			}
			c = next_char(r);
			if (c == EOF)
				return syntax(r, line, col, "quoted field is not closed");
			if (c == '"') {
				if (peek_char(r) == '"') {
					next_char(r);
					buf_putc(b, '"');
					continue;
				}
				break;
			}
			buf_putc(b, (char)c);
			if (b->len > CSV_MAX_FIELD)
				goto too_large;
		}
		c = next_char(r);
		if (c == '\r' && peek_char(r) == '\n')
			c = next_char(r);
		if (c != ',' && c != '\n' && c != EOF)
			return syntax(r, r->line, r->col - 1,
			    "text after the closing quote of a field");
		*end = c;
		return 0;
	}
	for (;;) {
		if (take_run(r, b, stops_unquoted) > 0) {
			if (b->len > CSV_MAX_FIELD)
				goto too_large;
			continue;
		}
		c = next_char(r);
		if (c == '\r' && peek_char(r) == '\n')
			c = next_char(r);
		if (c == ',' || c == '\n' || c == EOF) {
			*end = c;
			return 0;
		}
		if (c == '"')
			return syntax(r, r->line, r->col - 1,
			    "quote inside an unquoted field (quote the whole field)");
		buf_putc(b, (char)c);
		if (b->len > CSV_MAX_FIELD)
			goto too_large;
	}
too_large:
	diag_add(r->dl, DIAG_TOO_LARGE, r->path, line, col,
	    "field is larger than %d bytes", CSV_MAX_FIELD);
	return -1;
}

int
csv_next(struct csv_reader *r, const struct csv_row **row)
{
	size_t n, i;
	int end = EOF;

	if (!r->started) {
		r->started = 1;
		/* A block holds the whole file or CSV_BLOCK bytes: the mark is in it. */
		if (peek_char(r) == 0xef) {
			if (r->len < 3 || memcmp(r->in, "\xef\xbb\xbf", 3) != 0) {
				diag_add(r->dl, DIAG_ENCODING, r->path, 1, 1, "invalid UTF-8");
				return -1;
			}
			r->pos = 3;
		}
	}
	for (;;) {
		unsigned line = r->line;

		if (peek_char(r) == EOF) {
			if (ferror(r->fp)) {
				diag_report(NULL, DIAG_SYSTEM, NULL,
				    "%s: %s", r->path, strerror(errno));
				r->io_error = 1;
				return -1;
			}
			return 0;
		}
		n = 0;
		do {
			struct buf *b;

			/*
			 * A record never has more fields than the header (nor the
			 * header more than CSV_MAX_FIELDS): refused at the first
			 * field too many, before it takes any memory.
			 */
			if (n == (r->header_fields ? r->header_fields : CSV_MAX_FIELDS)) {
				if (r->header_fields == 0)
					return syntax(r, r->line, r->col,
					    "the header has more than " CSV_MAX_FIELDS_TEXT " fields");
				too_many_fields(r, line, n);
				goto next_record;
			}
			b = field_buf(r, n);

			xgrow((void **)&r->fields, &r->fields_cap, n + 1, sizeof(*r->fields));
			r->fields[n].line = r->line;
			r->fields[n].col = r->col;
			if (read_field(r, b, &end) != 0)
				return -1;
			n++;
		} while (end == ',');
		if (n == 1 && r->texts[0].len == 0)
			continue;	/* a blank line */
		for (i = 0; i < n; i++) {
			size_t bad;
			const char *what;

			r->fields[i].text = r->texts[i].data;
			r->fields[i].len = r->texts[i].len;
			if (utf8_check(r->fields[i].text, r->fields[i].len, &bad, &what) != 0 &&
			    strcmp(what, "control character") != 0) {
				diag_add(r->dl, DIAG_ENCODING, r->path, r->fields[i].line,
				    r->fields[i].col, "%s in field", what);
				return -1;
			}
		}
		if (r->header_fields == 0)
			r->header_fields = n;
		r->row.fields = r->fields;
		r->row.n = n;
		r->row.line = line;
		*row = &r->row;
		return 1;
next_record:
		;
	}
}

/*
 * Length of the white space at p that spreadsheets skip before a formula:
 * ASCII blanks and line breaks, no-break space (U+00A0) and the ideographic
 * space (U+3000).
 */
static size_t
formula_space(const unsigned char *p)
{
	if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n' || *p == '\v' || *p == '\f')
		return 1;
	if (p[0] == 0xc2 && p[1] == 0xa0)
		return 2;
	if (p[0] == 0xe3 && p[1] == 0x80 && p[2] == 0x80)
		return 3;
	return 0;
}

/*
 * Whether p starts with a character a spreadsheet reads as the start of a
 * formula: = + - @ and their full-width (U+FF1D U+FF0B U+FF0D U+FF20) and
 * small (U+FE66 U+FE62 U+FE63) forms, which some spreadsheets fold to ASCII.
 */
static int
formula_start(const unsigned char *p)
{
	if (*p == '=' || *p == '+' || *p == '-' || *p == '@')
		return 1;
	if (p[0] == 0xef && p[1] == 0xbc && (p[2] == 0x9d || p[2] == 0x8b || p[2] == 0x8d ||
	    p[2] == 0xa0))
		return 1;
	if (p[0] == 0xef && p[1] == 0xb9 && (p[2] == 0xa6 || p[2] == 0xa2 || p[2] == 0xa3))
		return 1;
	return 0;
}

/* Whether a spreadsheet could evaluate the cell: a formula start after any white space. */
static int
needs_guard(const char *text)
{
	const unsigned char *p = (const unsigned char *)text;
	size_t n;

	if (*p == '\t' || *p == '\r')
		return 1;
	while ((n = formula_space(p)) > 0)
		p += n;
	return formula_start(p);
}

void
csv_cell(struct buf *out, const char *text, int neutralise)
{
	int quote = strpbrk(text, ",\"\r\n") != NULL;
	int guard = neutralise && needs_guard(text);
	const char *p;

	if (guard)
		quote = 1;
	if (!quote) {
		buf_puts(out, text);
		return;
	}
	buf_putc(out, '"');
	if (guard)
		buf_putc(out, '\'');
	for (p = text; *p != '\0'; p++) {
		if (*p == '"')
			buf_putc(out, '"');
		buf_putc(out, *p);
	}
	buf_putc(out, '"');
}
