/* perfdiff: test=1 triggers= stdin=inputs/dna.fasta */
/* k-nucleotide: read the third sequence of a FASTA file from stdin and count every k-mer
 * (k = 1, 2, 3, 4, 6, 12, 18) in an open-addressing hash table; argv[1] repeats the counting. */
#include "perfdiff.h"

typedef struct { uint64_t key; uint32_t count; } Slot;

static Slot *table;
static uint32_t cap, used;

static uint64_t hash_key(uint64_t k) { k ^= k >> 33; k *= 0xff51afd7ed558ccdull; k ^= k >> 29; return k; }

static void grow(void);
static void add(uint64_t key)
{
    uint32_t i = (uint32_t)hash_key(key) & (cap - 1);
    while (table[i].count && table[i].key != key) i = (i + 1) & (cap - 1);
    if (!table[i].count) { table[i].key = key; if (++used * 2 > cap) { table[i].count = 1; grow(); return; } }
    table[i].count++;
}

static void grow(void)
{
    Slot *old = table;
    uint32_t old_cap = cap;
    cap *= 2; used = 0;
    table = calloc(cap, sizeof *table);
    for (uint32_t i = 0; i < old_cap; i++)
        if (old[i].count) {
            uint32_t j = (uint32_t)hash_key(old[i].key) & (cap - 1);
            while (table[j].count) j = (j + 1) & (cap - 1);
            table[j] = old[i];
            used++;
        }
    free(old);
}

static int code(char c) { switch (c) { case 'a': case 'A': return 0; case 'c': case 'C': return 1; case 'g': case 'G': return 2; default: return 3; } }

int main(int argc, char **argv)
{
    long reps = perfdiff_size(argc, argv, 20);
    size_t len = 0, capb = 1 << 16;
    char *seq = malloc(capb), line[256];
    int in_three = 0;
    while (fgets(line, sizeof line, stdin)) {
        if (line[0] == '>') { in_three = strncmp(line, ">THREE", 6) == 0; continue; }
        if (!in_three) continue;
        for (char *p = line; *p && *p != '\n'; p++) {
            if (len == capb) seq = realloc(seq, capb *= 2);
            seq[len++] = (char)code(*p);
        }
    }
    static const int ks[] = {1, 2, 3, 4, 6, 12, 18};
    uint64_t h = 0;
    perfdiff_begin();
    for (long r = 0; r < reps; r++)
        for (int ki = 0; ki < 7; ki++) {
            int k = ks[ki];
            cap = 1024; used = 0;
            table = calloc(cap, sizeof *table);
            uint64_t mask = (k == 32) ? ~0ull : ((1ull << (2 * k)) - 1), key = 0;
            for (size_t i = 0; i < len; i++) {
                key = ((key << 2) | (uint64_t)seq[i]) & mask;
                if (i + 1 >= (size_t)k) add(key);
            }
            uint64_t sub = 0, best = 0;
            for (uint32_t i = 0; i < cap; i++)
                if (table[i].count) {
                    sub += table[i].key * 2654435761u ^ table[i].count;
                    if (table[i].count > best) best = table[i].count;
                }
            h = perfdiff_mix(h, sub);
            if (r == 0) printf("k=%d distinct=%u max=%llu\n", k, used, (unsigned long long)best);
            free(table);
        }
    perfdiff_end();
    printf("length %zu\n", len);
    perfdiff_print_checksum("knucleotide", h);
    return 0;
}
