/* perfdiff: test=1000000 triggers=wamr-float */
/* flops-1: midpoint-rule integration of 4/(1+x^2) on [0,1] (adds, multiplies and a divide). */
#include "perfdiff.h"

int main(int argc, char **argv)
{
    long n = perfdiff_size(argc, argv, 40000000);
    double step = 1.0 / (double)n, sum = 0;
    perfdiff_begin();
    for (long i = 0; i < n; i++) {
        double x = ((double)i + 0.5) * step;
        sum += 4.0 / (1.0 + x * x);
    }
    double pi = sum * step;
    perfdiff_end();
    printf("pi ~ %.9f\n", pi);
    perfdiff_print_checksum("flops-1", perfdiff_mix_f64(0, pi));
    return 0;
}
