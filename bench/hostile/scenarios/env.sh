#!/usr/bin/env bash
# Hostile scenarios about the tool's environment (issue 22 items 5-10 and 16): full or closed stdout/stderr,
# an odd TMPDIR, a planted probe folder, path traversal in --releases, $WASM_PERFDIFF_CONFIG oddities,
# run --resume with changed options, two runs on one database, kill -9 then resume, runtimes that fork a
# SIGTERM-ignoring child, write to /dev/tty or read stdin, a precompile step slower than --timeout, and
# cluster plans that must carry the runtime config.
#
# Environment: PERFDIFF = the command that runs the tool (e.g. "dotnet /abs/wasm-perfdiff.dll"),
#              SCRATCH  = an empty folder this script may fill.
# Output: one line per scenario: scenario<TAB>promise<TAB>kept|BROKEN<TAB>detail. Every tool call is bounded
# with timeout(1). Exit status: 0 when every promise was kept, 1 otherwise.
set -u
: "${PERFDIFF:?set PERFDIFF to the command that runs the tool}"
: "${SCRATCH:?set SCRATCH to an empty folder}"
read -ra TOOL <<< "$PERFDIFF"
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../../.." && pwd)
FAKES=$REPO/tests/WasmPerfDiff.Tests/Fixtures/fake-runtimes
CORPUS=$REPO/corpus
LIMIT=${HOSTILE_LIMIT:-120}
export NO_COLOR=1
broken=0

# report NAME PROMISE OK(0|1) DETAIL
report() {
    local outcome=kept
    if [ "$3" != 0 ]; then outcome=BROKEN; broken=$((broken + 1)); fi
    printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$outcome" "$(printf '%s' "$4" | tr '\n\t' '  ' | cut -c1-220)"
}
tool() { timeout -k 5 "$LIMIT" "${TOOL[@]}" "$@"; }
# A quick campaign: one case on the embedded Wasmtime, two runs.
small_run() { local db=$1; shift; tool run --corpus "$CORPUS" --cases fib --size test --db "$db" --runtime wasmtime-cranelift --warmup 0 --min-runs "${RUNS:-2}" --max-runs "${RUNS:-2}" --seed 1 "$@"; }
rows() { tool export --db "$1" --format csv 2>/dev/null | tail -n +2 | wc -l; }
statuses() { tool export --db "$1" --format csv 2>/dev/null | tail -n +2 | cut -d, -f6 | sort | uniq -c | tr -s ' ' | tr '\n' ';'; }
one_line() { [ "$(printf '%s' "$1" | grep -c .)" = 1 ]; }
fresh() { local d=$SCRATCH/$1; rm -rf "$d"; mkdir -p "$d"; echo "$d"; }
exe() { printf '%s\n' "$2" > "$1"; chmod +x "$1"; }
# A user config with one command-line runtime NAME running PROGRAM {wasm} (no probe run: fakes cannot pass it).
config() { printf '{"runtimes":[{"name":"%s","command":["%s","{wasm}"],"probe":false%s}]}\n' "$2" "$3" "${4:-}" > "$1"; }
hello_corpus() { mkdir -p "$1"; cp "$CORPUS/wasm/O2/fib.wasm" "$1/hello.wasm" 2>/dev/null || cp "$(ls "$CORPUS"/wasm/O2/*.wasm | head -1)" "$1/hello.wasm"; }

# ---- item 6: full or closed standard streams -------------------------------------------------------------
d=$(fresh stderr-full-doctor)
tool doctor 2>/dev/full >"$d/out"; rc=$?
report stderr-full-doctor "stderr on /dev/full does not abort a verb" $([ $rc -ne 134 ] && [ $rc -le 2 ]; echo $?) "exit $rc"

tool doctor --no-such-option 2>/dev/full >/dev/null; rc=$?
report stderr-full-usage-error "a usage error with stderr on /dev/full exits 2, not SIGABRT" $([ $rc = 2 ]; echo $?) "exit $rc"

