/* xml_writer.c: a small streaming XML writer (see xml_writer.h). */
#include "xml_writer.h"

#include <string.h>

enum { XML_NONE, XML_TEXT, XML_CHILDREN };

/*
 * What a byte becomes in text and in an attribute value (NULL: itself).
 * Attributes keep tab, line feed and carriage return as references, which
 * attribute normalisation would otherwise turn into spaces.
 */
static const char *const text_replace[256] = {
	['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;", ['"'] = "&quot;", ['\r'] = "&#13;",
};
static const char *const attr_replace[256] = {
	['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;", ['"'] = "&quot;", ['\r'] = "&#13;",
	['\t'] = "&#9;", ['\n'] = "&#10;",
};

static void
put_escaped(struct buf *out, const char *s, int in_attr)
{
	buf_add_escaped(out, s, strlen(s), in_attr ? attr_replace : text_replace);
}

static void
indent(struct xml_writer *w, size_t depth)
{
	static const char spaces[] = "                                ";

	buf_add(w->out, spaces, 2 * depth);
}

/* The namespace declaration waits for the other attributes, as in libxml2. */
static void
put_namespace(struct xml_writer *w)
{
	if (w->ns == NULL)
		return;
	buf_puts(w->out, " xmlns=\"");
	put_escaped(w->out, w->ns, 1);
	buf_putc(w->out, '"');
	w->ns = NULL;
}

/* Ends the open start tag of the current element with ">". */
static void
close_tag(struct xml_writer *w)
{
	if (w->depth == 0 || !w->stack[w->depth - 1].tag_open)
		return;
	put_namespace(w);
	buf_putc(w->out, '>');
	w->stack[w->depth - 1].tag_open = 0;
}

void
xml_writer_begin(struct xml_writer *w, struct buf *out)
{
	memset(w, 0, sizeof(*w));
	w->out = out;
	buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
}

void
xml_writer_sink(struct xml_writer *w, xml_flush_fn flush, void *arg)
{
	w->flush = flush;
	w->flush_arg = arg;
}

/* Hands the buffered output to the sink, if there is one. */
static void
drain(struct xml_writer *w)
{
	if (w->flush == NULL || w->out->len == 0)
		return;
	if (!w->failed && w->flush(w->flush_arg, w->out->data, w->out->len) != 0)
		w->failed = 1;
	w->out->len = 0;
	w->out->data[0] = '\0';
}

int
xml_start(struct xml_writer *w, const char *name)
{
	if (w->depth == XML_WRITER_DEPTH)
		return -1;
	if (w->depth > 0) {
		int *content = &w->stack[w->depth - 1].content;

		if (w->stack[w->depth - 1].tag_open) {
			close_tag(w);
			buf_putc(w->out, '\n');
		}
		*content = XML_CHILDREN;
	}
	indent(w, w->depth);
	buf_putc(w->out, '<');
	buf_puts(w->out, name);
	w->stack[w->depth].name = name;
	w->stack[w->depth].content = XML_NONE;
	w->stack[w->depth].tag_open = 1;
	w->depth++;
	return 0;
}

void
xml_namespace(struct xml_writer *w, const char *uri)
{
	w->ns = uri;
}

void
xml_attr(struct xml_writer *w, const char *name, const char *value)
{
	if (value == NULL)
		return;
	buf_putc(w->out, ' ');
	buf_puts(w->out, name);
	buf_puts(w->out, "=\"");
	put_escaped(w->out, value, 1);
	buf_putc(w->out, '"');
}

/* Decimal digits of value, written backwards from end; returns the first. */
static char *
format_ulong(char *end, unsigned long value)
{
	*--end = '\0';
	do {
		*--end = (char)('0' + value % 10);
		value /= 10;
	} while (value != 0);
	return end;
}

void
xml_attr_ulong(struct xml_writer *w, const char *name, unsigned long value)
{
	char num[32];

	xml_attr(w, name, format_ulong(num + sizeof(num), value));
}

void
xml_attr_long(struct xml_writer *w, const char *name, long value)
{
	char num[32], *p;

	if (value >= 0) {
		xml_attr(w, name, format_ulong(num + sizeof(num), (unsigned long)value));
		return;
	}
	/* -(value + 1) + 1 is the magnitude, even for LONG_MIN. */
	p = format_ulong(num + sizeof(num), (unsigned long)-(value + 1) + 1);
	*--p = '-';
	xml_attr(w, name, p);
}

void
xml_text(struct xml_writer *w, const char *text)
{
	if (w->depth == 0)
		return;
	close_tag(w);
	w->stack[w->depth - 1].content = XML_TEXT;
	if (text != NULL)
		put_escaped(w->out, text, 0);
}

void
xml_end(struct xml_writer *w)
{
	size_t d;

	if (w->depth == 0)
		return;
	d = --w->depth;
	if (w->stack[d].tag_open && w->stack[d].content == XML_NONE) {
		put_namespace(w);
		buf_puts(w->out, "/>\n");
	} else {
		if (w->stack[d].content == XML_CHILDREN)
			indent(w, d);
		buf_puts(w->out, "</");
		buf_puts(w->out, w->stack[d].name);
		buf_puts(w->out, ">\n");
	}
	if (w->out->len >= XML_WRITER_CHUNK)
		drain(w);
}

int
xml_element(struct xml_writer *w, const char *name, const char *text)
{
	if (xml_start(w, name) != 0)
		return -1;
	xml_text(w, text != NULL ? text : "");
	xml_end(w);
	return 0;
}

int
xml_writer_finish(struct xml_writer *w)
{
	while (w->depth > 0)
		xml_end(w);
	drain(w);
	return w->failed ? -1 : 0;
}
