# perfdiff: test=30 default=100
# The spectral norm of an infinite matrix by power iteration: nested loops of float division and sums.
from math import sqrt
from perfdiff import size, begin, end


def a(i, j):
    return 1.0 / ((i + j) * (i + j + 1) // 2 + i + 1)


def times(u):
    n = len(u)
    return [sum(a(i, j) * u[j] for j in range(n)) for i in range(n)]


def times_transposed(u):
    n = len(u)
    return [sum(a(j, i) * u[j] for j in range(n)) for i in range(n)]


n = size(120)
begin()
u = [1.0] * n
for _ in range(10):
    v = times_transposed(times(u))
    u = times_transposed(times(v))
vbv = sum(x * y for x, y in zip(u, v))
vv = sum(x * x for x in v)
end()
print("%.9f" % sqrt(vbv / vv))
