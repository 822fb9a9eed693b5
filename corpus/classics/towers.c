/* perfdiff: test=16 triggers= */
/* towers: Towers of Hanoi with explicit pegs (arrays of discs), checking every move is legal. */
#include "perfdiff.h"

typedef struct { int disc[64]; int top; } Peg;
static Peg pegs[3];
static uint64_t moves, h;

static void move_one(int from, int to)
{
    int d = pegs[from].disc[--pegs[from].top];
    if (pegs[to].top && pegs[to].disc[pegs[to].top - 1] < d) { printf("illegal move\n"); exit(1); }
    pegs[to].disc[pegs[to].top++] = d;
    moves++;
    h = h * 31 + (uint64_t)(d * 9 + from * 3 + to);
}

static void hanoi(int n, int from, int to, int via)
{
    if (n == 0) return;
    hanoi(n - 1, from, via, to);
    move_one(from, to);
    hanoi(n - 1, via, to, from);
}

int main(int argc, char **argv)
{
    int n = (int)perfdiff_size(argc, argv, 22);
    if (n > 40) n = 40;
    for (int i = 0; i < n; i++) pegs[0].disc[i] = n - i;
    pegs[0].top = n;
    perfdiff_begin();
    hanoi(n, 0, 2, 1);
    hanoi(n, 2, 0, 1);
    perfdiff_end();
    printf("moves %llu\n", (unsigned long long)moves);
    perfdiff_print_checksum("towers", h);
    return 0;
}
