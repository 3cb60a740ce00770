/* user.c: accounts of egf serve as operations (user.h). */
#include "user.h"

#include <stdlib.h>
#include <string.h>

enum user_status
user_add(struct store *st, const char *id, const char *email, const char *password,
    size_t len, unsigned roles, int *created)
{
	struct store_person p;
	char *hash = NULL;
	int got;
	enum user_status rc = USER_ERROR;

	*created = 0;
	if (password != NULL && len < USER_PASSWORD_MIN)
		return USER_SHORT_PASSWORD;
	if (password != NULL && (hash = secret_password_hash(password, len)) == NULL)
		return USER_ERROR;
	if ((got = store_person_get(st, id, &p)) < 0)
		goto out;
	if (email == NULL && got == 1)
		email = p.email;
	if (store_begin(st) != 0 || store_account_put(st, id, email, hash, roles,
	    created) != 0 || store_access_log(st, NULL, NULL, *created ? "user add" :
	    "user change", id) != 0 || store_commit(st) != 0) {
		store_rollback(st);
		goto out;
	}
	rc = USER_OK;
out:
	store_person_clear(&p);
	free(hash);
	return rc;
}

enum user_status
user_token(struct store *st, const char *id, long long now, long days,
    char token[SECRET_TEXT])
{
	struct store_account a;
	char hash[65];
	int got = store_account_get(st, id, &a), disabled = a.disabled;

	store_account_clear(&a);
	token[0] = '\0';
	if (got < 0)
		return USER_ERROR;
	if (got == 0 || disabled)
		return USER_NOT_FOUND;
	secret_new("egf_", token);
	secret_hash(token, hash);
	if (store_begin(st) != 0 || store_token_add(st, hash, id, now,
	    now + days * 86400LL) != 0 || store_access_log(st, NULL, NULL, "user token",
	    id) != 0 || store_commit(st) != 0) {
		store_rollback(st);
		memset(token, 0, SECRET_TEXT);
		return USER_ERROR;
	}
	return USER_OK;
}

enum user_status
user_disable(struct store *st, const char *id)
{
	int got;

	if (store_begin(st) != 0 || (got = store_account_disable(st, id)) < 0 ||
	    (got == 1 && store_access_log(st, NULL, NULL, "user disable", id) != 0)) {
		store_rollback(st);
		return USER_ERROR;
	}
	if (got == 0) {
		store_rollback(st);
		return USER_NOT_FOUND;
	}
	if (store_commit(st) != 0) {
		store_rollback(st);
		return USER_ERROR;
	}
	return USER_OK;
}

struct each_ctx {
	struct store *st;
	long long now;
	int (*fn)(const struct store_account *a, long long tokens, void *arg);
	void *arg;
};

static int
each_one(const struct store_account *a, void *arg)
{
	struct each_ctx *e = arg;

	return e->fn(a, store_token_count(e->st, a->id, e->now), e->arg);
}

int
user_each(struct store *st, long long now,
    int (*fn)(const struct store_account *a, long long tokens, void *arg), void *arg)
{
	struct each_ctx e = { st, now, fn, arg };

	return store_account_each(st, each_one, &e);
}
