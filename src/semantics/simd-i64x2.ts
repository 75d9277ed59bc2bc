/**
 * i64x2 SIMD operations, in place on a v128 register file (see {@link V128Views}): `d` is the
 * destination slot index, `a` and `b` the operand slot indices; `d` may alias an operand. Each
 * i64 lane is a `(lo, hi)` pair of int32 slots.
 */

import { ret } from "./common.js";
import { i64Mul, i64Shl, i64ShrS, i64ShrU } from "./i64.js";
import type { V128Views } from "./simd-views.js";

/** `i64x2.add`: wrapping lane-wise addition. */
export function i64x2Add(v: V128Views, d: number, a: number, b: number): void {
  const r = v.i32;
  for (let i = 0; i < 4; i += 2) {
    const alo = r[a + i]!;
    const lo = (alo + r[b + i]!) | 0;
    r[d + i + 1] = r[a + i + 1]! + r[b + i + 1]! + (lo >>> 0 < alo >>> 0 ? 1 : 0);
    r[d + i] = lo;
  }
}

/** `i64x2.sub`: wrapping lane-wise subtraction. */
export function i64x2Sub(v: V128Views, d: number, a: number, b: number): void {
  const r = v.i32;
  for (let i = 0; i < 4; i += 2) {
    const alo = r[a + i]!;
    const blo = r[b + i]!;
    r[d + i + 1] = r[a + i + 1]! - r[b + i + 1]! - (alo >>> 0 < blo >>> 0 ? 1 : 0);
    r[d + i] = alo - blo;
  }
}

/** `i64x2.mul`: wrapping lane-wise multiplication. */
export function i64x2Mul(v: V128Views, d: number, a: number, b: number): void {
  const r = v.i32;
  for (let i = 0; i < 4; i += 2) {
    const lo = i64Mul(r[a + i]!, r[a + i + 1]!, r[b + i]!, r[b + i + 1]!);
    r[d + i] = lo;
    r[d + i + 1] = ret.hi;
  }
}

/** `i64x2.neg`: wrapping negation. */
export function i64x2Neg(v: V128Views, d: number, a: number): void {
  const r = v.i32;
  for (let i = 0; i < 4; i += 2) {
    const lo = r[a + i]!;
    const hi = r[a + i + 1]!;
    r[d + i + 1] = lo === 0 ? -hi : ~hi;
    r[d + i] = -lo;
  }
}

/** `i64x2.abs`: wrapping absolute value (`abs(INT64_MIN)` is INT64_MIN). */
export function i64x2Abs(v: V128Views, d: number, a: number): void {
  const r = v.i32;
  for (let i = 0; i < 4; i += 2) {
    const lo = r[a + i]!;
    const hi = r[a + i + 1]!;
    if (hi < 0) {
      r[d + i + 1] = lo === 0 ? -hi : ~hi;
      r[d + i] = -lo;
    } else {
      r[d + i + 1] = hi;
      r[d + i] = lo;
    }
  }
}

/** `i64x2.all_true`: 1 if both lanes are non-zero, else 0. */
export function i64x2AllTrue(v: V128Views, a: number): number {
  const r = v.i32;
  return (r[a]! | r[a + 1]!) !== 0 && (r[a + 2]! | r[a + 3]!) !== 0 ? 1 : 0;
}

/** `i64x2.bitmask`: bit `i` of the i32 result is the sign bit of lane `i`. */
export function i64x2Bitmask(v: V128Views, a: number): number {
  const r = v.i32;
  return (r[a + 1]! >>> 31) | ((r[a + 3]! >>> 31) << 1);
}

/** `i64x2.shl`: shift count `n` taken modulo 64. */
export function i64x2Shl(v: V128Views, d: number, a: number, n: number): void {
  const r = v.i32;
  for (let i = 0; i < 4; i += 2) {
    r[d + i] = i64Shl(r[a + i]!, r[a + i + 1]!, n, 0);
    r[d + i + 1] = ret.hi;
  }
}

