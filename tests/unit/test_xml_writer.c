/*
 * Unit tests of the XML writer: the same calls made to it and to libxml2's
 * xmlTextWriter (indent of two spaces) must give the same bytes, since the
 * hashes of published ladder versions were taken over xmlTextWriter's output.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "util.h"
#include "xml_writer.h"
#include "unit.h"

/* Strings with every byte either writer treats specially, and plain UTF-8. */
static const char *const samples[] = {
	"",
	"plain",
	"a&b<c>d\"e'f\tg\nh\ri",
	"&amp; is not an entity here; ]]> nor is this <![CDATA[",
	"\xc3\xa9t\xc3\xa9 \xe4\xb8\xad \xf0\x9f\x98\x80 \x7f",
	"\r\n\r\n\t\t",
	"trailing space ",
};

enum op { START, START_NS, ATTR, TEXT, END, ELEMENT };

struct step {
	enum op op;
	const char *name;
	int sample;		/* index into samples, -1 for none */
};

/* A document with empty elements, text-only elements, nesting and a namespace. */
static const struct step doc[] = {
	{ START_NS, "root", -1 }, { ATTR, "a", 2 }, { ATTR, "b", 4 },
	{ START, "empty", -1 }, { END, NULL, -1 },
	{ START, "withattr", -1 }, { ATTR, "x", 5 }, { END, NULL, -1 },
	{ ELEMENT, "t", 2 }, { ELEMENT, "u", 0 }, { ELEMENT, "v", 3 },
	{ START, "p", -1 }, { ATTR, "id", 1 }, { TEXT, NULL, 4 }, { END, NULL, -1 },
	{ START, "outer", -1 },
	{ START, "mid", -1 }, { ATTR, "k", 6 },
	{ START, "inner", -1 }, { TEXT, NULL, 5 }, { END, NULL, -1 },
	{ START, "leaf", -1 }, { END, NULL, -1 },
	{ END, NULL, -1 },
	{ ELEMENT, "last", 6 },
	{ END, NULL, -1 },
	{ START, "text-empty", -1 }, { TEXT, NULL, 0 }, { END, NULL, -1 },
	{ END, NULL, -1 },
};

static void
with_libxml2(struct buf *out, const struct step *steps, size_t n)
{
	xmlBufferPtr b = xmlBufferCreate();
	xmlTextWriterPtr w = xmlNewTextWriterMemory(b, 0);
	size_t i;

	xmlTextWriterSetIndent(w, 1);
	xmlTextWriterSetIndentString(w, BAD_CAST "  ");
	xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL);
	for (i = 0; i < n; i++) {
		const xmlChar *name = BAD_CAST steps[i].name;
		const xmlChar *s = steps[i].sample >= 0 ? BAD_CAST samples[steps[i].sample] : NULL;

		switch (steps[i].op) {
		case START_NS:
			xmlTextWriterStartElementNS(w, NULL, name, BAD_CAST "urn:x-test&\"<");
			break;
		case START:
			xmlTextWriterStartElement(w, name);
			break;
		case ATTR:
			xmlTextWriterWriteAttribute(w, name, s);
			break;
		case TEXT:
			xmlTextWriterWriteString(w, s);
			break;
		case END:
			xmlTextWriterEndElement(w);
			break;
		case ELEMENT:
			xmlTextWriterWriteElement(w, name, s);
			break;
		}
	}
	xmlTextWriterEndDocument(w);
	xmlFreeTextWriter(w);
	buf_add(out, xmlBufferContent(b), (size_t)xmlBufferLength(b));
	xmlBufferFree(b);
}

static void
with_ours(struct buf *out, const struct step *steps, size_t n)
{
	struct xml_writer w;
	size_t i;

	xml_writer_begin(&w, out);
	for (i = 0; i < n; i++) {
		const char *s = steps[i].sample >= 0 ? samples[steps[i].sample] : NULL;

		switch (steps[i].op) {
		case START_NS:
			xml_start(&w, steps[i].name);
			xml_namespace(&w, "urn:x-test&\"<");
			break;
		case START:
			xml_start(&w, steps[i].name);
			break;
		case ATTR:
			xml_attr(&w, steps[i].name, s);
			break;
		case TEXT:
			xml_text(&w, s);
			break;
		case END:
			xml_end(&w);
			break;
		case ELEMENT:
			xml_element(&w, steps[i].name, s);
			break;
		}
	}
	xml_writer_finish(&w);
}

static void
test_same_as_libxml2(void)
{
	struct buf a = {0}, b = {0};

	with_libxml2(&a, doc, sizeof(doc) / sizeof(doc[0]));
	with_ours(&b, doc, sizeof(doc) / sizeof(doc[0]));
	CHECK(a.len > 0);
	CHECK_STR(b.data, a.data);
	buf_free(&a);
	buf_free(&b);
}

/* An empty root with a namespace; elements left open are closed at the end. */
static void
test_unclosed(void)
{
	static const struct step empty_root[] = { { START_NS, "r", -1 }, { ATTR, "id", 1 } };
	static const struct step open[] = {
		{ START, "a", -1 }, { START, "b", -1 }, { ELEMENT, "c", 2 },
	};
	struct buf a = {0}, b = {0};

	with_libxml2(&a, empty_root, 2);
	with_ours(&b, empty_root, 2);
	CHECK_STR(b.data, a.data);
	buf_free(&a);
	buf_free(&b);
	with_libxml2(&a, open, 3);
	with_ours(&b, open, 3);
	CHECK_STR(b.data, a.data);
	buf_free(&a);
	buf_free(&b);
}

/* Nesting deeper than the writer's stack is refused, not overrun. */
static void
test_depth(void)
{
	struct buf out = {0};
	struct xml_writer w;
	int i, refused = 0;

	xml_writer_begin(&w, &out);
	for (i = 0; i < XML_WRITER_DEPTH + 3; i++)
		if (xml_start(&w, "e") != 0)
			refused++;
	CHECK(refused == 3);
	xml_writer_finish(&w);
	CHECK(w.depth == 0);
	buf_free(&out);
}

/* Numbers as printf writes them, at the edges of their types. */
static void
test_numbers(void)
{
	static const long longs[] = { 0, 7, -3, 10, -10, 1234567890L, LONG_MAX, LONG_MIN };
	static const unsigned long ulongs[] = { 0, 9, 10, 4294967296UL, ULONG_MAX };
	struct buf got = {0}, want = {0};
	struct xml_writer w;
	size_t i;

	xml_writer_begin(&w, &got);
	buf_puts(&want, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<n");
	xml_start(&w, "n");
	for (i = 0; i < sizeof(longs) / sizeof(longs[0]); i++) {
		xml_attr_long(&w, "l", longs[i]);
		buf_printf(&want, " l=\"%ld\"", longs[i]);
	}
	for (i = 0; i < sizeof(ulongs) / sizeof(ulongs[0]); i++) {
		xml_attr_ulong(&w, "u", ulongs[i]);
		buf_printf(&want, " u=\"%lu\"", ulongs[i]);
	}
	xml_writer_finish(&w);
	buf_puts(&want, "/>\n");
	CHECK_STR(got.data, want.data);
	buf_free(&got);
	buf_free(&want);
}

int
main(void)
{
	RUN(test_same_as_libxml2);
	RUN(test_unclosed);
	RUN(test_depth);
	RUN(test_numbers);
	xmlCleanupParser();
	return UNIT_EXIT();
}
