#!/usr/bin/env bash
# Files (issue 22 items 1-4 and the file part of 10): a FIFO, a device node, an existing empty file, links to
# /dev/zero, an output that is the same file as an input, two writers on one database, a full disk.
# Needs PERFDIFF (the command running the tool) and SCRATCH (an empty folder). Prints one line per scenario:
# scenario<TAB>promise<TAB>kept|BROKEN<TAB>detail. Device-node scenarios need root (mknod); the full-disk ones a
# mountable tmpfs; without them they are left out, said on stderr.
set -u
cd "$SCRATCH" || exit 2
LIMIT=60   # seconds any one command may take: every refusal here is meant to be immediate

pd() { timeout -k 5 "$LIMIT" $PERFDIFF "$@" > out.txt 2> err.txt; rc=$?; }
emit() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$(printf '%s' "$4" | tr '\t\n\r' '   ' | cut -c1-180)"; }
# What a path is now: type, device, inode, size, mtime, and the content's hash for a regular file (never read
# through a link or from a FIFO, which would block).
snap() {
  if [ -L "$1" ]; then stat -c '%F %d %i' "$1"; readlink "$1"
  elif [ -f "$1" ]; then stat -c '%F %d %i %s %Y' "$1"; sha256sum < "$1"
  else stat -c '%F %d %i %s %Y %t:%T' "$1" 2>/dev/null || echo missing; fi
}
lines() { grep -c . err.txt; }
# why_refused WANT: empty when the last command was refused as promised (exit 2, one line on stderr naming WANT).
why_refused() {
  if (( rc == 124 || rc == 137 )); then echo "hung: no answer in ${LIMIT}s"
  elif (( rc != 2 )); then echo "exit $rc"
  elif [ "$(lines)" != 1 ]; then echo "stderr has $(lines) lines"
  elif grep -q "internal error" err.txt; then echo "internal error"
  elif [ -n "$1" ] && ! grep -qF -- "$1" err.txt; then echo "message lacks '$1'"
  fi
}
# refused SCENARIO PROMISE KEEP WANT ARGS...: the tool refuses in one line, and KEEP (a path, or -) is as it was.
refused() {
  local name=$1 promise=$2 keep=$3 want=$4 before="" why
  shift 4
  [ "$keep" != - ] && before=$(snap "$keep")
  pd "$@"
  why=$(why_refused "$want")
  [ -z "$why" ] && [ "$keep" != - ] && [ "$(snap "$keep")" != "$before" ] && why="$keep was changed or removed"
  if [ -z "$why" ]; then emit "$name" "$promise" kept "$(head -c 160 err.txt)"; else emit "$name" "$promise" BROKEN "$why: $(head -c 160 err.txt)"; fi
}
outcome() { if [ -z "$3" ]; then emit "$1" "$2" kept "$4"; else emit "$1" "$2" BROKEN "$3"; fi; }

# ---- fixtures -----------------------------------------------------------------------------------------------
# (module (memory (export "memory") 1) (func (export "_start"))), assembled by hand; and one that loops forever.
printf '\x00asm\x01\x00\x00\x00\x01\x04\x01\x60\x00\x00\x03\x02\x01\x00\x05\x03\x01\x00\x01\x07\x13\x02\x06_start\x00\x00\x06memory\x02\x00\x0a\x04\x01\x02\x00\x0b' > hello.wasm
printf '\x00asm\x01\x00\x00\x00\x01\x04\x01\x60\x00\x00\x03\x02\x01\x00\x05\x03\x01\x00\x01\x07\x13\x02\x06_start\x00\x00\x06memory\x02\x00\x0a\x09\x01\x07\x00\x03\x40\x0c\x00\x0b\x0b' > spin.wasm
mkdir corp && cp hello.wasm corp/hello.wasm
RT=wasmtime-cranelift
timeout 120 $PERFDIFF run --corpus corp -r $RT --warmup 0 --min-runs 3 --max-runs 3 --db c.db > /dev/null 2> setup.err \
  || { echo "setup: cannot make a campaign database: $(tail -n 1 setup.err)" >&2; exit 2; }
mkfifo fifo.db
: > empty.db
device=""
if mknod null.db c 1 3 2>/dev/null; then device=null.db; else echo "no device-node scenarios: mknod needs root" >&2; fi
W="a writer never removes or changes a file it did not create (refused in one line)"

