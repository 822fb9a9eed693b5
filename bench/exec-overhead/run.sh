#!/usr/bin/env bash
# Harness overhead of wasm-perfdiff, side by side with `hyperfine -N` on the very same commands, in one run on
# one machine (compare ratios measured together, not absolute numbers). The tool is measured the way issue 12
# states the target: the median wall a campaign stores (`run`, RUNS_PER_BLOCK measured runs per cell).
#  1. no-op module on wasm3, iwasm, wasmedge (../shared/runtimes, when present), a /bin/true-like user runtime
#     (a static C program that prints the probe's "hello" and exits, whatever its argument) and v8-turbofan:
#     the tool's stored median vs hyperfine's mean; target within 5 % or 0.1 ms, whichever is larger.
#  2. three corpus cases (test size) on wasm3: coefficient of variation of the tool's execution phase vs
#     hyperfine's of the whole command, each case run alone by both (same run order); target: the tool's no larger.
# Measurements alternate in BLOCKS blocks (hyperfine, then the tool) so a load change hits both alike.
#   bench/exec-overhead/run.sh [RUNS_PER_BLOCK] [BLOCKS]
set -euo pipefail
per_block=${1:-30}
blocks=${2:-3}
root=$(cd "$(dirname "$0")/../.." && pwd)
shared=$(cd "$root/.." && pwd)/shared/runtimes/bin
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }
command -v sqlite3 >/dev/null || { echo "needs sqlite3 (apt-get install sqlite3)" >&2; exit 2; }
dotnet build "$root/src/WasmPerfDiff.Cli" -c Release -o "$work/bin" -v q -nologo >/dev/null
tool=(dotnet "$work/bin/wasm-perfdiff.dll")

# A no-op WASI command: (module (memory (export "memory") 1) (func (export "_start"))), assembled by hand.
mkdir -p "$work/noop"
printf '\x00asm\x01\x00\x00\x00\x01\x04\x01\x60\x00\x00\x03\x02\x01\x00\x05\x03\x01\x00\x01\x07\x13\x02\x06_start\x00\x00\x06memory\x02\x00\x0a\x04\x01\x02\x00\x0b' > "$work/noop/noop.wasm"
noop=$work/noop/noop.wasm

# The /bin/true-like runtime: /bin/true itself fails the tool's probe (a runtime must print the probe's
# "hello"), so a static program that writes it and exits stands in; it does no more work than /bin/true.
printf '#include <unistd.h>\nint main(void) { return write(1, "hello\\n", 6) == 6 ? 0 : 1; }\n' > "$work/hello.c"
cc -O2 -static -o "$work/true-like" "$work/hello.c" 2>/dev/null || cc -O2 -o "$work/true-like" "$work/hello.c"

# The shared WasmEdge build's lib/libwasmedge.so.0 may be a copied symlink (a 20-byte text file): then give
# the loader a directory with a real symlink, for hyperfine and the tool alike (both pass the environment on).
if [ -x "$shared/wasmedge" ] && ! "$shared/wasmedge" --version >/dev/null 2>&1; then
  mkdir -p "$work/wasmedge-lib"
  for lib in "$shared/../lib/"*; do ln -sf "$(readlink -f "$lib")" "$work/wasmedge-lib/$(basename "$lib")"; done
  ln -sf "$(readlink -f "$shared/../lib/libwasmedge.so.0.1.1")" "$work/wasmedge-lib/libwasmedge.so.0" 2>/dev/null || true
  export LD_LIBRARY_PATH="$work/wasmedge-lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
fi

names=()
entries=()
for rt in wasm3 iwasm wasmedge; do
  if [ -x "$shared/$rt" ] && "$shared/$rt" "$noop" >/dev/null 2>&1; then
    names+=("$rt"); entries+=("{\"name\":\"$rt\",\"command\":[\"$shared/$rt\",\"{wasm}\",\"{args}\"]}")
  else
    echo "skipping $rt: not in $shared or does not run here" >&2
  fi
done
names+=(true-like); entries+=("{\"name\":\"true-like\",\"command\":[\"$work/true-like\",\"{wasm}\"]}")
(IFS=,; echo "{\"runtimes\":[${entries[*]}]}") > "$work/config.json"
command_of() { # the exact argv the tool runs, as one hyperfine -N command line
  case "$1" in
    true-like) echo "$work/true-like $2" ;;
    v8-turbofan) echo "node --no-warnings --no-liftoff --no-wasm-lazy-compilation $work/bin/runtimes-node/runner.mjs --marks $work/marks.json -- $2" ;;
    *) echo "$shared/$1 $2 ${3:-}" ;;
  esac
}
all=("${names[@]}" v8-turbofan)
rts=$(IFS=,; echo "${all[*]}")

