#!/bin/sh
# A runtime whose time once fails to follow the size argument, as one noisy sample can.
# Usage: ignores-one-raise.sh RUNTIME STATE WATCHED MODULE ARGS...
# Calls on MODULE = WATCHED: the first one's ARGS are kept in STATE, one per line, and the first later one with other
# ARGS runs with the kept ARGS instead. Every other call runs as asked.
rt=$1
state=$2
watched=$3
shift 3
if [ "$1" = "$watched" ]; then
  module=$1
  shift
  if [ ! -e "$state" ]; then
    printf '%s\n' "$@" > "$state"
  elif [ ! -e "$state.done" ] && [ "$(printf '%s\n' "$@")" != "$(cat "$state")" ]; then
    : > "$state.done"
    set --
    while IFS= read -r word; do set -- "$@" "$word"; done < "$state"
  fi
  exec "$rt" "$module" "$@"
fi
exec "$rt" "$@"
