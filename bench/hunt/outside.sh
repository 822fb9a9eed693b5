#!/usr/bin/env bash
# A hunt's finding checked outside wasm-perfdiff: hyperfine on each runtime's own command line, no tool in between.
#   bench/hunt/outside.sh RUNTIME PEER DIR NAME [CONTROL...]
# times DIR/NAME.wasm (with the arguments in DIR/NAME.args) and each control program on RUNTIME and on PEER, and
# prints per program the ratio RUNTIME / PEER of the median whole-process times (METRIC=markers: of the time between
# the begin/end markers the program prints, for programs that print them, such as the Python corpus). The finding is out of line when
# NAME's ratio is well above the controls' (their median): that quotient is the factor to compare with the tool's.
# Runtimes with a command line here: iwasm, iwasm-classic, iwasm-fast-jit, wasm3, wasm3-compile, wasmedge (from
# SHARED, default ../shared/runtimes), v8-liftoff, v8-turbofan (node on PATH, through wasi-run.mjs beside this script).
# RUNS (default 15) and WARMUP (default 2) go to hyperfine; OUT (default a temp folder) keeps its JSON; PREOPEN=DIR
# preopens DIR at the same path in the guest (the Python corpus: its install prefix; NAME.wasm may be a link to python.wasm).
set -euo pipefail
[ $# -ge 4 ] || { sed -n 2,9p "$0" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
shared=$(cd "${SHARED:-$here/../../../shared/runtimes}" && pwd)
runtime=$1 peer=$2 dir=$3; shift 3
out=${OUT:-$(mktemp -d /tmp/perfdiff-outside.XXXXXX)}
mkdir -p "$out"
command -v hyperfine >/dev/null || { echo "hyperfine not found: apt-get install hyperfine" >&2; exit 2; }

# The runtime's own command line for a module, in the array cmd (names and arguments stay data, never code).
argv() { # runtime wasm args...
  local rt=$1 pre=${PREOPEN:-}; shift
  local wamr=() jit=() edge=() node=()
  # CPython's eval loop needs WAMR's larger stack, and its Fast JIT a larger code cache (corpus/python/README.md).
  [ -n "$pre" ] && wamr=(--stack-size=8388608 "--dir=$pre") jit=(--jit-codecache-size=134217728) edge=(--dir "$pre:$pre") node=(--dir "$pre")
  case $rt in
    iwasm) cmd=("$shared/bin/iwasm" "${wamr[@]}" "$@") ;;
    iwasm-classic) cmd=("$shared/bin/iwasm-fast-jit" --interp "${wamr[@]}" "$@") ;;
    iwasm-fast-jit) cmd=("$shared/bin/iwasm-fast-jit" --fast-jit "${wamr[@]}" "${jit[@]}" "$@") ;;
    wasm3) cmd=("$shared/bin/wasm3" "$@") ;;
    wasm3-compile) cmd=("$shared/bin/wasm3" --compile "$@") ;;
    wasmedge) cmd=("$shared/bin/wasmedge" "${edge[@]}" "$@") ;;
    v8-liftoff) cmd=(node --liftoff --liftoff-only --no-wasm-tier-up --no-wasm-dynamic-tiering "$here/wasi-run.mjs" "${node[@]}" "$@") ;;
    v8-turbofan) cmd=(node --no-liftoff "$here/wasi-run.mjs" "${node[@]}" "$@") ;;
    *) echo "no command line for runtime '$rt' here" >&2; exit 2 ;;
  esac
}

# Median ms of one command (the array cmd): the whole process by hyperfine, or (METRIC=markers) the time between the
# "@perfdiff begin|end <unix-ns>" lines the program writes to stderr itself, read over RUNS plain runs after WARMUP.
median_ms() { # label
  if [ "${METRIC:-process}" = markers ]; then
    local i
    for ((i = 0; i < ${WARMUP:-2}; i++)); do "${cmd[@]}" >/dev/null 2>&1; done
    for ((i = 0; i < ${RUNS:-15}; i++)); do "${cmd[@]}" 2>&1 >/dev/null | awk '$1 == "@perfdiff" && $2 == "begin" { b = $3 } $1 == "@perfdiff" && $2 == "end" { e = $3 } END { if (b && e) printf "%.3f\n", (e - b) / 1e6 }'; done \
      | sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) { print "no markers" > "/dev/stderr"; exit 2 } print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'
  else
    hyperfine -N --style none --warmup "${WARMUP:-2}" --runs "${RUNS:-15}" --export-json "$out/$1.json" "$(printf '%q ' "${cmd[@]}")" >/dev/null
    python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["median"] * 1000)' "$out/$1.json"
  fi
}

printf '| program | %s ms | %s ms | %s / %s |\n|---|--:|--:|--:|\n' "$runtime" "$peer" "$runtime" "$peer"
ratios=()
for name in "$@"; do
  wasm="$dir/$name.wasm"
  [ -f "$wasm" ] || { echo "no $wasm" >&2; exit 2; }
  args=()
  if [ -s "$dir/$name.args" ]; then read -r -a args < "$dir/$name.args" || true; fi
  argv "$runtime" "$wasm" "${args[@]}"; a=$(median_ms "$name-$runtime")
  argv "$peer" "$wasm" "${args[@]}"; b=$(median_ms "$name-$peer")
  ratio=$(python3 -c "print(f'{$a / $b:.2f}')")
  ratios+=("$ratio")
  printf '| %s | %.1f | %.1f | %s |\n' "$name" "$a" "$b" "$ratio"
done
if [ ${#ratios[@]} -gt 1 ]; then
  python3 - "${ratios[@]}" <<'PY'
import statistics, sys
flagged, controls = float(sys.argv[1]), [float(x) for x in sys.argv[2:]]
print(f"\nout of line: {flagged:.2f} / median of the controls {statistics.median(controls):.2f} = x{flagged / statistics.median(controls):.2f}")
PY
fi
[ "${METRIC:-process}" = markers ] || echo "(hyperfine JSON in $out)"
