/* perfdiff: test=1000000 triggers=wasmedge-call-indirect */
/* methcall: "objects" with a vtable of function pointers in plain C; the hot loop calls methods
 * on objects of several classes, so every call is a wasm call_indirect (the WasmEdge AOT ~9x
 * slowdown shape). */
#include "perfdiff.h"

struct Obj;
typedef struct {
    uint32_t (*value)(const struct Obj *);
    void (*activate)(struct Obj *);
    uint32_t (*combine)(const struct Obj *, uint32_t);
} VTable;

typedef struct Obj { const VTable *vt; uint32_t state, count, limit; } Obj;

static uint32_t toggle_value(const Obj *o) { return o->state; }
static void toggle_activate(Obj *o) { o->state ^= 1u; }
static uint32_t toggle_combine(const Obj *o, uint32_t x) { return x * 3u + o->state; }

static uint32_t nth_value(const Obj *o) { return o->state * 2u + o->count; }
static void nth_activate(Obj *o) { if (++o->count >= o->limit) { o->state ^= 1u; o->count = 0; } }
static uint32_t nth_combine(const Obj *o, uint32_t x) { return (x ^ o->count) + o->limit; }

static uint32_t counter_value(const Obj *o) { return o->count; }
static void counter_activate(Obj *o) { o->count = o->count * 5u + 1u; }
static uint32_t counter_combine(const Obj *o, uint32_t x) { return x + (o->count >> 3); }

static const VTable kToggle = {toggle_value, toggle_activate, toggle_combine};
static const VTable kNth = {nth_value, nth_activate, nth_combine};
static const VTable kCounter = {counter_value, counter_activate, counter_combine};

int main(int argc, char **argv)
{
    long n = perfdiff_size(argc, argv, 30000000);
    enum { NOBJ = 64 };
    Obj objs[NOBJ];
    const VTable *kinds[3] = {&kToggle, &kNth, &kCounter};
    uint32_t s = (uint32_t)argc * 2654435761u;
    for (int i = 0; i < NOBJ; i++) {
        s ^= s << 13; s ^= s >> 17; s ^= s << 5;
        objs[i] = (Obj){kinds[s % 3], s & 1, 0, 2 + s % 5};
    }
    uint32_t acc = 0;
    perfdiff_begin();
    for (long i = 0; i < n; i++) {
        Obj *o = &objs[i & (NOBJ - 1)];
        o->vt->activate(o);
        acc = o->vt->combine(o, acc) + o->vt->value(o);
    }
    perfdiff_end();
    printf("acc %u\n", acc);
    perfdiff_print_checksum("methcall", perfdiff_mix(0, acc));
    return 0;
}
