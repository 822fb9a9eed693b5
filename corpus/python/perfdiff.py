"""The guest markers of the corpus (corpus/include/perfdiff.h) for Python programs.

Each program calls begin() after its imports and setup and end() after its measured work, so the interpreter's
start-up (loading the standard library) lands in the startup phase and the program's work in execution.
"""
import sys
import time


def size(default):
    """argv[1] as a positive integer, else the program's default."""
    if len(sys.argv) > 1:
        n = int(sys.argv[1])
        if n <= 0:
            raise SystemExit("size must be a positive integer")
        return n
    return default


def _mark(word):
    sys.stderr.write("@perfdiff %s %d\n" % (word, time.time_ns()))
    sys.stderr.flush()


def begin():
    _mark("begin")


def end():
    sys.stdout.flush()
    _mark("end")


def mix(h, value):
    """A 32-bit FNV-1a style fold of an integer into a running checksum."""
    for _ in range(4):
        h = ((h ^ (value & 0xFF)) * 16777619) & 0xFFFFFFFF
        value >>= 8
    return h
