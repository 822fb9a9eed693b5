#!/usr/bin/env python3
"""Builds a foreign-style corpus from the project's own programs: marker-free modules (-DPERFDIFF_NO_MARKERS),
NAME.wasm + NAME.args (+ NAME.stdin), at the manifest's test size or a given size.
Cases of a suite named by --no-size-arg (e.g. polybench) get their size built in (-DPERFDIFF_BUILTIN_SIZE) and no
.args file, like PolyBench's own modules, whose sizes are fixed at build time.
Usage: make-corpus.py OUT_DIR [--with-markers] [--cases a,b,c] [--size NAME=ARG,...] [--no-size-arg SUITE,...]"""
import json, os, shutil, subprocess, sys

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
corpus = os.path.join(root, "corpus")
args = sys.argv[1:]
out = args[0]
markers = "--with-markers" in args
only = None
sizes = {}
builtin = set()
for i, a in enumerate(args):
    if a == "--cases": only = set(args[i + 1].split(","))
    if a == "--size": sizes.update(dict(kv.split("=") for kv in args[i + 1].split(",")))
    if a == "--no-size-arg": builtin = set(args[i + 1].split(","))
os.makedirs(out, exist_ok=True)
manifest = json.load(open(os.path.join(corpus, "manifest.json")))
env = dict(os.environ, PATH="/usr/bin:/bin")  # no wasm-opt: clang would rewrite the code
for c in manifest["cases"]:
    if c["large"] or c["generator"] or (only and c["name"] not in only):
        continue
    src = os.path.join(corpus, c["source"])
    dst = os.path.join(out, c["name"] + ".wasm")
    cc = "clang++" if c["language"] == "c++" else "clang"
    flags = ["--target=wasm32-wasi", "-O2", "-Wl,--strip-debug", "-I" + os.path.join(corpus, "include")]
    if c["language"] == "c++": flags += ["-fno-exceptions", "-fno-rtti", "-nostdlib++"]
    if not markers: flags.append("-DPERFDIFF_NO_MARKERS")
    a = [sizes.get(c["name"], c["sizes"]["test"]["args"][0])] + c["sizes"]["test"]["args"][1:]
    fixed = c["suite"] in builtin and len(a) == 1
    if fixed: flags.append("-DPERFDIFF_BUILTIN_SIZE=" + a[0])
    subprocess.run([cc] + flags + ["-o", dst, src], check=True, env=env)
    if not fixed:
        open(os.path.join(out, c["name"] + ".args"), "w").write("\n".join(a) + "\n")
    if c["stdin"]:
        shutil.copy(os.path.join(corpus, c["stdin"]), os.path.join(out, c["name"] + ".stdin"))
print(out)
