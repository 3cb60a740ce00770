/*
 * Unit tests of openapi_yaml_to_json: the YAML of docs/openapi.yaml as the
 * JSON egf serve serves, typed by YAML 1.2's core schema.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "openapi.h"
#include "unit.h"

/* The JSON of text, compacted and with sorted keys, or NULL. */
static char *
convert(const char *text, char *err, size_t size)
{
	char *json = openapi_yaml_to_json(text, strlen(text), err, size);
	json_t *v;
	char *out;

	if (json == NULL)
		return NULL;
	v = json_loads(json, 0, NULL);
	free(json);
	out = v ? json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	json_decref(v);
	return out;
}

static void
test_scalar_types(void)
{
	char err[200], *s;

	s = convert("a: 200\nb: \"200\"\nc: true\nd: 'false'\ne: ~\nf: null\ng: 1.5\n"
	    "h: -3\ni: 3.1.0\nj: 1e3\nk: yes\nl: .5\nm: 0x1f\n", err, sizeof(err));
	CHECK_STR(s, "{\"a\":200,\"b\":\"200\",\"c\":true,\"d\":\"false\",\"e\":null,"
	    "\"f\":null,\"g\":1.5,\"h\":-3,\"i\":\"3.1.0\",\"j\":1000.0,\"k\":\"yes\","
	    "\"l\":0.5,\"m\":\"0x1f\"}");
	free(s);
}

static void
test_structure(void)
{
	char err[200], *s;

	s = convert("paths:\n  /x:\n    get:\n      tags: [a, b]\n      description: >\n"
	    "        folded\n        text\n      required: [\"200\"]\n", err, sizeof(err));
	CHECK_STR(s, "{\"paths\":{\"/x\":{\"get\":{\"description\":\"folded text\\n\","
	    "\"required\":[\"200\"],\"tags\":[\"a\",\"b\"]}}}}");
	free(s);
	/* key order is the document's */
	s = openapi_yaml_to_json("z: 1\na: 2\n", 10, err, sizeof(err));
	CHECK(s != NULL && strstr(s, "\"z\"") < strstr(s, "\"a\""));
	free(s);
}

static void
test_refused(void)
{
	char err[200];

	CHECK(convert("a: &x 1\nb: *x\n", err, sizeof(err)) == NULL);
	CHECK(strstr(err, "line 2: aliases") != NULL);
	CHECK(convert("a: 1\na: 2\n", err, sizeof(err)) == NULL);
	CHECK(strstr(err, "duplicate key 'a'") != NULL);
	CHECK(convert("? [a]\n: 1\n", err, sizeof(err)) == NULL);
	CHECK(strstr(err, "not a scalar") != NULL);
	CHECK(convert("a: [1\n", err, sizeof(err)) == NULL);
	CHECK(err[0] != '\0');
	CHECK(convert("", err, sizeof(err)) == NULL);
}

/* The JSON is laid out as json_dumps with JSON_INDENT(2) laid it out. */
static void
test_layout(void)
{
	const char *yaml = "a: [1, {b: x, r: 2.5}]\nc: {}\nd: []\n";
	char err[200];
	char *s = openapi_yaml_to_json(yaml, strlen(yaml), err, sizeof(err));

	CHECK_STR(s, "{\n  \"a\": [\n    1,\n    {\n      \"b\": \"x\",\n      \"r\": 2.5\n"
	    "    }\n  ],\n  \"c\": {},\n  \"d\": []\n}");
	free(s);
}

/* Nesting deeper than the writer's depth, and a NUL in a scalar, are refused. */
static void
test_limits(void)
{
	char deep[200], err[200];
	size_t i;

	for (i = 0; i < 40; i++) {
		deep[i] = '[';
		deep[40 + i] = ']';
	}
	deep[80] = '\0';
	CHECK(openapi_yaml_to_json(deep, strlen(deep), err, sizeof(err)) == NULL);
	CHECK(strstr(err, "nesting too deep") != NULL);
	CHECK(convert("a: \"x\\0y\"\n", err, sizeof(err)) == NULL);
	CHECK(strstr(err, "line 1: a NUL character") != NULL);
}

/* The embedded document converts and is OpenAPI 3.1 with paths. */
static void
test_embedded(void)
{
	char err[200];
	char *s = openapi_yaml_to_json(openapi_yaml, strlen(openapi_yaml), err, sizeof(err));
	json_t *v = s ? json_loads(s, 0, NULL) : NULL;

	CHECK(v != NULL);
	CHECK_STR(json_string_value(json_object_get(v, "openapi")), "3.1.0");
	CHECK(json_object_size(json_object_get(v, "paths")) > 10);
	json_decref(v);
	free(s);
}

int
main(void)
{
	RUN(test_scalar_types);
	RUN(test_structure);
	RUN(test_refused);
	RUN(test_layout);
	RUN(test_limits);
	RUN(test_embedded);
	return UNIT_EXIT();
}
