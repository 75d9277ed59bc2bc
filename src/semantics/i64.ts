/**
 * i64 numeric semantics on `(lo, hi)` int32 halves. Functions producing an i64 return the low half
 * and store the high half in {@link ret}`.hi`; comparisons and tests return an i32 0 or 1; counts
 * (`clz`, `ctz`, `popcnt`) return an i64 whose high half is 0.
 *
 * Division never allocates and avoids the slow double `%`: operands of magnitude at most 2^53 use
 * one double division, whose truncation is the exact integer quotient (its rounding error, at most
 * |q| * 2^-53, is below the 1/|b| distance from a non-integer quotient to the next integer), and
 * products `q * b` and differences stay exact below 2^53. Larger operands use a 64-by-64-bit long
 * division built from such exact steps on 16-bit digits (Hacker's Delight `divlu` / `divDu`).
 */

import { ret, TRAP_DIVIDE_BY_ZERO, TRAP_INTEGER_OVERFLOW, trap } from "./common.js";

const TWO32 = 4294967296;

/** `i64.add`: wrapping addition. */
export function i64Add(alo: number, ahi: number, blo: number, bhi: number): number {
  const lo = (alo + blo) | 0;
  ret.hi = (ahi + bhi + (lo >>> 0 < alo >>> 0 ? 1 : 0)) | 0;
  return lo;
}

/** `i64.sub`: wrapping subtraction. */
export function i64Sub(alo: number, ahi: number, blo: number, bhi: number): number {
  ret.hi = (ahi - bhi - (alo >>> 0 < blo >>> 0 ? 1 : 0)) | 0;
  return (alo - blo) | 0;
}

/** `i64.mul`: wrapping multiplication (low 64 bits of the product), in int32 arithmetic only. */
export function i64Mul(alo: number, ahi: number, blo: number, bhi: number): number {
  const a0 = alo & 0xffff;
  const a1 = alo >>> 16;
  const b0 = blo & 0xffff;
  const b1 = blo >>> 16;
  const p01 = Math.imul(a0, b1);
  const p10 = Math.imul(a1, b0);
  const mid = ((Math.imul(a0, b0) >>> 16) + (p01 & 0xffff) + (p10 & 0xffff)) | 0;
  const carry = (Math.imul(a1, b1) + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16)) | 0;
  ret.hi = (carry + Math.imul(alo, bhi) + Math.imul(ahi, blo)) | 0;
  return Math.imul(alo, blo);
}

/** Quotient and remainder written by {@link divModU}. */
const dm = { qlo: 0, qhi: 0, rlo: 0, rhi: 0 };

/**
 * Exact floor((uh * 2^32 + ul) / v) for unsigned 32-bit `uh < v`, by two 16-bit long-division steps
 * on doubles: every intermediate is an integer below 2^48, so each floored double quotient is exact.
 * The remainder is left in `dm.rlo`.
 */
function divlu(uh: number, ul: number, v: number): number {
  let t = uh * 65536 + (ul >>> 16);
  const q1 = Math.floor(t / v);
  t = (t - q1 * v) * 65536 + (ul & 0xffff);
  const q0 = Math.floor(t / v);
  dm.rlo = (t - q0 * v) | 0;
  return q1 * 65536 + q0;
}

