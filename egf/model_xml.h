/*
 * model_xml.h: the model as XML (docs/egf-model.rng), both ways.
 */
#ifndef EGF_MODEL_XML_H
#define EGF_MODEL_XML_H

#include "diag.h"
#include "model.h"
#include "util.h"
#include "xml_writer.h"

#define MODEL_XML_NS "urn:x-egf:model:1"

/*
 * Appends the model as an XML document to out; with positions, every node
 * carries the line and column it came from (compile writes them; content
 * hashes leave them out, so that moving text is not a change). Returns 0.
 */
int model_xml_write(const struct model *m, int positions, struct buf *out);
/*
 * The same document handed to flush in pieces of about 64 KiB, so that a
 * large model is never held whole in memory. Returns 0, or -1 when flush
 * failed (it reports why).
 */
int model_xml_write_to(const struct model *m, int positions, xml_flush_fn flush, void *arg);

/*
 * Parses a model from memory (name is used in diagnostics). Returns a new,
 * not yet validated model, or NULL after diagnostics.
 */
struct model *model_xml_parse(const char *data, size_t len, const char *name,
    struct diag_list *dl);

/*
 * Reads a compiled model file. Malformed XML and documents that are not an
 * egf model are reported to dl against path. Returns a new model (the caller
 * frees it with model_free; not yet validated) or NULL, with *io set when
 * the file could not be read (the error was printed).
 */
struct model *model_xml_read(const char *path, struct diag_list *dl, int *io);

#endif
