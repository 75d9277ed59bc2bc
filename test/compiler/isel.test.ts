/**
 * Differential tests of the amd64 instruction-selection shortcuts against the interpreter:
 * immediates folded into operations (including constants that do not fit), comparisons fused
 * with branches and selects, division by constants, bounds checks left out after an earlier
 * check of the same address or at constant addresses within the declared minimum, the memory
 * base kept in a register across accesses, and native `memory.copy` (every small-length path,
 * overlapping both ways, out of bounds) and `memory.fill`.
 */
import { describe, expect, it } from "vitest";
import { createCompilerEngine } from "../../src/compiler/spec-engine.js";
import { RuntimeError } from "../../src/errors.js";
import { interpEngine } from "../../src/interp/spec-engine.js";
import type { EngineInstance } from "../../src/spec/engine.js";
import type { Value } from "../../src/spec/values.js";
import { wat } from "../ir/helpers.js";

const MODULE = `(module
  (memory 1 2)
  (func $sum (param $from i32) (param $n i32) (result i32)
    ;; A position-weighted checksum of n bytes.
    (local $h i32)
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $h (i32.add (i32.mul (local.get $h) (i32.const 31)) (i32.load8_u (local.get $from))))
        (local.set $from (i32.add (local.get $from) (i32.const 1)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l)))
    (local.get $h))
  (func $pattern
    (local $i i32)
    (loop $l
      (i32.store8 (local.get $i) (i32.add (i32.mul (local.get $i) (i32.const 7)) (i32.const 1)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 512)))))
  (func (export "copy") (param $d i32) (param $s i32) (param $n i32) (result i32)
    (call $pattern)
    (memory.copy (local.get $d) (local.get $s) (local.get $n))
    (call $sum (i32.const 0) (i32.const 512)))
  (func (export "fill") (param $d i32) (param $v i32) (param $n i32) (result i32)
    (call $pattern)
    (memory.fill (local.get $d) (local.get $v) (local.get $n))
    (call $sum (i32.const 0) (i32.const 512)))
  (func (export "imm64") (param i64) (result i64)
    (i64.xor
      (i64.add (i64.add (local.get 0) (i64.const 0x7fffffff)) (i64.sub (local.get 0) (i64.const -0x80000000)))
      (i64.add
        (i64.add (i64.and (local.get 0) (i64.const 0x100000000)) (i64.or (local.get 0) (i64.const -2)))
        (i64.add (i64.mul (local.get 0) (i64.const -3)) (i64.add (i64.shl (local.get 0) (i64.const 65))
          (i64.rotr (local.get 0) (i64.const 0x7fffffffffffffff)))))))
  (func (export "imm32") (param i32) (result i32)
    (i32.xor
      (i32.add (i32.sub (local.get 0) (i32.const 0xffffffff)) (i32.mul (local.get 0) (i32.const 0x10001)))
      (i32.add (i32.shr_s (local.get 0) (i32.const 33)) (i32.add (i32.lt_s (local.get 0) (i32.const -5))
        (i32.add (i32.gt_u (local.get 0) (i32.const 0x80000000)) (i32.ne (i32.const 3) (local.get 0)))))))
  (func (export "cmp64") (param i64) (result i32)
    (i32.add (i32.add (i64.lt_u (local.get 0) (i64.const 0x100000000)) (i64.ge_s (local.get 0) (i64.const -1)))
      (i32.add (i64.eq (local.get 0) (i64.const 0xffffffff)) (i64.gt_s (local.get 0) (i64.const 0x7fffffff)))))
  (func (export "store_imm") (param i32) (result i64)
    (i64.store (local.get 0) (i64.const -2))
    (i64.store32 offset=8 (local.get 0) (i64.const 0x123456789))
    (i32.store16 offset=12 (local.get 0) (i32.const 0xabcdef))
    (i32.store8 offset=14 (local.get 0) (i32.const -1))
    (i64.add (i64.load (local.get 0)) (i64.load offset=8 (local.get 0))))
  (func (export "branches") (param $x i32) (param $y i32) (result i32)
    ;; Fused comparisons on loop edges that move values and on plain exits.
    (local $n i32)
    (block $out
      (loop $l
        (br_if $out (i32.ge_u (local.get $n) (i32.const 40)))
        (if (i32.lt_s (local.get $x) (local.get $y))
          (then (local.set $x (i32.add (local.get $x) (i32.const 3))))
          (else (local.set $y (i32.add (local.get $y) (i32.const 2)))))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br_if $l (i32.eqz (i32.and (local.get $n) (i32.const 63))))))
    (i32.add (i32.mul (local.get $x) (i32.const 1000)) (local.get $y)))
  (func (export "divc") (param i32 i64) (result i64)
    (i64.add
      (i64.extend_i32_u (i32.add (i32.add (i32.div_u (local.get 0) (i32.const 8)) (i32.rem_u (local.get 0) (i32.const 0x80000000)))
        (i32.add (i32.div_s (local.get 0) (i32.const 7)) (i32.rem_s (local.get 0) (i32.const -1)))))
      (i64.add (i64.add (i64.div_u (local.get 1) (i64.const 0x8000000000000000)) (i64.rem_u (local.get 1) (i64.const 16)))
        (i64.add (i64.rem_u (local.get 1) (i64.const 0x100000000)) (i64.div_s (local.get 1) (i64.const -8))))))
  (func (export "selects") (param $x i32) (param $y i64) (param $f f64) (result f64)
    ;; Comparisons fused into the select after them, and one used twice (not fused).
    (local $c i32)
    (local.set $c (i32.lt_u (local.get $x) (i32.const 100)))
    (f64.add
      (f64.add
        (f64.convert_i32_s (select (local.get $x) (i32.const -7) (i32.ge_s (local.get $x) (i32.const 3))))
        (f64.convert_i64_s (select (local.get $y) (i64.const 9) (i64.eqz (local.get $y)))))
      (f64.add
        (select (local.get $f) (f64.const 0.5) (i64.gt_u (local.get $y) (i64.const 1000)))
        (f64.convert_i32_u (i32.add (local.get $c) (select (i32.const 1) (i32.const 2) (local.get $c)))))))
  (func (export "const_addr") (param i32) (result i32)
    ;; Constant addresses inside the declared minimum (1 page): no checks.
    (i32.store (i32.const 65532) (local.get 0))
    (i32.store8 offset=1 (i32.const 65534) (local.get 0))
    (i32.add (i32.load (i32.const 65532)) (i32.load8_u offset=3 (i32.const 65532))))
  (func (export "const_far") (result i32)
    ;; Beyond the minimum: checked (traps until the memory grows), twice in one block.
    (i32.add (i32.load8_u (i32.const 65536)) (i32.load (i32.const 65540))))
  (func (export "const_huge") (result i32) (i32.load offset=0x7ffffff0 (i32.const 0x7ffffff0)))
  (func (export "const_wide") (result i64) (i64.load offset=0xfffffff0 (i32.const -1)))
  (func (export "div_zero") (param i32) (result i32) (i32.div_u (local.get 0) (i32.const 0)))
  (func (export "div_minus1") (param i32) (result i32) (i32.div_s (local.get 0) (i32.const -1)))
  (func (export "elide") (param i32) (result i32)
    ;; The second access reaches further than the first: its check stays.
    (i32.add (i32.add (i32.load8_u offset=4 (local.get 0)) (i32.load offset=100 (local.get 0)))
      (i32.load8_u offset=2 (local.get 0))))
  (func (export "grow_between") (param i32) (result i32)
    ;; memory.grow between accesses: the memory base is reloaded after it.
    (i32.store (local.get 0) (i32.const 77))
    (drop (memory.grow (i32.const 1)))
    (i32.add (i32.load (local.get 0)) (i32.load offset=4 (local.get 0))))
)`;

