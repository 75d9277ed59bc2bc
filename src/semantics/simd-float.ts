/**
 * f32x4 and f64x2 SIMD operations and the SIMD numeric conversions, in place on a v128 register
 * file (see {@link V128Views}): `d` is the destination slot index, `a` and `b` the operand slot
 * indices; `d` may alias an operand.
 *
 * f32 lanes are read as doubles (a signalling NaN comes out quieted) and stored back through the
 * `Float32Array`, which rounds once; the double result of f32 operands for `+ - * /` and `sqrt`
 * rounds to the correctly rounded f32. NaN results are canonical or quieted input NaNs, as the spec
 * allows. `abs`, `neg`, `pmin` and `pmax` copy lane bits exactly.
 */

import { i32TruncSatF64S, i32TruncSatF64U } from "./convert.js";
import { f64Nearest } from "./float.js";
import type { V128Views } from "./simd-views.js";

/** `f32x4.abs`: clears each lane's sign bit (payloads kept). */
export function f32x4Abs(v: V128Views, d: number, a: number): void {
  const r = v.i32;
  for (let i = 0; i < 4; i++) r[d + i] = r[a + i]! & 0x7fffffff;
}

/** `f32x4.neg`: flips each lane's sign bit (payloads kept). */
export function f32x4Neg(v: V128Views, d: number, a: number): void {
  const r = v.i32;
  for (let i = 0; i < 4; i++) r[d + i] = r[a + i]! ^ -2147483648;
}

/** `f64x2.abs`: clears each lane's sign bit (payloads kept). */
export function f64x2Abs(v: V128Views, d: number, a: number): void {
  const r = v.i32;
  r[d] = r[a]!;
  r[d + 1] = r[a + 1]! & 0x7fffffff;
  r[d + 2] = r[a + 2]!;
  r[d + 3] = r[a + 3]! & 0x7fffffff;
}

/** `f64x2.neg`: flips each lane's sign bit (payloads kept). */
export function f64x2Neg(v: V128Views, d: number, a: number): void {
  const r = v.i32;
  r[d] = r[a]!;
  r[d + 1] = r[a + 1]! ^ -2147483648;
  r[d + 2] = r[a + 2]!;
  r[d + 3] = r[a + 3]! ^ -2147483648;
}

/** `f32x4.pmin`: pseudo-minimum `b < a ? b : a`, copying the chosen lane's bits. */
export function f32x4Pmin(v: V128Views, d: number, a: number, b: number): void {
  const f = v.f32;
  const r = v.i32;
  for (let i = 0; i < 4; i++) r[d + i] = f[b + i]! < f[a + i]! ? r[b + i]! : r[a + i]!;
}

/** `f32x4.pmax`: pseudo-maximum `a < b ? b : a`, copying the chosen lane's bits. */
export function f32x4Pmax(v: V128Views, d: number, a: number, b: number): void {
  const f = v.f32;
  const r = v.i32;
  for (let i = 0; i < 4; i++) r[d + i] = f[a + i]! < f[b + i]! ? r[b + i]! : r[a + i]!;
}

/** `f64x2.pmin`: pseudo-minimum `b < a ? b : a`, copying the chosen lane's bits. */
export function f64x2Pmin(v: V128Views, d: number, a: number, b: number): void {
  const f = v.f64;
  const r = v.i32;
  for (let i = 0; i < 4; i += 2) {
    const s = f[(b + i) >> 1]! < f[(a + i) >> 1]! ? b : a;
    r[d + i] = r[s + i]!;
    r[d + i + 1] = r[s + i + 1]!;
  }
}

/** `f64x2.pmax`: pseudo-maximum `a < b ? b : a`, copying the chosen lane's bits. */
export function f64x2Pmax(v: V128Views, d: number, a: number, b: number): void {
  const f = v.f64;
  const r = v.i32;
  for (let i = 0; i < 4; i += 2) {
    const s = f[(a + i) >> 1]! < f[(b + i) >> 1]! ? b : a;
    r[d + i] = r[s + i]!;
    r[d + i + 1] = r[s + i + 1]!;
  }
}

/** `f32x4.convert_i32x4_s`: each signed lane rounded once to f32. */
export function f32x4ConvertI32x4S(v: V128Views, d: number, a: number): void {
  const f = v.f32;
  const r = v.i32;
  for (let i = 0; i < 4; i++) f[d + i] = r[a + i]!;
}

