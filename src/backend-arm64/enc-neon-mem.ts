/**
 * SIMD&FP loads and stores: `ldr`/`str` of `b`, `h`, `s`, `d` and `q` registers with a scaled
 * unsigned offset, an unscaled signed offset (`ldur`/`stur`), a register offset (optionally
 * extended and scaled) or a PC-relative literal, and the single-structure forms: one lane
 * (`ld1 {v.s}[i]`, `st1`) and load-and-replicate (`ld1r`). Pure functions returning the
 * instruction word.
 */
import { AsmError } from "../backend/asm-error.js";
import { type Lane, sizeOf } from "./enc-neon-common.js";
import { field, sfield, word } from "./fields.js";
import { Extend, extendName } from "./operands.js";
import {
  ARRANGEMENTS,
  type FpReg,
  gpName,
  type RS,
  type RZ,
  rs,
  rz,
  type VecReg,
  vreg,
} from "./registers.js";

/** Load or store. */
const DIRECTION = {
  ldr: 1,
  str: 0,
} as const;

/** A load (`ldr`) or a store (`str`). */
export type LdStOp = keyof typeof DIRECTION;

/** log2 of the access size of a scalar view (b 0 ... q 4). */
function scale(t: FpReg): number {
  return "bhsdq".indexOf(t.size);
}

/**
 * The `size` (31:30) and `opc` (23:22) fields for a SIMD&FP register view: `size` = log2 of the
 * access for b/h/s/d with `opc` = 0 (store) or 1 (load); `q` is `size` 00 with `opc` 10 / 11.
 */
function sizeOpc(op: LdStOp, t: FpReg): number {
  const l = DIRECTION[op];
  return t.size === "q" ? (0b10 | l) << 22 : ((scale(t) << 30) | (l << 22)) >>> 0;
}

/** Unsigned offset: `size 111 1 01 opc imm12 Rn Rt`. */
const LDST_UIMM = 0b00_111_1_01_00_000000000000_00000_00000;

/**
 * `ldr t, [base, #offset]` / `str ...`: `offset` a multiple of the access size, 0 up to
 * 4095 × the access size.
 */
export function ldstImm(op: LdStOp, t: FpReg, base: RS, offset: number): number {
  const bytes = 1 << scale(t);
  if (!Number.isInteger(offset) || offset % bytes !== 0) {
    throw new AsmError(`${op}: offset ${offset} is not a multiple of ${bytes}`);
  }
  return word(
    LDST_UIMM,
    sizeOpc(op, t),
    field(offset / bytes, 10, 12, `${op} offset / ${bytes}`),
    rs(base, 5, "Rn"),
    vreg(t, 0, "Rt"),
  );
}

/** Unscaled signed offset: `size 111 1 00 opc 0 imm9 00 Rn Rt`. */
const LDST_UNSCALED = 0b00_111_1_00_00_0_000000000_00_00000_00000;

/** `ldur t, [base, #offset]` / `stur ...`: any byte offset -256..255. */
export function ldstUnscaled(op: LdStOp, t: FpReg, base: RS, offset: number): number {
  return word(
    LDST_UNSCALED,
    sizeOpc(op, t),
    sfield(offset, 12, 9, "imm9"),
    rs(base, 5, "Rn"),
    vreg(t, 0, "Rt"),
  );
}

/** Register offset: `size 111 1 00 opc 1 Rm option(3) S 10 Rn Rt`. */
const LDST_REG = 0b00_111_1_00_00_1_00000_000_0_10_00000_00000;

/**
 * `ldr t, [base, index{, extend {#amount}}]` / `str ...`: the address is `base` plus `index`
 * extended by `extend` (UXTW or SXTW for a w index, UXTX (shown `lsl`) or SXTX for an x index)
 * and, with `scaled`, shifted left by log2 of the access size.
 */
export function ldstIndex(
  op: LdStOp,
  t: FpReg,
  base: RS,
  index: RZ,
  extend: Extend,
  scaled: boolean,
): number {
  const wIndex = extend === Extend.UXTW || extend === Extend.SXTW;
  const xIndex = extend === Extend.UXTX || extend === Extend.SXTX;
  if (!(wIndex && index.bits === 32) && !(xIndex && index.bits === 64)) {
    throw new AsmError(`${op}: ${gpName(index)} cannot be extended with ${extendName(extend)}`);
  }
  return word(
    LDST_REG,
    sizeOpc(op, t),
    rz(index, 16, "Rm"),
    field(extend, 13, 3, "option"),
    scaled ? 1 << 12 : 0,
    rs(base, 5, "Rn"),
    vreg(t, 0, "Rt"),
  );
}

/** Load literal: `opc 011 1 00 imm19 Rt` (`opc` 00 s, 01 d, 10 q). */
const LDR_LITERAL = 0b00_011_1_00_0000000000000000000_00000;

/** `ldr t, <pc + offset>` for `t` an `s`, `d` or `q` register; `offset` a multiple of 4 within ±1 MiB. */
export function ldrLiteral(t: FpReg, offset: number): number {
  const opc = ["s", "d", "q"].indexOf(t.size);
  if (opc < 0) throw new AsmError(`ldr (literal): ${t.size} registers have no literal form`);
  if (offset % 4 !== 0) throw new AsmError(`ldr (literal): offset ${offset} is not a multiple of 4`);
  return word(LDR_LITERAL, opc << 30, sfield(offset / 4, 5, 19, "imm19"), vreg(t, 0, "Rt"));
}

/** Single structure, no offset: `0 Q 0011010 L 0 00000 opcode(3) S size(2) Rn Rt`. */
const LDST_LANE = 0b0_0_0011010_0_0_00000_000_0_00_00000_00000;

/**
 * `ld1 {t}[i], [base]` / `st1 ...`: loads one lane (keeping the others) or stores one lane.
 * The lane index is split over `Q:S:size` (b), `Q:S:size<1>` (h), `Q:S` (s) or `Q` (d).
 */
export function ldstLane(op: LdStOp, t: Lane, base: RS): number {
  const s = sizeOf(t.elem);
  // The index bits above the lane size, placed as Q (bit 30), S (bit 12) and size (11:10).
  const bits = t.index << s;
  const q = (bits >> 3) & 1;
  const sBit = (bits >> 2) & 1;
  const size = t.elem === "d" ? 0b01 : bits & 3;
  return word(
    LDST_LANE,
    q << 30,
    DIRECTION[op] << 22,
    field([0b000, 0b010, 0b100, 0b100][s]!, 13, 3, "opcode"),
    sBit << 12,
    size << 10,
    rs(base, 5, "Rn"),
    field(t.num, 0, 5, "Rt"),
  );
}

/** Load single structure and replicate: `0 Q 0011010 1 0 00000 110 0 size Rn Rt`. */
const LD1R = 0b0_0_0011010_1_0_00000_110_0_00_00000_00000;

/** `ld1r {t}, [base]`: loads one element and copies it to every lane of `t` (any arrangement). */
export function ld1r(t: VecReg, base: RS): number {
  const { q, size } = ARRANGEMENTS[t.arr];
  return word(LD1R, q << 30, size << 10, rs(base, 5, "Rn"), vreg(t, 0, "Rt"));
}
