/* perfdiff: test=50000 triggers=wamr-float */
/* flops-3: complex arithmetic by hand: evaluate the rational function (z^3 + a)/(z^2 + b z + c)
 * with complex multiply and divide over a grid of points. */
#include "perfdiff.h"

typedef struct { double re, im; } Cx;
static Cx cmul(Cx a, Cx b) { return (Cx){a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re}; }
static Cx cadd(Cx a, Cx b) { return (Cx){a.re + b.re, a.im + b.im}; }
static Cx cdiv(Cx a, Cx b)
{
    double d = b.re * b.re + b.im * b.im;
    return (Cx){(a.re * b.re + a.im * b.im) / d, (a.im * b.re - a.re * b.im) / d};
}

int main(int argc, char **argv)
{
    long n = perfdiff_size(argc, argv, 2000000);
    const Cx a = {0.5, -1.25}, b = {1.5, 0.75}, c = {2.25, 0.5};
    Cx sum = {0, 0};
    perfdiff_begin();
    for (long i = 0; i < n; i++) {
        Cx z = {-2.0 + 4.0 * (double)(i % 2000) / 2000.0, -1.0 + 2.0 * (double)(i / 2000) / (double)(n / 2000 + 1)};
        Cx z2 = cmul(z, z);
        Cx num = cadd(cmul(z2, z), a);
        Cx den = cadd(cadd(z2, cmul(b, z)), c);
        Cx q = cdiv(num, den);
        sum = cadd(sum, cdiv(q, cadd(q, (Cx){3.0, 1.0})));
    }
    perfdiff_end();
    printf("sum %.6f %.6f\n", sum.re, sum.im);
    perfdiff_print_checksum("flops-3", perfdiff_mix_f64(perfdiff_mix_f64(0, sum.re), sum.im));
    return 0;
}
