#!/usr/bin/env bash
# compare/bisect validation on real engines (see README.md here).
#   bench/compare/run.sh real     Node 20 vs 22 and Node 22 vs 24 (V8 TurboFan), whole corpus, each twice
#   bench/compare/run.sh aa       A = A three times (the false-call rate)
#   bench/compare/run.sh bisect   bisect over wasm3 ×3 and a planted wasm3 ×2 (runs the case twice)
# Environment: SIZE / METRIC / WARMUP / MIN_RUNS / MAX_RUNS / MAX_TIME / RUNS for `real` (default: default / phases / 1 / 5 / 10 / 7m / "1 2"); AA_RUNTIME / AA_SIZE / AA_METRIC / AA_MAX_TIME for `aa`
# (default: wasm3 from ../shared/runtimes at test size, 5m); OUT (default: a temp folder, kept).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${OUT:-$(mktemp -d /tmp/compare-bench.XXXX)}
mkdir -p "$out"
bin="$out/bin"
[ -x "$bin/wasm-perfdiff" ] || dotnet build "$root/src/WasmPerfDiff.Cli" -c Release -o "$bin" -v q -nologo >/dev/null
cli="$bin/wasm-perfdiff"
wasm3=${WASM3:-$root/../shared/runtimes/bin/wasm3}
cat > "$out/config.json" <<JSON
{ "paths": { "wasm3": "$wasm3" },
  "runtimes": [ { "name": "wasm3-planted", "engine": "wasm3", "tier": "interp",
    "command": ["$root/bench/injected-slowdown/inject.sh", "${PLANTED:-sieve}", "{wasm}", "--", "$wasm3", "--stack-size", "1048576", "{wasm}", "{args}"] } ] }
JSON
summary() { node "$here/summary.js" "$@"; }

case ${1:-all} in
real|all)
  for pair in "v8-turbofan@20 v8-turbofan@22" "v8-turbofan@22 v8-turbofan@24"; do
    set -- $pair
    for run in ${RUNS:-1 2}; do
      name="$out/${1#v8-turbofan@}-vs-${2#v8-turbofan@}-run$run"
      rm -f "$name.db"
      start=$(date +%s)
      "$cli" compare "$1" "$2" --size "${SIZE:-default}" --metric "${METRIC:-phases}" --warmup "${WARMUP:-1}" --min-runs "${MIN_RUNS:-5}" \
        --max-runs "${MAX_RUNS:-10}" --max-time "${MAX_TIME:-7m}" --seed $run \
        --db "$name.db" --json > "$name.json" 2>/dev/null || true
      echo "$1 vs $2 run $run: $(( $(date +%s) - start )) s"
      summary one "$name.json"
    done
    a="$out/${1#v8-turbofan@}-vs-${2#v8-turbofan@}-run1.json" b="$out/${1#v8-turbofan@}-vs-${2#v8-turbofan@}-run2.json"
    if [ -s "$a" ] && [ -s "$b" ]; then summary twice "$a" "$b"; fi
  done ;;&
aa|all)
  rt=${AA_RUNTIME:-wasm3}
  for run in 1 2 3; do
    rm -f "$out/aa-$run.db"*
    start=$(date +%s)
    "$cli" compare "$rt" "$rt" --config "$out/config.json" --size "${AA_SIZE:-test}" --metric "${AA_METRIC:-phases}" --max-time "${AA_MAX_TIME:-5m}" --seed $((run + 10)) --db "$out/aa-$run.db" --json > "$out/aa-$run.json" 2>/dev/null || true
    echo "A=A $rt run $run: $(( $(date +%s) - start )) s"
  done
  summary aa "$out"/aa-1.json "$out"/aa-2.json "$out"/aa-3.json ;;&
bisect|all)
  start=$(date +%s)
  "$cli" bisect --case "${PLANTED:-sieve}" --versions wasm3,wasm3,wasm3,wasm3-planted,wasm3-planted --config "$out/config.json" \
    --size test --seed 1 --dir "$out/bisect-$(date +%s)" --json > "$out/bisect.json" 2>/dev/null || true
  echo "bisect: $(( $(date +%s) - start )) s"
  node -e 'const b=JSON.parse(require("fs").readFileSync(process.argv[1]));console.log(b.message);for(const s of b.steps)console.log(`  ${s.candidate} vs ${s.baseline}: ${s.verdict} x${s.execution?.ratio} [${s.execution?.ci_low}, ${s.execution?.ci_high}]`)' "$out/bisect.json" ;;
esac
echo "outputs in $out"
