/**
 * Unit tests of the semantics module's API conventions: trap errors and messages, the i64 result
 * holder, bigint boundary helpers, bit conversions, and v128 register views.
 */

import { describe, expect, it } from "vitest";
import { RuntimeError } from "../../src/errors.js";
import * as S from "../../src/semantics/index.js";

describe("semantics API", () => {
  it("traps are RuntimeErrors carrying the spec messages", () => {
    expect(S.TRAP_DIVIDE_BY_ZERO).toBe("integer divide by zero");
    expect(S.TRAP_INTEGER_OVERFLOW).toBe("integer overflow");
    expect(S.TRAP_INVALID_CONVERSION).toBe("invalid conversion to integer");
    expect(() => S.i32DivU(1, 0)).toThrow(RuntimeError);
    expect(() => S.i64DivS(0, -2147483648, -1, -1)).toThrow(new RuntimeError("integer overflow"));
    expect(() => S.i64TruncF32U(Number.NaN)).toThrow(new RuntimeError("invalid conversion to integer"));
    expect(() => S.i32TruncF64S(2147483648)).toThrow(new RuntimeError("integer overflow"));
  });

  it("returns an i64's low half and leaves the high half in ret.hi", () => {
    expect(S.i64Add(-1, 0, 1, 0)).toBe(0);
    expect(S.ret.hi).toBe(1);
    expect(S.i64Mul(-1, -1, -1, -1)).toBe(1);
    expect(S.ret.hi).toBe(0);
  });

  it("converts i64 halves to and from bigint", () => {
    for (const v of [0n, 1n, -1n, 2n ** 63n - 1n, -(2n ** 63n), 0x123456789abcdefn, -0x123456789n]) {
      const lo = S.i64FromBigInt(v);
      expect(S.i64ToBigInt(lo, S.ret.hi)).toBe(v);
    }
    expect(S.i64FromBigInt(2n ** 64n + 5n)).toBe(5);
    expect(S.ret.hi).toBe(0);
  });

  it("round-trips float bits, and keeps NaN payloads in bit operations", () => {
    expect(S.f32ToBits(S.f32FromBits(0x3f800001))).toBe(0x3f800001);
    expect(S.f64ToBits(S.f64FromBits(1, 0x3ff00000))).toBe(1);
    expect(S.ret.hi).toBe(0x3ff00000);
    expect(S.f32NegBits(0x7fa00001)).toBe(0xffa00001 | 0);
    expect(S.f64AbsBits(7, 0xfff00000 | 0)).toBe(7);
    expect(S.ret.hi).toBe(0x7ff00000);
    expect(S.f64CopysignBits(3, 0x7ff40000, 0, -2147483648)).toBe(3);
    expect(S.ret.hi).toBe(0xfff40000 | 0);
  });

  it("creates lane views of an 8-byte-aligned register file and rejects others", () => {
    const buffer = new ArrayBuffer(64);
    const regs = new Int32Array(buffer, 8, 8);
    const v = S.createV128Views(regs);
    v.f64[1] = 1;
    expect(regs[3]).toBe(0x3ff00000);
    v.u8[0] = 0xff;
    expect(regs[0]).toBe(0xff);
    expect(() => S.createV128Views(new Int32Array(buffer, 4, 8))).toThrow(RangeError);
    expect(() => S.createV128Views(new Int32Array(buffer, 0, 6))).toThrow(RangeError);
  });

  it("lets a SIMD destination alias its operands", () => {
    const v = S.createV128Views(new Int32Array(8));
    v.i32.set([1, 2, 3, 4, 10, 20, 30, 40]);
    S.i32x4Add(v, 4, 0, 4);
    expect(Array.from(v.i32.subarray(4))).toEqual([11, 22, 33, 44]);
    S.i64x2ExtendHighI32x4S(v, 0, 0);
    expect(Array.from(v.i32.subarray(0, 4))).toEqual([3, 0, 4, 0]);
  });
});
