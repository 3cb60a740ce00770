/* heap.c: a short-lived command's heap on transparent huge pages (heap.h). */
#include "heap.h"

#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#define HUGE_PAGE ((uintptr_t)2 << 20)
#define PAGE ((uintptr_t)4096)

void
heap_prepare(size_t bytes)
{
	uintptr_t start = (uintptr_t)sbrk(0), lo, hi, end;
	void *volatile probe;	/* volatile: a compiler may drop a block never used */

	/*
	 * malloc grows the heap by the request plus M_TOP_PAD, and keeps that
	 * much when it trims: the region stays the heap's for the whole run.
	 * Until the region is made, a block of half of it comes from the heap
	 * too, not from an mmap of its own.
	 */
	if (mallopt(M_TOP_PAD, (int)bytes) != 1 || mallopt(M_TRIM_THRESHOLD, (int)(bytes * 2)) != 1 ||
	    mallopt(M_MMAP_THRESHOLD, (int)bytes) != 1)
		return;
	/*
	 * A thread's allocations come from this heap too: a thread's own arena
	 * is mapped apart, in 4 kB pages (the packet's fonts are loaded in a
	 * thread, which faulted 190 times in an arena of its own).
	 */
	(void)mallopt(M_ARENA_MAX, 1);
	/*
	 * The region starts on a huge page, and nothing in it is touched
	 * before the advice (a page touched first is a 4 kB page, and so is
	 * the rest of its 2 MB). The break moves to one page below a 2 MB
	 * boundary; malloc, finding the heap's end moved, puts its new space
	 * there, with its first header in that page. The block that makes it
	 * grow is half the region, so that the header after the block is
	 * written 16 MB further on, past what a command uses. Without this,
	 * up to 2 MB of new space sat below the first boundary in 4 kB pages
	 * (up to 500 faults).
	 */
	lo = (start + PAGE + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
	if (sbrk((intptr_t)(lo - PAGE - start)) == (void *)-1)
		return;
	probe = malloc(bytes / 2);
	end = (uintptr_t)sbrk(0);
	hi = end & ~(HUGE_PAGE - 1);
	/* no effect where the kernel has no transparent huge pages: nothing is lost */
	if (hi > lo)
		(void)madvise((void *)lo, hi - lo, MADV_HUGEPAGE);
	else if (end == lo - PAGE)
		(void)sbrk(-(intptr_t)(lo - PAGE - start));	/* not glibc's heap: the break back */
	free(probe);
	/*
	 * From now on, blocks of up to a sixteenth of the region come from it
	 * (malloc's threshold is 128 kB): a published ladder read from the
	 * database is a few hundred kB.
	 */
	(void)mallopt(M_MMAP_THRESHOLD, (int)(bytes / 16));
}
