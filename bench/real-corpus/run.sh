#!/bin/sh
# A corpus as a user brings it: the project's programs rebuilt without @perfdiff markers at sizes where the
# fastest runtime executes for 10–80 ms, run on the embedded Wasmtime tiers, V8, and the command-line runtimes
# of ../shared/runtimes (wasm3, WAMR fast interpreter and Fast JIT, WasmEdge interpreter), plus a user runtime
# that sleeps 30 ms before starting Fast JIT (a fixed start cost). Then: the default analysis vs the old fixed
# 100 ms floor, the excess classes of the top findings, and marker vs baseline phases on a subset.
# Needs clang for wasm32-wasi (scripts/install-deps.sh) and ../shared/runtimes. About 35–45 min on 2 loaded cores.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=$(cd "$root/../shared/runtimes/bin" && pwd)
out=${OUT:-$(mktemp -d /tmp/perfdiff-real-corpus.XXXXXX)}
tool="dotnet run --project $root/src/WasmPerfDiff.Cli -c Release --"
sizes=$(cat "$here/sizes.txt")

python3 "$here/make-corpus.py" "$out/nomark" --size "$sizes"
python3 "$here/make-corpus.py" "$out/mark" --with-markers --size "$sizes"

# The shared WasmEdge build's lib/libwasmedge.so.0 may be a plain file instead of a symlink: give the loader the real one.
mkdir -p "$out/wedge-lib"
ln -sf "$bin/../lib/"libwasmedge.so.0.* "$out/wedge-lib/libwasmedge.so.0"
printf '#!/bin/sh\nLD_LIBRARY_PATH=%s exec %s "$@"\n' "$out/wedge-lib" "$bin/wasmedge" > "$out/wasmedge.sh"
printf '#!/bin/sh\n# a fixed start cost: 30 ms before the real runtime starts\nsleep 0.03\nexec %s --fast-jit "$@"\n' "$bin/iwasm-fast-jit" > "$out/slow-start.sh"
chmod +x "$out/wasmedge.sh" "$out/slow-start.sh"
cat > "$out/config.json" <<JSON
{ "paths": { "wasm3": "$bin/wasm3", "iwasm": "$bin/iwasm" },
  "runtimes": [
    { "name": "iwasm-fast-jit", "engine": "wamr", "tier": "fast-jit", "command": ["$bin/iwasm-fast-jit", "--fast-jit", "{wasm}", "{args}"] },
    { "name": "wasmedge-interp", "engine": "wasmedge", "tier": "interp", "command": ["$out/wasmedge.sh", "{wasm}", "{args}"] },
    { "name": "iwasm-slow-start", "engine": "wamr", "tier": "fast-jit", "command": ["$out/slow-start.sh", "{wasm}", "{args}"] } ] }
JSON
rt=wasmtime-cranelift,wasmtime-winch,wasmtime-pulley,v8-turbofan,wasm3,iwasm,iwasm-fast-jit,wasmedge-interp,iwasm-slow-start
$tool run --config "$out/config.json" --corpus "$out/nomark" --runtime $rt --warmup 0 --min-runs 3 --max-runs 3 --db "$out/bench.db" || true
$tool analyze --db "$out/bench.db" --runtimes $rt --json > "$out/default.json"
$tool analyze --db "$out/bench.db" --runtimes $rt --floor-ms 100 --json > "$out/fixed100.json"
$tool analyze --db "$out/bench.db" --runtimes $rt --config "$out/config.json" --classify-excess --json > "$out/classified.json"
$tool run --config "$out/config.json" --corpus "$out/mark" --cases 'gemm,2mm,atax,mandelbrot,nbody,fib,random,crc32,sha256,flops-1,methcall,quicksort' \
    --runtime wasm3,iwasm,iwasm-fast-jit --warmup 0 --min-runs 3 --max-runs 3 --db "$out/mark.db" || true
# The same comparison inside one campaign (both builds as cases, shuffled together): load affects both alike.
mkdir -p "$out/inter"
for n in gemm 2mm atax mandelbrot fib random crc32 sha256 flops-1 methcall quicksort nbody; do
  cp "$out/nomark/$n.wasm" "$out/nomark/$n.args" "$out/inter/"
  cp "$out/mark/$n.wasm" "$out/inter/$n-markers.wasm"; cp "$out/mark/$n.args" "$out/inter/$n-markers.args"
done
$tool run --config "$out/config.json" --corpus "$out/inter" --runtime wasm3,iwasm,iwasm-fast-jit --warmup 0 --min-runs 3 --max-runs 3 --db "$out/inter.db" || true
python3 "$here/summarize.py" "$out"
