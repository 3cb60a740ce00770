/*
 * nofont.so: an LD_PRELOAD shim for tools/bench that makes libharu refer to
 * the TrueType fonts egf loads instead of embedding them, so that the cost
 * of embedding can be measured on real packets (size and time per
 * document, with and without). Such PDFs display correctly only where
 * DejaVu is installed; egf itself always embeds.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

#include <hpdf.h>

const char *
HPDF_LoadTTFontFromFile(HPDF_Doc pdf, const char *file_name, HPDF_BOOL embedding)
{
	static const char *(*real)(HPDF_Doc, const char *, HPDF_BOOL);

	(void)embedding;
	if (real == NULL &&
	    (real = (const char *(*)(HPDF_Doc, const char *, HPDF_BOOL))dlsym(RTLD_NEXT,
	    "HPDF_LoadTTFontFromFile")) == NULL) {
		fputs("nofont.so: HPDF_LoadTTFontFromFile not found\n", stderr);
		abort();
	}
	return real(pdf, file_name, HPDF_FALSE);
}
