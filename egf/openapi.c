/* openapi.c: docs/openapi.yaml, embedded at build time, as JSON. */
#include "openapi.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

/* Whether s (n bytes) is all of the characters in set, at least one. */
static int
all_of(const char *s, size_t n, const char *set)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strchr(set, s[i]) == NULL || s[i] == '\0')
			return 0;
	return n > 0;
}

static int
one_of(const char *s, const char *const words[])
{
	size_t i;

	for (i = 0; words[i] != NULL; i++)
		if (strcmp(s, words[i]) == 0)
			return 1;
	return 0;
}

/* A plain scalar by YAML 1.2's core schema; the text is NUL-terminated. */
static json_t *
plain_scalar(const char *s, size_t n)
{
	static const char *const nulls[] = { "", "~", "null", "Null", "NULL", NULL };
	static const char *const trues[] = { "true", "True", "TRUE", NULL };
	static const char *const falses[] = { "false", "False", "FALSE", NULL };
	const char *digits = s + (n > 0 && (s[0] == '-' || s[0] == '+'));
	size_t nd = n - (size_t)(digits - s);
	char *end;

	if (one_of(s, nulls))
		return json_null();
	if (one_of(s, trues))
		return json_true();
	if (one_of(s, falses))
		return json_false();
	if (all_of(digits, nd, "0123456789")) {
		long long v = strtoll(s, &end, 10);

		if (*end == '\0')
			return json_integer(v);
	}
	if (nd > 0 && all_of(digits, nd, "0123456789.eE+-") && strchr("0123456789.", digits[0])) {
		double v = strtod(s, &end);

		if (*end == '\0' && isfinite(v))
			return json_real(v);
	}
	return json_stringn(s, n);
}

static json_t *
convert(yaml_document_t *doc, yaml_node_t *node, int depth, char *err, size_t err_size)
{
	json_t *out = NULL;

	if (node == NULL || depth > 64) {
		snprintf(err, err_size, node == NULL ? "an empty document" : "nesting too deep");
		return NULL;
	}
	switch (node->type) {
	case YAML_SCALAR_NODE: {
		const char *s = (const char *)node->data.scalar.value;
		size_t n = node->data.scalar.length;

		if (node->data.scalar.style == YAML_PLAIN_SCALAR_STYLE)
			return plain_scalar(s, n);
		return json_stringn(s, n);
	}
	case YAML_SEQUENCE_NODE: {
		yaml_node_item_t *it;

		out = json_array();
		for (it = node->data.sequence.items.start; it < node->data.sequence.items.top; it++) {
			json_t *v = convert(doc, yaml_document_get_node(doc, *it), depth + 1, err,
			    err_size);

			if (v == NULL || json_array_append_new(out, v) != 0)
				goto fail;
		}
		return out;
	}
	case YAML_MAPPING_NODE: {
		yaml_node_pair_t *p;

		out = json_object();
		for (p = node->data.mapping.pairs.start; p < node->data.mapping.pairs.top; p++) {
			yaml_node_t *k = yaml_document_get_node(doc, p->key);
			json_t *v;

			if (k == NULL || k->type != YAML_SCALAR_NODE) {
				snprintf(err, err_size, "line %lu: a mapping key that is not a scalar",
				    k ? (unsigned long)k->start_mark.line + 1 : 0UL);
				goto fail;
			}
			if (json_object_get(out, (const char *)k->data.scalar.value) != NULL) {
				snprintf(err, err_size, "line %lu: duplicate key '%s'",
				    (unsigned long)k->start_mark.line + 1, k->data.scalar.value);
				goto fail;
			}
			v = convert(doc, yaml_document_get_node(doc, p->value), depth + 1, err, err_size);
			if (v == NULL || json_object_set_new(out, (const char *)k->data.scalar.value,
			    v) != 0)
				goto fail;
		}
		return out;
	}
	default:
		snprintf(err, err_size, "an empty node");
		return NULL;
	}
fail:
	json_decref(out);
	return NULL;
}

/* Whether the text uses an anchor or alias (the document API expands aliases). */
static int
has_alias(const char *text, size_t len, char *err, size_t err_size)
{
	yaml_parser_t p;
	yaml_event_t ev;
	int found = 0, done = 0;

	if (!yaml_parser_initialize(&p))
		return 1;
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	while (!done && !found) {
		if (!yaml_parser_parse(&p, &ev))
			break;	/* the document parse reports it */
		found = ev.type == YAML_ALIAS_EVENT;
		if (found)
			snprintf(err, err_size, "line %lu: aliases are not supported",
			    (unsigned long)ev.start_mark.line + 1);
		done = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	return found;
}

char *
openapi_yaml_to_json(const char *text, size_t len, char *err, size_t err_size)
{
	yaml_parser_t p;
	yaml_document_t doc;
	json_t *root;
	char *out = NULL;

	err[0] = '\0';
	if (has_alias(text, len, err, err_size))
		return NULL;
	if (!yaml_parser_initialize(&p)) {
		snprintf(err, err_size, "out of memory");
		return NULL;
	}
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	if (!yaml_parser_load(&p, &doc)) {
		snprintf(err, err_size, "line %lu: %s", (unsigned long)p.problem_mark.line + 1,
		    p.problem ? p.problem : "not YAML");
		yaml_parser_delete(&p);
		return NULL;
	}
	root = convert(&doc, yaml_document_get_root_node(&doc), 0, err, err_size);
	if (root != NULL)
		out = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	if (root != NULL && out == NULL)
		snprintf(err, err_size, "out of memory");
	json_decref(root);
	yaml_document_delete(&doc);
	yaml_parser_delete(&p);
	return out;
}
