/* Unit tests of the small text tools: CSV reading and writing, SHA-256, UTF-8. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csv.h"
#include "sha256.h"
#include "util.h"
#include "unit.h"

static char *
temp_file(const char *content, size_t len)
{
	char *path = xstrdup("/tmp/egf-unit-XXXXXX");
	int fd = mkstemp(path);

	if (fd < 0 || write(fd, content, len) != (ssize_t)len) {
		perror("temp file");
		exit(2);
	}
	close(fd);
	return path;
}

/* Quoted fields with commas, doubled quotes and line breaks; CRLF; a BOM. */
static void
test_csv_fields(void)
{
	static const char text[] = "\xef\xbb\xbf" "id,name\r\n"
	    "a,\"Lovelace, Ada\"\r\n"
	    "\r\n"
	    "b,\"say \"\"hi\"\"\nthere\"\n"
	    "c,\n";
	char *path = temp_file(text, sizeof(text) - 1);
	struct diag_list dl = {0};
	struct csv_reader *r = csv_open(path, &dl);
	const struct csv_row *row;

	CHECK(csv_next(r, &row) == 1);
	CHECK(row->n == 2);
	CHECK_STR(row->fields[0].text, "id");
	CHECK(csv_next(r, &row) == 1);
	CHECK_STR(row->fields[1].text, "Lovelace, Ada");
	CHECK(row->line == 2 && row->fields[1].col == 3);
	CHECK(csv_next(r, &row) == 1);	/* the blank line is skipped */
	CHECK(row->line == 4);
	CHECK_STR(row->fields[1].text, "say \"hi\"\nthere");
	CHECK(csv_next(r, &row) == 1);
	CHECK(row->line == 6);
	CHECK_STR(row->fields[1].text, "");
	CHECK(csv_next(r, &row) == 0);
	CHECK(dl.len == 0);
	csv_close(r);
	unlink(path);
	free(path);
}

static void
buf_reset(struct buf *b)
{
	b->len = 0;
	buf_add(b, "", 0);
}

/*
 * Rows of every length modulo a few bytes, so that the reader's block
 * boundaries fall at each point of a row in turn: inside plain and quoted
 * runs, on a doubled quote, between CR and LF. Every field's text, line and
 * column is checked against the row as written.
 */
