# perfdiff: test=20 default=27
# Naive recursive Fibonacci: call overhead of the interpreter loop.
from perfdiff import size, begin, end


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


n = size(27)
begin()
r = fib(n)
end()
print("fib(%d) = %d" % (n, r))