d=$(fresh stderr-full-run)
small_run "$d/c.db" 2>/dev/full >/dev/null; rc=$?; n=$(rows "$d/c.db")
report stderr-full-run "run with stderr on /dev/full completes and stores its runs" $([ $rc = 0 ] && [ "$n" = 2 ]; echo $?) "exit $rc, $n runs stored"

d=$(fresh stdout-full-export)
small_run "$d/c.db" >/dev/null 2>&1
err=$(tool export --db "$d/c.db" --format csv 2>&1 >/dev/full); rc=$?
report stdout-full-export "a full stdout is one line naming stdout, exit 2" $([ $rc = 2 ] && one_line "$err" && [[ $err == *stdout* ]]; echo $?) "exit $rc: $err"

err=$(tool export --db "$d/c.db" --format csv 2>&1 >&-); rc=$?
report stdout-closed-export "a closed stdout is one line naming stdout, exit 2" $([ $rc = 2 ] && one_line "$err" && [[ $err == *stdout* ]]; echo $?) "exit $rc: $err"

tool doctor --json 2>"$d/err" >/dev/full; rc=$?; err=$(grep -v '^checking' "$d/err")
report stdout-full-doctor-json "doctor --json on a full stdout names stdout, exit 2" $([ $rc = 2 ] && [[ $err == *stdout* ]]; echo $?) "exit $rc: $err"

# ---- item 7: TMPDIR that cannot be used -----------------------------------------------------------------
tmpdir_case() { # NAME TMPDIR-VALUE
    local d; d=$(fresh "$1"); local err rc
    err=$(TMPDIR=$2 small_run "$d/c.db" 2>&1 >/dev/null); rc=$?
    report "$1" "an unusable TMPDIR is one line naming TMPDIR, exit 2, nothing stored" \
        $([ $rc = 2 ] && one_line "$err" && [[ $err == *TMPDIR* ]] && [ ! -e "$d/c.db" ]; echo $?) "exit $rc: $err"
}
tmpdir_case tmpdir-missing "$SCRATCH/no-such-folder"
d=$(fresh tmpdir-file-target); echo x > "$d/file"; tmpdir_case tmpdir-file "$d/file"
if [ "$(id -u)" = 0 ]; then tmpdir_case tmpdir-read-only /proc   # root writes anywhere; /proc refuses new files to all
else d=$(fresh tmpdir-ro-target); chmod 555 "$d"; tmpdir_case tmpdir-read-only "$d"; fi

# ---- item 8: planted probe modules ----------------------------------------------------------------------
availability() { tool doctor --json 2>/dev/null | python3 -c 'import json,sys; print(" ".join(sorted("%s=%s" % (r["name"], r["available"]) for r in json.load(sys.stdin)["runtimes"])))'; }
d=$(fresh probe-planted)
mkdir -p "$d/clean" "$d/tmp" "$d/theirs"
before=$(TMPDIR=$d/clean availability)
probe=$(ls "${XDG_CACHE_HOME:-$HOME/.cache}"/wasm-perfdiff/probe/hello-*.wasm 2>/dev/null | head -1)
name=$(basename "${probe:-hello-000000000000.wasm}")
echo "not a module" > "$d/theirs/$name"
ln -s "$d/theirs" "$d/tmp/wasm-perfdiff-probe"
after=$(TMPDIR=$d/tmp availability)
report probe-planted-symlink "a probe folder planted under TMPDIR (symlink) does not change doctor's answer" \
    $([ -n "$before" ] && [ "$before" = "$after" ] && [ "$(cat "$d/theirs/$name")" = "not a module" ]; echo $?) "$(diff <(tr ' ' '\n' <<<"$before") <(tr ' ' '\n' <<<"$after") | grep '^[<>]' | head -3)"
