# perfdiff: test=6 default=9
# Exact-cover search (Knuth's Algorithm X on dicts of sets) counting the tilings of a 3 x w board with trominoes:
# the search shape of the meteor puzzle on a board of our own choosing.
from perfdiff import size, begin, end

SHAPES = [
    [(0, 0), (0, 1), (0, 2)], [(0, 0), (1, 0), (2, 0)],               # I, both ways
    [(0, 0), (1, 0), (1, 1)], [(0, 0), (0, 1), (1, 0)],               # L, four ways
    [(0, 0), (0, 1), (1, 1)], [(0, 1), (1, 0), (1, 1)],
]


def placements(width):
    rows = {}
    for s, shape in enumerate(SHAPES):
        for r in range(3):
            for c in range(width):
                cells = [(r + dr, c + dc) for dr, dc in shape]
                if all(0 <= rr < 3 and 0 <= cc < width for rr, cc in cells):
                    rows[(s, r, c)] = [rr * width + cc for rr, cc in cells]
    return rows


def solve(columns, rows):
    if not columns:
        return 1
    col = min(columns, key=lambda k: len(columns[k]))
    total = 0
    for row in list(columns[col]):
        removed = select(columns, rows, row)
        total += solve(columns, rows)
        deselect(columns, rows, row, removed)
    return total


def select(columns, rows, row):
    removed = []
    for j in rows[row]:
        for i in columns[j]:
            for k in rows[i]:
                if k != j:
                    columns[k].remove(i)
        removed.append(columns.pop(j))
    return removed


def deselect(columns, rows, row, removed):
    for j in reversed(rows[row]):
        columns[j] = removed.pop()
        for i in columns[j]:
            for k in rows[i]:
                if k != j:
                    columns[k].add(i)


width = size(12)
rows = placements(width)
begin()
columns = {j: set() for j in range(3 * width)}
for key, cells in rows.items():
    for j in cells:
        columns[j].add(key)
count = solve(columns, rows)
end()
print("tilings of 3x%d with trominoes: %d" % (width, count))
