/* Calibration statistics against values computed by hand. */
#include <math.h>

#include "calib.h"
#include "unit.h"

/*
 * 2, 4, 4, 4, 5, 5, 7, 9: sum 40, mean 5; squared deviations
 * 9 + 1 + 1 + 1 + 0 + 0 + 4 + 16 = 32; sample variance 32 / 7 = 4.5714285714;
 * sd = sqrt(4.5714285714) = 2.1380899353.
 */
static void
test_moments(void)
{
	static const double x[] = { 2, 4, 4, 4, 5, 5, 7, 9 };
	struct calib_moments m;

	calib_moments(x, 8, &m);
	CHECK(m.n == 8);
	CHECK_NEAR(m.mean, 5.0, 1e-12);
	CHECK_NEAR(m.sd, 2.1380899353, 1e-9);
	/* z of 9: (9 - 5) / 2.1380899353 = 1.8708286934 */
	CHECK_NEAR(calib_z(9, &m), 1.8708286934, 1e-9);
	calib_moments(x, 1, &m);
	CHECK_NEAR(m.mean, 2.0, 1e-12);
	CHECK_NEAR(m.sd, 0.0, 1e-12);
	CHECK_NEAR(calib_z(3, &m), 0.0, 1e-12);
	calib_moments(x, 0, &m);
	CHECK(m.n == 0);
}

/*
 * Four raters' mean ratings 2.5, 2.0, 1.5, 2.0: mean 2.0; deviations
 * 0.5, 0, -0.5, 0; variance (0.25 + 0.25) / 3 = 1/6; sd 0.4082482905.
 * z: 1.2247448714 (lenient), 0, -1.2247448714 (severe), 0.
 */
static void
test_rater_flags(void)
{
	static const double means[] = { 2.5, 2.0, 1.5, 2.0 };
	struct calib_moments m;

	calib_moments(means, 4, &m);
	CHECK_NEAR(m.sd, 0.4082482905, 1e-9);
	CHECK_NEAR(calib_z(2.5, &m), 1.2247448714, 1e-9);
	CHECK(calib_rater_flag(calib_z(2.5, &m)) == 1);
	CHECK(calib_rater_flag(calib_z(1.5, &m)) == -1);
	CHECK(calib_rater_flag(calib_z(2.0, &m)) == 0);
	CHECK(calib_rater_flag(1.0) == 0);	/* the bound itself is not flagged */
}

static void
pairs_to_matrix(const int *a, const int *b, size_t n, int lo, size_t k, unsigned long *counts)
{
	size_t i;

	for (i = 0; i < k * k; i++)
		counts[i] = 0;
	for (i = 0; i < n; i++)
		counts[(size_t)(a[i] - lo) * k + (size_t)(b[i] - lo)]++;
}

/*
 * The worked example of Maple's EssayTools[QuadraticWeightedKappa]: scores
 * 1..10 (k = 10), first rater 9 7 8 7 6 8 3 5 10, second 8 8 6 6 7 6 1 4 8
 * gives 0.758620689655172; with the second 3 5 6 6 7 6 1 4 8 it gives
 * 0.438095238095238.
 */
static void
test_kappa_published(void)
{
	static const int a[] = { 9, 7, 8, 7, 6, 8, 3, 5, 10 };
	static const int b1[] = { 8, 8, 6, 6, 7, 6, 1, 4, 8 };
	static const int b2[] = { 3, 5, 6, 6, 7, 6, 1, 4, 8 };
	unsigned long counts[100];

	pairs_to_matrix(a, b1, 9, 1, 10, counts);
	CHECK_NEAR(calib_kappa_quadratic(counts, 10), 0.758620689655172, 1e-12);
	pairs_to_matrix(a, b2, 9, 1, 10, counts);
	CHECK_NEAR(calib_kappa_quadratic(counts, 10), 0.438095238095238, 1e-12);
}

/*
 * By hand, k = 3, four pairs (0,0) (1,1) (2,1) (2,2):
 * rows 1, 1, 2; columns 1, 2, 1; n = 4; weights (i-j)^2/4.
 * observed: only (2,1) disagrees, w = 1/4: 0.25.
 * expected: sum over i,j of w * r_i * c_j / 4:
 *   (0,1) 1/4*1*2/4 = 0.125; (0,2) 1*1*1/4 = 0.25; (1,0) 1/4*1*1/4 = 0.0625;
 *   (1,2) 1/4*1*1/4 = 0.0625; (2,0) 1*2*1/4 = 0.5; (2,1) 1/4*2*2/4 = 0.25;
 *   total 1.25. kappa = 1 - 0.25 / 1.25 = 0.8.
 */
static void
test_kappa_by_hand(void)
{
	static const int a[] = { 0, 1, 2, 2 };
	static const int b[] = { 0, 1, 1, 2 };
	unsigned long counts[9];

	pairs_to_matrix(a, b, 4, 0, 3, counts);
	CHECK_NEAR(calib_kappa_quadratic(counts, 3), 0.8, 1e-12);
	/* perfect agreement: 1; all in one category: undefined */
	pairs_to_matrix(a, a, 4, 0, 3, counts);
	CHECK_NEAR(calib_kappa_quadratic(counts, 3), 1.0, 1e-12);
	pairs_to_matrix(b + 1, b + 1, 2, 0, 3, counts);
	CHECK(isnan(calib_kappa_quadratic(counts, 3)));
	pairs_to_matrix(a, b, 0, 0, 3, counts);
	CHECK(isnan(calib_kappa_quadratic(counts, 3)));
}

/* 0, 0.05, 0.1, 0.55, 0.99, 1.0 into 10 buckets: [0] 2, [1] 1, [5] 1, [9] 2. */
static void
test_histogram(void)
{
	static const double x[] = { 0, 0.05, 0.1, 0.55, 0.99, 1.0 };
	size_t counts[10];

	calib_histogram(x, 6, 10, counts);
	CHECK(counts[0] == 2);
	CHECK(counts[1] == 1);
	CHECK(counts[5] == 1);
	CHECK(counts[9] == 2);
	CHECK(counts[2] + counts[3] + counts[4] + counts[6] + counts[7] + counts[8] == 0);
}

int
main(void)
{
	RUN(test_moments);
	RUN(test_rater_flags);
	RUN(test_kappa_published);
	RUN(test_kappa_by_hand);
	RUN(test_histogram);
	return UNIT_EXIT();
}
