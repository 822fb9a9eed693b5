#!/bin/sh
# Fault injection: a "runtime" that succeeds at once but leaves a daemon behind (setsid, SIGTERM
# ignored, stdout and stderr still open). Its pid goes to "<wasm>.pids" before the runtime exits.
setsid sh -c 'trap "" TERM; while :; do sleep 1; done' &
echo $! >> "$1.pids"
echo hello
exit 0
