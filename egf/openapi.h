/*
 * openapi.h: the description of egf serve's API. docs/openapi.yaml is its
 * one source: the build embeds it (tools/c-string) and egf serve serves it
 * as JSON at GET /api/v1/openapi.json (docs/serve.md).
 */
#ifndef EGF_OPENAPI_H
#define EGF_OPENAPI_H

#include <stddef.h>

/* docs/openapi.yaml as it was when egf was built (generated openapi_doc.c). */
extern const char openapi_yaml[];

/*
 * The YAML document text (len bytes) as indented JSON, YAML 1.2's core
 * schema deciding the type of a plain scalar (null, true/false, integers,
 * floats; anything else a string; quoted and block scalars are strings).
 * Aliases, and mapping keys that are not scalars, are refused. Returns a
 * string the caller frees, or NULL with a message in err (err_size bytes).
 */
char *openapi_yaml_to_json(const char *text, size_t len, char *err, size_t err_size);

#endif
