/* perfdiff: test=20000 triggers= */
/* json-tokens: generate a JSON document, then tokenize it with a switch-driven scanner that
 * decodes strings (with escapes) and numbers, and checks bracket nesting. */
#include "perfdiff.h"

typedef struct { char *p; size_t n, cap; } Buf;
static void put(Buf *b, const char *s) { size_t l = strlen(s); if (b->n + l + 1 > b->cap) { b->cap = (b->n + l + 1) * 2; b->p = realloc(b->p, b->cap); } memcpy(b->p + b->n, s, l); b->n += l; b->p[b->n] = 0; }

static uint32_t rs = 123456789u;
static uint32_t rnd(void) { rs ^= rs << 13; rs ^= rs >> 17; rs ^= rs << 5; return rs; }

static void gen_value(Buf *b, int depth)
{
    char tmp[64];
    uint32_t r = rnd() % (depth > 5 ? 5 : 7);
    switch (r) {
    case 0: snprintf(tmp, sizeof tmp, "%d", (int)(rnd() % 200000) - 100000); put(b, tmp); break;
    case 1: snprintf(tmp, sizeof tmp, "%u.%03ue%d", rnd() % 1000, rnd() % 1000, (int)(rnd() % 7) - 3); put(b, tmp); break;
    case 2: put(b, "\"na\\\"me\\n\\u00e9x\""); break;
    case 3: put(b, rnd() & 1 ? "true" : "null"); break;
    case 4: snprintf(tmp, sizeof tmp, "\"key%u value with spaces\"", rnd() % 1000); put(b, tmp); break;
    case 5: {
        int k = 1 + rnd() % 4;
        put(b, "[");
        for (int i = 0; i < k; i++) { if (i) put(b, ", "); gen_value(b, depth + 1); }
        put(b, "]");
        break;
    }
    default: {
        int k = 1 + rnd() % 4;
        put(b, "{");
        for (int i = 0; i < k; i++) {
            if (i) put(b, ",\n ");
            snprintf(tmp, sizeof tmp, "\"f%u\": ", rnd() % 50);
            put(b, tmp);
            gen_value(b, depth + 1);
        }
        put(b, "}");
    }
    }
}

typedef struct { uint64_t counts[8], hash; int64_t int_sum; int max_depth, errors; } Stats;

static void tokenize(const char *s, size_t n, Stats *st)
{
    char strbuf[256];
    int depth = 0;
    char stack[256];
    for (size_t i = 0; i < n;) {
        char c = s[i];
        switch (c) {
        case ' ': case '\n': case '\t': case '\r': case ',': case ':': i++; break;
        case '{': case '[':
            stack[depth++ & 255] = c; if (depth > st->max_depth) st->max_depth = depth;
            st->counts[0]++; i++; break;
        case '}': case ']':
            if (depth == 0 || stack[(depth - 1) & 255] != (c == '}' ? '{' : '[')) st->errors++;
            depth--; st->counts[1]++; i++; break;
        case '"': {
            size_t l = 0;
            i++;
            while (i < n && s[i] != '"') {
                char ch = s[i++];
                if (ch == '\\') {
                    char e = s[i++];
                    switch (e) {
                    case 'n': ch = '\n'; break;
                    case 't': ch = '\t'; break;
                    case 'u': { unsigned v = 0; for (int k = 0; k < 4; k++) { char hx = s[i++]; v = v * 16 + (unsigned)(hx <= '9' ? hx - '0' : (hx | 32) - 'a' + 10); } ch = (char)(v & 0x7f); break; }
                    default: ch = e;
                    }
                }
                if (l < sizeof strbuf) strbuf[l++] = ch;
            }
            i++;
            st->hash = perfdiff_mix_bytes(st->hash, strbuf, l);
            st->counts[2]++;
            break;
        }
        case 't': i += 4; st->counts[3]++; break;
        case 'f': i += 5; st->counts[3]++; break;
        case 'n': i += 4; st->counts[4]++; break;
        default: {
            int neg = 0;
            if (c == '-') { neg = 1; i++; }
            int64_t v = 0;
            while (i < n && s[i] >= '0' && s[i] <= '9') v = v * 10 + (s[i++] - '0');
            int is_float = 0;
            if (i < n && s[i] == '.') { is_float = 1; i++; while (i < n && s[i] >= '0' && s[i] <= '9') v = v * 10 + (s[i++] - '0'); }
            if (i < n && (s[i] == 'e' || s[i] == 'E')) { is_float = 1; i++; if (s[i] == '-' || s[i] == '+') i++; while (i < n && s[i] >= '0' && s[i] <= '9') i++; }
            st->int_sum += neg ? -v : v;
            st->counts[is_float ? 6 : 5]++;
            if (c != '-' && (c < '0' || c > '9')) { st->errors++; i++; }
        }
        }
    }
    if (depth != 0) st->errors++;
}

int main(int argc, char **argv)
{
    long n = perfdiff_size(argc, argv, 600000);
    Buf b = {0};
    put(&b, "[");
    while (b.n < (size_t)n) { gen_value(&b, 0); put(&b, ",\n"); }
    put(&b, "0]");
    Stats st = {0};
    perfdiff_begin();
    for (int rep = 0; rep < 10; rep++) tokenize(b.p, b.n, &st);
    perfdiff_end();
    printf("bytes %zu open %llu close %llu strings %llu ints %llu floats %llu depth %d errors %d sum %lld\n", b.n,
           (unsigned long long)st.counts[0], (unsigned long long)st.counts[1], (unsigned long long)st.counts[2],
           (unsigned long long)st.counts[5], (unsigned long long)st.counts[6], st.max_depth, st.errors, (long long)st.int_sum);
    perfdiff_print_checksum("json-tokens", st.hash);
    return 0;
}
