/* perfdiff: test=500000 triggers= */
/* fconv: conversions between floating point and integers of every width and signedness
 * (trunc, convert, promote, demote), all kept in range so C has no undefined behaviour and wasm
 * never traps. */
#include "perfdiff.h"

int main(int argc, char **argv)
{
    long n = perfdiff_size(argc, argv, 20000000);
    uint64_t acc = 0;
    double dacc = 0;
    float facc = 0;
    uint32_t s = 1;
    perfdiff_begin();
    for (long i = 0; i < n; i++) {
        s = s * 1664525u + 1013904223u;
        int32_t si = (int32_t)s;
        double d = (double)si * 0.73;                 /* i32 -> f64 */
        int32_t back = (int32_t)(d / 2.0);            /* f64 -> i32 (|d/2| < 2^31) */
        uint32_t ub = (uint32_t)((double)s * 0.5);    /* f64 -> u32 */
        float f = (float)d;                           /* f64 -> f32 */
        int64_t l = (int64_t)((double)f * 1024.0);    /* f32 -> f64 -> i64 */
        uint64_t ul = (uint64_t)((double)s * 4096.0); /* f64 -> u64 */
        float fu = (float)ul;                         /* u64 -> f32 */
        double dl = (double)l;                        /* i64 -> f64 */
        acc += (uint64_t)back + ub + (uint64_t)l + (uint64_t)(int32_t)(fu / 65536.0f);
        dacc += dl * 1e-9 + (double)(uint32_t)(f < 0 ? -f : f) * 1e-6;
        facc += (float)(back & 0xff) * 0.5f;
    }
    perfdiff_end();
    printf("acc %llu dacc %.3f facc %.1f\n", (unsigned long long)acc, dacc, (double)facc);
    perfdiff_print_checksum("fconv", perfdiff_mix_f64(perfdiff_mix(0, acc), dacc));
    return 0;
}