/** `f32x4.convert_i32x4_u`: each unsigned lane rounded once to f32. */
export function f32x4ConvertI32x4U(v: V128Views, d: number, a: number): void {
  const f = v.f32;
  const u = v.u32;
  for (let i = 0; i < 4; i++) f[d + i] = u[a + i]!;
}

/** `f64x2.convert_low_i32x4_s`: signed lanes 0 and 1, exactly. */
export function f64x2ConvertLowI32x4S(v: V128Views, d: number, a: number): void {
  const r = v.i32;
  const x0 = r[a]!;
  const x1 = r[a + 1]!;
  v.f64[d >> 1] = x0;
  v.f64[(d >> 1) + 1] = x1;
}

/** `f64x2.convert_low_i32x4_u`: unsigned lanes 0 and 1, exactly. */
export function f64x2ConvertLowI32x4U(v: V128Views, d: number, a: number): void {
  const u = v.u32;
  const x0 = u[a]!;
  const x1 = u[a + 1]!;
  v.f64[d >> 1] = x0;
  v.f64[(d >> 1) + 1] = x1;
}

/** `f32x4.demote_f64x2_zero`: both f64 lanes rounded once to f32 lanes 0 and 1; lanes 2, 3 are 0. */
export function f32x4DemoteF64x2Zero(v: V128Views, d: number, a: number): void {
  const x0 = v.f64[a >> 1]!;
  const x1 = v.f64[(a >> 1) + 1]!;
  const f = v.f32;
  f[d] = x0;
  f[d + 1] = x1;
  v.i32[d + 2] = 0;
  v.i32[d + 3] = 0;
}

/** `f64x2.promote_low_f32x4`: f32 lanes 0 and 1, exactly (NaNs come out quieted). */
export function f64x2PromoteLowF32x4(v: V128Views, d: number, a: number): void {
  const x0 = v.f32[a]!;
  const x1 = v.f32[a + 1]!;
  v.f64[d >> 1] = x0;
  v.f64[(d >> 1) + 1] = x1;
}

/** `i32x4.trunc_sat_f32x4_s`: each lane truncated, NaN to 0, saturated to int32. */
export function i32x4TruncSatF32x4S(v: V128Views, d: number, a: number): void {
  const f = v.f32;
  const r = v.i32;
  for (let i = 0; i < 4; i++) r[d + i] = i32TruncSatF64S(f[a + i]!);
}

/** `i32x4.trunc_sat_f32x4_u`: each lane truncated, NaN to 0, saturated to uint32. */
export function i32x4TruncSatF32x4U(v: V128Views, d: number, a: number): void {
  const f = v.f32;
  const r = v.i32;
  for (let i = 0; i < 4; i++) r[d + i] = i32TruncSatF64U(f[a + i]!);
}

/** `i32x4.trunc_sat_f64x2_s_zero`: both f64 lanes truncated and saturated into lanes 0, 1; 2, 3 are 0. */
export function i32x4TruncSatF64x2SZero(v: V128Views, d: number, a: number): void {
  const x0 = v.f64[a >> 1]!;
  const x1 = v.f64[(a >> 1) + 1]!;
  const r = v.i32;
  r[d] = i32TruncSatF64S(x0);
  r[d + 1] = i32TruncSatF64S(x1);
  r[d + 2] = 0;
  r[d + 3] = 0;
}

/** `i32x4.trunc_sat_f64x2_u_zero`: both f64 lanes truncated and saturated into lanes 0, 1; 2, 3 are 0. */
export function i32x4TruncSatF64x2UZero(v: V128Views, d: number, a: number): void {
  const x0 = v.f64[a >> 1]!;
  const x1 = v.f64[(a >> 1) + 1]!;
  const r = v.i32;
  r[d] = i32TruncSatF64U(x0);
  r[d + 1] = i32TruncSatF64U(x1);
  r[d + 2] = 0;
  r[d + 3] = 0;
}

/** `f32x4.add`: lane-wise addition, rounded once to f32 by the store. */
export function f32x4Add(v: V128Views, d: number, a: number, b: number): void {
  const f = v.f32;
  for (let i = 0; i < 4; i++) f[d + i] = f[a + i]! + f[b + i]!;
}

