import { describe, expect, it } from "vitest";
import { call, i32, load } from "../runtime/helpers.js";

const SNAN32 = 0x7fa00001;
const SNAN64 = { lo: 0x00000001, hi: 0x7ff40000 };

describe("NaN payloads survive bit-level operations", () => {
  const inst =
    load(`(module (memory 1) (global $g (mut f32) (f32.const 0)) (global $h (mut f64) (f64.const 0))
    (func (export "id32") (param f32) (result f32) (local f32) (local.set 1 (local.get 0)) (local.get 1))
    (func (export "sel32") (param f32 f32 i32) (result f32) (select (local.get 0) (local.get 1) (local.get 2)))
    (func (export "glob32") (param f32) (result f32) (global.set $g (local.get 0)) (global.get $g))
    (func (export "mem32") (param f32) (result f32) (f32.store offset=3 (i32.const 0) (local.get 0))
      (f32.load offset=3 (i32.const 0)))
    (func (export "neg32") (param f32) (result f32) (f32.neg (local.get 0)))
    (func (export "abs32") (param f32) (result f32) (f32.abs (local.get 0)))
    (func (export "copysign32") (param f32 f32) (result f32) (f32.copysign (local.get 0) (local.get 1)))
    (func (export "bits32") (param f32) (result i32) (i32.reinterpret_f32 (local.get 0)))
    (func (export "float32") (param i32) (result f32) (f32.reinterpret_i32 (local.get 0)))
    (func (export "glob64") (param f64) (result f64) (global.set $h (local.get 0)) (global.get $h))
    (func (export "mem64") (param f64) (result f64) (f64.store offset=5 (i32.const 0) (local.get 0))
      (f64.load offset=5 (i32.const 0)))
    (func (export "neg64") (param f64) (result f64) (f64.neg (local.get 0)))
    (func (export "copysign64") (param f64 f64) (result f64) (f64.copysign (local.get 0) (local.get 1)))
    (func (export "add64") (param f64) (result f64) (f64.add (local.get 0) (f64.const 1))))`);
  const f32 = (bits: number) => ({ type: "f32", bits }) as const;
  const f64 = (lo: number, hi: number) => ({ type: "f64", lo, hi }) as const;

  it("for f32", () => {
    expect(call(inst, "id32", f32(SNAN32))).toEqual([f32(SNAN32)]);
    expect(call(inst, "sel32", f32(1), f32(SNAN32), i32(0))).toEqual([f32(SNAN32)]);
    expect(call(inst, "glob32", f32(SNAN32))).toEqual([f32(SNAN32)]);
    expect(call(inst, "mem32", f32(SNAN32))).toEqual([f32(SNAN32)]);
    expect(call(inst, "neg32", f32(SNAN32))).toEqual([f32(SNAN32 | 0x80000000)]);
    expect(call(inst, "abs32", f32(SNAN32 | 0x80000000))).toEqual([f32(SNAN32)]);
    expect(call(inst, "copysign32", f32(SNAN32), f32(-1 | 0))).toEqual([f32(SNAN32 | 0x80000000)]);
    expect(call(inst, "bits32", f32(SNAN32))).toEqual([i32(SNAN32)]);
    expect(call(inst, "float32", i32(SNAN32))).toEqual([f32(SNAN32)]);
  });

  it("for f64", () => {
    const s = f64(SNAN64.lo, SNAN64.hi);
    expect(call(inst, "glob64", s)).toEqual([s]);
    expect(call(inst, "mem64", s)).toEqual([s]);
    expect(call(inst, "neg64", s)).toEqual([f64(SNAN64.lo, SNAN64.hi | 0x80000000)]);
    expect(call(inst, "copysign64", s, f64(0, 0x80000000 | 0))).toEqual([
      f64(SNAN64.lo, SNAN64.hi | 0x80000000),
    ]);
  });

  it("while arithmetic returns a quiet NaN", () => {
    const [r] = call(inst, "add64", f64(SNAN64.lo, SNAN64.hi));
    expect(r.type === "f64" && (r.hi & 0x7ff80000) === 0x7ff80000).toBe(true);
  });
});
