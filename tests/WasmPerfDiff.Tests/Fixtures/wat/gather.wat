;; 1000 fd_write calls to stdout, each with three iovecs ("ab", an empty one, "cd\n"), as wasi-libc's stdio passes its
;; buffer and the new bytes: a runner should make one write of "abcd\n" per call, not one per iovec.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 64) "ab")
  (data (i32.const 72) "cd\n")
  (func (export "_start")
    (local $i i32)
    ;; iovecs at 0: { 64, 2 }, { 66, 0 }, { 72, 3 }
    (i32.store (i32.const 0) (i32.const 64))
    (i32.store (i32.const 4) (i32.const 2))
    (i32.store (i32.const 8) (i32.const 66))
    (i32.store (i32.const 12) (i32.const 0))
    (i32.store (i32.const 16) (i32.const 72))
    (i32.store (i32.const 20) (i32.const 3))
    (loop $again
      (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 3) (i32.const 32)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $again (i32.lt_u (local.get $i) (i32.const 1000))))))
