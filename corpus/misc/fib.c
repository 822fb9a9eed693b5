/* perfdiff: test=24 triggers= */
/* fib: doubly recursive Fibonacci on integers and on doubles, plus Takeuchi's tak function:
 * call-heavy recursion with tiny frames. */
#include "perfdiff.h"

static uint64_t fib(uint32_t n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
static double fibf(double n) { return n < 2.0 ? 1.0 : fibf(n - 1.0) + fibf(n - 2.0); }
static int tak(int x, int y, int z) { return y < x ? tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y)) : z; }

int main(int argc, char **argv)
{
    long n = perfdiff_size(argc, argv, 32);
    perfdiff_begin();
    uint64_t a = fib((uint32_t)n);
    double b = fibf((double)(n - 3));
    int c = tak((int)n / 2, (int)n / 3, (int)n / 6);
    perfdiff_end();
    printf("fib(%ld) = %llu fibf = %.1f tak = %d\n", n, (unsigned long long)a, b, c);
    perfdiff_print_checksum("fib", perfdiff_mix(perfdiff_mix_f64(perfdiff_mix(0, a), b), (uint64_t)c));
    return 0;
}
