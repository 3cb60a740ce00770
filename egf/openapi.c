/* openapi.c: docs/openapi.yaml, embedded at build time, as JSON. */
#include "openapi.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "json_text.h"
#include "util.h"

/* Reals as json_dumps wrote them before: its default, %.17g. */
#define JANSSON_REAL_PRECISION 17

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
static void
plain_scalar(struct jw *w, const char *s, size_t n)
{
	static const char *const nulls[] = { "", "~", "null", "Null", "NULL", NULL };
	static const char *const trues[] = { "true", "True", "TRUE", NULL };
	static const char *const falses[] = { "false", "False", "FALSE", NULL };
	const char *digits = s + (n > 0 && (s[0] == '-' || s[0] == '+'));
	size_t nd = n - (size_t)(digits - s);
	char *end;

	if (one_of(s, nulls)) {
		jw_null(w);
		return;
	}
	if (one_of(s, trues) || one_of(s, falses)) {
		jw_bool(w, one_of(s, trues));
		return;
	}
	if (all_of(digits, nd, "0123456789")) {
		long long v = strtoll(s, &end, 10);

		if (*end == '\0') {
			jw_int(w, v);
			return;
		}
	}
	if (nd > 0 && all_of(digits, nd, "0123456789.eE+-") && strchr("0123456789.", digits[0])) {
		double v = strtod(s, &end);

		if (*end == '\0' && isfinite(v)) {
			jw_real(w, v);
			return;
		}
	}
	jw_string(w, s);
}

/* Whether an earlier key of the mapping, before p, is the text key. */
static int
earlier_key(yaml_document_t *doc, yaml_node_t *map, yaml_node_pair_t *p, const char *key)
{
	yaml_node_pair_t *q;
	yaml_node_t *k;

	for (q = map->data.mapping.pairs.start; q < p; q++)
		if ((k = yaml_document_get_node(doc, q->key)) != NULL &&
		    strcmp((const char *)k->data.scalar.value, key) == 0)
			return 1;
	return 0;
}

/*
 * Writes node as JSON into w: 0, or -1 with a message in err. Nesting is
 * bounded by the writer's depth (JW_DEPTH); a scalar holding a NUL
 * character is refused (a JSON string here is a C string).
 */
static int
convert(struct jw *w, yaml_document_t *doc, yaml_node_t *node, size_t depth, char *err,
    size_t err_size)
{
	if (node == NULL || depth >= JW_DEPTH) {
		snprintf(err, err_size, node == NULL ? "an empty document" : "nesting too deep");
		return -1;
	}
	switch (node->type) {
	case YAML_SCALAR_NODE: {
		const char *s = (const char *)node->data.scalar.value;
		size_t n = node->data.scalar.length;

		if (strlen(s) != n) {
			snprintf(err, err_size, "line %lu: a NUL character",
			    (unsigned long)node->start_mark.line + 1);
			return -1;
		}
		if (node->data.scalar.style == YAML_PLAIN_SCALAR_STYLE)
			plain_scalar(w, s, n);
		else
			jw_string(w, s);
		return 0;
	}
	case YAML_SEQUENCE_NODE: {
		yaml_node_item_t *it;

		jw_array_begin(w);
		for (it = node->data.sequence.items.start; it < node->data.sequence.items.top; it++)
			if (convert(w, doc, yaml_document_get_node(doc, *it), depth + 1, err,
			    err_size) != 0)
				return -1;
		jw_array_end(w);
		return 0;
	}
	case YAML_MAPPING_NODE: {
		yaml_node_pair_t *p;

		jw_object_begin(w);
		for (p = node->data.mapping.pairs.start; p < node->data.mapping.pairs.top; p++) {
			yaml_node_t *k = yaml_document_get_node(doc, p->key);
			const char *key;

			if (k == NULL || k->type != YAML_SCALAR_NODE) {
				snprintf(err, err_size, "line %lu: a mapping key that is not a scalar",
				    k ? (unsigned long)k->start_mark.line + 1 : 0UL);
				return -1;
			}
			key = (const char *)k->data.scalar.value;
			if (earlier_key(doc, node, p, key)) {
				snprintf(err, err_size, "line %lu: duplicate key '%s'",
				    (unsigned long)k->start_mark.line + 1, key);
				return -1;
			}
			jw_key(w, key);
			if (convert(w, doc, yaml_document_get_node(doc, p->value), depth + 1, err,
			    err_size) != 0)
				return -1;
		}
		jw_object_end(w);
		return 0;
	}
	default:
		snprintf(err, err_size, "an empty node");
		return -1;
	}
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
	struct buf out = { 0 };
	struct jw w;
	int rc;

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
	jw_init(&w, &out, JANSSON_REAL_PRECISION);
	rc = convert(&w, &doc, yaml_document_get_root_node(&doc), 0, err, err_size);
	yaml_document_delete(&doc);
	yaml_parser_delete(&p);
	if (rc != 0) {
		buf_free(&out);
		return NULL;
	}
	return buf_take(&out);
}