d2=$(fresh probe-planted-file); mkdir -p "$d2/tmp"; echo x > "$d2/tmp/wasm-perfdiff-probe"
after=$(TMPDIR=$d2/tmp availability)
report probe-planted-file "a file where the probe folder was does not change doctor's answer" $([ -n "$before" ] && [ "$before" = "$after" ]; echo $?) "${after:0:120}"
d3=$(fresh probe-cache-private); mkdir -p "$d3/tmp"; TMPDIR=$d3/tmp availability >/dev/null
mode=$(stat -c %a "${XDG_CACHE_HOME:-$HOME/.cache}/wasm-perfdiff/probe" 2>/dev/null)
report probe-cache-private "probe modules live in the private per-user cache (0700), nothing shared under TMPDIR" \
    $([ "$mode" = 700 ] && [ ! -e "$d3/tmp/wasm-perfdiff-probe" ]; echo $?) "cache mode ${mode:-missing}; under TMPDIR: $(ls "$d3/tmp" | tr '\n' ' ')"

# ---- item 9: path traversal in --releases ---------------------------------------------------------------
releases_case() { # NAME PROGRAM-PATH EXPECTED-SNIPPET [ARCHIVE-MAKER]
    local d; d=$(fresh "$1"); mkdir -p "$d/mirror" "$d/pkg/bin"
    if [ -n "${4:-}" ]; then "$4" "$d/pkg"; else exe "$d/pkg/bin/wasm3" '#!/bin/sh'; fi
    tar -C "$d/pkg" -czf "$d/mirror/esc-1.0.tar.gz" .
    local sha; sha=$(sha256sum "$d/mirror/esc-1.0.tar.gz" | cut -d' ' -f1)
    printf '{"releases":[{"name":"esc","version":"1.0","kind":"archive","url":"https://example.invalid/esc-1.0.tar.gz","sha256":"%s","checksum_source":"t","programs":{"wasm3":"%s"}}]}\n' "$sha" "$2" > "$d/releases.json"
    local err rc
    err=$(WASM_PERFDIFF_DATA=$d/data WASM_PERFDIFF_RELEASES=$d/releases.json WASM_PERFDIFF_MIRROR=$d/mirror tool runtimes install esc 2>&1 >/dev/null); rc=$?
    local left; left=$(find "$d/data" -type f 2>/dev/null | wc -l)
    report "$1" "a --releases program path must resolve inside the archive" \
        $([ $rc -ne 0 ] && one_line "$err" && [[ $err == *"$3"* ]] && [ "$left" = 0 ]; echo $?) "exit $rc, $left files left: $err"
}
releases_case releases-dotdot "../../x" "inside the archive"
releases_case releases-dotdot-nested "bin/../../wasm3" "inside the archive"
releases_case releases-absolute "/usr/bin/env" "inside the archive"
link_chain() { mkdir -p "$1/a"; ln -s .. "$1/a/up0"; for k in $(seq 1 16); do ln -s "up$((k - 1))/.." "$1/a/up$k"; done; ln -s ../a/up16/usr/bin/env "$1/bin/wasm3"; }
releases_case releases-link-chain "bin/wasm3" "leads outside the archive" link_chain

d=$(fresh install-json-tampered)
mkdir -p "$d/data/runtimes/evil-1.0"
printf '{"name":"evil","version":"1.0","kind":"cli","program":"x","source":"t","programs":{"wasm3":"../../../../../../../../../../usr/bin/env"}}\n' > "$d/data/runtimes/evil-1.0/install.json"
hello_corpus "$d/c"
err=$(WASM_PERFDIFF_DATA=$d/data tool exec "$d/c/hello.wasm" --runtime wasm3 2>&1 >/dev/null); rc=$?
report install-json-tampered "an install.json pointing outside its folder is refused before running" $([ $rc = 2 ] && [[ $err == *"outside its folder"* ]]; echo $?) "exit $rc: $err"

# ---- item 10: $WASM_PERFDIFF_CONFIG oddities ------------------------------------------------------------
d=$(fresh config-env); hello_corpus "$d/c"
for kind in missing folder; do
    target=$d/nope.json; [ $kind = folder ] && target=$d
    err=$(WASM_PERFDIFF_CONFIG=$target tool exec "$d/c/hello.wasm" --runtime wasmtime-cranelift 2>&1 >/dev/null); rc=$?
    report "config-env-$kind" "\$WASM_PERFDIFF_CONFIG naming a $kind is refused like --config" $([ $rc = 2 ] && one_line "$err" && [[ $err == *WASM_PERFDIFF_CONFIG* ]]; echo $?) "exit $rc: $err"
