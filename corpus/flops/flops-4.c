/* perfdiff: test=50000 triggers=wamr-float */
/* flops-4: Newton iterations (square root, reciprocal and cube root) started from crude guesses,
 * a mix of divides, multiplies and compares in short dependent chains. */
#include "perfdiff.h"

int main(int argc, char **argv)
{
    long n = perfdiff_size(argc, argv, 2000000);
    double acc = 0, acc2 = 0;
    perfdiff_begin();
    for (long i = 1; i <= n; i++) {
        double v = 1.0 + (double)(i % 100000) * 0.37;
        double r = v;                      /* sqrt(v) by Heron */
        for (int k = 0; k < 12; k++) r = 0.5 * (r + v / r);
        double inv = 1.0 / (v + 1.0);      /* start, then refine 1/(v+1) by Newton */
        inv = inv * 0.75;
        for (int k = 0; k < 5; k++) inv = inv * (2.0 - (v + 1.0) * inv);
        double cb = v / 3.0 + 1.0;         /* cube root by Newton */
        for (int k = 0; k < 10; k++) cb = (2.0 * cb + v / (cb * cb)) / 3.0;
        acc += r * inv + cb;
        acc2 += (r - cb) / (1.0 + inv);
    }
    perfdiff_end();
    printf("acc %.6f\n", acc);
    perfdiff_print_checksum("flops-4", perfdiff_mix_f64(perfdiff_mix_f64(0, acc), acc2));
    return 0;
}
