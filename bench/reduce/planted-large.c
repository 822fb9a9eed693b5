/* A large program that does many things, one of which (the popcount loop) a planted runtime is slow on: the
   issue's "construct inside a large program". Fourteen kernels feed one checksum; only popcounts() uses
   __builtin_popcountll, and no other kernel counts bits, so clang emits i64.popcnt in exactly one place. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static uint64_t insertion_sort(int n) {
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

static uint64_t matmul(int n) {
    enum { N = 24 };
    static uint32_t a[N][N], b[N][N], c[N][N];
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) { a[i][j] = (uint32_t)(i * 31 + j + n); b[i][j] = (uint32_t)(j * 17 + i * 3 + n); }
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            uint32_t s = 0;
            for (int k = 0; k < N; k++) s += a[i][k] * b[k][j];
            c[i][j] = s;
        }
    uint64_t trace = 0;
    for (int i = 0; i < N; i++) trace += c[i][i];
    return trace;
}

static uint32_t crc_table[256];

static void crc_init(void) {
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
        crc_table[i] = c;
    }
}

static uint64_t crc32_of_text(int n) {
    static unsigned char buf[8192];
    for (int i = 0; i < 8192; i++) buf[i] = (unsigned char)('a' + (i * 7 + n) % 26);
    uint32_t crc = 0xffffffffu;
    for (int i = 0; i < 8192; i++) crc = crc_table[(crc ^ buf[i]) & 0xff] ^ (crc >> 8);
    return crc ^ 0xffffffffu;
}

static uint64_t fnv_reversed_words(int n) {
    static char text[4096];
    int len = 0;
    for (int w = 0; len < 4000; w++) {
        int wl = 3 + (w * 5 + n) % 7;
        for (int k = 0; k < wl && len < 4000; k++) text[len++] = (char)('a' + (w + k) % 26);
        text[len++] = ' ';
    }
    for (int s = 0, i = 0; i <= len; i++)
        if (i == len || text[i] == ' ') {
            for (int l = s, r = i - 1; l < r; l++, r--) { char t = text[l]; text[l] = text[r]; text[r] = t; }
            s = i + 1;
        }
    uint64_t h = 0xcbf29ce484222325ull;
    for (int i = 0; i < len; i++) h = (h ^ (unsigned char)text[i]) * 0x100000001b3ull;
    return h;
}

static uint64_t life(int n) {
    enum { S = 32 };
    static unsigned char g[S][S], next[S][S];
    for (int y = 0; y < S; y++)
        for (int x = 0; x < S; x++) g[y][x] = (unsigned char)(((x * 3 + y * 5 + n) % 7) < 3);
    for (int step = 0; step < 20; step++) {
        for (int y = 0; y < S; y++)
            for (int x = 0; x < S; x++) {
                int live = 0;
                for (int dy = -1; dy <= 1; dy++)
                    for (int dx = -1; dx <= 1; dx++)
                        if (dx || dy) live += g[(y + dy + S) % S][(x + dx + S) % S];
                next[y][x] = (unsigned char)(live == 3 || (live == 2 && g[y][x]));
            }
        memcpy(g, next, sizeof g);
    }
    uint64_t alive = 0;
    for (int y = 0; y < S; y++)
        for (int x = 0; x < S; x++) alive = alive * 3 + g[y][x];
    return alive;
}

static uint64_t binary_searches(int n) {
    static uint32_t sorted[1024];
    for (int i = 0; i < 1024; i++) sorted[i] = (uint32_t)(i * 3 + 1);
    uint64_t found = 0;
    for (uint32_t key = (uint32_t)n; key < 3072; key += 2) {
        int lo = 0, hi = 1023;
        while (lo <= hi) {
            int mid = (lo + hi) / 2;
            if (sorted[mid] == key) { found += (uint64_t)mid; break; }
            if (sorted[mid] < key) lo = mid + 1; else hi = mid - 1;
        }
    }
    return found;
}

static uint64_t fibonacci_mod(int n) {
    uint64_t a = 0, b = 1;
    for (int i = 0; i < 20000 + n; i++) { uint64_t t = (a + b) % 1000000007ull; a = b; b = t; }
    return a;
}

static uint64_t gcd_sum(int n) {
    uint64_t total = 0;
    for (uint64_t i = 1; i < 120; i++)
        for (uint64_t j = 1; j < 120; j++) {
            uint64_t a = i + (uint64_t)n, b = j;
            while (b) { uint64_t t = a % b; a = b; b = t; }
            total += a;
        }
    return total;
}

static uint64_t knapsack(int n) {
    enum { ITEMS = 40, CAP = 500 };
    static uint32_t best[CAP + 1];
    memset(best, 0, sizeof best);
    for (int i = 0; i < ITEMS; i++) {
        int weight = 5 + (i * 13 + n) % 47, value = 3 + (i * 29 + n) % 61;
        for (int c = CAP; c >= weight; c--)
            if (best[c - weight] + (uint32_t)value > best[c]) best[c] = best[c - weight] + (uint32_t)value;
    }
    return best[CAP];
}

static uint64_t ring_queue(int n) {
    enum { Q = 64 };
    static uint32_t q[Q];
    int head = 0, tail = 0, size = 0;
    uint64_t served = 0;
    uint32_t x = (uint32_t)n + 1;
    for (int t = 0; t < 30000; t++) {
        x = x * 1664525u + 1013904223u;
        if ((x >> 28) < 9 && size < Q) { q[tail] = x >> 4; tail = (tail + 1) % Q; size++; }
        else if (size > 0) { served += q[head] % 1000; head = (head + 1) % Q; size--; }
    }
    return served * 64 + (uint64_t)size;
}

static uint64_t mandelbrot(int n) {
    uint64_t inside = 0;
    for (int py = 0; py < 40; py++)
        for (int px = 0; px < 60; px++) {
            double cr = -2.0 + px * 0.05 + n * 1e-3, ci = -1.0 + py * 0.05;
            double zr = 0, zi = 0;
            int k = 0;
            while (k < 64 && zr * zr + zi * zi <= 4.0) { double t = zr * zr - zi * zi + cr; zi = 2 * zr * zi + ci; zr = t; k++; }
            inside += (uint64_t)k;
        }
    return inside;
}

static uint64_t popcounts(int n) {
    uint64_t x = (uint64_t)n, total = 0;
    for (int i = 0; i < 400000; i++) { x = x * 6364136223846793005ull + 1442695040888963407ull; total += (uint64_t)__builtin_popcountll(x); }
    return total;
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 3;
    crc_init();
    uint64_t h = 0;
    for (int round = 0; round < n; round++) {
        h = mix(h, sieve(round + 1));
        h = mix(h, insertion_sort(round + 7));
        h = mix(h, collatz(round));
        h = mix(h, matmul(round));
        h = mix(h, crc32_of_text(round));
        h = mix(h, fnv_reversed_words(round));
        h = mix(h, life(round));
        h = mix(h, binary_searches(round));
        h = mix(h, fibonacci_mod(round));
        h = mix(h, gcd_sum(round));
        h = mix(h, knapsack(round));
        h = mix(h, ring_queue(round));
        h = mix(h, mandelbrot(round));
        h = mix(h, popcounts(round + 1));
    }
    printf("checksum %016llx\n", (unsigned long long)h);
    return 0;
}
