#!/usr/bin/env python3
"""Maintainer tool: rebuild the committed O2 wasm and regenerate corpus/manifest.json.

For every case it compiles the wasm (clang, wasm32-wasi, -O2, DWARF stripped, name section kept,
no wasm-opt) and the native binary, picks the `default` size by growing the size argument until the
native run takes DEFAULT_TARGET_CPU_MS of CPU time, records the SHA-256 of the native stdout at both
sizes, and checks the wasm under node's WASI at the `test` size gives the same stdout.

Per-case facts come from the first line of each source:  /* perfdiff: test=N triggers=a,b stdin=F */
Large generated modules are listed in LARGE below. Usage: python3 corpus/tools/regen_manifest.py [NAME...]
"""
import concurrent.futures, gzip, hashlib, json, math, os, re, resource, shutil, subprocess, sys, tempfile, time

CORPUS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SUITES = ["shootout", "polybench", "classics", "flops", "strings", "misc"]
# (name, flavor, functions, seed, test reps): sized so each module has a code section over 5 MiB
LARGE = [("large-switch", "switch", 7232, 1, 1), ("large-arith", "arith", 15680, 2, 1), ("large-table", "table", 11648, 3, 1)]
GZIP_OVER_BYTES = 4 * 1024 * 1024      # committed wasm above this is stored as NAME.wasm.gz
DEFAULT_TARGET_CPU_MS = 220            # middle of the 150-400 ms native window asked for `default`
GROWTH = 1.25                          # size step while searching: PolyBench sizes are cubic, 1.25^3 ~ 2x time
TEST_MAX_CPU_MS = 50
SMALL_SIZE = 40                        # below this a size argument is treated as exponential (step +1)

WASM_C = ["clang", "--target=wasm32-wasi", "-O2", "-Wl,--strip-debug"]
WASM_CXX = ["clang++", "--target=wasm32-wasi", "-O2", "-fno-exceptions", "-fno-rtti", "-nostdlib++", "-Wl,--strip-debug"]
NATIVE_C = ["clang", "-O2"]
NATIVE_CXX = ["clang++", "-O2", "-fno-exceptions", "-fno-rtti"]

def env_without_wasm_opt():
    # clang runs wasm-opt after linking whenever it is on PATH; keep the build independent of it
    dirs = [d for d in os.environ.get("PATH", "").split(":") if d and not os.path.exists(os.path.join(d, "wasm-opt"))]
    return dict(os.environ, PATH=":".join(dirs))

