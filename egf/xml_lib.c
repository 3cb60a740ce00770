/* xml_lib.c: libxml2, loaded on first use (xml_lib.h). */
#include "xml_lib.h"

#include <pthread.h>

#include "dlib.h"

#ifndef EGF_XML_LIBRARY
#define EGF_XML_LIBRARY "libxml2.so.2"
#endif

struct xml_lib xml_lib;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static struct dlib lib;		/* written once, under load_once */

static void
load(void)
{
	if (dlib_open(&lib, EGF_XML_LIBRARY, "libxml2", "libxml2") != 0)
		return;
#define XML_LIB_LOOKUP(name) dlib_symbol(&lib, #name, (void **)&xml_lib.name);
	XML_LIB_SYMBOLS(XML_LIB_LOOKUP)
#undef XML_LIB_LOOKUP
}

int
xml_lib_load(const char **why)
{
	if (pthread_once(&load_once, load) != 0) {
		*why = "libxml2 could not be loaded (pthread_once failed)";
		return -1;
	}
	*why = lib.error;
	return lib.error != NULL ? -1 : 0;
}
