/*
 * user.h: the accounts of egf serve as operations (`egf user`, and any
 * front-end that manages accounts): add or change, issue a token, disable,
 * list. Each change is one transaction with its access-log entry. No
 * printing and no exit codes: database errors are reported by the store,
 * everything else comes back as a status the caller reports.
 */
#ifndef EGF_USER_H
#define EGF_USER_H

#include <stddef.h>

#include "secret.h"
#include "store.h"
#include "store_serve.h"

/* Passwords shorter than this are refused: the throttle alone cannot save them. */
#define USER_PASSWORD_MIN 8

enum user_status {
	USER_OK,
	USER_NOT_FOUND,		/* no such account (token: none enabled) */
	USER_SHORT_PASSWORD,	/* fewer than USER_PASSWORD_MIN bytes */
	USER_ERROR		/* reported (database, or hashing the password) */
};

/*
 * Adds account id, or changes it: email (NULL: the person id's email when
 * there is one), roles (ACCOUNT_*), and a password when password is not
 * NULL (len bytes, borrowed; stored as a hash only). *created says which.
 */
enum user_status user_add(struct store *st, const char *id, const char *email,
    const char *password, size_t len, unsigned roles, int *created);
/*
 * A new API token for the enabled account id, valid for days from now
 * (Unix seconds): its text in token (shown once; stored as a hash only).
 */
enum user_status user_token(struct store *st, const char *id, long long now, long days,
    char token[SECRET_TEXT]);
/* Disables account id, which revokes its tokens and sessions. */
enum user_status user_disable(struct store *st, const char *id);
/*
 * Calls fn for each account in id order with the number of its tokens
 * valid at now (-1 when it could not be counted); a nonzero return from fn
 * stops. 0, or -1 after a database error was reported.
 */
int user_each(struct store *st, long long now,
    int (*fn)(const struct store_account *a, long long tokens, void *arg), void *arg);

#endif
