#!/usr/bin/env bash
# Nothing accumulates across many runs with timeouts and kills: RUNS runs (default 1000) of a guest that
# loops forever, on the embedded Wasmtime worker, Node/V8 and a fake runtime that ignores SIGTERM and
# leaves a setsid grandchild, every run ended by a timeout (0.2-1.0 s) and every 5th tool invocation
# killed with SIGKILL mid-run. Afterwards it counts what is left: processes, marks files, scratch
# directories of dead tools, and .NET diagnostics files of dead processes other than the killed tools.
#   bench/no-orphans/run.sh [RUNS]
set -euo pipefail
runs=${1:-1000}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

dotnet build "$root/src/WasmPerfDiff.Cli" -c Release -o "$work/bin" -v q -nologo >/dev/null
# A private TMPDIR (the tool's and .NET's temp files go there): other jobs on this machine cannot blur the count.
export TMPDIR="$work/tmp"
mkdir -p "$TMPDIR"
# (module (memory (export "memory") 1) (func (export "_start") (loop (br 0)))), assembled by hand.
printf '\x00asm\x01\x00\x00\x00\x01\x04\x01\x60\x00\x00\x03\x02\x01\x00\x05\x03\x01\x00\x01\x07\x13\x02\x06_start\x00\x00\x06memory\x02\x00\x0a\x09\x01\x07\x00\x03\x40\x0c\x00\x0b\x0b' > "$work/spin.wasm"
printf '{"runtimes":[{"name":"escape","command":["%s","{wasm}"]}]}' "$root/tests/WasmPerfDiff.Tests/Fixtures/fake-runtimes/escape.sh" > "$work/config.json"

leftovers() {
  {
    ls -d "$TMPDIR"/perfdiff-marks-* 2>/dev/null || true
    for d in "$TMPDIR"/perfdiff-run-*; do [ -e "$d" ] && [ ! -d "/proc/${d##*-}" ] && echo "$d"; done
    for f in "$TMPDIR"/clr-debug-pipe-* "$TMPDIR"/dotnet-diagnostic-*; do
      [ -e "$f" ] || continue
      pid=$(basename "$f" | awk -F- '{print $(NF-2)}')
      [ -d "/proc/$pid" ] || grep -qx "$pid" "$work/killed" 2>/dev/null || echo "$f"
    done
  } | sort
}
# This bench's processes only: its workers and runner carry $work in their argv, escape.sh's children a
# unique loop text.
survivors() { pgrep -af "$work/|trap \"\" TERM; while" | grep -v pgrep || true; }

leftovers > "$work/before"
: > "$work/killed"
per_exec=3
execs=$(( (runs + per_exec - 1) / per_exec ))
start=$(date +%s)
for i in $(seq "$execs"); do
  timeout_s="0.$(( 2 + i % 9 ))"
  if (( i % 5 == 0 )); then
    dotnet "$work/bin/wasm-perfdiff.dll" exec "$work/spin.wasm" --config "$work/config.json" \
      --runtime escape,wasmtime-cranelift,v8-turbofan --timeout "$timeout_s" --json >/dev/null 2>&1 &
    pid=$!
    echo "$pid" >> "$work/killed"
    sleep "0.$(( 3 + RANDOM % 7 ))"
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  else
    dotnet "$work/bin/wasm-perfdiff.dll" exec "$work/spin.wasm" --config "$work/config.json" \
      --runtime escape,wasmtime-cranelift,v8-turbofan --timeout "$timeout_s" --json >/dev/null 2>&1 || true
  fi
done
sleep 1
# One more start sweeps the scratch directories the killed tools could not remove.
dotnet "$work/bin/wasm-perfdiff.dll" exec "$work/spin.wasm" --runtime wasmtime-cranelift --timeout 0.2 --json >/dev/null 2>&1 || true
end=$(date +%s)
leftovers > "$work/after"
new_files=$(comm -13 "$work/before" "$work/after")
procs=$(survivors)
[ -n "$procs" ] && { sleep 1; procs=$(survivors); } # a process listed in the middle of exiting
echo "runs: $(( execs * per_exec )) ($execs tool invocations, $(wc -l < "$work/killed") killed with SIGKILL) in $(( end - start )) s"
echo "processes left: $(echo -n "$procs" | grep -c . || true)"
[ -n "$procs" ] && echo "$procs"
echo "files left: $(echo -n "$new_files" | grep -c . || true)"
[ -n "$new_files" ] && echo "$new_files"
[ -z "$procs" ] && [ -z "$new_files" ]
