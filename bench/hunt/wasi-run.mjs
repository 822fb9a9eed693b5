// Runs a WASI module under plain Node (node:wasi), for checking a finding outside wasm-perfdiff:
//   node [V8 flags] wasi-run.mjs [--dir DIR]... MODULE.wasm ARGS...
// --dir preopens DIR at the same path inside the guest (the Python corpus needs its install prefix).
// Prints the guest's stdout and, on stderr, the time _start took (compile and instantiate are before it).
import { readFileSync } from 'node:fs';
import { argv, stderr } from 'node:process';
import { WASI } from 'node:wasi';

const rest = argv.slice(2);
const preopens = {};
while (rest[0] === '--dir') { preopens[rest[1]] = rest[1]; rest.splice(0, 2); }
const wasi = new WASI({ version: 'preview1', args: rest, env: {}, preopens, returnOnExit: true });
const module = new WebAssembly.Module(readFileSync(rest[0]));
const instance = new WebAssembly.Instance(module, wasi.getImportObject());
const start = performance.now();
const code = wasi.start(instance);
stderr.write(`execute_ms ${(performance.now() - start).toFixed(1)}\n`);
process.exitCode = code;
