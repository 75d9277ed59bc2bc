/**
 * f32 and f64 numeric semantics.
 *
 * Arithmetic takes and returns JS numbers (f32 values already rounded with `Math.fround`). Every
 * f32 operation implemented as `Math.fround(double op)` rounds exactly once: for `+ - * /` and
 * `sqrt` the double result of f32 operands rounded to f32 equals the directly rounded f32 result
 * (53 >= 2 * 24 + 2). NaN results are the canonical NaN or the hardware's quieted input NaN, both
 * allowed by the spec; operations built on JS builtins that may pass a signalling NaN through
 * unchanged (`Math.min`, `Math.ceil`, ...) return the canonical NaN explicitly.
 *
 * Bit-exact operations (`neg`, `abs`, `copysign`, reinterpretation) work on bit patterns: an f32 as
 * its u32 bits in an int32, an f64 as `(lo, hi)` int32 halves, little-endian.
 */

import { ret } from "./common.js";

const f32Scratch = new Float32Array(1);
const f32ScratchBits = new Int32Array(f32Scratch.buffer);
const f64Scratch = new Float64Array(1);
const f64ScratchBits = new Int32Array(f64Scratch.buffer);

/** 2^52: adding and subtracting it rounds a smaller magnitude to an integer, ties to even. */
const TWO52 = 4503599627370496;

/** Bits of the canonical f32 NaN (positive sign). */
export const F32_CANONICAL_NAN_BITS = 0x7fc00000;

/** High half of the bits of the canonical f64 NaN (positive sign); the low half is 0. */
export const F64_CANONICAL_NAN_HI = 0x7ff80000;

/** The f32 number whose IEEE bits are `bits` (an int32). A signalling NaN comes back quieted. */
export function f32FromBits(bits: number): number {
  f32ScratchBits[0] = bits;
  return f32Scratch[0]!;
}

/** The IEEE bits of an f32 number, as an int32. */
export function f32ToBits(x: number): number {
  f32Scratch[0] = x;
  return f32ScratchBits[0]!;
}

/**
 * The f64 number whose IEEE bits are `(lo, hi)`. V8 may quiet a signalling NaN held in a JS number,
 * so values whose NaN payload must survive exactly are kept as bits.
 */
export function f64FromBits(lo: number, hi: number): number {
  f64ScratchBits[0] = lo;
  f64ScratchBits[1] = hi;
  return f64Scratch[0]!;
}

/** The IEEE bits of an f64 number: returns the low half, high half in `ret.hi`. */
export function f64ToBits(x: number): number {
  f64Scratch[0] = x;
  ret.hi = f64ScratchBits[1]!;
  return f64ScratchBits[0]!;
}

/** `f32.add`. */
export function f32Add(a: number, b: number): number {
  return Math.fround(a + b);
}

/** `f32.sub`. */
export function f32Sub(a: number, b: number): number {
  return Math.fround(a - b);
}

/** `f32.mul`. */
export function f32Mul(a: number, b: number): number {
  return Math.fround(a * b);
}

/** `f32.div`. */
export function f32Div(a: number, b: number): number {
  return Math.fround(a / b);
}

/** `f32.sqrt`. */
export function f32Sqrt(a: number): number {
  return Math.fround(Math.sqrt(a));
}

/** `f64.add`. */
export function f64Add(a: number, b: number): number {
  return a + b;
}

/** `f64.sub`. */
export function f64Sub(a: number, b: number): number {
  return a - b;
}

/** `f64.mul`. */
export function f64Mul(a: number, b: number): number {
  return a * b;
}

/** `f64.div`. */
export function f64Div(a: number, b: number): number {
  return a / b;
}

/** `f64.sqrt`. */
export function f64Sqrt(a: number): number {
  return Math.sqrt(a);
}

/** `f64.min` (and `f32.min`): NaN if either operand is NaN, and -0 is below +0. */
export function f64Min(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.NaN;
  return Math.min(a, b);
}

/** `f64.max` (and `f32.max`): NaN if either operand is NaN, and +0 is above -0. */
export function f64Max(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.NaN;
  return Math.max(a, b);
}

/** `f32.min`: the f32 result is one of the (already rounded) operands or NaN. */
export const f32Min: (a: number, b: number) => number = f64Min;

