/* perfdiff: test=300 triggers= */
/* bicg: the BiCG kernel, s = A^T r and q = A p in one sweep over A, repeated. */
#include "perfdiff.h"

int main(int argc, char **argv)
{
    int n = (int)perfdiff_size(argc, argv, 2000);
    double *a = malloc(sizeof(double) * n * n), *s = malloc(sizeof(double) * n), *q = malloc(sizeof(double) * n),
           *p = malloc(sizeof(double) * n), *r = malloc(sizeof(double) * n);
    for (int i = 0; i < n; i++) {
        p[i] = (double)(i % n) / n;
        r[i] = (double)(i % (n / 2 + 1)) / n;
        for (int j = 0; j < n; j++) a[i * n + j] = (double)(i * (j + 1) % n) / n;
    }
    uint64_t h = 0;
    perfdiff_begin();
    for (int rep = 0; rep < 10; rep++) {
        for (int i = 0; i < n; i++) s[i] = 0;
        for (int i = 0; i < n; i++) {
            double qi = 0;
            for (int j = 0; j < n; j++) {
                s[j] += r[i] * a[i * n + j];
                qi += a[i * n + j] * p[j];
            }
            q[i] = qi;
        }
        for (int i = 0; i < n; i++) { p[i] = q[i] / n - p[i]; r[i] = s[i] / n - r[i]; }
        h = perfdiff_mix_f64(h, q[rep]);
    }
    perfdiff_end();
    for (int i = 0; i < n; i++) { h = perfdiff_mix_f64(h, s[i]); h = perfdiff_mix_f64(h, q[i]); }
    perfdiff_print_checksum("bicg", h);
    return 0;
}
