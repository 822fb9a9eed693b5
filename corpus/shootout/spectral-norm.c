/* perfdiff: test=100 triggers= */
/* Spectral norm of the infinite matrix a(i,j) = 1/((i+j)(i+j+1)/2+i+1) by power iteration. */
#include "perfdiff.h"
#include <math.h>

static double a(int i, int j) { return 1.0 / ((i + j) * (i + j + 1) / 2 + i + 1); }

static void mul_av(int n, const double *v, double *out)
{
    for (int i = 0; i < n; i++) {
        double s = 0;
        for (int j = 0; j < n; j++) s += a(i, j) * v[j];
        out[i] = s;
    }
}

static void mul_atv(int n, const double *v, double *out)
{
    for (int i = 0; i < n; i++) {
        double s = 0;
        for (int j = 0; j < n; j++) s += a(j, i) * v[j];
        out[i] = s;
    }
}

static void mul_atav(int n, const double *v, double *out, double *tmp)
{
    mul_av(n, v, tmp);
    mul_atv(n, tmp, out);
}

int main(int argc, char **argv)
{
    int n = (int)perfdiff_size(argc, argv, 1500);
    double *u = malloc(n * sizeof *u), *v = malloc(n * sizeof *v), *t = malloc(n * sizeof *t);
    for (int i = 0; i < n; i++) u[i] = 1.0;
    perfdiff_begin();
    for (int k = 0; k < 10; k++) {
        mul_atav(n, u, v, t);
        mul_atav(n, v, u, t);
    }
    double vbv = 0, vv = 0;
    for (int i = 0; i < n; i++) { vbv += u[i] * v[i]; vv += v[i] * v[i]; }
    double r = sqrt(vbv / vv);
    perfdiff_end();
    printf("%.9f\n", r);
    uint64_t h = perfdiff_mix_f64(0, r);
    for (int i = 0; i < n; i += 7) h = perfdiff_mix_f64(h, u[i]);
    perfdiff_print_checksum("spectral-norm", h);
    return 0;
}
