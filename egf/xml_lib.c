/* xml_lib.c: libxml2, loaded on first use (xml_lib.h). */
#include "xml_lib.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>

#include "util.h"

#ifndef EGF_XML_LIBRARY
#define EGF_XML_LIBRARY "libxml2.so.2"
#endif

struct xml_lib xml_lib;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static char *load_error;	/* why loading failed (owned, kept for the process), or NULL */

static void
load(void)
{
	/* RTLD_LOCAL: nothing else in egf sees it. The handle is never closed. */
	void *h = dlopen(EGF_XML_LIBRARY, RTLD_NOW | RTLD_LOCAL);

	if (h == NULL) {
		const char *e = dlerror();

		load_error = xasprintf("libxml2 could not be loaded (%s); install libxml2",
		    e ? e : EGF_XML_LIBRARY);
		return;
	}
	/* A pointer from dlsym's void *, as POSIX has it (xmlFree's is a variable's). */
#define XML_LIB_LOOKUP(name) \
	if (load_error == NULL && (*(void **)&xml_lib.name = dlsym(h, #name)) == NULL) \
		load_error = xasprintf("libxml2 has no %s (%s)", #name, EGF_XML_LIBRARY);
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
	if (load_error != NULL) {
		*why = load_error;
		return -1;
	}
	return 0;
}