cases=(nbody sieve heapsort)
case_args=(20000 2000000 100000)
cv_rt=${CV_RUNTIME:-wasm3}
[ -x "$shared/$cv_rt" ] || cv_rt=""
campaign() { # campaign DB ARGS...: one campaign of per_block measured runs per cell, stored in DB
  local db=$1; shift
  "${tool[@]}" run --config "$work/config.json" --db "$db" --warmup 3 --min-runs "$per_block" --max-runs "$per_block" "$@" --json >/dev/null 2>&1 || true
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores" >&2
for b in $(seq "$blocks"); do
  for rt in "${all[@]}"; do
    hyperfine -N --warmup 3 --runs "$per_block" --export-json "$work/hf-noop-$rt-$b.json" "$(command_of "$rt" "$noop")" >/dev/null 2>&1
  done
  campaign "$work/tool-noop-$b.db" --corpus "$work/noop" --runtime "$rts"
  if [ -n "$cv_rt" ]; then
    # One case at a time for both, hyperfine then the tool, so both see the same run order (consecutive runs of one
    # command): the spread compared is the measurement's, not that of a campaign's shuffled order, where a run follows
    # another case's run (other code and data in the caches) — a design choice against drift, not harness noise.
    for k in "${!cases[@]}"; do
      c=${cases[$k]}; a=${case_args[$k]}
      hyperfine -N --warmup 1 --runs "$per_block" --export-json "$work/hf-$c-$b.json" "$(command_of "$cv_rt" "$root/corpus/wasm/O2/$c.wasm" "$a")" >/dev/null 2>&1
      campaign "$work/tool-cases-$c-$b.db" --cases "$c" --size test --runtime "$cv_rt"
    done
  fi
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

python3 - "$work" "$cv_rt" "${all[@]}" <<'PY'
import glob, json, sqlite3, statistics as st, sys
work, cv_rt, rts = sys.argv[1], sys.argv[2], sys.argv[3:]
def hf(pattern):
    return [t * 1000 for f in sorted(glob.glob(f"{work}/{pattern}")) for t in json.load(open(f))["results"][0]["times"]]
def tool(pattern, runtime, column, case=None):
    out = []
    for f in sorted(glob.glob(f"{work}/{pattern}")):
        q = f"select {column} from run where runtime = ? and status = 'ok' and round > 0 and {column} is not null"
        args = [runtime]
        if case: q += " and case_name = ?"; args.append(case)
        out += [r[0] for r in sqlite3.connect(f).execute(q, args)]
    return out
print("| runtime (no-op) | hyperfine -N mean | hyperfine median | tool stored median | tool − hyperfine mean | ratio | within 5 % or 0.1 ms |")
print("|---|---|---|---|---|---|---|")
for rt in rts:
    h, t = hf(f"hf-noop-{rt}-*.json"), tool("tool-noop-*.db", rt, "wall_ms")
    if not h or not t: print(f"| {rt} | – | – | – | – | – | no data |"); continue
    hm, tm = st.mean(h), st.median(t)
    ok = abs(tm - hm) <= max(0.05 * hm, 0.1)
    print(f"| {rt} | {hm:.2f} ms | {st.median(h):.2f} ms | {tm:.2f} ms (n={len(t)}) | {tm - hm:+.2f} ms | {tm / hm:.3f} | {'yes' if ok else 'NO'} |")
if cv_rt:
    print()
    print(f"| case on {cv_rt} (test size) | hyperfine wall mean | hyperfine CV | tool execute median | tool execute CV | tool CV ≤ hyperfine CV |")
    print("|---|---|---|---|---|---|")
    for c in ("nbody", "sieve", "heapsort"):
        h, t = hf(f"hf-{c}-*.json"), tool("tool-cases-*.db", cv_rt, "execute_ms", c)
        if len(h) < 2 or len(t) < 2: print(f"| {c} | – | – | – | – | no data |"); continue
        hcv, tcv = st.stdev(h) / st.mean(h), st.stdev(t) / st.mean(t)
        print(f"| {c} | {st.mean(h):.1f} ms | {100 * hcv:.1f} % | {st.median(t):.1f} ms | {100 * tcv:.1f} % | {'yes' if tcv <= hcv else 'NO'} |")
PY
