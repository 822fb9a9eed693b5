/* perfdiff: test=1000000 triggers=wasmedge-call-indirect */
/* methcall-cpp: the methcall shape with C++ virtual methods (a base class and three derived
 * classes); every call in the hot loop goes through the vtable (call_indirect in wasm).
 * Uses no C++ standard library (no new, no RTTI, no exceptions), so it links without libc++. */
#include "perfdiff.h"

class Base {
public:
    virtual uint32_t value() const { return 0; }
    virtual void activate() {}
    virtual uint32_t combine(uint32_t x) const { return x; }
    uint32_t state = 0, count = 0, limit = 1;
};

class Toggle : public Base {
public:
    uint32_t value() const override { return state; }
    void activate() override { state ^= 1u; }
    uint32_t combine(uint32_t x) const override { return x * 3u + state; }
};

class NthToggle : public Base {
public:
    uint32_t value() const override { return state * 2u + count; }
    void activate() override { if (++count >= limit) { state ^= 1u; count = 0; } }
    uint32_t combine(uint32_t x) const override { return (x ^ count) + limit; }
};

class Counter : public Base {
public:
    uint32_t value() const override { return count; }
    void activate() override { count = count * 5u + 1u; }
    uint32_t combine(uint32_t x) const override { return x + (count >> 3); }
};

enum { NOBJ = 64 };
static Toggle toggles[NOBJ];
static NthToggle nths[NOBJ];
static Counter counters[NOBJ];

int main(int argc, char **argv)
{
    long n = perfdiff_size(argc, argv, 30000000);
    Base *objs[NOBJ];
    uint32_t s = (uint32_t)argc * 2654435761u;
    for (int i = 0; i < NOBJ; i++) {
        s ^= s << 13; s ^= s >> 17; s ^= s << 5;
        Base *o = s % 3 == 0 ? static_cast<Base *>(&toggles[i]) : s % 3 == 1 ? static_cast<Base *>(&nths[i]) : static_cast<Base *>(&counters[i]);
        o->state = s & 1; o->count = 0; o->limit = 2 + s % 5;
        objs[i] = o;
    }
    uint32_t acc = 0;
    perfdiff_begin();
    for (long i = 0; i < n; i++) {
        Base *o = objs[i & (NOBJ - 1)];
        o->activate();
        acc = o->combine(acc) + o->value();
    }
    perfdiff_end();
    printf("acc %u\n", acc);
    perfdiff_print_checksum("methcall-cpp", perfdiff_mix(0, acc));
    return 0;
}
