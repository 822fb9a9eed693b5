#!/usr/bin/env bash
# reduce on the issue's real cases and on the planted anomaly (see README.md here).
#   bench/reduce/run.sh sha256     sha256 on v8-liftoff against wasmtime-winch (source level)
#   bench/reduce/run.sh sha256-wasm   the same, at wasm level (the module without its C source: wasm-reduce)
#   bench/reduce/run.sh methcall   methcall on v8-turbofan against wasmtime-cranelift (source level)
#   bench/reduce/run.sh planted    corpus-free planted case: i64.popcnt slow on a fake runtime over wasm3 (tests/…/Fixtures/reduce/planted.c)
#   bench/reduce/run.sh planted-large   the same construct inside a large program (planted-large.c here: fourteen kernels)
# Environment: SIZE (sha256's size argument, default 2000000), CONFIRM_ONLY=1 (only the fresh-campaign check of an earlier reduction in OUT), MAX_TIME (default 30m), METRIC (phases | cpu; default cpu), PEERS (overrides the peers), OUT (default: a temp folder, kept),
# WASM3 (default ../shared/runtimes/bin/wasm3).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${OUT:-$(mktemp -d /tmp/reduce-bench.XXXX)}
mkdir -p "$out"
bin="$out/bin"
[ -f "$bin/wasm-perfdiff.dll" ] || dotnet build "$root/src/WasmPerfDiff.Cli" -c Release -o "$bin" -v q -nologo >/dev/null
cli=(dotnet "$bin/wasm-perfdiff.dll")
wasm3=${WASM3:-$root/../shared/runtimes/bin/wasm3}

# A case of the corpus as a module with its C source (and perfdiff.h) beside it, so reduce works at source level.
stage() { # name source-relative-to-corpus size-args...
  local name=$1 src=$2 dir="$out/$1"
  mkdir -p "$dir"
  cp "$root/corpus/$src" "$dir/$name.c"
  cp "$root/corpus/include/perfdiff.h" "$dir/"
  PATH=/usr/lib/llvm-14/bin:/bin clang --target=wasm32-wasi -O2 -Wl,--strip-debug -I"$dir" -o "$dir/$name.wasm" "$dir/$name.c"
  echo "$dir"
}

reduce() { # dir name target peers args...
  local dir=$1 name=$2 target=$3 peers=$4; shift 4
  [ -z "${CONFIRM_ONLY:-}" ] || return 0
  local args=()
  for a in "$@"; do args+=(--arg "$a"); done
  rm -rf "$dir/reduced"
  local start=$(date +%s)
  "${cli[@]}" reduce --wasm "$dir/$name.wasm" --runtime "$target" --peers "$peers" "${args[@]}" ${CONFIG:+--config "$CONFIG"} \
    --metric "${METRIC:-cpu}" --max-time "${MAX_TIME:-30m}" -o "$dir/reduced" --json > "$dir/reduce.json" 2> "$dir/reduce.log" || true
  echo "$name on $target vs $peers: $(( $(date +%s) - start )) s; folder $dir/reduced"
  [ -s "$dir/reduce.json" ] || { tail -1 "$dir/reduce.log"; return; }
  node -e '
    const d = require(process.argv[1]).reductions[0]; if (!d) process.exit(0);
    const f = m => m ? `×${m.factor} [${m.ci_low}, ${m.ci_high}] (${m.interesting ? "kept" : "not kept"})` : "not measured";
    console.log(`  size ${d.before.lines} → ${d.after.lines} lines (${d.before.bytes} → ${d.after.bytes} bytes), ${d.end}, ${d.tried} tried / ${d.kept} kept, ${d.elapsed_s} s`);
    console.log(`  factor before ${f(d.original)}, after ${f(d.reduced)}; required ×${d.required_factor.toFixed(2)}; construct ${d.construct}`);' "$dir/reduce.json"
}