/** `i64x2.shr_s`: arithmetic right shift, count modulo 64. */
export function i64x2ShrS(v: V128Views, d: number, a: number, n: number): void {
  const r = v.i32;
  for (let i = 0; i < 4; i += 2) {
    r[d + i] = i64ShrS(r[a + i]!, r[a + i + 1]!, n, 0);
    r[d + i + 1] = ret.hi;
  }
}

/** `i64x2.shr_u`: logical right shift, count modulo 64. */
export function i64x2ShrU(v: V128Views, d: number, a: number, n: number): void {
  const r = v.i32;
  for (let i = 0; i < 4; i += 2) {
    r[d + i] = i64ShrU(r[a + i]!, r[a + i + 1]!, n, 0);
    r[d + i + 1] = ret.hi;
  }
}

/** `i64x2.eq`: all-ones lanes where equal, zero elsewhere. */
export function i64x2Eq(v: V128Views, d: number, a: number, b: number): void {
  const r = v.i32;
  for (let i = 0; i < 4; i += 2) {
    const m = r[a + i] === r[b + i] && r[a + i + 1] === r[b + i + 1] ? -1 : 0;
    r[d + i] = m;
    r[d + i + 1] = m;
  }
}

/** `i64x2.ne`: all-ones lanes where different, zero elsewhere. */
export function i64x2Ne(v: V128Views, d: number, a: number, b: number): void {
  const r = v.i32;
  for (let i = 0; i < 4; i += 2) {
    const m = r[a + i] !== r[b + i] || r[a + i + 1] !== r[b + i + 1] ? -1 : 0;
    r[d + i] = m;
    r[d + i + 1] = m;
  }
}

/** `i64x2.lt_s`: all-ones lanes where signed `a < b`, zero elsewhere. */
export function i64x2LtS(v: V128Views, d: number, a: number, b: number): void {
  const r = v.i32;
  for (let i = 0; i < 4; i += 2) {
    const ahi = r[a + i + 1]!;
    const bhi = r[b + i + 1]!;
    const m = ahi < bhi || (ahi === bhi && r[a + i]! >>> 0 < r[b + i]! >>> 0) ? -1 : 0;
    r[d + i] = m;
    r[d + i + 1] = m;
  }
}

/** `i64x2.gt_s`: all-ones lanes where signed `a > b`, zero elsewhere. */
export function i64x2GtS(v: V128Views, d: number, a: number, b: number): void {
  const r = v.i32;
  for (let i = 0; i < 4; i += 2) {
    const ahi = r[a + i + 1]!;
    const bhi = r[b + i + 1]!;
    const m = ahi > bhi || (ahi === bhi && r[a + i]! >>> 0 > r[b + i]! >>> 0) ? -1 : 0;
    r[d + i] = m;
    r[d + i + 1] = m;
  }
}

/** `i64x2.le_s`: all-ones lanes where signed `a <= b`, zero elsewhere. */
export function i64x2LeS(v: V128Views, d: number, a: number, b: number): void {
  const r = v.i32;
  for (let i = 0; i < 4; i += 2) {
    const ahi = r[a + i + 1]!;
    const bhi = r[b + i + 1]!;
    const m = ahi < bhi || (ahi === bhi && r[a + i]! >>> 0 <= r[b + i]! >>> 0) ? -1 : 0;
    r[d + i] = m;
    r[d + i + 1] = m;
  }
}

/** `i64x2.ge_s`: all-ones lanes where signed `a >= b`, zero elsewhere. */
export function i64x2GeS(v: V128Views, d: number, a: number, b: number): void {
  const r = v.i32;
  for (let i = 0; i < 4; i += 2) {
    const ahi = r[a + i + 1]!;
    const bhi = r[b + i + 1]!;
    const m = ahi > bhi || (ahi === bhi && r[a + i]! >>> 0 >= r[b + i]! >>> 0) ? -1 : 0;
    r[d + i] = m;
    r[d + i + 1] = m;
  }
}

