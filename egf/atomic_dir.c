/*
 * atomic_dir.c: a directory written as a whole (atomic_dir.h).
 */
#define _GNU_SOURCE	/* renameat2 */
#include "atomic_dir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

struct atomic_dir {
	char *path;	/* the target, as given */
	char *parent;	/* its directory */
	char *base;	/* its name in parent */
	char *stage;
};

int
atomic_dir_state(const char *path)
{
	struct stat st;
	struct dirent *de;
	DIR *d;
	int found = 0;

	if (lstat(path, &st) != 0)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISDIR(st.st_mode)) {
		errno = S_ISLNK(st.st_mode) ? ELOOP : ENOTDIR;
		return -1;
	}
	if ((d = opendir(path)) == NULL)
		return -1;
	while (!found && (de = readdir(d)) != NULL)
		found = strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0;
	closedir(d);
	return found;
}

/* Splits path (without trailing slashes) into its directory and base name; caller frees. */
static void
split_path(const char *path, char **dir, char **base)
{
	char *p = xstrdup(path), *slash;
	size_t n = strlen(p);

	while (n > 1 && p[n - 1] == '/')
		p[--n] = '\0';
	if ((slash = strrchr(p, '/')) == NULL) {
		*dir = xstrdup(".");
		*base = p;
		return;
	}
	*base = xstrdup(slash + 1);
	*dir = slash == p ? xstrdup("/") : xstrndup(p, (size_t)(slash - p));
	free(p);
}

static int
remove_entry(const char *fpath, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(fpath) == 0 || errno == ENOENT ? 0 : -1;
}

/* Removes a tree without following symbolic links; errors are ignored (what is left stays). */
static void
remove_tree(const char *dir)
{
	int saved = errno;

	nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	errno = saved;
}

/*
 * Removes the temporaries an earlier run for the same target left when it
 * was killed: ".BASE.tmp-PID-XXXXXX" and ".BASE.old-PID-XXXXXX" beside it
 * whose process is gone. Those of a run still going are left alone.
 */
static void
remove_stale(const char *dir, const char *base)
{
	static const char *const kinds[] = { "tmp", "old" };
	struct dirent *de;
	DIR *d;
	size_t k;

	if ((d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		for (k = 0; k < 2; k++) {
			char *prefix = xasprintf(".%s.%s-", base, kinds[k]), *end, *victim;
			size_t n = strlen(prefix);
			long pid;

			if (strncmp(de->d_name, prefix, n) != 0) {
				free(prefix);
				continue;
			}
			free(prefix);
			pid = strtol(de->d_name + n, &end, 10);
			if (end == de->d_name + n || *end != '-' || pid <= 0 ||
			    kill((pid_t)pid, 0) == 0 || errno != ESRCH)
				continue;
			victim = path_join(dir, de->d_name);
			remove_tree(victim);
			free(victim);
		}
	}
	closedir(d);
}

static void
atomic_dir_free(struct atomic_dir *d)
{
	if (d == NULL)
		return;
	free(d->path);
	free(d->parent);
	free(d->base);
	free(d->stage);
	free(d);
}

struct atomic_dir *
atomic_dir_open(const char *path)
{
	struct atomic_dir *d = xcalloc(1, sizeof(*d));
	mode_t mask;
	int saved;

	d->path = xstrdup(path);
	split_path(path, &d->parent, &d->base);
	remove_stale(d->parent, d->base);
	d->stage = xasprintf("%s/.%s.tmp-%ld-XXXXXX", d->parent, d->base, (long)getpid());
	if (mkdtemp(d->stage) == NULL)
		goto err;
	/* mkdtemp made it 0700; the directory is as readable as any other output. */
	mask = umask(0);
	umask(mask);
	if (chmod(d->stage, 0777 & ~mask) != 0) {
		saved = errno;
		rmdir(d->stage);
		errno = saved;
		goto err;
	}
	return d;
err:
	saved = errno;
	atomic_dir_free(d);
	errno = saved;
	return NULL;
}

const char *
atomic_dir_stage(const struct atomic_dir *d)
{
	return d->stage;
}

int
atomic_dir_add(struct atomic_dir *d, const char *rel, const void *data, size_t len)
{
	char *path = path_join(d->stage, rel), *slash;
	const char *p = data;
	size_t off = strlen(path) - strlen(rel);
	int fd, rc = -1, saved;
	ssize_t n;

	for (slash = strchr(path + off, '/'); slash != NULL; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		if (mkdir(path, 0777) != 0 && errno != EEXIST) {
			free(path);
			return -1;
		}
		*slash = '/';
	}
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666)) == -1) {
		free(path);
		return -1;
	}
	while (len > 0) {
		if ((n = write(fd, p, len)) < 0) {
			if (errno == EINTR)
				continue;
			goto out;
		}
		p += n;
		len -= (size_t)n;
	}
	rc = 0;
