#!/usr/bin/env bash
# Real-campaign evaluation: a real campaign on real runtimes plus one copy of v8-turbofan whose runs of
# chosen cases are slowed ~2x by a wrapper (inject.sh). Reports, for both analysis methods, which of the
# injected cells they flag (recall) and how many of their flags on the injected runtime are injected
# cells (precision).
#   bench/injected-slowdown/run.sh [MAX_RUNS]
set -euo pipefail
max_runs=${1:-5}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
[ -n "${KEEP:-}" ] || trap 'rm -rf "$work"' EXIT

dotnet build "$root/src/WasmPerfDiff.Cli" -c Release -o "$work/bin" -v q -nologo >/dev/null
cli="$work/bin/wasm-perfdiff"
runner="$work/bin/runtimes-node/runner.mjs"

cases="gemm,fasta,crc32,nbody,sieve,quicksort,mandelbrot,sha256,lu,richards"
injected="lu|crc32|quicksort"

cat > "$work/config.json" <<JSON
{ "runtimes": [ {
  "name": "v8-turbofan-injected", "engine": "v8", "tier": "turbofan",
  "command": ["$here/inject.sh", "$injected", "{wasm}", "--",
              "node", "--no-warnings", "--no-liftoff", "--no-wasm-lazy-compilation", "$runner", "--marks", "/dev/null", "--", "{wasm}", "{args}"]
} ] }
JSON

start=$(date +%s)
"$cli" run --config "$work/config.json" --db "$work/campaign.db" --cases "$cases" \
  --runtime wasmtime-cranelift,wasmtime-winch,v8-turbofan,v8-liftoff,v8-turbofan-injected \
  --min-runs 3 --max-runs "$max_runs" --seed 1 --json > "$work/run.json" || true
echo "campaign: $(( $(date +%s) - start )) s"
"$cli" export --db "$work/campaign.db" --format md | grep -v ' ok ' | grep -E '^\|' | head -20 || true

"$cli" analyze --db "$work/campaign.db" --json > "$work/robust.json"
"$cli" analyze --db "$work/campaign.db" --method warpdiff --json > "$work/warpdiff.json"

node - "$work" "$injected" <<'JS'
const [work, pattern] = process.argv.slice(2);
const fs = require('fs');
const truth = new Set(pattern.split('|'));
const inj = 'v8-turbofan-injected';
const robust = JSON.parse(fs.readFileSync(work + '/robust.json'));
const warp = JSON.parse(fs.readFileSync(work + '/warpdiff.json'));
function score(flags) {
  const onInjected = flags.filter(f => f.runtime === inj);
  const tp = onInjected.filter(f => truth.has(f.case)).length;
  return { flagged: onInjected.map(f => f.case), precision: onInjected.length ? tp / onInjected.length : 1, recall: tp / truth.size };
}
const robustFlags = robust.findings.filter(f => (f.kind === 'consensus' || f.kind === 'peer') && f.verdict === 'anomaly');
// WarpDiff gets K = the number of injected cells: its top-K cases, each blamed on its most deviating runtime.
const warpFlags = warp.findings.slice(0, truth.size);
for (const [name, s] of [['robust', score(robustFlags)], ['warpdiff (top-K)', score(warpFlags)]])
  console.log(`${name.padEnd(17)} precision ${s.precision.toFixed(2)}  recall ${s.recall.toFixed(2)}  flagged on ${inj}: ${s.flagged.join(', ') || '-'}`);
const fmt = x => x == null ? '-' : x.toFixed(2);
const factors = robust.findings.filter(f => f.runtime === inj && truth.has(f.case)).map(f => `${f.case} ${f.kind} x${fmt(f.factor)} [${fmt(f.ci_low)}, ${fmt(f.ci_high)}] ${f.verdict ?? ''}`);
console.log('injected cells as measured: ' + factors.join('; '));
JS
