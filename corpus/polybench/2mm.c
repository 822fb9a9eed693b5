/* perfdiff: test=50 triggers=wamr-nested-loops */
/* 2mm: D = alpha*A*B*C + beta*D, two matrix products in nested loops. */
#include "perfdiff.h"

#define AT(m, i, j) m[(i) * n + (j)]

int main(int argc, char **argv)
{
    int n = (int)perfdiff_size(argc, argv, 300);
    size_t sz = sizeof(double) * n * n;
    double *a = malloc(sz), *b = malloc(sz), *c = malloc(sz), *d = malloc(sz), *tmp = malloc(sz);
    const double alpha = 1.5, beta = 1.2;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            AT(a, i, j) = (double)((i * j + 1) % n) / n;
            AT(b, i, j) = (double)(i * (j + 1) % n) / n;
            AT(c, i, j) = (double)((i * (j + 3) + 1) % n) / n;
            AT(d, i, j) = (double)(i * (j + 2) % n) / n;
        }
    perfdiff_begin();
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            double s = 0;
            for (int k = 0; k < n; k++) s += alpha * AT(a, i, k) * AT(b, k, j);
            AT(tmp, i, j) = s;
        }
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            double s = AT(d, i, j) * beta;
            for (int k = 0; k < n; k++) s += AT(tmp, i, k) * AT(c, k, j);
            AT(d, i, j) = s;
        }
    perfdiff_end();
    uint64_t h = 0;
    for (int i = 0; i < n * n; i++) h = perfdiff_mix_f64(h, d[i]);
    printf("d[0][0] = %.6f\n", d[0]);
    perfdiff_print_checksum("2mm", h);
    return 0;
}
