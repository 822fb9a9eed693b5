# perfdiff: test=7 default=8
# Pancake flips over every permutation of 1..n: small-list indexing and slicing.
from perfdiff import size, begin, end

n = size(9)
begin()
perm = list(range(n))
counts = [0] * n
checksum = 0
max_flips = 0
index = 0
while True:
    p = perm[:]
    flips = 0
    first = p[0]
    while first:
        p[: first + 1] = p[first::-1]
        flips += 1
        first = p[0]
    max_flips = max(max_flips, flips)
    checksum += flips if index % 2 == 0 else -flips
    index += 1
    # next permutation in the counting order used by the classic benchmark
    r = 1
    while r < n:
        perm.insert(r, perm.pop(0))
        counts[r] += 1
        if counts[r] <= r:
            break
        counts[r] = 0
        r += 1
    else:
        break
end()
print("%d\nPfannkuchen(%d) = %d" % (checksum, n, max_flips))
