#!/bin/sh
# Fault injection: a "runtime" that hangs in a child of its own; the timeout must kill both.
# It leaves the child's pid in "<wasm>.child-pid" so a test can check that nothing is left behind.
sleep 600 &
echo $! > "$1.child-pid"
wait
