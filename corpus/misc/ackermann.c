/* perfdiff: test=2 triggers= */
/* ackermann: deep, non-tail recursion. A(3, 8) nests about 2^11 frames deep, well within the
 * default wasm stack of every runtime; argv[1] repeats the evaluation. */
#include "perfdiff.h"

static uint32_t calls;

static uint32_t ack(uint32_t m, uint32_t n)
{
    calls++;
    if (m == 0) return n + 1;
    if (n == 0) return ack(m - 1, 1);
    return ack(m - 1, ack(m, n - 1));
}

int main(int argc, char **argv)
{
    long reps = perfdiff_size(argc, argv, 100);
    uint64_t h = 0;
    perfdiff_begin();
    for (long r = 0; r < reps; r++) h = perfdiff_mix(h, ack(3, 6 + (uint32_t)(r % 3)));
    perfdiff_end();
    printf("calls %u\n", calls);
    perfdiff_print_checksum("ackermann", h);
    return 0;
}
