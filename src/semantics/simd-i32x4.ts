/**
 * i32x4 SIMD operations, in place on a v128 register file (see {@link V128Views}): `d` is the
 * destination slot index, `a` and `b` the operand slot indices; `d` may alias an operand.
 */

import { lanesMax, lanesMin, scratch, toScratch1, toScratch2, type V128Views } from "./simd-views.js";

/** `i32x4.add`: wrapping lane-wise addition. */
export function i32x4Add(v: V128Views, d: number, a: number, b: number): void {
  const r = v.i32;
  for (let i = 0; i < 4; i++) r[d + i] = r[a + i]! + r[b + i]!;
}

/** `i32x4.sub`: wrapping lane-wise subtraction. */
export function i32x4Sub(v: V128Views, d: number, a: number, b: number): void {
  const r = v.i32;
  for (let i = 0; i < 4; i++) r[d + i] = r[a + i]! - r[b + i]!;
}

/** `i32x4.mul`: wrapping lane-wise multiplication. */
export function i32x4Mul(v: V128Views, d: number, a: number, b: number): void {
  const r = v.i32;
  for (let i = 0; i < 4; i++) r[d + i] = Math.imul(r[a + i]!, r[b + i]!);
}

/** `i32x4.abs`: wrapping absolute value (`abs(INT32_MIN)` is INT32_MIN). */
export function i32x4Abs(v: V128Views, d: number, a: number): void {
  const r = v.i32;
  for (let i = 0; i < 4; i++) {
    const x = r[a + i]!;
    r[d + i] = x < 0 ? -x : x;
  }
}

/** `i32x4.neg`: wrapping negation. */
export function i32x4Neg(v: V128Views, d: number, a: number): void {
  const r = v.i32;
  for (let i = 0; i < 4; i++) r[d + i] = -r[a + i]!;
}

/** `i32x4.all_true`: 1 if every lane is non-zero, else 0. */
export function i32x4AllTrue(v: V128Views, a: number): number {
  const r = v.i32;
  return r[a] !== 0 && r[a + 1] !== 0 && r[a + 2] !== 0 && r[a + 3] !== 0 ? 1 : 0;
}

/** `i32x4.bitmask`: bit `i` of the i32 result is the sign bit of lane `i`. */
export function i32x4Bitmask(v: V128Views, a: number): number {
  const r = v.i32;
  return (r[a]! >>> 31) | ((r[a + 1]! >>> 31) << 1) | ((r[a + 2]! >>> 31) << 2) | ((r[a + 3]! >>> 31) << 3);
}

/** `i32x4.shl`: shift count `n` taken modulo 32. */
export function i32x4Shl(v: V128Views, d: number, a: number, n: number): void {
  const r = v.i32;
  for (let i = 0; i < 4; i++) r[d + i] = r[a + i]! << n;
}

/** `i32x4.shr_s`: arithmetic right shift, count modulo 32. */
export function i32x4ShrS(v: V128Views, d: number, a: number, n: number): void {
  const r = v.i32;
  for (let i = 0; i < 4; i++) r[d + i] = r[a + i]! >> n;
}

/** `i32x4.shr_u`: logical right shift, count modulo 32. */
export function i32x4ShrU(v: V128Views, d: number, a: number, n: number): void {
  const r = v.i32;
  for (let i = 0; i < 4; i++) r[d + i] = r[a + i]! >>> n;
}

/** `i32x4.dot_i16x8_s`: sums of products of adjacent signed i16 lane pairs (wrapping). */
export function i32x4DotI16x8S(v: V128Views, d: number, a: number, b: number): void {
  toScratch2(v, a, b);
  const s = scratch.i16;
  const r = v.i32;
  for (let i = 0; i < 4; i++) {
    r[d + i] = s[2 * i]! * s[8 + 2 * i]! + s[2 * i + 1]! * s[9 + 2 * i]!;
  }
}

/** `i32x4.extend_low_i16x8_s`: sign-extends lanes 0..3. */
export function i32x4ExtendLowI16x8S(v: V128Views, d: number, a: number): void {
  toScratch1(v, a);
  const s = scratch.i16;
  const r = v.i32;
  for (let i = 0; i < 4; i++) r[d + i] = s[i]!;
}