/** `f32.max`: the f32 result is one of the (already rounded) operands or NaN. */
export const f32Max: (a: number, b: number) => number = f64Max;

/** `f64.ceil` (also exact for f32 operands). */
export function f64Ceil(a: number): number {
  return Number.isNaN(a) ? Number.NaN : Math.ceil(a);
}

/** `f64.floor` (also exact for f32 operands). */
export function f64Floor(a: number): number {
  return Number.isNaN(a) ? Number.NaN : Math.floor(a);
}

/** `f64.trunc` (also exact for f32 operands). */
export function f64Trunc(a: number): number {
  return Number.isNaN(a) ? Number.NaN : Math.trunc(a);
}

/** `f64.nearest`: round to the nearest integer, ties to even, keeping the sign of zero. */
export function f64Nearest(a: number): number {
  if (Number.isNaN(a)) return Number.NaN;
  const m = Math.abs(a);
  if (m >= TWO52 || m === 0) return a;
  const r = m + TWO52 - TWO52;
  return a < 0 ? -r : r;
}

/** `f32.ceil`: an integral f32 is exactly representable, so the f64 operation is exact. */
export const f32Ceil: (a: number) => number = f64Ceil;

/** `f32.floor`. */
export const f32Floor: (a: number) => number = f64Floor;

/** `f32.trunc`. */
export const f32Trunc: (a: number) => number = f64Trunc;

/** `f32.nearest`. */
export const f32Nearest: (a: number) => number = f64Nearest;

/** `f64.eq` (and `f32.eq`): 1 or 0. */
export function f64Eq(a: number, b: number): number {
  return a === b ? 1 : 0;
}

/** `f64.ne` (and `f32.ne`): 1 or 0, 1 when either operand is NaN. */
export function f64Ne(a: number, b: number): number {
  return a !== b ? 1 : 0;
}

/** `f64.lt` (and `f32.lt`). */
export function f64Lt(a: number, b: number): number {
  return a < b ? 1 : 0;
}

/** `f64.gt` (and `f32.gt`). */
export function f64Gt(a: number, b: number): number {
  return a > b ? 1 : 0;
}

/** `f64.le` (and `f32.le`). */
export function f64Le(a: number, b: number): number {
  return a <= b ? 1 : 0;
}

/** `f64.ge` (and `f32.ge`). */
export function f64Ge(a: number, b: number): number {
  return a >= b ? 1 : 0;
}

/** `f32.eq`. */
export const f32Eq: (a: number, b: number) => number = f64Eq;

/** `f32.ne`. */
export const f32Ne: (a: number, b: number) => number = f64Ne;

/** `f32.lt`. */
export const f32Lt: (a: number, b: number) => number = f64Lt;

/** `f32.gt`. */
export const f32Gt: (a: number, b: number) => number = f64Gt;

/** `f32.le`. */
export const f32Le: (a: number, b: number) => number = f64Le;

/** `f32.ge`. */
export const f32Ge: (a: number, b: number) => number = f64Ge;

/** `f32.neg` on bits: flips the sign bit, payload preserved. */
export function f32NegBits(bits: number): number {
  return bits ^ -2147483648;
}

/** `f32.abs` on bits: clears the sign bit, payload preserved. */
export function f32AbsBits(bits: number): number {
  return bits & 0x7fffffff;
}

/** `f32.copysign` on bits: magnitude of `a`, sign of `b`. */
export function f32CopysignBits(a: number, b: number): number {
  return (a & 0x7fffffff) | (b & -2147483648);
}

/** `f64.neg` on bits `(lo, hi)`: returns lo, flipped high half in `ret.hi`. */
export function f64NegBits(lo: number, hi: number): number {
  ret.hi = hi ^ -2147483648;
  return lo;
}

/** `f64.abs` on bits `(lo, hi)`: returns lo, cleared-sign high half in `ret.hi`. */
export function f64AbsBits(lo: number, hi: number): number {
  ret.hi = hi & 0x7fffffff;
  return lo;
}

/** `f64.copysign` on bits: magnitude of `a`, sign of `b`; returns lo, high half in `ret.hi`. */
export function f64CopysignBits(alo: number, ahi: number, _blo: number, bhi: number): number {
  ret.hi = (ahi & 0x7fffffff) | (bhi & -2147483648);
  return alo;
}
