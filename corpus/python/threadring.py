# perfdiff: test=20000 default=200000
# A token passed around a ring of 503 workers: generators stand in for threads (the WASI build has none).
from perfdiff import size, begin, end

RING = 503


def worker(ident, inbox):
    while True:
        token = yield
        inbox.append((ident, token))


hops = size(200000)
begin()
inbox = []
ring = [worker(i + 1, inbox) for i in range(RING)]
for g in ring:
    next(g)
token = hops
position = 0
last = None
while True:
    ring[position].send(token)
    last, token = inbox.pop()
    if token == 0:
        break
    token -= 1
    position = (position + 1) % RING
end()
print(last)
