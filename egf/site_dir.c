/*
 * site_dir.c: writing a site into its directory in one step.
 *
 * The pages go into a temporary directory beside the target, which is then
 * renamed into place: onto nothing or an empty directory with rename(2),
 * onto an earlier site by swapping the two with renameat2(RENAME_EXCHANGE)
 * where the system has it, else by moving the old one aside first. Readers
 * see the old site or the new one, never half of each. Only a directory
 * holding SITE_MARKER (or an empty one) is ever replaced. The temporaries
 * carry the writer's process id, so that a later run removes those of a
 * run that was killed (SIGKILL leaves them) and no others.
 */
#define _GNU_SOURCE	/* renameat2 */
#include "site.h"

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

/* 1 when dir is empty, 0 when not, -1 when it cannot be read. */
static int
is_empty_dir(const char *dir)
{
	struct dirent *de;
	DIR *d;
	int empty = 1;

	if ((d = opendir(dir)) == NULL)
		return -1;
	while (empty && (de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
			empty = 0;
	closedir(d);
	return empty;
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

int
site_dir_check(const char *path)
{
	char *dir, *base;
	struct stat st;
	int rc = 0, empty;

	split_path(path, &dir, &base);
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
		if ((empty = is_empty_dir(path)) < 0) {
			fprintf(stderr, "egf site: %s: %s\n", path, strerror(errno));
			rc = -1;
		} else if (!empty) {
			fprintf(stderr, "egf site: %s is not empty and holds no %s file, so it "
			    "is not an egf site; refusing to replace it\n", path, SITE_MARKER);
			rc = -1;
		}
	}
	free(dir);
	free(base);
	return rc;
}

static int
remove_entry(const char *fpath, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(fpath) == 0 || errno == ENOENT ? 0 : -1;
}

/* Removes a tree without following symbolic links; errors are ignored. */
static void
remove_tree(const char *dir)
{
	nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Writes one file below root, making its directories. Returns -1 with errno set. */
static int
write_file(const char *root, const char *rel, const char *data, size_t len)
{
	char *path = path_join(root, rel), *slash;
	size_t off = strlen(path) - strlen(rel);
	int fd, rc = -1;
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
		if ((n = write(fd, data, len)) < 0) {
			if (errno == EINTR)
				continue;
			goto out;
		}
		data += n;
		len -= (size_t)n;
	}
	rc = 0;
out:
	if (close(fd) != 0)
		rc = -1;
	free(path);
	return rc;
}

/* Fills the temporary directory; returns -1 after printing the error (under path). */
static int
fill(const char *tmp, const struct site *s, const char *path)
{
	mode_t mask;
	size_t i;

	for (i = 0; i < s->nfiles; i++)
		if (write_file(tmp, s->files[i].path, s->files[i].data.data ?
		    s->files[i].data.data : "", s->files[i].data.len) != 0) {
			fprintf(stderr, "egf site: %s/%s: %s\n", path, s->files[i].path,
			    strerror(errno));
			return -1;
		}
	if (write_file(tmp, SITE_MARKER, marker_text, sizeof(marker_text) - 1) != 0) {
		fprintf(stderr, "egf site: %s/%s: %s\n", path, SITE_MARKER, strerror(errno));
		return -1;
	}
	/* mkdtemp made it 0700; a site is as readable as any other output. */
	mask = umask(0);
	umask(mask);
	if (chmod(tmp, 0777 & ~mask) != 0) {
		fprintf(stderr, "egf site: %s: %s\n", tmp, strerror(errno));
		return -1;
	}
	return 0;
}

/*
 * Replaces the earlier site at path with tmp. On success the old site is at
 * tmp (after an exchange; the caller removes it) or already removed (after
 * moving it aside). Returns -1 with errno set, everything as it was.
 */
static int
swap_in(const char *tmp, const char *path, const char *dir, const char *base)
{
	char *aside;
	int saved;

#ifdef RENAME_EXCHANGE
	if (renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_EXCHANGE) == 0) {
		if (has_marker(tmp) || is_empty_dir(tmp) == 1)
			return 0;
		/* Something else took its place after site_dir_check: put it back. */
		renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_EXCHANGE);
		errno = ENOTEMPTY;
		return -1;
	}
	if (errno != EINVAL && errno != ENOSYS)
		return -1;
#endif
	if (!has_marker(path)) {
		errno = ENOTEMPTY;
		return -1;
	}
	aside = xasprintf("%s/.%s.old-%ld-XXXXXX", dir, base, (long)getpid());
	if (mkdtemp(aside) == NULL) {
		free(aside);
		return -1;
	}
	if (rename(path, aside) != 0)
		goto err;
	if (rename(tmp, path) != 0) {
		saved = errno;
		rename(aside, path);
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

/*
 * Removes the temporaries an earlier run for the same site left when it was
 * killed: ".BASE.tmp-PID-XXXXXX" and ".BASE.old-PID-XXXXXX" beside it whose
 * process is gone. Those of a run still going are left alone.
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

int
site_dir_write(const char *path, const struct site *s)
{
	char *dir, *base, *tmp;
	int rc = -1;

	split_path(path, &dir, &base);
	remove_stale(dir, base);
	tmp = xasprintf("%s/.%s.tmp-%ld-XXXXXX", dir, base, (long)getpid());
	if (mkdtemp(tmp) == NULL) {
		fprintf(stderr, "egf site: %s: %s\n", dir, strerror(errno));
		goto out;
	}
	if (fill(tmp, s, path) != 0) {
		remove_tree(tmp);
		goto out;
	}
	if (rename(tmp, path) == 0)
		rc = 0;
	else if ((errno == ENOTEMPTY || errno == EEXIST) && swap_in(tmp, path, dir, base) == 0) {
		remove_tree(tmp);	/* the old site after an exchange; else gone already */
		rc = 0;
	} else {
		fprintf(stderr, "egf site: %s: %s\n", path, strerror(errno));
		remove_tree(tmp);
	}
out:
	free(tmp);
	free(dir);
	free(base);
	return rc;
}
