#!/usr/bin/env bash
# Harness overhead of `wasm-perfdiff exec` on v8-turbofan, against hyperfine -N running the same node
# command, in one run on one machine (compare the ratio, not the absolute numbers).
#   bench/exec-overhead/run.sh [RUNS]
set -euo pipefail
runs=${1:-30}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }
dotnet build "$root/src/WasmPerfDiff.Cli" -c Release -o "$work/bin" -v q -nologo >/dev/null

# A no-op WASI command: (module (memory (export "memory") 1) (func (export "_start"))), assembled by hand.
printf '\x00asm\x01\x00\x00\x00\x01\x04\x01\x60\x00\x00\x03\x02\x01\x00\x05\x03\x01\x00\x01\x07\x13\x02\x06_start\x00\x00\x06memory\x02\x00\x0a\x04\x01\x02\x00\x0b' > "$work/noop.wasm"

# The exact command the harness starts for v8-turbofan.
node_cmd="node --no-warnings --no-liftoff --no-wasm-lazy-compilation $work/bin/runtimes-node/runner.mjs --marks $work/marks.json -- $work/noop.wasm"

hyperfine -N --warmup 3 --runs "$runs" --export-json "$work/hyperfine.json" "$node_cmd" >/dev/null
hf_mean=$(python3 -c "import json;print(json.load(open('$work/hyperfine.json'))['results'][0]['mean']*1000)" 2>/dev/null \
  || node -e "console.log(require('$work/hyperfine.json').results[0].mean*1000)")
hf_median=$(node -e "console.log(require('$work/hyperfine.json').results[0].median*1000)")

# The harness: its own measured wall time of the child, and the whole exec command end to end.
walls=()
start=$(date +%s%N)
for _ in $(seq "$runs"); do
  w=$("$work/bin/wasm-perfdiff" exec "$work/noop.wasm" --runtime v8-turbofan --json | node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>console.log(JSON.parse(s).runs[0].wall_ms))")
  walls+=("$w")
done
end=$(date +%s%N)
printf '%s\n' "${walls[@]}" | sort -n > "$work/walls"
median=$(awk '{a[NR]=$1} END {print (NR%2)? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}' "$work/walls")
per_exec=$(( (end - start) / runs / 1000000 ))

node -e "
const hf=$hf_median, ours=$median;
console.log('hyperfine -N median of the node command : ' + hf.toFixed(1) + ' ms (mean $hf_mean)');
console.log('wasm-perfdiff exec: measured child wall  : ' + ours.toFixed(1) + ' ms (median of $runs)');
console.log('ratio harness-measured / hyperfine      : ' + (ours/hf).toFixed(3));
console.log('whole exec command incl. .NET start     : $per_exec ms per invocation');
"
