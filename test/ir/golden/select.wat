;; select, untyped and typed (the IR uses one operation for both).
(module
  (func $max (export "max") (param $a i32) (param $b i32) (result i32)
    (select (local.get $a) (local.get $b) (i32.gt_s (local.get $a) (local.get $b))))
  (func $pick (export "pick") (param $a f64) (param $b f64) (param $c i32) (result f64)
    (select (result f64) (local.get $a) (local.get $b) (local.get $c))))
