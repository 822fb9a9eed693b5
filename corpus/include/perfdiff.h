/*
 * perfdiff.h - guest-side markers and checksum helpers for the wasm-perfdiff corpus.
 *
 * perfdiff_begin()/perfdiff_end() write "@perfdiff begin <unix-ns>" and "@perfdiff end <unix-ns>"
 * to stderr with CLOCK_REALTIME, the clock the harness also reads when it spawns and reaps the
 * process, so it can split a CLI runtime's wall time into startup+load, execution and teardown
 * (DESIGN.md section 4). Works the same under wasi-libc (clock_time_get) and glibc.
 *
 * The checksum helpers mix integers and the exact bits of doubles, so a program's output does
 * not depend on how a libc prints floating point numbers.
 */
#ifndef PERFDIFF_H
#define PERFDIFF_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static inline uint64_t perfdiff_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* -DPERFDIFF_NO_MARKERS builds a module without markers, as a corpus from elsewhere would be (the
 * tool then splits phases by baseline subtraction; see src/WasmPerfDiff/Corpus/BaselineModule.cs). */
#ifdef PERFDIFF_NO_MARKERS
static inline void perfdiff_begin(void) {}
static inline void perfdiff_end(void) {}
#else
static inline void perfdiff_begin(void)
{
    fprintf(stderr, "@perfdiff begin %llu\n", (unsigned long long)perfdiff_now_ns());
    fflush(stderr);
}

static inline void perfdiff_end(void)
{
    /* The clock is read before printing so the marker's own write is not counted. */
    uint64_t now = perfdiff_now_ns();
    fprintf(stderr, "@perfdiff end %llu\n", (unsigned long long)now);
    fflush(stderr);
}
#endif

/* Size argument: argv[1] if given (must be a positive integer), else the program's default, or PERFDIFF_BUILTIN_SIZE
   when built with it (a module whose size is fixed at build time and takes no argument, like PolyBench's). */
static inline long perfdiff_size(int argc, char **argv, long fallback)
{
    if (argc < 2) {
#ifdef PERFDIFF_BUILTIN_SIZE
        return PERFDIFF_BUILTIN_SIZE;
#else
        return fallback;
#endif
    }
    char *end = NULL;
    long n = strtol(argv[1], &end, 10);
    if (end == argv[1] || *end != '\0' || n <= 0) {
        fprintf(stderr, "bad size argument: %s\n", argv[1]);
        exit(2);
    }
    return n;
}

/* 64-bit mixing step (multiply-xorshift, constants from SplitMix64); order-sensitive. */
static inline uint64_t perfdiff_mix(uint64_t h, uint64_t v)
{
    h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
    h *= 0xbf58476d1ce4e5b9ull;
    h ^= h >> 31;
    return h;
}

static inline uint64_t perfdiff_mix_f64(uint64_t h, double d)
{
    uint64_t bits;
    memcpy(&bits, &d, sizeof bits);
    return perfdiff_mix(h, bits);
}

static inline uint64_t perfdiff_mix_bytes(uint64_t h, const void *data, size_t n)
{
    const unsigned char *p = (const unsigned char *)data;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 0x100000001b3ull; /* FNV-1a 64 prime */
    return h;
}

static inline void perfdiff_print_checksum(const char *name, uint64_t h)
{
    printf("%s checksum %016llx\n", name, (unsigned long long)h);
}

#endif
