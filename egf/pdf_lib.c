/* pdf_lib.c: the PDF libraries, loaded on first use (pdf_lib.h). */
#include "pdf_lib.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>

#include "util.h"

#ifndef EGF_PDF_LIBRARY
#define EGF_PDF_LIBRARY "libpangocairo-1.0.so.0"
#endif

struct pdf_lib pdf_lib;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static char *load_error;	/* why loading failed (owned, kept for the process), or NULL */

static void
load(void)
{
	/*
	 * PangoCairo needs all the others: the handle finds the functions of
	 * its dependencies too. RTLD_LOCAL: nothing else in egf sees them. The
	 * handle is never closed (GLib cannot be unloaded).
	 */
	void *h = dlopen(EGF_PDF_LIBRARY, RTLD_NOW | RTLD_LOCAL);

	if (h == NULL) {
		const char *e = dlerror();

		load_error = xasprintf("the PDF libraries could not be loaded (%s); install "
		    "libpangocairo-1.0-0", e ? e : EGF_PDF_LIBRARY);
		return;
	}
	/* A function pointer from dlsym's void *, as POSIX has it. */
#define PDF_LIB_LOOKUP(name) \
	if (load_error == NULL && (*(void **)&pdf_lib.name = dlsym(h, #name)) == NULL) \
		load_error = xasprintf("the PDF libraries have no function %s (%s)", #name, \
		    EGF_PDF_LIBRARY);
	PDF_LIB_FUNCTIONS(PDF_LIB_LOOKUP)
#undef PDF_LIB_LOOKUP
}

int
pdf_lib_load(const char **why)
{
	if (pthread_once(&load_once, load) != 0) {
		*why = "the PDF libraries could not be loaded (pthread_once failed)";
		return -1;
	}
	if (load_error != NULL) {
		*why = load_error;
		return -1;
	}
	return 0;
}
