/*
 * json_text.h: egf's one JSON writer (prefix jw_): values written straight
 * into a buffer, never built as a tree first; every JSON egf writes (the
 * model, diff, assess show, readiness, calibration, the site's data, the
 * server's replies) goes through it, and jansson is only used to read
 * JSON. Strings are escaped as jansson escapes them (quote, backslash and
 * control characters; UTF-8 kept), and in script-safe mode '<', '>', U+2028 and U+2029 as \u escapes too, so
 * that the JSON can sit inside an HTML <script> element.
 */
#ifndef EGF_JSON_TEXT_H
#define EGF_JSON_TEXT_H

#include "util.h"

enum jw_mode { JW_PLAIN, JW_SCRIPT };

/* A JSON string for s (NULL writes ""). */
void jw_buf_string(struct buf *b, const char *s, enum jw_mode mode);
/* "key": with the key escaped. */
void jw_buf_key(struct buf *b, const char *key, enum jw_mode mode);
/*
 * A real as jansson writes it with JSON_REAL_PRECISION(precision): %.*g,
 * ".0" added to integers, the exponent without '+' or leading zeros.
 */
void jw_buf_real(struct buf *b, double value, int precision);

/*
 * A streaming JSON writer laid out as jansson's json_dumps with
 * JSON_INDENT(2) | JSON_PRESERVE_ORDER: a member or element per line,
 * "key": value, empty containers as {} and []: the bytes egf wrote when it
 * dumped jansson trees, so that outputs did not change.
 */
#define JW_DEPTH 32

struct jw {
	struct buf *out;
	size_t depth;
	int empty[JW_DEPTH];	/* the container at each depth has no member yet */
	int after_key;			/* a key was written: its value follows */
	int real_precision;
};

void jw_init(struct jw *w, struct buf *out, int real_precision);
void jw_object_begin(struct jw *w);
void jw_object_end(struct jw *w);
void jw_array_begin(struct jw *w);
void jw_array_end(struct jw *w);
void jw_key(struct jw *w, const char *key);
/* Values; a NULL string and a real that is not finite are written as null. */
void jw_string(struct jw *w, const char *s);
void jw_int(struct jw *w, long long value);
void jw_real(struct jw *w, double value);
void jw_bool(struct jw *w, int value);
void jw_null(struct jw *w);

#endif
