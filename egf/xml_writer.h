/*
 * xml_writer.h: a small streaming XML writer into a buffer, for documents
 * of elements, attributes and text (no mixed content, comments or DTDs).
 *
 * The output is the same, byte for byte, as libxml2's xmlTextWriter with an
 * indent of two spaces, which egf used before: published ladder versions
 * are identified by a hash of it, so it must not change. Attribute values
 * escape & < > " and tab, line feed and carriage return as character
 * references (so that attribute normalisation keeps them); text escapes
 * & < > " and carriage return. Names are trusted (egf's own); values and
 * text must be UTF-8 without NUL.
 */
#ifndef EGF_XML_WRITER_H
#define EGF_XML_WRITER_H

#include <stddef.h>

#include "util.h"

#define XML_WRITER_DEPTH 16
#define XML_WRITER_CHUNK 65536

/* Takes len bytes of finished output; returns 0, or -1 to stop the writing. */
typedef int (*xml_flush_fn)(void *arg, const char *data, size_t len);

struct xml_writer {
	struct buf *out;
	size_t depth;
	struct {
		const char *name;	/* borrowed: egf's element names are literals */
		int content;		/* XML_NONE, XML_TEXT or XML_CHILDREN */
		int tag_open;		/* "<name attr…" written, ">" not yet */
	} stack[XML_WRITER_DEPTH];
	const char *ns;			/* xmlns to write when the open tag closes */
	xml_flush_fn flush;		/* NULL: everything stays in out */
	void *flush_arg;
	int failed;			/* flush returned -1; later output is dropped */
};

/* Starts a document: the XML declaration (version 1.0, UTF-8). */
void xml_writer_begin(struct xml_writer *w, struct buf *out);
/*
 * Hands the output to flush whenever XML_WRITER_CHUNK bytes are buffered
 * and at the end, instead of keeping it all in the buffer.
 */
void xml_writer_sink(struct xml_writer *w, xml_flush_fn flush, void *arg);
/* Opens an element; returns -1 when nested deeper than XML_WRITER_DEPTH. */
int xml_start(struct xml_writer *w, const char *name);
/* Declares the default namespace of the element just opened. */
void xml_namespace(struct xml_writer *w, const char *uri);
/* Adds an attribute to the element just opened (value may be NULL: omitted). */
void xml_attr(struct xml_writer *w, const char *name, const char *value);
void xml_attr_ulong(struct xml_writer *w, const char *name, unsigned long value);
void xml_attr_long(struct xml_writer *w, const char *name, long value);
/* Writes text into the current element (NULL writes nothing but closes the tag). */
void xml_text(struct xml_writer *w, const char *text);
/* Closes the current element. */
void xml_end(struct xml_writer *w);
/* <name>text</name>, with an empty text for NULL. */
int xml_element(struct xml_writer *w, const char *name, const char *text);
/* Closes every element still open and flushes; -1 when a flush failed. */
int xml_writer_finish(struct xml_writer *w);

#endif
