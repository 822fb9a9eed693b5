/* perfdiff: test=1000000 triggers=wasmtime-rem-const */
/* random: pseudo-random numbers from a linear congruential generator whose every step takes a
 * remainder by a constant, plus (x + 33) % 13 style bucketing, in one hot loop. clang keeps
 * these as i32.rem_s/i32.rem_u by a constant in wasm (division is "cheap" for the wasm target),
 * so the runtime must strength-reduce them itself: the shape of Wasmtime's ~3x slowdown. */
#include "perfdiff.h"

#define IM 139968
#define IA 3877
#define IC 29573

static int last = 42;

static int gen(int max) { last = (last * IA + IC) % IM; return (int)((long long)max * last / IM); }

int main(int argc, char **argv)
{
    long n = perfdiff_size(argc, argv, 40000000);
    int buckets[13] = {0};
    unsigned u = 7, acc = 0;
    perfdiff_begin();
    for (long i = 0; i < n; i++) {
        int x = gen(1000);
        buckets[(x + 33) % 13]++;
        u = (u * 1103515245u + 12345u) % 2147483647u;
        acc += (u + 33u) % 13u + (unsigned)(x % 7);
    }
    perfdiff_end();
    uint64_t h = perfdiff_mix(0, acc);
    for (int i = 0; i < 13; i++) { printf("%d ", buckets[i]); h = perfdiff_mix(h, (uint64_t)buckets[i]); }
    printf("\nlast %d\n", last);
    perfdiff_print_checksum("random", h);
    return 0;
}
