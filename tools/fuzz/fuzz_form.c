/* fuzz_form: the assessment form reader and its check against a ladder. */
#include <stdlib.h>

#include "assess.h"
#include "diag.h"
#include "fuzz.h"
#include "util.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct model *m = fuzz_ladder();
	struct diag_list dl = {0};
	struct assess_form form;
	struct assess_rating *ratings = NULL;
	size_t n = 0;
	char *path;

	fuzz_write("form.md", data, size);
	path = path_join(fuzz_dir(), "form.md");
	if (assess_form_read(path, &dl, &form) == 0)
		assess_form_check(&form, m, &dl, &ratings, &n);
	free(ratings);
	assess_form_clear(&form);
	diag_list_free(&dl);
	free(path);
	return 0;
}
