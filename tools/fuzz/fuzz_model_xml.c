/*
 * fuzz_model_xml: compiled models read back (the input of every command
 * given a model.xml). A model that loads must write the same XML again.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "fuzz.h"
#include "ladder.h"
#include "model_xml.h"
#include "util.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list dl = {0};
	struct model *m = NULL, *again = NULL;

	if (ladder_load_xml((const char *)data, size, "fuzz.xml", &dl, &m) == LADDER_OK) {
		struct buf a = {0}, b = {0};

		if (model_xml_write(m, 1, &a) != 0)
			abort();
		if (ladder_load_xml(a.data, a.len, "again.xml", &dl, &again) != LADDER_OK ||
		    model_xml_write(again, 1, &b) != 0 || a.len != b.len ||
		    memcmp(a.data, b.data, a.len) != 0) {
			fprintf(stderr, "a model read from XML does not write the same XML twice\n");
			abort();
		}
		buf_free(&a);
		buf_free(&b);
	}
	model_free(again);
	model_free(m);
	diag_list_free(&dl);
	return 0;
}
