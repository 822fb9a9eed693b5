/* perfdiff: test=45 triggers=wamr-nested-loops */
/* 3mm: G = (A*B)*(C*D), three matrix products in nested loops. */
#include "perfdiff.h"

#define AT(m, i, j) m[(i) * n + (j)]

static void matmul(int n, const double *x, const double *y, double *out)
{
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            double s = 0;
            for (int k = 0; k < n; k++) s += AT(x, i, k) * AT(y, k, j);
            AT(out, i, j) = s;
        }
}

int main(int argc, char **argv)
{
    int n = (int)perfdiff_size(argc, argv, 250);
    size_t sz = sizeof(double) * n * n;
    double *a = malloc(sz), *b = malloc(sz), *c = malloc(sz), *d = malloc(sz), *e = malloc(sz), *f = malloc(sz), *g = malloc(sz);
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            AT(a, i, j) = (double)((i * j + 1) % n) / (5 * n);
            AT(b, i, j) = (double)((i * (j + 1) + 2) % n) / (5 * n);
            AT(c, i, j) = (double)(i * (j + 3) % n) / (5 * n);
            AT(d, i, j) = (double)((i * (j + 2) + 2) % n) / (5 * n);
        }
    perfdiff_begin();
    matmul(n, a, b, e);
    matmul(n, c, d, f);
    matmul(n, e, f, g);
    perfdiff_end();
    uint64_t h = 0;
    for (int i = 0; i < n * n; i++) h = perfdiff_mix_f64(h, g[i]);
    printf("g[0][0] = %.9f\n", g[0]);
    perfdiff_print_checksum("3mm", h);
    return 0;
}