static void
test_csv_blocks(void)
{
	struct buf text = {0}, want = {0};
	struct diag_list dl = {0};
	struct csv_reader *r;
	const struct csv_row *row;
	char *path;
	int i, bad = 0;

	for (i = 0; i < 6000; i++) {
		int pad = i % 37;

		buf_printf(&text, "r%d,\"%.*s\"\"q\",%.*s,end\r\n", i, pad,
		    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", pad % 11, "yyyyyyyyyyyy");
	}
	CHECK(text.len > 3 * 65536);
	path = temp_file(text.data, text.len);
	r = csv_open(path, &dl);
	for (i = 0; i < 6000 && !bad; i++) {
		int pad = i % 37;
		unsigned col;

		if (csv_next(r, &row) != 1 || row->n != 4 || row->line != (unsigned)i + 1) {
			bad = 1;
			break;
		}
		buf_reset(&want);
		buf_printf(&want, "r%d", i);
		col = 1;
		bad |= strcmp(row->fields[0].text, want.data) != 0 || row->fields[0].col != col;
		col += (unsigned)want.len + 1;
		buf_reset(&want);
		buf_printf(&want, "%.*s\"q", pad, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
		bad |= strcmp(row->fields[1].text, want.data) != 0 || row->fields[1].col != col;
		col += (unsigned)want.len + 4;	/* the quotes around it and the doubled one */
		buf_reset(&want);
		buf_printf(&want, "%.*s", pad % 11, "yyyyyyyyyyyy");
		bad |= strcmp(row->fields[2].text, want.data) != 0 || row->fields[2].col != col;
		col += (unsigned)want.len + 1;
		bad |= strcmp(row->fields[3].text, "end") != 0 || row->fields[3].col != col;
		if (bad)
			fprintf(stderr, "  row %d differs\n", i + 1);
	}
	CHECK(!bad);
	CHECK(csv_next(r, &row) == 0);
	CHECK(dl.len == 0);
	csv_close(r);
	unlink(path);
	free(path);
	buf_free(&text);
	buf_free(&want);
}

static void
test_csv_errors(void)
{
	static const char open_quote[] = "a,\"never closed\n";
	static const char stray[] = "a,b\"c\n";
	char *path = temp_file(open_quote, sizeof(open_quote) - 1);
	struct diag_list dl = {0};
	struct csv_reader *r = csv_open(path, &dl);
	const struct csv_row *row;

	CHECK(csv_next(r, &row) == -1);
	CHECK(dl.len == 1 && dl.items[0].code == DIAG_CSV_SYNTAX);
	CHECK(dl.items[0].line == 1 && dl.items[0].col == 3);
	csv_close(r);
	unlink(path);
	free(path);
	diag_list_free(&dl);

	path = temp_file(stray, sizeof(stray) - 1);
	r = csv_open(path, &dl);
	CHECK(csv_next(r, &row) == -1);
	CHECK(dl.len == 1 && dl.items[0].line == 1 && dl.items[0].col == 4);
	csv_close(r);
	unlink(path);
	free(path);
	diag_list_free(&dl);
}

/* Cells that a spreadsheet would evaluate get a leading apostrophe. */
static void
test_csv_cells(void)
{
	struct buf b = {0};

	csv_cell(&b, "=SUM(A1)", 1);
	buf_putc(&b, '|');
	csv_cell(&b, "+1", 1);
	buf_putc(&b, '|');
	csv_cell(&b, "-2", 0);
	buf_putc(&b, '|');
	csv_cell(&b, "@x", 1);
	buf_putc(&b, '|');
	csv_cell(&b, "\tx", 1);
	buf_putc(&b, '|');
	csv_cell(&b, "a \"b\", c", 1);
	buf_putc(&b, '|');
	csv_cell(&b, "plain", 1);
	CHECK_STR(b.data, "\"'=SUM(A1)\"|\"'+1\"|-2|\"'@x\"|\"'\tx\"|\"a \"\"b\"\", c\"|plain");
	buf_free(&b);
}

/* Every cell a spreadsheet would evaluate is neutralised, whatever comes before the sign. */
static void
test_csv_formula_variants(void)
{
	static const char *const evaluated[] = {
		" =1+1", "  +1", "\n=HYPERLINK(\"x\")", "\r\n-1", "\t=1", "\r=1",
		" \t \n@SUM(A1)", "\xc2\xa0=1", "\xe3\x80\x80=1",
		"\xef\xbc\x9d" "1+1", "\xef\xb9\xa6" "1", "\xef\xb9\xa2" "1", "\xef\xbc\x8b" "1",
		"\xef\xbc\x8d" "1", "\xef\xbc\xa0SUM", "\xef\xb9\xa3" "1", " \xef\xbc\x9d" "1",
		"\n\xef\xb9\xa6" "1",
	};
	static const char *const kept[] = { "plain", " a = b", "x=1", "1-2", "\xef\xbc\x91",
		"e-mail", "" };
	size_t i;

	for (i = 0; i < sizeof(evaluated) / sizeof(evaluated[0]); i++) {
		struct buf b = {0};

		csv_cell(&b, evaluated[i], 1);
		CHECK(b.data != NULL && strncmp(b.data, "\"'", 2) == 0);
		buf_free(&b);
	}
	for (i = 0; i < sizeof(kept) / sizeof(kept[0]); i++) {
		struct buf b = {0};

		csv_cell(&b, kept[i], 1);
		CHECK(b.data == NULL ? *kept[i] == '\0' : strchr(b.data, '\'') == NULL);
		buf_free(&b);
	}
}

/* FIPS 180-4 test vectors. */
static void
test_sha256(void)
{
	char hex[65];
	char *million = xmalloc(1000000);

	sha256_of("", 0, hex);
	CHECK_STR(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	sha256_of("abc", 3, hex);
	CHECK_STR(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	sha256_of("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56, hex);
	CHECK_STR(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	memset(million, 'a', 1000000);
	sha256_of(million, 1000000, hex);
	CHECK_STR(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	free(million);
}

static void
test_utf8(void)
{
	size_t bad;
	const char *what;

	CHECK(utf8_check("caf\xc3\xa9 \xce\xb1\xce\xb2 \xd0\x96", 13, &bad, &what) == 0);
	CHECK(utf8_check("a\xc3", 2, &bad, &what) == -1 && bad == 1);
	CHECK(utf8_check("\xc0\x80", 2, &bad, &what) == -1 && bad == 0);	/* overlong */
	CHECK(utf8_check("\xed\xa0\x80", 3, &bad, &what) == -1);		/* surrogate */
	CHECK(utf8_check("ab\0c", 4, &bad, &what) == -1 && bad == 2);
	CHECK(utf8_check("a\x01", 2, &bad, &what) == -1 && bad == 1);
	CHECK(utf8_check("a\tb\r\n", 5, &bad, &what) == 0);
	CHECK(utf8_check("\xef\xbf\xbe", 3, &bad, &what) == -1);		/* U+FFFE */
}

int
main(void)
{
	RUN(test_csv_fields);
	RUN(test_csv_blocks);
	RUN(test_csv_errors);
	RUN(test_csv_cells);
	RUN(test_csv_formula_variants);
	RUN(test_sha256);
	RUN(test_utf8);
	return UNIT_EXIT();
}
