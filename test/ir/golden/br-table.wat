;; A switch: br_table over nested blocks, each case setting a local.
(module
  (func $switch (export "switch") (param $i i32) (result i32)
    (local $r i32)
    (block $end
      (block $default
        (block $c2
          (block $c1
            (block $c0
              (br_table $c0 $c1 $c2 $default (local.get $i)))
            (local.set $r (i32.const 100))
            (br $end))
          (local.set $r (i32.const 101))
          (br $end))
        (local.set $r (i32.const 102))
        (br $end))
      (local.set $r (i32.const -1)))
    (local.get $r)))