/** `i32x4.extend_high_i16x8_s`: sign-extends lanes 4..7. */
export function i32x4ExtendHighI16x8S(v: V128Views, d: number, a: number): void {
  toScratch1(v, a);
  const s = scratch.i16;
  const r = v.i32;
  for (let i = 0; i < 4; i++) r[d + i] = s[4 + i]!;
}

/** `i32x4.extend_low_i16x8_u`: zero-extends lanes 0..3. */
export function i32x4ExtendLowI16x8U(v: V128Views, d: number, a: number): void {
  toScratch1(v, a);
  const s = scratch.u16;
  const r = v.i32;
  for (let i = 0; i < 4; i++) r[d + i] = s[i]!;
}

/** `i32x4.extend_high_i16x8_u`: zero-extends lanes 4..7. */
export function i32x4ExtendHighI16x8U(v: V128Views, d: number, a: number): void {
  toScratch1(v, a);
  const s = scratch.u16;
  const r = v.i32;
  for (let i = 0; i < 4; i++) r[d + i] = s[4 + i]!;
}

/** `i32x4.extmul_low_i16x8_s`: signed products of lanes 0..3. */
export function i32x4ExtmulLowI16x8S(v: V128Views, d: number, a: number, b: number): void {
  toScratch2(v, a, b);
  const s = scratch.i16;
  const r = v.i32;
  for (let i = 0; i < 4; i++) r[d + i] = s[i]! * s[8 + i]!;
}

/** `i32x4.extmul_high_i16x8_s`: signed products of lanes 4..7. */
export function i32x4ExtmulHighI16x8S(v: V128Views, d: number, a: number, b: number): void {
  toScratch2(v, a, b);
  const s = scratch.i16;
  const r = v.i32;
  for (let i = 0; i < 4; i++) r[d + i] = s[4 + i]! * s[12 + i]!;
}

/** `i32x4.extmul_low_i16x8_u`: unsigned products of lanes 0..3. */
export function i32x4ExtmulLowI16x8U(v: V128Views, d: number, a: number, b: number): void {
  toScratch2(v, a, b);
  const s = scratch.u16;
  const r = v.u32;
  for (let i = 0; i < 4; i++) r[d + i] = s[i]! * s[8 + i]!;
}

/** `i32x4.extmul_high_i16x8_u`: unsigned products of lanes 4..7. */
export function i32x4ExtmulHighI16x8U(v: V128Views, d: number, a: number, b: number): void {
  toScratch2(v, a, b);
  const s = scratch.u16;
  const r = v.u32;
  for (let i = 0; i < 4; i++) r[d + i] = s[4 + i]! * s[12 + i]!;
}

/** `i32x4.extadd_pairwise_i16x8_s`: sums of adjacent signed lane pairs. */
export function i32x4ExtaddPairwiseI16x8S(v: V128Views, d: number, a: number): void {
  toScratch1(v, a);
  const s = scratch.i16;
  const r = v.i32;
  for (let i = 0; i < 4; i++) r[d + i] = s[2 * i]! + s[2 * i + 1]!;
}

/** `i32x4.extadd_pairwise_i16x8_u`: sums of adjacent unsigned lane pairs. */
export function i32x4ExtaddPairwiseI16x8U(v: V128Views, d: number, a: number): void {
  toScratch1(v, a);
  const s = scratch.u16;
  const r = v.i32;
  for (let i = 0; i < 4; i++) r[d + i] = s[2 * i]! + s[2 * i + 1]!;
}

/** `i32x4.eq`: all-ones lanes where equal, zero elsewhere. */
export function i32x4Eq(v: V128Views, d: number, a: number, b: number): void {
  const s = v.i32;
  for (let i = 0; i < 4; i++) {
    const x = s[a + i]!;
    const y = s[b + i]!;
    s[d + i] = x === y ? -1 : 0;
  }
}

/** `i32x4.ne`: all-ones lanes where different, zero elsewhere. */
export function i32x4Ne(v: V128Views, d: number, a: number, b: number): void {
  const s = v.i32;
  for (let i = 0; i < 4; i++) {
    const x = s[a + i]!;
    const y = s[b + i]!;
    s[d + i] = x !== y ? -1 : 0;
  }
}

