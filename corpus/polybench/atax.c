/* perfdiff: test=300 triggers= */
/* atax: y = A^T (A x), repeated so the n x n matrix is streamed several times. */
#include "perfdiff.h"

int main(int argc, char **argv)
{
    int n = (int)perfdiff_size(argc, argv, 2000);
    double *a = malloc(sizeof(double) * n * n), *x = malloc(sizeof(double) * n), *y = malloc(sizeof(double) * n), *t = malloc(sizeof(double) * n);
    for (int i = 0; i < n; i++) {
        x[i] = 1.0 + (double)i / n;
        for (int j = 0; j < n; j++) a[i * n + j] = (double)((i + j) % n) / (5.0 * n);
    }
    uint64_t h = 0;
    perfdiff_begin();
    for (int rep = 0; rep < 10; rep++) {
        for (int j = 0; j < n; j++) y[j] = 0;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) s += a[i * n + j] * x[j];
            t[i] = s;
            for (int j = 0; j < n; j++) y[j] += a[i * n + j] * s;
        }
        for (int j = 0; j < n; j++) x[j] = y[j] / (double)(n * n) + 1.0;
        h = perfdiff_mix_f64(h, y[rep % n]);
    }
    perfdiff_end();
    for (int j = 0; j < n; j++) h = perfdiff_mix_f64(h, y[j]);
    perfdiff_print_checksum("atax", h);
    return 0;
}
