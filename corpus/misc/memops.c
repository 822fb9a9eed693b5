/* perfdiff: test=300 triggers= */
/* memops: memcpy, memmove, memset and memcmp over blocks of many sizes (8 bytes to 64 KB) in
 * a 4 MB arena, the bulk-memory shape of serializers and allocators. */
#include "perfdiff.h"

int main(int argc, char **argv)
{
    long n = perfdiff_size(argc, argv, 8000);
    enum { ARENA = 1 << 22 };
    unsigned char *arena = malloc(ARENA);
    for (int i = 0; i < ARENA; i++) arena[i] = (unsigned char)(i * 7 + (i >> 9));
    uint32_t s = 77;
    uint64_t h = 0, equal = 0;
    perfdiff_begin();
    for (long r = 0; r < n; r++) {
        for (int k = 0; k < 64; k++) {
            s = s * 1664525u + 1013904223u;
            size_t len = (size_t)8 << (s >> 28 & 13);  /* 8 B .. 64 KB */
            size_t src = (s >> 4) % (ARENA - len), dst = (s * 2654435761u >> 3) % (ARENA - len);
            switch ((s >> 20) & 3) {
            case 0: if (src + len <= dst || dst + len <= src) memcpy(arena + dst, arena + src, len); else memmove(arena + dst, arena + src, len); break;
            case 1: memmove(arena + dst, arena + src, len); break;
            case 2: memset(arena + dst, (int)(s & 0xff), len / 2); break;
            default: equal += memcmp(arena + dst, arena + src, len) == 0; break;
            }
        }
        h = perfdiff_mix(h, arena[(r * 4099) % ARENA]);
    }
    perfdiff_end();
    h = perfdiff_mix_bytes(h, arena, 1 << 16);
    printf("equal %llu\n", (unsigned long long)equal);
    perfdiff_print_checksum("memops", h);
    return 0;
}
