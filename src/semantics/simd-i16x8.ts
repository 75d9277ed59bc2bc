/**
 * i16x8 SIMD operations, in place on a v128 register file (see {@link V128Views}): `d` is the
 * destination slot index, `a` and `b` the operand slot indices; `d` may alias an operand.
 */

import { lanesMax, lanesMin, scratch, toScratch1, toScratch2, type V128Views } from "./simd-views.js";

/** `i16x8.add`: wrapping lane-wise addition (SWAR on 32-bit words). */
export function i16x8Add(v: V128Views, d: number, a: number, b: number): void {
  const r = v.i32;
  for (let i = 0; i < 4; i++) {
    const x = r[a + i]!;
    const y = r[b + i]!;
    r[d + i] = ((x & 0x7fff7fff) + (y & 0x7fff7fff)) ^ ((x ^ y) & 0x80008000);
  }
}

/** `i16x8.sub`: wrapping lane-wise subtraction (SWAR on 32-bit words). */
export function i16x8Sub(v: V128Views, d: number, a: number, b: number): void {
  const r = v.i32;
  for (let i = 0; i < 4; i++) {
    const x = r[a + i]!;
    const y = r[b + i]!;
    r[d + i] = ((x | 0x80008000) - (y & 0x7fff7fff)) ^ ((x ^ ~y) & 0x80008000);
  }
}

/** `i16x8.mul`: wrapping lane-wise multiplication. */
export function i16x8Mul(v: V128Views, d: number, a: number, b: number): void {
  const s = v.i16;
  d <<= 1;
  a <<= 1;
  b <<= 1;
  for (let i = 0; i < 8; i++) s[d + i] = Math.imul(s[a + i]!, s[b + i]!);
}

/** `i16x8.add_sat_s`: signed saturating addition. */
export function i16x8AddSatS(v: V128Views, d: number, a: number, b: number): void {
  const s = v.i16;
  d <<= 1;
  a <<= 1;
  b <<= 1;
  for (let i = 0; i < 8; i++) {
    const x = s[a + i]! + s[b + i]!;
    s[d + i] = x > 32767 ? 32767 : Math.max(x, -32768);
  }
}

/** `i16x8.add_sat_u`: unsigned saturating addition. */
export function i16x8AddSatU(v: V128Views, d: number, a: number, b: number): void {
  const s = v.u16;
  d <<= 1;
  a <<= 1;
  b <<= 1;
  for (let i = 0; i < 8; i++) {
    const x = s[a + i]! + s[b + i]!;
    s[d + i] = Math.min(x, 65535);
  }
}

/** `i16x8.sub_sat_s`: signed saturating subtraction. */
export function i16x8SubSatS(v: V128Views, d: number, a: number, b: number): void {
  const s = v.i16;
  d <<= 1;
  a <<= 1;
  b <<= 1;
  for (let i = 0; i < 8; i++) {
    const x = s[a + i]! - s[b + i]!;
    s[d + i] = x > 32767 ? 32767 : Math.max(x, -32768);
  }
}

/** `i16x8.sub_sat_u`: unsigned saturating subtraction. */
export function i16x8SubSatU(v: V128Views, d: number, a: number, b: number): void {
  const s = v.u16;
  d <<= 1;
  a <<= 1;
  b <<= 1;
  for (let i = 0; i < 8; i++) {
    const x = s[a + i]! - s[b + i]!;
    s[d + i] = Math.max(x, 0);
  }
}

/** `i16x8.avgr_u`: unsigned rounding average `(a + b + 1) >> 1`. */
export function i16x8AvgrU(v: V128Views, d: number, a: number, b: number): void {
  const s = v.u16;
  d <<= 1;
  a <<= 1;
  b <<= 1;
  for (let i = 0; i < 8; i++) s[d + i] = (s[a + i]! + s[b + i]! + 1) >>> 1;
}

/** `i16x8.q15mulr_sat_s`: Q15 rounding multiplication `(a * b + 0x4000) >> 15`, saturated. */
export function i16x8Q15mulrSatS(v: V128Views, d: number, a: number, b: number): void {
  const s = v.i16;
  d <<= 1;
  a <<= 1;
  b <<= 1;
  for (let i = 0; i < 8; i++) {
    const x = (s[a + i]! * s[b + i]! + 0x4000) >> 15;
    s[d + i] = Math.min(x, 32767);
  }
}

