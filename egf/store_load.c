/* store_load.c: published versions' keys for the shared model cache (store_load.h). */
#include "store_load.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "store_int.h"

/* Steps s (columns id, content_hash) into out. */
static int
fetch_ref(struct store *st, sqlite3_stmt *s, struct store_ladder_ref *out)
{
	int rc = sqlite3_step(s);

	memset(out, 0, sizeof(*out));
	if (rc == SQLITE_ROW) {
		const unsigned char *h = sqlite3_column_text(s, 1);

		out->rowid = sqlite3_column_int64(s, 0);
		snprintf(out->hash, sizeof(out->hash), "%s", h ? (const char *)h : "");
	}
	return store_stmt_row(st, s, rc, "ladder versions");
}

int
store_ladder_ref_latest(struct store *st, struct store_ladder_ref *out)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT id, content_hash FROM ladder_versions "
	    "ORDER BY id DESC LIMIT 1");

	return s ? fetch_ref(st, s, out) : -1;
}

int
store_ladder_ref_find(struct store *st, const char *ladder, const char *version,
    struct store_ladder_ref *out)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT id, content_hash FROM ladder_versions "
	    "WHERE ladder = ?1 AND version = ?2");

	if (s == NULL)
		return -1;
	store_bind_text(s, 1, ladder);
	store_bind_text(s, 2, version);
	return fetch_ref(st, s, out);
}

int
store_ladder_ref_get(struct store *st, long long rowid, struct store_ladder_ref *out)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT id, content_hash FROM ladder_versions "
	    "WHERE id = ?1");

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, rowid);
	return fetch_ref(st, s, out);
}

int
store_ladder_head(struct store *st, struct store_ladder *out)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT id, ladder, version, content_hash, "
	    "published_at FROM ladder_versions ORDER BY id DESC LIMIT 1");
	int rc;

	memset(out, 0, sizeof(*out));
	if (s == NULL)
		return -1;
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		out->rowid = sqlite3_column_int64(s, 0);
		out->ladder = store_column_text(s, 1);
		out->version = store_column_text(s, 2);
		out->hash = store_column_text(s, 3);
		out->published_at = store_column_text(s, 4);
	}
	return store_stmt_row(st, s, rc, "ladder versions");
}
