/*
 * ladder.h: reading a ladder, from a directory of Markdown (docs/ladder-format.md)
 * or from a compiled model file, into a validated model.
 */
#ifndef EGF_LADDER_H
#define EGF_LADDER_H

#include <stddef.h>

#include "diag.h"
#include "model.h"

enum ladder_status {
	LADDER_OK,		/* *out holds the model; warnings may be in dl */
	LADDER_INVALID,		/* errors are in dl; *out is NULL */
	LADDER_IO,		/* an I/O error was printed; *out is NULL */
};

/*
 * Loads the ladder at path: a directory is read as Markdown, a file as a
 * compiled model.xml. Every check of docs/diagnostics.md runs; diagnostics go to
 * dl. On LADDER_OK the caller owns *out and frees it with model_free.
 */
enum ladder_status ladder_load(const char *path, struct diag_list *dl, struct model **out);

/*
 * Loads a compiled model held in memory (a published version from the
 * store); name stands for it in diagnostics. Validates like ladder_load.
 */
enum ladder_status ladder_load_xml(const char *xml, size_t len, const char *name,
    struct diag_list *dl, struct model **out);
/*
 * The same from the binary form of such a model (model_bin.h), validated
 * the same way. LADDER_INVALID, with no diagnostic, when the bytes are no
 * binary form: the caller reads the XML instead.
 */
enum ladder_status ladder_load_bin(const void *data, size_t len, const char *name,
    struct diag_list *dl, struct model **out);

/*
 * Reads a ladder directory into m without validating it (ladder_read.c).
 * *head_ok is 2 when ladder.md's tracks and levels read cleanly, 1 when
 * they had errors (references to them are then not worth checking), 0 when
 * ladder.md could not be read at all.
 */
enum ladder_status ladder_read_dir(const char *dir, struct model *m, struct diag_list *dl,
    int *head_ok);

/* One file of a ladder held in memory: its path inside the ladder and its bytes (borrowed). */
struct ladder_file {
	const char *rel;	/* "ladder.md", "competencies/x.md" */
	const char *data;
	size_t len;
};

/*
 * Where a ladder held in memory comes from: map turns a position in one of
 * its files (rel, 1-based line and column; line 0 for the whole file) into
 * the position to report, in the file the text was made from (an importer's
 * CSV cell or source line). It returns that file's path as a string the
 * caller frees, and sets *line and *col (line 0: the whole file).
 */
struct ladder_origin {
	char *(*map)(void *arg, const char *rel, unsigned *line, unsigned *col);
	void *arg;
};

/*
 * Reads the ladder held in files (n of them) as ladder_read_dir reads a
 * directory; dir is where it is to be written (a relative link that leads
 * out of the ladder is looked up beside it). Diagnostics name the files by
 * their rel.
 */
enum ladder_status ladder_read_files(const struct ladder_file *files, size_t n,
    const char *dir, struct model *m, struct diag_list *dl, int *head_ok);

/*
 * Loads and validates a ladder held in memory (an importer's files) as
 * ladder_load does a directory, every diagnostic reported where origin maps
 * it, the positions inside messages too. On LADDER_OK the caller owns *out.
 */
enum ladder_status ladder_load_files(const struct ladder_file *files, size_t n,
    const char *dir, const struct ladder_origin *origin, struct diag_list *dl,
    struct model **out);

/*
 * Runs every cross-reference and consistency check on m, as far as head_ok
 * (see ladder_read_dir; 2 for a model read from XML) allows. Positions are
 * reported under dir; when xml_path is set they are reported against that
 * file instead, the Markdown position going into the message; when origin
 * is set (a ladder in memory) they are reported where it maps them.
 */
void ladder_validate(struct model *m, const char *dir, const char *xml_path,
    const struct ladder_origin *origin, int head_ok, struct diag_list *dl);

#endif
