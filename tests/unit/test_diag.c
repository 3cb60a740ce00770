/*
 * Unit tests of the diagnostics table's emitter: what diag_report prints
 * for problems of the run, and the exit status as the worst level seen.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "util.h"
#include "unit.h"

/* Runs fn with stderr sent to a file; returns what it printed (owned). */
static char *
captured(void (*fn)(struct diag_list *), struct diag_list *dl)
{
	char path[] = "/tmp/egf-unit-diag-XXXXXX";
	int fd = mkstemp(path), saved = dup(STDERR_FILENO);
	char *text = xcalloc(1, 4096);
	ssize_t n;

	if (fd < 0 || saved < 0) {
		perror("capture");
		exit(2);
	}
	fflush(stderr);
	dup2(fd, STDERR_FILENO);
	fn(dl);
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	n = pread(fd, text, 4095, 0);
	text[n > 0 ? n : 0] = '\0';
	close(fd);
	unlink(path);
	return text;
}

static void
report_warning(struct diag_list *dl)
{
	diag_report(dl, DIAG_RUN_WARNING, "calibrate", "only %d people", 2);
}

static void
report_person(struct diag_list *dl)
{
	diag_report(dl, DIAG_UNKNOWN_PERSON, "assess", "no person '%s' in the database", "zed");
}

static void
report_usage(struct diag_list *dl)
{
	diag_report(dl, DIAG_USAGE, "decide", "--outcome takes promote, hold or defer");
}

static void
report_system(struct diag_list *dl)
{
	diag_report(dl, DIAG_NO_DATABASE, NULL, "%s: no database there", "t.db");
}

/* The text of each kind: the command's prefix, "warning: " by level, the hint for usage. */
static void
test_report_text(void)
{
	struct diag_list dl = {0};
	char *s;

	s = captured(report_warning, &dl);
	CHECK_STR(s, "egf calibrate: warning: only 2 people\n");
	free(s);
	s = captured(report_person, &dl);
	CHECK_STR(s, "egf assess: no person 'zed' in the database\n");
	free(s);
	s = captured(report_usage, &dl);
	CHECK_STR(s, "egf decide: --outcome takes promote, hold or defer\n"
	    "Try 'egf decide --help'.\n");
	free(s);
	s = captured(report_system, &dl);
	CHECK_STR(s, "egf: t.db: no database there\n");
	free(s);
	/* a NULL list prints the same and records nothing */
	s = captured(report_system, NULL);
	CHECK_STR(s, "egf: t.db: no database there\n");
	free(s);
}

/* The exit status is the worst level seen, whatever the order of the reports. */
static void
test_worst_level(void)
{
	struct diag_list dl = {0};
	char *s;

	CHECK(diag_exit_status(&dl, 0) == 0);
	s = captured(report_warning, &dl);
	free(s);
	CHECK(dl.worst == DIAG_WARNING);
	CHECK(diag_exit_status(&dl, 0) == 0);
	s = captured(report_person, &dl);
	free(s);
	CHECK(diag_exit_status(&dl, 0) == 1);
	s = captured(report_warning, &dl);	/* a later warning does not lower it */
	free(s);
	CHECK(diag_exit_status(&dl, 0) == 1);
	s = captured(report_usage, &dl);
	free(s);
	CHECK(dl.worst == DIAG_FAILURE);
	CHECK(diag_exit_status(&dl, 0) == 2);
	s = captured(report_person, &dl);	/* nor a later error */
	free(s);
	CHECK(diag_exit_status(&dl, 1) == 2);
}

/* What a command returned and what it reported: the worse wins; 3 (differ) ranks above 0 only. */
static void
test_status_and_rc(void)
{
	struct diag_list none = {0}, err = {0}, fail = {0};

	err.worst = DIAG_ERROR;
	fail.worst = DIAG_FAILURE;
	CHECK(diag_exit_status(&none, 3) == 3);
	CHECK(diag_exit_status(&none, 2) == 2);
	CHECK(diag_exit_status(&err, 3) == 1);
	CHECK(diag_exit_status(&err, 2) == 2);
	CHECK(diag_exit_status(&err, 0) == 1);
	CHECK(diag_exit_status(&fail, 1) == 2);
	CHECK(diag_exit_status(&fail, 3) == 2);
}

/* -W error makes a warning an error; -W no-CHECK prints nothing and records nothing. */
static void
test_warning_options(void)
{
	struct diag_list werror = {0}, off = {0};
	char *s;

	werror.werror = 1;
	s = captured(report_warning, &werror);
	CHECK_STR(s, "egf calibrate: only 2 people\n");
	free(s);
	CHECK(diag_exit_status(&werror, 0) == 1);
	off.off[DIAG_RUN_WARNING] = 1;
	s = captured(report_warning, &off);
	CHECK_STR(s, "");
	free(s);
	CHECK(off.worst == DIAG_NONE && diag_exit_status(&off, 0) == 0);
}

/* Input diagnostics count too, once printed: an error in a file is exit 1. */
static void
test_flush_records(void)
{
	struct diag_list dl = {0};
	FILE *devnull = fopen("/dev/null", "w");

	diag_add(&dl, DIAG_UNKNOWN_KEY, "ladder.md", 3, 1, "unknown key '%s'", "x");
	CHECK(diag_flush(&dl, devnull, 0) == 0);
	CHECK(diag_exit_status(&dl, 0) == 0);
	diag_add(&dl, DIAG_BAD_ID, "ladder.md", 4, 1, "bad id");
	CHECK(diag_flush(&dl, devnull, 0) == 1);
	CHECK(diag_exit_status(&dl, 0) == 1);
	fclose(devnull);
	diag_list_free(&dl);
}

/* Every code has a name and a level; names are unique, and diag_lookup finds each. */
static void
test_table_complete(void)
{
	int code;

	for (code = 0; code < DIAG__MAX; code++) {
		CHECK(diag_name((enum diag_code)code) != NULL);
		CHECK(diag_code_level((enum diag_code)code) >= DIAG_WARNING);
		CHECK(diag_lookup(diag_name((enum diag_code)code)) == code);
	}
}

int
main(void)
{
	RUN(test_report_text);
	RUN(test_worst_level);
	RUN(test_status_and_rc);
	RUN(test_warning_options);
	RUN(test_flush_records);
	RUN(test_table_complete);
	return UNIT_EXIT();
}
