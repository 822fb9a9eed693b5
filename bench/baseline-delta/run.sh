#!/bin/sh
# The clock error δ of a baseline-subtracted execution phase, measured: a campaign whose cases ARE baseline modules
# (the corpus module with an empty _start), so the scheduler pairs each measured run with a run of the same empty
# module exactly as it pairs a real run with its baseline (same shuffled rounds, the baseline right after the run),
# and the stored execution phase run − baseline is the pure error of the subtraction (true value 0).
# Runtimes: the shared CLI runtimes (wasm3, iwasm, iwasm-fast-jit, wasmedge-interp); modules: MODULES below.
# RUNS=N runs per cell (default 40). 4 runtimes × 4 modules × 40 runs × 2 processes ≈ 1,300 processes:
# about 1–2 min on 2 quiet cores. Needs clang for wasm32-wasi and ../shared/runtimes; prints the table of summarize.py.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=$(cd "$root/../shared/runtimes/bin" && pwd)
out=${OUT:-$(mktemp -d /tmp/perfdiff-baseline-delta.XXXXXX)}
runs=${RUNS:-40}
modules=${MODULES:-sha256 2mm nbody pidigits}
dotnet build "$root/src/WasmPerfDiff.Cli" -c Release -v q -nologo >/dev/null
tool="dotnet $root/src/WasmPerfDiff.Cli/bin/Release/net10.0/wasm-perfdiff.dll"
mkdir -p "$out/real" "$out/empty" "$out/tmp"

# The shared WasmEdge build's lib/libwasmedge.so.0 may be a plain file instead of a symlink: give the loader the real one.
mkdir -p "$out/wedge-lib"
ln -sf "$bin/../lib/"libwasmedge.so.0.* "$out/wedge-lib/libwasmedge.so.0"
printf '#!/bin/sh\nLD_LIBRARY_PATH=%s exec %s "$@"\n' "$out/wedge-lib" "$bin/wasmedge" > "$out/wasmedge.sh"
chmod +x "$out/wasmedge.sh"
cat > "$out/config.json" <<JSON
{ "paths": { "wasm3": "$bin/wasm3", "iwasm": "$bin/iwasm" },
  "runtimes": [
    { "name": "iwasm-fast-jit", "engine": "wamr", "tier": "fast-jit", "command": ["$bin/iwasm-fast-jit", "--fast-jit", "{wasm}", "{args}"] },
    { "name": "wasmedge-interp", "engine": "wasmedge", "tier": "interp", "command": ["$out/wasmedge.sh", "{wasm}", "{args}"] } ] }
JSON
rt=wasm3,iwasm,iwasm-fast-jit,wasmedge-interp

# 1. The modules built without markers (a module with markers gets marker phases, no baseline), at the test size;
#    one run each makes the campaign derive its baseline module into $TMPDIR.
python3 "$root/bench/real-corpus/make-corpus.py" "$out/real" --cases "$(echo $modules | tr ' ' ,)" >/dev/null
TMPDIR="$out/tmp" $tool run --config "$out/config.json" --corpus "$out/real" --runtime wasm3 --warmup 0 --min-runs 1 --max-runs 1 --db "$out/derive.db" >/dev/null
for m in $modules; do
  sha=$(sha256sum "$out/real/$m.wasm" | cut -d' ' -f1)
  cp "$out/tmp/wasm-perfdiff-baselines/$sha.baseline.wasm" "$out/empty/$m.wasm"
done

# 2. The campaign over the empty modules: each run is paired with its own baseline, as in any campaign.
TMPDIR="$out/tmp" $tool run --config "$out/config.json" --corpus "$out/empty" --runtime $rt --warmup 0 \
    --min-runs "$runs" --max-runs "$runs" --db "$out/delta.db" >/dev/null || true
python3 "$here/summarize.py" "$out/delta.db"
