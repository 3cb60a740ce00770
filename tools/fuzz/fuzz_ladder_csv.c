/*
 * fuzz_ladder_csv: the spreadsheet ladder importer (egf import-csv): the CSV
 * reader and, when it reads, the written ladder checked by the validator.
 */
#include <stdlib.h>

#include "diag.h"
#include "fuzz.h"
#include "ladder_csv.h"
#include "util.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list dl = {0};
	struct ladder_csv *lc = NULL;
	char *path, *out;

	fuzz_write("ladder.csv", data, size);
	path = path_join(fuzz_dir(), "ladder.csv");
	out = path_join(fuzz_dir(), "imported");
	if (ladder_csv_read(path, NULL, &dl, &lc) == LADDER_OK)
		ladder_csv_write(lc, out, 1, &dl);
	ladder_csv_free(lc);
	diag_list_free(&dl);
	free(path);
	free(out);
	return 0;
}
