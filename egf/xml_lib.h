/*
 * xml_lib.h: libxml2, loaded when egf first reads XML (a model's XML, a
 * packet template, the booklet's HTML), not when egf starts.
 *
 * libxml2 brings ICU and the C++ library: about a hundred page faults,
 * 3 to 5 ms of every egf command's start on this project's machines,
 * while most commands read no XML (a published ladder is read from its
 * binary form, docs/store.md). The functions egf calls, and the variable
 * xmlFree, are looked up once, in a table written by xml_lib_load under
 * pthread_once and only read afterwards.
 *
 * A file that calls libxml2 defines XML_LIB_NAMES before including this
 * header, last, so that each call goes through the table; a function
 * missing from XML_LIB_SYMBOLS does not link (egf is not linked with
 * libxml2). Everything that makes a document calls xml_lib_load first
 * (xmlsafe_read, the booklet's HTML reader, the server's start); the rest
 * works on documents, so the library is loaded by then.
 */
#ifndef EGF_XML_LIB_H
#define EGF_XML_LIB_H

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#define XML_LIB_SYMBOLS(X) \
	X(htmlReadMemory) \
	X(xmlCtxtReadMemory) \
	X(xmlDocGetRootElement) \
	X(xmlFree) \
	X(xmlFreeDoc) \
	X(xmlFreeParserCtxt) \
	X(xmlGetLineNo) \
	X(xmlGetNoNsProp) \
	X(xmlGetProp) \
	X(xmlInitParser) \
	X(xmlNewParserCtxt) \
	X(xmlNodeGetContent) \
	X(xmlStrcmp)

struct xml_lib {
#define XML_LIB_POINTER(name) __typeof__(name) *name;
	XML_LIB_SYMBOLS(XML_LIB_POINTER)
#undef XML_LIB_POINTER
};

/* The table: complete once xml_lib_load has returned 0. */
extern struct xml_lib xml_lib;

/*
 * Loads libxml2 and fills the table, once per process (later calls return
 * the first one's result); thread-safe. 0, or -1 with *why saying what
 * failed (borrowed, kept for the process).
 */
int xml_lib_load(const char **why);

#ifdef XML_LIB_NAMES
#define htmlReadMemory (*xml_lib.htmlReadMemory)
#define xmlCtxtReadMemory (*xml_lib.xmlCtxtReadMemory)
#define xmlDocGetRootElement (*xml_lib.xmlDocGetRootElement)
#define xmlFree (*xml_lib.xmlFree)
#define xmlFreeDoc (*xml_lib.xmlFreeDoc)
#define xmlFreeParserCtxt (*xml_lib.xmlFreeParserCtxt)
#define xmlGetLineNo (*xml_lib.xmlGetLineNo)
#define xmlGetNoNsProp (*xml_lib.xmlGetNoNsProp)
#define xmlGetProp (*xml_lib.xmlGetProp)
#define xmlInitParser (*xml_lib.xmlInitParser)
#define xmlNewParserCtxt (*xml_lib.xmlNewParserCtxt)
#define xmlNodeGetContent (*xml_lib.xmlNodeGetContent)
#define xmlStrcmp (*xml_lib.xmlStrcmp)
#endif

#endif
