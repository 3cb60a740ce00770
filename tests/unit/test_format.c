/*
 * Formatted strings of any length: xvasprintf, diag_add and the ladder
 * validator's messages, which once stopped at 1,024 bytes.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "ladder.h"
#include "model.h"
#include "util.h"
#include "unit.h"

static char *
formatted(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}

/* A string of n copies of c; the caller frees it. */
static char *
repeat(char c, size_t n)
{
	char *s = xmalloc(n + 1);

	memset(s, c, n);
	s[n] = '\0';
	return s;
}

static void
test_xvasprintf(void)
{
	char *long_id = repeat('x', 3000);
	char *s = formatted("<%s|%d>", long_id, 42);

	CHECK(strlen(s) == 3000 + 5);
	CHECK(s[0] == '<' && s[3001] == '|' && strcmp(s + 3002, "42>") == 0);
	free(s);
	s = formatted("%s", "");
	CHECK_STR(s, "");
	free(s);
	s = xasprintf("%s-%s", long_id, long_id);
	CHECK(strlen(s) == 6001);
	free(s);
	free(long_id);
}

/* A track that branches off an unknown level whose id is 2,000 bytes long. */
static void
test_validator_long_message(void)
{
	struct model *m = model_new();
	struct diag_list dl = {0};
	char *long_id = repeat('q', 2000);
	struct model_track *t = model_add_track(m);
	struct model_level *l = model_add_level(m);
	size_t i;
	int found = 0;

	t->id = "ic";
	t->from_id = model_strdup(m, long_id);
	t->from_pos.file = "ladder.md";
	t->from_pos.line = 3;
	t->from_pos.col = 7;
	l->id = "j";
	l->track_id = "ic";
	model_resolve(m);
	ladder_validate(m, "dir", NULL, NULL, 2, &dl);
	for (i = 0; i < dl.len; i++) {
		if (dl.items[i].code != DIAG_UNKNOWN_LEVEL)
			continue;
		found = 1;
		CHECK(strlen(dl.items[i].msg) > 2000);
		CHECK(strstr(dl.items[i].msg, long_id) != NULL);
		CHECK(dl.items[i].line == 3 && dl.items[i].col == 7);
	}
	CHECK(found);
	diag_list_free(&dl);
	free(long_id);
	model_free(m);
}

int
main(void)
{
	RUN(test_xvasprintf);
	RUN(test_validator_long_message);
	return UNIT_EXIT();
}
