#!/bin/sh
# Fault injection: a "runtime" that crashes on one program. Usage: crash-on-name.sh RUNTIME NAME MODULE ARGS...
# Runs the module on the real RUNTIME, except a module whose file name is NAME, on which it dies by SIGSEGV (so a
# test can tell whether a module was run at all, while the runtime still passes its probe).
rt=$1
name=$2
shift 2
[ "$(basename "$1")" != "$name" ] || kill -SEGV $$
exec "$rt" "$@"
