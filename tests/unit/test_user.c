/*
 * Unit tests of the account operations (user.c): add and change, a short
 * password refused before anything is written, tokens only for enabled
 * accounts, disabling revokes them, and the listing counts tokens.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "user.h"
#include "util.h"
#include "unit.h"

struct seen {
	size_t n;
	long long tokens;
	int disabled;
};

static int
count(const struct store_account *a, long long tokens, void *arg)
{
	struct seen *s = arg;

	s->n++;
	if (strcmp(a->id, "ana") == 0) {
		s->tokens = tokens;
		s->disabled = a->disabled;
	}
	return 0;
}

static void
test_accounts(void)
{
	char dir[] = "/tmp/egf-user-XXXXXX", token[SECRET_TEXT];
	struct seen seen = {0};
	struct store *st;
	char *path;
	int created = -1;

	if (secret_init() != 0 || mkdtemp(dir) == NULL) {
		CHECK(0);
		return;
	}
	path = path_join(dir, "t.db");
	st = store_open(path, STORE_WRITE);
	CHECK(st != NULL);
	if (st == NULL)
		goto out;
	CHECK(user_add(st, "ana", NULL, "short", 5, 0, &created) == USER_SHORT_PASSWORD);
	CHECK(store_count(st, "accounts") == 0);
	CHECK(user_add(st, "ana", "ana@example.org", "long enough", 11, ACCOUNT_HR,
	    &created) == USER_OK);
	CHECK(created == 1);
	CHECK(user_add(st, "ana", NULL, NULL, 0, ACCOUNT_HR, &created) == USER_OK);
	CHECK(created == 0);
	CHECK(user_token(st, "bo", 1000, 90, token) == USER_NOT_FOUND);
	CHECK(user_token(st, "ana", 1000, 90, token) == USER_OK);
	CHECK(strncmp(token, "egf_", 4) == 0);
	CHECK(user_each(st, 1000, count, &seen) == 0);
	CHECK(seen.n == 1 && seen.tokens == 1 && !seen.disabled);
	memset(&seen, 0, sizeof(seen));
	CHECK(user_each(st, 1000 + 91 * 86400LL, count, &seen) == 0);
	CHECK(seen.tokens == 0);
	CHECK(user_disable(st, "bo") == USER_NOT_FOUND);
	CHECK(user_disable(st, "ana") == USER_OK);
	CHECK(user_token(st, "ana", 1000, 90, token) == USER_NOT_FOUND);
	memset(&seen, 0, sizeof(seen));
	CHECK(user_each(st, 1000, count, &seen) == 0);
	CHECK(seen.disabled && seen.tokens == 0);
	CHECK(store_count(st, "access_log") == 4);
	store_close(st);
out:
	unlink(path);
	rmdir(dir);
	free(path);
}

int
main(void)
{
	RUN(test_accounts);
	return UNIT_EXIT();
}
