/**
 * Advanced SIMD shift, narrowing and widening encoders: shifts by immediate (shl, sshr, ushr,
 * sshll/ushll and their `sxtl`/`uxtl` aliases), narrowing moves (xtn, sqxtn, uqxtn, sqxtun) and
 * float precision changes (fcvtl, fcvtn), each with its `2` form that reads or writes the upper
 * half of a 128-bit register. Pure functions returning the instruction word.
 */
import { AsmError } from "../backend/asm-error.js";
import { checkLong, elemOf, NO_1D, qSize, same, sizeOf } from "./enc-neon-common.js";
import { field, word } from "./fields.js";
import { ARRANGEMENTS, type VecReg, vName, vreg } from "./registers.js";

/** Shift by immediate: `0 Q U 011110 immh:immb(7) opcode(5) 1 Rn Rd`. */
const SHIFT = {
  shl: { bits: 0b0_0_0_011110_0000000_01010_1_00000_00000, left: true },
  sshr: { bits: 0b0_0_0_011110_0000000_00000_1_00000_00000, left: false },
  ushr: { bits: 0b0_0_1_011110_0000000_00000_1_00000_00000, left: false },
  ssra: { bits: 0b0_0_0_011110_0000000_00010_1_00000_00000, left: false },
  usra: { bits: 0b0_0_1_011110_0000000_00010_1_00000_00000, left: false },
  sli: { bits: 0b0_0_1_011110_0000000_01010_1_00000_00000, left: true },
  sri: { bits: 0b0_0_1_011110_0000000_01000_1_00000_00000, left: false },
} as const;

/** A shift by immediate with one arrangement. */
export type ShiftOp = keyof typeof SHIFT;

/**
 * The `immh:immb` field (22:16) for lane size `bits`: `bits + amount` for left shifts (amount
 * 0..bits-1), `2*bits - amount` for right shifts (amount 1..bits).
 */
function shiftField(what: string, bits: number, amount: number, left: boolean): number {
  const [lo, hi] = left ? [0, bits - 1] : [1, bits];
  if (!Number.isInteger(amount) || amount < lo || amount > hi) {
    throw new AsmError(`${what}: shift ${amount} is out of range ${lo}..${hi} for ${bits}-bit lanes`);
  }
  return field(left ? bits + amount : 2 * bits - amount, 16, 7, "immh:immb");
}

/**
 * `<op> d, n, #amount` (any arrangement but `1d`): shl (left, 0..lane bits-1), sshr/ushr
 * (arithmetic/logical right, 1..lane bits), ssra/usra (shift right and accumulate into `d`), sli/sri
 * (shift and insert).
 */
export function shiftImm(op: ShiftOp, d: VecReg, n: VecReg, amount: number): number {
  same(op, d.arr, n);
  const o = SHIFT[op];
  const qs = qSize(d.arr, NO_1D, op) & (1 << 30);
  const bits = 8 << sizeOf(elemOf(d.arr));
  return word(o.bits, qs, shiftField(op, bits, amount, o.left), vreg(n, 5, "Rn"), vreg(d, 0, "Rd"));
}

/** Widening shift left: `0 Q U 011110 immh:immb 10100 1 Rn Rd`. */
const SHIFT_LONG = {
  sshll: { bits: 0b0_0_0_011110_0000000_10100_1_00000_00000, upper: false },
  sshll2: { bits: 0b0_1_0_011110_0000000_10100_1_00000_00000, upper: true },
  ushll: { bits: 0b0_0_1_011110_0000000_10100_1_00000_00000, upper: false },
  ushll2: { bits: 0b0_1_1_011110_0000000_10100_1_00000_00000, upper: true },
} as const;

/** A widening shift left (sign- or zero-extending; `#0` is `sxtl`/`uxtl`). */
export type ShiftLongOp = keyof typeof SHIFT_LONG;

/**
 * `<op> d, n, #amount`: extends each lane of the lower (`sshll`, `ushll`) or upper (`2`) half of
 * `n` to twice its width and shifts it left by 0..lane bits-1 (`8h` ← `8b`/`16b`).
 */
