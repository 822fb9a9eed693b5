#!/bin/sh
# A runtime planted to be slow at one construct: ENGINE MODULE ARGS..., run as it is, except that the
# construct variant of i32-rem-const runs 8x its size (so each of its iterations looks 8x as expensive).
engine="$1"; wasm="$2"; shift 2
case "$wasm" in
  *i32-rem-const.wasm)
    if [ "$2" = construct ]; then n=$(($1 * 8)); shift; set -- "$n" "$@"; fi ;;
esac
exec "$engine" "$wasm" "$@"
