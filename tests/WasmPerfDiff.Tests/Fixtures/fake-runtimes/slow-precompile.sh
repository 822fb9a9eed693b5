#!/bin/sh
# Fault injection: an AOT compiler that takes 60 s, then writes its artifact ($2). The precompile step
# must end at the run's --timeout, not wait for it.
sleep 60
cp "$1" "$2"
