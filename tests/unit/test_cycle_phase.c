/* Unit tests of review cycles' dates (cycle_phase.h): which phase a day falls in. */
#include <stdio.h>
#include <string.h>

#include "cycle_phase.h"
#include "unit.h"

/* Calendar dates: month lengths, leap years, the format. */
static void
test_dates_valid(void)
{
	CHECK(cycle_date_valid("2026-02-28"));
	CHECK(!cycle_date_valid("2026-02-29"));
	CHECK(cycle_date_valid("2028-02-29"));
	CHECK(!cycle_date_valid("2100-02-29"));
	CHECK(cycle_date_valid("2000-02-29"));
	CHECK(!cycle_date_valid("2026-04-31"));
	CHECK(!cycle_date_valid("2026-13-01"));
	CHECK(!cycle_date_valid("2026-1-01"));
	CHECK(!cycle_date_valid("2026-01-01 "));
	CHECK(!cycle_date_valid("1969-12-31"));
	CHECK(!cycle_date_valid(""));
	CHECK(cycle_days_between("2026-12-31", "2027-01-01") == 1);
	CHECK(cycle_days_between("2028-02-28", "2028-03-01") == 2);
	CHECK(cycle_days_between("2026-03-01", "2026-02-28") == -1);
	CHECK(cycle_days_between("1970-01-01", "2026-09-21") == 20717);
}

/* The day after self-due starts manager, even across a month and a year. */
static void
test_phase_starts(void)
{
	const char *due[STORE_NDUE] = { "2026-12-31", "2027-01-10", NULL, "2027-02-01" };
	char out[11];

	CHECK(cycle_phase_starts(due, PHASE_MANAGER, out));
	CHECK_STR(out, "2027-01-01");
	CHECK(cycle_phase_starts(due, PHASE_CALIBRATION, out));
	CHECK_STR(out, "2027-01-11");
	CHECK(cycle_phase_starts(due, PHASE_RELEASED, out));
	CHECK_STR(out, "2027-02-01");
	CHECK(!cycle_phase_starts(due, PHASE_SELF, out));
	CHECK(!cycle_phase_starts(due, PHASE_CLOSED, out));
	due[STORE_DUE_CALIBRATION] = "2027-01-15";
	CHECK(cycle_phase_starts(due, PHASE_CALIBRATION, out));
	CHECK_STR(out, "2027-01-15");
}

static void
test_phase_by_date(void)
{
	const char *due[STORE_NDUE] = { "2026-09-30", "2026-10-09", "2026-10-12", "2026-10-26" };
	const char *none[STORE_NDUE] = { NULL, NULL, NULL, NULL };
	const char *release_only[STORE_NDUE] = { NULL, NULL, NULL, "2026-10-26" };

	CHECK(cycle_phase_by_date(due, "2026-09-30") == PHASE_SELF);
	CHECK(cycle_phase_by_date(due, "2026-10-01") == PHASE_MANAGER);
	CHECK(cycle_phase_by_date(due, "2026-10-11") == PHASE_MANAGER);
	CHECK(cycle_phase_by_date(due, "2026-10-12") == PHASE_CALIBRATION);
	CHECK(cycle_phase_by_date(due, "2026-10-26") == PHASE_RELEASED);
	CHECK(cycle_phase_by_date(due, "2099-01-01") == PHASE_RELEASED);
	CHECK(cycle_phase_by_date(none, "2099-01-01") == PHASE_SELF);
	CHECK(cycle_phase_by_date(release_only, "2026-10-25") == PHASE_SELF);
	CHECK(cycle_phase_by_date(release_only, "2026-10-26") == PHASE_RELEASED);
}

/* Dates out of order are refused with the reason; in order they pass. */
static void
test_dates_check(void)
{
	const char *ok[STORE_NDUE] = { "2026-09-30", "2026-10-09", "2026-10-12", "2026-10-26" };
	const char *swapped[STORE_NDUE] = { "2026-10-09", "2026-09-30", NULL, NULL };
	const char *same_day[STORE_NDUE] = { NULL, NULL, "2026-10-12", "2026-10-12" };
	const char *due_on_cal[STORE_NDUE] = { NULL, "2026-10-12", "2026-10-12", NULL };
	const char *self_after_cal[STORE_NDUE] = { "2026-10-12", NULL, "2026-10-12", NULL };
	const char *bad[STORE_NDUE] = { "2026-09-31", NULL, NULL, NULL };
	struct buf why = {0};

	CHECK(cycle_dates_check(ok, &why) == CYCLE_OK);
	CHECK(why.len == 0);
	CHECK(cycle_dates_check(swapped, &why) == CYCLE_INVALID);
	CHECK(why.data && strstr(why.data, "after manager-due"));
	buf_free(&why);
	CHECK(cycle_dates_check(same_day, &why) == CYCLE_INVALID);
	buf_free(&why);
	CHECK(cycle_dates_check(due_on_cal, &why) == CYCLE_INVALID);
	buf_free(&why);
	CHECK(cycle_dates_check(self_after_cal, &why) == CYCLE_INVALID);
	buf_free(&why);
	CHECK(cycle_dates_check(bad, &why) == CYCLE_INVALID);
	CHECK(why.data && strstr(why.data, "2026-09-31"));
	buf_free(&why);
}

static void
test_names(void)
{
	int p;

	for (p = 0; p < PHASE__MAX; p++)
		CHECK(cycle_phase_parse(cycle_phase_name((enum cycle_phase)p)) == p);
	CHECK(cycle_phase_parse("Self") == -1);
	CHECK(cycle_phase_parse("") == -1);
}

int
main(void)
{
	RUN(test_dates_valid);
	RUN(test_phase_starts);
	RUN(test_phase_by_date);
	RUN(test_dates_check);
	RUN(test_names);
	return UNIT_EXIT();
}
