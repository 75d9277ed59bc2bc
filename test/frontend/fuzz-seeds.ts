/**
 * Valid modules the decoder fuzz test mutates: together they cover every section, every element
 * and data segment encoding, and a broad sample of instructions, SIMD included.
 */

/** WAT texts of the seed modules, by name. */
export const SEEDS: Record<string, string> = {
  integers: `(module
    (func $fac (export "fac") (param i64) (result i64)
      (if (result i64) (i64.eqz (local.get 0))
        (then (i64.const 1))
        (else (i64.mul (local.get 0) (call $fac (i64.sub (local.get 0) (i64.const 1)))))))
    (func (export "i32ops") (param i32 i32) (result i32)
      (i32.add (local.get 0) (local.get 1)) (i32.sub (local.get 0) (local.get 1)) i32.mul
      (i32.div_s (local.get 0) (i32.const 3)) i32.xor (i32.rem_u (local.get 1) (i32.const 7)) i32.or
      (i32.shl (local.get 0) (i32.const 5)) i32.and (i32.rotl (local.get 1) (i32.const 3)) i32.shr_u
      (i32.clz (local.get 0)) i32.add (i32.ctz (local.get 1)) i32.add (i32.popcnt (local.get 0)) i32.sub
      (i32.lt_s (local.get 0) (local.get 1)) i32.add (i32.ge_u (local.get 0) (local.get 1)) i32.add
      i32.extend8_s i32.extend16_s (i32.eqz) (i32.rotr (i32.const -1)) (i32.shr_s (i32.const 2)))
    (func (export "i64ops") (param i64 i64) (result i64)
      (i64.add (local.get 0) (local.get 1)) (i64.rem_s (local.get 0) (i64.const 9)) i64.div_u
      (i64.extend32_s (local.get 1)) i64.or (i64.popcnt (local.get 0)) i64.and
      (i64.extend_i32_s (i32.wrap_i64 (local.get 1))) i64.xor (i64.const 0x7fffffffffffffff) i64.shr_s
      (i64.extend_i32_u (i64.ne (local.get 0) (local.get 1))) i64.rotr
      (i64.const -9223372036854775808) i64.sub))`,

  floats: `(module
    (func (export "f32ops") (param f32 f32) (result f32)
      (f32.add (local.get 0) (local.get 1)) (f32.sqrt (local.get 0)) f32.mul
      (f32.min (local.get 0) (f32.const nan)) f32.max (f32.copysign (f32.const -0.0))
      (f32.nearest) (f32.ceil) (f32.floor) (f32.trunc) (f32.abs) (f32.neg)
      (f32.div (f32.const 0x1p-149)) (f32.convert_i32_s (i32.const 7)) f32.sub
      (f32.demote_f64 (f64.const 1.5)) f32.add)
    (func (export "f64ops") (param f64 i64) (result f64)
      (f64.add (local.get 0) (f64.convert_i64_u (local.get 1)))
      (f64.reinterpret_i64 (i64.reinterpret_f64 (local.get 0))) f64.div
      (f64.promote_f32 (f32.reinterpret_i32 (i32.const 0x7fc00000))) f64.copysign
      (f64.const inf) f64.min (f64.const -0x1.fffffffffffffp1023) f64.max)
    (func (export "cmp") (param f64 f64) (result i32)
      (f64.lt (local.get 0) (local.get 1)) (f64.ge (local.get 0) (local.get 1)) i32.add
      (i32.trunc_f64_s (local.get 0)) i32.add (i32.trunc_sat_f64_u (local.get 1)) i32.add
      (i64.trunc_sat_f32_s (f32.const 1e30)) i32.wrap_i64 i32.add
      (i32.reinterpret_f32 (f32.const -1)) i32.add))`,

  control: `(module
    (type $pair (func (param i32) (result i32 i32)))
    (func $swap (param i32 i32) (result i32 i32) (local.get 1) (local.get 0))
    (func (export "control") (param i32) (result i32) (local i32)
      (block $done (result i32)
        (loop $again
          (drop (br_if $done (i32.const 99) (i32.gt_u (local.get 1) (i32.const 10))))
          (local.set 1 (i32.add (local.get 1) (i32.const 1)))
          (block $a (block $b (block $c
            (br_table $a $b $c (local.get 0)))
            (local.set 1 (i32.const 5)))
            (br $again))
          (if (local.get 0) (then (nop)) (else (unreachable))))
        (i32.const 0)))
    (func (export "multi") (param i32) (result i32)
      (local.get 0)
      (block (type $pair) (i32.const 2))
      (call $swap) i32.add
      (loop (param i32) (result i32) (i32.const 1) i32.sub)
      (select (i32.const 1) (i32.const 2) (local.get 0)) i32.add
      (select (result f64) (f64.const 1) (f64.const 2) (local.get 0)) drop
      (if (result i32) (i32.eqz (local.get 0)) (then (return (i32.const 7))) (else (i32.const 8)))
      i32.add
      (local.tee 0) drop (local.get 0)))`,

  memory: `(module
    (memory (export "mem") 1 4)
    (data (i32.const 16) "active\\00\\01\\02")
    (data $p "passive bytes")
    (data (memory 0) (offset (i32.const 1024)) "explicit")
    (func (export "loads") (param i32) (result i64)
      (i64.add (i64.load offset=8 align=4 (local.get 0)) (i64.load8_s (local.get 0)))
      (i64.load16_u offset=2 (local.get 0)) i64.add (i64.load32_s (local.get 0)) i64.add
      (i64.extend_i32_u (i32.load (local.get 0))) i64.add
      (i64.extend_i32_s (i32.load8_u offset=65535 (local.get 0))) i64.add
      (i64.extend_i32_s (i32.load16_s align=1 (local.get 0))) i64.add
      (i64.trunc_f32_s (f32.load (local.get 0))) i64.add
      (i64.trunc_f64_u (f64.load (local.get 0))) i64.add)
    (func (export "stores") (param i32)
      (i32.store (local.get 0) (i32.const 1)) (i64.store32 offset=4 (local.get 0) (i64.const 2))
      (i32.store8 (local.get 0) (i32.const 3)) (i32.store16 (local.get 0) (i32.const 4))
      (i64.store8 (local.get 0) (i64.const 5)) (i64.store16 (local.get 0) (i64.const 6))
      (i64.store (local.get 0) (i64.const 7)) (f32.store (local.get 0) (f32.const 8))
      (f64.store align=8 (local.get 0) (f64.const 9)))
    (func (export "bulk") (result i32)
      (memory.init $p (i32.const 0) (i32.const 1) (i32.const 4))
      (data.drop $p)
      (memory.copy (i32.const 10) (i32.const 0) (i32.const 4))
      (memory.fill (i32.const 100) (i32.const 0xaa) (i32.const 16))
      (drop (memory.grow (i32.const 1)))
      (memory.size)))`,

  tables: `(module
    (type $ii (func (param i32) (result i32)))
    (table $t0 4 funcref)
    (table $t1 2 8 externref)
    (func $id (type $ii) (local.get 0))
    (func $inc (type $ii) (i32.add (local.get 0) (i32.const 1)))
    (elem (table $t0) (i32.const 0) func $id $inc)
    (elem $pe funcref (ref.func $inc) (ref.null func))
    (elem declare func $id)
    (elem (table $t0) (offset (i32.const 2)) funcref (ref.func $id))
    (func (export "calls") (param i32) (result i32)
      (call_indirect $t0 (type $ii) (local.get 0) (i32.const 1)))
    (func (export "tables") (param externref) (result i32)
      (table.set $t1 (i32.const 0) (local.get 0))
      (drop (table.get $t1 (i32.const 1)))
      (drop (table.grow $t1 (ref.null extern) (i32.const 1)))
      (table.fill $t1 (i32.const 0) (local.get 0) (i32.const 1))
      (table.init $t0 $pe (i32.const 0) (i32.const 0) (i32.const 1))
      (elem.drop $pe)
      (table.copy $t0 $t0 (i32.const 0) (i32.const 1) (i32.const 1))
      (drop (ref.func $id))
      (i32.add (table.size $t0) (ref.is_null (local.get 0)))))`,

  globals: `(module
    (import "env" "g" (global $g i32))
    (import "env" "mg" (global $mg (mut i64)))
    (global $a (mut i32) (global.get $g))
    (global $b f32 (f32.const 3.5))
    (global $c (mut f64) (f64.const -1))
    (global $v (mut v128) (v128.const i64x2 1 -1))
    (global $r (mut funcref) (ref.null func))
    (global $e (mut externref) (ref.null extern))
    (global $fr funcref (ref.func $get))
    (export "a" (global $a))
    (export "mg" (global $mg))
    (func $get (export "get") (result i32)
      (global.set $a (i32.add (global.get $a) (i32.const 1)))
      (global.set $mg (i64.const 5))
      (global.set $c (f64.promote_f32 (global.get $b)))
      (global.set $v (global.get $v))
      (global.set $r (global.get $fr))
      (global.set $e (global.get $e))
      (global.get $a)))`,

  imports: `(module
    (type $v (func))
    (import "env" "f" (func $f (param i32) (result i32)))
    (import "env" "v" (func $start (type $v)))
    (import "env" "t" (table 1 funcref))
    (import "env" "m" (memory 1 65536))
    (import "env" "g" (global f32))
    (import "env" "mg" (global (mut externref)))
    (start $start)
    (func (export "call") (result i32) (call $f (i32.const 1)))
    (export "f" (func $f))
    (export "t" (table 0))
    (export "m" (memory 0))
    (export "\\u{1f600}" (func $start)))`,

  simdLanes: `(module
    (memory 1)
    (func (export "lanes") (param v128) (result v128)
      (v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15)
      (i8x16.shuffle 0 17 2 19 4 21 6 23 8 25 10 27 12 29 14 31 (local.get 0))
      (i8x16.swizzle (v128.const i32x4 0x03020100 0 0 0))
      (i8x16.replace_lane 3 (i32.const 9))
      (i16x8.replace_lane 1 (i32.extend8_s (i8x16.extract_lane_s 15 (local.get 0))))
      (i32x4.replace_lane 2 (i16x8.extract_lane_u 7 (local.get 0)))
      (i64x2.replace_lane 1 (i64x2.extract_lane 0 (local.get 0)))
      (f32x4.replace_lane 0 (f32x4.extract_lane 3 (local.get 0)))
      (f64x2.replace_lane 1 (f64x2.extract_lane 1 (local.get 0)))
      (i8x16.splat (i32.const 1)) v128.xor (i16x8.splat (i32.const 2)) v128.or
      (i32x4.splat (i32.const 3)) v128.and (i64x2.splat (i64.const 4)) v128.andnot
      (f32x4.splat (f32.const 5)) (f64x2.splat (f64.const 6)) (v128.bitselect) v128.not)
    (func (export "memops") (param i32) (result v128) (local v128)
      (v128.store offset=16 (local.get 0) (v128.load align=1 (local.get 0)))
      (v128.store8_lane 1 (local.get 0) (v128.load8_splat (local.get 0)))
      (v128.store64_lane offset=8 0 (local.get 0) (v128.load32_zero (local.get 0)))
      (local.set 1 (v128.load16_lane 2 (local.get 0) (v128.load64_zero (local.get 0))))
      (local.set 1 (v128.load32_lane 1 (local.get 0) (local.get 1)))
      (local.set 1 (v128.load64_lane 0 (local.get 0) (local.get 1)))
      (i16x8.add (local.get 1) (v128.load8x8_s (local.get 0)))
      (v128.load16x4_u (local.get 0)) i32x4.add
      (v128.load32x2_s (local.get 0)) i64x2.add (v128.load16_splat (local.get 0)) i8x16.sub
      (v128.load64_splat (local.get 0)) i64x2.sub))`,

  simdIntegers: `(module
    (func (export "ints") (param v128 v128) (result v128)
      (i8x16.add_sat_s (local.get 0) (local.get 1)) (i8x16.sub_sat_u (local.get 0) (local.get 1))
      i8x16.min_s (i8x16.avgr_u (local.get 0) (local.get 1)) i8x16.max_u
      (i8x16.narrow_i16x8_s (local.get 0) (local.get 1)) i8x16.eq (i8x16.popcnt (local.get 0)) i8x16.ne
      (i8x16.abs (local.get 1)) i8x16.lt_s (i8x16.neg (local.get 0)) i8x16.ge_u
      (i16x8.extmul_low_i8x16_s (local.get 0) (local.get 1)) i16x8.mul
      (i16x8.q15mulr_sat_s (local.get 0) (local.get 1)) i16x8.sub_sat_s
      (i16x8.extadd_pairwise_i8x16_u (local.get 0)) i16x8.gt_u
      (i16x8.extend_high_i8x16_s (local.get 1)) i16x8.le_s
      (i16x8.shl (local.get 0) (i32.const 3)) i16x8.max_s
      (i32x4.dot_i16x8_s (local.get 0) (local.get 1)) i32x4.add
      (i32x4.extend_low_i16x8_u (local.get 0)) i32x4.min_u
      (i32x4.shr_s (local.get 1) (i32.const 1)) i32x4.mul
      (i32x4.extmul_high_i16x8_u (local.get 0) (local.get 1)) i32x4.ne
      (i64x2.extmul_low_i32x4_s (local.get 0) (local.get 1)) i64x2.eq
      (i64x2.abs (local.get 0)) i64x2.lt_s (i64x2.shr_u (local.get 1) (i32.const 63)) i64x2.ge_s
      (i64x2.neg (local.get 0)) i64x2.mul (i16x8.narrow_i32x4_u (local.get 0) (local.get 1)) i8x16.sub)
    (func (export "tests") (param v128) (result i32)
      (v128.any_true (local.get 0)) (i8x16.all_true (local.get 0)) i32.add
      (i16x8.bitmask (local.get 0)) i32.add (i32x4.all_true (local.get 0)) i32.add
      (i64x2.bitmask (local.get 0)) i32.add (i64x2.all_true (local.get 0)) i32.add
      (i8x16.bitmask (local.get 0)) i32.add (i32x4.bitmask (local.get 0)) i32.add))`,

  simdFloats: `(module
    (func (export "floats") (param v128 v128) (result v128)
      (f32x4.add (local.get 0) (local.get 1)) (f32x4.pmin (local.get 0) (local.get 1)) f32x4.mul
      (f32x4.sqrt (local.get 0)) f32x4.div (f32x4.ceil (local.get 1)) f32x4.min
      (f32x4.nearest (local.get 0)) f32x4.max (f32x4.abs (local.get 1)) f32x4.pmax
      (f32x4.convert_i32x4_u (local.get 0)) f32x4.eq (f32x4.demote_f64x2_zero (local.get 1)) f32x4.lt
      (f64x2.promote_low_f32x4 (local.get 0)) f64x2.add (f64x2.floor (local.get 1)) f64x2.sub
      (f64x2.trunc (local.get 0)) f64x2.ge (f64x2.neg (local.get 1)) f64x2.pmin
      (f64x2.convert_low_i32x4_s (local.get 0)) f64x2.le
      (i32x4.trunc_sat_f32x4_s (local.get 1)) i32x4.sub
      (i32x4.trunc_sat_f64x2_u_zero (local.get 0)) i32x4.max_s
      (f32x4.convert_i32x4_s (local.get 1)) f32x4.gt (f64x2.sqrt (local.get 0)) f64x2.ne))`,

  conversions: `(module
    (func (export "conv") (param i32 i64 f32 f64) (result f64)
      (f64.convert_i32_u (local.get 0))
      (f64.convert_i64_s (local.get 1)) f64.add
      (f64.promote_f32 (f32.convert_i64_u (local.get 1))) f64.add
      (f64.convert_i32_s (i32.trunc_sat_f32_s (local.get 2))) f64.add
      (f64.convert_i32_s (i32.trunc_sat_f32_u (local.get 2))) f64.add
      (f64.convert_i64_s (i64.trunc_sat_f64_s (local.get 3))) f64.add
      (f64.convert_i64_u (i64.trunc_sat_f64_u (local.get 3))) f64.add
      (f64.convert_i64_s (i64.trunc_f32_u (local.get 2))) f64.add
      (f64.convert_i32_s (i32.trunc_f32_u (local.get 2))) f64.add
      (f64.convert_i64_s (i64.extend8_s (i64.extend16_s (local.get 1)))) f64.add
      (f64.nearest) (f64.abs) (f64.neg) (f64.sqrt) (f64.ceil) (f64.floor) (f64.trunc)))`,

  refs: `(module
    (type $t (func (param funcref externref) (result externref)))
    (table 3 3 funcref)
    (table 1 externref)
    (elem (i32.const 0) funcref (ref.func $f) (ref.null func))
    (elem func $f $g)
    (elem externref (ref.null extern))
    (elem declare funcref (ref.func $g))
    (elem (table 0) (i32.const 2) func $g)
    (func $f (type $t) (local.get 1))
    (func $g (param funcref) (result i32) (ref.is_null (local.get 0)))
    (func (export "refs") (param externref) (result externref)
      (call $f (ref.func $g) (local.get 0))
      (drop (call $g (table.get 0 (i32.const 0))))
      (select (result externref) (ref.null extern) (local.get 0) (i32.const 1))
      drop))`,

  names: `(module $named
    (func $alpha (param $x i32) (param $y i64) (result i32) (local $tmp f32) (local $acc i32)
      (local.set $acc (local.get $x))
      (local.set $tmp (f32.const 1))
      (local.get $acc))
    (func $beta (call $alpha (i32.const 1) (i64.const 2)) drop)
    (func $gamma (export "gamma") (local $a v128) (local $b externref) (call $beta))
    (memory $mem 0)
    (global $glob (mut i32) (i32.const 0))
    (table $tab 0 funcref))`,

  locals: `(module
    (func (export "many") (param i32 i64 f32 f64 v128 funcref externref) (result i32)
      (local i32 i32 i32 i64 i64 f32 f32 f32 f64 v128 v128 funcref externref externref)
      (local.set 7 (local.get 0))
      (local.set 10 (local.get 1))
      (local.set 12 (local.get 2))
      (local.set 15 (local.get 3))
      (local.set 16 (local.get 4))
      (local.set 18 (local.get 5))
      (local.set 19 (local.get 6))
      (local.tee 8 (i32.const 4))
      (local.get 7) i32.add)
    (func (export "empty"))
    (func (export "deep") (result i32)
      (block (result i32) (block (result i32) (block (result i32) (block (result i32)
        (loop (result i32) (block (result i32) (i32.const 1)))))))))`,
};
