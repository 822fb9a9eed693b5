#!/usr/bin/env bash
# Max RSS the tool stores vs GNU time (`/usr/bin/time -f %M`) on the very same command, for a small module
# and one that touches 200 MiB of linear memory, on wasm3, iwasm, wasmedge (../shared/runtimes), node (v8-turbofan)
# and the embedded Wasmtime worker. Medians of RUNS runs each.   bench/max-rss/run.sh [RUNS]
set -euo pipefail
runs=${1:-3}
root=$(cd "$(dirname "$0")/../.." && pwd)
shared=$(cd "$root/.." && pwd)/shared/runtimes/bin
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -x /usr/bin/time ] || { echo "needs GNU time (apt-get install time)" >&2; exit 2; }
dotnet build "$root/src/WasmPerfDiff.Cli" -c Release -o "$work/bin" -v q -nologo >/dev/null
tool=(dotnet "$work/bin/wasm-perfdiff.dll")

# Modules, assembled by hand: a no-op, and a 200 MiB toucher (tests/WasmPerfDiff.Tests/Fixtures/wat/grow200mb.wat).
printf '\x00asm\x01\x00\x00\x00\x01\x04\x01\x60\x00\x00\x03\x02\x01\x00\x05\x03\x01\x00\x01\x07\x13\x02\x06_start\x00\x00\x06memory\x02\x00\x0a\x04\x01\x02\x00\x0b' > "$work/small.wasm"
python3 - "$work/grow200mb.wasm" <<'PY'
import sys
def leb(n):
    out = bytearray()
    while True:
        b = n & 0x7f; n >>= 7
        if n: out.append(b | 0x80)
        else: out.append(b); return bytes(out)
def sleb(n):
    out = bytearray()
    while True:
        b = n & 0x7f; n >>= 7
        if (n == 0 and not b & 0x40) or (n == -1 and b & 0x40): out.append(b); return bytes(out)
        out.append(b | 0x80)
def sec(i, body): return bytes([i]) + leb(len(body)) + body
code = (b'\x01\x01\x7f'                                   # one local i32
        + b'\x41' + sleb(3199) + b'\x40\x00\x1a'          # memory.grow 3199; drop
        + b'\x02\x40\x03\x40'                             # block loop
        + b'\x20\x00\x41' + sleb(209715200) + b'\x4f\x0d\x01'  # br_if 1 (addr >= 200 MiB)
        + b'\x20\x00\x41\x01\x3a\x00\x00'                 # i32.store8 addr 1
        + b'\x20\x00\x41' + sleb(4096) + b'\x6a\x21\x00'  # addr += 4096
        + b'\x0c\x00\x0b\x0b\x0b')                        # br 0; end loop; end block; end
m = (b'\x00asm\x01\x00\x00\x00' + sec(1, b'\x01\x60\x00\x00') + sec(3, b'\x01\x00') + sec(5, b'\x01\x00\x01')
     + sec(7, b'\x02\x06_start\x00\x00\x06memory\x02\x00') + sec(10, b'\x01' + leb(len(code)) + code))
open(sys.argv[1], 'wb').write(m)
PY

if [ -x "$shared/wasmedge" ] && ! "$shared/wasmedge" --version >/dev/null 2>&1; then # see bench/exec-overhead
  mkdir -p "$work/wasmedge-lib"
  for lib in "$shared/../lib/"*; do ln -sf "$(readlink -f "$lib")" "$work/wasmedge-lib/$(basename "$lib")"; done
  ln -sf "$(readlink -f "$shared/../lib/libwasmedge.so.0.1.1")" "$work/wasmedge-lib/libwasmedge.so.0"
  export LD_LIBRARY_PATH="$work/wasmedge-lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
fi
entries=(); names=()
for rt in wasm3 iwasm wasmedge; do
  [ -x "$shared/$rt" ] || continue
  names+=("$rt"); entries+=("{\"name\":\"$rt\",\"command\":[\"$shared/$rt\",\"{wasm}\",\"{args}\"]}")
done
(IFS=,; echo "{\"runtimes\":[${entries[*]}]}") > "$work/config.json"
names+=(v8-turbofan wasmtime-cranelift)

gnu_time() { # rt wasm -> KB
  local rt=$1 wasm=$2
  case "$rt" in
    v8-turbofan) /usr/bin/time -f %M -o "$work/t" node --no-warnings --no-liftoff --no-wasm-lazy-compilation "$work/bin/runtimes-node/runner.mjs" --marks "$work/m.json" -- "$wasm" >/dev/null 2>&1 ;;
    wasmtime-cranelift) DOTNET_TieredPGO=0 DOTNET_TC_QuickJitForLoops=1 DOTNET_EnableDiagnostics=0 /usr/bin/time -f %M -o "$work/t" \
        dotnet "$work/bin/wasm-perfdiff.dll" __wasmtime-worker --tier cranelift --marks "$work/m.json" -- "$wasm" >/dev/null 2>&1 ;;
    *) /usr/bin/time -f %M -o "$work/t" "$shared/$rt" "$wasm" >/dev/null 2>&1 ;;
  esac
  tail -1 "$work/t"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2)? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }

echo "| runtime | module | tool max RSS (KB) | /usr/bin/time %M (KB) | difference |"
echo "|---|---|---|---|---|"
for rt in "${names[@]}"; do
  for mod in small grow200mb; do
    ours=$(for _ in $(seq "$runs"); do "${tool[@]}" exec "$work/$mod.wasm" --config "$work/config.json" --runtime "$rt" --json \
             | python3 -c "import json,sys; print(json.load(sys.stdin)['runs'][0]['max_rss_kb'])"; done | median)
    theirs=$(for _ in $(seq "$runs"); do gnu_time "$rt" "$work/$mod.wasm"; done | median)
    python3 -c "o,t=$ours,$theirs; print(f'| $rt | $mod | {o} | {t} | {100*(o-t)/t:+.1f} % |')"
  done
done
