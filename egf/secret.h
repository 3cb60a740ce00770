/*
 * secret.h: egf serve's secrets, all through libsodium: random tokens and
 * session ids, their SHA-256 (what the store keeps), constant-time
 * comparison and Argon2id password hashes (crypto_pwhash_str).
 */
#ifndef EGF_SECRET_H
#define EGF_SECRET_H

#include <stddef.h>

/* Initialises libsodium; 0, or -1 after printing why. Call before the others. */
int secret_init(void);

/* Bytes of randomness in a token or session id: 256 bits. */
#define SECRET_BYTES 32
/* Length of a token as text: a prefix and the hex digits, and the NUL. */
#define SECRET_TEXT (4 + 2 * SECRET_BYTES + 1)

/* A new random secret as text, prefix (3 letters and '_', e.g. "egf_") and hex. */
void secret_new(const char *prefix, char out[SECRET_TEXT]);
/* The SHA-256 of a secret's text as hex: what is stored and looked up. */
void secret_hash(const char *secret, char hex[65]);
/* 1 when a and b (NUL-terminated) are equal, compared in constant time for equal lengths. */
int secret_equal(const char *a, const char *b);

/* The Argon2id hash string of a password; NULL when out of memory (printed). Caller frees. */
char *secret_password_hash(const char *password, size_t len);
/* 1 when password matches the hash string, 0 when not. */
int secret_password_check(const char *hash, const char *password, size_t len);

#endif
