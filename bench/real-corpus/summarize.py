#!/usr/bin/env python3
"""Prints the tables of bench/real-corpus from OUT_DIR: cases ranked by the default analysis (with and without the
planted runtime, and with the old fixed 100 ms floor), the classified findings (top ones and every planted one), and
marker vs baseline execution phases (median and 95 % percentile-bootstrap interval) from the interleaved campaign."""
import json, os, random, sqlite3, statistics, sys

out = sys.argv[1]
PLANTED = "iwasm-planted"

def timing(d):
    return [f for f in d["findings"] if f["kind"] in ("consensus", "peer")]

print("## 1. Cases ranked\n")
print("| analysis | runtimes | cases ranked (of complete cases) | dropped (a runtime failed) | timing findings | anomalies | cells by phase method |")
print("|---|---|---|---|---|---|---|")
for name, label, rts in [("default", "default (precision floor)", "10 + planted"), ("unplanted", "default (precision floor)", "the 10, without the planted"),
                         ("fixed100", "old rule, --floor-ms 100", "10 + planted")]:
    path = f"{out}/{name}.json"
    if not os.path.exists(path): continue
    d = json.load(open(path))
    t = timing(d)
    methods = {}
    for c in d.get("cells") or []:
        methods[c["method"]] = methods.get(c["method"], 0) + 1
    print(f"| {label} | {rts} | **{d['cases'] - d['below_floor_cases']} of {d['cases']}** | {d['dropped_cases']} | {len(t)} | "
          f"{sum(f['verdict'] == 'anomaly' for f in t)} | {', '.join(f'{k} {v}' for k, v in sorted(methods.items()))} |")

def has_size(case):
    return os.path.exists(f"{out}/nomark/{case}.args")

print("\n## 2. Excess of the classified findings (analyze --classify-excess --classify-top N), in the new rank order\n")
path = f"{out}/classified.json"
if os.path.exists(path):
    c = json.load(open(path))
    rows = [f for f in timing(c) if f.get("excess") or f["runtime"] == PLANTED]
    print("| # | case | size arg | runtime | factor | 95 % CI | verdict | phases | excess | evidence |\n|---|---|---|---|---|---|---|---|---|---|")
    for i, f in enumerate(rows, 1):
        ci = f"{f['ci_low']:.2f}–{f['ci_high']:.2f}" if f.get("ci_low") is not None else ""
        mark = " (planted)" if f["runtime"] == PLANTED and f["case"] in ("mandelbrot", "crc32", "atax") else ""
        print(f"| {i} | {f['case']} | {'yes' if has_size(f['case']) else 'no'} | {f['runtime']}{mark} | {f['factor']:.2f}× | {ci} | {f['verdict']} | "
              f"{f.get('method') or ''} | {f.get('excess') or '(not classified)'} | {(f.get('excess_detail') or '').replace('|', '/')} |")
    counts = {}
    for f in rows:
        if f.get("excess"): counts[f["excess"]] = counts.get(f["excess"], 0) + 1
    print(f"\nclassified: {counts}")
    d = json.load(open(f"{out}/default.json"))
    seen = {(f["case"], f["runtime"]) for f in rows}
    for case in ("mandelbrot", "crc32", "atax"):
        if (case, PLANTED) not in seen:
            f = next((f for f in timing(d) if f["case"] == case and f["runtime"] == PLANTED), None)
            print(f"planted {case}: " + ("no finding (below the floor or dropped)" if f is None else
                  f"{f['factor']:.2f}× {f['verdict']}, not among the classified findings"))

def cells(db):
    con = sqlite3.connect(db)
    rows = con.execute("select case_name, runtime, execute_ms from run where status='ok' and execute_ms is not null").fetchall()
    cells = {}
    for c, r, ms in rows: cells.setdefault((c, r), []).append(ms)
    return cells

rng = random.Random(1)
def interval(xs):
    meds = sorted(statistics.median(rng.choices(xs, k=len(xs))) for _ in range(1000))
    return statistics.median(xs), meds[25], meds[974]

db = f"{out}/inter.db"
if os.path.exists(db):
    print("\n## 3. Marker vs baseline execution phases (both builds in one campaign, 5 runs per cell)\n")
    c = cells(db)
    print("| case | runtime | markers: median [95 % CI] ms | baseline: median [95 % CI] ms | intervals overlap |\n|---|---|---|---|---|")
    agree = total = 0
    for (case, rt), xs in sorted(c.items()):
        if not case.endswith("-markers") or (case[:-8], rt) not in c: continue
        mm, ml, mh = interval(xs); bm, bl, bh = interval(c[(case[:-8], rt)])
        ok = ml <= bh and bl <= mh
        agree += ok; total += 1
        print(f"| {case[:-8]} | {rt} | {mm:.1f} [{ml:.1f}, {mh:.1f}] | {bm:.1f} [{bl:.1f}, {bh:.1f}] | {'yes' if ok else 'no'} |")
    print(f"\n**{agree} of {total} cells agree within their intervals**")
