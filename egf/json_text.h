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
/* A real as jansson writes it with JSON_REAL_PRECISION(15): %.15g, ".0" added to integers. */
void json_text_real(struct buf *b, double value);

#endif
