/* perfdiff: test=70 triggers= */
/* matmul-float: single-precision matrix multiply, naive i-j-k loop order with a dot product. */
#include "perfdiff.h"

int main(int argc, char **argv)
{
    int n = (int)perfdiff_size(argc, argv, 400);
    float *a = malloc(sizeof *a * n * n), *b = malloc(sizeof *b * n * n), *c = malloc(sizeof *c * n * n);
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            a[i * n + j] = (float)((i * 3 + j) % 17) / 17.0f;
            b[i * n + j] = (float)((i + j * 5) % 13) / 13.0f;
        }
    perfdiff_begin();
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            float s = 0;
            for (int k = 0; k < n; k++) s += a[i * n + k] * b[k * n + j];
            c[i * n + j] = s;
        }
    perfdiff_end();
    uint64_t h = 0;
    for (int i = 0; i < n * n; i++) { uint32_t bits; memcpy(&bits, &c[i], 4); h = perfdiff_mix(h, bits); }
    perfdiff_print_checksum("matmul-float", h);
    return 0;
}
