#!/usr/bin/env bash
# Construct fingerprint of every runtime this machine has, and the explanations it gives for the corpus's
# known findings. See README.md beside this script.
#   bench/constructs/run.sh [OUT]        (env: SCALE=0.03 RUNS=3 BUDGET=15m CORPUS_SIZE=test RUNTIMES=... WPD=command)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
out=${1:-$repo/out/bench-constructs}
scale=${SCALE:-0.03}
runs=${RUNS:-3}
budget=${BUDGET:-15m}
corpus_size=${CORPUS_SIZE:-test}
shared=${SHARED_RUNTIMES:-$repo/../shared/runtimes}
runtimes=${RUNTIMES:-wasmtime-cranelift,wasmtime-cranelift-o0,wasmtime-winch,wasmtime-pulley,v8-turbofan,v8-liftoff,wasm3,iwasm,iwasm-fast-jit,iwasm-classic,wasmedge}
corpus_cases=${CORPUS_CASES:-methcall,methcall-cpp,random,fasta,flops-*,fib,sieve,nbody,div64,fconv,matmul-float,richards,memops}
mkdir -p "$out"
if [ -z "${WPD:-}" ]; then
  # A copy of the build: the embedded Wasmtime tiers run in workers started from the tool's own files,
  # so a rebuild during the campaign must not change them underneath it.
  dotnet build "$repo/src/WasmPerfDiff.Cli" -c Release -o "$out/tool" >/dev/null
  WPD="dotnet $out/tool/wasm-perfdiff.dll"
fi

# The shared builds, with wasmedge beside a lib/ of real symlinks (its libwasmedge.so.0 link may have been
# copied as a 20-byte text file; see tests/WasmPerfDiff.Tests/Support/SharedRuntimes.cs).
wasmedge=$shared/bin/wasmedge
if [ -f "$shared/lib/libwasmedge.so.0" ] && [ "$(stat -c %s "$shared/lib/libwasmedge.so.0")" -lt 4096 ]; then
  mkdir -p "$out/wasmedge/bin" "$out/wasmedge/lib"
  cp "$shared/bin/wasmedge" "$out/wasmedge/bin/"
  for f in "$shared"/lib/*; do [ "$(stat -c %s "$f")" -gt 4096 ] && ln -sf "$f" "$out/wasmedge/lib/"; done
  ln -sf "$(ls "$shared"/lib/libwasmedge.so.0.* | head -1)" "$out/wasmedge/lib/libwasmedge.so.0"
  wasmedge=$out/wasmedge/bin/wasmedge
fi
cat > "$out/config.json" <<JSON
{ "paths": { "wasm3": "$shared/bin/wasm3", "iwasm": "$shared/bin/iwasm", "iwasm-fast-jit": "$shared/bin/iwasm-fast-jit",
  "iwasm-classic": "$shared/bin/iwasm-fast-jit", "wasmedge": "$wasmedge" } }
JSON

if [ ! -f "$out/constructs.db" ]; then
  $WPD gen constructs --out "$out/constructs" --scale "$scale" >/dev/null
  $WPD run --config "$out/config.json" --corpus "$out/constructs" --runtime "$runtimes" \
    --warmup 0 --min-runs "$runs" --max-runs "$runs" --max-time "$budget" --seed 15 --db "$out/constructs.db" > "$out/constructs-run.txt" || true
fi
if [ ! -f "$out/corpus.db" ]; then
  $WPD run --config "$out/config.json" --cases "$corpus_cases" --size "$corpus_size" --runtime "$runtimes" \
    --warmup 0 --min-runs "$runs" --max-runs "$runs" --max-time "$budget" --seed 15 --db "$out/corpus.db" > "$out/corpus-run.txt" || true
fi
$WPD analyze --db "$out/corpus.db" --constructs "$out/constructs.db" --json > "$out/analysis.json"
$WPD report --db "$out/corpus.db" --constructs "$out/constructs.db" --out "$out/report.html" >/dev/null || true
python3 "$here/summarize.py" "$out/analysis.json" | tee "$out/summary.md"
