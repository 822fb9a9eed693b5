/* perfdiff: test=3000 triggers= */
/* bytecode-interp: a stack virtual machine whose dispatch loop is one big switch (a br_table in
 * wasm), running a bytecode program that sums Collatz sequence lengths and a small prime test. */
#include "perfdiff.h"

enum { PUSH, LOAD, STORE, ADD, SUB, MUL, DIV, MOD, LT, EQ, JMP, JZ, JNZ, DUP, POP, SHR, AND, INC, HALT };

static int64_t run(const int32_t *code, int64_t *vars)
{
    int64_t stack[64];
    int sp = 0, pc = 0;
    for (;;) {
        int32_t op = code[pc++];
        switch (op) {
        case PUSH: stack[sp++] = code[pc++]; break;
        case LOAD: stack[sp++] = vars[code[pc++]]; break;
        case STORE: vars[code[pc++]] = stack[--sp]; break;
        case ADD: sp--; stack[sp - 1] += stack[sp]; break;
        case SUB: sp--; stack[sp - 1] -= stack[sp]; break;
        case MUL: sp--; stack[sp - 1] *= stack[sp]; break;
        case DIV: sp--; stack[sp - 1] /= stack[sp]; break;
        case MOD: sp--; stack[sp - 1] %= stack[sp]; break;
        case LT: sp--; stack[sp - 1] = stack[sp - 1] < stack[sp]; break;
        case EQ: sp--; stack[sp - 1] = stack[sp - 1] == stack[sp]; break;
        case JMP: pc = code[pc]; break;
        case JZ: pc = stack[--sp] ? pc + 1 : code[pc]; break;
        case JNZ: pc = stack[--sp] ? code[pc] : pc + 1; break;
        case DUP: stack[sp] = stack[sp - 1]; sp++; break;
        case POP: sp--; break;
        case SHR: sp--; stack[sp - 1] >>= stack[sp]; break;
        case AND: sp--; stack[sp - 1] &= stack[sp]; break;
        case INC: vars[code[pc]]++; pc++; break;
        case HALT: return vars[0];
        default: return -1;
        }
    }
}

int main(int argc, char **argv)
{
    long n = perfdiff_size(argc, argv, 30000);
    /* vars: 0 total, 1 i, 2 x, 3 n, 4 steps. Jump targets are absolute indices into code[]. */
    const int32_t code[] = {
        /*  0 */ PUSH, 1, STORE, 1,                                   /* i = 1 */
        /*  4 */ LOAD, 1, LOAD, 3, LT, JZ, 84,                        /* while (i < n) */
        /* 11 */ LOAD, 1, STORE, 2, PUSH, 0, STORE, 4,                /* x = i; steps = 0 */
        /* 19 */ LOAD, 2, PUSH, 1, EQ, JNZ, 56,                       /* while (x != 1) */
        /* 26 */ INC, 4, LOAD, 2, PUSH, 1, AND, JZ, 47,               /* steps++; if (x & 1) */
        /* 35 */ LOAD, 2, PUSH, 3, MUL, PUSH, 1, ADD, STORE, 2, JMP, 19, /* x = 3x + 1 */
        /* 47 */ LOAD, 2, PUSH, 1, SHR, STORE, 2, JMP, 19,            /* else x >>= 1 */
        /* 56 */ LOAD, 0, LOAD, 4, ADD, STORE, 0,                     /* total += steps */
        /* 63 */ LOAD, 1, PUSH, 7, MOD, PUSH, 3, EQ, JZ, 80,          /* if (i % 7 == 3) */
        /* 73 */ LOAD, 0, LOAD, 1, ADD, STORE, 0,                     /* total += i */
        /* 80 */ INC, 1, JMP, 4,                                      /* i++ */
        /* 84 */ HALT,
    };
    int64_t vars[8] = {0};
    vars[3] = n;
    perfdiff_begin();
    int64_t total = run(code, vars);
    perfdiff_end();
    /* the same computation in C, to check the interpreter */
    int64_t check = 0;
    for (int64_t i = 1; i < n; i++) {
        int64_t x = i, steps = 0;
        while (x != 1) { steps++; x = (x & 1) ? 3 * x + 1 : x >> 1; }
        check += steps + (i % 7 == 3 ? i : 0);
    }
    printf("total %lld check %s\n", (long long)total, total == check ? "ok" : "FAILED");
    perfdiff_print_checksum("bytecode-interp", perfdiff_mix(0, (uint64_t)total));
    return total == check ? 0 : 1;
}
