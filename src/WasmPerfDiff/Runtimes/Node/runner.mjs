// wasm-perfdiff's runner for Node/V8 and Bun/JavaScriptCore: compile, instantiate and run one WASI (preview1) command
// module, writing the phase marks (CLOCK_REALTIME ns) to a side-channel file, never to stdout.
// Usage: node [v8 flags] runner.mjs --marks FILE [--dir DIR] [--warm [--warm-stdin FILE]] -- WASM [ARGS...]
// --warm: after the measured run, instantiate the compiled module a second time (fresh memory and WASI state: wasi-libc's
// _start traps when called twice in one instance) and run _start again with stdout/stderr discarded and stdin read
// again from --warm-stdin; its times are the warm execution (warm_instantiated_ns, warm_executed_ns).
import { openSync, readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { WASI } from 'node:wasi';

// performance.timeOrigin + now() is the realtime clock in ms with sub-µs precision.
const nowNs = () => Math.round((performance.timeOrigin + performance.now()) * 1e6);
const marks = { status: 'error', start_ns: nowNs() };

const argv = process.argv.slice(2);
let marksFile = null;
let dir = null;
let warm = false;
let warmStdin = null;
let i = 0;
for (; i < argv.length && argv[i] !== '--'; i++) {
  if (argv[i] === '--marks') marksFile = argv[++i];
  else if (argv[i] === '--dir') dir = argv[++i];
  else if (argv[i] === '--warm') warm = true;
  else if (argv[i] === '--warm-stdin') warmStdin = argv[++i];
}
const [wasmPath, ...guestArgs] = argv.slice(i + 1);
if (!marksFile || !wasmPath) {
  process.stderr.write('usage: runner.mjs --marks FILE [--dir DIR] -- WASM [ARGS...]\n');
  process.exit(2);
}
const save = () => writeFileSync(marksFile, JSON.stringify(marks));
// The guest's WASI options, the same for the measured run and the warm one (which adds its own stdio).
const guestWasi = (stdio = {}) => new WASI({
  version: 'preview1',
  args: [basename(wasmPath), ...guestArgs],
  env: {},
  preopens: dir ? { [dir]: dir } : {},
  returnOnExit: true,
  ...stdio,
});

// Bun's node:wasi lacks some preview-1 functions (sock_accept, which CPython imports and never calls at start-up), so
// such a module would not even instantiate. A missing WASI function answers ENOSYS (52), as runtimes do for what they
// do not support; a program that calls it sees the error. Listed in the marks, so a run that relied on one can tell.
const ENOSYS = 52;
const completeWasi = (wasiImport) => {
  const missing = WebAssembly.Module.imports(module)
    .filter((i) => i.module === 'wasi_snapshot_preview1' && i.kind === 'function' && !(i.name in wasiImport))
    .map((i) => i.name);
  if (missing.length === 0) return wasiImport;
  marks.wasi_stubs = missing;
  const complete = Object.create(wasiImport);
  for (const name of missing) complete[name] = () => ENOSYS;
  return complete;
};

let module;
let instance;
let wasi;
try {
  // Startup (process spawn to module bytes read) ends here, as for every engine family; compile starts.
  const bytes = readFileSync(wasmPath);
  marks.loaded_ns = nowNs();
  // Synchronous compile: Node 24 (V8 13.6) with --no-wasm-lazy-compilation never settles the promise of
  // WebAssembly.compile (the process exits 13, "unsettled top-level await"); new WebAssembly.Module works
  // on every Node here and on Bun.
  module = new WebAssembly.Module(bytes);
  marks.compiled_ns = nowNs();
  wasi = guestWasi();
  instance = new WebAssembly.Instance(module, { wasi_snapshot_preview1: completeWasi(wasi.wasiImport) });
  marks.instantiated_ns = nowNs();
} catch (e) {
  marks.status = 'unsupported';
  marks.message = String(e && e.message || e).split('\n')[0];
  save();
  process.stderr.write(`v8 runner: ${marks.message}\n`);
  process.exit(1);
}

try {
  const code = wasi.start(instance);
  marks.executed_ns = nowNs();
  marks.status = 'ok';
  marks.exit_code = code ?? 0;
} catch (e) {
  marks.executed_ns = nowNs();
  marks.status = e instanceof WebAssembly.RuntimeError ? 'trap' : 'error';
  marks.message = String(e && e.message || e).split('\n')[0];
  process.stderr.write(`v8 runner: ${marks.message}\n`);
}
if (warm && marks.status === 'ok') {
  try {
    const warmWasi = guestWasi({
      stdin: openSync(warmStdin ?? '/dev/null', 'r'),
      stdout: openSync('/dev/null', 'w'),
      stderr: openSync('/dev/null', 'w'),
    });
    const second = new WebAssembly.Instance(module, { wasi_snapshot_preview1: completeWasi(warmWasi.wasiImport) });
    const ready = nowNs();
    const code = warmWasi.start(second) ?? 0;
    const done = nowNs();
    if (code === marks.exit_code) { marks.warm_instantiated_ns = ready; marks.warm_executed_ns = done; }
    else marks.warm_message = `the warm run exited ${code}, the first ${marks.exit_code}`;
  } catch (e) {
    marks.warm_message = 'warm run: ' + String(e && e.message || e).split('\n')[0];
  }
}
save();
process.exitCode = marks.status === 'ok' ? marks.exit_code : 1;
