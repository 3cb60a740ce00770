/* html.h: writing HTML and SVG text safely. */
#ifndef EGF_HTML_H
#define EGF_HTML_H

#include "util.h"

/* Appends text with & < > " ' escaped, safe in element content and quoted attributes. */
void html_escape(struct buf *b, const char *text);
/* buf_printf, then the text of one argument escaped: html_text(b, "<td>", s, "</td>"). */
void html_wrap(struct buf *b, const char *open, const char *text, const char *close);

#endif
