// wasm-perfdiff's runner for SpiderMonkey through gjs: compile, instantiate and run one WASI (preview1)
// command module. gjs has no WASI, so the WASI calls come from @bjorn3/browser_wasi_shim (npm), with
// stdin, stdout and stderr as the process's real file descriptors (Gio unix streams) and the clocks
// from GLib (microseconds). Phase marks (CLOCK_REALTIME ns) go to a side-channel file, never to stdout.
// Usage: gjs -m runner-gjs.js SHIM_DIR --marks FILE -- WASM [ARGS...]
import GLib from 'gi://GLib';
import Gio from 'gi://Gio';
import System from 'system';

const nowNs = () => BigInt(GLib.get_real_time()) * 1000n;
const marks = { status: 'error', start_ns: nowNs() };
const argv = System.programArgs;
const shimDir = argv[0];
let marksFile = null;
let i = 1;
for (; i < argv.length && argv[i] !== '--'; i++) {
  if (argv[i] === '--marks') marksFile = argv[++i];
  else if (argv[i] === '--dir') { i++; } // no preopened directories: the shim's file system is in memory
}
const [wasmPath, ...guestArgs] = argv.slice(i + 1);
const errStream = Gio.UnixOutputStream.new(2, false);
const say = (text) => errStream.write_all(new TextEncoder().encode(text), null);
if (!marksFile || !wasmPath) {
  say('usage: gjs -m runner-gjs.js SHIM_DIR --marks FILE -- WASM [ARGS...]\n');
  System.exit(2);
}
const save = () => GLib.file_set_contents(marksFile,
  JSON.stringify(marks, (k, v) => (typeof v === 'bigint' ? Number(v) : v)));

const shim = await import(`file://${shimDir}/dist/index.js`);
const { WASI, Fd, wasi: defs } = shim;

// A real file descriptor of this process, for the shim.
class HostOutput extends Fd {
  constructor(fd) { super(); this.stream = Gio.UnixOutputStream.new(fd, false); }
  fd_write(data) { this.stream.write_all(data, null); return { ret: 0, nwritten: data.byteLength }; }
  fd_fdstat_get() { return { ret: 0, fdstat: new defs.Fdstat(defs.FILETYPE_CHARACTER_DEVICE, 0) }; }
}

// The shim's fd_write hands each iovec to the Fd on its own: wasi-libc's stdio passes two per call (its buffer and the
// new bytes), so every guest write became two trips through GObject introspection and two write(2)s (166k for fasta,
// where Node's WASI makes 41k; issue 22). For our host streams the iovecs are gathered into one buffer and written
// once per call: the fewest calls the host allows without holding output back across calls (the guest's markers on
// stderr must leave when written). Other descriptors keep the shim's own path.
const gatheredWrite = (shimWrite) => (fd, iovsPtr, iovsLen, nwrittenPtr) => {
  const target = wasi.fds[fd];
  if (!(target instanceof HostOutput)) return shimWrite(fd, iovsPtr, iovsLen, nwrittenPtr);
  const memory = wasi.inst.exports.memory.buffer;
  const view = new DataView(memory);
  let total = 0;
  for (let k = 0; k < iovsLen; k++) total += view.getUint32(iovsPtr + 8 * k + 4, true);
  const gathered = new Uint8Array(total);
  for (let k = 0, at = 0; k < iovsLen; k++) {
    const ptr = view.getUint32(iovsPtr + 8 * k, true);
    const len = view.getUint32(iovsPtr + 8 * k + 4, true);
    gathered.set(new Uint8Array(memory, ptr, len), at);
    at += len;
  }
  if (total > 0) target.stream.write_all(gathered, null);
  view.setUint32(nwrittenPtr, total, true);
  return 0;
};
class HostInput extends Fd {
  constructor(fd) { super(); this.stream = Gio.UnixInputStream.new(fd, false); }
  fd_read(size) {
    const bytes = this.stream.read_bytes(size, null);
    return { ret: 0, data: new Uint8Array(bytes.toArray()) };
  }
  fd_fdstat_get() { return { ret: 0, fdstat: new defs.Fdstat(defs.FILETYPE_CHARACTER_DEVICE, 0) }; }
}

let instance;
let wasi;
try {
  const [, bytes] = GLib.file_get_contents(wasmPath);
  const module = new WebAssembly.Module(bytes);
  marks.compiled_ns = nowNs();
  const name = GLib.path_get_basename(wasmPath);
  wasi = new WASI([name, ...guestArgs], [], [new HostInput(0), new HostOutput(1), new HostOutput(2)], { debug: false });
  // GLib's clocks: microseconds, where the shim's realtime clock has milliseconds.
  wasi.wasiImport.clock_time_get = (id, precision, ptr) => {
    const view = new DataView(wasi.inst.exports.memory.buffer);
    const t = id === defs.CLOCKID_REALTIME ? GLib.get_real_time() : GLib.get_monotonic_time();
    view.setBigUint64(ptr, BigInt(t) * 1000n, true);
    return 0;
  };
  wasi.wasiImport.fd_write = gatheredWrite(wasi.wasiImport.fd_write);
  instance = new WebAssembly.Instance(module, { wasi_snapshot_preview1: wasi.wasiImport });
  marks.instantiated_ns = nowNs();
} catch (e) {
  marks.status = 'unsupported';
  marks.message = String(e && e.message || e).split('\n')[0];
  save();
  say(`gjs runner: ${marks.message}\n`);
  System.exit(1);
}

let code = 1;
try {
  code = wasi.start(instance);
  marks.executed_ns = nowNs();
  marks.status = 'ok';
  marks.exit_code = code;
} catch (e) {
  marks.executed_ns = nowNs();
  marks.status = e instanceof WebAssembly.RuntimeError ? 'trap' : 'error';
  marks.message = String(e && e.message || e).split('\n')[0];
  say(`gjs runner: ${marks.message}\n`);
  code = 1;
}
save();
System.exit(marks.status === 'ok' ? code : 1);
