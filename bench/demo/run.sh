#!/usr/bin/env bash
# Wall time of `wasm-perfdiff demo` on this machine with its case × runtime count.
# Target (issue 6): ≥ 40 cases × ≥ 6 runtimes within 10 minutes on 2 cores.
#   bench/demo/run.sh [extra demo options, e.g. --max-time 5m --size test]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
# OUT=DIR keeps the demo's folder, its JSON and its console (stderr); otherwise they go with the temporary folder.
work=${OUT:-$(mktemp -d)}
[ -n "${OUT:-}" ] || trap 'rm -rf "$work"' EXIT
mkdir -p "$work"

dotnet build "$root/src/WasmPerfDiff.Cli" -c Release -o "$work/bin" -v q -nologo >/dev/null

start=$(date +%s.%N)
# Progress goes to stderr (shown); stdout is the one JSON document of --json.
dotnet "$work/bin/wasm-perfdiff.dll" demo --out "$work/demo" --json "$@" > "$work/demo.json" 2> >(tee "$work/demo.log" >&2)
end=$(date +%s.%N)

python3 - "$work/demo.json" "$start" "$end" "$(nproc)" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
c = doc["campaign"]
wall = float(sys.argv[3]) - float(sys.argv[2])
print(f"demo ({c['end']}): {c['cases']} cases × {c['runtimes']} runtimes = {c['cases'] * c['runtimes']} cells, "
      f"{c['runs']} runs, size {c['size']}")
print(f"wall {wall:.1f} s (campaign {c['campaign_s']} s, budget {c['budget_s']:.0f} s) on {sys.argv[4]} cores")
print(f"dropped by the budget plan: {', '.join(c['dropped_cases']) or 'nothing'}")
print(f"findings: {doc['counts']['anomalies']} execution anomalies, {doc['counts']['startup_anomalies']} startup, "
      f"{doc['counts']['divergences']} divergences, {doc['counts']['failed_cells']} failed cells")
for r in sorted(doc["runtimes"], key=lambda r: r["speed_factor"] or 1e9):
    f = r["speed_factor"]
    print(f"  {r['name']:<24} {('%.2f×' % f) if f else '–':>8}  {r['ok_cells']}/{r['cells']} cells ok")
PY
# How many cases are ranked: the report's method line names those below the duration floor.
grep -o "floor [0-9.]* ms ([0-9]* of [0-9]* cases below it)" "$work/demo/report.md" || true