done
WASM_PERFDIFF_CONFIG= tool exec "$d/c/hello.wasm" --runtime wasmtime-cranelift >/dev/null 2>&1; rc=$?
report config-env-empty "an empty \$WASM_PERFDIFF_CONFIG is the same as unset" $([ $rc = 0 ]; echo $?) "exit $rc"
config "$d/good.json" envrt "$FAKES/tty-writer.sh"
WASM_PERFDIFF_CONFIG=$d/good.json tool exec "$d/c/hello.wasm" --runtime envrt >/dev/null 2>&1; rc=$?
report config-env-used "a \$WASM_PERFDIFF_CONFIG naming a file defines its runtimes" $([ $rc = 0 ]; echo $?) "exit $rc"

# ---- item 10: run --resume with changed options ---------------------------------------------------------
d=$(fresh resume-changes)
small_run "$d/c.db" >/dev/null 2>&1
err=$(tool run --resume --db "$d/c.db" --runtime wasmtime-winch 2>&1 >/dev/null); rc=$?
report resume-changed-runtime "resume with another --runtime says what the campaign keeps, exit 2" $([ $rc = 2 ] && one_line "$err" && [[ $err == *"--runtime wasmtime-cranelift"* ]]; echo $?) "exit $rc: $err"
err=$(tool run --resume --db "$d/c.db" --max-runs 9 --cases 'nbody' 2>&1 >/dev/null); rc=$?
report resume-changed-max-runs-cases "resume with another --max-runs/--cases is refused, naming both" $([ $rc = 2 ] && [[ $err == *--max-runs* ]] && [[ $err == *--cases* ]]; echo $?) "exit $rc: $err"
small_run "$d/c.db" --resume >/dev/null 2>&1; rc=$?; n=$(rows "$d/c.db")
report resume-same-options "resume with the campaign's own options (a resubmitted job) runs, nothing twice" $([ $rc = 0 ] && [ "$n" = 2 ]; echo $?) "exit $rc, $n runs"

d=$(fresh resume-retry); hello_corpus "$d/c"
config "$d/cfg.json" late "$d/late.sh"
"${TOOL[@]}" --config "$d/cfg.json" run --corpus "$d/c" --db "$d/c.db" --runtime late --warmup 0 --min-runs 2 --max-runs 2 >/dev/null 2>&1
exe "$d/late.sh" $'#!/bin/sh\necho hello'
tool --config "$d/cfg.json" run --resume --db "$d/c.db" >/dev/null 2>&1; rc=$?
s=$(statuses "$d/c.db")
report resume-retry-now-available "resume retries an unsupported cell once its runtime is available" $([ $rc = 0 ] && [[ $s == *"2 ok"* ]] && [[ $s == *"1 unsupported"* ]]; echo $?) "exit $rc: $s"

# ---- concurrency and kill -9 ----------------------------------------------------------------------------
d=$(fresh two-runs-one-db)
RUNS=6 small_run "$d/c.db" >"$d/a.out" 2>&1 & a=$!
sleep 0.3
RUNS=6 small_run "$d/c.db" >"$d/b.out" 2>&1 & b=$!
wait $a; ra=$?; wait $b; rb=$?
n=$(rows "$d/c.db")
report two-runs-one-db "two runs on one database: one runs, the other is refused; nothing stored twice" $([ "$ra$rb" = 02 ] || [ "$ra$rb" = 20 ]; [ $? = 0 ] && [ "$n" = 6 ]; echo $?) "exits $ra/$rb, $n runs: $(tail -1 "$d/b.out")"

