/*
 * fuzz_ladder: the ladder reader and validator. The input is a ladder
 * directory packed into one file: ladder.md, then each competency file,
 * separated by lines "@@@@". A ladder that loads must also survive the
 * XML round trip unchanged (compile -> XML -> load -> XML) and the JSON
 * writer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "fuzz.h"
#include "ladder.h"
#include "model_json.h"
#include "model_xml.h"
#include "util.h"

static size_t previous;		/* competency files written by the last input */

/* The first separator line in [p, end), or NULL. */
static const char *
find_separator(const char *p, const char *end)
{
	static const char sep[] = "\n@@@@\n";

	for (; end - p >= 6; p++)
		if (memcmp(p, sep, 6) == 0)
			return p;
	return NULL;
}

static void
unpack(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *end = p + size;
	size_t n = 0, i;

	for (;;) {
		const char *sep = find_separator(p, end);
		const char *stop = sep ? sep + 1 : end;
		char name[64];

		if (n == 0)
			snprintf(name, sizeof(name), "l/ladder.md");
		else
			snprintf(name, sizeof(name), "l/competencies/c%03zu.md", n);
		if (n == 1) {
			char *dir = path_join(fuzz_dir(), "l/competencies");

			mkdir(dir, 0700);
			free(dir);
		}
		fuzz_write(name, (const uint8_t *)p, (size_t)(stop - p));
		n++;
		if (sep == NULL || n > 64)
			break;
		p = sep + 6;
	}
	for (i = n; i < previous; i++) {
		char name[64], *path;

		snprintf(name, sizeof(name), "l/competencies/c%03zu.md", i);
		path = path_join(fuzz_dir(), name);
		unlink(path);
		free(path);
	}
	previous = n;
	if (n == 1) {
		char *dir = path_join(fuzz_dir(), "l/competencies");

		mkdir(dir, 0700);
		free(dir);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list dl = {0};
	struct model *m = NULL, *again = NULL;
	char *dir;

	unpack(data, size);
	dir = path_join(fuzz_dir(), "l");
	if (ladder_load(dir, &dl, &m) == LADDER_OK) {
		struct buf xml = {0}, xml2 = {0}, json = {0};

		if (model_xml_write(m, 1, &xml) != 0 || model_json_write(m, &json) != 0)
			abort();
		if (ladder_load_xml(xml.data, xml.len, "round-trip", &dl, &again) != LADDER_OK ||
		    model_xml_write(again, 1, &xml2) != 0 || xml.len != xml2.len ||
		    memcmp(xml.data, xml2.data, xml.len) != 0) {
			fprintf(stderr, "the XML round trip changed the model\n");
			abort();
		}
		buf_free(&xml);
		buf_free(&xml2);
		buf_free(&json);
	}
	model_free(again);
	model_free(m);
	diag_list_free(&dl);
	free(dir);
	return 0;
}
