/*
 * Unit tests of ladder_publish: a new version is stored, the same content
 * again is a no-op, other content under a published version is refused
 * with its changes and leaves the stored version as it was.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "ladder.h"
#include "publish.h"
#include "util.h"
#include "unit.h"

#define FIXTURE "tests/golden/publish/republish-changed/"

static struct model *
load(const char *dir)
{
	struct diag_list dl = {0};
	struct model *m = NULL;

	if (ladder_load(dir, &dl, &m) != LADDER_OK)
		m = NULL;
	diag_list_free(&dl);
	return m;
}

static void
test_publish(void)
{
	char dir[] = "/tmp/egf-publish-XXXXXX";
	struct model *m = load(FIXTURE "ladder"), *reworded = load(FIXTURE "reworded");
	struct diag_list dl = {0};
	struct model_changes ch;
	struct store *st;
	char *path;

	CHECK(m != NULL && reworded != NULL);
	if (m == NULL || reworded == NULL || mkdtemp(dir) == NULL)
		goto out;
	path = path_join(dir, "t.db");
	st = store_open(path, STORE_WRITE);
	CHECK(st != NULL);
	CHECK(ladder_publish(st, &dl, m, &ch) == PUBLISH_DONE);
	CHECK(ch.n == 0);
	CHECK(store_count(st, "ladder_versions") == 1);
	CHECK(ladder_publish(st, &dl, m, &ch) == PUBLISH_SAME);
	CHECK(ch.n == 0);
	CHECK(ladder_publish(st, &dl, reworded, &ch) == PUBLISH_CONFLICT);
	CHECK(ch.n == 1);
	if (ch.n == 1)
		CHECK_STR(ch.items[0].id, "impact.D2.1");
	model_changes_free(&ch);
	CHECK(store_count(st, "ladder_versions") == 1);
	CHECK(ladder_publish(st, &dl, m, &ch) == PUBLISH_SAME);
	store_close(st);
	unlink(path);
	rmdir(dir);
	free(path);
out:
	diag_list_free(&dl);
	model_free(m);
	model_free(reworded);
}

int
main(void)
{
	RUN(test_publish);
	return UNIT_EXIT();
}
