/**
 * Conversions between numeric types: trapping and saturating float-to-integer truncation,
 * integer-to-float conversion with a single correct rounding, f32/f64 promotion and demotion, and
 * reinterpretation. Float operands are JS numbers (f32 ones already rounded); i64 values are
 * `(lo, hi)` int32 halves, an i64 result's high half going to {@link ret}`.hi`.
 */

import { ret, TRAP_INTEGER_OVERFLOW, TRAP_INVALID_CONVERSION, trap } from "./common.js";
import { f32FromBits, f32ToBits, f64FromBits, f64ToBits } from "./float.js";

const TWO32 = 4294967296;
const TWO63 = 2 ** 63;
const TWO64 = 2 ** 64;

/** Traps for a float operand outside a truncation's range: NaN is invalid, anything else overflows. */
function truncTrap(x: number): never {
  return trap(Number.isNaN(x) ? TRAP_INVALID_CONVERSION : TRAP_INTEGER_OVERFLOW);
}

/** `i32.trunc_f64_s` (and `i32.trunc_f32_s`): traps on NaN and when the truncation leaves int32. */
export function i32TruncF64S(x: number): number {
  if (!(x > -2147483649 && x < 2147483648)) truncTrap(x);
  return x | 0;
}

/** `i32.trunc_f64_u` (and `i32.trunc_f32_u`): traps on NaN and when the truncation leaves uint32. */
export function i32TruncF64U(x: number): number {
  if (!(x > -1 && x < TWO32)) truncTrap(x);
  return x | 0;
}

/** `i32.trunc_f32_s`: an f32 operand is an exact double, so the f64 rule applies unchanged. */
export const i32TruncF32S: (x: number) => number = i32TruncF64S;

/** `i32.trunc_f32_u`. */
export const i32TruncF32U: (x: number) => number = i32TruncF64U;

/** `i64.trunc_f64_s` (and `i64.trunc_f32_s`): returns lo, hi in `ret.hi`; traps outside int64. */
export function i64TruncF64S(x: number): number {
  if (!(x >= -TWO63 && x < TWO63)) truncTrap(x);
  const t = Math.trunc(x);
  ret.hi = Math.floor(t / TWO32) | 0;
  return t | 0;
}

/** `i64.trunc_f64_u` (and `i64.trunc_f32_u`): returns lo, hi in `ret.hi`; traps outside uint64. */
export function i64TruncF64U(x: number): number {
  if (!(x > -1 && x < TWO64)) truncTrap(x);
  const t = Math.trunc(x);
  ret.hi = (t / TWO32) | 0;
  return t | 0;
}

/** `i64.trunc_f32_s`. */
export const i64TruncF32S: (x: number) => number = i64TruncF64S;

/** `i64.trunc_f32_u`. */
export const i64TruncF32U: (x: number) => number = i64TruncF64U;

/** `i32.trunc_sat_f64_s` (and `_f32_s`): NaN gives 0, out-of-range values clamp. */
export function i32TruncSatF64S(x: number): number {
  if (x > -2147483649 && x < 2147483648) return x | 0;
  if (Number.isNaN(x)) return 0;
  return x < 0 ? -2147483648 : 2147483647;
}

/** `i32.trunc_sat_f64_u` (and `_f32_u`): NaN gives 0, out-of-range values clamp. */
export function i32TruncSatF64U(x: number): number {
  if (x > -1 && x < TWO32) return x | 0;
  if (Number.isNaN(x)) return 0;
  return x < 0 ? 0 : -1;
}

/** `i32.trunc_sat_f32_s`. */
export const i32TruncSatF32S: (x: number) => number = i32TruncSatF64S;

/** `i32.trunc_sat_f32_u`. */
export const i32TruncSatF32U: (x: number) => number = i32TruncSatF64U;

/** `i64.trunc_sat_f64_s` (and `_f32_s`): returns lo, hi in `ret.hi`. */
export function i64TruncSatF64S(x: number): number {
  if (x >= -TWO63 && x < TWO63) {
    const t = Math.trunc(x);
    ret.hi = Math.floor(t / TWO32) | 0;
    return t | 0;
  }
  if (Number.isNaN(x)) {
    ret.hi = 0;
    return 0;
  }
  if (x < 0) {
    ret.hi = -2147483648;
    return 0;
  }
  ret.hi = 2147483647;
  return -1;
}

