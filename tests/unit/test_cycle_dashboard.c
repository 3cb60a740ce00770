/* test_cycle_dashboard.c: the progress chart of hr's cycle dashboard. */
#include <stdlib.h>
#include <string.h>

#include "cycle_dashboard.h"
#include "unit.h"
#include "util.h"

/* The x of the first and the last point of the n-th polyline of svg; 0 when there is none. */
static int
line_ends(const char *svg, int n, double *x0, double *x1)
{
	const char *p = svg, *pts, *end, *q;

	while ((p = strstr(p, "<polyline")) != NULL && n-- > 0)
		p++;
	if (p == NULL || (pts = strstr(p, "points=\"")) == NULL)
		return 0;
	pts += 8;
	if ((end = strchr(pts, '"')) == NULL)
		return 0;
	*x0 = strtod(pts, NULL);
	for (q = end; q > pts && q[-1] != ' '; q--)
		;
	*x1 = strtod(q, NULL);
	return 1;
}

static void
chart(struct dash_day *days, size_t n, const char *today, double x0[3], double x1[3])
{
	struct cycle_dashboard d;
	struct buf svg = {0};
	int k;

	memset(&d, 0, sizeof(d));
	d.days = days;
	d.ndays = n;
	strcpy(d.cs.today, today);
	cycle_dashboard_svg(&d, &svg);
	for (k = 0; k < 3; k++) {
		x0[k] = x1[k] = 0;
		CHECK(line_ends(svg.data, k, &x0[k], &x1[k]));
	}
	buf_free(&svg);
}

/* Every form stored on one day, today: each line still runs across the chart. */
static void
test_one_day(void)
{
	struct dash_day days[1] = { { "2026-12-02", 1, 2, 4 } };
	double x0[3], x1[3];
	int k;

	chart(days, 1, "2026-12-02", x0, x1);
	for (k = 0; k < 3; k++)
		CHECK(x1[k] - x0[k] > 300);
}

/* Forms over three days, charted to a later today: the lines start at the left edge and end at the right. */
static void
test_days(void)
{
	struct dash_day days[2] = { { "2026-11-20", 1, 0, 0 }, { "2026-11-22", 0, 1, 1 } };
	double x0[3], x1[3];
	int k;

	chart(days, 2, "2026-11-25", x0, x1);
	for (k = 0; k < 3; k++) {
		CHECK(x0[k] == x0[0]);
		CHECK(x1[k] == x1[0]);
		CHECK(x1[k] - x0[k] > 300);
	}
}

int
main(void)
{
	RUN(test_one_day);
	RUN(test_days);
	return UNIT_EXIT();
}