d=$(fresh kill9-resume)
mkdir -p "$d/tmp"
# Started without timeout(1) so that $! is the tool itself (it is killed below in any case).
TMPDIR=$d/tmp "${TOOL[@]}" run --corpus "$CORPUS" --cases fib,towers --size test --db "$d/c.db" --runtime wasmtime-cranelift,wasmtime-winch --warmup 0 --min-runs 5 --max-runs 5 --seed 3 >/dev/null 2>&1 & p=$!
for _ in $(seq 1 300); do [ -e "$d/c.db" ] && [ "$(sqlite3 "$d/c.db" 'select count(*) from run' 2>/dev/null || echo 0)" -ge 4 ] && break; sleep 0.1; done
kill -9 $p; wait $p 2>/dev/null
ipc=$(ls "$d/tmp" | grep -c -E '^(dotnet-diagnostic|clr-debug-pipe)-')
report kill9-no-ipc-files "kill -9 of the tool leaves no .NET IPC files in TMPDIR" $([ "$ipc" = 0 ]; echo $?) "$ipc left: $(ls "$d/tmp" | tr '\n' ' ')"
TMPDIR=$d/tmp tool run --resume --db "$d/c.db" >/dev/null 2>&1; rc=$?
n=$(rows "$d/c.db"); dup=$(sqlite3 "$d/c.db" 'select count(*) from (select 1 from run group by case_name, runtime, round having count(*) > 1)' 2>/dev/null || echo "?")
report kill9-then-resume "kill -9 mid-campaign then resume: every run once (20 of 20)" $([ $rc = 0 ] && [ "$n" = 20 ]; echo $?) "exit $rc, $n runs, $dup duplicates"

# ---- misbehaving runtimes -------------------------------------------------------------------------------
gone() { for pid in "$@"; do [ -d "/proc/$pid" ] && ! grep -q ') Z ' "/proc/$pid/stat" 2>/dev/null && return 1; done; return 0; }
d=$(fresh runtime-forks-sigterm-ignorer); hello_corpus "$d/c"
config "$d/cfg.json" escaper "$FAKES/escape.sh"
tool --config "$d/cfg.json" exec "$d/c/hello.wasm" --runtime escaper --timeout 2 >/dev/null 2>&1; rc=$?
sleep 1; pids=$(cat "$d/c/hello.wasm.pids" 2>/dev/null | tr '\n' ' ')
report runtime-forks-sigterm-ignorer "a runtime whose children ignore SIGTERM: all killed at the timeout" $([ -n "$pids" ] && gone $pids; echo $?) "exit $rc, pids ${pids:-none recorded}"

d=$(fresh kill9-with-escaping-runtime); hello_corpus "$d/c"
config "$d/cfg.json" escaper "$FAKES/escape.sh"
"${TOOL[@]}" --config "$d/cfg.json" exec "$d/c/hello.wasm" --runtime escaper --timeout 60 >/dev/null 2>&1 & p=$!
for _ in $(seq 1 100); do [ -s "$d/c/hello.wasm.pids" ] && break; sleep 0.1; done
sleep 0.5; kill -9 $p; wait $p 2>/dev/null; sleep 2
pids=$(cat "$d/c/hello.wasm.pids" 2>/dev/null | tr '\n' ' ')
report kill9-with-escaping-runtime "kill -9 of the tool: nothing it started outlives it" $([ -n "$pids" ] && gone $pids; echo $?) "pids ${pids:-none recorded}"

if command -v script >/dev/null; then
    d=$(fresh runtime-writes-dev-tty); hello_corpus "$d/c"
    config "$d/cfg.json" ttyw "$FAKES/tty-writer.sh"
    q() { printf "'%s' " "${@//\'/\'\\\'\'}"; }
    term=$(timeout -k 5 "$LIMIT" script -qec "$(q "${TOOL[@]}" --config "$d/cfg.json" exec "$d/c/hello.wasm" --runtime ttyw)" /dev/null </dev/null 2>&1)
    said=$(cat "$d/c/hello.wasm.tty" 2>/dev/null)
    report runtime-writes-dev-tty "a runtime cannot write to the user's terminal" $([ "$said" = refused ] && [[ $term != *LEAKED* ]]; echo $?) "/dev/tty ${said:-not tried}"

    d=$(fresh runtime-reads-stdin); hello_corpus "$d/c"
    exe "$d/reader.sh" $'#!/bin/sh\nif [ -t 0 ]; then echo tty > "$1.stdin"; else echo not-a-tty > "$1.stdin"; fi\ncat >/dev/null\necho hello'
    config "$d/cfg.json" reader "$d/reader.sh"
    timeout -k 5 60 script -qec "$(q "${TOOL[@]}" --config "$d/cfg.json" exec "$d/c/hello.wasm" --runtime reader --timeout 20)" /dev/null </dev/null >/dev/null 2>&1; rc=$?
    said=$(cat "$d/c/hello.wasm.stdin" 2>/dev/null)
    report runtime-reads-stdin "a runtime's stdin is never the user's terminal" $([ "$said" = not-a-tty ] && [ $rc = 0 ]; echo $?) "exit $rc, stdin ${said:-unknown}"
