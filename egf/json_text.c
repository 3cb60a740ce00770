/* json_text.c: JSON values written straight into a buffer (see json_text.h). */
#include "json_text.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Control characters as jansson writes them. */
#define JSON_CONTROLS \
	[0x01] = "\\u0001", [0x02] = "\\u0002", [0x03] = "\\u0003", [0x04] = "\\u0004", \
	[0x05] = "\\u0005", [0x06] = "\\u0006", [0x07] = "\\u0007", ['\b'] = "\\b", \
	['\t'] = "\\t", ['\n'] = "\\n", [0x0b] = "\\u000B", ['\f'] = "\\f", \
	['\r'] = "\\r", [0x0e] = "\\u000E", [0x0f] = "\\u000F", [0x10] = "\\u0010", \
	[0x11] = "\\u0011", [0x12] = "\\u0012", [0x13] = "\\u0013", [0x14] = "\\u0014", \
	[0x15] = "\\u0015", [0x16] = "\\u0016", [0x17] = "\\u0017", [0x18] = "\\u0018", \
	[0x19] = "\\u0019", [0x1a] = "\\u001A", [0x1b] = "\\u001B", [0x1c] = "\\u001C", \
	[0x1d] = "\\u001D", [0x1e] = "\\u001E", [0x1f] = "\\u001F", \
	['"'] = "\\\"", ['\\'] = "\\\\"

static const char *const plain_replace[256] = { JSON_CONTROLS };
static const char *const script_replace[256] = {
	JSON_CONTROLS, ['<'] = "\\u003c", ['>'] = "\\u003e",
};

/* The next U+2028 or U+2029 in [p, end), or end. */
static const char *
next_separator(const char *p, const char *end)
{
	for (; (p = memchr(p, '\xe2', (size_t)(end - p))) != NULL; p++)
		if (end - p >= 3 && p[1] == '\x80' && (p[2] == '\xa8' || p[2] == '\xa9'))
			return p;
	return end;
}

void
jw_buf_string(struct buf *b, const char *s, enum jw_mode mode)
{
	const char *p = s != NULL ? s : "", *end = p + strlen(p), *sep;

	buf_putc(b, '"');
	if (mode == JW_PLAIN)
		buf_add_escaped(b, p, (size_t)(end - p), plain_replace);
	else
		for (;; p = sep + 3) {
			sep = next_separator(p, end);
			buf_add_escaped(b, p, (size_t)(sep - p), script_replace);
			if (sep == end)
				break;
			buf_puts(b, sep[2] == '\xa8' ? "\\u2028" : "\\u2029");
		}
	buf_putc(b, '"');
}

void
jw_buf_key(struct buf *b, const char *key, enum jw_mode mode)
{
	jw_buf_string(b, key, mode);
	buf_putc(b, ':');
}

void
jw_buf_real(struct buf *b, double value, int precision)
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
newline(struct jw *w, size_t depth)
{
	size_t i;

	buf_putc(w->out, '\n');
	for (i = 0; i < depth; i++)
		buf_add(w->out, "  ", 2);
}

/* What goes before a value or a key: nothing after a key, else a line of its own. */
static void
before_value(struct jw *w)
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
jw_init(struct jw *w, struct buf *out, int real_precision)
{
	memset(w, 0, sizeof(*w));
	w->out = out;
	w->real_precision = real_precision;
}

static void
open_container(struct jw *w, char bracket)
{
	before_value(w);
	buf_putc(w->out, bracket);
	if (w->depth < JW_DEPTH)
		w->empty[w->depth] = 1;
	w->depth++;
}

static void
close_container(struct jw *w, char bracket)
{
	if (w->depth == 0)
		return;
	w->depth--;
	if (w->depth < JW_DEPTH && !w->empty[w->depth])
		newline(w, w->depth);
	buf_putc(w->out, bracket);
}

void
jw_object_begin(struct jw *w)
{
	open_container(w, '{');
}

void
jw_object_end(struct jw *w)
{
	close_container(w, '}');
}

void
jw_array_begin(struct jw *w)
{
	open_container(w, '[');
}

void
jw_array_end(struct jw *w)
{
	close_container(w, ']');
}

void
jw_key(struct jw *w, const char *key)
{
	before_value(w);
	jw_buf_string(w->out, key, JW_PLAIN);
	buf_add(w->out, ": ", 2);
	w->after_key = 1;
}

void
jw_string(struct jw *w, const char *s)
{
	if (s == NULL) {
		jw_null(w);
		return;
	}
	before_value(w);
	jw_buf_string(w->out, s, JW_PLAIN);
}

void
jw_int(struct jw *w, long long value)
{
	before_value(w);
	buf_printf(w->out, "%lld", value);
}

void
jw_real(struct jw *w, double value)
{
	if (!isfinite(value)) {
		jw_null(w);
		return;
	}
	before_value(w);
	jw_buf_real(w->out, value, w->real_precision);
}

void
jw_bool(struct jw *w, int value)
{
	before_value(w);
	buf_puts(w->out, value ? "true" : "false");
}

void
jw_null(struct jw *w)
{
	before_value(w);
	buf_puts(w->out, "null");
}
