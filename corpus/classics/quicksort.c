/* perfdiff: test=100000 triggers= */
/* quicksort: sort pseudo-random 32-bit keys with a hand-written median-of-three quicksort. */
#include "perfdiff.h"

static void sort(uint32_t *a, long lo, long hi)
{
    while (hi - lo > 16) {
        long mid = lo + (hi - lo) / 2;
        uint32_t x = a[lo], y = a[mid], z = a[hi];
        uint32_t pivot = x < y ? (y < z ? y : (x < z ? z : x)) : (x < z ? x : (y < z ? z : y));
        long i = lo, j = hi;
        while (i <= j) {
            while (a[i] < pivot) i++;
            while (a[j] > pivot) j--;
            if (i <= j) { uint32_t t = a[i]; a[i] = a[j]; a[j] = t; i++; j--; }
        }
        /* recurse into the smaller half so the stack stays logarithmic */
        if (j - lo < hi - i) { sort(a, lo, j); lo = i; }
        else { sort(a, i, hi); hi = j; }
    }
    for (long i = lo + 1; i <= hi; i++) {
        uint32_t v = a[i];
        long j = i - 1;
        while (j >= lo && a[j] > v) { a[j + 1] = a[j]; j--; }
        a[j + 1] = v;
    }
}

int main(int argc, char **argv)
{
    long n = perfdiff_size(argc, argv, 3000000);
    uint32_t *a = malloc(sizeof *a * n);
    uint32_t s = 12345;
    for (long i = 0; i < n; i++) { s ^= s << 13; s ^= s >> 17; s ^= s << 5; a[i] = s % 1000000007u; }
    perfdiff_begin();
    sort(a, 0, n - 1);
    perfdiff_end();
    uint64_t h = 0;
    long bad = 0;
    for (long i = 0; i < n; i++) { h = perfdiff_mix(h, a[i]); if (i && a[i - 1] > a[i]) bad++; }
    printf("unsorted pairs %ld\n", bad);
    perfdiff_print_checksum("quicksort", h);
    return 0;
}
