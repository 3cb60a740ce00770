/*
 * fuzz.h: shared helpers of egf's fuzz targets (libFuzzer). Each target
 * writes its input where egf's readers expect a file (a private directory
 * in /dev/shm or $TMPDIR) and runs the reader as a command would.
 */
#ifndef EGF_FUZZ_H
#define EGF_FUZZ_H

#include <stddef.h>
#include <stdint.h>

/* A private scratch directory for this process, created on first use. */
const char *fuzz_dir(void);
/* Writes len bytes to dir/name (name may contain one subdirectory). */
void fuzz_write(const char *name, const uint8_t *data, size_t len);
/* A small valid ladder in dir/ladder, compiled once; the model is owned here. */
struct model;
const struct model *fuzz_ladder(void);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