/** Unsigned 64-bit division of non-zero divisor `b`: quotient and remainder into {@link dm}. */
function divModU(alo: number, ahi: number, blo: number, bhi: number): void {
  const ah = ahi >>> 0;
  const bh = bhi >>> 0;
  if (ah < 0x200000 && bh < 0x200000) {
    const a = ah * TWO32 + (alo >>> 0);
    const b = bh * TWO32 + (blo >>> 0);
    const q = Math.floor(a / b);
    const r = a - q * b;
    dm.qlo = q | 0;
    dm.qhi = (q / TWO32) | 0;
    dm.rlo = r | 0;
    dm.rhi = (r / TWO32) | 0;
    return;
  }
  if (bh === 0) {
    const v = blo >>> 0;
    const qh = Math.floor(ah / v);
    dm.qhi = qh | 0;
    dm.qlo = divlu(ah - qh * v, alo, v) | 0;
    dm.rhi = 0;
    return;
  }
  // Divisor >= 2^32, so the quotient fits 32 bits. Normalize the divisor's top word, divide
  // a/2 by it, undo the scaling: the estimate is exact or one too small (Hacker's Delight divDu).
  const n = Math.clz32(bh);
  const v1 = n === 0 ? bh : ((bh << n) | (blo >>> (32 - n))) >>> 0;
  const q1 = divlu(ah >>> 1, (alo >>> 1) | (ah << 31), v1);
  let q = q1 >>> (31 - n);
  if (q !== 0) q--;
  const plo = i64Mul(q, 0, blo, bhi);
  const phi = ret.hi;
  let rlo = i64Sub(alo, ahi, plo, phi);
  let rhi = ret.hi;
  if (rhi >>> 0 > bh || (rhi >>> 0 === bh && rlo >>> 0 >= blo >>> 0)) {
    q++;
    rlo = i64Sub(rlo, rhi, blo, bhi);
    rhi = ret.hi;
  }
  dm.qlo = q | 0;
  dm.qhi = 0;
  dm.rlo = rlo;
  dm.rhi = rhi;
}

/** Two's-complement negation of a 64-bit value; high half into `ret.hi`. */
function neg64(lo: number, hi: number): number {
  ret.hi = (lo === 0 ? -hi : ~hi) | 0;
  return -lo | 0;
}

/** True when the signed 64-bit value with high half `hi` lies in [-2^53, 2^53). */
function fitsDouble(hi: number): boolean {
  return (hi + 0x200000) >>> 0 < 0x400000;
}

/** `i64.div_s`: signed division truncating toward zero; traps on zero and `INT64_MIN / -1`. */
export function i64DivS(alo: number, ahi: number, blo: number, bhi: number): number {
  if ((blo | bhi) === 0) trap(TRAP_DIVIDE_BY_ZERO);
  if (fitsDouble(ahi) && fitsDouble(bhi)) {
    const a = ahi * TWO32 + (alo >>> 0);
    const b = bhi * TWO32 + (blo >>> 0);
    const q = Math.trunc(a / b);
    ret.hi = Math.floor(q / TWO32) | 0;
    return q | 0;
  }
  if ((blo & bhi) === -1 && alo === 0 && ahi === -2147483648) trap(TRAP_INTEGER_OVERFLOW);
  const negA = ahi < 0;
  const negB = bhi < 0;
  if (negA) {
    alo = neg64(alo, ahi);
    ahi = ret.hi;
  }
  if (negB) {
    blo = neg64(blo, bhi);
    bhi = ret.hi;
  }
  divModU(alo, ahi, blo, bhi);
  if (negA !== negB) return neg64(dm.qlo, dm.qhi);
  ret.hi = dm.qhi;
  return dm.qlo;
}

/** `i64.div_u`: unsigned division; traps on a zero divisor. */
export function i64DivU(alo: number, ahi: number, blo: number, bhi: number): number {
  if ((blo | bhi) === 0) trap(TRAP_DIVIDE_BY_ZERO);
  divModU(alo, ahi, blo, bhi);
  ret.hi = dm.qhi;
  return dm.qlo;
}

/** `i64.rem_s`: signed remainder with the dividend's sign; traps on zero, `INT64_MIN % -1` is 0. */
export function i64RemS(alo: number, ahi: number, blo: number, bhi: number): number {
  if ((blo | bhi) === 0) trap(TRAP_DIVIDE_BY_ZERO);
  if (fitsDouble(ahi) && fitsDouble(bhi)) {
    const a = ahi * TWO32 + (alo >>> 0);
    const b = bhi * TWO32 + (blo >>> 0);
    const r = a - Math.trunc(a / b) * b;
    ret.hi = Math.floor(r / TWO32) | 0;
    return r | 0;
  }
  const negA = ahi < 0;
  if (negA) {
    alo = neg64(alo, ahi);
    ahi = ret.hi;
  }
  if (bhi < 0) {
    blo = neg64(blo, bhi);
    bhi = ret.hi;
  }
  divModU(alo, ahi, blo, bhi);
  if (negA) return neg64(dm.rlo, dm.rhi);
  ret.hi = dm.rhi;
  return dm.rlo;
}

