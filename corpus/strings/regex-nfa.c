/* perfdiff: test=20000 triggers= */
/* regex-nfa: compile small regular expressions (literals, ., [a-z] ranges, *, +, ?, |, groups)
 * to a Thompson NFA and simulate it with state sets over generated text, counting matching lines. */
#include "perfdiff.h"

enum { CHAR, ANY, RANGE, SPLIT, MATCH };
typedef struct { int op; unsigned char lo, hi; int out, out1; } State;

static State st[1024];
static int nst;
typedef struct { int start; int *outs[64]; int nouts; } Frag;

static int state(int op, unsigned char lo, unsigned char hi) { st[nst] = (State){op, lo, hi, -1, -1}; return nst++; }
static void patch(Frag *f, int to) { for (int i = 0; i < f->nouts; i++) *f->outs[i] = to; }
static Frag frag1(int s) { Frag f = {s, {&st[s].out}, 1}; return f; }
static void join(Frag *a, const Frag *b) { for (int i = 0; i < b->nouts && a->nouts < 64; i++) a->outs[a->nouts++] = b->outs[i]; }

/* Recursive descent: alt := cat ('|' cat)*, cat := rep*, rep := atom [*+?] */
static const char *pat;
static Frag parse_alt(void);
static Frag parse_atom(void)
{
    char c = *pat++;
    if (c == '(') { Frag f = parse_alt(); pat++; return f; }
    if (c == '.') return frag1(state(ANY, 0, 255));
    if (c == '[') { unsigned char lo = (unsigned char)*pat++; pat++; unsigned char hi = (unsigned char)*pat++; pat++; return frag1(state(RANGE, lo, hi)); }
    return frag1(state(CHAR, (unsigned char)c, (unsigned char)c));
}
static Frag parse_rep(void)
{
    Frag a = parse_atom();
    char c = *pat;
    if (c == '*' || c == '+' || c == '?') {
        pat++;
        int s = state(SPLIT, 0, 0);
        st[s].out = a.start;
        if (c == '?') { Frag f = {s, {&st[s].out1}, 1}; join(&f, &a); return f; }
        patch(&a, s);
        Frag f = {c == '*' ? s : a.start, {&st[s].out1}, 1};
        return f;
    }
    return a;
}
static Frag parse_cat(void)
{
    Frag f = parse_rep();
    while (*pat && *pat != '|' && *pat != ')') { Frag g = parse_rep(); patch(&f, g.start); f.nouts = 0; join(&f, &g); f.start = f.start; }
    return f;
}
static Frag parse_alt(void)
{
    Frag f = parse_cat();
    while (*pat == '|') {
        pat++;
        Frag g = parse_cat();
        int s = state(SPLIT, 0, 0);
        st[s].out = f.start; st[s].out1 = g.start;
        Frag h = {s, {0}, 0};
        join(&h, &f); join(&h, &g);
        f = h;
    }
    return f;
}

static int compile(const char *re)
{
    pat = re;
    Frag f = parse_alt();
    patch(&f, state(MATCH, 0, 0));
    return f.start;
}

static int list_a[1024], list_b[1024], mark[1024], gen;

static void add(int *list, int *n, int s)
{
    if (s < 0 || mark[s] == gen) return;
    mark[s] = gen;
    if (st[s].op == SPLIT) { add(list, n, st[s].out); add(list, n, st[s].out1); return; }
    list[(*n)++] = s;
}

/* unanchored search: does the pattern match anywhere in line[0..n) */
static int search(int start, const unsigned char *line, size_t n)
{
    int *cur = list_a, *next = list_b, nc = 0, nn;
    gen++; add(cur, &nc, start);
    for (size_t i = 0; i <= n; i++) {
        for (int k = 0; k < nc; k++) if (st[cur[k]].op == MATCH) return 1;
        if (i == n) break;
        gen++; nn = 0;
        unsigned char c = line[i];
        for (int k = 0; k < nc; k++) {
            State *s = &st[cur[k]];
            if ((s->op == CHAR || s->op == RANGE) ? (c >= s->lo && c <= s->hi) : s->op == ANY) add(next, &nn, s->out);
        }
        add(next, &nn, start);
        int *t = cur; cur = next; next = t; nc = nn;
    }
    return 0;
}

int main(int argc, char **argv)
{
    long n = perfdiff_size(argc, argv, 600000);
    static const char *res[] = {"ab+c", "(fox|dog)s?", "[a-f][0-9]+x", "q.*z", "(ab|cd)*ee", "w[a-z]*m r", "[0-9][0-9][0-9]"};
    enum { NRE = sizeof res / sizeof res[0] };
    int starts[NRE];
    for (int i = 0; i < NRE; i++) starts[i] = compile(res[i]);
    unsigned char *text = malloc(n + 1);
    uint32_t s = 99;
    for (long i = 0; i < n; i++) {
        s = s * 1103515245u + 12345u;
        uint32_t r = (s >> 16) % 40;
        text[i] = r < 26 ? (unsigned char)('a' + r) : r < 34 ? (unsigned char)('0' + r - 26) : r < 38 ? ' ' : '\n';
    }
    uint64_t counts[NRE] = {0};
    perfdiff_begin();
    long line_start = 0;
    for (long i = 0; i <= n; i++)
        if (i == n || text[i] == '\n') {
            for (int k = 0; k < NRE; k++) counts[k] += (uint64_t)search(starts[k], text + line_start, (size_t)(i - line_start));
            line_start = i + 1;
        }
    perfdiff_end();
    uint64_t h = 0;
    for (int k = 0; k < NRE; k++) { printf("%s: %llu\n", res[k], (unsigned long long)counts[k]); h = perfdiff_mix(h, counts[k]); }
    perfdiff_print_checksum("regex-nfa", h);
    return 0;
}
