/* perfdiff: test=200 triggers= */
/* Mandelbrot set on an n x n grid, one bit per pixel, hashed instead of printed as a bitmap. */
#include "perfdiff.h"

int main(int argc, char **argv)
{
    int n = (int)perfdiff_size(argc, argv, 2000);
    int row_bytes = (n + 7) / 8;
    unsigned char *row = malloc(row_bytes);
    uint64_t h = 0;
    long inside = 0;
    perfdiff_begin();
    for (int y = 0; y < n; y++) {
        memset(row, 0, row_bytes);
        double ci = 2.0 * y / n - 1.0;
        for (int x = 0; x < n; x++) {
            double cr = 2.0 * x / n - 1.5;
            double zr = 0, zi = 0, tr = 0, ti = 0;
            int i = 0;
            for (; i < 50 && tr + ti <= 4.0; i++) {
                zi = 2.0 * zr * zi + ci;
                zr = tr - ti + cr;
                tr = zr * zr;
                ti = zi * zi;
            }
            if (tr + ti <= 4.0) { row[x >> 3] |= (unsigned char)(0x80 >> (x & 7)); inside++; }
        }
        h = perfdiff_mix_bytes(h, row, row_bytes);
    }
    perfdiff_end();
    printf("P4 %d %d inside=%ld\n", n, n, inside);
    perfdiff_print_checksum("mandelbrot", h);
    return 0;
}