let seed = 4242;
function rnd(): number {
  seed = (Math.imul(seed, 1103515245) + 12345) | 0;
  return seed;
}

function i32(v: number): Value {
  return { type: "i32", value: v | 0 };
}
function i64(lo: number, hi: number): Value {
  return { type: "i64", lo: lo >>> 0, hi: hi >>> 0 };
}
const EDGES = [0, 1, -1, 2, 7, 8, 31, 32, 0x7fffffff, -0x80000000, 0x80000000, 0xffffffff, 0x12345678];
function some32(): number {
  return rnd() % 3 === 0 ? EDGES[Math.abs(rnd()) % EDGES.length] : rnd() >> (Math.abs(rnd()) % 32);
}
function some64(): Value {
  return i64(some32(), rnd() % 2 === 0 ? some32() : some32() >> 31);
}

function outcome(inst: EngineInstance, name: string, args: readonly Value[]): unknown {
  try {
    return inst.invoke(name, args);
  } catch (e) {
    if (!(e instanceof RuntimeError)) throw e;
    return { trap: e.message.replace(/ \(at wasm offset .*\)$/, "") };
  }
}

describe.runIf(process.platform === "linux" && process.arch === "x64")(
  "amd64 instruction selection vs the interpreter",
  () => {
    const bytes = wat(MODULE);
    const compiled = createCompilerEngine().createStore().instantiate(bytes);
    const interp = interpEngine.createStore().instantiate(bytes);
    const same = (name: string, args: readonly Value[]): void => {
      expect(outcome(compiled, name, args), `${name}(${JSON.stringify(args)})`).toEqual(
        outcome(interp, name, args),
      );
    };

    it("memory.copy: every length up to 40 and longer ones, overlapping both ways, out of bounds", () => {
      for (let n = 0; n <= 40; n++) {
        for (const [d, s] of [
          [100, 200],
          [200, 100],
          [100, 100 + Math.floor(n / 2)],
          [100 + Math.floor(n / 2), 100],
          [101, 100],
          [100, 101],
        ]) {
          same("copy", [i32(d), i32(s), i32(n)]);
        }
      }
      for (const n of [64, 100, 255, 300]) {
        same("copy", [i32(10), i32(50), i32(n)]);
        same("copy", [i32(50), i32(10), i32(n)]);
      }
      for (const [d, s, n] of [
        [65536 - 8, 0, 8],
        [65536 - 8, 0, 9],
        [0, 65536 - 4, 5],
        [65536, 0, 0],
        [65537, 0, 0],
        [0, -1, 1],
        [-16, 0, 16],
      ]) {
        same("copy", [i32(d), i32(s), i32(n)]);
      }
    });

    it("memory.fill, in and out of bounds", () => {
      for (const [d, v, n] of [
        [0, 0x1ff, 0],
        [3, 0xab, 1],
        [10, -1, 77],
        [0, 5, 512],
        [65536 - 3, 1, 3],
        [65536 - 3, 1, 4],
        [65536, 1, 0],
        [-1, 1, 1],
      ]) {
        same("fill", [i32(d), i32(v), i32(n)]);
      }
    });

    it("folded immediates, constants too large to fold, stores of constants", () => {
      for (let i = 0; i < 300; i++) {
        same("imm64", [some64()]);
        same("imm32", [i32(some32())]);
        same("cmp64", [some64()]);
      }
      for (const v of EDGES) {
        same("imm32", [i32(v)]);
        same("cmp64", [i64(v, 0)]);
        same("cmp64", [i64(v, -1)]);
      }
      for (const addr of [0, 1000, 65536 - 16, 65536 - 15, -1]) same("store_imm", [i32(addr)]);
    });

    it("comparisons fused with branches", () => {
      for (let i = 0; i < 200; i++) same("branches", [i32(some32() % 1000), i32(some32() % 1000)]);
    });

    it("selects on fused comparisons", () => {
      for (let i = 0; i < 300; i++) {
        same("selects", [i32(some32()), some64(), { type: "f64", lo: rnd() >>> 0, hi: 0x3ff00000 }]);
      }
      for (const v of [...EDGES, 3, 99, 100, 1000, 1001]) {
        same("selects", [i32(v), i64(v, 0), { type: "f64", lo: 0, hi: 0x40000000 }]);
      }
    });

    it("division and remainder by constants", () => {
      for (let i = 0; i < 300; i++) same("divc", [i32(some32()), some64()]);
      for (const v of EDGES) {
        same("divc", [i32(v), i64(v, v)]);
        same("div_zero", [i32(v)]);
        same("div_minus1", [i32(v)]);
      }
    });

    it("constant addresses: unchecked within the declared minimum, checked beyond it", () => {
      for (const v of EDGES) same("const_addr", [i32(v)]);
      same("const_far", []);
      same("const_huge", []);
      same("const_wide", []);
    });

    it("bounds checks after an earlier check of the same address; base reloaded after memory.grow", () => {
      for (const addr of [0, 65536 - 104, 65536 - 103, 65536 - 5, 65536 - 4, 65536, -1]) {
        same("elide", [i32(addr)]);
      }
      same("grow_between", [i32(65536 - 8)]);
      same("grow_between", [i32(65536 - 4)]);
      // The memory has grown to 2 pages: constant addresses beyond the minimum now work.
      same("const_far", []);
      expect(outcome(compiled, "const_far", [])).toEqual([{ type: "i32", value: 0 }]);
    });
  },
);
