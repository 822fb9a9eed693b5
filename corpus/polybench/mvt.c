/* perfdiff: test=300 triggers= */
/* mvt: x1 += A y1 and x2 += A^T y2 (row-wise and column-wise matrix-vector products). */
#include "perfdiff.h"

int main(int argc, char **argv)
{
    int n = (int)perfdiff_size(argc, argv, 2000);
    double *a = malloc(sizeof(double) * n * n), *x1 = malloc(sizeof(double) * n), *x2 = malloc(sizeof(double) * n),
           *y1 = malloc(sizeof(double) * n), *y2 = malloc(sizeof(double) * n);
    for (int i = 0; i < n; i++) {
        x1[i] = (double)(i % n) / n;
        x2[i] = (double)((i + 1) % n) / n;
        y1[i] = (double)((i + 3) % n) / n;
        y2[i] = (double)((i + 4) % n) / n;
        for (int j = 0; j < n; j++) a[i * n + j] = (double)(i * j % n) / n;
    }
    perfdiff_begin();
    for (int rep = 0; rep < 10; rep++) {
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) x1[i] += a[i * n + j] * y1[j];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) x2[i] += a[j * n + i] * y2[j];
        for (int i = 0; i < n; i++) { y1[i] = x2[i] / (n * (double)n); y2[i] = x1[i] / (n * (double)n); }
    }
    perfdiff_end();
    uint64_t h = 0;
    for (int i = 0; i < n; i++) { h = perfdiff_mix_f64(h, x1[i]); h = perfdiff_mix_f64(h, x2[i]); }
    perfdiff_print_checksum("mvt", h);
    return 0;
}
