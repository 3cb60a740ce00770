/*
 * enospc.so: an LD_PRELOAD shim that makes write(2) fail with ENOSPC once
 * EGF_ENOSPC_AFTER bytes were written to regular files, as a full disk
 * would. Writes to terminals and pipes (the diagnostics) pass.
 */
#define _GNU_SOURCE 1
#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

ssize_t write(int fd, const void *buf, size_t count);

ssize_t
write(int fd, const void *buf, size_t count)
{
	static ssize_t (*real_write)(int, const void *, size_t);
	static size_t written;
	const char *limit = getenv("EGF_ENOSPC_AFTER");
	struct stat st;

	if (real_write == NULL)
		real_write = (ssize_t (*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
	if (limit != NULL && fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
		size_t max = (size_t)strtoul(limit, NULL, 10);

		if (written >= max) {
			errno = ENOSPC;
			return -1;
		}
		if (count > max - written)
			count = max - written;
		written += count;
	}
	return real_write(fd, buf, count);
}
