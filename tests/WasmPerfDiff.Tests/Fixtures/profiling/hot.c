/* Profiling fixture: nearly all of the run time is spent in hot_loop (a serial
 * multiply/xor/shift chain the compiler cannot vectorize or fold), so a sampling
 * profiler must name hot_loop as the top guest function on every runtime.
 * Usage: hot.wasm [iterations]   (default sized for about 1 s on a JIT runtime)
 * Build: clang --target=wasm32-wasi -O2 -Wl,--strip-debug hot.c -o hot.wasm  (keeps the name section) */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>

__attribute__((noinline)) static uint64_t hot_loop(uint64_t seed, long iterations)
{
    uint64_t x = seed;
    for (long i = 0; i < iterations; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x = x * 0x9E3779B97F4A7C15ull + (uint64_t)i;
    }
    return x;
}

/* A little work elsewhere so the profile has a second guest function. */
__attribute__((noinline)) static uint64_t warm_up(long n)
{
    uint64_t s = 0;
    for (long i = 0; i < n; i++)
        s += (uint64_t)i * (uint64_t)i % 7;
    return s;
}

int main(int argc, char **argv)
{
    long iterations = argc > 1 ? atol(argv[1]) : 400000000L;
    uint64_t seed = warm_up(iterations / 1000);
    printf("%llu\n", (unsigned long long)hot_loop(seed | 1, iterations));
    return 0;
}
