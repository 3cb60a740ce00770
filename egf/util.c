/* util.c: allocation, buffers, files. */
#define _GNU_SOURCE 1	/* O_TMPFILE */
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void
out_of_memory(void)
{
	fputs("egf: out of memory\n", stderr);
	exit(2);
}

void *
xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (p == NULL)
		out_of_memory();
	return p;
}

void *
xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);

	if (p == NULL)
		out_of_memory();
	return p;
}

void *
xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);

	if (p == NULL)
		out_of_memory();
	return p;
}

void
xgrow(void **ptr, size_t *cap, size_t need, size_t elem)
{
	size_t ncap;

	if (need <= *cap)
		return;
	ncap = *cap ? *cap : 8;
	while (ncap < need) {
		if (ncap > SIZE_MAX / 2)
			out_of_memory();
		ncap *= 2;
	}
	if (ncap > SIZE_MAX / elem)
		out_of_memory();
	*ptr = xrealloc(*ptr, ncap * elem);
	*cap = ncap;
}

const char *
mem_find(const char *hay, size_t n, const char *needle, size_t m)
{
	const char *p = hay, *end = hay + n;

	if (m == 0)
		return hay;
	while ((size_t)(end - p) >= m && (p = memchr(p, needle[0], (size_t)(end - p) - m + 1)) != NULL) {
		if (memcmp(p, needle, m) == 0)
			return p;
		p++;
	}
	return NULL;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	va_list aq;
	char *s;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		n = 0;
	s = xmalloc((size_t)n + 1);
	s[0] = '\0';
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}

time_t
source_date_now(void)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");

	if (sde != NULL && *sde != '\0') {
		char *end;
		long long v;

		errno = 0;
		v = strtoll(sde, &end, 10);
		if (*end == '\0' && v >= 0 && errno == 0)
			return (time_t)v;
	}
	return time(NULL);
}

void
buf_add(struct buf *b, const void *data, size_t len)
{
	if (b->len + len + 1 > b->cap)
		xgrow((void **)&b->data, &b->cap, b->len + len + 1, 1);
	if (len)
		memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
}

void
buf_puts(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_putc(struct buf *b, char c)
{
	if (b->len + 2 > b->cap)
		xgrow((void **)&b->data, &b->cap, b->len + 2, 1);
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap, aq;
	int n;

	/* Formatted once into the free space; again only when it did not fit. */
	if (b->cap - b->len < 64)
		xgrow((void **)&b->data, &b->cap, b->len + 64, 1);
	va_start(ap, fmt);
	va_copy(aq, ap);
	n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, aq);
	va_end(aq);
	if (n > 0 && (size_t)n >= b->cap - b->len) {
		xgrow((void **)&b->data, &b->cap, b->len + (size_t)n + 1, 1);
		vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	}
	if (n > 0)
		b->len += (size_t)n;
	else
		b->data[b->len] = '\0';
	va_end(ap);
}

void
buf_add_escaped(struct buf *b, const char *s, size_t len, const char *const replace[256])
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len, *run = p;

	for (; p < end; p++) {
		const char *with = replace[*p];

		if (with == NULL)
			continue;
		if (p > run)
			buf_add(b, run, (size_t)(p - run));
		buf_puts(b, with);
		run = p + 1;
	}
	if (p > run)
		buf_add(b, run, (size_t)(p - run));
}

/* Length of the control character at p (see buf_add_text), or 0. */
static size_t
control_at(const unsigned char *p, int multiline)
{
	if (*p < 0x20 || *p == 0x7f)
		return multiline && (*p == '\n' || *p == '\t') ? 0 : 1;
	if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
		return 2;
	return 0;
}

