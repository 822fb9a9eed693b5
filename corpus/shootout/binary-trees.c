/* perfdiff: test=12 triggers= */
/* Binary trees: allocate and walk many short-lived perfect trees and one long-lived tree. */
#include "perfdiff.h"

typedef struct Node { struct Node *l, *r; } Node;

static Node *make(int depth)
{
    Node *n = malloc(sizeof *n);
    if (depth > 0) { n->l = make(depth - 1); n->r = make(depth - 1); }
    else n->l = n->r = NULL;
    return n;
}

static long check(const Node *n) { return n->l ? 1 + check(n->l) + check(n->r) : 1; }

static void release(Node *n)
{
    if (n->l) { release(n->l); release(n->r); }
    free(n);
}

int main(int argc, char **argv)
{
    int max_depth = (int)perfdiff_size(argc, argv, 16);
    const int min_depth = 4;
    if (max_depth < min_depth + 2) max_depth = min_depth + 2;
    uint64_t h = 0;
    perfdiff_begin();
    Node *stretch = make(max_depth + 1);
    printf("stretch tree of depth %d\t check: %ld\n", max_depth + 1, check(stretch));
    release(stretch);
    Node *longlived = make(max_depth);
    for (int d = min_depth; d <= max_depth; d += 2) {
        long iters = 1L << (max_depth - d + min_depth), sum = 0;
        for (long i = 0; i < iters; i++) { Node *t = make(d); sum += check(t); release(t); }
        printf("%ld\t trees of depth %d\t check: %ld\n", iters, d, sum);
        h = perfdiff_mix(h, (uint64_t)sum);
    }
    printf("long lived tree of depth %d\t check: %ld\n", max_depth, check(longlived));
    release(longlived);
    perfdiff_end();
    perfdiff_print_checksum("binary-trees", h);
    return 0;
}
