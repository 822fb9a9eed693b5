#!/usr/bin/env bash
# WAMR Fast JIT start-up and max RSS with the code cache sized from the module (the catalog's iwasm-fast-jit) against
# the fixed 256 MiB cache the catalog used to set (a user runtime with the old command), on nbody and on the 5 MiB
# large-table module (which the default 10 MiB cache cannot hold). Medians of RUNS runs each, the two alternating.
#   bench/fast-jit-code-cache/run.sh [RUNS]     (WASM_PERFDIFF_DLL=path/wasm-perfdiff.dll skips the build;
#   SHARED_RUNTIMES=dir names ../shared/runtimes when the repository is elsewhere, e.g. a worktree)
set -euo pipefail
runs=${1:-5}
root=$(cd "$(dirname "$0")/../.." && pwd)
iwasm=${SHARED_RUNTIMES:-$(cd "$root/.." && pwd)/shared/runtimes}/bin/iwasm-fast-jit
[ -x "$iwasm" ] || { echo "needs $iwasm (see ../shared/runtimes/README.md)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dll=${WASM_PERFDIFF_DLL:-}
if [ -z "$dll" ]; then
  dotnet build "$root/src/WasmPerfDiff.Cli" -c Release -o "$work/bin" -v q -nologo >/dev/null
  dll=$work/bin/wasm-perfdiff.dll
fi
cat > "$work/config.json" <<JSON
{
  "paths": { "iwasm-fast-jit": "$iwasm" },
  "runtimes": [
    { "name": "fixed-256mib", "engine": "wamr", "tier": "fast-jit",
      "command": ["$iwasm", "--fast-jit", "--jit-codecache-size=268435456", "--stack-size=4194304", "--dir={dir}", "{wasm}", "{args}"] }
  ]
}
JSON
gunzip -c "$root/corpus/wasm/O2/large-table.wasm.gz" > "$work/large-table.wasm"
: > "$work/results.jsonl"
for module in "$root/corpus/wasm/O2/nbody.wasm 20000" "$work/large-table.wasm 1"; do
  set -- $module
  for i in $(seq "$runs"); do
    for runtime in iwasm-fast-jit fixed-256mib; do
      dotnet "$dll" exec "$1" --config "$work/config.json" -r "$runtime" --json -- "$2" \
        | python3 -c 'import json,sys; r=json.load(sys.stdin)["runs"][0]; print(json.dumps({"module": sys.argv[1], **r}))' "$(basename "$1")" >> "$work/results.jsonl"
    done
  done
done
python3 - "$work/results.jsonl" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
print("| module | code cache | runs ok | start-up ms | wall ms | max RSS MB |")
print("|---|---|---|---|---|---|")
for module in dict.fromkeys(r["module"] for r in rows):
    for runtime, label in (("fixed-256mib", "256 MiB (before)"), ("iwasm-fast-jit", "from the module (after)")):
        mine = [r for r in rows if r["module"] == module and r["runtime"] == runtime]
        ok = [r for r in mine if r["status"] == "ok"]
        med = lambda f: statistics.median(f(r) for r in ok) if ok else float("nan")
        print(f"| {module} | {label} | {len(ok)}/{len(mine)} | {med(lambda r: r['phases'].get('startup_ms') or 0):.0f} "
              f"| {med(lambda r: r['wall_ms']):.0f} | {med(lambda r: r['max_rss_kb']) / 1024:.0f} |")
PY
