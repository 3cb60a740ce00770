/*
 * serve_person.c: a person's data on request, in egf serve: GET
 * /api/v1/people/ID/export, the document of `egf person export` from the
 * same function (store_person_export), for hr (docs/roles.md says why not
 * for the person themself). Private notes only with ?include-private=1.
 * Every export is in the access log, with whether private notes went out.
 */
#include <string.h>

#include "json_text.h"
#include "serve.h"
#include "store_person_data.h"

void
api_person_export(struct request *r)
{
	const char *id = r->param[0], *flag = req_query(r, "include-private");
	struct jw w;
	struct buf b = {0};
	char now[32];
	int with_private = 0, got;

	if (flag != NULL) {
		if (strcmp(flag, "1") != 0 && strcmp(flag, "0") != 0) {
			reply_error(r, 422, "include-private is 1 or 0");
			return;
		}
		with_private = strcmp(flag, "1") == 0;
	}
	store_now(now);
	jw_init(&w, &b, 17);
	if ((got = store_person_export(r->st, id, with_private, now, &w)) <= 0) {
		buf_free(&b);
		if (got == 0)
			reply_error(r, 404, "not found");
		else
			reply_error(r, 500, "database error");
		return;
	}
	buf_putc(&b, '\n');
	if (serve_log(r, with_private ? "person export with private notes" : "person export",
	    id) != 0) {
		buf_free(&b);
		reply_error(r, 500, "the access log could not be written");
		return;
	}
	r->status = 200;
	r->type = "application/json";
	buf_free(&r->out);
	r->out = b;
}
