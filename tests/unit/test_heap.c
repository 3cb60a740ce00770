/*
 * Unit tests of heap.c: heap_prepare grows malloc's heap by the region asked
 * for, keeps it through frees, and marks it for transparent huge pages (the
 * "hg" flag of its mapping in /proc/self/smaps); the region starts on a
 * 2 MB boundary, and a thread allocates from it too. Under a sanitizer's malloc
 * the heap is not malloc's: the test then checks only that allocating and
 * freeing still work.
 */
#include <pthread.h>
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

#define HUGE_PAGE ((uintptr_t)2 << 20)

/* Whether addr is in the program's heap (a mapping named [heap]), not a thread's arena. */
static int
in_heap(uintptr_t addr)
{
	FILE *f = fopen("/proc/self/maps", "r");
	char line[512];
	int found = 0;

	if (f == NULL)
		return 0;
	while (!found && fgets(line, sizeof(line), f) != NULL) {
		unsigned long lo, hi;

		found = sscanf(line, "%lx-%lx ", &lo, &hi) == 2 && addr >= lo && addr < hi &&
		    strstr(line, "[heap]") != NULL;
	}
	fclose(f);
	return found;
}

/* A thread's allocation, as the packet's font loader makes them. */
static void *
thread_alloc(void *arg)
{
	(void)arg;
	return malloc(4000);
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
	/*
	 * A block bigger than anything the heap had free before comes from the
	 * region, which starts on the first 2 MB boundary above the old end of
	 * the heap (malloc's first header in the page below it): not from the
	 * 4 kB pages of the old end.
	 */
	{
		uintptr_t boundary = (before + 4096 + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
		char *big = malloc((size_t)256 << 10);
		pthread_t t;
		void *q = NULL;

		CHECK(big != NULL);
		CHECK((uintptr_t)big >= boundary - 4096 && (uintptr_t)big < boundary);
		CHECK(mapping_flags(boundary, flags, sizeof(flags)) == 0);
		if (access("/sys/kernel/mm/transparent_hugepage/enabled", R_OK) == 0)
			CHECK(strstr(flags, " hg") != NULL);
		/* a thread's allocation is in the heap too, not in an arena of its own */
		CHECK(pthread_create(&t, NULL, thread_alloc, NULL) == 0);
		CHECK(pthread_join(t, &q) == 0);
		CHECK(q != NULL);
		CHECK(in_heap((uintptr_t)q));
		free(q);
		free(big);
	}
}

int
main(void)
{
	RUN(test_heap_region);
	return UNIT_EXIT();
}
