namespace WasmPerfDiff.Corpus.Programs;

/// <summary>
/// One bug-triggering pattern to inject into a Csmith program: C code defining
/// <c>static uint64_t perfdiff_hot(long n, uint32_t seed)</c>, whose work grows with <c>n</c> (the size argument)
/// and whose result depends on every iteration (it is printed, so no compiler can drop the loop). <c>seed</c> is
/// the Csmith program's own checksum, so the inputs are unknown at compile time. Placeholders <c>{A}</c>, <c>{B}</c>,
/// <c>{C}</c> are filled with small per-program constants (<see cref="HotSpot.Render"/>).
/// </summary>
public sealed record HotSpot(string Name, string Family, string Code)
{
    /// <summary>The code with the constants filled in: A in 8..39 (a length), B in 3..17 and C in 5..68 (divisors, trip counts).</summary>
    public string Render(int a, int b, int c) =>
        Code.Replace("{A}", a.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Replace("{B}", b.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Replace("{C}", c.ToString(System.Globalization.CultureInfo.InvariantCulture));
}

/// <summary>
/// The hot spots <c>gen programs</c> injects. The first five are the families behind WarpGen's issues (SANER 2025:
/// floating-point array work, pointers to constants, increments in nested loops, stdio per iteration, addresses of
/// locals); the others are the construct catalog's families that C can express. All arithmetic that could
/// overflow is unsigned, so the programs stay free of undefined behaviour (the UBSan filter checks it).
/// </summary>
public static class HotSpotCatalog
{
    public static readonly IReadOnlyList<HotSpot> All =
    [
        new("fp-array", "floating-point array arithmetic", """
            static uint64_t perfdiff_hot(long n, uint32_t seed) {
              double a[{A}], b[{A}], s = 0;
              for (int j = 0; j < {A}; j++) { a[j] = (double)((seed >> (j % 24)) & 255) / 256.0; b[j] = j * 0.25; }
              for (long i = 0; i < n; i++)
                for (int j = 0; j < {A}; j++) { a[j] = a[j] * 0.9990234375 + b[j] * 0.0009765625; s += a[j]; }
              uint64_t bits; memcpy(&bits, &s, sizeof bits); return bits;
            }
            """),
        new("const-pointer", "pointers to constants", """
            static const uint32_t perfdiff_table[39] = { 3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3, 8, 4, 6, 2, 6, 4, 3, 3, 8, 3, 2, 7, 9, 5, 0, 2, 8, 8, 4, 1, 9 };
            static const uint32_t perfdiff_k = {C};
            static uint64_t perfdiff_hot(long n, uint32_t seed) {
              const uint32_t *p = perfdiff_table; const uint32_t *k = &perfdiff_k; uint64_t h = seed;
              for (long i = 0; i < n; i++)
                for (int j = 0; j < {A}; j++) h = h * 31u + p[j] * *k + (uint32_t)i;
              return h;
            }
            """),
        new("nested-loop-inc", "increments in nested loops", """
            static uint64_t perfdiff_hot(long n, uint32_t seed) {
              uint32_t c[{B}] = {0}; uint64_t h = seed;
              for (long i = 0; i < n; i++) {
                for (int j = 0; j < {B}; j++)
                  for (int k = 0; k < {C}; k++) { c[j]++; if ((k ^ j ^ (int)i) & 1) c[j] += 2u; }
                h = h * 131u + c[i % {B}];
              }
              return h;
            }
            """),
        new("stdio-per-iteration", "stdio per iteration", """
            static uint64_t perfdiff_hot(long n, uint32_t seed) {
              char buf[64]; uint64_t h = seed;
              for (long i = 0; i < n; i++) {
                int len = snprintf(buf, sizeof buf, "%ld:%u", i, (unsigned)(h & 0xffff));
                fputs(buf, stderr); fputc('\n', stderr);
                for (int j = 0; j < len; j++) h = h * 33u + (unsigned char)buf[j];
              }
              return h;
            }
            """),
        new("address-taken-local", "addresses of locals passed on", """
            static __attribute__((noinline)) void perfdiff_bump(uint32_t *p, uint32_t v) { *p = *p * 2654435761u + v; }
            static uint64_t perfdiff_hot(long n, uint32_t seed) {
              uint32_t x = seed, y = {C};
              for (long i = 0; i < n; i++) { perfdiff_bump(&x, (uint32_t)i); perfdiff_bump(&y, x >> {B}); }
              return ((uint64_t)x << 32) | y;
            }
            """),
        new("indirect-call", "indirect calls through function pointers", """
            static __attribute__((noinline)) uint32_t perfdiff_f0(uint32_t a, uint32_t b) { return a * 3u + b; }
            static __attribute__((noinline)) uint32_t perfdiff_f1(uint32_t a, uint32_t b) { return (a ^ b) + {C}u; }
            static __attribute__((noinline)) uint32_t perfdiff_f2(uint32_t a, uint32_t b) { return (a << 1) - b; }
            static __attribute__((noinline)) uint32_t perfdiff_f3(uint32_t a, uint32_t b) { return a + (b >> {B}); }
            static uint32_t (*const perfdiff_fns[4])(uint32_t, uint32_t) = { perfdiff_f0, perfdiff_f1, perfdiff_f2, perfdiff_f3 };
            static uint64_t perfdiff_hot(long n, uint32_t seed) {
              uint32_t a = seed;
              for (long i = 0; i < n; i++) a = perfdiff_fns[(a ^ (uint32_t)i) & 3](a, (uint32_t)i);
              return a;
            }
            """),
        new("switch-br-table", "switch on a dense range (br_table)", """
            static uint64_t perfdiff_hot(long n, uint32_t seed) {
              uint32_t a = seed;
              for (long i = 0; i < n; i++) {
                switch ((a + (uint32_t)i) & 15) {
                  case 0: a += 7u; break; case 1: a ^= 0x55u; break; case 2: a *= 3u; break; case 3: a -= {C}u; break;
                  case 4: a = (a << 3) | (a >> 29); break; case 5: a += i; break; case 6: a ^= a >> 7; break; case 7: a *= 5u; break;
                  case 8: a += {B}u; break; case 9: a ^= 0xA5A5u; break; case 10: a = ~a; break; case 11: a *= 7u; break;
                  case 12: a -= 1u; break; case 13: a ^= a << 9; break; case 14: a += a >> 3; break; default: a *= 9u; break;
                }
              }
              return a;
            }
            """),
        new("divrem-const", "division and remainder by constants", """
            static uint64_t perfdiff_hot(long n, uint32_t seed) {
              uint32_t x = seed | 1u; int32_t s = (int32_t)(seed & 0xffff); uint64_t h = 0;
              for (long i = 0; i < n; i++) {
                x = x * 1664525u + 1013904223u;
                s = (int32_t)(x >> 8) - 4194304;
                h += x / {C}u + x % {B}u + (uint32_t)(s / {B}) + (uint32_t)(s % {C});
              }
              return h;
            }
            """),
        new("i64-arith", "64-bit arithmetic", """
            static uint64_t perfdiff_hot(long n, uint32_t seed) {
              uint64_t x = 0x9E3779B97F4A7C15ull ^ seed, h = 0;
              for (long i = 0; i < n; i++) {
                x ^= x >> 12; x ^= x << 25; x ^= x >> 27;
                h += (x * 0x2545F4914F6CDD1Dull) >> {B};
                h = (h << {B}) | (h >> (64 - {B}));
              }
              return h;
            }
            """),
        new("small-memcpy", "memcpy / memset of small constant sizes", """
            static uint64_t perfdiff_hot(long n, uint32_t seed) {
              unsigned char a[96], b[96]; uint64_t h = seed;
              for (int j = 0; j < 96; j++) a[j] = (unsigned char)(seed >> (j % 24));
              for (long i = 0; i < n; i++) {
                memcpy(b + (i & 7), a + ((i >> 3) & 7), {A});
                memset(a + (i & 15), (int)(h & 255), {B});
                h = h * 31u + b[(i & 7) + {A} - 1] + a[{B}];
              }
              return h;
            }
            """),
        new("malloc-growth", "malloc growth (memory.grow)", """
            static uint64_t perfdiff_hot(long n, uint32_t seed) {
              uint64_t h = seed; uint32_t *v = 0; size_t len = 0, cap = 0;
              for (long i = 0; i < n; i++) {
                if (len == cap) {
                  if (cap >= (1u << 18)) { free(v); v = 0; len = cap = 0; }
                  cap = cap ? cap * 2 : {A};
                  uint32_t *w = (uint32_t *)realloc(v, cap * sizeof *w);
                  if (!w) { free(v); return h; }
                  v = w;
                }
                v[len] = (uint32_t)(h >> 7) + (uint32_t)i; len++;
                h = h * 31u + v[len / 2];
              }
              free(v);
              return h;
            }
            """),
        new("fmaxf-fminf", "fmaxf / fminf", """
            static uint64_t perfdiff_hot(long n, uint32_t seed) {
              float x = (float)(seed & 1023) / 1024.0f, lo = -0.5f, hi = 0.75f, acc = 0;
              for (long i = 0; i < n; i++) {
                x = fmaxf(fminf(x * 1.75f - 0.375f, hi), lo);
                if (x == hi || x == lo) x = (float)((i * {C}) & 1023) / 1024.0f;
                acc = fmaxf(acc, x) - fminf(acc, x) * 0.5f;
              }
              uint32_t bits; memcpy(&bits, &acc, sizeof bits); return bits;
            }
            """),
        new("subnormal", "arithmetic on subnormal floats", """
            static uint64_t perfdiff_hot(long n, uint32_t seed) {
              double d[{B}]; uint64_t h = 0;
              for (int j = 0; j < {B}; j++) d[j] = 4.9406564584124654e-324 * (double)((seed >> j) & 1023) + 1e-310;
              for (long i = 0; i < n; i++)
                for (int j = 0; j < {B}; j++) { d[j] = d[j] * 0.9990234375 + 1e-312; }
              for (int j = 0; j < {B}; j++) { uint64_t bits; memcpy(&bits, &d[j], sizeof bits); h = h * 31u + bits; }
              return h;
            }
            """),
        new("memory-size", "memory.size (__builtin_wasm_memory_size)", """
            #ifdef __wasm__
            #define PERFDIFF_PAGES() __builtin_wasm_memory_size(0)
            #else
            static volatile size_t perfdiff_native_pages = 2;
            #define PERFDIFF_PAGES() perfdiff_native_pages
            #endif
            static uint64_t perfdiff_hot(long n, uint32_t seed) {
              uint64_t h = seed;
              for (long i = 0; i < n; i++) h = h * 31u + (PERFDIFF_PAGES() > 1 ? (uint32_t)i : 7u);
              return h;
            }
            """),
    ];

    public static HotSpot? Find(string name) => All.FirstOrDefault(h => h.Name == name);
}
