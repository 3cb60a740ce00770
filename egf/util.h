/*
 * util.h: allocation that exits on out-of-memory, growable byte buffers,
 * file reading with a size limit, and atomic file writes.
 */
#ifndef EGF_UTIL_H
#define EGF_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>

/* Allocation wrappers: never return NULL; print and exit(2) when memory runs out. */
void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
/* Grow *ptr (an array of elem-sized items with capacity *cap) to hold need items. */
void xgrow(void **ptr, size_t *cap, size_t need, size_t elem);
/* The first m bytes of needle in the n bytes of hay (memmem, not in C11 or POSIX); NULL when absent. */
const char *mem_find(const char *hay, size_t n, const char *needle, size_t m);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Returns a freshly allocated formatted string; the caller frees it. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The same for a va_list, of any length; ap is used up. The caller frees it. */
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/*
 * The time to stamp output with: SOURCE_DATE_EPOCH when it is set to a
 * non-negative decimal number of seconds, else now. Anything else in it is
 * ignored, as reproducible-builds.org says.
 */
time_t source_date_now(void);

/* A growable byte buffer; always NUL-terminated once anything was added. */
struct buf {
	char *data;
	size_t len;
	size_t cap;
};

void buf_add(struct buf *b, const void *data, size_t len);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/*
 * Appends len bytes of s, each byte whose entry in replace is non-NULL as
 * that string instead; runs of the other bytes are copied at once. The
 * escaping of HTML, XML and JSON text is each a table for this.
 */
void buf_add_escaped(struct buf *b, const char *s, size_t len, const char *const replace[256]);
/*
 * Appends s for a terminal: every control character (C0, DEL, C1) that could
 * move the cursor, clear the screen or forge a line is written escaped, as
 * \xHH (C1 as \u00HH); with multiline set, line feeds and tabs stay.
 */
void buf_add_text(struct buf *b, const char *s, int multiline);
/* The same as a new string the caller frees. */
char *text_escape(const char *s);
/*
 * Whether s holds a control character a text field may not: C0 (tab, line
 * feed and carriage return too unless multiline), DEL and C1.
 */
int text_has_control(const char *s, int multiline);

/* Hands the contents to the caller (who frees it) and leaves b empty. */
char *buf_take(struct buf *b);
/* Frees the contents; b may be reused. */
void buf_free(struct buf *b);

/* Result of file_read. */
enum file_status { FILE_OK, FILE_ERRNO, FILE_TOO_LARGE };

/*
 * Reads a whole file into a NUL-terminated buffer the caller frees.
 * Files over max_size bytes are refused with FILE_TOO_LARGE and *data NULL.
 * On FILE_ERRNO, errno says why.
 */
enum file_status file_read(const char *path, size_t max_size, char **data, size_t *len);

/* Joins a directory and a relative path with one slash; the caller frees it. */
char *path_join(const char *dir, const char *rel);
/* Returns the extension after the last dot of the base name, or "". Borrowed. */
const char *path_ext(const char *path);
/* 1 when path is an existing directory. */
int path_is_dir(const char *path);
/*
 * The directory of the running program (from /proc/self/exe, symbolic
 * links resolved), or NULL when it cannot be read; the caller frees it.
 */
char *program_dir(void);

/*
 * Writes len bytes to path atomically: an unnamed O_TMPFILE (else a named
 * temporary file) in the same directory, fsync, then a rename over path.
 * A new file gets mode filtered through the umask, except that a private
 * mode (no group or other bits, e.g. 0600) is kept whatever the umask; an
 * existing regular file keeps its own mode. A device or FIFO at path (or a
 * symbolic link to one) is written into as a stream, never replaced; any
 * other symbolic link is refused (ELOOP), as is anything else that is not
 * a regular file (EISDIR, EEXIST). On failure returns -1 with errno set and
 * leaves no file; a process killed meanwhile leaves none either (with
 * O_TMPFILE).
 */
int atomic_write(const char *path, const void *data, size_t len, int mode);

/*
 * The same, for output written piece by piece: atomic_open starts the
 * temporary file (NULL with errno), atomic_append adds to it (-1 with
 * errno), atomic_commit syncs it and renames it over path, atomic_abort
 * throws it away. Both commit and abort free f, whatever the result.
 */
struct atomic_file;
struct atomic_file *atomic_open(const char *path, int mode);
int atomic_append(struct atomic_file *f, const void *data, size_t len);
int atomic_commit(struct atomic_file *f);
void atomic_abort(struct atomic_file *f);


/*
 * Checks that data is UTF-8 without NUL or C0 control characters other than
 * tab, line feed and carriage return (none of which XML could carry).
 * Returns 0, or -1 with *bad at the offending byte and *what describing it
 * (a static string).
 */
int utf8_check(const char *data, size_t len, size_t *bad, const char **what);
/* Line and column (1-based, column in bytes) of byte offset off in data. */
void text_position(const char *data, size_t off, unsigned *line, unsigned *col);

/*
 * Levenshtein distance of a[0..la) and b[0..lb): bytes compared as they
 * are or, with fold, ASCII case folded. (size_t)-1 when either is longer
 * than 64 bytes.
 */
size_t text_edit_distance(const char *a, size_t la, const char *b, size_t lb, int fold);

#endif
