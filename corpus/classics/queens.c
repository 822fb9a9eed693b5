/* perfdiff: test=9 triggers= */
/* queens: count all solutions of the n-queens problem by backtracking over bit masks. */
#include "perfdiff.h"

static uint64_t solve(int n, uint32_t cols, uint32_t d1, uint32_t d2)
{
    uint32_t full = (1u << n) - 1;
    if (cols == full) return 1;
    uint64_t count = 0;
    uint32_t free_ = full & ~(cols | d1 | d2);
    while (free_) {
        uint32_t bit = free_ & (0u - free_);
        free_ ^= bit;
        count += solve(n, cols | bit, ((d1 | bit) << 1) & full, (d2 | bit) >> 1);
    }
    return count;
}

int main(int argc, char **argv)
{
    int n = (int)perfdiff_size(argc, argv, 12);
    if (n > 20) n = 20;
    perfdiff_begin();
    uint64_t h = 0;
    for (int k = 4; k <= n; k++) {
        uint64_t c = solve(k, 0, 0, 0);
        printf("%d-queens: %llu\n", k, (unsigned long long)c);
        h = perfdiff_mix(h, c);
    }
    perfdiff_end();
    perfdiff_print_checksum("queens", h);
    return 0;
}
