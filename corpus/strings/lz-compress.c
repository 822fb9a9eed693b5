/* perfdiff: test=200000 triggers= */
/* lz-compress: LZ77 compression with a hash of 3-byte prefixes and bounded match chains,
 * then decompression and a byte-for-byte check, over generated text with repetitions. */
#include "perfdiff.h"

enum { WINDOW = 1 << 15, HASH_BITS = 14, MAX_CHAIN = 16, MIN_MATCH = 3, MAX_MATCH = 258 };

static uint32_t hash3(const unsigned char *p) { return ((uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2]) * 2654435761u >> (32 - HASH_BITS); }

/* Output format: literal run = 0x00-0x7f (count-1) then bytes; match = 0x80|len-3 (7 bits), then
 * length extension byte, then 2-byte distance. */
static size_t compress(const unsigned char *in, size_t n, unsigned char *out, int32_t *head, int32_t *prev)
{
    size_t o = 0, i = 0, lit_start = 0;
    for (int k = 0; k < (1 << HASH_BITS); k++) head[k] = -1;
    while (i < n) {
        size_t best_len = 0, best_dist = 0;
        if (i + MIN_MATCH <= n) {
            uint32_t hv = hash3(in + i);
            int32_t cand = head[hv];
            for (int chain = 0; cand >= 0 && chain < MAX_CHAIN && i - (size_t)cand <= WINDOW; chain++) {
                size_t len = 0, lim = n - i < MAX_MATCH ? n - i : MAX_MATCH;
                while (len < lim && in[cand + len] == in[i + len]) len++;
                if (len > best_len) { best_len = len; best_dist = i - (size_t)cand; }
                cand = prev[cand % WINDOW];
            }
            prev[i % WINDOW] = head[hv];
            head[hv] = (int32_t)i;
        }
        if (best_len >= MIN_MATCH) {
            while (lit_start < i) {
                size_t run = i - lit_start > 128 ? 128 : i - lit_start;
                out[o++] = (unsigned char)(run - 1);
                memcpy(out + o, in + lit_start, run); o += run; lit_start += run;
            }
            size_t l = best_len - MIN_MATCH;
            out[o++] = (unsigned char)(0x80 | (l & 0x7f));
            out[o++] = (unsigned char)(l >> 7);
            out[o++] = (unsigned char)(best_dist & 0xff);
            out[o++] = (unsigned char)(best_dist >> 8);
            for (size_t k = 1; k < best_len && i + k + MIN_MATCH <= n; k++) {
                uint32_t hv = hash3(in + i + k);
                prev[(i + k) % WINDOW] = head[hv];
                head[hv] = (int32_t)(i + k);
            }
            i += best_len;
            lit_start = i;
        } else i++;
    }
    while (lit_start < n) {
        size_t run = n - lit_start > 128 ? 128 : n - lit_start;
        out[o++] = (unsigned char)(run - 1);
        memcpy(out + o, in + lit_start, run); o += run; lit_start += run;
    }
    return o;
}

static size_t decompress(const unsigned char *in, size_t n, unsigned char *out)
{
    size_t i = 0, o = 0;
    while (i < n) {
        unsigned char c = in[i++];
        if (c < 0x80) { size_t run = (size_t)c + 1; memcpy(out + o, in + i, run); i += run; o += run; }
        else {
            size_t len = ((size_t)(c & 0x7f) | (size_t)in[i] << 7) + MIN_MATCH;
            size_t dist = (size_t)in[i + 1] | (size_t)in[i + 2] << 8;
            i += 3;
            for (size_t k = 0; k < len; k++, o++) out[o] = out[o - dist];
        }
    }
    return o;
}

int main(int argc, char **argv)
{
    long n = perfdiff_size(argc, argv, 8000000);
    static const char *words[] = {"the ", "quick ", "brown ", "fox ", "jumps ", "over ", "lazy ", "dog ", "wasm ", "runtime ",
                                  "perf ", "differential ", "testing ", "of ", "and ", "a ", "compiler ", "cache ", "\n", "module "};
    unsigned char *in = malloc(n + 16), *comp = malloc(n + n / 64 + 64), *back = malloc(n + 16);
    int32_t *head = malloc(sizeof(int32_t) << HASH_BITS), *prev = malloc(sizeof(int32_t) * WINDOW);
    uint32_t s = 2463534242u;
    for (long i = 0; i < n;) {
        s ^= s << 13; s ^= s >> 17; s ^= s << 5;
        const char *w = words[s % 20];
        if (s % 37 == 0) { in[i++] = (unsigned char)('0' + s % 10); continue; }
        for (; *w && i < n; w++) in[i++] = (unsigned char)*w;
    }
    perfdiff_begin();
    size_t clen = compress(in, (size_t)n, comp, head, prev);
    size_t dlen = decompress(comp, clen, back);
    perfdiff_end();
    int ok = dlen == (size_t)n && memcmp(in, back, (size_t)n) == 0;
    printf("in %ld compressed %zu roundtrip %s\n", n, clen, ok ? "ok" : "FAILED");
    perfdiff_print_checksum("lz-compress", perfdiff_mix_bytes(0, comp, clen));
    return ok ? 0 : 1;
}
