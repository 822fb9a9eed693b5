/* perfdiff: test=50000 triggers=wamr-float */
/* flops-6: classic fourth-order Runge-Kutta integration of the Lorenz system. */
#include "perfdiff.h"

typedef struct { double x, y, z; } V3;
static const double kSigma = 10.0, kRho = 28.0, kBeta = 8.0 / 3.0;

static V3 deriv(V3 p) { return (V3){kSigma * (p.y - p.x), p.x * (kRho - p.z) - p.y, p.x * p.y - kBeta * p.z}; }
static V3 axpy(V3 p, double h, V3 d) { return (V3){p.x + h * d.x, p.y + h * d.y, p.z + h * d.z}; }

int main(int argc, char **argv)
{
    long n = perfdiff_size(argc, argv, 3000000);
    const double h = 1e-4;
    V3 p = {1.0, 1.0, 1.0};
    double zsum = 0;
    perfdiff_begin();
    for (long i = 0; i < n; i++) {
        V3 k1 = deriv(p), k2 = deriv(axpy(p, h / 2, k1)), k3 = deriv(axpy(p, h / 2, k2)), k4 = deriv(axpy(p, h, k3));
        p.x += h / 6 * (k1.x + 2 * k2.x + 2 * k3.x + k4.x);
        p.y += h / 6 * (k1.y + 2 * k2.y + 2 * k3.y + k4.y);
        p.z += h / 6 * (k1.z + 2 * k2.z + 2 * k3.z + k4.z);
        zsum += p.z;
    }
    perfdiff_end();
    printf("mean z %.6f\n", zsum / (double)n);
    perfdiff_print_checksum("flops-6", perfdiff_mix_f64(perfdiff_mix_f64(perfdiff_mix_f64(0, p.x), p.y), zsum));
    return 0;
}
