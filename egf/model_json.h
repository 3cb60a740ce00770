/* model_json.h: the model as JSON (described in docs/model.md). */
#ifndef EGF_MODEL_JSON_H
#define EGF_MODEL_JSON_H

#include "model.h"
#include "util.h"

/* Appends the model as a JSON document to out. Returns 0 (it cannot fail). */
int model_json_write(const struct model *m, struct buf *out);

#endif
