/* perfdiff: test=300 triggers= */
/* Digits of pi with the unbounded spigot (Gibbons' streaming algorithm) on a small signed
 * bignum written here: 32-bit limbs, sign and magnitude. */
#include "perfdiff.h"

typedef struct { uint32_t *d; int n, cap, neg; } Big;

static void reserve(Big *a, int n) { if (n > a->cap) { a->cap = n * 2; a->d = realloc(a->d, a->cap * sizeof *a->d); } }
static void trim(Big *a) { while (a->n > 0 && a->d[a->n - 1] == 0) a->n--; if (a->n == 0) a->neg = 0; }
static void set_small(Big *a, uint32_t v) { reserve(a, 1); a->n = 1; a->d[0] = v; a->neg = 0; trim(a); }
static void copy(Big *dst, const Big *src) { reserve(dst, src->n); memcpy(dst->d, src->d, src->n * sizeof *src->d); dst->n = src->n; dst->neg = src->neg; }

static void mul_small(Big *a, uint32_t m)
{
    uint64_t carry = 0;
    for (int i = 0; i < a->n; i++) { uint64_t t = (uint64_t)a->d[i] * m + carry; a->d[i] = (uint32_t)t; carry = t >> 32; }
    if (carry) { reserve(a, a->n + 1); a->d[a->n++] = (uint32_t)carry; }
    trim(a);
}

static int mag_cmp(const Big *a, const Big *b)
{
    if (a->n != b->n) return a->n < b->n ? -1 : 1;
    for (int i = a->n - 1; i >= 0; i--) if (a->d[i] != b->d[i]) return a->d[i] < b->d[i] ? -1 : 1;
    return 0;
}

static int cmp(const Big *a, const Big *b)
{
    if (a->neg != b->neg) return a->neg ? -1 : 1;
    int c = mag_cmp(a, b);
    return a->neg ? -c : c;
}

/* |a| += |b| */
static void mag_add(Big *a, const Big *b)
{
    int n = a->n > b->n ? a->n : b->n;
    reserve(a, n + 1);
    for (int i = a->n; i < n + 1; i++) a->d[i] = 0;
    uint64_t carry = 0;
    for (int i = 0; i < n; i++) { uint64_t t = (uint64_t)a->d[i] + (i < b->n ? b->d[i] : 0) + carry; a->d[i] = (uint32_t)t; carry = t >> 32; }
    a->d[n] = (uint32_t)carry;
    a->n = n + 1;
    trim(a);
}

/* |a| = |big| - |small|, requires |big| >= |small| */
static void mag_sub(Big *a, const Big *big, const Big *small)
{
    reserve(a, big->n);
    int64_t borrow = 0;
    for (int i = 0; i < big->n; i++) {
        int64_t t = (int64_t)big->d[i] - (i < small->n ? small->d[i] : 0) - borrow;
        borrow = t < 0; a->d[i] = (uint32_t)(t + (borrow << 32));
    }
    a->n = big->n;
}

/* a += b (signed); tmp is scratch */
static void add(Big *a, const Big *b, Big *tmp)
{
    if (a->neg == b->neg) { mag_add(a, b); return; }
    if (mag_cmp(a, b) >= 0) { int s = a->neg; copy(tmp, a); mag_sub(a, tmp, b); a->neg = s; }
    else { copy(tmp, a); mag_sub(a, b, tmp); a->neg = b->neg; }
    trim(a);
}

int main(int argc, char **argv)
{
    long n = perfdiff_size(argc, argv, 4000);
    Big numer = {0}, accum = {0}, denom = {0}, t = {0}, u = {0}, tmp = {0};
    set_small(&numer, 1); set_small(&accum, 0); set_small(&denom, 1);
    char line[11];
    int col = 0;
    uint64_t h = 0;
    perfdiff_begin();
    for (uint32_t k = 1, i = 0; i < n; k++) {
        uint32_t k2 = 2 * k + 1;
        copy(&t, &numer); mul_small(&t, 2); add(&accum, &t, &tmp);
        mul_small(&accum, k2); mul_small(&denom, k2); mul_small(&numer, k);
        if (cmp(&numer, &accum) > 0) continue;
        copy(&t, &numer); mul_small(&t, 3); add(&t, &accum, &tmp);
        uint32_t q = 0;
        while (cmp(&t, &denom) >= 0) { denom.neg = 1; add(&t, &denom, &tmp); denom.neg = 0; q++; }
        copy(&u, &t); add(&u, &numer, &tmp);
        if (cmp(&u, &denom) >= 0) continue;
        line[col++] = (char)('0' + q);
        h = perfdiff_mix(h, q);
        i++;
        if (col == 10 || i == n) { line[col] = 0; printf("%-10s\t:%u\n", line, i); col = 0; }
        /* accum = (accum - denom*q) * 10; numer *= 10 */
        copy(&u, &denom); mul_small(&u, q); u.neg = !u.neg && u.n; add(&accum, &u, &tmp);
        mul_small(&accum, 10); mul_small(&numer, 10);
    }
    perfdiff_end();
    perfdiff_print_checksum("pidigits", h);
    return 0;
}
