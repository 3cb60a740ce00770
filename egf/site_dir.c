/*
 * site_dir.c: writing a site into its directory in one step, with
 * atomic_dir (its header says how readers never see half of each). Only a
 * directory holding SITE_MARKER (or an empty one) is ever replaced.
 */
#include "site.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "atomic_dir.h"

static const char marker_text[] =
    "This directory was written by egf site; egf site -o replaces it as a whole.\n";

/* 1 when dir holds the marker file. */
static int
has_marker(const char *dir)
{
	char *marker = path_join(dir, SITE_MARKER);
	struct stat st;
	int ok = lstat(marker, &st) == 0 && S_ISREG(st.st_mode);

	free(marker);
	return ok;
}

/* The last name of path, without trailing slashes; the caller frees it. */
static char *
base_name(const char *path)
{
	size_t n = strlen(path);
	const char *slash;

	while (n > 1 && path[n - 1] == '/')
		n--;
	for (slash = path + n; slash > path && slash[-1] != '/'; slash--)
		;
	return xstrndup(slash, n - (size_t)(slash - path));
}

int
site_dir_check(const char *path)
{
	char *base = base_name(path);
	struct stat st;
	int rc = 0, full;

	if (*base == '\0' || strcmp(base, ".") == 0 || strcmp(base, "..") == 0) {
		fprintf(stderr, "egf site: %s: name the site directory itself\n", path);
		rc = -1;
	} else if (lstat(path, &st) != 0) {
		if (errno != ENOENT) {
			fprintf(stderr, "egf site: %s: %s\n", path, strerror(errno));
			rc = -1;
		}
	} else if (!S_ISDIR(st.st_mode)) {
		fprintf(stderr, "egf site: %s exists and is not a directory; refusing to "
		    "replace it\n", path);
		rc = -1;
	} else if (!has_marker(path)) {
		if ((full = atomic_dir_state(path)) < 0) {
			fprintf(stderr, "egf site: %s: %s\n", path, strerror(errno));
			rc = -1;
		} else if (full) {
			fprintf(stderr, "egf site: %s is not empty and holds no %s file, so it "
			    "is not an egf site; refusing to replace it\n", path, SITE_MARKER);
			rc = -1;
		}
	}
	free(base);
	return rc;
}

/* Fills the staging directory; returns -1 after printing the error (under path). */
static int
fill(struct atomic_dir *d, const struct site *s, const char *path)
{
	size_t i;

	for (i = 0; i < s->nfiles; i++)
		if (atomic_dir_add(d, s->files[i].path, s->files[i].data.data ?
		    s->files[i].data.data : "", s->files[i].data.len) != 0) {
			fprintf(stderr, "egf site: %s/%s: %s\n", path, s->files[i].path,
			    strerror(errno));
			return -1;
		}
	if (atomic_dir_add(d, SITE_MARKER, marker_text, sizeof(marker_text) - 1) != 0) {
		fprintf(stderr, "egf site: %s/%s: %s\n", path, SITE_MARKER, strerror(errno));
		return -1;
	}
	return 0;
}

int
site_dir_write(const char *path, const struct site *s)
{
	struct atomic_dir *d = atomic_dir_open(path);

	if (d == NULL) {
		fprintf(stderr, "egf site: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (fill(d, s, path) != 0) {
		atomic_dir_abort(d);
		return -1;
	}
	if (atomic_dir_commit(d, has_marker) != 0) {
		fprintf(stderr, "egf site: %s: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}
