/* perfdiff: test=100000 triggers=wamr-float */
/* flops-2: Horner evaluation of degree-11 Taylor polynomials for sin and cos on a grid, and the
 * residual sin^2 + cos^2 - 1 accumulated (long chains of dependent multiply-adds). */
#include "perfdiff.h"

int main(int argc, char **argv)
{
    long n = perfdiff_size(argc, argv, 4000000);
    static const double s[] = {1.0, -1.0 / 6, 1.0 / 120, -1.0 / 5040, 1.0 / 362880, -1.0 / 39916800};
    static const double c[] = {1.0, -1.0 / 2, 1.0 / 24, -1.0 / 720, 1.0 / 40320, -1.0 / 3628800};
    double resid = 0, acc = 0;
    perfdiff_begin();
    for (long i = 0; i < n; i++) {
        double x = -1.5 + 3.0 * (double)i / (double)n, x2 = x * x;
        double ps = s[5], pc = c[5];
        for (int k = 4; k >= 0; k--) { ps = ps * x2 + s[k]; pc = pc * x2 + c[k]; }
        ps *= x;
        resid += ps * ps + pc * pc - 1.0;
        acc += ps * 0.5 - pc * 0.25;
    }
    perfdiff_end();
    printf("residual %.6e\n", resid);
    perfdiff_print_checksum("flops-2", perfdiff_mix_f64(perfdiff_mix_f64(0, resid), acc));
    return 0;
}
