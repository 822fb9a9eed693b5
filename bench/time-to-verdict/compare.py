#!/usr/bin/env python3
"""Compares bench/time-to-verdict's two campaigns in OUT_DIR (fixed.* and adaptive.*): each cell's verdict in the default
analysis of each (a cell without a timing finding is not an anomaly: its factor is under √threshold, or its case is under
the floor), the anomaly sets, every disagreement, the runs and the machine time each took."""
import json, re, sqlite3, sys
from collections import Counter

out = sys.argv[1]
# The second campaign: the adaptive one, or "fixed-again" (a second fixed campaign: how far two fixed ones agree).
second = sys.argv[2] if len(sys.argv) > 2 else "adaptive"

def verdicts(name):
    d = json.load(open(f"{out}/{name}.json"))
    cells = {(c["case"], c["runtime"]): "no-anomaly" for c in d.get("cells") or []}
    found = {}
    for f in d["findings"]:
        if f["kind"] in ("consensus", "peer"):
            cells[(f["case"], f["runtime"])] = f["verdict"]
            found[(f["case"], f["runtime"])] = f
    return d, cells, found

def runs(name):
    db = sqlite3.connect(f"file:{out}/{name}.db?mode=ro", uri=True)
    per_cell = Counter({(c, r): n for c, r, n in db.execute("SELECT case_name, runtime, COUNT(*) FROM run GROUP BY case_name, runtime")})
    return per_cell

def describe(f):
    if f is None: return "no finding"
    lo, hi = f.get("ci_low"), f.get("ci_high")
    ci = f" [{lo:.2f}, {hi:.2f}]" if lo is not None and hi is not None else ""
    return f"×{f['factor']:.2f}{ci} {f['verdict']}"

fixed_doc, fixed, fixed_found = verdicts("fixed")
adaptive_doc, adaptive, adaptive_found = verdicts(second)
seconds = {n: float(open(f"{out}/{n}.seconds").read()) for n in ("fixed", second)}
fixed_runs, adaptive_runs = runs("fixed"), runs(second)

cells = sorted(set(fixed) | set(adaptive))
agree = [c for c in cells if fixed.get(c) == adaptive.get(c)]
anomalies_fixed = {c for c, v in fixed.items() if v == "anomaly"}
anomalies_adaptive = {c for c, v in adaptive.items() if v == "anomaly"}

print("| campaign | cells analysed | cases ranked | runs | runs per cell (min / median / max) | machine time | anomalies | undecided |")
print("|---|---|---|---|---|---|---|---|")
for name, doc, v, per_cell in (("fixed 10", fixed_doc, fixed, fixed_runs), (second, adaptive_doc, adaptive, adaptive_runs)):
    counts = sorted(per_cell.values()) or [0]
    key = "fixed" if name == "fixed 10" else second
    print(f"| {name} | {len(v)} | {doc['cases'] - doc['below_floor_cases']} of {doc['cases']} | {sum(counts)} | "
          f"{counts[0]} / {counts[len(counts) // 2]} / {counts[-1]} | {seconds[key]:.0f} s | "
          f"{sum(x == 'anomaly' for x in v.values())} | {sum(x == 'undecided' for x in v.values())} |")
share = seconds[second] / seconds["fixed"] if seconds["fixed"] else float("nan")
print()
print(f"cells agreeing: {len(agree)} of {len(cells)} ({100 * len(agree) / max(1, len(cells)):.1f} %; target ≥ 95 %)")
print(f"same anomaly set: {'yes' if anomalies_fixed == anomalies_adaptive else 'no'} "
      f"({len(anomalies_fixed & anomalies_adaptive)} in both, {len(anomalies_fixed - anomalies_adaptive)} only fixed, "
      f"{len(anomalies_adaptive - anomalies_fixed)} only adaptive)")
print(f"machine time: {second} {share:.0%} of fixed (target ≤ 40 %)")
settled = sum(1 for c in adaptive_runs if adaptive_runs[c] < 10)
print(f"adaptive cells that stopped before 10 runs (settled or failed): {settled} of {len(adaptive_runs)}")
# The campaign's own count when it ended (its last progress line): settled by the stopping rule, still open, failed.
progress = re.findall(r"cells (\d+) settled / (\d+) open \((\d+) undecided\) of (\d+), (\d+) failed", open(f"{out}/{second}.log").read())
if progress:
    done, open_, undecided, total, failed = map(int, progress[-1])
    print(f"adaptive campaign at its end: {done} of {total} cells settled ({100 * done / max(1, total):.1f} %; target ≥ 90 %), "
          f"{open_} open ({undecided} undecided), {failed} failed")
disagreements = [c for c in cells if c not in agree]
if disagreements:
    print(f"\n| case | runtime | fixed 10 | {second} (runs) |")
    print("|---|---|---|---|")
    for c in disagreements:
        print(f"| {c[0]} | {c[1]} | {describe(fixed_found.get(c)) if c in fixed else 'not analysed'} | "
              f"{describe(adaptive_found.get(c)) if c in adaptive else 'not analysed'} ({adaptive_runs.get(c, 0)}) |")
