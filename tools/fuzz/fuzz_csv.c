/*
 * fuzz_csv: the RFC 4180 reader, as the people list and the ratings CSV
 * use it: every record of the input, then the people reader with its
 * checks against a ladder.
 */
#include <stdlib.h>

#include "csv.h"
#include "diag.h"
#include "fuzz.h"
#include "people.h"
#include "util.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct model *m = fuzz_ladder();
	struct diag_list dl = {0};
	struct people_list people;
	struct csv_reader *r;
	const struct csv_row *row;
	char *path;

	fuzz_write("in.csv", data, size);
	path = path_join(fuzz_dir(), "in.csv");
	if ((r = csv_open(path, &dl)) != NULL) {
		while (csv_next(r, &row) == 1) {
			size_t i, total = 0;

			for (i = 0; i < row->n; i++)
				total += row->fields[i].len;
			(void)total;
		}
		csv_close(r);
	}
	if (people_read_csv(path, m, &dl, &people) == 0)
		people_list_clear(&people);
	diag_list_free(&dl);
	free(path);
	return 0;
}
