#!/bin/sh
# Fault injection: a "runtime" that dies by SIGSEGV, as a native crash in an engine would.
kill -SEGV $$
