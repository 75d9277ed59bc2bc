;; Multi-value blocks: a block with two params and two results, a branch carrying both, and a
;; function returning two values.
(module
  (func $swap (export "swap") (param i32 i64) (result i64 i32)
    (local.get 1)
    (local.get 0))
  (func $divmod (export "divmod") (param $a i32) (param $b i32) (result i32 i32)
    (local.get $a)
    (local.get $b)
    (block $done (param i32 i32) (result i32 i32)
      (br_if $done (i32.eqz (local.get $b)))
      (drop)
      (drop)
      (i32.div_u (local.get $a) (local.get $b))
      (i32.rem_u (local.get $a) (local.get $b)))))
