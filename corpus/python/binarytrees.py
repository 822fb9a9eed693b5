# perfdiff: test=8 default=12
# Allocate and walk many complete binary trees: allocation and garbage collection.
from perfdiff import size, begin, end


def build(depth):
    if depth == 0:
        return (None, None)
    depth -= 1
    return (build(depth), build(depth))


def count(node):
    left, right = node
    return 1 if left is None else 1 + count(left) + count(right)


max_depth = max(6, size(14))
begin()
lines = []
stretch = max_depth + 1
lines.append("stretch tree of depth %d\t check: %d" % (stretch, count(build(stretch))))
long_lived = build(max_depth)
for depth in range(4, max_depth + 1, 2):
    iterations = 1 << (max_depth - depth + 4)
    total = 0
    for _ in range(iterations):
        total += count(build(depth))
    lines.append("%d\t trees of depth %d\t check: %d" % (iterations, depth, total))
lines.append("long lived tree of depth %d\t check: %d" % (max_depth, count(long_lived)))
end()
print("\n".join(lines))
