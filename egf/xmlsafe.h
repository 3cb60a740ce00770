/*
 * xmlsafe.h: parsing the XML that users hand to egf (compiled models,
 * packet templates) with libxml2, safely: no network, no DTD loading, no
 * entity substitution, and any document with a DOCTYPE refused, so neither
 * external entities (XXE) nor entity expansion (billion laughs) can happen.
 * The first error libxml2 reports becomes a positioned [xml-syntax]
 * diagnostic.
 */
#ifndef EGF_XMLSAFE_H
#define EGF_XMLSAFE_H

#include <stddef.h>

#include <libxml/tree.h>

#include "diag.h"

/*
 * Parses data; name stands for it in diagnostics; what names the kind of
 * document ("a model file"). Returns the document (the caller frees it with
 * xmlFreeDoc) or NULL after a diagnostic.
 */
xmlDocPtr xmlsafe_read(const char *data, size_t len, const char *name, const char *what,
    struct diag_list *dl);

/* 1 when n is an element named name in namespace ns. */
int xmlsafe_is(xmlNodePtr n, const char *ns, const char *name);

#endif
