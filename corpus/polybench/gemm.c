/* perfdiff: test=60 triggers=wamr-unstable,wamr-nested-loops */
/* gemm: C = alpha*A*B + beta*C on n x n doubles, triple nested loop (i, k, j order). */
#include "perfdiff.h"

int main(int argc, char **argv)
{
    int n = (int)perfdiff_size(argc, argv, 400);
    double *a = malloc(sizeof(double) * n * n), *b = malloc(sizeof(double) * n * n), *c = malloc(sizeof(double) * n * n);
    const double alpha = 1.5, beta = 1.2;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            a[i * n + j] = (double)((i * j + 1) % n) / n;
            b[i * n + j] = (double)((i * (j + 1) + 2) % n) / n;
            c[i * n + j] = (double)((i * (j + 2) + 3) % n) / n;
        }
    perfdiff_begin();
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) c[i * n + j] *= beta;
        for (int k = 0; k < n; k++) {
            double aik = alpha * a[i * n + k];
            for (int j = 0; j < n; j++) c[i * n + j] += aik * b[k * n + j];
        }
    }
    perfdiff_end();
    uint64_t h = 0;
    for (int i = 0; i < n * n; i++) h = perfdiff_mix_f64(h, c[i]);
    printf("c[n-1][n-1] = %.6f\n", c[n * n - 1]);
    perfdiff_print_checksum("gemm", h);
    return 0;
}
