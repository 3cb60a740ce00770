/*
 * fuzz_ratings_csv: `egf assess import --csv` against a database holding the
 * fixed ladder and two people: the CSV reader, the row checks and, for an
 * input that passes them, the store (one transaction per input).
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "assess_import.h"
#include "diag.h"
#include "fuzz.h"
#include "model_xml.h"
#include "store_published.h"
#include "store.h"
#include "util.h"

static struct store *
database(void)
{
	static struct store *st;

	if (st == NULL) {
		const struct model *m = fuzz_ladder();
		struct store_person_in ana = { "ana", "Ana", NULL, "T", NULL, "t", "L1" };
		struct store_person_in bo = { "bo", "Bo", NULL, "T", "ana", "t", "L1" };
		struct buf xml = {0};
		char hash[65], *path = path_join(fuzz_dir(), "fuzz.db");

		unlink(path);
		if ((st = store_open(path, STORE_WRITE)) == NULL || published_hash(m, hash) != 0 ||
		    model_xml_write(m, 1, &xml) != 0 || store_begin(st) != 0 ||
		    store_ladder_insert(st, m->id, m->version, hash, xml.data) != 0 ||
		    store_person_upsert(st, &ana) != 0 || store_person_upsert(st, &bo) != 0 ||
		    store_commit(st) != 0)
			abort();
		buf_free(&xml);
		free(path);
	}
	return st;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct store *st = database();
	struct diag_list dl = {0};
	struct published pub;
	char *path;

	fuzz_write("ratings.csv", data, size);
	path = path_join(fuzz_dir(), "ratings.csv");
	published_init(&pub, st, &dl);
	assess_import_csv(st, &pub, path, &dl);
	published_clear(&pub);
	diag_list_free(&dl);
	free(path);
	fflush(stdout);
	return 0;
}
