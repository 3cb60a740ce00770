/*
 * calib.h: the statistics of calibration, with no I/O: moments and
 * z-scores, quadratic-weighted Cohen's kappa, histograms. Each is checked in
 * tests/unit/test_calib.c against values computed by hand.
 */
#ifndef EGF_CALIB_H
#define EGF_CALIB_H

#include <stddef.h>

/* Mean and sample standard deviation (divisor n - 1; 0 when n < 2). */
struct calib_moments {
	size_t n;
	double mean;
	double sd;
};

void calib_moments(const double *x, size_t n, struct calib_moments *out);

/* (x - mean) / sd, or 0 when sd is 0 (no spread: nobody stands out). */
double calib_z(double x, const struct calib_moments *m);

/* A rater's flag from their z-score: +1 lenient (z > 1), -1 severe (z < -1), else 0. */
int calib_rater_flag(double z);

/*
 * Quadratic-weighted kappa from a k x k matrix of counts (row i, column j:
 * pairs where the first rater chose category i and the second j), with
 * weights (i - j)^2 / (k - 1)^2:
 *     kappa = 1 - sum(w * observed) / sum(w * expected),
 * expected = row total * column total / n. Returns NAN when it is undefined
 * (no pairs, k < 2, or no disagreement expected by chance).
 */
double calib_kappa_quadratic(const unsigned long *counts, size_t k);

/*
 * Counts values in [0, 1] into nbuckets equal buckets [i/n, (i+1)/n), the
 * last one closed at 1. Values outside [0, 1] are clamped.
 */
void calib_histogram(const double *x, size_t n, size_t nbuckets, size_t *counts);

#endif
