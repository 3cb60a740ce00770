/*
 * fuzz_model_bin: the binary form of published models (ladder_models, read
 * by every command that loads a published version). Any bytes are refused
 * or give a model; a model that loads writes a binary form that reads back
 * to the same model (the same XML) and the same bytes again.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "fuzz.h"
#include "ladder.h"
#include "model_bin.h"
#include "model_xml.h"
#include "util.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list dl = {0};
	struct model *m = NULL, *again = NULL;

	if (ladder_load_bin(data, size, "fuzz.bin", &dl, &m) == LADDER_OK) {
		struct buf a = {0}, b = {0}, xa = {0}, xb = {0};

		model_bin_write(m, &a);
		if (ladder_load_bin(a.data, a.len, "again.bin", &dl, &again) != LADDER_OK) {
			fprintf(stderr, "a model read from a binary form does not read back\n");
			abort();
		}
		model_bin_write(again, &b);
		if (a.len != b.len || memcmp(a.data, b.data, a.len) != 0 ||
		    model_xml_write(m, 1, &xa) != 0 || model_xml_write(again, 1, &xb) != 0 ||
		    xa.len != xb.len || memcmp(xa.data, xb.data, xa.len) != 0) {
			fprintf(stderr, "a binary form does not write the same model twice\n");
			abort();
		}
		buf_free(&a);
		buf_free(&b);
		buf_free(&xa);
		buf_free(&xb);
	}
	model_free(again);
	model_free(m);
	diag_list_free(&dl);
	return 0;
}
