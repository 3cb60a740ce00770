/*
 * test_secret.c: the comparison of secrets (secret_equal): equal only for
 * the same bytes and length, whatever byte differs, and through
 * sodium_memcmp, whose time does not depend on where the first difference
 * is (the constant time itself is libsodium's; here: every position of a
 * difference gives the same answer, and different lengths are refused
 * before any byte is compared). Also that secret_hash is SHA-256 in hex
 * and that new secrets differ.
 */
#include <stdio.h>
#include <string.h>

#include "secret.h"
#include "unit.h"

static void
test_equal(void)
{
	char a[SECRET_TEXT], b[SECRET_TEXT];
	size_t i, n;

	CHECK(secret_init() == 0);
	secret_new("ses_", a);
	memcpy(b, a, sizeof(a));
	CHECK(secret_equal(a, b));
	n = strlen(a);
	CHECK(n == SECRET_TEXT - 1);
	for (i = 0; i < n; i++) {
		b[i] ^= 1;
		CHECK(!secret_equal(a, b));
		b[i] ^= 1;
	}
	CHECK(secret_equal(a, b));
	b[n - 1] = '\0';
	CHECK(!secret_equal(a, b));	/* a prefix */
	CHECK(!secret_equal(b, a));
	CHECK(secret_equal("", ""));
	CHECK(!secret_equal("", a));
}

static void
test_hash_and_new(void)
{
	char a[SECRET_TEXT], b[SECRET_TEXT], h[65];

	secret_hash("abc", h);
	CHECK_STR(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	secret_new("tok_", a);
	secret_new("tok_", b);
	CHECK(strncmp(a, "tok_", 4) == 0);
	CHECK(!secret_equal(a, b));
}

int
main(void)
{
	RUN(test_equal);
	RUN(test_hash_and_new);
	return UNIT_EXIT();
}
