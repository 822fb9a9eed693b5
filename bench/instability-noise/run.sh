#!/bin/sh
# Instability false flags under CPU load: a bounded campaign with no injected instability, run while a load generator
# (busy loops in bursts, started and stopped here) competes for the cores, then analysed by the old rule (main's build)
# and the new one (this tree's). Every "unstable cell" either rule reports is a false flag: nothing here is unstable
# by construction, only the machine is.
# Knobs: RUNS per cell (8), CASES, RUNTIMES, LOAD_WORKERS (2 busy loops), BURST (seconds on / off, 3), MAX_TIME (7m),
# BASE (the git revision of the old rule, main), BEFORE_DLL (an already built old CLI), DB (analyse this campaign
# instead of running one), OUT (scratch folder). Needs ../shared/runtimes for wasm3/iwasm; node for v8.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
# The shared CLI runtimes: beside the repository (../shared) or beside a worktree's parent (../../shared), or SHARED.
shared=${SHARED:-$(cd "$root/../shared/runtimes/bin" 2>/dev/null && pwd || cd "$root/../../shared/runtimes/bin" 2>/dev/null && pwd || true)}
out=${OUT:-$(mktemp -d /tmp/perfdiff-instability-noise.XXXXXX)}
runs=${RUNS:-8}
cases=${CASES:-knucleotide,sieve,heapsort,binary-trees,richards,memops,random,methcall-cpp,div64,quicksort,sha256,lz-compress}
runtimes=${RUNTIMES:-wasmtime-cranelift,wasmtime-winch,v8-turbofan,wasm3,iwasm,iwasm-fast-jit}
workers=${LOAD_WORKERS:-2}
burst=${BURST:-3}
max_time=${MAX_TIME:-7m}
mkdir -p "$out"

# Release builds, so a Debug build in the same tree during the campaign does not replace the worker it starts.
dotnet build "$root/src/WasmPerfDiff.Cli" -c Release -v q -nologo >/dev/null
after="dotnet $root/src/WasmPerfDiff.Cli/bin/Release/net10.0/wasm-perfdiff.dll"
if [ -z "${BEFORE_DLL:-}" ]; then
  mkdir -p "$out/before-src"
  git -C "$root" archive "${BASE:-main}" | tar -x -C "$out/before-src"
  dotnet build "$out/before-src/src/WasmPerfDiff.Cli" -c Release -v q -nologo >/dev/null
  BEFORE_DLL="$out/before-src/src/WasmPerfDiff.Cli/bin/Release/net10.0/wasm-perfdiff.dll"
fi
before="dotnet $BEFORE_DLL"

db=${DB:-}
if [ -z "$db" ]; then
  db="$out/campaign.db"
  cat > "$out/config.json" <<JSON
{ "paths": { "wasm3": "$shared/wasm3", "iwasm": "$shared/iwasm" },
  "runtimes": [ { "name": "iwasm-fast-jit", "engine": "wamr", "tier": "fast-jit", "command": ["$shared/iwasm-fast-jit", "--fast-jit", "{wasm}", "{args}"] } ] }
JSON
  # The load generator: $workers busy loops, each on for $burst s and off for $burst s, so the load comes in bursts
  # the way other jobs' builds do. Each loop is bounded by timeout(1), so nothing outlives the script even if it dies.
  limit=$(echo "$max_time" | sed 's/m$/*60/;s/s$//' | bc)
  pids=""
  [ -x "$shared/wasm3" ] || { echo "no shared runtimes at '$shared' (set SHARED=.../runtimes/bin)" >&2; exit 2; }
  for i in $(seq "$workers"); do
    timeout $((limit + 60)) sh -c "while :; do end=\$((\$(date +%s) + $burst)); while [ \$(date +%s) -lt \$end ]; do :; done; sleep $burst; done" &
    pids="$pids $!"
  done
  trap 'kill $pids 2>/dev/null || true' EXIT INT TERM
  start=$(date +%s)
  $after run --config "$out/config.json" --cases "$cases" --runtime "$runtimes" --size test --warmup 1 \
      --min-runs "$runs" --max-runs "$runs" --max-time "$max_time" --seed 7 --db "$db" >/dev/null || true
  kill $pids 2>/dev/null || true
  echo "campaign: $(( $(date +%s) - start )) s with $workers busy loops ($burst s on / $burst s off); load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
fi

count() { # $1 = CLI; prints the unstable cells and the cells both rules judge (those of cases above the duration floor)
  $1 analyze --db "$db" --json | python3 -c '
import json, sys
d = json.load(sys.stdin)
flags = [f for f in d["findings"] if f["kind"] == "instability"]
print(len(flags), (d["cases"] - d["below_floor_cases"]) * len(d["runtimes"]))'
}
set -- $(count "$before"); b=$1; cells=$2
set -- $(count "$after"); a=$1
python3 - "$b" "$a" "$cells" <<'PY'
import sys
b, a, cells = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
print("| rule | unstable cells (all false) | cells | false-flag rate |")
print("|---|---:|---:|---:|")
print(f"| before (main) | {b} | {cells} | {100 * b / cells:.1f} % |")
print(f"| after | {a} | {cells} | {100 * a / cells:.1f} % |")
PY
