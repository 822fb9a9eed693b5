/* perfdiff: test=1 triggers= stdin=inputs/dna.fasta */
/* Reverse complement: read a FASTA file from stdin, reverse-complement every sequence through a
 * lookup table and re-wrap it at 60 columns; argv[1] repeats the transformation on the result. */
#include "perfdiff.h"

static unsigned char comp[256];

static size_t revcomp(char *s, size_t n, char *out)
{
    /* s holds one sequence without newlines; out gets it reversed, complemented and wrapped. */
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        out[o++] = (char)comp[(unsigned char)s[n - 1 - i]];
        if (i % 60 == 59) out[o++] = '\n';
    }
    if (n % 60) out[o++] = '\n';
    return o;
}

int main(int argc, char **argv)
{
    long reps = perfdiff_size(argc, argv, 40);
    for (int i = 0; i < 256; i++) comp[i] = (unsigned char)i;
    const char *from = "ACGTUMRWSYKVHDBNacgtumrwsykvhdbn", *to = "TGCAAKYWSRMBDHVNTGCAAKYWSRMBDHVN";
    for (int i = 0; from[i]; i++) comp[(unsigned char)from[i]] = (unsigned char)to[i];
    size_t cap = 1 << 16, len = 0;
    char *in = malloc(cap);
    size_t got;
    while ((got = fread(in + len, 1, cap - len, stdin)) > 0) { len += got; if (len == cap) in = realloc(in, cap *= 2); }
    char *seq = malloc(len + 1), *out = malloc(len * 2 + 64);
    uint64_t h = 0;
    size_t total = 0;
    perfdiff_begin();
    for (long r = 0; r < reps; r++) {
        size_t i = 0;
        while (i < len) {
            /* header line is copied as is */
            size_t start = i;
            while (i < len && in[i] != '\n') i++;
            h = perfdiff_mix_bytes(h, in + start, i - start);
            i++;
            size_t n = 0;
            while (i < len && in[i] != '>') { if (in[i] != '\n') seq[n++] = in[i]; i++; }
            size_t o = revcomp(seq, n, out);
            h = perfdiff_mix_bytes(h, out, o);
            total += o;
            /* complement twice restores the sequence; rotate the alphabet so each pass differs */
            comp[(unsigned char)'N'] = (unsigned char)"NACG"[r & 3];
        }
    }
    perfdiff_end();
    printf("bytes %zu\n", total);
    perfdiff_print_checksum("revcomp", h);
    return 0;
}
