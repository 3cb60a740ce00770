/*
 * atomic_dir: a directory is replaced as a whole or not at all; a failure
 * part-way through leaves the old directory as it was and no temporaries.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic_dir.h"
#include "util.h"
#include "unit.h"

static char root[] = "/tmp/egf-atomic-dir-XXXXXX";

/* The contents of root/rel, or NULL; the caller frees it. */
static char *
slurp(const char *rel)
{
	char *path = path_join(root, rel), *data = NULL;
	size_t len;

	if (file_read(path, 1 << 20, &data, &len) != FILE_OK)
		data = NULL;
	free(path);
	return data;
}

/* How many entries root holds (the directories being written and any temporaries). */
static int
entries(void)
{
	DIR *d = opendir(root);
	struct dirent *de;
	int n = 0;

	while (d != NULL && (de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
			n++;
	if (d != NULL)
		closedir(d);
	return n;
}

static int
always(const char *path)
{
	(void)path;
	return 1;
}

static char *
target(void)
{
	return path_join(root, "out");
}

/* A first directory: out/a and out/sub/b. */
static void
write_old(void)
{
	char *out = target();
	struct atomic_dir *d = atomic_dir_open(out);

	CHECK(d != NULL);
	CHECK(atomic_dir_add(d, "a", "old a", 5) == 0);
	CHECK(atomic_dir_add(d, "sub/b", "old b", 5) == 0);
	CHECK(atomic_dir_commit(d, NULL) == 0);
	free(out);
}

static void
check_old(void)
{
	char *a = slurp("out/a"), *b = slurp("out/sub/b"), *c = slurp("out/c");

	CHECK_STR(a, "old a");
	CHECK_STR(b, "old b");
	CHECK(c == NULL);
	CHECK(entries() == 1);	/* out, and nothing left beside it */
	free(a);
	free(b);
	free(c);
}

static void
test_new_directory(void)
{
	write_old();
	check_old();
	CHECK(atomic_dir_state(root) == 1);
}

/* A write fails part-way (a file where a directory must go): abort keeps the old one. */
static void
test_failure_keeps_old(void)
{
	char *out = target();
	struct atomic_dir *d = atomic_dir_open(out);

	CHECK(d != NULL);
	CHECK(atomic_dir_add(d, "a", "new a", 5) == 0);
	CHECK(atomic_dir_add(d, "c", "new c", 5) == 0);
	CHECK(atomic_dir_add(d, "c/d", "x", 1) != 0 && errno == ENOTDIR);
	CHECK(atomic_dir_add(d, "a", "again", 5) != 0 && errno == EEXIST);
	CHECK(entries() == 2);	/* out and the stage */
	atomic_dir_abort(d);
	check_old();
	free(out);
}

/* A directory with something in it is replaced only when the caller says so. */
static void
test_refused_keeps_old(void)
{
	char *out = target();
	struct atomic_dir *d = atomic_dir_open(out);

	CHECK(d != NULL);
	CHECK(atomic_dir_add(d, "c", "new c", 5) == 0);
	CHECK(atomic_dir_commit(d, NULL) != 0 && errno == ENOTEMPTY);
	check_old();
	free(out);
}

static void
test_replace(void)
{
	char *out = target(), *a, *b, *c;
	struct atomic_dir *d = atomic_dir_open(out);

	CHECK(d != NULL);
	CHECK(atomic_dir_add(d, "a", "new a", 5) == 0);
	CHECK(atomic_dir_add(d, "c", "new c", 5) == 0);
	CHECK(atomic_dir_commit(d, always) == 0);
	a = slurp("out/a");
	b = slurp("out/sub/b");
	c = slurp("out/c");
	CHECK_STR(a, "new a");
	CHECK(b == NULL);	/* nothing of the old directory is left in the new */
	CHECK_STR(c, "new c");
	CHECK(entries() == 1);
	free(a);
	free(b);
	free(c);
	free(out);
}

/* A symbolic link is never replaced (the rename would replace the link, not its target). */
static void
test_symlink_refused(void)
{
	char *link = path_join(root, "link"), *out = target();
	struct atomic_dir *d;

	CHECK(symlink(out, link) == 0);
	CHECK(atomic_dir_state(link) == -1 && errno == ELOOP);
	d = atomic_dir_open(link);
	CHECK(d != NULL);
	CHECK(atomic_dir_add(d, "a", "x", 1) == 0);
	CHECK(atomic_dir_commit(d, always) != 0 && errno == ELOOP);
	CHECK(entries() == 2);	/* out and link */
	unlink(link);
	free(link);
	free(out);
}

int
main(void)
{
	char cmd[128];

	if (mkdtemp(root) == NULL)
		return 1;
	RUN(test_new_directory);
	RUN(test_failure_keeps_old);
	RUN(test_refused_keeps_old);
	RUN(test_replace);
	RUN(test_symlink_refused);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	if (system(cmd) != 0)
		return 1;
	return UNIT_EXIT();
}
