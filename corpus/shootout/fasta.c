/* perfdiff: test=2000 triggers=wasmer-fd-write */
/* FASTA generator: a repeated sequence and two random sequences from weighted alphabets, written
 * line by line with stdout line buffered, so every 60-character line is its own write (WASI
 * fd_write). Many small writes are the shape that made Wasmer's fd_write ~4x slower. */
#include "perfdiff.h"

#define LINE 60

static uint32_t seed = 42;
/* Linear congruential generator with the classic fasta constants. */
static double rnd(double max)
{
    seed = (seed * 3877u + 29573u) % 139968u;
    return max * seed / 139968.0;
}

typedef struct { char c; double p; } Weighted;

static const char kAlu[] =
    "GGCCGGGCGCGGTGGCTCACGCCTGTAATCCCAGCACTTTGGGAGGCCGAGGCGGGCGGATCACCTGAGGTCAGGAGTTCGAGACCAGCCTGGCCAACATGGTG"
    "AAACCCCGTCTCTACTAAAAATACAAAAATTAGCCGGGCGTGGTGGCGCGCGCCTGTAATCCCAGCTACTCGGGAGGCTGAGGCAGGAGAATCGCTTGAACCCGG"
    "GAGGCGGAGGTTGCAGTGAGCCGAGATCGCGCCACTGCACTCCAGCCTGGGCGACAGAGCGAGACTCCGTCTCAAAAA";

static uint64_t hash;

static void put_line(const char *s, int n)
{
    fwrite(s, 1, n, stdout);
    fputc('\n', stdout);
    hash = perfdiff_mix_bytes(hash, s, n);
}

static void repeat(const char *title, const char *src, long n)
{
    char line[LINE + 1];
    int len = (int)strlen(src), pos = 0;
    fputs(title, stdout);
    while (n > 0) {
        int m = n < LINE ? (int)n : LINE;
        for (int i = 0; i < m; i++) { line[i] = src[pos]; if (++pos == len) pos = 0; }
        put_line(line, m);
        n -= m;
    }
}

static void random_seq(const char *title, Weighted *w, int k, long n)
{
    double acc = 0;
    for (int i = 0; i < k; i++) { acc += w[i].p; w[i].p = acc; }
    char line[LINE + 1];
    fputs(title, stdout);
    while (n > 0) {
        int m = n < LINE ? (int)n : LINE;
        for (int i = 0; i < m; i++) {
            double r = rnd(1.0);
            int j = 0;
            while (j < k - 1 && r >= w[j].p) j++;
            line[i] = w[j].c;
        }
        put_line(line, m);
        n -= m;
    }
}

int main(int argc, char **argv)
{
    long n = perfdiff_size(argc, argv, 250000);
    static char buf[1 << 12];
    setvbuf(stdout, buf, _IOLBF, sizeof buf);
    Weighted iub[] = {
        {'a', 0.27}, {'c', 0.12}, {'g', 0.12}, {'t', 0.27}, {'B', 0.02}, {'D', 0.02}, {'H', 0.02}, {'K', 0.02},
        {'M', 0.02}, {'N', 0.02}, {'R', 0.02}, {'S', 0.02}, {'V', 0.02}, {'W', 0.02}, {'Y', 0.02},
    };
    Weighted sapiens[] = {
        {'a', 0.3029549426680}, {'c', 0.1979883004921}, {'g', 0.1975473066391}, {'t', 0.3015094502008},
    };
    perfdiff_begin();
    repeat(">ONE Homo sapiens alu\n", kAlu, n * 2);
    random_seq(">TWO IUB ambiguity codes\n", iub, 15, n * 3);
    random_seq(">THREE Homo sapiens frequency\n", sapiens, 4, n * 5);
    fflush(stdout);
    perfdiff_end();
    perfdiff_print_checksum("fasta", hash);
    return 0;
}
