#!/usr/bin/env python3
"""Distribution of run − paired baseline when both are the same empty module (true value 0): per runtime and module,
and per runtime over its modules. Columns: n, median, 95 % range of single differences (2.5th–97.5th percentile), the
95 % percentile-bootstrap interval of the median, and the mean wall time of a baseline run. The last line gives
δ as Analysis/DurationFloor defines it: the largest |median| of a runtime's differences pooled over its modules (the
offset of a cell median that no number of runs averages away; the spread is the cell's own u), never below 1 ms."""
import random, sqlite3, statistics, sys

db = sys.argv[1]
con = sqlite3.connect(db)
rows = con.execute("select runtime, case_name, execute_ms, startup_ms from run where status='ok' and phase_method='baseline'").fetchall()
cells, walls = {}, {}
for rt, case, d, base in rows:
    cells.setdefault((rt, case), []).append(d)
    walls.setdefault((rt, case), []).append(base)

def pct(xs, p):
    s = sorted(xs); k = (len(s) - 1) * p; lo = int(k); hi = min(lo + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)

rng = random.Random(1)
def median_ci(xs):
    meds = sorted(statistics.median(rng.choices(xs, k=len(xs))) for _ in range(2000))
    return meds[50], meds[1949]

def row(label, xs, base):
    lo, hi = median_ci(xs)
    m = statistics.median(xs)
    print(f"| {label} | {len(xs)} | {statistics.median(xs):+.2f} | {pct(xs, .025):+.2f} … {pct(xs, .975):+.2f} | "
          f"{lo:+.2f} … {hi:+.2f} | {statistics.mean(base):.1f} |")
    return abs(m)

print("| runtime / module | n | median (ms) | 95 % of single differences (ms) | 95 % CI of the median (ms) | baseline wall (ms) |")
print("|---|---|---|---|---|---|")
for key in sorted(cells):
    row(f"{key[0]} / {key[1]}", cells[key], walls[key])
worst = 0.0
for rt in sorted({k[0] for k in cells}):
    xs = [d for k, v in cells.items() if k[0] == rt for d in v]
    base = [b for k, v in walls.items() if k[0] == rt for b in v]
    worst = max(worst, row(f"**{rt}** (all modules)", xs, base))
everything = [d for v in cells.values() for d in v]
print(f"\nall cells: n = {len(everything)}, median {statistics.median(everything):+.2f} ms, "
      f"95 % of single differences {pct(everything, .025):+.2f} … {pct(everything, .975):+.2f} ms")
print(f"δ = max(1 ms, largest |median| of a runtime) = {max(1.0, worst):.2f} ms (largest |median| {worst:.2f} ms)")
