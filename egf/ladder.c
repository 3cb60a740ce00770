/* ladder.c: loading a ladder from a directory or a compiled model. */
#include "ladder.h"

#include <string.h>

#include "model_xml.h"
#include "util.h"

enum ladder_status
ladder_load(const char *path, struct diag_list *dl, struct model **out)
{
	size_t errors = diag_errors(dl);
	struct model *m;

	*out = NULL;
	if (path_is_dir(path)) {
		enum ladder_status st;

		m = model_new();
		st = ladder_read_dir(path, m, dl);
		if (st == LADDER_IO) {
			model_free(m);
			return LADDER_IO;
		}
		ladder_validate(m, path, NULL, dl);
	} else {
		int io;

		if ((m = model_xml_read(path, dl, &io)) == NULL)
			return io ? LADDER_IO : LADDER_INVALID;
		ladder_validate(m, "", path, dl);
	}
	if (diag_errors(dl) > errors) {
		model_free(m);
		return LADDER_INVALID;
	}
	*out = m;
	return LADDER_OK;
}