out:
	saved = errno;
	if (close(fd) != 0 && rc == 0) {
		saved = errno;
		rc = -1;
	}
	free(path);
	errno = saved;
	return rc;
}

/* Whether what stands at path may be replaced: empty, or replaceable says so. */
static int
may_replace(const char *path, atomic_dir_replaceable replaceable)
{
	int state = atomic_dir_state(path);

	return state == 0 || (state == 1 && replaceable != NULL && replaceable(path));
}

/*
 * Replaces the directory at d->path with the stage. On success the old one
 * is at d->stage (after an exchange) or already removed (after moving it
 * aside). Returns -1 with errno set, everything as it was.
 */
static int
swap_in(struct atomic_dir *d, atomic_dir_replaceable replaceable)
{
	char *aside;
	int saved;

	if (!may_replace(d->path, replaceable)) {
		errno = ENOTEMPTY;
		return -1;
	}
#ifdef RENAME_EXCHANGE
	if (renameat2(AT_FDCWD, d->stage, AT_FDCWD, d->path, RENAME_EXCHANGE) == 0) {
		if (may_replace(d->stage, replaceable))
			return 0;
		/* Something else took its place meanwhile: put it back. */
		renameat2(AT_FDCWD, d->stage, AT_FDCWD, d->path, RENAME_EXCHANGE);
		errno = ENOTEMPTY;
		return -1;
	}
	if (errno != EINVAL && errno != ENOSYS)
		return -1;
#endif
	aside = xasprintf("%s/.%s.old-%ld-XXXXXX", d->parent, d->base, (long)getpid());
	if (mkdtemp(aside) == NULL) {
		free(aside);
		return -1;
	}
	if (rename(d->path, aside) != 0)
		goto err;
	if (rename(d->stage, d->path) != 0) {
		saved = errno;
		rename(aside, d->path);
		errno = saved;
		goto err;
	}
	remove_tree(aside);
	free(aside);
	return 0;
err:
	saved = errno;
	rmdir(aside);
	free(aside);
	errno = saved;
	return -1;
}

int
atomic_dir_commit(struct atomic_dir *d, atomic_dir_replaceable replaceable)
{
	int rc = -1, saved;

	/* never through a symbolic link: the rename would replace the link itself */
	if (atomic_dir_state(d->path) < 0)
		goto out;
	if (rename(d->stage, d->path) == 0)
		rc = 0;
	else if ((errno == ENOTEMPTY || errno == EEXIST) && swap_in(d, replaceable) == 0)
		rc = 0;
out:
	saved = errno;
	remove_tree(d->stage);	/* the old directory after an exchange; else the unused stage */
	atomic_dir_free(d);
	errno = saved;
	return rc;
}

void
atomic_dir_abort(struct atomic_dir *d)
{
	if (d == NULL)
		return;
	remove_tree(d->stage);
	atomic_dir_free(d);
}
