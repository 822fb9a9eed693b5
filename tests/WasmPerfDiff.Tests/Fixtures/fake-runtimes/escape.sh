#!/bin/sh
# Fault injection: a "runtime" that ignores SIGTERM and never ends, with a child that ignores SIGTERM
# too and a grandchild that leaves the process group and the session with setsid. Every pid goes,
# one per line, to "<wasm>.pids" so a test can check that none of them outlives the tool.
trap '' TERM
sh -c 'trap "" TERM; while :; do sleep 1; done' &
echo $! >> "$1.pids"
setsid sh -c 'trap "" TERM; echo $$ >> "$0.pids"; while :; do sleep 1; done' "$1" &
echo $$ >> "$1.pids"
while :; do sleep 1; done
