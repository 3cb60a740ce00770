/*
 * csv.h: a streaming RFC 4180 reader that keeps the line and column of
 * every field, so that a bad cell is reported where the user wrote it.
 * (libcsv parses as well but gives no positions.) Quoted fields may hold
 * commas, doubled quotes and line breaks; CRLF and LF both end records; a
 * UTF-8 byte order mark is skipped; blank lines are skipped.
 */
#ifndef EGF_CSV_H
#define EGF_CSV_H

#include <stddef.h>

#include "diag.h"

#define CSV_MAX_FIELD (1024 * 1024)
/* The most fields a header may have; a later record may not have more than its header. */
#define CSV_MAX_FIELDS 1024
#define CSV_MAX_FIELDS_TEXT "1,024"

struct csv_field {
	char *text;		/* NUL-terminated, owned by the reader */
	size_t len;
	unsigned line, col;	/* where the field starts */
};

struct csv_row {
	struct csv_field *fields;
	size_t n;
	unsigned line;
};

struct csv_reader;

/* Opens path ("-" is stdin). NULL after printing the I/O error. */
struct csv_reader *csv_open(const char *path, struct diag_list *dl);
/*
 * Reads the next record: 1 with *row valid until the next call, 0 at the
 * end, -1 after a diagnostic (csv-syntax, encoding, too-large) or an I/O
 * error (printed; csv_io_error then returns 1). The first record is the
 * header: a later record with more fields than it is reported [csv-syntax]
 * at its first field too many, skipped without being kept, and reading
 * goes on with the next record (callers fail on the diagnostic).
 */
int csv_next(struct csv_reader *r, const struct csv_row **row);
int csv_io_error(const struct csv_reader *r);
/* Closes the reader; accepts NULL. */
void csv_close(struct csv_reader *r);

/*
 * Appends text to out as one CSV cell: quoted when it holds a comma, quote,
 * CR or LF; when neutralise is set, a cell beginning with tab or CR, or with
 * = + - @ (or a full-width or small form of them) after any white space or
 * line breaks, gets a leading apostrophe so that spreadsheets do not
 * evaluate it.
 */
struct buf;
void csv_cell(struct buf *out, const char *text, int neutralise);

#endif
