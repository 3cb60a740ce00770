/*
 * json_text.h: JSON values written straight into a buffer, for output too
 * large to build as a jansson tree first. Strings are escaped as jansson
 * escapes them (quote, backslash and control characters; UTF-8 kept), and
 * in script-safe mode '<', '>', U+2028 and U+2029 as \u escapes too, so
 * that the JSON can sit inside an HTML <script> element.
 */
#ifndef EGF_JSON_TEXT_H
#define EGF_JSON_TEXT_H

#include "util.h"

enum json_text_mode { JSON_TEXT_PLAIN, JSON_TEXT_SCRIPT };

/* A JSON string for s (NULL writes ""). */
void json_text_string(struct buf *b, const char *s, enum json_text_mode mode);
/* "key": with the key escaped. */
void json_text_key(struct buf *b, const char *key, enum json_text_mode mode);
/*
 * A real as jansson writes it with JSON_REAL_PRECISION(precision): %.*g,
 * ".0" added to integers, the exponent without '+' or leading zeros.
 */
void json_text_real(struct buf *b, double value, int precision);

/*
 * A streaming JSON writer laid out as jansson's json_dumps with
 * JSON_INDENT(2) | JSON_PRESERVE_ORDER: a member or element per line,
 * "key": value, empty containers as {} and []. Used where a report would
 * otherwise build a jansson tree of every row before dumping it.
 */
#define JSON_WRITER_DEPTH 32

struct json_writer {
	struct buf *out;
	size_t depth;
	int empty[JSON_WRITER_DEPTH];	/* the container at each depth has no member yet */
	int after_key;			/* a key was written: its value follows */
	int real_precision;
};

void json_writer_init(struct json_writer *w, struct buf *out, int real_precision);
void json_object_begin(struct json_writer *w);
void json_object_end(struct json_writer *w);
void json_array_begin(struct json_writer *w);
void json_array_end(struct json_writer *w);
void json_key(struct json_writer *w, const char *key);
/* Values; a NULL string and a real that is not finite are written as null. */
void json_put_string(struct json_writer *w, const char *s);
void json_put_int(struct json_writer *w, long long value);
void json_put_real(struct json_writer *w, double value);
void json_put_bool(struct json_writer *w, int value);
void json_put_null(struct json_writer *w);

#endif
