/**
 * i8x16 SIMD operations, in place on a v128 register file (see {@link V128Views}): `d` is the
 * destination slot index, `a` and `b` the operand slot indices; `d` may alias an operand.
 */

import { lanesMax, lanesMin, scratch, toScratch2, type V128Views } from "./simd-views.js";

/** `i8x16.add`: wrapping lane-wise addition (SWAR on 32-bit words). */
export function i8x16Add(v: V128Views, d: number, a: number, b: number): void {
  const r = v.i32;
  for (let i = 0; i < 4; i++) {
    const x = r[a + i]!;
    const y = r[b + i]!;
    r[d + i] = ((x & 0x7f7f7f7f) + (y & 0x7f7f7f7f)) ^ ((x ^ y) & 0x80808080);
  }
}

/** `i8x16.sub`: wrapping lane-wise subtraction (SWAR on 32-bit words). */
export function i8x16Sub(v: V128Views, d: number, a: number, b: number): void {
  const r = v.i32;
  for (let i = 0; i < 4; i++) {
    const x = r[a + i]!;
    const y = r[b + i]!;
    r[d + i] = ((x | 0x80808080) - (y & 0x7f7f7f7f)) ^ ((x ^ ~y) & 0x80808080);
  }
}

/** `i8x16.add_sat_s`: signed saturating addition. */
export function i8x16AddSatS(v: V128Views, d: number, a: number, b: number): void {
  const s = v.i8;
  d <<= 2;
  a <<= 2;
  b <<= 2;
  for (let i = 0; i < 16; i++) {
    const x = s[a + i]! + s[b + i]!;
    s[d + i] = x > 127 ? 127 : Math.max(x, -128);
  }
}

/** `i8x16.add_sat_u`: unsigned saturating addition. */
export function i8x16AddSatU(v: V128Views, d: number, a: number, b: number): void {
  const s = v.u8;
  d <<= 2;
  a <<= 2;
  b <<= 2;
  for (let i = 0; i < 16; i++) {
    const x = s[a + i]! + s[b + i]!;
    s[d + i] = Math.min(x, 255);
  }
}

/** `i8x16.sub_sat_s`: signed saturating subtraction. */
export function i8x16SubSatS(v: V128Views, d: number, a: number, b: number): void {
  const s = v.i8;
  d <<= 2;
  a <<= 2;
  b <<= 2;
  for (let i = 0; i < 16; i++) {
    const x = s[a + i]! - s[b + i]!;
    s[d + i] = x > 127 ? 127 : Math.max(x, -128);
  }
}

/** `i8x16.sub_sat_u`: unsigned saturating subtraction. */
export function i8x16SubSatU(v: V128Views, d: number, a: number, b: number): void {
  const s = v.u8;
  d <<= 2;
  a <<= 2;
  b <<= 2;
  for (let i = 0; i < 16; i++) {
    const x = s[a + i]! - s[b + i]!;
    s[d + i] = Math.max(x, 0);
  }
}

/** `i8x16.avgr_u`: unsigned rounding average `(a + b + 1) >> 1`. */
export function i8x16AvgrU(v: V128Views, d: number, a: number, b: number): void {
  const s = v.u8;
  d <<= 2;
  a <<= 2;
  b <<= 2;
  for (let i = 0; i < 16; i++) s[d + i] = (s[a + i]! + s[b + i]! + 1) >>> 1;
}

/** `i8x16.abs`: wrapping absolute value (`abs(-128)` is -128). */
export function i8x16Abs(v: V128Views, d: number, a: number): void {
  const s = v.i8;
  d <<= 2;
  a <<= 2;
  for (let i = 0; i < 16; i++) {
    const x = s[a + i]!;
    s[d + i] = x < 0 ? -x : x;
  }
}

/** `i8x16.neg`: wrapping negation. */
export function i8x16Neg(v: V128Views, d: number, a: number): void {
  const s = v.i8;
  d <<= 2;
  a <<= 2;
  for (let i = 0; i < 16; i++) s[d + i] = -s[a + i]!;
}

/** `i8x16.popcnt`: per-lane count of set bits (SWAR on 32-bit words). */
export function i8x16Popcnt(v: V128Views, d: number, a: number): void {
  const r = v.i32;
  for (let i = 0; i < 4; i++) {
    let x = r[a + i]!;
    x = x - ((x >>> 1) & 0x55555555);
    x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
    r[d + i] = (x + (x >>> 4)) & 0x0f0f0f0f;
  }
}