/** `i16x8.abs`: wrapping absolute value (`abs(-32768)` is -32768). */
export function i16x8Abs(v: V128Views, d: number, a: number): void {
  const s = v.i16;
  d <<= 1;
  a <<= 1;
  for (let i = 0; i < 8; i++) {
    const x = s[a + i]!;
    s[d + i] = x < 0 ? -x : x;
  }
}

/** `i16x8.neg`: wrapping negation. */
export function i16x8Neg(v: V128Views, d: number, a: number): void {
  const s = v.i16;
  d <<= 1;
  a <<= 1;
  for (let i = 0; i < 8; i++) s[d + i] = -s[a + i]!;
}

/** `i16x8.all_true`: 1 if every lane is non-zero, else 0. */
export function i16x8AllTrue(v: V128Views, a: number): number {
  const s = v.u16;
  a <<= 1;
  for (let i = 0; i < 8; i++) if (s[a + i] === 0) return 0;
  return 1;
}

/** `i16x8.bitmask`: bit `i` of the i32 result is the sign bit of lane `i`. */
export function i16x8Bitmask(v: V128Views, a: number): number {
  const s = v.u16;
  a <<= 1;
  let m = 0;
  for (let i = 0; i < 8; i++) m |= (s[a + i]! >>> 15) << i;
  return m;
}

/** `i16x8.shl`: shift count `n` taken modulo 16. */
export function i16x8Shl(v: V128Views, d: number, a: number, n: number): void {
  const s = v.u16;
  n &= 15;
  d <<= 1;
  a <<= 1;
  for (let i = 0; i < 8; i++) s[d + i] = s[a + i]! << n;
}

/** `i16x8.shr_s`: arithmetic right shift, count modulo 16. */
export function i16x8ShrS(v: V128Views, d: number, a: number, n: number): void {
  const s = v.i16;
  n &= 15;
  d <<= 1;
  a <<= 1;
  for (let i = 0; i < 8; i++) s[d + i] = s[a + i]! >> n;
}

/** `i16x8.shr_u`: logical right shift, count modulo 16. */
export function i16x8ShrU(v: V128Views, d: number, a: number, n: number): void {
  const s = v.u16;
  n &= 15;
  d <<= 1;
  a <<= 1;
  for (let i = 0; i < 8; i++) s[d + i] = s[a + i]! >>> n;
}

/** `i16x8.narrow_i32x4_s`: the i32 lanes of `a` then `b`, saturated to signed 16 bits. */
export function i16x8NarrowI32x4S(v: V128Views, d: number, a: number, b: number): void {
  toScratch2(v, a, b);
  const s = scratch.i32;
  const o = v.i16;
  d <<= 1;
  for (let i = 0; i < 8; i++) {
    const x = s[i]!;
    o[d + i] = x > 32767 ? 32767 : Math.max(x, -32768);
  }
}

/** `i16x8.narrow_i32x4_u`: the signed i32 lanes of `a` then `b`, saturated to unsigned 16 bits. */
export function i16x8NarrowI32x4U(v: V128Views, d: number, a: number, b: number): void {
  toScratch2(v, a, b);
  const s = scratch.i32;
  const o = v.u16;
  d <<= 1;
  for (let i = 0; i < 8; i++) {
    const x = s[i]!;
    o[d + i] = x > 65535 ? 65535 : Math.max(x, 0);
  }
}

/** `i16x8.extend_low_i8x16_s`: sign-extends lanes 0..7. */
export function i16x8ExtendLowI8x16S(v: V128Views, d: number, a: number): void {
  toScratch1(v, a);
  const s = scratch.i8;
  const o = v.i16;
  d <<= 1;
  for (let i = 0; i < 8; i++) o[d + i] = s[i]!;
}

/** `i16x8.extend_high_i8x16_s`: sign-extends lanes 8..15. */
export function i16x8ExtendHighI8x16S(v: V128Views, d: number, a: number): void {
  toScratch1(v, a);
  const s = scratch.i8;
  const o = v.i16;
  d <<= 1;
  for (let i = 0; i < 8; i++) o[d + i] = s[8 + i]!;
}

/** `i16x8.extend_low_i8x16_u`: zero-extends lanes 0..7. */
export function i16x8ExtendLowI8x16U(v: V128Views, d: number, a: number): void {
  toScratch1(v, a);
  const s = scratch.u8;
  const o = v.i16;
  d <<= 1;
  for (let i = 0; i < 8; i++) o[d + i] = s[i]!;
}

