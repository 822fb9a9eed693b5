/* A program that does many things, one of which (the popcount loop) a planted runtime is slow on. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint64_t mix(uint64_t h, uint64_t v) { h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2); return h * 0xbf58476d1ce4e5b9ull; }

static uint64_t sieve(int n) {
    static char composite[20000];
    uint64_t count = 0;
    for (int i = 2; i < 20000; i++) composite[i] = 0;
    for (int i = 2; i < 20000; i++) {
        if (composite[i]) continue;
        count += (uint64_t)i;
        for (int j = i + i; j < 20000; j += i) composite[j] = 1;
    }
    return count * (uint64_t)n;
}

static uint64_t sort(int n) {
    static uint32_t a[400];
    uint32_t x = (uint32_t)n;
    for (int i = 0; i < 400; i++) { x = x * 1103515245u + 12345u; a[i] = x >> 8; }
    for (int i = 1; i < 400; i++) {
        uint32_t v = a[i];
        int j = i - 1;
        while (j >= 0 && a[j] > v) { a[j + 1] = a[j]; j--; }
        a[j + 1] = v;
    }
    return (uint64_t)a[0] + a[199] + a[399];
}

static uint64_t collatz(int n) {
    uint64_t steps = 0;
    for (uint64_t i = 1; i < 3000; i++) {
        uint64_t v = i + (uint64_t)n;
        while (v != 1) { v = (v & 1) ? 3 * v + 1 : v / 2; steps++; }
    }
    return steps;
}

static uint64_t popcounts(int n) {
    uint64_t x = (uint64_t)n, total = 0;
    for (int i = 0; i < 400000; i++) { x = x * 6364136223846793005ull + 1442695040888963407ull; total += (uint64_t)__builtin_popcountll(x); }
    return total;
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 3;
    uint64_t h = 0;
    for (int round = 0; round < n; round++) {
        h = mix(h, sieve(round + 1));
        h = mix(h, sort(round + 7));
        h = mix(h, collatz(round));
        h = mix(h, popcounts(round + 1));
    }
    printf("checksum %016llx\n", (unsigned long long)h);
    return 0;
}
