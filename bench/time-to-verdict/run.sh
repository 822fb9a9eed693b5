#!/bin/sh
# Time to verdict (issue 27): the same marker-free corpus (bench/real-corpus's programs and sizes) on the same runtimes,
# run twice with the same seed — fixed: 10 measured runs per cell; adaptive: the defaults (3–10 runs, a cell stops once
# its verdict is settled) — then compares the two analyses cell by cell and the machine time each campaign took.
# Target (issue 27): ≥ 95 % of cells agree, the same anomaly set, adaptive ≤ 40 % of the fixed campaign's time.
# Environment: CASES=a,b,c (default: every program), RUNTIMES=a,b (default: the ten below), SEED, OUT=DIR (kept),
# BUDGET (the adaptive campaign's --max-time, default 40m), ONLY=adaptive (keep OUT's fixed
# campaign, rerun the adaptive one) or ONLY=fixed-again (keep it, run a second fixed one and compare the two).
# Needs clang for wasm32-wasi (scripts/install-deps.sh), node, and ../shared/runtimes for wasm3 and WAMR.
# Full run: ~51 cases × 10 runtimes, about 45 min on 2 quiet cores (fixed 30 min, adaptive 10 min).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=$(cd "${RUNTIMES_DIR:-$root/../shared/runtimes}/bin" && pwd)
out=${OUT:-$(mktemp -d /tmp/perfdiff-time-to-verdict.XXXXXX)}
seed=${SEED:-27}
only=${CASES:+--cases $CASES}
rt=${RUNTIMES:-wasmtime-cranelift,wasmtime-cranelift-o0,wasmtime-winch,wasmtime-pulley,v8-turbofan,v8-liftoff,wasm3,iwasm,iwasm-fast-jit,iwasm-classic}

dotnet build "$root/src/WasmPerfDiff.Cli" -c Release -v q -nologo >/dev/null
tool="dotnet $root/src/WasmPerfDiff.Cli/bin/Release/net10.0/wasm-perfdiff.dll"
mkdir -p "$out"
python3 "$root/bench/real-corpus/make-corpus.py" "$out/corpus" --size "$(cat "$root/bench/real-corpus/sizes.txt")" \
    --no-size-arg polybench $only >/dev/null
cat > "$out/config.json" <<JSON
{ "paths": { "wasm3": "$bin/wasm3", "iwasm": "$bin/iwasm" },
  "runtimes": [
    { "name": "iwasm-fast-jit", "engine": "wamr", "tier": "fast-jit", "command": ["$bin/iwasm-fast-jit", "--fast-jit", "{wasm}", "{args}"] },
    { "name": "iwasm-classic", "engine": "wamr", "tier": "classic-interp", "command": ["$bin/iwasm-fast-jit", "--interp", "{wasm}", "{args}"] } ] }
JSON

now() { python3 -c "import time; print(time.time())"; }
# One campaign; its wall time (the machine time it bought) goes to NAME.seconds.
campaign() {
  name=$1; shift
  start=$(now)
  $tool run --config "$out/config.json" --corpus "$out/corpus" --runtime "$rt" --warmup 0 --seed "$seed" --db "$out/$name.db" "$@" \
      >/dev/null 2>"$out/$name.log" || true
  python3 -c "print($(now) - $start)" > "$out/$name.seconds"
  $tool analyze --db "$out/$name.db" --json > "$out/$name.json"
}
echo "corpus: $(ls "$out/corpus"/*.wasm | wc -l) cases × $(echo "$rt" | tr ',' '\n' | wc -l) runtimes; files in $out" >&2
# ONLY=…: the fixed campaign already in OUT is kept (same corpus, same seed).
[ -n "${ONLY:-}" ] && [ -f "$out/fixed.json" ] || campaign fixed --min-runs 10 --max-runs 10
if [ "${ONLY:-}" = fixed-again ]; then
  # The control: a second fixed campaign, to see how far two fixed ones agree (the noise floor of the comparison).
  campaign fixed-again --min-runs 10 --max-runs 10
  python3 "$here/compare.py" "$out" fixed-again
  exit
fi
campaign adaptive --max-time "${BUDGET:-40m}"   # the issue's budget: how many verdicts are settled when it ends
python3 "$here/compare.py" "$out"