void
buf_add_text(struct buf *b, const char *s, int multiline)
{
	const unsigned char *p = (const unsigned char *)s, *run = p;
	size_t n;

	for (; *p != '\0'; p++) {
		if ((n = control_at(p, multiline)) == 0)
			continue;
		if (p > run)
			buf_add(b, run, (size_t)(p - run));
		if (n == 1)
			buf_printf(b, "\\x%02x", *p);
		else
			buf_printf(b, "\\u00%02x", p[1]);
		p += n - 1;
		run = p + 1;
	}
	if (p > run)
		buf_add(b, run, (size_t)(p - run));
}

char *
text_escape(const char *s)
{
	struct buf b = {0};

	buf_add_text(&b, s, 0);
	return buf_take(&b);
}

int
text_has_control(const char *s, int multiline)
{
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if (control_at(p, multiline) > 0 && !(multiline && *p == '\r'))
			return 1;
	return 0;
}

char *
buf_take(struct buf *b)
{
	char *p = b->data;

	if (p == NULL)
		p = xstrdup("");
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

void
buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

enum file_status
file_read(const char *path, size_t max_size, char **data, size_t *len)
{
	struct buf b = {0};
	char chunk[65536];
	ssize_t n;
	int fd;

	*data = NULL;
	*len = 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return FILE_ERRNO;
	for (;;) {
		n = read(fd, chunk, sizeof(chunk));
		if (n == -1) {
			if (errno == EINTR)
				continue;
			goto err;
		}
		if (n == 0)
			break;
		if (b.len + (size_t)n > max_size) {
			buf_free(&b);
			close(fd);
			return FILE_TOO_LARGE;
		}
		buf_add(&b, chunk, (size_t)n);
	}
	close(fd);
	*len = b.len;
	*data = buf_take(&b);
	return FILE_OK;
err:
	{
		int saved = errno;

		buf_free(&b);
		close(fd);
		errno = saved;
	}
	return FILE_ERRNO;
}

char *
program_dir(void)
{
	char exe[PATH_MAX], *slash;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	if ((slash = strrchr(exe, '/')) == NULL)
		return NULL;
	return slash == exe ? xstrdup("/") : xstrndup(exe, (size_t)(slash - exe));
}

char *
path_join(const char *dir, const char *rel)
{
	size_t n = strlen(dir);

	while (n > 1 && dir[n - 1] == '/')
		n--;
	if (n == 0 || (n == 1 && dir[0] == '.' ))
		return xstrdup(rel);
	if (n == 1 && dir[0] == '/')
		return xasprintf("/%s", rel);
	return xasprintf("%.*s/%s", (int)n, dir, rel);
}

const char *
path_ext(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(slash ? slash + 1 : path, '.');

	return dot ? dot + 1 : "";
}

int
path_is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* umask(2) can only be read by setting it; put it straight back. */
static mode_t
current_umask(void)
{
	mode_t mask = umask(077);

	umask(mask);
	return mask;
}

/* Writes all of data to fd; -1 with errno on failure. */
static int
write_all(int fd, const char *p, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* The directory part of path ("." when it has none); the caller frees it. */
static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

/*
 * A file being written in place of path. On Linux the data goes into an
 * unnamed O_TMPFILE in the target directory, which gets a name only when
 * complete, so a process killed while writing leaves nothing behind; where
 * the file system has no O_TMPFILE, into a named temporary file beside path.
 * A device or FIFO (or a symbolic link to one) is written as a stream.
 */
struct atomic_file {
	int fd;
	char *path;
	char *tmp;		/* the named temporary file, or NULL with O_TMPFILE */
	mode_t mode;		/* the mode the file gets */
	int stream;		/* writing straight into a device or FIFO */
};

/* The mode a new file gets: see atomic_write. */
static mode_t
new_file_mode(int mode)
{
	if ((mode & 077) == 0)
		return (mode_t)mode & 07777;	/* private: whatever the umask */
	return (mode_t)mode & ~current_umask() & 07777;
}

/* A device or FIFO: written into, never replaced. */
static int
is_stream(mode_t m)
{
	return S_ISCHR(m) || S_ISBLK(m) || S_ISFIFO(m);
}

/*
 * Opens the device or FIFO at path for writing (following a symbolic link
 * that leads to one), checking again once open that it is one: nothing
 * else may have taken its place. -1 with errno.
 */
static int
open_stream(const char *path, int follow)
{
	struct stat st;
	int fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC | (follow ? 0 : O_NOFOLLOW));

	if (fd == -1)
		return -1;
	if (fstat(fd, &st) != 0 || !is_stream(st.st_mode)) {
		close(fd);
		errno = EEXIST;
		return -1;
	}
	return fd;
}

struct atomic_file *
atomic_open(const char *path, int mode)
{
	struct atomic_file *f = xcalloc(1, sizeof(*f));
	struct stat st;
	int saved;

	f->path = xstrdup(path);
	f->mode = new_file_mode(mode);
	if (lstat(path, &st) == 0) {
		struct stat target;
		int link = S_ISLNK(st.st_mode);

		if (link) {
			/* A link is never followed to a file, nor replaced. */
			if (stat(path, &target) != 0 || !is_stream(target.st_mode)) {
				errno = ELOOP;
				goto err;
			}
			st = target;
		} else if (!is_stream(st.st_mode) && !S_ISREG(st.st_mode)) {
			errno = S_ISDIR(st.st_mode) ? EISDIR : EEXIST;
			goto err;
		}
		if (is_stream(st.st_mode)) {
			if ((f->fd = open_stream(path, link)) == -1)
				goto err;
			f->stream = 1;
			return f;
		}
		f->mode = st.st_mode & 07777;	/* an existing file keeps its mode */
	} else if (errno != ENOENT)
		goto err;
#ifdef O_TMPFILE
	{
		char *dir = dir_of(path);

		f->fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
		free(dir);
		if (f->fd != -1)
			return f;
		if (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL)
			goto err;
	}
#endif
	f->tmp = xasprintf("%s.tmpXXXXXX", path);
	if ((f->fd = mkstemp(f->tmp)) != -1)
		return f;
err:
	saved = errno;
	free(f->tmp);
	free(f->path);
	free(f);
	errno = saved;
	return NULL;
}

int
atomic_append(struct atomic_file *f, const void *data, size_t len)
{
	return write_all(f->fd, data, len);
}

static void
atomic_free(struct atomic_file *f)
{
	free(f->tmp);
	free(f->path);
	free(f);
}

void
atomic_abort(struct atomic_file *f)
{
	int saved = errno;

	if (f == NULL)
		return;
	close(f->fd);
	if (f->tmp != NULL)
		unlink(f->tmp);
	atomic_free(f);
	errno = saved;
}

#ifdef O_TMPFILE
/* Gives the unnamed file a temporary name beside path, then renames it over path. */
static int
link_unnamed(struct atomic_file *f)
{
	char fdpath[64], *tmp = NULL;
	int i, saved;

	snprintf(fdpath, sizeof(fdpath), "/proc/self/fd/%d", f->fd);
	for (i = 0; i < 100; i++) {
		free(tmp);
		tmp = xasprintf("%s.tmp%d.%d", f->path, (int)getpid(), i);
		if (linkat(AT_FDCWD, fdpath, AT_FDCWD, tmp, AT_SYMLINK_FOLLOW) == 0)
			break;
		if (errno != EEXIST) {
			free(tmp);
			return -1;
		}
	}
	if (i == 100 || rename(tmp, f->path) == -1) {
		saved = i == 100 ? EEXIST : errno;
		if (i < 100)
			unlink(tmp);
		free(tmp);
		errno = saved;
		return -1;
	}
	free(tmp);
	return 0;
}
#endif

/*
 * Whether what is at path now may be replaced by a rename: nothing, or a
 * regular file. A symbolic link, device or FIFO put there while the output
 * was written is not replaced.
 */
static int
replaceable(const char *path)
{
	struct stat st;

	if (lstat(path, &st) != 0)
		return errno == ENOENT;
	if (S_ISREG(st.st_mode))
		return 1;
	errno = S_ISLNK(st.st_mode) ? ELOOP : S_ISDIR(st.st_mode) ? EISDIR : EEXIST;
	return 0;
}

/* A stream is flushed and closed; a device that cannot sync (a terminal, /dev/null) is fine. */
static int
commit_stream(struct atomic_file *f)
{
	int rc = 0;

	if (fsync(f->fd) == -1 && errno != EINVAL && errno != EROFS && errno != ENOTSUP)
		rc = -1;
	if (close(f->fd) == -1 && rc == 0)
		rc = -1;
	atomic_free(f);
	return rc;
}

int
atomic_commit(struct atomic_file *f)
{
	int rc;

	if (f->stream)
		return commit_stream(f);
	if (fsync(f->fd) == -1 || fchmod(f->fd, f->mode) == -1 || !replaceable(f->path))
		goto err;
#ifdef O_TMPFILE
	if (f->tmp == NULL) {
		if (link_unnamed(f) == -1)
			goto err;
		rc = close(f->fd);
		atomic_free(f);
		return rc;
	}
#endif
	if (close(f->fd) == -1) {
		f->fd = -1;
		goto err;
	}
	f->fd = -1;
	if (rename(f->tmp, f->path) == -1)
		goto err;
	atomic_free(f);
	return 0;
err:
	atomic_abort(f);
	return -1;
}

int
atomic_write(const char *path, const void *data, size_t len, int mode)
{
	struct atomic_file *f = atomic_open(path, mode);

	if (f == NULL)
		return -1;
	if (atomic_append(f, data, len) == -1) {
		atomic_abort(f);
		return -1;
	}
	return atomic_commit(f);
}

int
utf8_check(const char *data, size_t len, size_t *bad, const char **what)
{
	const unsigned char *s = (const unsigned char *)data;
	size_t i = 0;

	while (i < len) {
		unsigned char c = s[i];
		size_t n, k;
		unsigned long cp;

		if (c < 0x80) {
			if (c == 0) {
				*bad = i;
				*what = "NUL byte";
				return -1;
			}
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
				*bad = i;
				*what = "control character";
				return -1;
			}
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			n = 1;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			n = 2;
			cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 3;
			cp = c & 0x07;
		} else
			goto invalid;
		for (k = 1; k <= n; k++) {
			if (i + k >= len || (s[i + k] & 0xc0) != 0x80)
				goto invalid;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			goto invalid;
		if (cp == 0xfffe || cp == 0xffff) {
			*bad = i;
			*what = "Unicode noncharacter";
			return -1;
		}
		i += n + 1;
	}
	return 0;
invalid:
	*bad = i;
	*what = "invalid UTF-8";
	return -1;
}

void
text_position(const char *data, size_t off, unsigned *line, unsigned *col)
{
	size_t i, start = 0;
	unsigned l = 1;

	for (i = 0; i < off; i++)	/* CR, LF and CRLF each end a line */
		if (data[i] == '\n' || (data[i] == '\r' && data[i + 1] != '\n')) {
			l++;
			start = i + 1;
		}
	*line = l;
	*col = (unsigned)(off - start + 1);
}

size_t
text_edit_distance(const char *a, size_t la, const char *b, size_t lb, int fold)
{
	size_t row[65], i, j;

	if (la > 64 || lb > 64)
		return (size_t)-1;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		size_t diag = row[0];

		row[0] = i;
		for (j = 1; j <= lb; j++) {
			unsigned char ca = (unsigned char)a[i - 1], cb = (unsigned char)b[j - 1];
			size_t up = row[j];
			size_t best = diag + (fold ? tolower(ca) != tolower(cb) : ca != cb);

			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			if (up + 1 < best)
				best = up + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}