/** `i32x4.lt_s`: all-ones lanes where signed `a < b`, zero elsewhere. */
export function i32x4LtS(v: V128Views, d: number, a: number, b: number): void {
  const s = v.i32;
  for (let i = 0; i < 4; i++) {
    const x = s[a + i]!;
    const y = s[b + i]!;
    s[d + i] = x < y ? -1 : 0;
  }
}

/** `i32x4.lt_u`: all-ones lanes where unsigned `a < b`, zero elsewhere. */
export function i32x4LtU(v: V128Views, d: number, a: number, b: number): void {
  const s = v.u32;
  const o = v.i32;
  for (let i = 0; i < 4; i++) {
    const x = s[a + i]!;
    const y = s[b + i]!;
    o[d + i] = x < y ? -1 : 0;
  }
}

/** `i32x4.gt_s`: all-ones lanes where signed `a > b`, zero elsewhere. */
export function i32x4GtS(v: V128Views, d: number, a: number, b: number): void {
  const s = v.i32;
  for (let i = 0; i < 4; i++) {
    const x = s[a + i]!;
    const y = s[b + i]!;
    s[d + i] = x > y ? -1 : 0;
  }
}

/** `i32x4.gt_u`: all-ones lanes where unsigned `a > b`, zero elsewhere. */
export function i32x4GtU(v: V128Views, d: number, a: number, b: number): void {
  const s = v.u32;
  const o = v.i32;
  for (let i = 0; i < 4; i++) {
    const x = s[a + i]!;
    const y = s[b + i]!;
    o[d + i] = x > y ? -1 : 0;
  }
}

/** `i32x4.le_s`: all-ones lanes where signed `a <= b`, zero elsewhere. */
export function i32x4LeS(v: V128Views, d: number, a: number, b: number): void {
  const s = v.i32;
  for (let i = 0; i < 4; i++) {
    const x = s[a + i]!;
    const y = s[b + i]!;
    s[d + i] = x <= y ? -1 : 0;
  }
}

/** `i32x4.le_u`: all-ones lanes where unsigned `a <= b`, zero elsewhere. */
export function i32x4LeU(v: V128Views, d: number, a: number, b: number): void {
  const s = v.u32;
  const o = v.i32;
  for (let i = 0; i < 4; i++) {
    const x = s[a + i]!;
    const y = s[b + i]!;
    o[d + i] = x <= y ? -1 : 0;
  }
}

/** `i32x4.ge_s`: all-ones lanes where signed `a >= b`, zero elsewhere. */
export function i32x4GeS(v: V128Views, d: number, a: number, b: number): void {
  const s = v.i32;
  for (let i = 0; i < 4; i++) {
    const x = s[a + i]!;
    const y = s[b + i]!;
    s[d + i] = x >= y ? -1 : 0;
  }
}

/** `i32x4.ge_u`: all-ones lanes where unsigned `a >= b`, zero elsewhere. */
export function i32x4GeU(v: V128Views, d: number, a: number, b: number): void {
  const s = v.u32;
  const o = v.i32;
  for (let i = 0; i < 4; i++) {
    const x = s[a + i]!;
    const y = s[b + i]!;
    o[d + i] = x >= y ? -1 : 0;
  }
}

/** `i32x4.min_s`: lane-wise signed minimum. */
export function i32x4MinS(v: V128Views, d: number, a: number, b: number): void {
  lanesMin(v.i32, 4, d, a, b);
}

/** `i32x4.min_u`: lane-wise unsigned minimum. */
export function i32x4MinU(v: V128Views, d: number, a: number, b: number): void {
  lanesMin(v.u32, 4, d, a, b);
}

/** `i32x4.max_s`: lane-wise signed maximum. */
export function i32x4MaxS(v: V128Views, d: number, a: number, b: number): void {
  lanesMax(v.i32, 4, d, a, b);
}

/** `i32x4.max_u`: lane-wise unsigned maximum. */
export function i32x4MaxU(v: V128Views, d: number, a: number, b: number): void {
  lanesMax(v.u32, 4, d, a, b);
}