/** `i8x16.all_true`: 1 if every lane is non-zero, else 0 (zero-byte test on 32-bit words). */
export function i8x16AllTrue(v: V128Views, a: number): number {
  const r = v.i32;
  for (let i = 0; i < 4; i++) {
    const w = r[a + i]!;
    if (((w - 0x01010101) & ~w & 0x80808080) !== 0) return 0;
  }
  return 1;
}

/**
 * `i8x16.bitmask`: bit `i` of the i32 result is the sign bit of lane `i`. Per 32-bit word, the four
 * sign bits are gathered into bits 28..31 by one multiplication (no partial products collide).
 */
export function i8x16Bitmask(v: V128Views, a: number): number {
  const r = v.i32;
  let m = 0;
  for (let i = 0; i < 4; i++) m |= (Math.imul((r[a + i]! >>> 7) & 0x01010101, 0x10204080) >>> 28) << (4 * i);
  return m;
}

/** `i8x16.shl`: shift count `n` taken modulo 8. */
export function i8x16Shl(v: V128Views, d: number, a: number, n: number): void {
  const s = v.u8;
  n &= 7;
  d <<= 2;
  a <<= 2;
  for (let i = 0; i < 16; i++) s[d + i] = s[a + i]! << n;
}

/** `i8x16.shr_s`: arithmetic right shift, count modulo 8. */
export function i8x16ShrS(v: V128Views, d: number, a: number, n: number): void {
  const s = v.i8;
  n &= 7;
  d <<= 2;
  a <<= 2;
  for (let i = 0; i < 16; i++) s[d + i] = s[a + i]! >> n;
}

/** `i8x16.shr_u`: logical right shift, count modulo 8. */
export function i8x16ShrU(v: V128Views, d: number, a: number, n: number): void {
  const s = v.u8;
  n &= 7;
  d <<= 2;
  a <<= 2;
  for (let i = 0; i < 16; i++) s[d + i] = s[a + i]! >>> n;
}

/** `i8x16.narrow_i16x8_s`: the i16 lanes of `a` then `b`, saturated to signed 8 bits. */
export function i8x16NarrowI16x8S(v: V128Views, d: number, a: number, b: number): void {
  toScratch2(v, a, b);
  const s = scratch.i16;
  const o = v.i8;
  d <<= 2;
  for (let i = 0; i < 16; i++) {
    const x = s[i]!;
    o[d + i] = x > 127 ? 127 : Math.max(x, -128);
  }
}

/** `i8x16.narrow_i16x8_u`: the signed i16 lanes of `a` then `b`, saturated to unsigned 8 bits. */
export function i8x16NarrowI16x8U(v: V128Views, d: number, a: number, b: number): void {
  toScratch2(v, a, b);
  const s = scratch.i16;
  const o = v.u8;
  d <<= 2;
  for (let i = 0; i < 16; i++) {
    const x = s[i]!;
    o[d + i] = x > 255 ? 255 : Math.max(x, 0);
  }
}

/** `i8x16.eq`: all-ones lanes where equal, zero elsewhere (SWAR on 32-bit words). */
export function i8x16Eq(v: V128Views, d: number, a: number, b: number): void {
  const r = v.i32;
  for (let i = 0; i < 4; i++) {
    const z = r[a + i]! ^ r[b + i]!;
    const nonZero = (((z & 0x7f7f7f7f) + 0x7f7f7f7f) | z) & 0x80808080;
    r[d + i] = Math.imul((~nonZero & 0x80808080) >>> 7, 0xff);
  }
}

/** `i8x16.ne`: all-ones lanes where different, zero elsewhere (SWAR on 32-bit words). */
export function i8x16Ne(v: V128Views, d: number, a: number, b: number): void {
  const r = v.i32;
  for (let i = 0; i < 4; i++) {
    const z = r[a + i]! ^ r[b + i]!;
    const nonZero = (((z & 0x7f7f7f7f) + 0x7f7f7f7f) | z) & 0x80808080;
    r[d + i] = Math.imul(nonZero >>> 7, 0xff);
  }
}

