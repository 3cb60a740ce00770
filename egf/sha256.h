/* sha256.h: SHA-256 (FIPS 180-4), for content hashes of ladders and forms. */
#ifndef EGF_SHA256_H
#define EGF_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct sha256 {
	uint32_t h[8];
	uint64_t len;
	unsigned char block[64];
	size_t fill;
};

void sha256_init(struct sha256 *s);
void sha256_update(struct sha256 *s, const void *data, size_t len);
/* Writes the digest as 64 lower-case hex digits and a NUL into hex. */
void sha256_hex(struct sha256 *s, char hex[65]);
/* The hex digest of one buffer. */
void sha256_of(const void *data, size_t len, char hex[65]);

#endif
