/* html.c: escaping for HTML and SVG. */
#include "html.h"

void
html_escape(struct buf *b, const char *text)
{
	const char *p, *run;

	if (text == NULL)
		return;
	for (p = run = text; *p != '\0'; p++) {
		if (*p != '&' && *p != '<' && *p != '>' && *p != '"' && *p != '\'')
			continue;
		buf_add(b, run, (size_t)(p - run));	/* the safe text before it, at once */
		run = p + 1;
		switch (*p) {
		case '&': buf_puts(b, "&amp;"); break;
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		default: buf_puts(b, "&#39;"); break;
		}
	}
	buf_add(b, run, (size_t)(p - run));
}

void
html_wrap(struct buf *b, const char *open, const char *text, const char *close)
{
	buf_puts(b, open);
	html_escape(b, text);
	buf_puts(b, close);
}
