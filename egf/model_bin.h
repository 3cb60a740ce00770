/*
 * model_bin.h: a compact binary form of a model, for loading a published
 * ladder version without parsing its XML again.
 *
 * The XML of a version (ladder_versions.model_xml) stays its record: it is
 * what egf exports, hashes and validates. The binary form is derived from
 * the model read from that XML and holds exactly what the XML reader puts
 * into a model (model_xml.c), in the same order, so that a model read back
 * from it is the one the XML gives: the same model_xml_write bytes. It is
 * a cache (docs/store.md, table ladder_models): written by the first
 * command that loads the version, rebuilt when its format changes.
 *
 * The bytes: "EGFM", a format byte (MODEL_BIN_FORMAT), then the fields as
 * unsigned LEB128 numbers (signed ones zigzag-coded), strings as a number
 * (0: NULL, else the length + 1) and their bytes, the threshold as the
 * eight little-endian bytes of its IEEE 754 double.
 */
#ifndef EGF_MODEL_BIN_H
#define EGF_MODEL_BIN_H

#include <stddef.h>

#include "model.h"
#include "util.h"

/* The format this egf writes and reads; a cache of another one is rebuilt. */
#define MODEL_BIN_FORMAT 1

/* Appends the binary form of m to out. */
void model_bin_write(const struct model *m, struct buf *out);

/*
 * A new model from len bytes of binary form (free with model_free), or NULL
 * when they are not one (truncated, another format, a string with a NUL
 * byte, bytes left over): never reads past data + len. The model is as the
 * XML reader leaves it, before validation: ladder_load_bin (ladder.h)
 * validates it as ladder_load_xml does.
 */
struct model *model_bin_read(const void *data, size_t len);

#endif