# The issue's check of a reduced program: a fresh campaign of its own (compare: the first peer against the target,
# execution phase, a verdict at the 1.5x line), with the original beside it as the control.
confirm() { # dir name target peers
  local dir=$1 name=$2 target=$3 peer=${4%%,*} fresh="$1/fresh"
  # The reduced module: reduced.wasm beside the C at source level, the program itself at wasm level.
  local module="$dir/reduced/reduced.wasm"
  [ -f "$module" ] || module="$dir/reduced/$name.wasm"
  [ -f "$module" ] && [ -f "$dir/reduced/best.json" ] || return 0
  rm -rf "$fresh" "$dir/fresh.db"; mkdir -p "$fresh"
  cp "$dir/$name.wasm" "$fresh/original.wasm"; cp "$module" "$fresh/reduced.wasm"
  node -e 'const a = require(process.argv[1]).args; console.log(a.join(" "))' "$dir/reduced/best.json" > "$fresh/reduced.args"
  printf '%s\n' "${ORIGINAL_ARGS[*]}" > "$fresh/original.args"
  "${cli[@]}" compare "$peer" "$target" --corpus "$fresh" --db "$dir/fresh.db" --threshold 50 --min-runs 10 --max-runs 20 \
    ${CONFIG:+--config "$CONFIG"} --json > "$dir/fresh.json" 2> "$dir/fresh.log" || true
  node -e '
    const d = require(process.argv[1]);
    for (const c of d.cases) { const e = c.execution;
      console.log(`  fresh campaign, ${c.case}: ${d.candidate} / ${d.baseline} = ×${e ? e.ratio.toFixed(2) : "-"} [${e ? e.ci_low.toFixed(2) : "-"}, ${e ? e.ci_high.toFixed(2) : "-"}] (${c.verdict}, ${c.candidate_runs} + ${c.baseline_runs} runs)`); }' "$dir/fresh.json" \
    || tail -1 "$dir/fresh.log"
}

case ${1:-all} in
sha256|all)
  dir=$(stage sha256 strings/sha256.c)
  ORIGINAL_ARGS=(${SIZE:-2000000})
  reduce "$dir" sha256 v8-liftoff "${PEERS:-wasmtime-winch}" "${ORIGINAL_ARGS[@]}"
  confirm "$dir" sha256 v8-liftoff "${PEERS:-wasmtime-winch}" ;;&
sha256-wasm)
  # The same finding reduced at wasm level (binaryen's wasm-reduce): the module alone, no C source beside it.
  dir=$(stage sha256-wasm strings/sha256.c)
  rm "$dir/sha256-wasm.c" "$dir/perfdiff.h"
  ORIGINAL_ARGS=(2000000)
  reduce "$dir" sha256-wasm v8-liftoff "${PEERS:-wasmtime-winch}" 2000000
  confirm "$dir" sha256-wasm v8-liftoff "${PEERS:-wasmtime-winch}" ;;
methcall|all)
  dir=$(stage methcall misc/methcall.c)
  ORIGINAL_ARGS=(1000000)
  reduce "$dir" methcall v8-turbofan "${PEERS:-wasmtime-cranelift}" 1000000
  confirm "$dir" methcall v8-turbofan "${PEERS:-wasmtime-cranelift}" ;;&
planted|planted-large|all)
  name=${1:-planted}; [ "$name" = all ] && name=planted
  src="$root/tests/WasmPerfDiff.Tests/Fixtures/reduce/planted.c"
  [ "$name" = planted-large ] && src="$here/planted-large.c"
  dir="$out/$name"
  mkdir -p "$dir"
  cp "$src" "$dir/$name.c"
  PATH=/usr/lib/llvm-14/bin:/bin clang --target=wasm32-wasi -O2 -Wl,--strip-debug -o "$dir/$name.wasm" "$dir/$name.c"
  cat > "$dir/config.json" <<JSON
{ "paths": { "wasm3": "$wasm3" },
  "runtimes": [ { "name": "slow-popcnt", "engine": "planted", "tier": "slow-on-popcnt",
    "command": ["$root/tests/WasmPerfDiff.Tests/Fixtures/fake-runtimes/slow-on-popcnt.sh", "$wasm3", "{wasm}", "{args}"] } ] }
JSON
  ORIGINAL_ARGS=(2)
  CONFIG="$dir/config.json" reduce "$dir" "$name" slow-popcnt "${PEERS:-wasm3}" 2
  CONFIG="$dir/config.json" confirm "$dir" "$name" slow-popcnt "${PEERS:-wasm3}" ;;
esac
