#!/usr/bin/env python3
"""Summarizes `analyze --json --constructs` output: the fingerprint table (Markdown), the raw costs and, for the
corpus's known cases, each finding's explanations and whether they name the construct the case was written to
trigger, ending in a hits/misses table. Usage: summarize.py STATIC.json [PROFILED.json]
(PROFILED: the same analysis with --profiles, the opcode mix of profiled findings weighted by their hot functions)."""
import json, sys

docs = [("static", json.load(open(sys.argv[1])))]
if len(sys.argv) > 2:
    docs.append(("perf-profiled", json.load(open(sys.argv[2]))))
doc = docs[0][1]
fp = doc.get("fingerprint")
if not fp:
    sys.exit("no fingerprint in the analysis (was --constructs given?)")
cells = {(c["construct"], c["runtime"]): c for c in fp["cells"]}
rts = fp["runtimes"]
print("### Construct fingerprint: cost against the closest peers (median over up to 3, the analysis's peer model; "
      "† = against the consensus, no peer ran it; bold ≥ 1.5×; – = did not run)\n")
print("| construct | " + " | ".join(rts) + " |")
print("|---|" + "--:|" * len(rts))
for c in fp["constructs"]:
    row = []
    for rt in rts:
        cell = cells[(c, rt)]
        if cell["relative"] is None:
            row.append("–")
            continue
        v = cell["relative"]
        s = f"{v:.2f}" + ("" if cell.get("basis") == "peer" else "†")
        row.append(f"**{s}**" if v >= 1.5 else s)
    print(f"| {c} | " + " | ".join(row) + " |")

print("\n### Raw cost (time per iteration of the construct loop / of its baseline loop)\n")
print("| construct | " + " | ".join(rts) + " |")
print("|---|" + "--:|" * len(rts))
for c in fp["constructs"]:
    print(f"| {c} | " + " | ".join("–" if cells[(c, rt)]["cost"] is None else f"{cells[(c, rt)]['cost']:.2f}" for rt in rts) + " |")

missing = sorted({(c["runtime"], c["missing"].split(":")[0]) for c in fp["cells"] if c.get("missing")})
if missing:
    print("\nMissing cells (not slow): " + "; ".join(f"{rt}: {why}" for rt, why in missing))

floats = ["f64.add/sub", "f64.mul", "f64.div", "f64.sqrt", "f32.add/sub", "f32.mul", "f32.div", "f32.sqrt"]
intended = {
    "methcall": ("methcall", ["call_indirect"]), "methcall-cpp": ("methcall", ["call_indirect"]),
    "random": ("random", ["i32.rem by constant", "i64.rem by constant"]),
    "fasta": ("fasta", ["call fd_write"]),
}
for i in range(1, 7):
    intended[f"flops-{i}"] = ("flops", floats)
groups = {"methcall": "call_indirect", "random": "rem by constant", "fasta": "fd_write", "flops": "float arithmetic"}

summary = {}
for label, d in docs:
    print(f"\n### Explanations of the known cases' findings ({label})\n")
    print("| case | runtime | factor | verdict | opcode mix | top explanations | names the intended construct? |")
    print("|---|---|--:|---|---|---|---|")
    timing = [f for f in d["findings"] if f["kind"] in ("consensus", "peer")]
    for case, (group, wanted) in intended.items():
        mine = [f for f in timing if f["case"] == case]
        s = summary.setdefault((label, group), {"findings": 0, "first": 0, "named": 0, "missed": 0})
        if not mine:
            print(f"| {case} | – | – | – | – | no execution finding on any runtime | n/a |")
            continue
        for f in mine:
            ex = f.get("explanations") or []
            names = [e["opcode_class"] for e in ex]
            weighting = ex[0].get("weighting", "static") if ex else "–"
            text = "; ".join(f"{e['opcode_class']} {e['relative']:.2f}× vs {e.get('peer') or 'consensus'} ({e['share']*100:.1f} %)" for e in ex) or "none"
            first = bool(names) and names[0] in wanted
            named = any(n in wanted for n in names)
            hit = "first" if first else ("yes (not first)" if named else "no")
            s["findings"] += 1
            s["first"] += first
            s["named"] += named and not first
            s["missed"] += not named
            factor = f"{f['factor']:.2f}" if f.get("factor") is not None else ""
            print(f"| {case} | {f['runtime']} | {factor} | {f['verdict']} | {weighting} | {text} | {hit} |")

print("\n### Validation: do the explanations name the construct each case was written to trigger?\n")
print("| case group | intended construct | opcode mix | findings | named first | named (not first) | missed |")
print("|---|---|---|--:|--:|--:|--:|")
for (label, group), s in summary.items():
    print(f"| {group} | {groups[group]} | {label} | {s['findings']} | {s['first']} | {s['named']} | {s['missed']} |")
