/* pdf_lib.c: the PDF libraries, loaded on first use (pdf_lib.h). */
#include "pdf_lib.h"

#include <pthread.h>

#include "dlib.h"

#ifndef EGF_PDF_LIBRARY
#define EGF_PDF_LIBRARY "libpangocairo-1.0.so.0"
#endif

struct pdf_lib pdf_lib;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static struct dlib lib;		/* written once, under load_once */

static void
load(void)
{
	/*
	 * PangoCairo needs all the others: its handle finds the functions of
	 * its dependencies too (GLib cannot be unloaded: it never is).
	 */
	if (dlib_open(&lib, EGF_PDF_LIBRARY, "the PDF libraries", "libpangocairo-1.0-0") != 0)
		return;
#define PDF_LIB_LOOKUP(name) dlib_symbol(&lib, #name, (void **)&pdf_lib.name);
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
	*why = lib.error;
	return lib.error != NULL ? -1 : 0;
}
