// Runs a wasm32-wasi module under node's WASI (preview1): node run-wasi.mjs MODULE [ARGS...]
// Used by the maintainer tool and tests to check a module's stdout against the native build.
import { WASI } from 'node:wasi';
import { readFileSync } from 'node:fs';

const [file, ...args] = process.argv.slice(2);
const wasi = new WASI({ version: 'preview1', args: [file, ...args], returnOnExit: true });
const module = await WebAssembly.compile(readFileSync(file));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
process.exitCode = wasi.start(instance);
