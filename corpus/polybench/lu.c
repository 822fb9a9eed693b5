/* perfdiff: test=80 triggers= */
/* lu: in-place LU decomposition without pivoting of a diagonally dominant n x n matrix. */
#include "perfdiff.h"

int main(int argc, char **argv)
{
    int n = (int)perfdiff_size(argc, argv, 500);
    double *a = malloc(sizeof(double) * n * n);
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++)
            a[i * n + j] = i == j ? (double)n : 1.0 / (1 + (i * 7 + j * 3) % 11);
    perfdiff_begin();
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < i; j++) {
            double s = a[i * n + j];
            for (int k = 0; k < j; k++) s -= a[i * n + k] * a[k * n + j];
            a[i * n + j] = s / a[j * n + j];
        }
        for (int j = i; j < n; j++) {
            double s = a[i * n + j];
            for (int k = 0; k < i; k++) s -= a[i * n + k] * a[k * n + j];
            a[i * n + j] = s;
        }
    }
    perfdiff_end();
    uint64_t h = 0;
    for (int i = 0; i < n * n; i++) h = perfdiff_mix_f64(h, a[i]);
    printf("u[n-1][n-1] = %.6f\n", a[n * n - 1]);
    perfdiff_print_checksum("lu", h);
    return 0;
}
