#!/usr/bin/env bash
# Hostile-user scenarios: what a person does that a mutation fuzzer does not (special files, paths that are the same
# file, two tools at once, a full disk, a hostile environment), each checked against a promise of the README.
# Runs every executable scenarios/*.sh with PERFDIFF (the command that runs the tool) and SCRATCH (a fresh empty
# folder for it); a scenario file prints one line per scenario: scenario<TAB>promise<TAB>kept|BROKEN<TAB>detail.
# Prints the table and the count of broken promises; exit 1 if any promise is broken. Bounded: 15 minutes in all.
#   bench/hostile/run.sh            build the CLI (Release) into a scratch folder and use it
#   PERFDIFF="dotnet /abs/wasm-perfdiff.dll" bench/hostile/run.sh   use that build instead
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
deadline=$(( $(date +%s) + ${HOSTILE_BUDGET_S:-900} ))

if [ -z "${PERFDIFF:-}" ]; then
  echo "building the CLI (Release) ..." >&2
  timeout 600 dotnet build "$root/src/WasmPerfDiff.Cli" -c Release -o "$work/bin" -v q -nologo >/dev/null || { echo "build failed" >&2; exit 2; }
  PERFDIFF="dotnet $work/bin/wasm-perfdiff.dll"
fi
export PERFDIFF

results="$work/results.tsv"
: > "$results"
for scenario in "$here"/scenarios/*.sh; do
  [ -x "$scenario" ] || continue
  name=$(basename "$scenario" .sh)
  left=$(( deadline - $(date +%s) ))
  if (( left <= 10 )); then
    printf '%s\t%s\t%s\t%s\n' "$name" "the scenario file runs within the 15-minute budget" BROKEN "not started: budget spent" >> "$results"
    continue
  fi
  scratch="$work/scratch-$name"
  mkdir -p "$scratch"
  echo "running $name (at most ${left}s) ..." >&2
  SCRATCH="$scratch" timeout -k 10 "$left" "$scenario" > "$work/$name.out" 2> "$work/$name.err"
  rc=$?
  # Only well-formed lines count; anything else the scenario printed is shown on stderr for the reader.
  awk -F'\t' 'NF == 4 && ($3 == "kept" || $3 == "BROKEN")' "$work/$name.out" >> "$results"
  awk -F'\t' '!(NF == 4 && ($3 == "kept" || $3 == "BROKEN"))' "$work/$name.out" | sed "s/^/$name: /" >&2
  if (( rc != 0 )); then
    printf '%s\t%s\t%s\t%s\n' "$name" "the scenario file runs to its end" BROKEN "exit $rc$( ((rc == 124)) && echo ' (budget spent)'); $(tail -n 1 "$work/$name.err")" >> "$results"
  fi
done

total=$(wc -l < "$results")
broken=$(awk -F'\t' '$3 == "BROKEN"' "$results" | wc -l)
{
  printf '| scenario | promise | outcome |\n|---|---|---|\n'
  awk -F'\t' '{ d = ($3 == "BROKEN" && $4 != "") ? " (" $4 ")" : ""; gsub(/\|/, "\\|", d); printf "| %s | %s | %s%s |\n", $1, $2, $3, d }' "$results"
  printf '\n%d scenarios, %d broken promises\n' "$total" "$broken"
}
(( broken == 0 ))
