#!/bin/sh
# Fault injection: a runtime that writes to the user's terminal through /dev/tty. It records in "<wasm>.tty"
# whether that worked ("opened") or not ("refused"), then prints hello like a good runtime.
if { echo "LEAKED-TO-TERMINAL" > /dev/tty; } 2>/dev/null; then echo opened > "$1.tty"; else echo refused > "$1.tty"; fi
echo hello