else
    report runtime-writes-dev-tty "a runtime cannot write to the user's terminal" 1 "util-linux script is missing: not checked"
fi

# ---- item 5: precompile honours --timeout ----------------------------------------------------------------
d=$(fresh precompile-timeout); hello_corpus "$d/c"
printf '{"runtimes":[{"name":"slowaot","command":["cat","{wasm}"],"precompile":["%s","{wasm}","{out}"],"probe":false}]}\n' "$FAKES/slow-precompile.sh" > "$d/cfg.json"
start=$(date +%s)
out=$(timeout -k 5 "$LIMIT" "${TOOL[@]}" --config "$d/cfg.json" exec "$d/c/hello.wasm" --runtime slowaot --timeout 2 --json 2>&1); rc=$?
took=$(( $(date +%s) - start ))
report precompile-timeout "a precompile step ends at --timeout and says so" $([ $took -lt 30 ] && [[ $out == *"did not finish within"* ]]; echo $?) "exit $rc after ${took}s"

# ---- item 16: cluster plans carry the runtime config -----------------------------------------------------
d=$(fresh plan-slurm-config); hello_corpus "$d/c"
exe "$d/rt.sh" $'#!/bin/sh\necho hello'
config "$d/cfg.json" cfgrt "$d/rt.sh"
tool --config "$d/cfg.json" plan slurm --shards 1 --out "$d/plan" --corpus "$d/c" --runtime cfgrt --warmup 0 --min-runs 2 --max-runs 2 >/dev/null 2>&1; rc=$?
(cd / && env -i PATH="$PATH" HOME="$HOME" SLURM_ARRAY_TASK_ID=1 timeout -k 5 "$LIMIT" bash "$d/plan/shards.sbatch" >/dev/null 2>&1); rs=$?
s=$(statuses "$d/plan/campaign.shard-1-of-1.db")
report plan-slurm-config "a Slurm shard runs the runtimes of the plan's --config" $([ $rc = 0 ] && [ $rs = 0 ] && [[ $s == *"2 ok"* ]]; echo $?) "plan exit $rc, shard exit $rs: $s"
(cd / && env -i PATH="$PATH" HOME="$HOME" SLURM_ARRAY_TASK_ID=1 timeout -k 5 "$LIMIT" bash "$d/plan/shards.sbatch" >/dev/null 2>&1); rs=$?
s2=$(statuses "$d/plan/campaign.shard-1-of-1.db")
report plan-slurm-resubmit "a resubmitted Slurm shard resumes (same options), nothing twice" $([ $rs = 0 ] && [ "$s2" = "$s" ]; echo $?) "exit $rs: $s2"

d=$(fresh plan-k8s-config)
tool --config "$REPO/../shared/runtimes/wasm-perfdiff.json" plan k8s --shards 2 --out "$d/plan" --cases 'fib,towers' --runtime wasmtime-cranelift >/dev/null 2>&1 \
    || tool --config "$SCRATCH/plan-slurm-config/cfg.json" plan k8s --shards 2 --out "$d/plan" --cases 'fib,towers' --runtime wasmtime-cranelift >/dev/null 2>&1; rc=$?
report plan-k8s-config "a Kubernetes plan carries the config beside the manifests and passes it" $([ $rc = 0 ] && [ -f "$d/plan/wasm-perfdiff-config.json" ] && grep -q -- '--config wasm-perfdiff-config.json' "$d/plan/shards.yaml"; echo $?) "exit $rc"

[ $broken = 0 ]