# ---- 1. writers and files they did not create ----------------------------------------------------------------
for f in fifo.db empty.db $device; do
  refused "run --resume --db $f" "$W" "$f" "" run --resume --db "$f"
  refused "run --db $f (a run refused after opening it)" "$W" "$f" "" run --db "$f" --corpus corp -r $RT --cases 'no-such-*'
done
for f in fifo.db $device; do
  refused "import db c.db --db $f" "$W" "$f" "" import db c.db --db "$f"
done
before=$(stat -c '%d %i' empty.db)
pd import db c.db --db empty.db
outcome "import db c.db --db empty.db" "an existing empty file named as the database is filled in place, not replaced" \
  "$( ((rc != 0)) && echo "exit $rc: $(head -c 120 err.txt)"; [ "$(stat -c '%d %i' empty.db)" != "$before" ] && echo 'replaced by another inode')" "exit 0, same inode"
if [ -n "$device" ]; then
  ln -s null.db devlink.db
  refused "run --resume --db symlink-to-device" "$W" null.db "character device" run --resume --db devlink.db
fi
mkdir demo-fifo && mkfifo demo-fifo/campaign.db
refused "demo --out DIR whose campaign.db is a FIFO" "$W" demo-fifo/campaign.db "FIFO" demo --max-time 20s --size test -r $RT --corpus corp --out demo-fifo
refused "demo --force --out DIR whose campaign.db is a FIFO" "$W" demo-fifo/campaign.db "FIFO" demo --max-time 20s --size test -r $RT --corpus corp --out demo-fifo --force
refused "compare A A --db FIFO" "$W" fifo.db "FIFO" compare $RT $RT --corpus corp --db fifo.db

# ---- 2. an output that is the same file as an input, or as another output ----------------------------------------
S="an output that is the same file as an input is refused; the input is kept"
ln -s c.db c-symlink.db
ln c.db c-hardlink.db
refused "report --db c.db --out c.db" "$S" c.db "same file" report --db c.db --out c.db
refused "report --db c.db --md c.db" "$S" c.db "same file" report --db c.db --md c.db
refused "export --db c.db --out c.db" "$S" c.db "same file" export --db c.db --format csv --out c.db
refused "export --out a symlink to the database" "$S" c.db "same file" export --db c.db --format json --out c-symlink.db
refused "report --out a hard link of the database" "$S" c.db "same file" report --db c.db --out c-hardlink.db
refused "import db c.db --db c.db" "$S" c.db "same file" import db c.db --db c.db
refused "import db symlink --db its target" "$S" c.db "same file" import db c-symlink.db --db c.db
refused "report --out x --md x" "two outputs naming one file are refused; neither is written" x.html "both" report --db c.db --out x.html --md x.html
refused "report --out x --md ./x" "two outputs naming one file are refused; neither is written" x.html "both" report --db c.db --out x.html --md ./x.html
refused "compare --db m --markdown m" "two outputs naming one file are refused; neither is written" m.db "both" compare $RT $RT --corpus corp --db m.db --markdown m.db
refused "report --out FIFO" "an output that is a FIFO is refused, not replaced" fifo.db "FIFO" report --db c.db --out fifo.db
refused "export --out FIFO" "an output that is a FIFO is refused, not replaced" fifo.db "FIFO" export --db c.db --format csv --out fifo.db

# ---- 3. demo and a campaign already in its folder --------------------------------------------------------------
D="demo never replaces a campaign without --force"
pd demo --max-time 20s --size test -r $RT --corpus corp --out demo1
outcome "demo --out DIR (first time)" "demo writes its database and report" "$( ((rc != 0)) && echo "exit $rc: $(head -c 120 err.txt)")" "exit 0"
refused "demo --out DIR again" "$D" demo1/campaign.db "--force" demo --max-time 20s --size test -r $RT --corpus corp --out demo1
pd demo --max-time 20s --size test -r $RT --corpus corp --out demo1 --force
outcome "demo --out DIR --force" "with --force the demo starts afresh" "$( ((rc != 0)) && echo "exit $rc: $(head -c 120 err.txt)")" "exit 0"
mkdir demo-notes && echo "my notes" > demo-notes/campaign.db
refused "demo --out DIR whose campaign.db is not a database" "$D" demo-notes/campaign.db "--force" demo --max-time 20s --size test -r $RT --corpus corp --out demo-notes

