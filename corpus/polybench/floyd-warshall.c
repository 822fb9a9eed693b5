/* perfdiff: test=120 triggers= */
/* floyd-warshall: all-pairs shortest paths on a dense integer-weighted directed graph. */
#include "perfdiff.h"

int main(int argc, char **argv)
{
    int n = (int)perfdiff_size(argc, argv, 500);
    int *d = malloc(sizeof(int) * n * n);
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            int w = (i * j) % 7 + 1;
            d[i * n + j] = i == j ? 0 : ((i + j) % 13 == 0 || (i + j) % 7 == 0 || (i + j) % 11 == 0) ? w : 999;
        }
    perfdiff_begin();
    for (int k = 0; k < n; k++)
        for (int i = 0; i < n; i++) {
            int dik = d[i * n + k];
            for (int j = 0; j < n; j++) {
                int via = dik + d[k * n + j];
                if (via < d[i * n + j]) d[i * n + j] = via;
            }
        }
    perfdiff_end();
    uint64_t h = 0, total = 0;
    for (int i = 0; i < n * n; i++) { h = perfdiff_mix(h, (uint64_t)d[i]); total += (uint64_t)d[i]; }
    printf("total %llu\n", (unsigned long long)total);
    perfdiff_print_checksum("floyd-warshall", h);
    return 0;
}
