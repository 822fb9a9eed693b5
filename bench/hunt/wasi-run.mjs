// Runs a WASI module under plain Node (node:wasi), for checking a finding outside wasm-perfdiff:
//   node [V8 flags] wasi-run.mjs MODULE.wasm ARGS...
// Prints the guest's stdout and, on stderr, the time _start took (compile and instantiate are before it).
import { readFileSync } from 'node:fs';
import { argv, stderr } from 'node:process';
import { WASI } from 'node:wasi';

const wasi = new WASI({ version: 'preview1', args: argv.slice(2), env: {}, returnOnExit: true });
const module = new WebAssembly.Module(readFileSync(argv[2]));
const instance = new WebAssembly.Instance(module, wasi.getImportObject());
const start = performance.now();
const code = wasi.start(instance);
stderr.write(`execute_ms ${(performance.now() - start).toFixed(1)}\n`);
process.exitCode = code;
