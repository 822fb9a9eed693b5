#!/bin/sh
# Fault injection: a "runtime" that succeeds at once but leaves a daemon behind (setsid, SIGTERM
# ignored, stdout and stderr still open). Its pid goes to "<wasm>.pids".
setsid sh -c 'trap "" TERM; echo $$ >> "$0.pids"; while :; do sleep 1; done' "$1" &
echo hello
exit 0
