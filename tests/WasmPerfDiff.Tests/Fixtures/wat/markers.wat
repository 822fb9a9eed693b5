;; Writes the guest phase markers a corpus program writes: "@perfdiff begin <ns>" and
;; "@perfdiff end <ns>" on stderr from the WASI realtime clock, with a busy loop between them.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "clock_time_get" (func $clock (param i32 i64 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 100) "@perfdiff begin ")
  (data (i32.const 116) "@perfdiff end ")
  ;; Writes "<prefix><decimal ns>\n" to stderr; prefix at $p with length $n.
  (func $mark (param $p i32) (param $n i32)
    (local $t i64) (local $pos i32) (local $len i32)
    (drop (call $clock (i32.const 0) (i64.const 1) (i32.const 200)))
    (local.set $t (i64.load (i32.const 200)))
    ;; digits backwards into 300..340
    (local.set $pos (i32.const 340))
    (i32.store8 (local.get $pos) (i32.const 10))
    (loop $digits
      (local.set $pos (i32.sub (local.get $pos) (i32.const 1)))
      (i32.store8 (local.get $pos) (i32.add (i32.const 48) (i32.wrap_i64 (i64.rem_u (local.get $t) (i64.const 10)))))
      (local.set $t (i64.div_u (local.get $t) (i64.const 10)))
      (br_if $digits (i64.ne (local.get $t) (i64.const 0))))
    (local.set $len (i32.sub (i32.const 341) (local.get $pos)))
    (i32.store (i32.const 0) (local.get $p))
    (i32.store (i32.const 4) (local.get $n))
    (i32.store (i32.const 8) (local.get $pos))
    (i32.store (i32.const 12) (local.get $len))
    (drop (call $fd_write (i32.const 2) (i32.const 0) (i32.const 2) (i32.const 16))))
  (func (export "_start")
    (local $i i32)
    (call $mark (i32.const 100) (i32.const 16))
    (loop $busy
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $busy (i32.lt_u (local.get $i) (i32.const 50000000))))
    (call $mark (i32.const 116) (i32.const 14))))
