/*
 * Unit tests of json_text: strings and reals as jansson writes them (the
 * site's data was written with jansson before), and the script-safe mode.
 */
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

		json_text_string(&got, s, JSON_TEXT_PLAIN);
		CHECK(want != NULL);
		CHECK_STR(got.data, want);
		free(want);
		buf_free(&got);
	}
}

static void
test_script_mode(void)
{
	struct buf b = {0};

	json_text_string(&b, "</script><!-- \xe2\x80\xa8 \xe2\x80\xa9 \xe2\x82\xac \xe2\x80\xa7", JSON_TEXT_SCRIPT);
	CHECK_STR(b.data, "\"\\u003c/script\\u003e\\u003c!-- \\u2028 \\u2029 \xe2\x82\xac \xe2\x80\xa7\"");
	buf_free(&b);
	json_text_string(&b, NULL, JSON_TEXT_SCRIPT);
	json_text_key(&b, "k<", JSON_TEXT_SCRIPT);
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

		json_text_real(&got, values[i]);
		CHECK_STR(got.data, want);
		free(want);
		buf_free(&got);
	}
}

int
main(void)
{
	RUN(test_strings_as_jansson);
	RUN(test_script_mode);
	RUN(test_reals_as_jansson);
	return UNIT_EXIT();
}