/** `i16x8.extend_high_i8x16_u`: zero-extends lanes 8..15. */
export function i16x8ExtendHighI8x16U(v: V128Views, d: number, a: number): void {
  toScratch1(v, a);
  const s = scratch.u8;
  const o = v.i16;
  d <<= 1;
  for (let i = 0; i < 8; i++) o[d + i] = s[8 + i]!;
}

/** `i16x8.extmul_low_i8x16_s`: signed products of lanes 0..7. */
export function i16x8ExtmulLowI8x16S(v: V128Views, d: number, a: number, b: number): void {
  toScratch2(v, a, b);
  const s = scratch.i8;
  const o = v.i16;
  d <<= 1;
  for (let i = 0; i < 8; i++) o[d + i] = s[i]! * s[16 + i]!;
}

/** `i16x8.extmul_high_i8x16_s`: signed products of lanes 8..15. */
export function i16x8ExtmulHighI8x16S(v: V128Views, d: number, a: number, b: number): void {
  toScratch2(v, a, b);
  const s = scratch.i8;
  const o = v.i16;
  d <<= 1;
  for (let i = 0; i < 8; i++) o[d + i] = s[8 + i]! * s[24 + i]!;
}

/** `i16x8.extmul_low_i8x16_u`: unsigned products of lanes 0..7. */
export function i16x8ExtmulLowI8x16U(v: V128Views, d: number, a: number, b: number): void {
  toScratch2(v, a, b);
  const s = scratch.u8;
  const o = v.u16;
  d <<= 1;
  for (let i = 0; i < 8; i++) o[d + i] = s[i]! * s[16 + i]!;
}

/** `i16x8.extmul_high_i8x16_u`: unsigned products of lanes 8..15. */
export function i16x8ExtmulHighI8x16U(v: V128Views, d: number, a: number, b: number): void {
  toScratch2(v, a, b);
  const s = scratch.u8;
  const o = v.u16;
  d <<= 1;
  for (let i = 0; i < 8; i++) o[d + i] = s[8 + i]! * s[24 + i]!;
}

/** `i16x8.extadd_pairwise_i8x16_s`: sums of adjacent signed lane pairs. */
export function i16x8ExtaddPairwiseI8x16S(v: V128Views, d: number, a: number): void {
  toScratch1(v, a);
  const s = scratch.i8;
  const o = v.i16;
  d <<= 1;
  for (let i = 0; i < 8; i++) o[d + i] = s[2 * i]! + s[2 * i + 1]!;
}

/** `i16x8.extadd_pairwise_i8x16_u`: sums of adjacent unsigned lane pairs. */
export function i16x8ExtaddPairwiseI8x16U(v: V128Views, d: number, a: number): void {
  toScratch1(v, a);
  const s = scratch.u8;
  const o = v.i16;
  d <<= 1;
  for (let i = 0; i < 8; i++) o[d + i] = s[2 * i]! + s[2 * i + 1]!;
}

/** `i16x8.eq`: all-ones lanes where equal, zero elsewhere (SWAR on 32-bit words). */
export function i16x8Eq(v: V128Views, d: number, a: number, b: number): void {
  const r = v.i32;
  for (let i = 0; i < 4; i++) {
    const z = r[a + i]! ^ r[b + i]!;
    const nonZero = (((z & 0x7fff7fff) + 0x7fff7fff) | z) & 0x80008000;
    r[d + i] = Math.imul((~nonZero & 0x80008000) >>> 15, 0xffff);
  }
}

/** `i16x8.ne`: all-ones lanes where different, zero elsewhere (SWAR on 32-bit words). */
export function i16x8Ne(v: V128Views, d: number, a: number, b: number): void {
  const r = v.i32;
  for (let i = 0; i < 4; i++) {
    const z = r[a + i]! ^ r[b + i]!;
    const nonZero = (((z & 0x7fff7fff) + 0x7fff7fff) | z) & 0x80008000;
    r[d + i] = Math.imul(nonZero >>> 15, 0xffff);
  }
}

/** `i16x8.lt_s`: all-ones lanes where signed `a < b`, zero elsewhere. */
export function i16x8LtS(v: V128Views, d: number, a: number, b: number): void {
  const s = v.i16;
  d <<= 1;
  a <<= 1;
  b <<= 1;
  for (let i = 0; i < 8; i++) {
    const x = s[a + i]!;
    const y = s[b + i]!;
    s[d + i] = x < y ? -1 : 0;
  }
}

