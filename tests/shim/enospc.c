/*
 * enospc.so: an LD_PRELOAD shim that makes write(2) fail with ENOSPC once
 * EGF_ENOSPC_AFTER bytes were written to regular files, as a full disk
 * would (write, pwrite and pwrite64). Writes to terminals and pipes (the
 * diagnostics) pass.
 */
#define _GNU_SOURCE 1
#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

ssize_t write(int fd, const void *buf, size_t count);
ssize_t pwrite(int fd, const void *buf, size_t count, off_t offset);
ssize_t pwrite64(int fd, const void *buf, size_t count, off64_t offset);

/* The bytes written so far, shared by every thread (egf serve writes from several). */
static size_t written;

/* How much of count may still be written to fd; -1 (errno ENOSPC) when nothing. */
static ssize_t
room(int fd, size_t count)
{
	const char *limit = getenv("EGF_ENOSPC_AFTER");
	struct stat st;
	size_t max, before;

	if (limit == NULL || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
		return (ssize_t)count;
	max = (size_t)strtoul(limit, NULL, 10);
	before = __atomic_fetch_add(&written, count, __ATOMIC_SEQ_CST);
	if (before >= max) {
		errno = ENOSPC;
		return -1;
	}
	return (ssize_t)(count > max - before ? max - before : count);
}

ssize_t
write(int fd, const void *buf, size_t count)
{
	static ssize_t (*real_write)(int, const void *, size_t);
	ssize_t n = room(fd, count);

	if (real_write == NULL)
		real_write = (ssize_t (*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
	return n < 0 ? -1 : real_write(fd, buf, (size_t)n);
}

/* SQLite writes its database and journal files with pwrite. */
ssize_t
pwrite(int fd, const void *buf, size_t count, off_t offset)
{
	static ssize_t (*real_pwrite)(int, const void *, size_t, off_t);
	ssize_t n = room(fd, count);

	if (real_pwrite == NULL)
		real_pwrite = (ssize_t (*)(int, const void *, size_t, off_t))dlsym(RTLD_NEXT, "pwrite");
	return n < 0 ? -1 : real_pwrite(fd, buf, (size_t)n, offset);
}

ssize_t
pwrite64(int fd, const void *buf, size_t count, off64_t offset)
{
	static ssize_t (*real_pwrite64)(int, const void *, size_t, off64_t);
	ssize_t n = room(fd, count);

	if (real_pwrite64 == NULL)
		real_pwrite64 = (ssize_t (*)(int, const void *, size_t, off64_t))dlsym(RTLD_NEXT,
		    "pwrite64");
	return n < 0 ? -1 : real_pwrite64(fd, buf, (size_t)n, offset);
}
