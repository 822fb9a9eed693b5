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
#   cmake make git xz-utils                        runtimes install: source builds (wasm3, WAMR modes; wasm3 clones uvwasi); the tests' .tar.xz fixtures
# The .NET 10 SDK must already be there; embedded Wasmtime comes from NuGet.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"

packages=(clang lld wasi-libc libclang-rt-14-dev-wasm32 libclang-rt-14-dev csmith libcsmith-dev linux-perf chromium hyperfine time gcc gjs cvise binaryen wabt cmake make git xz-utils)
command -v node >/dev/null || packages+=(nodejs)

$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
echo "installed: ${packages[*]}"
