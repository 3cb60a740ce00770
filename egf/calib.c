/* calib.c: calibration statistics. */
#include "calib.h"

#include <math.h>
#include <string.h>

void
calib_moments(const double *x, size_t n, struct calib_moments *out)
{
	double sum = 0, ss = 0;
	size_t i;

	out->n = n;
	out->mean = 0;
	out->sd = 0;
	if (n == 0)
		return;
	for (i = 0; i < n; i++)
		sum += x[i];
	out->mean = sum / (double)n;
	if (n < 2)
		return;
	/* Two passes: the sum of squared deviations, not sum(x^2) - n*mean^2. */
	for (i = 0; i < n; i++)
		ss += (x[i] - out->mean) * (x[i] - out->mean);
	out->sd = sqrt(ss / (double)(n - 1));
}

double
calib_z(double x, const struct calib_moments *m)
{
	if (m->sd <= 0)
		return 0;
	return (x - m->mean) / m->sd;
}

int
calib_rater_flag(double z)
{
	return z > 1 ? 1 : z < -1 ? -1 : 0;
}

double
calib_kappa_quadratic(const unsigned long *counts, size_t k)
{
	double n = 0, observed = 0, expected = 0;
	double rows[64], cols[64];
	size_t i, j;

	if (k < 2 || k > 64)
		return NAN;
	memset(rows, 0, sizeof(rows));
	memset(cols, 0, sizeof(cols));
	for (i = 0; i < k; i++)
		for (j = 0; j < k; j++) {
			double c = (double)counts[i * k + j];

			rows[i] += c;
			cols[j] += c;
			n += c;
		}
	if (n == 0)
		return NAN;
	for (i = 0; i < k; i++)
		for (j = 0; j < k; j++) {
			double d = (double)i - (double)j;
			double w = d * d / (double)((k - 1) * (k - 1));

			observed += w * (double)counts[i * k + j];
			expected += w * rows[i] * cols[j] / n;
		}
	if (expected == 0)
		return NAN;
	return 1 - observed / expected;
}

void
calib_histogram(const double *x, size_t n, size_t nbuckets, size_t *counts)
{
	size_t i;

	memset(counts, 0, nbuckets * sizeof(*counts));
	if (nbuckets == 0)
		return;
	for (i = 0; i < n; i++) {
		double v = x[i] < 0 ? 0 : x[i] > 1 ? 1 : x[i];
		size_t b = (size_t)(v * (double)nbuckets + 1e-9);

		if (b >= nbuckets)
			b = nbuckets - 1;
		counts[b]++;
	}
}
