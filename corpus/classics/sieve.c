/* perfdiff: test=2000000 triggers= */
/* sieve: sieve of Eratosthenes over a byte array, repeated a few times. */
#include "perfdiff.h"

int main(int argc, char **argv)
{
    long n = perfdiff_size(argc, argv, 40000000);
    unsigned char *composite = malloc(n + 1);
    uint64_t h = 0;
    long count = 0;
    perfdiff_begin();
    for (int rep = 0; rep < 3; rep++) {
        memset(composite, 0, n + 1);
        count = 0;
        for (long i = 2; i <= n; i++) {
            if (composite[i]) continue;
            count++;
            h = perfdiff_mix(h, (uint64_t)i) * (rep + 1);
            if (i <= n / i)
                for (long j = i * i; j <= n; j += i) composite[j] = 1;
        }
    }
    perfdiff_end();
    printf("primes up to %ld: %ld\n", n, count);
    perfdiff_print_checksum("sieve", h);
    return 0;
}