/** `i64.rem_u`: unsigned remainder; traps on a zero divisor. */
export function i64RemU(alo: number, ahi: number, blo: number, bhi: number): number {
  if ((blo | bhi) === 0) trap(TRAP_DIVIDE_BY_ZERO);
  divModU(alo, ahi, blo, bhi);
  ret.hi = dm.rhi;
  return dm.rlo;
}

/** `i64.and`. */
export function i64And(alo: number, ahi: number, blo: number, bhi: number): number {
  ret.hi = ahi & bhi;
  return alo & blo;
}

/** `i64.or`. */
export function i64Or(alo: number, ahi: number, blo: number, bhi: number): number {
  ret.hi = ahi | bhi;
  return alo | blo;
}

/** `i64.xor`. */
export function i64Xor(alo: number, ahi: number, blo: number, bhi: number): number {
  ret.hi = ahi ^ bhi;
  return alo ^ blo;
}

/** `i64.shl`: shift count (the low half of `b`) taken modulo 64. */
export function i64Shl(alo: number, ahi: number, blo: number, _bhi: number): number {
  if (blo & 32) {
    ret.hi = alo << blo;
    return 0;
  }
  ret.hi = (ahi << blo) | ((alo >>> 1) >>> (31 - (blo & 31)));
  return alo << blo;
}

/** `i64.shr_s`: arithmetic right shift, count modulo 64. */
export function i64ShrS(alo: number, ahi: number, blo: number, _bhi: number): number {
  if (blo & 32) {
    ret.hi = ahi >> 31;
    return ahi >> blo;
  }
  ret.hi = ahi >> blo;
  return (alo >>> blo) | ((ahi << 1) << (31 - (blo & 31)));
}

/** `i64.shr_u`: logical right shift, count modulo 64. */
export function i64ShrU(alo: number, ahi: number, blo: number, _bhi: number): number {
  if (blo & 32) {
    ret.hi = 0;
    return (ahi >>> blo) | 0;
  }
  ret.hi = (ahi >>> blo) | 0;
  return (alo >>> blo) | ((ahi << 1) << (31 - (blo & 31)));
}

/** `i64.rotl`: rotate left, count modulo 64. */
export function i64Rotl(alo: number, ahi: number, blo: number, _bhi: number): number {
  let lo = alo;
  let hi = ahi;
  if (blo & 32) {
    lo = ahi;
    hi = alo;
  }
  const back = 31 - (blo & 31);
  ret.hi = (hi << blo) | ((lo >>> 1) >>> back);
  return (lo << blo) | ((hi >>> 1) >>> back);
}

/** `i64.rotr`: rotate right, count modulo 64. */
export function i64Rotr(alo: number, ahi: number, blo: number, _bhi: number): number {
  return i64Rotl(alo, ahi, -blo, 0);
}

/** `i64.clz`: count of leading zero bits (64 for 0). */
export function i64Clz(lo: number, hi: number): number {
  ret.hi = 0;
  return hi !== 0 ? Math.clz32(hi) : 32 + Math.clz32(lo);
}

/** `i64.ctz`: count of trailing zero bits (64 for 0). */
export function i64Ctz(lo: number, hi: number): number {
  ret.hi = 0;
  if (lo !== 0) return 31 - Math.clz32(lo & -lo);
  return hi === 0 ? 64 : 63 - Math.clz32(hi & -hi);
}

/** Population count of one 32-bit word. */
function popcnt32(a: number): number {
  a = a - ((a >>> 1) & 0x55555555);
  a = (a & 0x33333333) + ((a >>> 2) & 0x33333333);
  a = (a + (a >>> 4)) & 0x0f0f0f0f;
  return Math.imul(a, 0x01010101) >>> 24;
}

/** `i64.popcnt`: count of set bits. */
export function i64Popcnt(lo: number, hi: number): number {
  ret.hi = 0;
  return popcnt32(lo) + popcnt32(hi);
}

