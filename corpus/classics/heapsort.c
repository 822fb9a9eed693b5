/* perfdiff: test=100000 triggers= */
/* heapsort: sort pseudo-random doubles in place with a binary max-heap (sift-down). */
#include "perfdiff.h"

static void sift(double *a, long start, long end)
{
    long root = start;
    while (2 * root + 1 <= end) {
        long child = 2 * root + 1;
        if (child + 1 <= end && a[child] < a[child + 1]) child++;
        if (a[root] >= a[child]) return;
        double t = a[root]; a[root] = a[child]; a[child] = t;
        root = child;
    }
}

int main(int argc, char **argv)
{
    long n = perfdiff_size(argc, argv, 2000000);
    double *a = malloc(sizeof *a * n);
    uint64_t s = 88172645463325252ull;
    for (long i = 0; i < n; i++) { s ^= s << 13; s ^= s >> 7; s ^= s << 17; a[i] = (double)(s >> 11) / 9007199254740992.0; }
    perfdiff_begin();
    for (long start = (n - 2) / 2; start >= 0; start--) sift(a, start, n - 1);
    for (long end = n - 1; end > 0; end--) {
        double t = a[0]; a[0] = a[end]; a[end] = t;
        sift(a, 0, end - 1);
    }
    perfdiff_end();
    uint64_t h = 0;
    long bad = 0;
    for (long i = 0; i < n; i++) { h = perfdiff_mix_f64(h, a[i]); if (i && a[i - 1] > a[i]) bad++; }
    printf("unsorted pairs %ld\n", bad);
    perfdiff_print_checksum("heapsort", h);
    return 0;
}
