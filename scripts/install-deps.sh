#!/usr/bin/env bash
# Installs, from Debian's packages, everything wasm-perfdiff's build, tests and optional features use:
#   clang lld wasi-libc libclang-rt-14-dev-wasm32  build the corpus for wasm32-wasi (wasm-perfdiff build)
#   nodejs                                         the V8 runtimes (v8-turbofan, v8-liftoff), if node is absent
#   linux-perf                                     wasm-perfdiff profile (flame graphs)
#   chromium                                       the report's rendering test (headless)
#   hyperfine                                      bench/ comparisons
#   time                                           GNU /usr/bin/time: the max-RSS reference in tests and bench/
#   gcc                                            builds the measured-process launcher (max RSS, no orphans)
#   gjs                                            SpiderMonkey (the spidermonkey runtime, with the WASI shim from npm)
#   csmith libcsmith-dev libclang-rt-14-dev         gen programs / hunt: Csmith seeds (headers in /usr/include/csmith), native UBSan filter
#   cvise binaryen wabt                            wasm-perfdiff reduce: C-Vise (source level), binaryen's wasm-reduce (wasm level), wabt's wasm2wat (the text shown)
#   valgrind                                       reduce: memcheck of a kept candidate's native build (reads of unwritten memory)
#   clang-format                                   reduce: lays out the reduced C (and counts its lines) in one style, the original's too
#   cmake make git xz-utils                        runtimes install: source builds (wasm3, WAMR modes; wasm3 clones uvwasi); the tests' .tar.xz fixtures
#   python3.11 llvm dpkg-dev                       build --python: CPython for WASI from Debian's source (native build Python, llvm-ar)
# and a deb-src entry for the Debian mirror this machine already uses, so `apt-get source python3.11` works.
# The .NET 10 SDK must already be there; embedded Wasmtime comes from NuGet.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"

packages=(clang lld wasi-libc libclang-rt-14-dev-wasm32 libclang-rt-14-dev csmith libcsmith-dev linux-perf chromium hyperfine time gcc gjs cvise binaryen wabt valgrind clang-format cmake make git xz-utils python3.11 llvm dpkg-dev)
command -v node >/dev/null || packages+=(nodejs)

# Debian's source packages from the same mirror as the binary ones: a deb-src twin of every Debian entry (deb822 or
# one-line), written once; third-party repositories are left alone (they may publish no sources).
src_list=/etc/apt/sources.list.d/wasm-perfdiff-deb-src.sources
if [ ! -f "$src_list" ] && ! grep -rqsE '^(deb-src |Types:.*deb-src)' /etc/apt/sources.list /etc/apt/sources.list.d/; then
  python3 - "$src_list" <<'PY' | $sudo tee "$src_list" >/dev/null
import glob, re, sys
stanzas = []
for path in glob.glob("/etc/apt/sources.list.d/*.sources"):
    for stanza in open(path).read().split("\n\n"):
        if re.search(r"^Types:.*\bdeb\b", stanza, re.M) and re.search(r"^URIs:.*debian", stanza, re.M):
            stanzas.append(re.sub(r"^Types:.*$", "Types: deb-src", stanza.strip(), flags=re.M))
for path in ["/etc/apt/sources.list"] + glob.glob("/etc/apt/sources.list.d/*.list"):
    try: lines = open(path).read().splitlines()
    except OSError: continue
    for line in lines:
        m = re.match(r"^deb\s+(\[[^]]*\]\s+)?(\S*debian\S*)\s+(\S+)\s+(.+)$", line.strip())
        if m:
            stanzas.append(f"Types: deb-src\nURIs: {m.group(2)}\nSuites: {m.group(3)}\nComponents: {m.group(4)}")
print("\n\n".join(stanzas))
PY
fi
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
echo "installed: ${packages[*]}"
