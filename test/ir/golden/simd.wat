;; SIMD: a loaded vector, a lane-wise add with a constant, a shuffle, a lane extraction.
(module
  (memory 1)
  (func $simd (export "simd") (param $p i32) (result i32)
    (i32x4.extract_lane 3
      (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15
        (i32x4.add (v128.load offset=16 align=4 (local.get $p)) (v128.const i32x4 1 2 3 4))
        (v128.const i64x2 0 -1)))))
