/**
 * i32 numeric semantics. Values are JS numbers holding an int32; every function returns an int32
 * (comparisons and tests return 0 or 1).
 */

import { TRAP_DIVIDE_BY_ZERO, TRAP_INTEGER_OVERFLOW, trap } from "./common.js";

/** `i32.add`: wrapping addition. */
export function i32Add(a: number, b: number): number {
  return (a + b) | 0;
}

/** `i32.sub`: wrapping subtraction. */
export function i32Sub(a: number, b: number): number {
  return (a - b) | 0;
}

/** `i32.mul`: wrapping multiplication. */
export function i32Mul(a: number, b: number): number {
  return Math.imul(a, b);
}

/** `i32.div_s`: signed division truncating toward zero; traps on zero divisor and `INT32_MIN / -1`. */
export function i32DivS(a: number, b: number): number {
  if (b === 0) trap(TRAP_DIVIDE_BY_ZERO);
  if (a === -2147483648 && b === -1) trap(TRAP_INTEGER_OVERFLOW);
  // The double quotient of two int32 values never rounds across an integer, so truncating it is exact.
  return (a / b) | 0;
}

/** `i32.div_u`: unsigned division; traps on a zero divisor. */
export function i32DivU(a: number, b: number): number {
  if (b === 0) trap(TRAP_DIVIDE_BY_ZERO);
  return ((a >>> 0) / (b >>> 0)) | 0;
}

/** `i32.rem_s`: signed remainder with the sign of the dividend; traps on zero, `INT32_MIN % -1` is 0. */
export function i32RemS(a: number, b: number): number {
  if (b === 0) trap(TRAP_DIVIDE_BY_ZERO);
  return (a % b) | 0;
}

/** `i32.rem_u`: unsigned remainder; traps on a zero divisor. */
export function i32RemU(a: number, b: number): number {
  if (b === 0) trap(TRAP_DIVIDE_BY_ZERO);
  return ((a >>> 0) % (b >>> 0)) | 0;
}

/** `i32.and`. */
export function i32And(a: number, b: number): number {
  return a & b;
}

/** `i32.or`. */
export function i32Or(a: number, b: number): number {
  return a | b;
}

/** `i32.xor`. */
export function i32Xor(a: number, b: number): number {
  return a ^ b;
}

/** `i32.shl`: shift count taken modulo 32. */
export function i32Shl(a: number, b: number): number {
  return a << b;
}

/** `i32.shr_s`: arithmetic right shift, count modulo 32. */
export function i32ShrS(a: number, b: number): number {
  return a >> b;
}

/** `i32.shr_u`: logical right shift, count modulo 32. */
export function i32ShrU(a: number, b: number): number {
  return (a >>> b) | 0;
}

/** `i32.rotl`: rotate left, count modulo 32. */
export function i32Rotl(a: number, b: number): number {
  return (a << b) | (a >>> -b);
}

/** `i32.rotr`: rotate right, count modulo 32. */
export function i32Rotr(a: number, b: number): number {
  return (a >>> b) | (a << -b);
}

/** `i32.clz`: count of leading zero bits (32 for 0). */
export function i32Clz(a: number): number {
  return Math.clz32(a);
}

/** `i32.ctz`: count of trailing zero bits (32 for 0). */
export function i32Ctz(a: number): number {
  return a === 0 ? 32 : 31 - Math.clz32(a & -a);
}

/** `i32.popcnt`: count of set bits. */
export function i32Popcnt(a: number): number {
  a = a - ((a >>> 1) & 0x55555555);
  a = (a & 0x33333333) + ((a >>> 2) & 0x33333333);
  a = (a + (a >>> 4)) & 0x0f0f0f0f;
  return Math.imul(a, 0x01010101) >>> 24;
}

/** `i32.eqz`: 1 if zero, else 0. */
export function i32Eqz(a: number): number {
  return a === 0 ? 1 : 0;
}

/** `i32.eq`. */
export function i32Eq(a: number, b: number): number {
  return a === b ? 1 : 0;
}

/** `i32.ne`. */
export function i32Ne(a: number, b: number): number {
  return a !== b ? 1 : 0;
}

/** `i32.lt_s`. */
export function i32LtS(a: number, b: number): number {
  return a < b ? 1 : 0;
}

/** `i32.lt_u`. */
export function i32LtU(a: number, b: number): number {
  return a >>> 0 < b >>> 0 ? 1 : 0;
}

/** `i32.gt_s`. */
export function i32GtS(a: number, b: number): number {
  return a > b ? 1 : 0;
}

/** `i32.gt_u`. */
export function i32GtU(a: number, b: number): number {
  return a >>> 0 > b >>> 0 ? 1 : 0;
}

/** `i32.le_s`. */
export function i32LeS(a: number, b: number): number {
  return a <= b ? 1 : 0;
}

/** `i32.le_u`. */
export function i32LeU(a: number, b: number): number {
  return a >>> 0 <= b >>> 0 ? 1 : 0;
}

/** `i32.ge_s`. */
export function i32GeS(a: number, b: number): number {
  return a >= b ? 1 : 0;
}

/** `i32.ge_u`. */
export function i32GeU(a: number, b: number): number {
  return a >>> 0 >= b >>> 0 ? 1 : 0;
}

/** `i32.extend8_s`: sign-extends the low 8 bits. */
export function i32Extend8S(a: number): number {
  return (a << 24) >> 24;
}

/** `i32.extend16_s`: sign-extends the low 16 bits. */
export function i32Extend16S(a: number): number {
  return (a << 16) >> 16;
}

/** `i32.wrap_i64`: the low half of an i64. */
export function i32WrapI64(lo: number, _hi: number): number {
  return lo;
}
