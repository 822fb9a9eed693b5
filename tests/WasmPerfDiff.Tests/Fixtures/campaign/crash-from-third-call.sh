#!/bin/sh
# Fault injection for campaign tests: a "runtime" that behaves (prints what hello.wat prints) on its
# first two calls and then dies by SIGSEGV on every later call, as an engine that starts crashing
# mid-campaign would. The call counter lives beside the module it is given.
counter="$(dirname "$1")/.crash-calls"
n=$(( $(cat "$counter" 2>/dev/null || echo 0) + 1 ))
echo "$n" > "$counter"
if [ "$n" -ge 3 ]; then kill -SEGV $$; fi
printf 'hello\n'
