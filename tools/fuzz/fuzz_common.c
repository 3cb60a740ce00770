/* fuzz_common.c: scratch files and a fixed ladder for the fuzz targets. */
#define _XOPEN_SOURCE 700	/* nftw */
#include "fuzz.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "ladder.h"
#include "util.h"

static char scratch[256];

static int
remove_entry(const char *path, const struct stat *sb, int type, struct FTW *ftw)
{
	(void)sb;
	(void)type;
	(void)ftw;
	return remove(path);
}

/* Removes the scratch directory when the process ends. */
static void
remove_scratch(void)
{
	if (scratch[0] != '\0')
		nftw(scratch, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

const char *
fuzz_dir(void)
{
	if (scratch[0] == '\0') {
		const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" :
		    getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";

		snprintf(scratch, sizeof(scratch), "%s/egf-fuzz-XXXXXX", base);
		if (mkdtemp(scratch) == NULL) {
			perror("mkdtemp");
			abort();
		}
		atexit(remove_scratch);
	}
	return scratch;
}

void
fuzz_write(const char *name, const uint8_t *data, size_t len)
{
	char *path = path_join(fuzz_dir(), name), *slash = strrchr(path, '/');
	FILE *fp;

	if (slash != NULL && slash != path) {
		*slash = '\0';
		mkdir(path, 0700);
		*slash = '/';
	}
	if ((fp = fopen(path, "wb")) == NULL) {
		perror(path);
		abort();
	}
	if (len > 0 && fwrite(data, 1, len, fp) != len)
		abort();
	fclose(fp);
	free(path);
}

static const char ladder_md[] =
    "---\nid: fz\ntitle: Fuzz\nversion: \"1\"\n"
    "scale:\n  - {id: no, label: No, value: 0}\n  - {id: some, label: Some, value: 1}\n"
    "  - {id: yes, label: Yes, value: 2}\nmeets: yes\n"
    "promotion: {threshold: 0.5, required: [a]}\n"
    "tracks:\n  - {id: t, title: T}\n  - {id: m, title: M}\n"
    "levels:\n  - {id: L1, title: One, track: t}\n  - {id: L2, title: Two, track: t}\n"
    "  - {id: M1, title: Mgr, track: m}\n---\nIntro.\n";
static const char comp_a[] =
    "---\nid: a\narea: X\n---\n# A\n\n## L1\n- One a.\n## L2\n- Two a. {#a-two}\n- Two b.\n"
    "## M1\n- Mgr a.\n";

const struct model *
fuzz_ladder(void)
{
	static struct model *m;

	if (m == NULL) {
		struct diag_list dl = {0};
		char *dir;

		fuzz_write("fixed/ladder.md", (const uint8_t *)ladder_md, sizeof(ladder_md) - 1);
		dir = path_join(fuzz_dir(), "fixed/competencies");
		mkdir(dir, 0700);
		free(dir);
		fuzz_write("fixed/competencies/a.md", (const uint8_t *)comp_a, sizeof(comp_a) - 1);
		dir = path_join(fuzz_dir(), "fixed");
		if (ladder_load(dir, &dl, &m) != LADDER_OK)
			abort();
		diag_list_free(&dl);
		free(dir);
	}
	return m;
}
