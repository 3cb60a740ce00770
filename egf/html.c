/* html.c: escaping for HTML and SVG. */
#include "html.h"

void
html_escape(struct buf *b, const char *text)
{
	const char *p;

	if (text == NULL)
		return;
	for (p = text; *p != '\0'; p++) {
		switch (*p) {
		case '&': buf_puts(b, "&amp;"); break;
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		case '\'': buf_puts(b, "&#39;"); break;
		default: buf_putc(b, *p); break;
		}
	}
}

void
html_wrap(struct buf *b, const char *open, const char *text, const char *close)
{
	buf_puts(b, open);
	html_escape(b, text);
	buf_puts(b, close);
}
