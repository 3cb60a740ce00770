/*
 * Unit tests of heap.c: heap_prepare grows malloc's heap by the region asked
 * for, keeps it through frees, and marks it for transparent huge pages (the
 * "hg" flag of its mapping in /proc/self/smaps). Under a sanitizer's malloc
 * the heap is not malloc's: the test then checks only that allocating and
 * freeing still work.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "heap.h"
#include "unit.h"

/* The VmFlags of the mapping holding addr, into flags; 0, or -1 when not found. */
static int
mapping_flags(uintptr_t addr, char *flags, size_t size)
{
	FILE *f = fopen("/proc/self/smaps", "r");
	char line[512];
	int inside = 0, found = -1;

	if (f == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL) {
		unsigned long lo, hi;

		if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2)	/* a mapping's first line */
			inside = addr >= lo && addr < hi;
		else if (inside && strncmp(line, "VmFlags:", 8) == 0) {
			snprintf(flags, size, "%s", line + 8);
			found = 0;
			break;
		}
	}
	fclose(f);
	return found;
}

static void
test_heap_region(void)
{
	const size_t bytes = (size_t)16 << 20;
	uintptr_t before = (uintptr_t)sbrk(0), after, mid;
	char flags[512] = "";
	void *p;

	heap_prepare(bytes);
	after = (uintptr_t)sbrk(0);
	/* allocating and freeing work as before, whoever's malloc this is */
	p = malloc(1000);
	CHECK(p != NULL);
	memset(p, 1, 1000);
	free(p);
	if (after == before) {
		printf("  heap not grown: malloc is not glibc's on the heap (a sanitizer's)\n");
		return;
	}
	CHECK(after - before >= bytes);
	/* the freed probes stay the heap's: it is not trimmed back */
	CHECK((uintptr_t)sbrk(0) == after);
	mid = (before + after) / 2;
	CHECK(mapping_flags(mid, flags, sizeof(flags)) == 0);
	if (access("/sys/kernel/mm/transparent_hugepage/enabled", R_OK) == 0)
		CHECK(strstr(flags, " hg") != NULL);
}

int
main(void)
{
	RUN(test_heap_region);
	return UNIT_EXIT();
}
