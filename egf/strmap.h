/*
 * strmap.h: a hash map from NUL-terminated strings to pointers. The map
 * borrows its keys (they must outlive it) and does not own the values,
 * which must not be NULL.
 */
#ifndef EGF_STRMAP_H
#define EGF_STRMAP_H

#include <stddef.h>

struct strmap;

struct strmap *strmap_new(void);
/* Frees the map, not the keys or values; accepts NULL. */
void strmap_free(struct strmap *map);
/* The value stored under key, or NULL. */
void *strmap_get(const struct strmap *map, const char *key);
/*
 * Stores value under key unless the key is present. Returns NULL when it
 * was stored, else the value already there (which is kept).
 */
void *strmap_put(struct strmap *map, const char *key, void *value);
size_t strmap_len(const struct strmap *map);

#endif