export function shiftLong(op: ShiftLongOp, d: VecReg, n: VecReg, amount: number): number {
  const o = SHIFT_LONG[op];
  checkLong(op, d, n, o.upper);
  const bits = 8 << sizeOf(elemOf(n.arr));
  return word(o.bits, shiftField(op, bits, amount, true), vreg(n, 5, "Rn"), vreg(d, 0, "Rd"));
}

/** Narrowing two-register misc: `0 Q U 01110 size 10000 opcode(5) 10 Rn Rd`, size = the narrow lanes. */
const NARROW = {
  xtn: { bits: 0b0_0_0_01110_00_10000_10010_10_00000_00000, upper: false },
  xtn2: { bits: 0b0_1_0_01110_00_10000_10010_10_00000_00000, upper: true },
  sqxtn: { bits: 0b0_0_0_01110_00_10000_10100_10_00000_00000, upper: false },
  sqxtn2: { bits: 0b0_1_0_01110_00_10000_10100_10_00000_00000, upper: true },
  uqxtn: { bits: 0b0_0_1_01110_00_10000_10100_10_00000_00000, upper: false },
  uqxtn2: { bits: 0b0_1_1_01110_00_10000_10100_10_00000_00000, upper: true },
  sqxtun: { bits: 0b0_0_1_01110_00_10000_10010_10_00000_00000, upper: false },
  sqxtun2: { bits: 0b0_1_1_01110_00_10000_10010_10_00000_00000, upper: true },
} as const;

/** A narrowing move: truncating (xtn), or saturating signed/unsigned/signed-to-unsigned. */
export type NarrowOp = keyof typeof NARROW;

/**
 * `<op> d, n`: narrows each lane of `n` to half its width into the lower half of `d` (zeroing
 * the upper half), or for the `2` forms into the upper half (keeping the lower): xtn
 * (truncate), sqxtn (signed saturate), uqxtn (unsigned saturate), sqxtun (signed to unsigned
 * saturate).
 */
export function narrow(op: NarrowOp, d: VecReg, n: VecReg): number {
  const o = NARROW[op];
  checkLong(op, n, d, o.upper);
  return word(o.bits, ARRANGEMENTS[d.arr].size << 22, vreg(n, 5, "Rn"), vreg(d, 0, "Rd"));
}

/** Float precision changes, two-register misc with `sz = 1` (single ↔ double). */
const FCVT_VEC = {
  fcvtl: { bits: 0b0_0_0_01110_0_1_10000_10111_10_00000_00000, upper: false, widen: true },
  fcvtl2: { bits: 0b0_1_0_01110_0_1_10000_10111_10_00000_00000, upper: true, widen: true },
  fcvtn: { bits: 0b0_0_0_01110_0_1_10000_10110_10_00000_00000, upper: false, widen: false },
  fcvtn2: { bits: 0b0_1_0_01110_0_1_10000_10110_10_00000_00000, upper: true, widen: false },
} as const;

/** A float precision change between `2s`/`4s` and `2d`. */
export type FcvtVecOp = keyof typeof FCVT_VEC;

/**
 * `fcvtl d.2d, n.2s` / `fcvtl2 d.2d, n.4s` widen the lower/upper single-precision pair to
 * double; `fcvtn d.2s, n.2d` / `fcvtn2 d.4s, n.2d` narrow to the lower (zeroing the rest)
 * or upper half.
 */
export function fcvtVec(op: FcvtVecOp, d: VecReg, n: VecReg): number {
  const o = FCVT_VEC[op];
  const [wide, single] = o.widen ? [d, n] : [n, d];
  if (wide.arr !== "2d" || single.arr !== (o.upper ? "4s" : "2s")) {
    throw new AsmError(`${op}: ${vName(d)}, ${vName(n)} is not a single/double pair`);
  }
  return word(o.bits, vreg(n, 5, "Rn"), vreg(d, 0, "Rd"));
}
