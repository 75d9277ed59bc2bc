/**
 * Codegen differential tests: wat functions compiled by the amd64 compiler and run natively must
 * give the interpreter's results (or trap with its message) on many inputs. The functions
 * exercise spilling (more live values than registers), parallel-move cycles on loop edges,
 * calls across live values, multi-value results, memory, globals and float edge cases.
 */
import { describe, expect, it } from "vitest";
import { createCompilerEngine } from "../../src/compiler/spec-engine.js";
import { RuntimeError } from "../../src/errors.js";
import { interpEngine } from "../../src/interp/spec-engine.js";
import type { EngineInstance } from "../../src/spec/engine.js";
import type { Value } from "../../src/spec/values.js";
import { wat } from "../ir/helpers.js";

const MODULE = `(module
  (memory 1 3)
  (global $g (mut i64) (i64.const 5))
  (func (export "arith32") (param i32 i32) (result i32)
    (i32.xor
      (i32.add (i32.mul (local.get 0) (local.get 1)) (i32.sub (local.get 0) (local.get 1)))
      (i32.or (i32.shl (local.get 0) (local.get 1)) (i32.rotr (local.get 1) (local.get 0)))))
  (func (export "bits64") (param i64 i64) (result i64)
    (i64.add (i64.add (i64.clz (local.get 0)) (i64.ctz (local.get 1)))
      (i64.add (i64.shr_s (local.get 0) (local.get 1)) (i64.rotl (local.get 0) (local.get 1)))))
  (func (export "div_s") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func (export "rem_s64") (param i64 i64) (result i64) (i64.rem_s (local.get 0) (local.get 1)))
  (func (export "div_u64") (param i64 i64) (result i64) (i64.div_u (local.get 0) (local.get 1)))
  (func (export "cmp") (param i64 i64) (result i32)
    (i32.add (i32.add (i64.lt_s (local.get 0) (local.get 1)) (i32.shl (i64.lt_u (local.get 0) (local.get 1)) (i32.const 1)))
      (i32.add (i32.shl (i64.eq (local.get 0) (local.get 1)) (i32.const 2)) (i32.shl (i64.eqz (local.get 0)) (i32.const 3)))))
  (func (export "spill") (param i64) (result i64)
    (local $a i64) (local $b i64) (local $c i64) (local $d i64) (local $e i64) (local $f i64)
    (local $g i64) (local $h i64) (local $i i64) (local $j i64) (local $k i64) (local $l i64)
    (local.set $a (i64.mul (local.get 0) (i64.const 3)))
    (local.set $b (i64.add (local.get $a) (i64.const 7)))
    (local.set $c (i64.xor (local.get $b) (local.get 0)))
    (local.set $d (i64.sub (local.get $c) (local.get $a)))
    (local.set $e (i64.mul (local.get $d) (local.get $b)))
    (local.set $f (i64.add (local.get $e) (local.get $c)))
    (local.set $g (i64.rotl (local.get $f) (local.get $a)))
    (local.set $h (i64.or (local.get $g) (local.get $d)))
    (local.set $i (i64.and (local.get $h) (local.get $e)))
    (local.set $j (i64.sub (local.get $i) (local.get $f)))
    (local.set $k (i64.mul (local.get $j) (local.get $g)))
    (local.set $l (i64.add (local.get $k) (local.get $h)))
    (i64.add (i64.add (i64.add (local.get $a) (local.get $b)) (i64.add (local.get $c) (local.get $d)))
      (i64.add (i64.add (i64.add (local.get $e) (local.get $f)) (i64.add (local.get $g) (local.get $h)))
        (i64.add (i64.add (local.get $i) (local.get $j)) (i64.add (local.get $k) (local.get $l))))))
  (func (export "rotate") (param i32 i32 i32 i32) (result i32)
    ;; Loop-carried values permuted each iteration: parallel-move cycles on the back edge.
    (local $t i32)
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get 3)))
        (local.set $t (local.get 0))
        (local.set 0 (local.get 1))
        (local.set 1 (local.get 2))
        (local.set 2 (local.get $t))
        (local.set 3 (i32.sub (local.get 3) (i32.const 1)))
        (br $l)))
    (i32.add (i32.mul (local.get 0) (i32.const 100)) (i32.add (i32.mul (local.get 1) (i32.const 10)) (local.get 2))))
  (func $pair (param i64 i64) (result i64 i64) (local.get 1) (local.get 0))
  (func (export "calls") (param i64 i64) (result i64)
    (local $x i64)
    (local.set $x (i64.mul (local.get 0) (i64.const 31)))
    (call $pair (local.get 0) (local.get 1))
    (i64.sub)
    (local.get $x)
    (i64.add))
  (func $fib (export "fib") (param i32) (result i32)
    (if (result i32) (i32.lt_u (local.get 0) (i32.const 2))
      (then (local.get 0))
      (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1))) (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
  (func (export "switch") (param i32) (result i32)
    (block $d (block $c (block $b (block $a
      (br_table $a $b $c $d (local.get 0)))
      (return (i32.const 10)))
      (return (i32.const 20)))
      (return (i32.const 30)))
    (i32.const 40))
  (func (export "mem") (param i32 i64) (result i64)
    (i64.store offset=3 (local.get 0) (local.get 1))
    (i64.add (i64.load16_s offset=4 (local.get 0)) (i64.load32_u offset=3 (local.get 0))))
  (func (export "grow") (param i32) (result i32)
    (local $x i32)
    (local.set $x (i32.mul (local.get 0) (i32.const 7)))
    (i32.add (i32.add (memory.grow (local.get 0)) (memory.size)) (local.get $x)))
  (func (export "glob") (param i64) (result i64)
    (global.set $g (i64.add (global.get $g) (local.get 0)))
    (global.get $g))
  (func (export "fminmax") (param f64 f64) (result f64)
    (f64.add (f64.min (local.get 0) (local.get 1)) (f64.mul (f64.max (local.get 0) (local.get 1)) (f64.const 3))))
  (func (export "fneg_min") (param f32 f32) (result f32) (f32.neg (f32.min (local.get 0) (local.get 1))))
  (func (export "trunc") (param f64) (result i32) (i32.trunc_f64_u (local.get 0)))
  (func (export "trunc_sat") (param f32) (result i64) (i64.trunc_sat_f32_u (local.get 0)))
  (func (export "convert") (param i64) (result f32) (f32.convert_i64_u (local.get 0)))
  (func (export "nearest") (param f64) (result f64) (f64.nearest (local.get 0)))
)`;

