/**
 * Advanced SIMD compare encoders: integer and float lane compares against a register or zero.
 * Each lane of the result is all ones when the condition holds and zero otherwise. Pure
 * functions returning the instruction word; the operands' arrangements must agree.
 */

import { NO_1D, qSize, qSz, same } from "./enc-neon-common.js";
import { word } from "./fields.js";
import { type VecReg, vreg } from "./registers.js";

/** Integer compares, three-same: `0 Q U 01110 size 1 Rm opcode(5) 1 Rn Rd`. */
const CMP = {
  cmeq: 0b0_0_1_01110_00_1_00000_10001_1_00000_00000,
  cmtst: 0b0_0_0_01110_00_1_00000_10001_1_00000_00000,
  cmgt: 0b0_0_0_01110_00_1_00000_00110_1_00000_00000,
  cmge: 0b0_0_0_01110_00_1_00000_00111_1_00000_00000,
  cmhi: 0b0_0_1_01110_00_1_00000_00110_1_00000_00000,
  cmhs: 0b0_0_1_01110_00_1_00000_00111_1_00000_00000,
} as const;

/** An integer register compare. */
export type CmpOp = keyof typeof CMP;

/**
 * `<op> d, n, m` (any arrangement but `1d`): cmeq (`n == m`), cmtst (`n & m != 0`), cmgt/cmge
 * (signed `>`/`>=`), cmhi/cmhs (unsigned `>`/`>=`).
 */
export function cmp(op: CmpOp, d: VecReg, n: VecReg, m: VecReg): number {
  same(op, d.arr, n, m);
  return word(CMP[op], qSize(d.arr, NO_1D, op), vreg(m, 16, "Rm"), vreg(n, 5, "Rn"), vreg(d, 0, "Rd"));
}

/** Integer compares with zero, two-register misc: `0 Q U 01110 size 10000 opcode(5) 10 Rn Rd`. */
const CMP_ZERO = {
  cmeq: 0b0_0_0_01110_00_10000_01001_10_00000_00000,
  cmgt: 0b0_0_0_01110_00_10000_01000_10_00000_00000,
  cmge: 0b0_0_1_01110_00_10000_01000_10_00000_00000,
  cmle: 0b0_0_1_01110_00_10000_01001_10_00000_00000,
  cmlt: 0b0_0_0_01110_00_10000_01010_10_00000_00000,
} as const;

/** A signed integer compare with zero. */
export type CmpZeroOp = keyof typeof CMP_ZERO;

/** `<op> d, n, #0` (any arrangement but `1d`): cmeq, cmgt, cmge, cmle, cmlt against zero (signed). */
export function cmpZero(op: CmpZeroOp, d: VecReg, n: VecReg): number {
  same(op, d.arr, n);
  return word(CMP_ZERO[op], qSize(d.arr, NO_1D, op), vreg(n, 5, "Rn"), vreg(d, 0, "Rd"));
}

/** Float compares, three-same: `0 Q U 01110 a sz 1 Rm opcode(5) 1 Rn Rd`. */
const FCMP = {
  fcmeq: 0b0_0_0_01110_0_0_1_00000_11100_1_00000_00000,
  fcmge: 0b0_0_1_01110_0_0_1_00000_11100_1_00000_00000,
  fcmgt: 0b0_0_1_01110_1_0_1_00000_11100_1_00000_00000,
  facge: 0b0_0_1_01110_0_0_1_00000_11101_1_00000_00000,
  facgt: 0b0_0_1_01110_1_0_1_00000_11101_1_00000_00000,
} as const;

/** A float register compare. */
export type FcmpVecOp = keyof typeof FCMP;

/**
 * `<op> d, n, m` on `2s`, `4s` or `2d`: fcmeq, fcmge, fcmgt (false for NaN), facge/facgt
 * (compare absolute values).
 */
export function fcmpVec(op: FcmpVecOp, d: VecReg, n: VecReg, m: VecReg): number {
  same(op, d.arr, n, m);
  return word(FCMP[op], qSz(d.arr, op), vreg(m, 16, "Rm"), vreg(n, 5, "Rn"), vreg(d, 0, "Rd"));
}

/** Float compares with zero, two-register misc: `0 Q U 01110 a sz 10000 opcode(5) 10 Rn Rd`. */
const FCMP_ZERO = {
  fcmeq: 0b0_0_0_01110_1_0_10000_01101_10_00000_00000,
  fcmgt: 0b0_0_0_01110_1_0_10000_01100_10_00000_00000,
  fcmge: 0b0_0_1_01110_1_0_10000_01100_10_00000_00000,
  fcmle: 0b0_0_1_01110_1_0_10000_01101_10_00000_00000,
  fcmlt: 0b0_0_0_01110_1_0_10000_01110_10_00000_00000,
} as const;

/** A float compare with zero. */
export type FcmpZeroOp = keyof typeof FCMP_ZERO;

/** `<op> d, n, #0.0` on `2s`, `4s` or `2d`: fcmeq, fcmgt, fcmge, fcmle, fcmlt against zero. */
export function fcmpZeroVec(op: FcmpZeroOp, d: VecReg, n: VecReg): number {
  same(op, d.arr, n);
  return word(FCMP_ZERO[op], qSz(d.arr, op), vreg(n, 5, "Rn"), vreg(d, 0, "Rd"));
}
