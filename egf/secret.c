/* secret.c: random secrets, their hashes and passwords (secret.h). */
#include "secret.h"
#include "diag.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "sha256.h"
#include "util.h"

int
secret_init(void)
{
	if (sodium_init() < 0) {
		diag_report(NULL, DIAG_SYSTEM, NULL, "libsodium could not be initialised");
		return -1;
	}
	return 0;
}

void
secret_new(const char *prefix, char out[SECRET_TEXT])
{
	unsigned char raw[SECRET_BYTES];

	randombytes_buf(raw, sizeof(raw));
	memcpy(out, prefix, 4);
	sodium_bin2hex(out + 4, SECRET_TEXT - 4, raw, sizeof(raw));
	sodium_memzero(raw, sizeof(raw));
}

void
secret_hash(const char *secret, char hex[65])
{
	sha256_of(secret, strlen(secret), hex);
}

int
secret_equal(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	if (la != lb)
		return 0;
	return sodium_memcmp(a, b, la) == 0;
}

char *
secret_password_hash(const char *password, size_t len)
{
	char *out = xmalloc(crypto_pwhash_STRBYTES);

	if (crypto_pwhash_str(out, password, len, crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
		diag_report(NULL, DIAG_SYSTEM, NULL, "not enough memory to hash the password");
		free(out);
		return NULL;
	}
	return out;
}

int
secret_password_check(const char *hash, const char *password, size_t len)
{
	if (hash == NULL || strlen(hash) >= crypto_pwhash_STRBYTES)
		return 0;
	return crypto_pwhash_str_verify(hash, password, len) == 0;
}
