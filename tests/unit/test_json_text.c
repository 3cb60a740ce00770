/*
 * Unit tests of json_text: strings and reals as jansson writes them (the
 * site's data was written with jansson before), and the script-safe mode.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "json_text.h"
#include "util.h"
#include "unit.h"

static char *
jansson_dump(json_t *value)
{
	char *text = json_dumps(value, JSON_ENCODE_ANY | JSON_COMPACT | JSON_REAL_PRECISION(15));

	json_decref(value);
	return text;
}

/* Every byte below 0x20, the characters JSON escapes, and multibyte UTF-8. */
static void
test_strings_as_jansson(void)
{
	static const char *const samples[] = {
		"", "plain", "\"quoted\" \\back\\ /slash/", "<script>&amp;</script>",
		"\xc3\xa9 \xe4\xb8\xad \xf0\x9f\x98\x80 \x7f \xe2\x82\xac",
		"line\xe2\x80\xa8sep\xe2\x80\xa9para",
	};
	char controls[32];
	size_t i;

	for (i = 1; i < 32; i++)
		controls[i - 1] = (char)i;
	controls[31] = '\0';
	for (i = 0; i <= sizeof(samples) / sizeof(samples[0]); i++) {
		const char *s = i < sizeof(samples) / sizeof(samples[0]) ? samples[i] : controls;
		char *want = jansson_dump(json_string(s));
		struct buf got = {0};

		jw_buf_string(&got, s, JW_PLAIN);
		CHECK(want != NULL);
		CHECK_STR(got.data, want);
		free(want);
		buf_free(&got);
	}
}

/*
 * The escapes written out by hand, so that they hold without jansson: the
 * two characters JSON requires, the short forms, \u00XX (upper-case hex)
 * for the other control characters, and everything else (DEL, '/', UTF-8)
 * as it is.
 */
static void
test_escapes(void)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "", "\"\"" },
		{ "\"", "\"\\\"\"" },
		{ "\\", "\"\\\\\"" },
		{ "a\bb\fc\nd\re\tf", "\"a\\bb\\fc\\nd\\re\\tf\"" },
		{ "\x01\x1f\x0b\x1a", "\"\\u0001\\u001F\\u000B\\u001A\"" },
		{ "\x7f/<>&'", "\"\x7f/<>&'\"" },
		{ "\xc3\xa9\xe2\x80\xa8\xf0\x9f\x98\x80", "\"\xc3\xa9\xe2\x80\xa8\xf0\x9f\x98\x80\"" },
	};
	struct buf b = {0};
	struct jw w;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		jw_buf_string(&b, cases[i].in, JW_PLAIN);
		CHECK_STR(b.data, cases[i].out);
		buf_free(&b);
	}
	/* keys are escaped like values; a NULL string value is null */
	jw_init(&w, &b, 6);
	jw_object_begin(&w);
	jw_key(&w, "a\"b\n");
	jw_string(&w, NULL);
	jw_object_end(&w);
	CHECK_STR(b.data, "{\n  \"a\\\"b\\n\": null\n}");
	buf_free(&b);
}

static void
test_script_mode(void)
{
	struct buf b = {0};

	jw_buf_string(&b, "</script><!-- \xe2\x80\xa8 \xe2\x80\xa9 \xe2\x82\xac \xe2\x80\xa7", JW_SCRIPT);
	CHECK_STR(b.data, "\"\\u003c/script\\u003e\\u003c!-- \\u2028 \\u2029 \xe2\x82\xac \xe2\x80\xa7\"");
	buf_free(&b);
	jw_buf_string(&b, NULL, JW_SCRIPT);
	jw_buf_key(&b, "k<", JW_SCRIPT);
	CHECK_STR(b.data, "\"\"\"k\\u003c\":");
	buf_free(&b);
}

static void
test_reals_as_jansson(void)
{
	static const double values[] = {
		0.75, 1, 0.5, 0.1, 1e-5, 0.00001234, 1e20, 1e-300, 1.5e300, 0.333333333333333,
		123456789012345678.0, 100, -2.5, 1e15, 1e16,
	};
	size_t i;

	for (i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		char *want = jansson_dump(json_real(values[i]));
		struct buf got = {0};

		jw_buf_real(&got, values[i], 15);
		CHECK_STR(got.data, want);
		free(want);
		buf_free(&got);
	}
}

/* The same document through the writer and through a jansson tree. */
static void
test_writer_as_jansson(void)
{
	json_t *root = json_object(), *a = json_array(), *o = json_object(), *in = json_array();
	struct jw w;
	struct buf got = {0};
	char *want;

	json_object_set_new(root, "name", json_string("a \"quoted\"\nname"));
	json_object_set_new(root, "empty_object", json_object());
	json_object_set_new(root, "empty_array", json_array());
	json_array_append_new(a, json_integer(-42));
	json_array_append_new(a, json_real(0.1234567));
	json_array_append_new(a, json_real(2));
	json_array_append_new(a, json_real(1e-7));
	json_array_append_new(a, json_null());
	json_array_append_new(a, json_true());
	json_array_append_new(a, json_false());
	json_array_append_new(in, json_array());
	json_array_append_new(in, json_string(""));
	json_array_append_new(a, in);
	json_object_set_new(o, "k", json_integer(0));
	json_object_set_new(o, "deeper", json_object());
	json_array_append_new(a, o);
	json_object_set_new(root, "values", a);
	json_object_set_new(root, "last", json_real(-0.5));
	want = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
	json_decref(root);

	jw_init(&w, &got, 6);
	jw_object_begin(&w);
	jw_key(&w, "name");
	jw_string(&w, "a \"quoted\"\nname");
	jw_key(&w, "empty_object");
	jw_object_begin(&w);
	jw_object_end(&w);
	jw_key(&w, "empty_array");
	jw_array_begin(&w);
	jw_array_end(&w);
	jw_key(&w, "values");
	jw_array_begin(&w);
	jw_int(&w, -42);
	jw_real(&w, 0.1234567);
	jw_real(&w, 2);
	jw_real(&w, 1e-7);
	jw_string(&w, NULL);
	jw_bool(&w, 1);
	jw_bool(&w, 0);
	jw_array_begin(&w);
	jw_array_begin(&w);
	jw_array_end(&w);
	jw_string(&w, "");
	jw_array_end(&w);
	jw_object_begin(&w);
	jw_key(&w, "k");
	jw_int(&w, 0);
	jw_key(&w, "deeper");
	jw_object_begin(&w);
	jw_object_end(&w);
	jw_object_end(&w);
	jw_array_end(&w);
	jw_key(&w, "last");
	jw_real(&w, -0.5);
	jw_object_end(&w);
	CHECK(want != NULL);
	CHECK_STR(got.data, want);
	free(want);
	buf_free(&got);

	/* Reals that are not finite have no JSON form: null. */
	jw_init(&w, &got, 6);
	jw_array_begin(&w);
	jw_real(&w, NAN);
	jw_real(&w, INFINITY);
	jw_array_end(&w);
	CHECK_STR(got.data, "[\n  null,\n  null\n]");
	buf_free(&got);
}

int
main(void)
{
	RUN(test_strings_as_jansson);
	RUN(test_escapes);
	RUN(test_script_mode);
	RUN(test_reals_as_jansson);
	RUN(test_writer_as_jansson);
	return UNIT_EXIT();
}
