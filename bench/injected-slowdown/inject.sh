#!/bin/sh
# A runtime wrapper that injects a known slowdown (fault injection for the evaluation, not a runtime):
#   inject.sh CASE_REGEX WASM -- RUNTIME ARGV...
# runs the runtime once, and for cases whose name matches CASE_REGEX runs it a second time with its stdout
# discarded. The guest's markers then span both runs: the execution phase roughly doubles, output unchanged.
pattern=$1
wasm=$2
shift 3
"$@" || exit $?
name=$(basename "$wasm" .wasm)
if printf '%s\n' "$name" | grep -Eqx "$pattern"; then
  "$@" > /dev/null || exit $?
fi
