/*
 * heap.h: the heap of a short-lived command on transparent huge pages.
 *
 * A command such as `egf packet --person` touches some ten megabytes of
 * fresh heap, and on a virtual machine each first touch of a 4 kB page is a
 * fault that costs microseconds: 2,600 faults were a fifth of a single
 * packet's time. heap_prepare grows malloc's heap once by a region and asks
 * the kernel to back it with 2 MB pages (madvise MADV_HUGEPAGE), so that
 * region faults a few times instead of thousands. The region starts on a
 * 2 MB boundary, and the command's threads allocate from it too (one
 * arena). It changes nothing that
 * a caller can see: where the kernel has no transparent huge pages, or
 * malloc is not glibc's (a sanitizer's), the heap is as malloc made it.
 * A long-running process (egf serve) keeps malloc's defaults.
 */
#ifndef EGF_HEAP_H
#define EGF_HEAP_H

#include <stddef.h>

/* Grows the heap by about bytes backed by huge pages; best effort, call once, early. */
void heap_prepare(size_t bytes);

#endif
