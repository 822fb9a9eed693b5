/* perfdiff: test=150 triggers= */
/* seidel-2d: in-place 9-point Gauss-Seidel stencil, 20 time steps (loop-carried dependences). */
#include "perfdiff.h"

int main(int argc, char **argv)
{
    int n = (int)perfdiff_size(argc, argv, 800);
    const int steps = 20;
    double *a = malloc(sizeof(double) * n * n);
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) a[i * n + j] = ((double)i * (j + 2) + 2) / n;
    perfdiff_begin();
    for (int t = 0; t < steps; t++)
        for (int i = 1; i < n - 1; i++)
            for (int j = 1; j < n - 1; j++)
                a[i * n + j] = (a[(i - 1) * n + j - 1] + a[(i - 1) * n + j] + a[(i - 1) * n + j + 1] +
                                a[i * n + j - 1] + a[i * n + j] + a[i * n + j + 1] +
                                a[(i + 1) * n + j - 1] + a[(i + 1) * n + j] + a[(i + 1) * n + j + 1]) / 9.0;
    perfdiff_end();
    uint64_t h = 0;
    for (int i = 0; i < n * n; i++) h = perfdiff_mix_f64(h, a[i]);
    perfdiff_print_checksum("seidel-2d", h);
    return 0;
}
