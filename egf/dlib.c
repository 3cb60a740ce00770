/* dlib.c: a shared library opened on demand, and its symbols (dlib.h). */
#include "dlib.h"

#include <dlfcn.h>
#include <stddef.h>

#include "util.h"

int
dlib_open(struct dlib *l, const char *soname, const char *what, const char *package)
{
	const char *e;

	l->soname = soname;
	if ((l->handle = dlopen(soname, RTLD_NOW | RTLD_LOCAL)) != NULL)
		return 0;
	e = dlerror();
	l->error = xasprintf("%s could not be loaded (%s); install %s", what, e ? e : soname,
	    package);
	return -1;
}

void
dlib_symbol(struct dlib *l, const char *name, void **slot)
{
	if (l->error != NULL || l->handle == NULL)
		return;
	/* A pointer from dlsym's void *, as POSIX has it (for a function or a variable). */
	if ((*slot = dlsym(l->handle, name)) == NULL)
		l->error = xasprintf("%s has no %s", l->soname, name);
}
