/*
 * ladder.h: reading a ladder, from a directory of Markdown (SPEC section 1)
 * or from a compiled model file, into a validated model.
 */
#ifndef EGF_LADDER_H
#define EGF_LADDER_H

#include "diag.h"
#include "model.h"

enum ladder_status {
	LADDER_OK,		/* *out holds the model; warnings may be in dl */
	LADDER_INVALID,		/* errors are in dl; *out is NULL */
	LADDER_IO,		/* an I/O error was printed; *out is NULL */
};

/*
 * Loads the ladder at path: a directory is read as Markdown, a file as a
 * compiled model.xml. Every check of SPEC section 2 runs; diagnostics go to
 * dl. On LADDER_OK the caller owns *out and frees it with model_free.
 */
enum ladder_status ladder_load(const char *path, struct diag_list *dl, struct model **out);

/* Reads a ladder directory into m without validating it (ladder_read.c). */
enum ladder_status ladder_read_dir(const char *dir, struct model *m, struct diag_list *dl);

/*
 * Runs every cross-reference and consistency check on m. Positions are
 * reported under dir; when xml_path is set they are reported against that
 * file instead, the Markdown position going into the message.
 */
void ladder_validate(struct model *m, const char *dir, const char *xml_path,
    struct diag_list *dl);

#endif
