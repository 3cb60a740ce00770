/*
 * unit.h: a tiny unit test harness. Each CHECK prints nothing when it holds
 * and a FAIL line when it does not; each TEST prints PASS or FAIL once, and
 * tests/run.sh counts those lines.
 */
#ifndef EGF_UNIT_H
#define EGF_UNIT_H

#include <math.h>
#include <stdio.h>
#include <string.h>

static int unit_failed_checks;

#define CHECK(cond) do { \
	if (!(cond)) { \
		printf("  check failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
		unit_failed_checks++; \
	} \
} while (0)

#define CHECK_STR(a, b) do { \
	const char *a_ = (a), *b_ = (b); \
	if (a_ == NULL || b_ == NULL || strcmp(a_, b_) != 0) { \
		printf("  check failed: %s == %s: \"%s\" != \"%s\" (%s:%d)\n", #a, #b, \
		    a_ ? a_ : "(null)", b_ ? b_ : "(null)", __FILE__, __LINE__); \
		unit_failed_checks++; \
	} \
} while (0)

/* Equal to 1e-9 relative, for values computed by hand. */
#define CHECK_NEAR(a, b, eps) do { \
	double a_ = (a), b_ = (b); \
	if (!(fabs(a_ - b_) <= (eps))) { \
		printf("  check failed: %s ~ %s: %.9g != %.9g (%s:%d)\n", #a, #b, a_, b_, \
		    __FILE__, __LINE__); \
		unit_failed_checks++; \
	} \
} while (0)

#define RUN(test) do { \
	int before_ = unit_failed_checks; \
	test(); \
	printf("%s %s\n", unit_failed_checks == before_ ? "PASS" : "FAIL", #test); \
} while (0)

#define UNIT_EXIT() (unit_failed_checks ? 1 : 0)

#endif
