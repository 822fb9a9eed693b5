/* perfdiff: test=80 triggers= */
/* cholesky: A = L*L^T of a symmetric diagonally dominant (so positive definite) matrix. */
#include "perfdiff.h"
#include <math.h>

int main(int argc, char **argv)
{
    int n = (int)perfdiff_size(argc, argv, 500);
    double *a = malloc(sizeof(double) * n * n);
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            int d = i > j ? i - j : j - i;
            a[i * n + j] = i == j ? (double)n + 1 : 1.0 / (1 + d + (i + j) % 5);
        }
    perfdiff_begin();
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < i; j++) {
            double s = a[i * n + j];
            for (int k = 0; k < j; k++) s -= a[i * n + k] * a[j * n + k];
            a[i * n + j] = s / a[j * n + j];
        }
        double s = a[i * n + i];
        for (int k = 0; k < i; k++) s -= a[i * n + k] * a[i * n + k];
        a[i * n + i] = sqrt(s);
    }
    perfdiff_end();
    uint64_t h = 0;
    for (int i = 0; i < n; i++) for (int j = 0; j <= i; j++) h = perfdiff_mix_f64(h, a[i * n + j]);
    printf("l[n-1][n-1] = %.6f\n", a[n * n - 1]);
    perfdiff_print_checksum("cholesky", h);
    return 0;
}
