/*
 * Unit tests of model_bin.c: the binary form of every ladder of the tests
 * (the bundled one and each tests/golden/GROUP/CASE/ladder, with examples,
 * attributes, checks, activity terms, forks, non-cumulative ladders and
 * names in many scripts) reads back to the model the XML gives: the same
 * XML, with and without positions; and bytes that are not a binary form
 * (every truncation, anything appended, another magic or format, a NUL in a
 * string, each byte changed) are refused or give a model, never a crash.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "ladder.h"
#include "model_bin.h"
#include "model_xml.h"
#include "util.h"
#include "unit.h"

static size_t nladders;

/* The model as a published version holds it: compiled, written as XML, read back. */
static struct model *
published_model(const char *dir)
{
	struct diag_list dl = {0};
	struct model *m = NULL, *x = NULL;
	struct buf xml = {0};

	if (ladder_load(dir, &dl, &m) == LADDER_OK && model_xml_write(m, 1, &xml) == 0 &&
	    ladder_load_xml(xml.data, xml.len, dir, &dl, &x) != LADDER_OK)
		x = NULL;
	model_free(m);
	buf_free(&xml);
	diag_list_free(&dl);
	return x;
}

static int
same_xml(const struct model *a, const struct model *b, int positions)
{
	struct buf x = {0}, y = {0};
	int same = model_xml_write(a, positions, &x) == 0 && model_xml_write(b, positions, &y) == 0 &&
	    x.len == y.len && memcmp(x.data, y.data, x.len) == 0;

	buf_free(&x);
	buf_free(&y);
	return same;
}

static void
round_trip(const char *dir)
{
	struct model *m = published_model(dir), *back = NULL;
	struct diag_list dl = {0};
	struct buf bin = {0}, again = {0};

	if (m == NULL)
		return;		/* a ladder that is meant not to compile */
	nladders++;
	model_bin_write(m, &bin);
	if (ladder_load_bin(bin.data, bin.len, dir, &dl, &back) != LADDER_OK) {
		printf("  %s: its binary form does not load\n", dir);
		CHECK(0);
	} else {
		if (!same_xml(m, back, 1) || !same_xml(m, back, 0)) {
			printf("  %s: the binary form gives another model\n", dir);
			CHECK(0);
		}
		/* and it writes the same bytes again */
		model_bin_write(back, &again);
		CHECK(again.len == bin.len && memcmp(again.data, bin.data, bin.len) == 0);
	}
	model_free(back);
	model_free(m);
	buf_free(&bin);
	buf_free(&again);
	diag_list_free(&dl);
}

static void
test_round_trip_every_ladder(void)
{
	DIR *groups = opendir("tests/golden");
	struct dirent *g;

	round_trip("ladders/engineering");
	CHECK(groups != NULL);
	while (groups != NULL && (g = readdir(groups)) != NULL) {
		char *gdir = xasprintf("tests/golden/%s", g->d_name);
		DIR *cases = g->d_name[0] == '.' ? NULL : opendir(gdir);
		struct dirent *c;

		while (cases != NULL && (c = readdir(cases)) != NULL) {
			char *dir = xasprintf("%s/%s/ladder", gdir, c->d_name);
			char *comps = xasprintf("%s/competencies", dir);

			if (c->d_name[0] != '.' && path_is_dir(comps))
				round_trip(dir);
			free(comps);
			free(dir);
		}
		if (cases != NULL)
			closedir(cases);
		free(gdir);
	}
	if (groups != NULL)
		closedir(groups);
	printf("  %zu ladders round-tripped\n", nladders);
	CHECK(nladders >= 50);
}

/* Reads bytes that may be no binary form: NULL or a model, which is freed. */
static int
reads(const void *data, size_t len)
{
	struct model *m = model_bin_read(data, len);
	int ok = m != NULL;

	model_free(m);
	return ok;
}

static void
test_refuses_what_is_not_one(void)
{
	struct model *m = published_model("ladders/engineering");
	struct buf bin = {0}, more = {0};
	unsigned char *copy;
	size_t i, accepted = 0;

	CHECK(m != NULL);
	if (m == NULL)
		return;
	model_bin_write(m, &bin);
	CHECK(reads(bin.data, bin.len));
	for (i = 0; i < bin.len; i++)
		if (reads(bin.data, i)) {
			printf("  a truncation at %zu of %zu bytes was read\n", i, bin.len);
			CHECK(0);
			break;
		}
	buf_add(&more, bin.data, bin.len);
	buf_putc(&more, 0);
	CHECK(!reads(more.data, more.len));
	copy = xmalloc(bin.len);
	memcpy(copy, bin.data, bin.len);
	copy[0] = 'X';
	CHECK(!reads(copy, bin.len));
	memcpy(copy, bin.data, bin.len);
	copy[4] = MODEL_BIN_FORMAT + 1;
	CHECK(!reads(copy, bin.len));
	/* the ladder's id, the first string: a NUL inside it */
	memcpy(copy, bin.data, bin.len);
	CHECK(copy[5] > 1);
	copy[6] = '\0';
	CHECK(!reads(copy, bin.len));
	/* every byte changed in turn: refused, or a model; never a crash (ASan) */
	for (i = 0; i < bin.len; i += 61) {
		memcpy(copy, bin.data, bin.len);
		copy[i] ^= 0xa5;
		accepted += (size_t)reads(copy, bin.len);
	}
	printf("  %zu of %zu changed copies still read as a model\n", accepted, (bin.len + 60) / 61);
	free(copy);
	buf_free(&bin);
	buf_free(&more);
	model_free(m);
}

int
main(void)
{
	RUN(test_round_trip_every_ladder);
	RUN(test_refuses_what_is_not_one);
	return UNIT_EXIT();
}