let seed = 12345;
function rnd32(): number {
  seed = (Math.imul(seed, 1103515245) + 12345) | 0;
  return seed;
}
const EDGE32 = [0, 1, -1, 2, 31, 32, 0x7fffffff, -0x80000000, 0x12345678];

function i32(v: number): Value {
  return { type: "i32", value: v | 0 };
}
function i64(lo: number, hi: number): Value {
  return { type: "i64", lo: lo >>> 0, hi: hi >>> 0 };
}
function f64(x: number): Value {
  const d = new DataView(new ArrayBuffer(8));
  d.setFloat64(0, x, true);
  return { type: "f64", lo: d.getUint32(0, true), hi: d.getUint32(4, true) };
}
function f32(x: number): Value {
  const d = new DataView(new ArrayBuffer(4));
  d.setFloat32(0, x, true);
  return { type: "f32", bits: d.getUint32(0, true) };
}
function some32(): number {
  return rnd32() % 3 === 0 ? EDGE32[Math.abs(rnd32()) % EDGE32.length] : rnd32() >> (Math.abs(rnd32()) % 32);
}
function some64(): Value {
  return i64(some32(), rnd32() % 2 === 0 ? some32() : some32() >> 31);
}
const FLOATS = [
  0,
  -0,
  1,
  -1,
  0.5,
  -0.5,
  1.5,
  2.5,
  -2.5,
  1e10,
  -1e10,
  4294967295.5,
  4294967296,
  2 ** 63,
  2 ** 64,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  3.7,
  -3.7,
  1e-300,
];

function outcome(inst: EngineInstance, name: string, args: readonly Value[]): unknown {
  try {
    return inst.invoke(name, args);
  } catch (e) {
    // Only traps are outcomes; anything else (a missing export) fails the test.
    if (!(e instanceof RuntimeError)) throw e;
    return { trap: e.message.replace(/ \(at wasm offset .*\)$/, "") };
  }
}

describe.runIf(process.platform === "linux" && (process.arch === "x64" || process.arch === "arm64"))(
  "amd64 codegen vs the interpreter",
  () => {
    const bytes = wat(MODULE);
    const compiled = createCompilerEngine().createStore().instantiate(bytes);
    const interp = interpEngine.createStore().instantiate(bytes);
    const same = (name: string, args: readonly Value[]): void => {
      expect(outcome(compiled, name, args), `${name}(${JSON.stringify(args)})`).toEqual(
        outcome(interp, name, args),
      );
    };

    it("integer arithmetic, bit counts, shifts and comparisons", () => {
      for (let i = 0; i < 400; i++) {
        same("arith32", [i32(some32()), i32(some32())]);
        same("bits64", [some64(), some64()]);
        same("cmp", [some64(), some64()]);
      }
    });

    it("division and remainder, including their traps", () => {
      for (let i = 0; i < 300; i++) {
        same("div_s", [i32(some32()), i32(some32())]);
        same("rem_s64", [some64(), some64()]);
        same("div_u64", [some64(), some64()]);
      }
      same("div_s", [i32(-0x80000000), i32(-1)]);
      same("div_s", [i32(5), i32(0)]);
      same("rem_s64", [i64(0, 0x80000000), i64(-1, -1)]);
    });

    it("more live values than registers (spills), loop-carried permutations, calls", () => {
      for (let i = 0; i < 200; i++) {
        same("spill", [some64()]);
        same("rotate", [i32(1), i32(2), i32(3), i32(Math.abs(some32()) % 50)]);
        same("calls", [some64(), some64()]);
      }
      for (let n = 0; n < 20; n++) same("fib", [i32(n)]);
      for (let n = -2; n < 6; n++) same("switch", [i32(n)]);
    });

    it("memory accesses with bounds checks, memory.grow, globals", () => {
      for (const addr of [0, 1, 100, 65536 - 11, 65536 - 10, 65536, -1, -8])
        same("mem", [i32(addr), some64()]);
      for (let i = 0; i < 50; i++) same("mem", [i32(Math.abs(some32()) % 70000), some64()]);
      for (const d of [0, 1, 5, 1, -1]) same("grow", [i32(d)]);
      same("mem", [i32(3 * 65536 - 11), some64()]);
      for (let i = 0; i < 20; i++) same("glob", [some64()]);
    });

    it("float min/max, rounding and conversions match the spec", () => {
      for (const x of FLOATS) {
        for (const y of FLOATS) same("fminmax", [f64(x), f64(y)]);
        for (const y of FLOATS) same("fneg_min", [f32(x), f32(y)]);
        same("trunc", [f64(x)]);
        same("trunc_sat", [f32(x)]);
        same("nearest", [f64(x)]);
      }
      for (let i = 0; i < 300; i++) same("convert", [some64()]);
    });
  },
);
