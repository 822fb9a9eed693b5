/* perfdiff: test=60 triggers= */
/* syrk: symmetric rank-k update C = alpha*A*A^T + beta*C on the lower triangle. */
#include "perfdiff.h"

int main(int argc, char **argv)
{
    int n = (int)perfdiff_size(argc, argv, 400);
    int m = n;
    double *a = malloc(sizeof(double) * n * m), *c = malloc(sizeof(double) * n * n);
    const double alpha = 1.5, beta = 1.2;
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < m; j++) a[i * m + j] = (double)((i * j + 1) % n) / n;
        for (int j = 0; j < n; j++) c[i * n + j] = (double)((i * j + 2) % m) / m;
    }
    perfdiff_begin();
    for (int i = 0; i < n; i++) {
        for (int j = 0; j <= i; j++) c[i * n + j] *= beta;
        for (int k = 0; k < m; k++)
            for (int j = 0; j <= i; j++) c[i * n + j] += alpha * a[i * m + k] * a[j * m + k];
    }
    perfdiff_end();
    uint64_t h = 0;
    for (int i = 0; i < n; i++) for (int j = 0; j <= i; j++) h = perfdiff_mix_f64(h, c[i * n + j]);
    perfdiff_print_checksum("syrk", h);
    return 0;
}
