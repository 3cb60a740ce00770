/*
 * ladder_import.h: existing ladders of other projects into a ladder
 * directory (egf import ft|monzo). Each reader checks its source and builds
 * the ladder's files in memory (ladder_csv.h's generated ladders), every
 * line remembering the place of the source it comes from; ladder_csv_write
 * then checks and writes them, reporting there.
 *
 * On LADDER_OK the caller owns *out (ladder_csv_free); warnings may be in
 * dl. On LADDER_INVALID (errors in dl) and LADDER_IO (printed) *out is NULL.
 */
#ifndef EGF_LADDER_IMPORT_H
#define EGF_LADDER_IMPORT_H

#include <stddef.h>

#include "ladder_csv.h"

/* A Financial-Times engineering-progression job-family file (data/job-families/X.yml). */
enum ladder_status ladder_ft_read(const char *path, struct diag_list *dl,
    struct ladder_csv **out);

/* Monzo progression-framework files (frameworks/.../X.md), one track each. */
enum ladder_status ladder_monzo_read(char *const *paths, size_t n, struct diag_list *dl,
    struct ladder_csv **out);

/*
 * Writes the scale, meets and promotion lines egf uses when a source has
 * none (those of import-csv) into f, and warns [defaulted] at path that
 * they are egf's defaults, not the source's rule.
 */
void ladder_import_default_rule(struct gen_file *f, int src, const char *path,
    struct diag_list *dl);

#endif