/** `i64.trunc_sat_f64_u` (and `_f32_u`): returns lo, hi in `ret.hi`. */
export function i64TruncSatF64U(x: number): number {
  if (x > -1 && x < TWO64) {
    const t = Math.trunc(x);
    ret.hi = (t / TWO32) | 0;
    return t | 0;
  }
  if (x > 0) {
    ret.hi = -1;
    return -1;
  }
  ret.hi = 0;
  return 0;
}

/** `i64.trunc_sat_f32_s`. */
export const i64TruncSatF32S: (x: number) => number = i64TruncSatF64S;

/** `i64.trunc_sat_f32_u`. */
export const i64TruncSatF32U: (x: number) => number = i64TruncSatF64U;

/** `f32.convert_i32_s`. */
export function f32ConvertI32S(a: number): number {
  return Math.fround(a);
}

/** `f32.convert_i32_u`. */
export function f32ConvertI32U(a: number): number {
  return Math.fround(a >>> 0);
}

/**
 * f32 nearest to the unsigned 64-bit value `(lo, hi)`, rounded once. Below 2^53 the double is exact.
 * Above, f32 rounding looks only at bits 29 and up plus a sticky bit, so bits 0..10 are folded into
 * bit 11: the double becomes exact (at most 53 significant bits) and `Math.fround` rounds once.
 */
function u64ToF32(lo: number, hi: number): number {
  const h = hi >>> 0;
  if (h < 0x200000) return Math.fround(h * TWO32 + (lo >>> 0));
  return Math.fround(h * TWO32 + (((lo & ~0x7ff) | ((lo & 0x7ff) === 0 ? 0 : 0x800)) >>> 0));
}

/** `f32.convert_i64_s`: rounds once from the exact 64-bit integer. */
export function f32ConvertI64S(lo: number, hi: number): number {
  if (hi < 0) return -u64ToF32(-lo | 0, (lo === 0 ? -hi : ~hi) | 0);
  return u64ToF32(lo, hi);
}

/** `f32.convert_i64_u`: rounds once from the exact 64-bit integer. */
export function f32ConvertI64U(lo: number, hi: number): number {
  return u64ToF32(lo, hi);
}

/** `f64.convert_i32_s`. */
export function f64ConvertI32S(a: number): number {
  return a;
}

/** `f64.convert_i32_u`. */
export function f64ConvertI32U(a: number): number {
  return a >>> 0;
}

/** `f64.convert_i64_s`: one correctly rounded addition of two exact doubles. */
export function f64ConvertI64S(lo: number, hi: number): number {
  return hi * TWO32 + (lo >>> 0);
}

/** `f64.convert_i64_u`: one correctly rounded addition of two exact doubles. */
export function f64ConvertI64U(lo: number, hi: number): number {
  return (hi >>> 0) * TWO32 + (lo >>> 0);
}

/** `f32.demote_f64`: rounds once to f32; NaN gives the canonical NaN. */
export function f32DemoteF64(x: number): number {
  return Number.isNaN(x) ? Number.NaN : Math.fround(x);
}

/** `f64.promote_f32`: exact; NaN gives the canonical NaN. */
export function f64PromoteF32(x: number): number {
  return Number.isNaN(x) ? Number.NaN : x;
}

/** `i32.reinterpret_f32`: the f32's bits (same as {@link f32ToBits}). */
export const i32ReinterpretF32: (x: number) => number = f32ToBits;

/** `f32.reinterpret_i32`: the f32 with these bits (same as {@link f32FromBits}). */
export const f32ReinterpretI32: (bits: number) => number = f32FromBits;

/** `i64.reinterpret_f64`: returns lo, hi in `ret.hi` (same as {@link f64ToBits}). */
export const i64ReinterpretF64: (x: number) => number = f64ToBits;

/** `f64.reinterpret_i64`: the f64 with bits `(lo, hi)` (same as {@link f64FromBits}). */
export const f64ReinterpretI64: (lo: number, hi: number) => number = f64FromBits;
