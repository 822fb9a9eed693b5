/* perfdiff: test=100000 triggers=wamr-float */
/* flops-5: Pade-style rational approximations (degree 4/4) of exp and of a logistic curve on a
 * grid, each a pair of polynomials and a divide, summed with alternating signs. */
#include "perfdiff.h"

int main(int argc, char **argv)
{
    long n = perfdiff_size(argc, argv, 5000000);
    double sum = 0, sum2 = 0;
    perfdiff_begin();
    for (long i = 0; i < n; i++) {
        double x = -2.0 + 4.0 * (double)(i % 65536) / 65536.0;
        double x2 = x * x, x3 = x2 * x, x4 = x2 * x2;
        double p = 1.0 + x / 2 + 3 * x2 / 28 + x3 / 84 + x4 / 1680;
        double q = 1.0 - x / 2 + 3 * x2 / 28 - x3 / 84 + x4 / 1680;
        double e = p / q;
        double logistic = e / (1.0 + e);
        double y = (x2 - 3.0 * x + 1.0) / (x2 + x + 2.0);
        sum += (i & 1) ? -e * y : e * y;
        sum2 += logistic * y - 0.5 * x;
    }
    perfdiff_end();
    printf("sum %.6f\n", sum);
    perfdiff_print_checksum("flops-5", perfdiff_mix_f64(perfdiff_mix_f64(0, sum), sum2));
    return 0;
}
