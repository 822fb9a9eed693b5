/* perfdiff: test=2000000 triggers= */
/* crc32: table-driven CRC-32 (reflected polynomial 0xEDB88320) over a generated buffer. */
#include "perfdiff.h"

static uint32_t table[256];

static uint32_t crc32(uint32_t crc, const unsigned char *p, size_t n)
{
    crc = ~crc;
    for (size_t i = 0; i < n; i++) crc = table[(crc ^ p[i]) & 0xff] ^ (crc >> 8);
    return ~crc;
}

int main(int argc, char **argv)
{
    long n = perfdiff_size(argc, argv, 100000000);
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        table[i] = c;
    }
    enum { BUF = 1 << 16 };
    static unsigned char buf[BUF];
    uint32_t s = 1;
    for (int i = 0; i < BUF; i++) { s = s * 1664525u + 1013904223u; buf[i] = (unsigned char)(s >> 24); }
    uint32_t crc = 0;
    uint64_t h = 0;
    perfdiff_begin();
    for (long done = 0; done < n; done += BUF) {
        long chunk = n - done < BUF ? n - done : BUF;
        crc = crc32(crc, buf, (size_t)chunk);
        buf[done / BUF % BUF] ^= (unsigned char)crc;
        h = perfdiff_mix(h, crc);
    }
    perfdiff_end();
    printf("crc %08x\n", crc);
    perfdiff_print_checksum("crc32", h);
    return 0;
}
