/* json_text.c: JSON values written straight into a buffer (see json_text.h). */
#include "json_text.h"

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
json_text_real(struct buf *b, double value)
{
	char num[64], *e, *digits, *end;

	snprintf(num, sizeof(num), "%.15g", value);
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