# ---- 4. special files as inputs --------------------------------------------------------------------------------
I="an input that is not a regular file is refused at once, saying what it is"
refused "report --db FIFO" "$I" fifo.db "FIFO" report --db fifo.db --out r1.html
refused "export --db FIFO" "$I" fifo.db "FIFO" export --db fifo.db --format csv
refused "analyze --db FIFO" "$I" fifo.db "FIFO" analyze --db fifo.db
refused "import db FIFO" "import db FIFO says what it is (not 'does not exist')" fifo.db "FIFO" import db fifo.db --db merged.db
refused "report --constructs FIFO" "$I" fifo.db "--constructs: 'fifo.db' is a FIFO" report --db c.db --out r2.html --constructs fifo.db
refused "run --shard-costs FIFO" "$I" fifo.db "--shard-costs: 'fifo.db' is a FIFO" run --corpus corp -r $RT --shard 1/2 --shard-costs fifo.db --db s.db
refused "run --config FIFO" "$I" fifo.db "FIFO" run --corpus corp -r $RT --config fifo.db --db cf.db
pd_env() { WASM_PERFDIFF_CONFIG="$SCRATCH/fifo.db" pd "$@"; }
before=$(snap fifo.db); pd_env doctor
outcome "WASM_PERFDIFF_CONFIG=FIFO doctor" "$I" "$(why_refused FIFO)" "$(head -c 120 err.txt)"
refused "exec FIFO" "$I" fifo.db "FIFO" exec fifo.db -r $RT
refused "profile --wasm FIFO" "$I" fifo.db "FIFO" profile --wasm fifo.db -r $RT --out prof1
start=$(date +%s)
timeout -k 2 -s TERM 20 $PERFDIFF exec hello.wasm -r $RT --stdin fifo.db --timeout 5 > out.txt 2> err.txt; rc=$?
took=$(( $(date +%s) - start ))
why=$(why_refused FIFO); (( rc == 124 )) && why="still running at 20 s (--timeout 5 not honoured), ended by SIGTERM"; (( rc == 137 )) && why="survived SIGTERM (killed)"
outcome "exec --stdin FIFO --timeout 5" "never hangs on a FIFO; --timeout and SIGTERM end it" "$why" "refused in ${took}s"
for side in wasm args stdin expected; do
  mkdir "corp-fifo-$side" && cp hello.wasm "corp-fifo-$side/a.wasm"
  rm -f "corp-fifo-$side/a.$side"; mkfifo "corp-fifo-$side/a.$side"
  refused "corpus NAME.$side is a FIFO" "$I" "corp-fifo-$side/a.$side" "FIFO" run --corpus "corp-fifo-$side" -r $RT --db "cfifo-$side.db"
done
for side in wasm args stdin; do
  mkdir "corp-zero-$side" && cp hello.wasm "corp-zero-$side/a.wasm"
  rm -f "corp-zero-$side/a.$side"; ln -s /dev/zero "corp-zero-$side/a.$side"
  refused "corpus NAME.$side -> /dev/zero" "$I" - "character device" run --corpus "corp-zero-$side" -r $RT --db "czero-$side.db"
done
refused "exec /dev/zero" "$I" - "character device" exec /dev/zero -r $RT
refused "exec --stdin /dev/zero" "$I" - "character device" exec hello.wasm -r $RT --stdin /dev/zero
ln -s /dev/zero zero.json
refused "--config -> /dev/zero" "$I" - "character device" run --corpus corp -r $RT --config zero.json --db cz.db
mkdir -p warp-fifo/profiling_data/O2/suite/total_time warp-zero/profiling_data/O2/suite/total_time
mkfifo warp-fifo/profiling_data/O2/suite/total_time/total_time_wasmtime.csv
ln -s /dev/zero warp-zero/profiling_data/O2/suite/total_time/total_time_wasmtime.csv
refused "import warpdiff with a FIFO CSV" "$I" - "FIFO" import warpdiff warp-fifo --db w1.db
refused "import warpdiff with a CSV -> /dev/zero" "$I" - "character device" import warpdiff warp-zero --db w2.db
mkdir prof-fifo && mkfifo prof-fifo/findings.json
refused "report --flame-graphs DIR with a FIFO findings.json" "$I" prof-fifo/findings.json "FIFO" report --db c.db --out r3.html --flame-graphs prof-fifo --constructs c.db
truncate -s 100M big.json
refused "--config of 100 MB (sparse)" "a file read whole is size-bounded" big.json "more than" run --corpus corp -r $RT --config big.json --db cb.db
mkdir adir.db
refused "report --db DIR" "$I" adir.db "directory" report --db adir.db --out r4.html

