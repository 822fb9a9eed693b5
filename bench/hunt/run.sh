#!/bin/sh
# gen programs and a short hunt, timed, on the runtimes available here:
#   1. gen programs --count $COUNT (default 50): time taken, kept / rejected by reason (gen.json, programs/);
#   2. hunt --max-time $HUNT_TIME (default 10m) on embedded Wasmtime ×4, V8 ×2 (node on PATH) and the command-line
#      runtimes of ../shared/runtimes (wasm3, WAMR fast interpreter / Fast JIT / classic interpreter, WasmEdge), through
#      a config this script writes with absolute paths (hunt.json, hunt/).
# Needs: a Debug build (dotnet build), clang for wasm32-wasi, csmith + libcsmith-dev + libclang-rt-14-dev
# (scripts/install-deps.sh), node, and ../shared/runtimes (SHARED=DIR elsewhere). OUT=DIR keeps everything there.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
shared=$(cd "${SHARED:-$root/../shared/runtimes}" && pwd)
out=${OUT:-$(mktemp -d /tmp/perfdiff-hunt.XXXXXX)}
count=${COUNT:-50}
hunt_time=${HUNT_TIME:-10m}
cli="dotnet $root/src/WasmPerfDiff.Cli/bin/Debug/net10.0/wasm-perfdiff.dll"
mkdir -p "$out"

# WasmEdge finds its library through RUNPATH $ORIGIN/../lib; where that folder's soname link was copied as a text
# file, run it from a bin/ beside a lib/ of real symlinks.
wasmedge="$shared/bin/wasmedge"
if [ ! -L "$shared/lib/libwasmedge.so.0" ] && [ "$(wc -c < "$shared/lib/libwasmedge.so.0")" -lt 4096 ]; then
  mkdir -p "$out/wasmedge/bin" "$out/wasmedge/lib"
  for f in "$shared"/lib/*.so.*; do [ "$(wc -c < "$f")" -gt 4096 ] && ln -sf "$f" "$out/wasmedge/lib/"; done
  ln -sf "$(cat "$shared/lib/libwasmedge.so.0")" "$out/wasmedge/lib/libwasmedge.so.0"
  cp "$shared/bin/wasmedge" "$out/wasmedge/bin/wasmedge"
  wasmedge="$out/wasmedge/bin/wasmedge"
fi
cat > "$out/wasm-perfdiff.json" <<JSON
{
  "paths": { "wasm3": "$shared/bin/wasm3", "iwasm": "$shared/bin/iwasm", "wasmedge": "$wasmedge" },
  "runtimes": [
    { "name": "iwasm-classic", "engine": "wamr", "tier": "classic-interp", "command": ["$shared/bin/iwasm-fast-jit", "--interp", "{wasm}", "{args}"] },
    { "name": "iwasm-fast-jit", "engine": "wamr", "tier": "fast-jit", "command": ["$shared/bin/iwasm-fast-jit", "--fast-jit", "{wasm}", "{args}"] }
  ]
}
JSON
runtimes=wasmtime-cranelift,wasmtime-cranelift-o0,wasmtime-winch,wasmtime-pulley,v8-turbofan,v8-liftoff,wasm3,iwasm,iwasm-fast-jit,iwasm-classic,wasmedge
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

start=$(date +%s)
$cli gen programs --count "$count" --seed 1 --out "$out/programs" --json > "$out/gen.json" || true
echo "gen programs --count $count: $(( $(date +%s) - start )) s" >&2
python3 - "$out/gen.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
print(f"generated {d['generated']}, kept {d['kept']}, rejected {d['generated'] - d['kept']} in {d['seconds']:.0f} s")
print("| reason | programs |\n|---|--:|")
print(f"| kept | {d['kept']} |")
for k, v in d['rejected_by'].items(): print(f"| {k} | {v} |")
pats = sorted({p['pattern'] for p in d['programs']} | {r['pattern'] for r in d['rejected']})
print("\n| hot spot | kept | rejected |\n|---|--:|--:|")
for p in pats:
    print(f"| {p} | {sum(x['pattern'] == p for x in d['programs'])} | {sum(x['pattern'] == p for x in d['rejected'])} |")
PY

start=$(date +%s)
# Short programs (2–20 ms natively): the interpreters run the default 20–200 ms programs for seconds each, and a
# 10-minute hunt then spends its budget on their warm-up runs (README, run 1).
$cli hunt --config "$out/wasm-perfdiff.json" --max-time "$hunt_time" --runtime "$runtimes" --seed 7 --batch 8 --min-ms 2 --max-ms 20 \
  --out "$out/hunt" --json > "$out/hunt.json" || true
echo "hunt --max-time $hunt_time: $(( $(date +%s) - start )) s; load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
cat "$out/hunt/hunt.md"
echo "everything is in $out" >&2