/** `i8x16.lt_s`: all-ones lanes where signed `a < b`, zero elsewhere. */
export function i8x16LtS(v: V128Views, d: number, a: number, b: number): void {
  const s = v.i8;
  d <<= 2;
  a <<= 2;
  b <<= 2;
  for (let i = 0; i < 16; i++) {
    const x = s[a + i]!;
    const y = s[b + i]!;
    s[d + i] = x < y ? -1 : 0;
  }
}

/** `i8x16.lt_u`: all-ones lanes where unsigned `a < b`, zero elsewhere. */
export function i8x16LtU(v: V128Views, d: number, a: number, b: number): void {
  const s = v.u8;
  const o = v.i8;
  d <<= 2;
  a <<= 2;
  b <<= 2;
  for (let i = 0; i < 16; i++) {
    const x = s[a + i]!;
    const y = s[b + i]!;
    o[d + i] = x < y ? -1 : 0;
  }
}

/** `i8x16.gt_s`: all-ones lanes where signed `a > b`, zero elsewhere. */
export function i8x16GtS(v: V128Views, d: number, a: number, b: number): void {
  const s = v.i8;
  d <<= 2;
  a <<= 2;
  b <<= 2;
  for (let i = 0; i < 16; i++) {
    const x = s[a + i]!;
    const y = s[b + i]!;
    s[d + i] = x > y ? -1 : 0;
  }
}

/** `i8x16.gt_u`: all-ones lanes where unsigned `a > b`, zero elsewhere. */
export function i8x16GtU(v: V128Views, d: number, a: number, b: number): void {
  const s = v.u8;
  const o = v.i8;
  d <<= 2;
  a <<= 2;
  b <<= 2;
  for (let i = 0; i < 16; i++) {
    const x = s[a + i]!;
    const y = s[b + i]!;
    o[d + i] = x > y ? -1 : 0;
  }
}

/** `i8x16.le_s`: all-ones lanes where signed `a <= b`, zero elsewhere. */
export function i8x16LeS(v: V128Views, d: number, a: number, b: number): void {
  const s = v.i8;
  d <<= 2;
  a <<= 2;
  b <<= 2;
  for (let i = 0; i < 16; i++) {
    const x = s[a + i]!;
    const y = s[b + i]!;
    s[d + i] = x <= y ? -1 : 0;
  }
}

/** `i8x16.le_u`: all-ones lanes where unsigned `a <= b`, zero elsewhere. */
export function i8x16LeU(v: V128Views, d: number, a: number, b: number): void {
  const s = v.u8;
  const o = v.i8;
  d <<= 2;
  a <<= 2;
  b <<= 2;
  for (let i = 0; i < 16; i++) {
    const x = s[a + i]!;
    const y = s[b + i]!;
    o[d + i] = x <= y ? -1 : 0;
  }
}

/** `i8x16.ge_s`: all-ones lanes where signed `a >= b`, zero elsewhere. */
export function i8x16GeS(v: V128Views, d: number, a: number, b: number): void {
  const s = v.i8;
  d <<= 2;
  a <<= 2;
  b <<= 2;
  for (let i = 0; i < 16; i++) {
    const x = s[a + i]!;
    const y = s[b + i]!;
    s[d + i] = x >= y ? -1 : 0;
  }
}

/** `i8x16.ge_u`: all-ones lanes where unsigned `a >= b`, zero elsewhere. */
export function i8x16GeU(v: V128Views, d: number, a: number, b: number): void {
  const s = v.u8;
  const o = v.i8;
  d <<= 2;
  a <<= 2;
  b <<= 2;
  for (let i = 0; i < 16; i++) {
    const x = s[a + i]!;
    const y = s[b + i]!;
    o[d + i] = x >= y ? -1 : 0;
  }
}

/** `i8x16.min_s`: lane-wise signed minimum. */
export function i8x16MinS(v: V128Views, d: number, a: number, b: number): void {
  lanesMin(v.i8, 16, d, a, b);
}

/** `i8x16.min_u`: lane-wise unsigned minimum. */
export function i8x16MinU(v: V128Views, d: number, a: number, b: number): void {
  lanesMin(v.u8, 16, d, a, b);
}

/** `i8x16.max_s`: lane-wise signed maximum. */
export function i8x16MaxS(v: V128Views, d: number, a: number, b: number): void {
  lanesMax(v.i8, 16, d, a, b);
}

/** `i8x16.max_u`: lane-wise unsigned maximum. */
export function i8x16MaxU(v: V128Views, d: number, a: number, b: number): void {
  lanesMax(v.u8, 16, d, a, b);
}
