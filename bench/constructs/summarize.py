#!/usr/bin/env python3
"""Summarizes `analyze --json --constructs` output: the fingerprint table (Markdown) and, for the corpus's
known cases, each finding's explanations and whether they name the intended construct."""
import json, sys

doc = json.load(open(sys.argv[1]))
fp = doc.get("fingerprint")
if not fp:
    sys.exit("no fingerprint in the analysis (was --constructs given?)")
cells = {(c["construct"], c["runtime"]): c for c in fp["cells"]}
rts = fp["runtimes"]
print("### Construct fingerprint: cost against the peers (construct/baseline per iteration, relative to the consensus)\n")
print("| construct | " + " | ".join(rts) + " |")
print("|---|" + "--:|" * len(rts))
for c in fp["constructs"]:
    row = []
    for rt in rts:
        cell = cells[(c, rt)]
        if cell["relative"] is None:
            row.append("–")
        else:
            v = cell["relative"]
            row.append(f"**{v:.2f}**" if v >= 1.5 else f"{v:.2f}")
    print(f"| {c} | " + " | ".join(row) + " |")

print("\n### Raw cost (time per iteration of the construct loop / of its baseline loop)\n")
print("| construct | " + " | ".join(rts) + " |")
print("|---|" + "--:|" * len(rts))
for c in fp["constructs"]:
    print(f"| {c} | " + " | ".join("–" if cells[(c, rt)]["cost"] is None else f"{cells[(c, rt)]['cost']:.2f}" for rt in rts) + " |")

intended = {
    "methcall": ["call_indirect"], "methcall-cpp": ["call_indirect"],
    "random": ["i32.rem by constant", "i64.rem by constant"],
    "fasta": ["call fd_write"],
}
for i in range(1, 7):
    intended[f"flops-{i}"] = ["f64.add/sub", "f64.mul", "f64.div", "f64.sqrt", "f32.add/sub", "f32.mul", "f32.div", "f32.sqrt"]

print("\n### Explanations of the known cases' findings\n")
print("| case | runtime | factor | verdict | top explanations | names the intended construct? |")
print("|---|---|--:|---|---|---|")
timing = [f for f in doc["findings"] if f["kind"] in ("consensus", "peer")]
for case, wanted in intended.items():
    mine = [f for f in timing if f["case"] == case]
    if not mine:
        print(f"| {case} | – | – | – | no execution finding on any runtime | n/a |")
        continue
    for f in mine:
        ex = f.get("explanations") or []
        names = [e["opcode_class"] for e in ex]
        text = "; ".join(f"{e['opcode_class']} {e['relative']:.2f}× ({e['share']*100:.1f} %)" for e in ex) or "none"
        hit = "first" if names and names[0] in wanted else ("yes (not first)" if any(n in wanted for n in names) else "no")
        factor = f"{f['factor']:.2f}" if f.get("factor") is not None else ""
        print(f"| {case} | {f['runtime']} | {factor} | {f['verdict']} | {text} | {hit} |")
