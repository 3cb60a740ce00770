/*
 * replay: runs a fuzz target over files without libFuzzer, so that
 * `make check` replays the seed corpora and every input that once crashed
 * (tests/fuzz-regress/TARGET/) under the normal and the sanitizer builds.
 * Prints one PASS line per file; a crash fails the run.
 */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz.h"
#include "util.h"

int
main(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		char *data;
		size_t len;

		if (file_read(argv[i], 64 * 1024 * 1024, &data, &len) != FILE_OK) {
			printf("FAIL %s: unreadable\n", argv[i]);
			return 1;
		}
		LLVMFuzzerTestOneInput((const uint8_t *)data, len);
		free(data);
		printf("PASS %s\n", argv[i]);
	}
	return 0;
}
