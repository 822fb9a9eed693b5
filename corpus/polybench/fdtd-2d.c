/* perfdiff: test=150 triggers= */
/* fdtd-2d: 2-D finite-difference time-domain update of the fields ex, ey, hz, 40 time steps. */
#include "perfdiff.h"

int main(int argc, char **argv)
{
    int n = (int)perfdiff_size(argc, argv, 800);
    const int steps = 40;
    double *ex = malloc(sizeof(double) * n * n), *ey = malloc(sizeof(double) * n * n), *hz = malloc(sizeof(double) * n * n);
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            ex[i * n + j] = ((double)i * (j + 1)) / n;
            ey[i * n + j] = ((double)i * (j + 2)) / n;
            hz[i * n + j] = ((double)i * (j + 3)) / n;
        }
    perfdiff_begin();
    for (int t = 0; t < steps; t++) {
        for (int j = 0; j < n; j++) ey[j] = (double)t;
        for (int i = 1; i < n; i++)
            for (int j = 0; j < n; j++) ey[i * n + j] -= 0.5 * (hz[i * n + j] - hz[(i - 1) * n + j]);
        for (int i = 0; i < n; i++)
            for (int j = 1; j < n; j++) ex[i * n + j] -= 0.5 * (hz[i * n + j] - hz[i * n + j - 1]);
        for (int i = 0; i < n - 1; i++)
            for (int j = 0; j < n - 1; j++)
                hz[i * n + j] -= 0.7 * (ex[i * n + j + 1] - ex[i * n + j] + ey[(i + 1) * n + j] - ey[i * n + j]);
    }
    perfdiff_end();
    uint64_t h = 0;
    for (int i = 0; i < n * n; i++) { h = perfdiff_mix_f64(h, hz[i]); h = perfdiff_mix_f64(h, ex[i]); }
    perfdiff_print_checksum("fdtd-2d", h);
    return 0;
}