/** `i16x8.lt_u`: all-ones lanes where unsigned `a < b`, zero elsewhere. */
export function i16x8LtU(v: V128Views, d: number, a: number, b: number): void {
  const s = v.u16;
  const o = v.i16;
  d <<= 1;
  a <<= 1;
  b <<= 1;
  for (let i = 0; i < 8; i++) {
    const x = s[a + i]!;
    const y = s[b + i]!;
    o[d + i] = x < y ? -1 : 0;
  }
}

/** `i16x8.gt_s`: all-ones lanes where signed `a > b`, zero elsewhere. */
export function i16x8GtS(v: V128Views, d: number, a: number, b: number): void {
  const s = v.i16;
  d <<= 1;
  a <<= 1;
  b <<= 1;
  for (let i = 0; i < 8; i++) {
    const x = s[a + i]!;
    const y = s[b + i]!;
    s[d + i] = x > y ? -1 : 0;
  }
}

/** `i16x8.gt_u`: all-ones lanes where unsigned `a > b`, zero elsewhere. */
export function i16x8GtU(v: V128Views, d: number, a: number, b: number): void {
  const s = v.u16;
  const o = v.i16;
  d <<= 1;
  a <<= 1;
  b <<= 1;
  for (let i = 0; i < 8; i++) {
    const x = s[a + i]!;
    const y = s[b + i]!;
    o[d + i] = x > y ? -1 : 0;
  }
}

/** `i16x8.le_s`: all-ones lanes where signed `a <= b`, zero elsewhere. */
export function i16x8LeS(v: V128Views, d: number, a: number, b: number): void {
  const s = v.i16;
  d <<= 1;
  a <<= 1;
  b <<= 1;
  for (let i = 0; i < 8; i++) {
    const x = s[a + i]!;
    const y = s[b + i]!;
    s[d + i] = x <= y ? -1 : 0;
  }
}

/** `i16x8.le_u`: all-ones lanes where unsigned `a <= b`, zero elsewhere. */
export function i16x8LeU(v: V128Views, d: number, a: number, b: number): void {
  const s = v.u16;
  const o = v.i16;
  d <<= 1;
  a <<= 1;
  b <<= 1;
  for (let i = 0; i < 8; i++) {
    const x = s[a + i]!;
    const y = s[b + i]!;
    o[d + i] = x <= y ? -1 : 0;
  }
}

/** `i16x8.ge_s`: all-ones lanes where signed `a >= b`, zero elsewhere. */
export function i16x8GeS(v: V128Views, d: number, a: number, b: number): void {
  const s = v.i16;
  d <<= 1;
  a <<= 1;
  b <<= 1;
  for (let i = 0; i < 8; i++) {
    const x = s[a + i]!;
    const y = s[b + i]!;
    s[d + i] = x >= y ? -1 : 0;
  }
}

/** `i16x8.ge_u`: all-ones lanes where unsigned `a >= b`, zero elsewhere. */
export function i16x8GeU(v: V128Views, d: number, a: number, b: number): void {
  const s = v.u16;
  const o = v.i16;
  d <<= 1;
  a <<= 1;
  b <<= 1;
  for (let i = 0; i < 8; i++) {
    const x = s[a + i]!;
    const y = s[b + i]!;
    o[d + i] = x >= y ? -1 : 0;
  }
}

/** `i16x8.min_s`: lane-wise signed minimum. */
export function i16x8MinS(v: V128Views, d: number, a: number, b: number): void {
  lanesMin(v.i16, 8, d, a, b);
}

/** `i16x8.min_u`: lane-wise unsigned minimum. */
export function i16x8MinU(v: V128Views, d: number, a: number, b: number): void {
  lanesMin(v.u16, 8, d, a, b);
}

/** `i16x8.max_s`: lane-wise signed maximum. */
export function i16x8MaxS(v: V128Views, d: number, a: number, b: number): void {
  lanesMax(v.i16, 8, d, a, b);
}

/** `i16x8.max_u`: lane-wise unsigned maximum. */
export function i16x8MaxU(v: V128Views, d: number, a: number, b: number): void {
  lanesMax(v.u16, 8, d, a, b);
}