/** `i64x2.extend_low_i32x4_s`: sign-extends lanes 0 and 1. */
export function i64x2ExtendLowI32x4S(v: V128Views, d: number, a: number): void {
  const r = v.i32;
  const x0 = r[a]!;
  const x1 = r[a + 1]!;
  r[d] = x0;
  r[d + 1] = x0 >> 31;
  r[d + 2] = x1;
  r[d + 3] = x1 >> 31;
}

/** `i64x2.extend_high_i32x4_s`: sign-extends lanes 2 and 3. */
export function i64x2ExtendHighI32x4S(v: V128Views, d: number, a: number): void {
  const r = v.i32;
  const x0 = r[a + 2]!;
  const x1 = r[a + 3]!;
  r[d] = x0;
  r[d + 1] = x0 >> 31;
  r[d + 2] = x1;
  r[d + 3] = x1 >> 31;
}

/** `i64x2.extend_low_i32x4_u`: zero-extends lanes 0 and 1. */
export function i64x2ExtendLowI32x4U(v: V128Views, d: number, a: number): void {
  const r = v.i32;
  const x0 = r[a]!;
  const x1 = r[a + 1]!;
  r[d] = x0;
  r[d + 1] = 0;
  r[d + 2] = x1;
  r[d + 3] = 0;
}

/** `i64x2.extend_high_i32x4_u`: zero-extends lanes 2 and 3. */
export function i64x2ExtendHighI32x4U(v: V128Views, d: number, a: number): void {
  const r = v.i32;
  const x0 = r[a + 2]!;
  const x1 = r[a + 3]!;
  r[d] = x0;
  r[d + 1] = 0;
  r[d + 2] = x1;
  r[d + 3] = 0;
}

/** Full signed products of i32 lanes `i` and `i + 1` of `a` and `b` into `d`'s two i64 lanes. */
function extmulS(v: V128Views, d: number, a: number, b: number, i: number): void {
  const r = v.i32;
  const x0 = r[a + i]!;
  const x1 = r[a + i + 1]!;
  const y0 = r[b + i]!;
  const y1 = r[b + i + 1]!;
  r[d] = i64Mul(x0, x0 >> 31, y0, y0 >> 31);
  r[d + 1] = ret.hi;
  r[d + 2] = i64Mul(x1, x1 >> 31, y1, y1 >> 31);
  r[d + 3] = ret.hi;
}

/** Full unsigned products of i32 lanes `i` and `i + 1` of `a` and `b` into `d`'s two i64 lanes. */
function extmulU(v: V128Views, d: number, a: number, b: number, i: number): void {
  const r = v.i32;
  const x0 = r[a + i]!;
  const x1 = r[a + i + 1]!;
  const y0 = r[b + i]!;
  const y1 = r[b + i + 1]!;
  r[d] = i64Mul(x0, 0, y0, 0);
  r[d + 1] = ret.hi;
  r[d + 2] = i64Mul(x1, 0, y1, 0);
  r[d + 3] = ret.hi;
}

/** `i64x2.extmul_low_i32x4_s`: signed 64-bit products of lanes 0 and 1. */
export function i64x2ExtmulLowI32x4S(v: V128Views, d: number, a: number, b: number): void {
  extmulS(v, d, a, b, 0);
}

/** `i64x2.extmul_high_i32x4_s`: signed 64-bit products of lanes 2 and 3. */
export function i64x2ExtmulHighI32x4S(v: V128Views, d: number, a: number, b: number): void {
  extmulS(v, d, a, b, 2);
}

/** `i64x2.extmul_low_i32x4_u`: unsigned 64-bit products of lanes 0 and 1. */
export function i64x2ExtmulLowI32x4U(v: V128Views, d: number, a: number, b: number): void {
  extmulU(v, d, a, b, 0);
}

/** `i64x2.extmul_high_i32x4_u`: unsigned 64-bit products of lanes 2 and 3. */
export function i64x2ExtmulHighI32x4U(v: V128Views, d: number, a: number, b: number): void {
  extmulU(v, d, a, b, 2);
}
