/* perfdiff: test=70 triggers= */
/* matmul-int: 32-bit integer matrix multiply with wrap-around arithmetic. */
#include "perfdiff.h"

int main(int argc, char **argv)
{
    int n = (int)perfdiff_size(argc, argv, 400);
    uint32_t *a = malloc(sizeof *a * n * n), *b = malloc(sizeof *b * n * n), *c = malloc(sizeof *c * n * n);
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            a[i * n + j] = (uint32_t)(i * 31 + j * 17 + 3);
            b[i * n + j] = (uint32_t)(i * 7 + j * 13 + 1);
            c[i * n + j] = 0;
        }
    perfdiff_begin();
    for (int i = 0; i < n; i++)
        for (int k = 0; k < n; k++) {
            uint32_t aik = a[i * n + k];
            for (int j = 0; j < n; j++) c[i * n + j] += aik * b[k * n + j];
        }
    perfdiff_end();
    uint64_t h = 0;
    for (int i = 0; i < n * n; i++) h = perfdiff_mix(h, c[i]);
    perfdiff_print_checksum("matmul-int", h);
    return 0;
}
