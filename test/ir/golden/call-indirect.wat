;; call_indirect through a table of functions, with a direct call of an import beside it.
(module
  (import "env" "log" (func $log (param i32)))
  (type $binop (func (param i32 i32) (result i32)))
  (table $t 2 funcref)
  (elem (i32.const 0) $add $sub)
  (func $add (type $binop) (i32.add (local.get 0) (local.get 1)))
  (func $sub (type $binop) (i32.sub (local.get 0) (local.get 1)))
  (func $apply (export "apply") (param $op i32) (param $x i32) (param $y i32) (result i32)
    (call $log (local.get $op))
    (call_indirect $t (type $binop) (local.get $x) (local.get $y) (local.get $op))))
