#!/usr/bin/env python3
"""Prints the numbers of bench/real-corpus: cases ranked by default vs a fixed 100 ms floor, the top findings
with their excess classes, and marker vs baseline execution phases (median and 95 % percentile-bootstrap interval)."""
import json, random, sqlite3, statistics, sys
out = sys.argv[1]
for name in ["default", "fixed100"]:
    d = json.load(open(f"{out}/{name}.json"))
    t = [f for f in d["findings"] if f["kind"] in ("consensus", "peer")]
    print(f"{name}: {d['cases'] - d['below_floor_cases']} of {d['cases']} complete cases ranked ({d['dropped_cases']} dropped),"
          f" {len(t)} timing findings, {sum(f['verdict'] == 'anomaly' for f in t)} anomalies; phases: {d['method_summary']}")
c = json.load(open(f"{out}/classified.json"))
print("\n| # | case | runtime | factor | 95 % CI | verdict | phases | excess | detail |\n|---|---|---|---|---|---|---|---|---|")
for i, f in enumerate([f for f in c["findings"] if f["kind"] in ("consensus", "peer")][:12], 1):
    print(f"| {i} | {f['case']} | {f['runtime']} | {f['factor']:.2f}× | {f['ci_low']:.2f}–{f['ci_high']:.2f} | {f['verdict']} | {f['method']} | {f.get('excess') or ''} | {f.get('excess_detail') or ''} |")

def cells(db):
    con = sqlite3.connect(db)
    rows = con.execute("select case_name, runtime, execute_ms from run where status='ok' and execute_ms is not null").fetchall()
    cells = {}
    for c, r, ms in rows: cells.setdefault((c, r), []).append(ms)
    return cells

def interval(xs, rng):
    meds = sorted(statistics.median(rng.choices(xs, k=len(xs))) for _ in range(1000))
    return statistics.median(xs), meds[25], meds[974]

rng = random.Random(1)
m, b = cells(f"{out}/mark.db"), cells(f"{out}/bench.db")
print("\n| case | runtime | markers: median [95 % CI] ms | baseline: median [95 % CI] ms | intervals overlap |\n|---|---|---|---|---|")
agree = total = 0
for key in sorted(m):
    if key not in b: continue
    mm, ml, mh = interval(m[key], rng); bm, bl, bh = interval(b[key], rng)
    ok = ml <= bh and bl <= mh
    agree += ok; total += 1
    print(f"| {key[0]} | {key[1]} | {mm:.1f} [{ml:.1f}, {mh:.1f}] | {bm:.1f} [{bl:.1f}, {bh:.1f}] | {'yes' if ok else 'no'} |")
print(f"\n{agree} of {total} cells agree within their intervals")

def interleaved(db):
    """Marker vs baseline phases from one campaign whose corpus holds NAME.wasm (no markers) and NAME-markers.wasm."""
    c = cells(db)
    print("\n| case | runtime | markers: median [95 % CI] ms | baseline: median [95 % CI] ms | intervals overlap |\n|---|---|---|---|---|")
    agree = total = 0
    for (case, rt), xs in sorted(c.items()):
        if not case.endswith("-markers") or (case[:-8], rt) not in c: continue
        mm, ml, mh = interval(xs, rng); bm, bl, bh = interval(c[(case[:-8], rt)], rng)
        ok = ml <= bh and bl <= mh
        agree += ok; total += 1
        print(f"| {case[:-8]} | {rt} | {mm:.1f} [{ml:.1f}, {mh:.1f}] | {bm:.1f} [{bl:.1f}, {bh:.1f}] | {'yes' if ok else 'no'} |")
    print(f"\n{agree} of {total} cells agree within their intervals (one campaign, interleaved)")

import os
if os.path.exists(f"{out}/inter.db"): interleaved(f"{out}/inter.db")