/** `f32x4.sub`: lane-wise subtraction, rounded once to f32 by the store. */
export function f32x4Sub(v: V128Views, d: number, a: number, b: number): void {
  const f = v.f32;
  for (let i = 0; i < 4; i++) f[d + i] = f[a + i]! - f[b + i]!;
}

/** `f32x4.mul`: lane-wise multiplication, rounded once to f32 by the store. */
export function f32x4Mul(v: V128Views, d: number, a: number, b: number): void {
  const f = v.f32;
  for (let i = 0; i < 4; i++) f[d + i] = f[a + i]! * f[b + i]!;
}

/** `f32x4.div`: lane-wise division, rounded once to f32 by the store. */
export function f32x4Div(v: V128Views, d: number, a: number, b: number): void {
  const f = v.f32;
  for (let i = 0; i < 4; i++) f[d + i] = f[a + i]! / f[b + i]!;
}

/** `f32x4.min`: lane-wise minimum: NaN if either lane is NaN, -0 below +0. */
export function f32x4Min(v: V128Views, d: number, a: number, b: number): void {
  const f = v.f32;
  for (let i = 0; i < 4; i++) {
    const x = f[a + i]!;
    const y = f[b + i]!;
    f[d + i] = Number.isNaN(x) || Number.isNaN(y) ? Number.NaN : Math.min(x, y);
  }
}

/** `f32x4.max`: lane-wise maximum: NaN if either lane is NaN, +0 above -0. */
export function f32x4Max(v: V128Views, d: number, a: number, b: number): void {
  const f = v.f32;
  for (let i = 0; i < 4; i++) {
    const x = f[a + i]!;
    const y = f[b + i]!;
    f[d + i] = Number.isNaN(x) || Number.isNaN(y) ? Number.NaN : Math.max(x, y);
  }
}

/** `f32x4.sqrt`: lane-wise square root. */
export function f32x4Sqrt(v: V128Views, d: number, a: number): void {
  const f = v.f32;
  for (let i = 0; i < 4; i++) {
    const x = f[a + i]!;
    f[d + i] = Math.sqrt(x);
  }
}

/** `f32x4.ceil`: lane-wise rounding up. */
export function f32x4Ceil(v: V128Views, d: number, a: number): void {
  const f = v.f32;
  for (let i = 0; i < 4; i++) {
    const x = f[a + i]!;
    f[d + i] = Number.isNaN(x) ? Number.NaN : Math.ceil(x);
  }
}

/** `f32x4.floor`: lane-wise rounding down. */
export function f32x4Floor(v: V128Views, d: number, a: number): void {
  const f = v.f32;
  for (let i = 0; i < 4; i++) {
    const x = f[a + i]!;
    f[d + i] = Number.isNaN(x) ? Number.NaN : Math.floor(x);
  }
}

/** `f32x4.trunc`: lane-wise rounding toward zero. */
export function f32x4Trunc(v: V128Views, d: number, a: number): void {
  const f = v.f32;
  for (let i = 0; i < 4; i++) {
    const x = f[a + i]!;
    f[d + i] = Number.isNaN(x) ? Number.NaN : Math.trunc(x);
  }
}

/** `f32x4.nearest`: lane-wise rounding to nearest, ties to even. */
export function f32x4Nearest(v: V128Views, d: number, a: number): void {
  const f = v.f32;
  for (let i = 0; i < 4; i++) {
    const x = f[a + i]!;
    f[d + i] = f64Nearest(x);
  }
}

/** `f32x4.eq`: all-ones lanes where `a === b`, zero elsewhere. */
export function f32x4Eq(v: V128Views, d: number, a: number, b: number): void {
  const f = v.f32;
  const r = v.i32;
  for (let i = 0; i < 4; i++) r[d + i] = f[a + i]! === f[b + i]! ? -1 : 0;
}

/** `f32x4.ne`: all-ones lanes where `a !== b`, zero elsewhere. */
export function f32x4Ne(v: V128Views, d: number, a: number, b: number): void {
  const f = v.f32;
  const r = v.i32;
  for (let i = 0; i < 4; i++) r[d + i] = f[a + i]! !== f[b + i]! ? -1 : 0;
}

