/*
 * source.h: one input text file with YAML front matter and a Markdown body,
 * as ladder files and assessment forms are. Loading checks the size limit
 * and the encoding, splits the front matter from the body and parses the
 * front matter with libyaml; every problem becomes a positioned diagnostic.
 * The helpers below read the YAML tree and report against it.
 */
#ifndef EGF_SOURCE_H
#define EGF_SOURCE_H

#include <stddef.h>
#include <yaml.h>

#include "diag.h"

/* Input files larger than this are refused with [too-large]. */
#define SOURCE_MAX_SIZE (1024 * 1024)
/* Flow collections ([ and {) nested deeper than this are refused: [too-complex]. */
#define SOURCE_MAX_FLOW_DEPTH 64

enum source_status {
	SOURCE_OK,		/* loaded; the front matter may be absent */
	SOURCE_INVALID,		/* diagnosed; nothing to read */
	SOURCE_IO,		/* could not be read; reported on stderr */
};

struct source {
	char *path;		/* owned: the path as the user wrote it */
	char *data;		/* owned: the whole file, NUL-terminated */
	size_t len;
	const char *body;	/* borrowed from data: the Markdown after the front matter */
	size_t body_len;
	unsigned body_line;	/* the line of data on which body starts */
	yaml_document_t doc;
	int has_doc;		/* doc holds a parsed front matter */
	yaml_node_t *root;	/* the front matter mapping, or NULL */
	struct diag_list *dl;	/* borrowed: where diagnostics go */
	size_t *line_starts;	/* owned: byte offset of each line of data */
	size_t nlines;
	unsigned yaml_line;	/* the line the YAML starts on: 2 after '---', 1 for a YAML file */
};

/*
 * Loads path into s. The caller calls source_close whatever the result.
 * Diagnostics (too-large, encoding, yaml-syntax) go to dl.
 */
enum source_status source_open(struct source *s, const char *path, struct diag_list *dl);
/*
 * Loads a whole YAML file (no front matter markers, no body) into s, with
 * the same checks; s->root is its top mapping (NULL after a diagnostic
 * when it is something else). The caller calls source_close.
 */
enum source_status source_open_yaml(struct source *s, const char *path, struct diag_list *dl);
/* The same for text already in memory (copied), reported as the file name. */
enum source_status source_open_buffer(struct source *s, const char *name, const char *data,
    size_t len, struct diag_list *dl);
/* Releases everything s holds. */
void source_close(struct source *s);

/*
 * The text of a 1-based line of the file (without its line break) and its
 * length; NULL past the end. Borrowed from s.
 */
const char *source_line_text(const struct source *s, unsigned line, size_t *len);

/* 1-based position of a YAML node in the file; columns count bytes. */
unsigned source_line(const struct source *s, const yaml_node_t *node);
unsigned source_col(const struct source *s, const yaml_node_t *node);

/* Reports a diagnostic at a YAML node (or at 1:1 when node is NULL). */
void source_diag(const struct source *s, enum diag_code code, const yaml_node_t *node,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* The value under key in a mapping node, or NULL. Borrowed from s. */
yaml_node_t *source_get(const struct source *s, const yaml_node_t *map, const char *key);
/*
 * The value under key, reporting [missing-field] at the mapping when absent
 * (what names the mapping in the message, e.g. "level").
 */
yaml_node_t *source_require(const struct source *s, const yaml_node_t *map,
    const char *key, const char *what);
/* Warns [unknown-key] for every key of map not in allowed (NULL-terminated). */
void source_check_keys(const struct source *s, const yaml_node_t *map,
    const char *const allowed[]);
/*
 * The text of a scalar node, or NULL after reporting [bad-value] ("expected
 * what") when node is not a scalar. Scalars with a NUL or control character
 * are reported as [encoding] and give NULL. Borrowed from s.
 */
const char *source_scalar(const struct source *s, const yaml_node_t *node, const char *what);
/* The i-th item of a sequence node, the i-th key or value of a mapping. */
yaml_node_t *source_item(const struct source *s, const yaml_node_t *seq, size_t i);
size_t source_count(const yaml_node_t *node);
yaml_node_t *source_key_at(const struct source *s, const yaml_node_t *map, size_t i);
yaml_node_t *source_value_at(const struct source *s, const yaml_node_t *map, size_t i);

#endif
