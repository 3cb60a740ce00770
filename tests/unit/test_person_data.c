/* test_person_data.c: the audit text rewriting of an erasure, and the erasure itself. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store.h"
#include "store_person_data.h"
#include "unit.h"

static void
redact_decider(void)
{
	char *s;

	/* The person decided about someone else: the decider becomes the tombstone, no note. */
	s = store_audit_redact("hold (by zoe): After the pelican project", "zoe", "T", 0);
	CHECK_STR(s, "hold (by T)");
	free(s);
	/* Someone else decided about someone else: untouched. */
	s = store_audit_redact("promote to L2 (by boss): Ready", "zoe", "T", 0);
	CHECK_STR(s, "promote to L2 (by boss): Ready");
	free(s);
	/* A decider whose id only begins with the person's is someone else. */
	s = store_audit_redact("defer (by zoe2): later", "zoe", "T", 0);
	CHECK_STR(s, "defer (by zoe2): later");
	free(s);
}

static void
redact_about(void)
{
	char *s;

	/* About the person: the note goes, whoever decided. */
	s = store_audit_redact("promote to L2 (by hr): Earned it, ) (by x)", "zoe", "T", 1);
	CHECK_STR(s, "promote to L2 (by hr)");
	free(s);
	/* Text of another form about the person goes whole; NULL stays NULL. */
	CHECK(store_audit_redact("free text about zoe", "zoe", "T", 1) == NULL);
	CHECK(store_audit_redact(NULL, "zoe", "T", 1) == NULL);
	s = store_audit_redact("free text", "zoe", "T", 0);
	CHECK_STR(s, "free text");
	free(s);
	s = store_audit_redact("cut (by zoe", "zoe", "T", 0);
	CHECK_STR(s, "cut (by zoe");
	free(s);
}

static void
erase_unknown(void)
{
	char path[] = "/tmp/egf-unit-pd-XXXXXX";
	struct store_erasure e;
	struct store *st;
	int fd = mkstemp(path);

	CHECK(fd != -1);
	close(fd);
	unlink(path);
	st = store_open(path, STORE_WRITE);
	CHECK(st != NULL);
	if (st != NULL) {
		CHECK(store_person_erase(st, "nobody", "hr", &e) == 0);
		CHECK(store_count(st, "audit_log") == 0);
		CHECK(store_erasure_pending(st) == 0);
		store_close(st);
	}
	unlink(path);
}

int
main(void)
{
	RUN(redact_decider);
	RUN(redact_about);
	RUN(erase_unknown);
	return UNIT_EXIT();
}
