#!/usr/bin/env bash
# The Python corpus on every runtime here: which runtimes run which programs, each runtime's start-up + compile
# cost for the interpreter module and its frozen twin, the top execution and load anomalies, and the top findings on command-line
# runtimes re-timed outside the tool (hyperfine on the runtime's own command line, against a peer).
# Usage: [CONFIG=FILE] bench/python/run.sh [BUDGET=40m] [SIZE=default]
# CONFIG (default ../shared/runtimes/wasm-perfdiff.json) registers the command-line runtimes; see README.md here for
# the WAMR Fast JIT flags CPython needs.
set -euo pipefail
cd "$(dirname "$0")/../.."
budget=${1:-40m}; size=${2:-default}
out=${OUT:-/tmp/perfdiff-bench-python}; mkdir -p "$out"
config=${CONFIG:-../shared/runtimes/wasm-perfdiff.json}
dotnet build src/WasmPerfDiff.Cli -c Release -v q -nologo >/dev/null
tool() { dotnet src/WasmPerfDiff.Cli/bin/Release/net10.0/wasm-perfdiff.dll "$@"; }
cfg=(); [ -f "$config" ] && cfg=(--config "$config")

tool build --python --out "$out/corpus"
db="$out/python-$size.db"; rm -f "$db"
start=$(date +%s)
tool run "${cfg[@]}" --corpus "$out/corpus" --size "$size" --warmup 0 --min-runs 3 --max-runs 5 --max-time "$budget" --db "$db" || true
echo "campaign: $(( $(date +%s) - start )) s"
tool report --db "$db" --out "$out/report.html" --md "$out/report.md" >/dev/null
tool analyze --db "$db" --top 8
tool analyze --db "$db" --phase load --top 8

# Start-up + compile + instantiate per runtime and module (median over its runs), from the exported rows: the
# 6.5 MB interpreter reading its library through the preopen (py-) and the 20.6 MB frozen twin (pyfrozen-).
tool export --db "$db" --format csv --out "$out/runs.csv"
python3 - "$out/runs.csv" <<'PY'
import csv, statistics, sys, collections
load, execute, status = collections.defaultdict(list), collections.defaultdict(list), collections.defaultdict(collections.Counter)
for r in csv.DictReader(open(sys.argv[1])):
    key = (r["runtime"], "frozen" if r["case"].startswith("pyfrozen-") else "preopened")
    status[key][r["status"]] += 1
    if r["status"] != "ok": continue
    phases = [float(r[k]) for k in ("startup_ms", "compile_ms", "instantiate_ms") if r[k]]
    load[key].append(sum(phases))
    if r["execute_ms"]: execute[key].append(float(r["execute_ms"]))
print(f"{'runtime':24} {'module':10} {'load ms (median)':>17} {'execute ms (median)':>20}  runs by status")
for key in sorted(status):
    l = f"{statistics.median(load[key]):.0f}" if load[key] else "-"
    e = f"{statistics.median(execute[key]):.0f}" if execute[key] else "-"
    print(f"{key[0]:24} {key[1]:10} {l:>17} {e:>20}  {dict(status[key])}")
PY

# The top execution findings on runtimes with a command line of their own, re-timed against the peer by
# bench/hunt/outside.sh (hyperfine, whole process): each case staged as NAME.wasm (a link to the interpreter) + NAME.args.
if command -v hyperfine >/dev/null; then
  tool analyze --db "$db" --json > "$out/analyze.json"
  mkdir -p "$out/outside"
  python3 - "$out" "$size" <<'PY' > "$out/top-two.txt"
import json, sys, pathlib
out, size = pathlib.Path(sys.argv[1]), sys.argv[2]
cases = {c["name"]: c for c in json.load(open(out / "corpus" / "manifest.json"))["cases"]}
own = {"iwasm", "iwasm-classic", "iwasm-fast-jit", "wasmedge", "v8-liftoff", "v8-turbofan"}  # outside.sh's, that run CPython
shown = 0
for f in json.load(open(out / "analyze.json"))["findings"]:
    if f["verdict"] != "anomaly" or f["kind"] not in ("peer", "consensus") or f["runtime"] not in own or f.get("peer") not in own: continue
    c = cases[f["case"]]
    link = out / "outside" / (c["name"] + ".wasm")
    if not link.is_symlink(): link.symlink_to(c["wasm"])
    (out / "outside" / (c["name"] + ".args")).write_text(" ".join(c["sizes"][size]["args"]) + "\n")
    print(f["runtime"], f["peer"], c["name"], c["preopen"], f"{f['factor']:.2f}x [{f['ci_low']:.2f}, {f['ci_high']:.2f}]")
    shown += 1
    if shown == 2: break
PY
  while read -r rt peer name pre says; do
    echo "== $name: $rt vs $peer (tool: $says)"
    PREOPEN=$pre SHARED=$(dirname "$config") RUNS=5 WARMUP=1 OUT="$out/outside" bench/hunt/outside.sh "$rt" "$peer" "$out/outside" "$name" < /dev/null
  done < "$out/top-two.txt"
fi
echo "report: $out/report.html"
