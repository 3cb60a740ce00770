/* strmap.c: open addressing with linear probing, FNV-1a hashes. */
#include "strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

struct strmap_slot {
	const char *key;
	void *value;
	uint64_t hash;
};

struct strmap {
	struct strmap_slot *slots;
	size_t cap;		/* a power of two */
	size_t len;
};

static uint64_t
hash_string(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

struct strmap *
strmap_new(void)
{
	struct strmap *map = xcalloc(1, sizeof(*map));

	map->cap = 16;
	map->slots = xcalloc(map->cap, sizeof(*map->slots));
	return map;
}

void
strmap_free(struct strmap *map)
{
	if (map == NULL)
		return;
	free(map->slots);
	free(map);
}

static struct strmap_slot *
find_slot(struct strmap_slot *slots, size_t cap, const char *key, uint64_t hash)
{
	size_t i = (size_t)hash & (cap - 1);

	while (slots[i].key != NULL &&
	    (slots[i].hash != hash || strcmp(slots[i].key, key) != 0))
		i = (i + 1) & (cap - 1);
	return &slots[i];
}

void *
strmap_get(const struct strmap *map, const char *key)
{
	struct strmap_slot *s = find_slot(map->slots, map->cap, key, hash_string(key));

	return s->key != NULL ? s->value : NULL;
}

static void
grow(struct strmap *map)
{
	size_t i, ncap = map->cap * 2;
	struct strmap_slot *nslots = xcalloc(ncap, sizeof(*nslots));

	for (i = 0; i < map->cap; i++)
		if (map->slots[i].key != NULL)
			*find_slot(nslots, ncap, map->slots[i].key, map->slots[i].hash) = map->slots[i];
	free(map->slots);
	map->slots = nslots;
	map->cap = ncap;
}

void *
strmap_put(struct strmap *map, const char *key, void *value)
{
	uint64_t hash = hash_string(key);
	struct strmap_slot *s;

	if ((map->len + 1) * 4 > map->cap * 3)
		grow(map);
	s = find_slot(map->slots, map->cap, key, hash);
	if (s->key != NULL)
		return s->value;
	s->key = key;
	s->value = value;
	s->hash = hash;
	map->len++;
	return NULL;
}

size_t
strmap_len(const struct strmap *map)
{
	return map->len;
}
