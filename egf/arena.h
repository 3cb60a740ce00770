/*
 * arena.h: a region allocator. Everything allocated from an arena lives
 * until arena_free releases it all at once; the arena's owner owns it all.
 */
#ifndef EGF_ARENA_H
#define EGF_ARENA_H

#include <stddef.h>

struct arena;

/* Creates an empty arena; never fails (exits on out-of-memory). */
struct arena *arena_new(void);
/* Releases the arena and everything allocated from it; accepts NULL. */
void arena_free(struct arena *a);
/* Zeroed memory aligned for any type, owned by the arena. */
void *arena_alloc(struct arena *a, size_t size);
/* Copies of strings, owned by the arena. */
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);

#endif
