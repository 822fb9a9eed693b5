;; Grows linear memory to 200 MiB and writes one byte into every 4 KiB page of it, so the runtime's
;; resident set really reaches about 200 MB (a max-RSS check needs pages touched, not only reserved).
(module
  (memory (export "memory") 1)
  (func (export "_start")
    (local $addr i32)
    (drop (memory.grow (i32.const 3199)))
    (block $done
      (loop $touch
        (br_if $done (i32.ge_u (local.get $addr) (i32.const 209715200)))
        (i32.store8 (local.get $addr) (i32.const 1))
        (local.set $addr (i32.add (local.get $addr) (i32.const 4096)))
        (br $touch)))))