# ---- 10. the rest, about files ----------------------------------------------------------------------------------
mkdir corp-latin1 && cp hello.wasm corp-latin1/hello.wasm && cp hello.wasm "$(printf 'corp-latin1/caf\xe9.wasm')"
pd run --corpus corp-latin1 -r $RT --warmup 0 --min-runs 3 --max-runs 3 --db latin1.db
why=""; ((rc != 0)) && why="exit $rc: $(head -c 120 err.txt)"; [ -z "$why" ] && ! grep -q "not valid UTF-8" err.txt && why="no warning naming the skipped file"
outcome "corpus file named in Latin-1" "a file whose name is not UTF-8 is skipped with a warning; the rest runs" "$why" "$(grep -m1 warning err.txt)"
ln -s /dev/null jl.db
refused "report --db symlink-to-/dev/null" "a database linked to a device is refused and leaves no -journal" - "character device" report --db jl.db --out r5.html
[ -e jl.db-journal ] && emit "report --db symlink-to-/dev/null (journal)" "no stray -journal" BROKEN "jl.db-journal left" || emit "report --db symlink-to-/dev/null (journal)" "no stray -journal" kept ""
refused "run --db symlink-to-/dev/null" "a database linked to a device is refused and leaves no -journal" - "character device" run --corpus corp -r $RT --db jl.db
[ -e jl.db-journal ] || [ -e jl.db-wal ] && emit "run --db symlink-to-/dev/null (journal)" "no stray -journal" BROKEN "journal left" || emit "run --db symlink-to-/dev/null (journal)" "no stray -journal" kept ""

# ---- two writers at once ----------------------------------------------------------------------------------------
mkdir corp-spin && cp spin.wasm corp-spin/spin.wasm
timeout -k 5 120 $PERFDIFF run --corpus corp-spin -r $RT --warmup 0 --min-runs 1 --max-runs 1 --timeout 8 --db busy.db > busy.out 2> busy.err &
writer=$!
for _ in $(seq 100); do [ -s busy.db ] && break; sleep 0.2; done
sleep 1
refused "import into a database another run is writing" "one writer per database: the second is refused, the first unharmed" - "another wasm-perfdiff process" import db c.db --db busy.db
refused "run --resume of a database another run is writing" "one writer per database: the second is refused, the first unharmed" - "another wasm-perfdiff process" run --resume --db busy.db
wait $writer; wrc=$?
pd export --db busy.db --format csv
why=""; ((wrc == 124 || wrc == 137)) && why="the first writer hung (exit $wrc)"; ((rc != 0)) && why="${why}export after: exit $rc $(head -c 100 err.txt)"
[ -z "$why" ] && [ "$(grep -c ',spin,' out.txt)" -lt 1 ] && why="the first writer's run is missing"
outcome "the first writer after the second was refused" "one writer per database: the second is refused, the first unharmed" "$why" "first writer exit $wrc, its run stored"

# ---- a full disk ------------------------------------------------------------------------------------------------
refused "export --out /dev/full" "an output on a device is refused in one line" - "/dev" export --db c.db --format csv --out /dev/full
mkdir tiny
if mount -t tmpfs -o size=16k tmpfs tiny 2>/dev/null; then
  trap 'umount "$SCRATCH/tiny" 2>/dev/null' EXIT
  refused "report --out on a full disk" "a full disk is one line, exit 2; no partial file is left" - "" report --db c.db --out tiny/r.html
  leftover=$(ls -A tiny)
  outcome "report --out on a full disk (leftovers)" "no partial or temporary file is left" "$([ -n "$leftover" ] && echo "left: $leftover")" "folder empty"
  head -c 12k /dev/zero > tiny/filler
  pd run --corpus corp -r $RT --warmup 0 --min-runs 3 --max-runs 3 --db tiny/c.db
  why=$(why_refused "")
  outcome "run --db on a nearly full disk" "a full disk is one line, exit 2, never a crash or a hang" "$why" "$(head -c 120 err.txt)"
else
  echo "no full-disk tmpfs scenarios: mount -t tmpfs is not allowed here" >&2
fi
exit 0