def sha256_file(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()

def header(src):
    with open(src) as f:
        first = f.readline()
    m = re.search(r"perfdiff:(.*)\*/", first)
    if not m:
        raise SystemExit(f"{src}: first line must be /* perfdiff: test=N ... */")
    facts = dict(kv.split("=", 1) for kv in m.group(1).split())
    return int(facts["test"]), [t for t in facts.get("triggers", "").split(",") if t], facts.get("stdin") or None

def run_native(exe, size, stdin):
    """Runs exe with size; returns (stdout bytes, cpu ms of the child)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(os.path.join(CORPUS, stdin), "rb") if stdin else open(os.devnull, "rb") as fin:
        p = subprocess.run([exe, str(size)], stdin=fin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode != 0:
        raise SystemExit(f"{exe} {size}: exit {p.returncode}: {p.stderr[-300:]}")
    if b"@perfdiff begin" not in p.stderr or b"@perfdiff end" not in p.stderr:
        raise SystemExit(f"{exe}: markers missing")
    cpu = (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000
    return p.stdout, cpu

def run_node(wasm, size, stdin):
    runner = os.path.join(CORPUS, "tools", "run-wasi.mjs")
    with open(os.path.join(CORPUS, stdin), "rb") if stdin else open(os.devnull, "rb") as fin:
        p = subprocess.run(["node", "--no-warnings", "--stack-size=2000", runner, wasm, str(size)], stdin=fin,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300)
    if p.returncode != 0:
        raise SystemExit(f"node {wasm}: exit {p.returncode}: {p.stderr[-300:]}")
    return p.stdout

def compile_case(case, tmp):
    env = env_without_wasm_opt()
    inc = "-I" + os.path.join(CORPUS, "include")
    src = case["src_abs"]
    cxx = src.endswith(".cpp")
    wasm = os.path.join(tmp, case["name"] + ".wasm")
    native = os.path.join(tmp, case["name"] + ".native")
    # CPU seconds of the compiler (user + sys of the whole clang process tree), robust to a busy machine
    proc = subprocess.Popen((WASM_CXX if cxx else WASM_C) + [inc, "-o", wasm, src], env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{src}: wasm compile failed")
    case["compile_s"] = round(usage.ru_utime + usage.ru_stime, 1)
    subprocess.run((NATIVE_CXX if cxx else NATIVE_C) + [inc, "-o", native, src, "-lm"], env=env, check=True)
    return wasm, native

def main():
    only = set(sys.argv[1:])
    tmp = tempfile.mkdtemp(prefix="perfdiff-regen-")
    cases = []
    for suite in SUITES:
        for fn in sorted(os.listdir(os.path.join(CORPUS, suite))):
            if not fn.endswith((".c", ".cpp")):
                continue
            name = fn.rsplit(".", 1)[0]
            test, triggers, stdin = header(os.path.join(CORPUS, suite, fn))
            cases.append(dict(name=name, suite=suite, source=f"{suite}/{fn}", src_abs=os.path.join(CORPUS, suite, fn),
                              test=test, triggers=triggers, stdin=stdin, large=False, generator=None))
    gen_exe = os.path.join(tmp, "bigmodule")
    subprocess.run(["clang", "-O2", "-o", gen_exe, os.path.join(CORPUS, "generators", "bigmodule.c")], check=True)
    for name, flavor, nfun, seed, test in LARGE:
        src = os.path.join(tmp, name + ".c")
        args = [flavor, str(nfun), str(seed)]
        with open(src, "w") as out:
            subprocess.run([gen_exe] + args, stdout=out, check=True)
        cases.append(dict(name=name, suite="large", source=None, src_abs=src, test=test, triggers=[], stdin=None, large=True,
                          generator={"source": "generators/bigmodule.c", "args": args}))
    manifest_path = os.path.join(CORPUS, "manifest.json")
    old = {}
    if only and os.path.exists(manifest_path):
        old = {c["name"]: c for c in json.load(open(manifest_path))["cases"]}
    todo = [c for c in cases if not only or c["name"] in only]
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        built = dict(zip([c["name"] for c in todo], pool.map(lambda c: compile_case(c, tmp), todo)))
    out_dir = os.path.join(CORPUS, "wasm", "O2")
    os.makedirs(out_dir, exist_ok=True)
    entries = []
    for c in cases:
        if c["name"] not in built:
            if c["name"] in old:
                entries.append(old[c["name"]])
            continue
        wasm, native = built[c["name"]]
        data = open(wasm, "rb").read()
        for stale in (c["name"] + ".wasm", c["name"] + ".wasm.gz"):
            if os.path.exists(os.path.join(out_dir, stale)):
                os.remove(os.path.join(out_dir, stale))
        if len(data) > GZIP_OVER_BYTES:
            rel = f"wasm/O2/{c['name']}.wasm.gz"
            with open(os.path.join(CORPUS, rel), "wb") as f:
                f.write(gzip.compress(data, compresslevel=9, mtime=0))
        else:
            rel = f"wasm/O2/{c['name']}.wasm"
            shutil.copyfile(wasm, os.path.join(CORPUS, rel))
        out_test, cpu_test = run_native(native, c["test"], c["stdin"])
        if cpu_test > TEST_MAX_CPU_MS:
            print(f"warning: {c['name']} test size takes {cpu_test:.0f} ms native", file=sys.stderr)
        wasm_out = run_node(wasm, c["test"], c["stdin"])
        if wasm_out != out_test:
            raise SystemExit(f"{c['name']}: wasm output differs from native at test size")
        size, cpu = c["test"], cpu_test
        prev = None
        while cpu < DEFAULT_TARGET_CPU_MS:
            prev = (size, cpu, out_default if size != c["test"] else out_test)
            # jump straight towards the target when far away (assuming at least linear growth), else step
            # small sizes are depths or orders with exponential cost (binary-trees, queens, fib): step by one
            factor = GROWTH if cpu > DEFAULT_TARGET_CPU_MS / 4 else 2
            size = size + 1 if size < SMALL_SIZE else int(size * factor)
            out_default, cpu = run_native(native, size, c["stdin"])
        if size == c["test"]:
            out_default = out_test
        elif prev and prev[1] > 0 and math.log(cpu / DEFAULT_TARGET_CPU_MS) > math.log(DEFAULT_TARGET_CPU_MS / prev[1]):
            # an exponential step overshot: the previous size is closer to the target (in log time)
            size, cpu, out_default = prev
        entry = {
            "name": c["name"], "suite": c["suite"], "source": c["source"], "language": "c++" if c["src_abs"].endswith(".cpp") else "c",
            "wasm": rel, "wasm_sha256": hashlib.sha256(data).hexdigest(), "wasm_bytes": len(data),
            "stdin": c["stdin"], "large": c["large"], "generator": c["generator"], "triggers": c["triggers"],
            "sizes": {
                "test": {"args": [str(c["test"])], "stdout_sha256": hashlib.sha256(out_test).hexdigest()},
                "default": {"args": [str(size)], "stdout_sha256": hashlib.sha256(out_default).hexdigest()},
            },
            "native_ms": {"test": round(cpu_test), "default": round(cpu)},
            "wasm_compile_cpu_s": c["compile_s"],
        }
        print(f"{c['name']:16} wasm {len(data):>8} B  compile {c['compile_s']:5.1f} s cpu  test {cpu_test:4.0f} ms  default {size} -> {cpu:4.0f} ms", flush=True)
        entries.append(entry)
    clang_version = subprocess.run(["clang", "--version"], stdout=subprocess.PIPE, text=True).stdout.splitlines()[0]
    manifest = {
        "version": 1,
        "opt": "O2",
        "compiler": clang_version,
        "wasm_flags": {"c": WASM_C[1:], "c++": WASM_CXX[1:]},
        "native_flags": {"c": NATIVE_C[1:] + ["-lm"], "c++": NATIVE_CXX[1:]},
        "cases": entries,
    }
    with open(manifest_path, "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    shutil.rmtree(tmp)

if __name__ == "__main__":
    main()
