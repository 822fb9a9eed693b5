/* perfdiff: test=50000 triggers= */
/* div64: 64-bit division and remainder by variable divisors (i64.div_u/rem_u/div_s/rem_s in
 * wasm): binary-free Euclid gcd, digit extraction in base 10 and 7, and modular exponentiation. */
#include "perfdiff.h"

static uint64_t gcd(uint64_t a, uint64_t b) { while (b) { uint64_t t = a % b; a = b; b = t; } return a; }

static uint64_t mulmod(uint64_t a, uint64_t b, uint64_t m)
{
    /* (a*b) mod m without 128-bit types: double-and-add */
    uint64_t r = 0;
    a %= m;
    while (b) { if (b & 1) { r += a; if (r >= m) r -= m; } a <<= 1; if (a >= m) a -= m; b >>= 1; }
    return r;
}

static uint64_t powmod(uint64_t b, uint64_t e, uint64_t m)
{
    uint64_t r = 1 % m;
    while (e) { if (e & 1) r = mulmod(r, b, m); b = mulmod(b, b, m); e >>= 1; }
    return r;
}

int main(int argc, char **argv)
{
    long n = perfdiff_size(argc, argv, 5000000);
    uint64_t x = 0x123456789abcdefull, acc = 0;
    int64_t sacc = 0;
    perfdiff_begin();
    for (long i = 1; i <= n; i++) {
        x = x * 6364136223846793005ull + 1442695040888963407ull;
        uint64_t d = (x >> 20) | 1;
        acc += gcd(x, d * (uint64_t)i);
        int64_t sx = (int64_t)(x >> 1) - (int64_t)(1ull << 61);
        int64_t sd = (int64_t)i * 7919 % 100003 - 50001;
        if (sd == 0) sd = 1;
        sacc += sx / sd + sx % sd;
        uint64_t v = x;
        while (v) { acc += v % 10; v /= 10; }
        if ((i & 1023) == 0) acc += powmod(x, d, (d >> 1) | 1);
    }
    perfdiff_end();
    printf("acc %llu sacc %lld\n", (unsigned long long)acc, (long long)sacc);
    perfdiff_print_checksum("div64", perfdiff_mix(perfdiff_mix(0, acc), (uint64_t)sacc));
    return 0;
}
