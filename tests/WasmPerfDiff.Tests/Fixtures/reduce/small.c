/* The planted case of reduce's end-to-end test: a sieve the planted runtime runs at normal speed, and a popcount loop it is slow on. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static char composite[30000];

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 1;
    uint64_t primes = 0, bits = 0, x = 1;
    for (int round = 0; round < n; round++) {
        for (int i = 2; i < 30000; i++) composite[i] = 0;
        for (int i = 2; i < 30000; i++)
            if (!composite[i]) { primes += (uint64_t)i; for (int j = i + i; j < 30000; j += i) composite[j] = 1; }
        for (int i = 0; i < 200000; i++) { x = x * 6364136223846793005ull + 1442695040888963407ull; bits += (uint64_t)__builtin_popcountll(x); }
    }
    printf("%llu %llu\n", (unsigned long long)primes, (unsigned long long)bits);
    return 0;
}
