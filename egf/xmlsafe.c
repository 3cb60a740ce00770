/* xmlsafe.c: libxml2 without network, DTDs or entities. */
#include "xmlsafe.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* last: libxml2's functions are called through the loaded table */
#define XML_LIB_NAMES
#include "xml_lib.h"

/*
 * The first error of a parse (libxml2 keeps only the last one). Entity
 * text is parsed in contexts of its own whose errors carry positions inside
 * the entity; the same error then reaches the document's context with the
 * position of the reference, so errors of other contexts are kept only in
 * case the document's context reports none.
 */
struct first_error {
	xmlParserCtxtPtr main;
	int seen, seen_elsewhere;
	int line, col;
	char *msg;
};

static void
keep_first(void *arg, xmlErrorPtr e)
{
	xmlParserCtxtPtr ctxt = arg;
	struct first_error *fe = ctxt->_private;
	int from_main;
	size_t n;

	if (fe == NULL || fe->seen || e == NULL || e->level < XML_ERR_ERROR)
		return;
	from_main = ctxt == fe->main;
	if (!from_main && fe->seen_elsewhere)
		return;
	free(fe->msg);
	fe->seen = from_main;
	fe->seen_elsewhere = 1;
	fe->line = e->line;
	fe->col = e->int2;
	fe->msg = xstrdup(e->message ? e->message : "malformed XML");
	n = strlen(fe->msg);
	while (n > 0 && fe->msg[n - 1] == '\n')
		fe->msg[--n] = '\0';
}

xmlDocPtr
xmlsafe_read(const char *data, size_t len, const char *name, const char *what,
    struct diag_list *dl)
{
	struct first_error fe = { NULL, 0, 0, 0, 0, NULL };
	xmlParserCtxtPtr ctxt;
	xmlDocPtr doc;

	const char *why;

	if (len > INT_MAX) {
		diag_add(dl, DIAG_TOO_LARGE, name, 0, 0, "%s is too large", what);
		return NULL;
	}
	if (xml_lib_load(&why) != 0) {
		diag_add(dl, DIAG_SYSTEM, name, 0, 0, "%s", why);
		return NULL;
	}
	if ((ctxt = xmlNewParserCtxt()) == NULL) {
		fputs("egf: out of memory\n", stderr);
		exit(2);
	}
	fe.main = ctxt;
	ctxt->_private = &fe;
	ctxt->sax->serror = keep_first;
	/* No XML_PARSE_NOENT (no substitution), no XML_PARSE_DTDLOAD, no network. */
	doc = xmlCtxtReadMemory(ctxt, data, (int)len, NULL, NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (doc == NULL || fe.seen_elsewhere) {
		diag_add(dl, DIAG_XML_SYNTAX, name, fe.msg && fe.line > 0 ? (unsigned)fe.line : 1,
		    fe.msg && fe.col > 0 ? (unsigned)fe.col : 1, "%s",
		    fe.msg ? fe.msg : "malformed XML");
		xmlFreeDoc(doc);
		doc = NULL;
	} else if (doc->intSubset != NULL || doc->extSubset != NULL) {
		const char *at = NULL, *p;
		unsigned line = 1, col = 1;

		for (p = data; p + 9 <= data + len; p++)
			if (memcmp(p, "<!DOCTYPE", 9) == 0) {
				at = p;
				break;
			}
		if (at != NULL)
			text_position(data, (size_t)(at - data), &line, &col);
		diag_add(dl, DIAG_XML_SYNTAX, name, line, col, "%s may not have a DOCTYPE", what);
		xmlFreeDoc(doc);
		doc = NULL;
	}
	free(fe.msg);
	xmlFreeParserCtxt(ctxt);
	return doc;
}

int
xmlsafe_is(xmlNodePtr n, const char *ns, const char *name)
{
	return n->type == XML_ELEMENT_NODE && xmlStrcmp(n->name, BAD_CAST name) == 0 &&
	    n->ns != NULL && xmlStrcmp(n->ns->href, BAD_CAST ns) == 0;
}
