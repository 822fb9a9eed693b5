#!/usr/bin/env bash
# The Python corpus on every runtime here: which runtimes run which programs, each runtime's start-up + compile
# cost for the interpreter module, the top execution and load anomalies, and the top findings on command-line
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

# Start-up + compile + instantiate per runtime (median over its runs), from the exported rows.
tool export --db "$db" --format csv --out "$out/runs.csv"
python3 - "$out/runs.csv" <<'PY'
import csv, statistics, sys, collections
load, execute, status = collections.defaultdict(list), collections.defaultdict(list), collections.defaultdict(collections.Counter)
for r in csv.DictReader(open(sys.argv[1])):
    status[r["runtime"]][r["status"]] += 1
    if r["status"] != "ok": continue
    phases = [float(r[k]) for k in ("startup_ms", "compile_ms", "instantiate_ms") if r[k]]
    load[r["runtime"]].append(sum(phases))
    if r["execute_ms"]: execute[r["runtime"]].append(float(r["execute_ms"]))
print(f"{'runtime':24} {'load ms (median)':>17} {'execute ms (median)':>20}  runs by status")
for rt in sorted(status):
    l = f"{statistics.median(load[rt]):.0f}" if load[rt] else "-"
    e = f"{statistics.median(execute[rt]):.0f}" if execute[rt] else "-"
    print(f"{rt:24} {l:>17} {e:>20}  {dict(status[rt])}")
PY

# The top execution findings on runtimes with a command line of their own, re-timed with hyperfine against the peer.
if command -v hyperfine >/dev/null; then
  tool analyze --db "$db" --json > "$out/analyze.json"
  tool doctor "${cfg[@]}" --json > "$out/doctor.json"
  python3 - "$out" <<'PY' > "$out/confirm.sh"
import json, shlex, sys, pathlib
out = pathlib.Path(sys.argv[1])
a = json.load(open(out / "analyze.json")); d = json.load(open(out / "doctor.json"))
manifest = json.load(open(out / "corpus" / "manifest.json"))
cases = {c["name"]: c for c in manifest["cases"]}
path = {r["name"]: r["path"] for r in d["runtimes"] if r["available"] and r["path"]}
def argv(rt, case):
    c = cases[case]; pre = c["preopen"]; wasm = c["wasm"]; args = c["sizes"]["default"]["args"]
    if rt.startswith("iwasm"):
        mode = {"iwasm-fast-jit": ["--fast-jit", "--jit-codecache-size=134217728"], "iwasm-classic": ["--interp"]}.get(rt, [])
        return [path[rt], *mode, "--stack-size=8388608", f"--dir={pre}", wasm, *args]
    v8 = {"v8-liftoff": ["--liftoff", "--liftoff-only", "--no-wasm-tier-up", "--no-wasm-dynamic-tiering"], "v8-turbofan": ["--no-liftoff"]}
    if rt in v8: return ["node", "--no-warnings", *v8[rt], str(pathlib.Path("bench/hunt/wasi-run.mjs").resolve()), "--dir", pre, wasm, *args]
    if rt.startswith("wasmedge"): return [path[rt], f"--dir={pre}:{pre}", wasm, *args]
    if rt == "wasm3": return [path[rt], "--stack-size", "1048576", wasm, *args]
    return None
shown = 0
for f in a["findings"]:
    if f["verdict"] != "anomaly" or f["kind"] not in ("peer", "consensus") or not f.get("peer"): continue
    mine, peer = argv(f["runtime"], f["case"]), argv(f["peer"], f["case"])
    if not mine or not peer: continue
    print(f"echo '== {f['case']}: {f['runtime']} vs {f['peer']} (tool: {f['factor']:.2f}x [{f['ci_low']:.2f}, {f['ci_high']:.2f}])'")
    print("(cd / && hyperfine -N -w 1 -r 5 " + shlex.quote(shlex.join(mine)) + " " + shlex.quote(shlex.join(peer)) + ")")
    shown += 1
    if shown == 2: break
PY
  bash "$out/confirm.sh"
fi
echo "report: $out/report.html"
