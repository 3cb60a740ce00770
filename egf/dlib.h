/*
 * dlib.h: a shared library opened when first needed (dlopen), and the
 * symbols of its table, for xml_lib.c and pdf_lib.c.
 *
 * A table module fills its table once under pthread_once: dlib_open, then
 * dlib_symbol per symbol; the first failure is kept in the dlib as the
 * message the module's callers report. The handle is never closed.
 */
#ifndef EGF_DLIB_H
#define EGF_DLIB_H

struct dlib {
	const char *soname;	/* borrowed: the name the dynamic loader knows */
	void *handle;		/* NULL until opened */
	char *error;		/* why opening or a lookup failed (owned, kept), or NULL */
};

/*
 * Opens soname (RTLD_NOW | RTLD_LOCAL: nothing else in egf sees its
 * symbols); what names it in a message, package is what to install.
 * 0, or -1 with l->error set.
 */
int dlib_open(struct dlib *l, const char *soname, const char *what, const char *package);

/* Looks name up into *slot (the pointer's storage), unless an earlier step failed. */
void dlib_symbol(struct dlib *l, const char *name, void **slot);

#endif
