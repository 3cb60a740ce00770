/* json_text.c: JSON values written straight into a buffer (see json_text.h). */
#include "json_text.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* 1 for the bytes that need a look: controls, '"', '\\', '<', '>', 0xe2. */
static const unsigned char notable[256] = {
	[0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1, [0x06] = 1, [0x07] = 1,
	[0x08] = 1, [0x09] = 1, [0x0a] = 1, [0x0b] = 1, [0x0c] = 1, [0x0d] = 1, [0x0e] = 1,
	[0x0f] = 1, [0x10] = 1, [0x11] = 1, [0x12] = 1, [0x13] = 1, [0x14] = 1, [0x15] = 1,
	[0x16] = 1, [0x17] = 1, [0x18] = 1, [0x19] = 1, [0x1a] = 1, [0x1b] = 1, [0x1c] = 1,
	[0x1d] = 1, [0x1e] = 1, [0x1f] = 1, ['"'] = 1, ['\\'] = 1, ['<'] = 1, ['>'] = 1,
	[0xe2] = 1,
};

void
json_text_string(struct buf *b, const char *s, enum json_text_mode mode)
{
	const unsigned char *p = (const unsigned char *)(s != NULL ? s : ""), *run;
	char esc[8];

	buf_putc(b, '"');
	for (run = p;; p++) {
		const char *out = NULL;

		if (*p != '\0' && !notable[*p])
			continue;
		if (p > run)
			buf_add(b, run, (size_t)(p - run));
		if (*p == '\0')
			break;
		run = p + 1;
		switch (*p) {
		case '"':
			out = "\\\"";
			break;
		case '\\':
			out = "\\\\";
			break;
		case '\b':
			out = "\\b";
			break;
		case '\f':
			out = "\\f";
			break;
		case '\n':
			out = "\\n";
			break;
		case '\r':
			out = "\\r";
			break;
		case '\t':
			out = "\\t";
			break;
		case '<':
			out = mode == JSON_TEXT_SCRIPT ? "\\u003c" : "<";
			break;
		case '>':
			out = mode == JSON_TEXT_SCRIPT ? "\\u003e" : ">";
			break;
		case 0xe2:
			if (mode == JSON_TEXT_SCRIPT && p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9)) {
				out = p[2] == 0xa8 ? "\\u2028" : "\\u2029";
				p += 2;
				run = p + 1;
			} else
				out = "\xe2";
			break;
		default:
			snprintf(esc, sizeof(esc), "\\u%04X", *p);
			out = esc;
			break;
		}
		buf_puts(b, out);
	}
	buf_putc(b, '"');
}

void
json_text_key(struct buf *b, const char *key, enum json_text_mode mode)
{
	json_text_string(b, key, mode);
	buf_putc(b, ':');
}

void
json_text_real(struct buf *b, double value, int precision)
{
	char num[64], *e, *digits, *end;

	snprintf(num, sizeof(num), "%.*g", precision, value);
	if ((e = strchr(num, 'e')) == NULL) {
		buf_puts(b, num);
		if (strchr(num, '.') == NULL)
			buf_puts(b, ".0");
		return;
	}
	/* jansson drops the exponent's '+' and leading zeros: 1e+20 is 1e20, 1e-05 1e-5. */
	digits = e + 1;
	if (*digits == '+' || *digits == '-')
		digits++;
	for (end = digits; *end == '0' && end[1] != '\0'; end++)
		;
	memmove(e[1] == '-' ? e + 2 : e + 1, end, strlen(end) + 1);
	buf_puts(b, num);
}

/* ---- the indented writer ---- */

static void
newline(struct json_writer *w, size_t depth)
{
	size_t i;

	buf_putc(w->out, '\n');
	for (i = 0; i < depth; i++)
		buf_add(w->out, "  ", 2);
}

/* What goes before a value or a key: nothing after a key, else a line of its own. */
static void
before_value(struct json_writer *w)
{
	if (w->after_key) {
		w->after_key = 0;
		return;
	}
	if (w->depth == 0)
		return;
	if (!w->empty[w->depth - 1])
		buf_putc(w->out, ',');
	w->empty[w->depth - 1] = 0;
	newline(w, w->depth);
}

void
json_writer_init(struct json_writer *w, struct buf *out, int real_precision)
{
	memset(w, 0, sizeof(*w));
	w->out = out;
	w->real_precision = real_precision;
}

static void
open_container(struct json_writer *w, char bracket)
{
	before_value(w);
	buf_putc(w->out, bracket);
	if (w->depth < JSON_WRITER_DEPTH)
		w->empty[w->depth] = 1;
	w->depth++;
}

static void
close_container(struct json_writer *w, char bracket)
{
	if (w->depth == 0)
		return;
	w->depth--;
	if (w->depth < JSON_WRITER_DEPTH && !w->empty[w->depth])
		newline(w, w->depth);
	buf_putc(w->out, bracket);
}

void
json_object_begin(struct json_writer *w)
{
	open_container(w, '{');
}

void
json_object_end(struct json_writer *w)
{
	close_container(w, '}');
}

void
json_array_begin(struct json_writer *w)
{
	open_container(w, '[');
}

void
json_array_end(struct json_writer *w)
{
	close_container(w, ']');
}

void
json_key(struct json_writer *w, const char *key)
{
	before_value(w);
	json_text_string(w->out, key, JSON_TEXT_PLAIN);
	buf_add(w->out, ": ", 2);
	w->after_key = 1;
}

void
json_put_string(struct json_writer *w, const char *s)
{
	if (s == NULL) {
		json_put_null(w);
		return;
	}
	before_value(w);
	json_text_string(w->out, s, JSON_TEXT_PLAIN);
}

void
json_put_int(struct json_writer *w, long long value)
{
	before_value(w);
	buf_printf(w->out, "%lld", value);
}

void
json_put_real(struct json_writer *w, double value)
{
	if (!isfinite(value)) {
		json_put_null(w);
		return;
	}
	before_value(w);
	json_text_real(w->out, value, w->real_precision);
}

void
json_put_bool(struct json_writer *w, int value)
{
	before_value(w);
	buf_puts(w->out, value ? "true" : "false");
}

void
json_put_null(struct json_writer *w)
{
	before_value(w);
	buf_puts(w->out, "null");
}
