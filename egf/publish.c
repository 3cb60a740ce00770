/* publish.c: storing a ladder version (publish.h). */
#include "publish.h"

#include <string.h>

#include "model_xml.h"
#include "store_published.h"
#include "util.h"

/* The version is there: the same content, or the changes from it to m. */
static enum publish_status
compare(const struct model *old, const struct model *m, const char *hash,
    struct model_changes *changes)
{
	char old_hash[65];

	if (published_hash(old, old_hash) == 0 && strcmp(old_hash, hash) == 0)
		return PUBLISH_SAME;
	model_diff(old, m, changes);
	return PUBLISH_CONFLICT;
}

enum publish_status
ladder_publish(struct store *st, struct diag_list *dl, const struct model *m,
    struct model_changes *changes)
{
	struct published pub;
	const struct model *old;
	struct buf xml = {0};
	char hash[65];
	long long rowid;
	int found;
	enum publish_status rc = PUBLISH_ERROR;

	memset(changes, 0, sizeof(*changes));
	published_init(&pub, st, dl);
	if (published_hash(m, hash) != 0 || model_xml_write(m, 1, &xml) != 0) {
		rc = PUBLISH_SERIALISE;
		goto out;
	}
	if (store_begin(st) != 0)
		goto out;
	old = published_find(&pub, m->id, m->version, &rowid, &found);
	if (found) {
		store_rollback(st);
		if (old != NULL)
			rc = compare(old, m, hash, changes);
		goto out;
	}
	if (store_ladder_insert(st, m->id, m->version, hash, xml.data) != 0 ||
	    store_commit(st) != 0) {
		store_rollback(st);
		goto out;
	}
	rc = PUBLISH_DONE;
out:
	buf_free(&xml);
	published_clear(&pub);
	return rc;
}
