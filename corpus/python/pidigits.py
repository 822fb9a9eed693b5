# perfdiff: test=200 default=1500
# Digits of pi by an unbounded spigot on Python's own big integers (no gmpy2: the WASI build has none).
from perfdiff import size, begin, end


def digits(count):
    q, r, t, k, n, l = 1, 0, 1, 1, 3, 3
    out = []
    while len(out) < count:
        if 4 * q + r - t < n * t:
            out.append(n)
            q, r, n = 10 * q, 10 * (r - n * t), (10 * (3 * q + r)) // t - 10 * n
        else:
            q, r, t, k, n, l = q * k, (2 * q + r) * l, t * l, k + 1, (q * (7 * k + 2) + r * l) // (t * l), l + 2
    return out


count = size(1500)
begin()
ds = digits(count)
end()
text = "".join(map(str, ds))
for i in range(0, len(text), 10):
    chunk = text[i:i + 10]
    print("%-10s\t:%d" % (chunk, i + len(chunk)))
