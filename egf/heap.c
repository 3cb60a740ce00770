/* heap.c: a short-lived command's heap on transparent huge pages (heap.h). */
#include "heap.h"

#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#define HUGE_PAGE ((uintptr_t)2 << 20)
/* Below malloc's mmap threshold (128 kB), so the blocks come from the heap. */
#define PROBE_SIZE ((size_t)64 << 10)
#define PROBES 8

void
heap_prepare(size_t bytes)
{
	void *probe[PROBES];
	uintptr_t start = (uintptr_t)sbrk(0), lo, hi;
	size_t n = 0;

	/*
	 * malloc grows the heap by the request plus M_TOP_PAD, and keeps that
	 * much when it trims: the region stays the heap's for the whole run.
	 */
	if (mallopt(M_TOP_PAD, (int)bytes) != 1 || mallopt(M_TRIM_THRESHOLD, (int)(bytes * 2)) != 1)
		return;
	/*
	 * Blocks of up to a sixteenth of the region come from it too, not from
	 * an mmap of their own (malloc's threshold is 128 kB): a published
	 * ladder read from the database is a few hundred kB.
	 */
	(void)mallopt(M_MMAP_THRESHOLD, (int)(bytes / 16));
	/* allocate until the heap grows past its first small extent */
	while (n < PROBES && (uintptr_t)sbrk(0) == start) {
		if ((probe[n] = malloc(PROBE_SIZE)) == NULL)
			break;
		n++;
	}
	lo = (start + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
	hi = (uintptr_t)sbrk(0) & ~(HUGE_PAGE - 1);
	/* no effect where the kernel has no transparent huge pages: nothing is lost */
	if (hi > lo)
		(void)madvise((void *)lo, hi - lo, MADV_HUGEPAGE);
	while (n > 0)
		free(probe[--n]);
}
