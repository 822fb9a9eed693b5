#!/bin/sh
# Fault injection: a "runtime" that writes 300 MB to stderr and then succeeds.
head -c 300000000 /dev/zero >&2
echo done