/** `i64.eqz`: 1 if zero, else 0. */
export function i64Eqz(lo: number, hi: number): number {
  return (lo | hi) === 0 ? 1 : 0;
}

/** `i64.eq`. */
export function i64Eq(alo: number, ahi: number, blo: number, bhi: number): number {
  return alo === blo && ahi === bhi ? 1 : 0;
}

/** `i64.ne`. */
export function i64Ne(alo: number, ahi: number, blo: number, bhi: number): number {
  return alo !== blo || ahi !== bhi ? 1 : 0;
}

/** `i64.lt_s`. */
export function i64LtS(alo: number, ahi: number, blo: number, bhi: number): number {
  return ahi < bhi || (ahi === bhi && alo >>> 0 < blo >>> 0) ? 1 : 0;
}

/** `i64.lt_u`. */
export function i64LtU(alo: number, ahi: number, blo: number, bhi: number): number {
  return ahi >>> 0 < bhi >>> 0 || (ahi === bhi && alo >>> 0 < blo >>> 0) ? 1 : 0;
}

/** `i64.gt_s`. */
export function i64GtS(alo: number, ahi: number, blo: number, bhi: number): number {
  return ahi > bhi || (ahi === bhi && alo >>> 0 > blo >>> 0) ? 1 : 0;
}

/** `i64.gt_u`. */
export function i64GtU(alo: number, ahi: number, blo: number, bhi: number): number {
  return ahi >>> 0 > bhi >>> 0 || (ahi === bhi && alo >>> 0 > blo >>> 0) ? 1 : 0;
}

/** `i64.le_s`. */
export function i64LeS(alo: number, ahi: number, blo: number, bhi: number): number {
  return ahi < bhi || (ahi === bhi && alo >>> 0 <= blo >>> 0) ? 1 : 0;
}

/** `i64.le_u`. */
export function i64LeU(alo: number, ahi: number, blo: number, bhi: number): number {
  return ahi >>> 0 < bhi >>> 0 || (ahi === bhi && alo >>> 0 <= blo >>> 0) ? 1 : 0;
}

/** `i64.ge_s`. */
export function i64GeS(alo: number, ahi: number, blo: number, bhi: number): number {
  return ahi > bhi || (ahi === bhi && alo >>> 0 >= blo >>> 0) ? 1 : 0;
}

/** `i64.ge_u`. */
export function i64GeU(alo: number, ahi: number, blo: number, bhi: number): number {
  return ahi >>> 0 > bhi >>> 0 || (ahi === bhi && alo >>> 0 >= blo >>> 0) ? 1 : 0;
}

/** `i64.extend8_s`: sign-extends the low 8 bits. */
export function i64Extend8S(lo: number, _hi: number): number {
  lo = (lo << 24) >> 24;
  ret.hi = lo >> 31;
  return lo;
}

/** `i64.extend16_s`: sign-extends the low 16 bits. */
export function i64Extend16S(lo: number, _hi: number): number {
  lo = (lo << 16) >> 16;
  ret.hi = lo >> 31;
  return lo;
}

/** `i64.extend32_s`: sign-extends the low 32 bits. */
export function i64Extend32S(lo: number, _hi: number): number {
  ret.hi = lo >> 31;
  return lo;
}

/** `i64.extend_i32_s`: sign-extends an i32. */
export function i64ExtendI32S(a: number): number {
  ret.hi = a >> 31;
  return a;
}

/** `i64.extend_i32_u`: zero-extends an i32. */
export function i64ExtendI32U(a: number): number {
  ret.hi = 0;
  return a;
}

/** The signed bigint value of an i64 given as halves (for the JS API boundary only). */
export function i64ToBigInt(lo: number, hi: number): bigint {
  return (BigInt(hi) << 32n) | BigInt(lo >>> 0);
}

/** Splits a bigint (taken modulo 2^64) into i64 halves; high half into `ret.hi` (JS API boundary only). */
export function i64FromBigInt(value: bigint): number {
  ret.hi = Number(BigInt.asIntN(32, value >> 32n));
  return Number(BigInt.asIntN(32, value));
}
