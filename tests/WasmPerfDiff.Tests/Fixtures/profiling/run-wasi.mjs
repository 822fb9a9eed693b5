// Minimal node:wasi runner for profiling tests: node run-wasi.mjs module.wasm [args...]
import { readFileSync } from 'node:fs';
import { WASI } from 'node:wasi';
const [wasmPath, ...args] = process.argv.slice(2);
const wasi = new WASI({ version: 'preview1', args: [wasmPath, ...args], env: {}, returnOnExit: true });
const instance = await WebAssembly.instantiate(await WebAssembly.compile(readFileSync(wasmPath)), wasi.getImportObject());
process.exitCode = wasi.start(instance);