/** `f32x4.lt`: all-ones lanes where `a < b`, zero elsewhere. */
export function f32x4Lt(v: V128Views, d: number, a: number, b: number): void {
  const f = v.f32;
  const r = v.i32;
  for (let i = 0; i < 4; i++) r[d + i] = f[a + i]! < f[b + i]! ? -1 : 0;
}

/** `f32x4.gt`: all-ones lanes where `a > b`, zero elsewhere. */
export function f32x4Gt(v: V128Views, d: number, a: number, b: number): void {
  const f = v.f32;
  const r = v.i32;
  for (let i = 0; i < 4; i++) r[d + i] = f[a + i]! > f[b + i]! ? -1 : 0;
}

/** `f32x4.le`: all-ones lanes where `a <= b`, zero elsewhere. */
export function f32x4Le(v: V128Views, d: number, a: number, b: number): void {
  const f = v.f32;
  const r = v.i32;
  for (let i = 0; i < 4; i++) r[d + i] = f[a + i]! <= f[b + i]! ? -1 : 0;
}

/** `f32x4.ge`: all-ones lanes where `a >= b`, zero elsewhere. */
export function f32x4Ge(v: V128Views, d: number, a: number, b: number): void {
  const f = v.f32;
  const r = v.i32;
  for (let i = 0; i < 4; i++) r[d + i] = f[a + i]! >= f[b + i]! ? -1 : 0;
}

/** `f64x2.add`: lane-wise addition. */
export function f64x2Add(v: V128Views, d: number, a: number, b: number): void {
  const f = v.f64;
  d >>= 1;
  a >>= 1;
  b >>= 1;
  for (let i = 0; i < 2; i++) f[d + i] = f[a + i]! + f[b + i]!;
}

/** `f64x2.sub`: lane-wise subtraction. */
export function f64x2Sub(v: V128Views, d: number, a: number, b: number): void {
  const f = v.f64;
  d >>= 1;
  a >>= 1;
  b >>= 1;
  for (let i = 0; i < 2; i++) f[d + i] = f[a + i]! - f[b + i]!;
}

/** `f64x2.mul`: lane-wise multiplication. */
export function f64x2Mul(v: V128Views, d: number, a: number, b: number): void {
  const f = v.f64;
  d >>= 1;
  a >>= 1;
  b >>= 1;
  for (let i = 0; i < 2; i++) f[d + i] = f[a + i]! * f[b + i]!;
}

/** `f64x2.div`: lane-wise division. */
export function f64x2Div(v: V128Views, d: number, a: number, b: number): void {
  const f = v.f64;
  d >>= 1;
  a >>= 1;
  b >>= 1;
  for (let i = 0; i < 2; i++) f[d + i] = f[a + i]! / f[b + i]!;
}

/** `f64x2.min`: lane-wise minimum: NaN if either lane is NaN, -0 below +0. */
export function f64x2Min(v: V128Views, d: number, a: number, b: number): void {
  const f = v.f64;
  d >>= 1;
  a >>= 1;
  b >>= 1;
  for (let i = 0; i < 2; i++) {
    const x = f[a + i]!;
    const y = f[b + i]!;
    f[d + i] = Number.isNaN(x) || Number.isNaN(y) ? Number.NaN : Math.min(x, y);
  }
}

/** `f64x2.max`: lane-wise maximum: NaN if either lane is NaN, +0 above -0. */
export function f64x2Max(v: V128Views, d: number, a: number, b: number): void {
  const f = v.f64;
  d >>= 1;
  a >>= 1;
  b >>= 1;
  for (let i = 0; i < 2; i++) {
    const x = f[a + i]!;
    const y = f[b + i]!;
    f[d + i] = Number.isNaN(x) || Number.isNaN(y) ? Number.NaN : Math.max(x, y);
  }
}

/** `f64x2.sqrt`: lane-wise square root. */
export function f64x2Sqrt(v: V128Views, d: number, a: number): void {
  const f = v.f64;
  d >>= 1;
  a >>= 1;
  for (let i = 0; i < 2; i++) {
    const x = f[a + i]!;
    f[d + i] = Math.sqrt(x);
  }
}

