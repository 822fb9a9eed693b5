/* perfdiff: test=20 triggers=wasmedge-call-indirect */
/* richards: an operating-system scheduler simulation in the spirit of Richards' benchmark:
 * prioritized task control blocks, each with its own function pointer, exchanging packets
 * through work queues, waiting, holding and releasing one another. */
#include "perfdiff.h"

enum { IDLE, WORKER, HANDLER_A, HANDLER_B, DEVICE_A, DEVICE_B, NTASK };
enum { WAITING = 1, HELD = 2, HAS_PACKET = 4 };

typedef struct Packet { struct Packet *next; int dest, kind, a1; unsigned char data[4]; } Packet;
struct Task;
typedef struct Task *(*TaskFn)(struct Task *, Packet *);
typedef struct Task { int id, prio, flags; Packet *queue; TaskFn fn; uint32_t v1, v2; Packet *held; } Task;

static Task tasks[NTASK];
static Task *current;
static uint32_t queued, holds;

static Task *find_ready(void)
{
    /* highest priority task that is neither held nor waiting without a packet */
    Task *best = NULL;
    for (int i = 0; i < NTASK; i++) {
        Task *t = &tasks[i];
        if (t->flags & HELD) continue;
        if ((t->flags & WAITING) && !t->queue) continue;
        if (!best || t->prio > best->prio) best = t;
    }
    return best;
}

static void enqueue(Packet *p, int dest)
{
    Task *t = &tasks[dest];
    p->next = NULL;
    Packet **q = &t->queue;
    while (*q) q = &(*q)->next;
    *q = p;
    queued++;
}

static Packet *dequeue(Task *t)
{
    Packet *p = t->queue;
    if (p) t->queue = p->next;
    return p;
}

static Task *send(Packet *p, int dest) { p->dest = dest; enqueue(p, dest); return find_ready(); }
static Task *hold_self(Task *t) { t->flags |= HELD; holds++; return find_ready(); }
static Task *wait_self(Task *t) { t->flags |= WAITING; return find_ready(); }
static Task *release(int id) { tasks[id].flags &= ~HELD; return find_ready(); }

static Task *idle_fn(Task *t, Packet *p)
{
    (void)p;
    if (--t->v2 == 0) return hold_self(t);
    if (t->v1 & 1) { t->v1 = (t->v1 >> 1) ^ 0xD008u; return release(DEVICE_B); }
    t->v1 >>= 1;
    return release(DEVICE_A);
}

static Task *worker_fn(Task *t, Packet *p)
{
    if (!p) return wait_self(t);
    t->v1 = t->v1 == HANDLER_A ? HANDLER_B : HANDLER_A;
    p->a1 = 0;
    for (int i = 0; i < 4; i++) { t->v2 = t->v2 + 1 > 26 ? 1 : t->v2 + 1; p->data[i] = (unsigned char)('A' + t->v2 - 1); }
    return send(p, (int)t->v1);
}

static void append(Packet **list, Packet *p)
{
    p->next = NULL;
    while (*list) list = &(*list)->next;
    *list = p;
}

/* A handler keeps work packets (from the worker) and device packets in two private lists and
 * feeds one byte of the current work packet to its device per device packet. */
static Packet *work_lists[NTASK], *dev_lists[NTASK];

static Task *handler_fn(Task *t, Packet *p)
{
    if (p) append(p->kind == 1 ? &work_lists[t->id] : &dev_lists[t->id], p);
    Packet *work = work_lists[t->id];
    if (work) {
        if (work->a1 >= 4) { work_lists[t->id] = work->next; return send(work, WORKER); }
        Packet *dev = dev_lists[t->id];
        if (dev) {
            dev_lists[t->id] = dev->next;
            dev->a1 = work->data[work->a1++];
            return send(dev, t->id == HANDLER_A ? DEVICE_A : DEVICE_B);
        }
    }
    return wait_self(t);
}

static Task *device_fn(Task *t, Packet *p)
{
    if (!p) {
        if (!t->held) return wait_self(t);
        Packet *q = t->held; t->held = NULL;
        return send(q, t->id == DEVICE_A ? HANDLER_A : HANDLER_B);
    }
    t->held = p;
    t->v1 += (uint32_t)p->a1;
    return hold_self(t);
}

static uint64_t run(uint32_t count)
{
    static Packet pool[16];
    int np = 0;
    memset(tasks, 0, sizeof tasks);
    memset(work_lists, 0, sizeof work_lists);
    memset(dev_lists, 0, sizeof dev_lists);
    TaskFn fns[NTASK] = {idle_fn, worker_fn, handler_fn, handler_fn, device_fn, device_fn};
    int prios[NTASK] = {0, 1000, 2000, 3000, 4000, 5000};
    for (int i = 0; i < NTASK; i++) { tasks[i].id = i; tasks[i].prio = prios[i]; tasks[i].fn = fns[i]; }
    tasks[IDLE].v1 = 1; tasks[IDLE].v2 = count;
    tasks[WORKER].v1 = HANDLER_A; tasks[WORKER].flags = WAITING;
    for (int i = 0; i < 2; i++) { Packet *p = &pool[np++]; memset(p, 0, sizeof *p); p->kind = 1; enqueue(p, WORKER); }
    for (int h = HANDLER_A; h <= HANDLER_B; h++) {
        tasks[h].flags = WAITING;
        for (int i = 0; i < 3; i++) { Packet *p = &pool[np++]; memset(p, 0, sizeof *p); p->kind = 0; enqueue(p, h); }
    }
    tasks[DEVICE_A].flags = tasks[DEVICE_B].flags = WAITING;
    queued = holds = 0;
    current = find_ready();
    uint64_t steps = 0;
    while (current) {
        Packet *p = NULL;
        if (current->queue) { p = dequeue(current); current->flags &= ~WAITING; }
        current = current->fn(current, p);
        steps++;
    }
    return steps * 1000003u + queued * 31u + holds + tasks[DEVICE_A].v1 + tasks[DEVICE_B].v1;
}

int main(int argc, char **argv)
{
    long n = perfdiff_size(argc, argv, 1500);
    uint64_t h = 0;
    perfdiff_begin();
    for (long i = 0; i < n; i++) h = perfdiff_mix(h, run(10000 + (uint32_t)(i % 7)));
    perfdiff_end();
    printf("queued %u holds %u\n", queued, holds);
    perfdiff_print_checksum("richards", h);
    return 0;
}
