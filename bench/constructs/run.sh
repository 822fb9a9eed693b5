#!/usr/bin/env bash
# Construct fingerprint of every runtime this machine has, and whether it explains the corpus's known findings
# (methcall -> call_indirect, random -> rem by constant, fasta -> fd_write, flops -> float arithmetic), with the
# static opcode mix and, where perf works, with the mix weighted by each profiled finding's hot functions.
# One command, about 13-15 minutes on 2 quiet cores (every step is bounded by a budget). See README.md beside it.
#   bench/constructs/run.sh [OUT]
#   env: SCALE=0.1 RUNS=3 BUDGET_CONSTRUCTS=6m15s BUDGET_CORPUS=3m CORPUS_SIZE=test PROFILE_FINDINGS=6 PROFILE_SIZE=default
#        RUNTIMES=(default: the available ones of the shared builds, Wasmtime's and V8's tiers, JSC's) CORPUS_CASES=... WPD=(a tool command instead of building one)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
out=${1:-$repo/out/bench-constructs}
scale=${SCALE:-0.1}
runs=${RUNS:-3}
budget_constructs=${BUDGET_CONSTRUCTS:-6m15s}
budget_corpus=${BUDGET_CORPUS:-3m}
corpus_size=${CORPUS_SIZE:-test}
profile_findings=${PROFILE_FINDINGS:-6}
shared=${SHARED_RUNTIMES:-$repo/../shared/runtimes}
corpus_cases=${CORPUS_CASES:-methcall,methcall-cpp,random,fasta,flops-*,fib,sieve,nbody,richards}
started=$(date +%s)
step() { echo "[$(( $(date +%s) - started ))s] $*" >&2; }
mkdir -p "$out"
if [ -z "${WPD:-}" ]; then
  # A copy of the build: the embedded Wasmtime tiers run in workers started from the tool's own files,
  # so a rebuild during the campaign must not change them underneath it.
  step "building the tool (Release) into $out/tool"
  dotnet build "$repo/src/WasmPerfDiff.Cli" -c Release -o "$out/tool" >/dev/null
  WPD="dotnet $out/tool/wasm-perfdiff.dll"
fi

# The shared builds (those present), with wasmedge beside a lib/ of real symlinks (its libwasmedge.so.0 link may
# have been copied as a 20-byte text file; see tests/WasmPerfDiff.Tests/Support/SharedRuntimes.cs).
paths=""
add() { [ -x "$2" ] && paths="$paths${paths:+, }\"$1\": \"$2\"" || true; }
add wasm3 "$shared/bin/wasm3"
add iwasm "$shared/bin/iwasm"
add iwasm-fast-jit "$shared/bin/iwasm-fast-jit"
add iwasm-classic "$shared/bin/iwasm-fast-jit"
wasmedge=$shared/bin/wasmedge
if [ -f "$shared/lib/libwasmedge.so.0" ] && [ "$(stat -c %s "$shared/lib/libwasmedge.so.0")" -lt 4096 ]; then
  mkdir -p "$out/wasmedge/bin" "$out/wasmedge/lib"
  cp "$shared/bin/wasmedge" "$out/wasmedge/bin/"
  for f in "$shared"/lib/*; do [ "$(stat -c %s "$f")" -gt 4096 ] && ln -sf "$f" "$out/wasmedge/lib/"; done
  ln -sf "$(ls "$shared"/lib/libwasmedge.so.0.* | head -1)" "$out/wasmedge/lib/libwasmedge.so.0"
  wasmedge=$out/wasmedge/bin/wasmedge
fi
add wasmedge "$wasmedge"
echo "{ \"paths\": { $paths } }" > "$out/config.json"
# Default: each of these that `doctor` finds available (not every installed extra: node@20/22/24, wasm3-compile
# and the like would each add a column and blow the time budget).
wanted=${RUNTIMES:-wasmtime-cranelift,wasmtime-cranelift-o0,wasmtime-winch,wasmtime-pulley,v8-turbofan,v8-liftoff,jsc-ipint,jsc-bbq,jsc-omg,wasm3,iwasm,iwasm-fast-jit,iwasm-classic,wasmedge}
step "probing runtimes"
runtimes=$($WPD doctor --config "$out/config.json" --json 2>/dev/null | WANTED=$wanted python3 -c '
import json, os, sys
ok = {r["name"] for r in json.load(sys.stdin)["runtimes"] if r["available"]}
print(",".join(n for n in os.environ["WANTED"].split(",") if n in ok))')
[ -n "$runtimes" ] || { echo "no runtime available" >&2; exit 1; }
step "runtimes: $runtimes"
runtime_opt=(--runtime "$runtimes")

if [ ! -f "$out/constructs.db" ]; then
  step "gen constructs --scale $scale, campaign of $runs runs per cell (budget $budget_constructs)"
  $WPD gen constructs --out "$out/constructs" --scale "$scale" >/dev/null
  $WPD run --config "$out/config.json" --corpus "$out/constructs" "${runtime_opt[@]}" \
    --warmup 0 --min-runs "$runs" --max-runs "$runs" --max-time "$budget_constructs" --seed 15 --db "$out/constructs.db" > "$out/constructs-run.txt" || true
fi
if [ ! -f "$out/corpus.db" ]; then
  step "corpus campaign: $corpus_cases at the $corpus_size size (budget $budget_corpus)"
  $WPD run --config "$out/config.json" --cases "$corpus_cases" --size "$corpus_size" "${runtime_opt[@]}" \
    --warmup 0 --min-runs "$runs" --max-runs "$runs" --max-time "$budget_corpus" --seed 15 --db "$out/corpus.db" > "$out/corpus-run.txt" || true
fi
step "analysis with the static opcode mix"
$WPD analyze --db "$out/corpus.db" --constructs "$out/constructs.db" --json > "$out/analysis.json"
profiled=()
if [ "$profile_findings" -gt 0 ] && command -v perf >/dev/null; then
  if [ ! -f "$out/profiles/findings.json" ]; then
    # At the corpus's default size (a JIT spends most of a test-size run starting and compiling), each run cut at 8 s.
    step "perf profiles of the top $profile_findings findings (each against its peer, ${PROFILE_SIZE:-default} size)"
    timeout 300 $WPD profile --config "$out/config.json" --db "$out/corpus.db" --findings "$profile_findings" --size "${PROFILE_SIZE:-default}" \
      -F 9999 --timeout 8 \
      --out "$out/profiles" > "$out/profile.txt" 2>&1 || true
  fi
  if [ -f "$out/profiles/findings.json" ]; then
    step "analysis with the opcode mix weighted by the profiled findings' hot functions"
    $WPD analyze --db "$out/corpus.db" --constructs "$out/constructs.db" --profiles "$out/profiles" --json > "$out/analysis-profiled.json"
    profiled=("$out/analysis-profiled.json")
  fi
fi
flames=()
[ -f "$out/profiles/findings.json" ] && flames=(--flame-graphs "$out/profiles")
$WPD report --db "$out/corpus.db" --constructs "$out/constructs.db" "${flames[@]}" --out "$out/report.html" >/dev/null || true
step "summary (also in $out/summary.md)"
python3 "$here/summarize.py" "$out/analysis.json" "${profiled[@]}" | tee "$out/summary.md"
step "done"