/** `f64x2.ceil`: lane-wise rounding up. */
export function f64x2Ceil(v: V128Views, d: number, a: number): void {
  const f = v.f64;
  d >>= 1;
  a >>= 1;
  for (let i = 0; i < 2; i++) {
    const x = f[a + i]!;
    f[d + i] = Number.isNaN(x) ? Number.NaN : Math.ceil(x);
  }
}

/** `f64x2.floor`: lane-wise rounding down. */
export function f64x2Floor(v: V128Views, d: number, a: number): void {
  const f = v.f64;
  d >>= 1;
  a >>= 1;
  for (let i = 0; i < 2; i++) {
    const x = f[a + i]!;
    f[d + i] = Number.isNaN(x) ? Number.NaN : Math.floor(x);
  }
}

/** `f64x2.trunc`: lane-wise rounding toward zero. */
export function f64x2Trunc(v: V128Views, d: number, a: number): void {
  const f = v.f64;
  d >>= 1;
  a >>= 1;
  for (let i = 0; i < 2; i++) {
    const x = f[a + i]!;
    f[d + i] = Number.isNaN(x) ? Number.NaN : Math.trunc(x);
  }
}

/** `f64x2.nearest`: lane-wise rounding to nearest, ties to even. */
export function f64x2Nearest(v: V128Views, d: number, a: number): void {
  const f = v.f64;
  d >>= 1;
  a >>= 1;
  for (let i = 0; i < 2; i++) {
    const x = f[a + i]!;
    f[d + i] = f64Nearest(x);
  }
}

/** `f64x2.eq`: all-ones lanes where `a === b`, zero elsewhere. */
export function f64x2Eq(v: V128Views, d: number, a: number, b: number): void {
  const f = v.f64;
  const r = v.i32;
  for (let i = 0; i < 2; i++) {
    const m = f[(a >> 1) + i]! === f[(b >> 1) + i]! ? -1 : 0;
    r[d + 2 * i] = m;
    r[d + 2 * i + 1] = m;
  }
}

/** `f64x2.ne`: all-ones lanes where `a !== b`, zero elsewhere. */
export function f64x2Ne(v: V128Views, d: number, a: number, b: number): void {
  const f = v.f64;
  const r = v.i32;
  for (let i = 0; i < 2; i++) {
    const m = f[(a >> 1) + i]! !== f[(b >> 1) + i]! ? -1 : 0;
    r[d + 2 * i] = m;
    r[d + 2 * i + 1] = m;
  }
}

/** `f64x2.lt`: all-ones lanes where `a < b`, zero elsewhere. */
export function f64x2Lt(v: V128Views, d: number, a: number, b: number): void {
  const f = v.f64;
  const r = v.i32;
  for (let i = 0; i < 2; i++) {
    const m = f[(a >> 1) + i]! < f[(b >> 1) + i]! ? -1 : 0;
    r[d + 2 * i] = m;
    r[d + 2 * i + 1] = m;
  }
}

/** `f64x2.gt`: all-ones lanes where `a > b`, zero elsewhere. */
export function f64x2Gt(v: V128Views, d: number, a: number, b: number): void {
  const f = v.f64;
  const r = v.i32;
  for (let i = 0; i < 2; i++) {
    const m = f[(a >> 1) + i]! > f[(b >> 1) + i]! ? -1 : 0;
    r[d + 2 * i] = m;
    r[d + 2 * i + 1] = m;
  }
}

/** `f64x2.le`: all-ones lanes where `a <= b`, zero elsewhere. */
export function f64x2Le(v: V128Views, d: number, a: number, b: number): void {
  const f = v.f64;
  const r = v.i32;
  for (let i = 0; i < 2; i++) {
    const m = f[(a >> 1) + i]! <= f[(b >> 1) + i]! ? -1 : 0;
    r[d + 2 * i] = m;
    r[d + 2 * i + 1] = m;
  }
}

/** `f64x2.ge`: all-ones lanes where `a >= b`, zero elsewhere. */
export function f64x2Ge(v: V128Views, d: number, a: number, b: number): void {
  const f = v.f64;
  const r = v.i32;
  for (let i = 0; i < 2; i++) {
    const m = f[(a >> 1) + i]! >= f[(b >> 1) + i]! ? -1 : 0;
    r[d + 2 * i] = m;
    r[d + 2 * i + 1] = m;
  }
}
