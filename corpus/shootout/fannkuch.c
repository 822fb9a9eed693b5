/* perfdiff: test=8 triggers= */
/* Fannkuch-redux: over all permutations of 1..n count prefix reversals until 1 is first. */
#include "perfdiff.h"

int main(int argc, char **argv)
{
    int n = (int)perfdiff_size(argc, argv, 10);
    if (n > 15) n = 15;
    int perm[16], perm1[16], count[16];
    int max_flips = 0, checksum = 0, sign = 1;
    for (int i = 0; i < n; i++) perm1[i] = i;
    perfdiff_begin();
    int r = n;
    for (;;) {
        while (r != 1) { count[r - 1] = r; r--; }
        for (int i = 0; i < n; i++) perm[i] = perm1[i];
        int flips = 0;
        for (int k = perm[0]; k != 0; k = perm[0]) {
            for (int i = 0, j = k; i < j; i++, j--) { int t = perm[i]; perm[i] = perm[j]; perm[j] = t; }
            flips++;
        }
        if (flips > max_flips) max_flips = flips;
        checksum += sign * flips;
        sign = -sign;
        /* next permutation in the counting order */
        for (;;) {
            if (r == n) goto done;
            int first = perm1[0];
            for (int i = 0; i < r; i++) perm1[i] = perm1[i + 1];
            perm1[r] = first;
            if (--count[r] > 0) break;
            r++;
        }
    }
done:
    perfdiff_end();
    printf("%d\nPfannkuchen(%d) = %d\n", checksum, n, max_flips);
    return 0;
}
