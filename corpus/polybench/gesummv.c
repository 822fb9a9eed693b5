/* perfdiff: test=300 triggers= */
/* gesummv: y = alpha*A*x + beta*B*x, two matrix-vector products fused in one loop. */
#include "perfdiff.h"

int main(int argc, char **argv)
{
    int n = (int)perfdiff_size(argc, argv, 2000);
    double *a = malloc(sizeof(double) * n * n), *b = malloc(sizeof(double) * n * n), *x = malloc(sizeof(double) * n),
           *y = malloc(sizeof(double) * n);
    const double alpha = 1.5, beta = 1.2;
    for (int i = 0; i < n; i++) {
        x[i] = (double)(i % n) / n;
        for (int j = 0; j < n; j++) {
            a[i * n + j] = (double)((i * j + 1) % n) / n;
            b[i * n + j] = (double)((i * j + 2) % n) / n;
        }
    }
    perfdiff_begin();
    for (int rep = 0; rep < 8; rep++) {
        for (int i = 0; i < n; i++) {
            double t = 0, u = 0;
            for (int j = 0; j < n; j++) { t += a[i * n + j] * x[j]; u += b[i * n + j] * x[j]; }
            y[i] = alpha * t + beta * u;
        }
        for (int i = 0; i < n; i++) x[i] = y[i] / (3.0 * n);
    }
    perfdiff_end();
    uint64_t h = 0;
    for (int i = 0; i < n; i++) h = perfdiff_mix_f64(h, y[i]);
    perfdiff_print_checksum("gesummv", h);
    return 0;
}
