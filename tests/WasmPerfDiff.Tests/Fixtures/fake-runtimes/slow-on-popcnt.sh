#!/bin/sh
# Planted anomaly for reduce's tests: a "runtime" that is slow on one construct. Usage: slow-on-popcnt.sh RUNTIME MODULE ARGS...
# Runs the module on the real RUNTIME (e.g. wasm3), three times when the module holds i64.popcnt (read by wabt's
# wasm2wat), so its time is out of line exactly while that construct is in the program. Output from the last run only.
rt=$1
shift
if wasm2wat "$1" 2>/dev/null | grep -q 'i64\.popcnt'; then
  "$rt" "$@" >/dev/null 2>&1
  "$rt" "$@" >/dev/null 2>&1
fi
exec "$rt" "$@"
