;; Recurses 5000 calls deep (each frame holds eight i64 locals), then prints "deep\n": more than an
;; interpreter's 64 KiB default wasm stack, well within the 1 MiB the catalog gives interpreters.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "deep\n")
  (func $down (param $n i32) (result i64)
    (local $a i64) (local $b i64) (local $c i64) (local $d i64) (local $e i64) (local $f i64) (local $g i64) (local $h i64)
    (local.set $a (i64.extend_i32_u (local.get $n)))
    (if (result i64) (i32.eqz (local.get $n))
      (then (i64.const 0))
      (else (i64.add (local.get $a) (call $down (i32.sub (local.get $n) (i32.const 1)))))))
  (func (export "_start")
    (drop (call $down (i32.const 5000)))
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 5))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
