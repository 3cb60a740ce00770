/* html.c: escaping for HTML and SVG. */
#include "html.h"

#include <string.h>

static const char *const html_replace[256] = {
	['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;", ['"'] = "&quot;", ['\''] = "&#39;",
};

void
html_escape(struct buf *b, const char *text)
{
	if (text != NULL)
		buf_add_escaped(b, text, strlen(text), html_replace);
}

void
html_wrap(struct buf *b, const char *open, const char *text, const char *close)
{
	buf_puts(b, open);
	html_escape(b, text);
	buf_puts(b, close);
}
