;; Code after unconditional branches has no IR; a block whose end nothing reaches ends the
;; live code; an if without else joins its false edge directly.
(module
  (func $dead (export "dead") (param $x i32) (result i32)
    (block $b
      (br $b)
      (drop (i32.const 1))
      (loop (br 0)))
    (if (local.get $x)
      (then (local.set $x (i32.const 7))))
    (block $all
      (if (local.get $x)
        (then (br $all))
        (else (return (i32.const 3))))
      (local.set $x (i32.const 99)))
    (local.get $x)))
