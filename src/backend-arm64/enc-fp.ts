/**
 * A64 scalar floating-point encoders (single and double precision). Every encoder is a pure
 * function returning one instruction word; the precision comes from the registers (`s` or `d`
 * views, which must agree), in the `ftype` field (23:22). Opcodes are written as grouped binary
 * following the field layout of each instruction class in the Arm ARM.
 */
import { AsmError } from "../backend/asm-error.js";
import { ftype, type Lane, laneName, scalar } from "./enc-neon-common.js";
import { field, reg, word } from "./fields.js";
import type { Cond } from "./operands.js";
import { type FpReg, gpName, type RZ, rz, sfOf, vName, vreg } from "./registers.js";

/** FP data-processing (2 source): `000 11110 ftype 1 Rm opcode(4) 10 Rn Rd`. */
const FP2 = {
  fmul: 0b000_11110_00_1_00000_0000_10_00000_00000,
  fdiv: 0b000_11110_00_1_00000_0001_10_00000_00000,
  fadd: 0b000_11110_00_1_00000_0010_10_00000_00000,
  fsub: 0b000_11110_00_1_00000_0011_10_00000_00000,
  fmax: 0b000_11110_00_1_00000_0100_10_00000_00000,
  fmin: 0b000_11110_00_1_00000_0101_10_00000_00000,
  fmaxnm: 0b000_11110_00_1_00000_0110_10_00000_00000,
  fminnm: 0b000_11110_00_1_00000_0111_10_00000_00000,
  fnmul: 0b000_11110_00_1_00000_1000_10_00000_00000,
} as const;

/** A two-source scalar FP operation. */
export type Fp2Op = keyof typeof FP2;

/** `<op> d, n, m` (all `s` or all `d`): fadd, fsub, fmul, fdiv, fmin, fmax, fminnm, fmaxnm, fnmul. */
export function fp2(op: Fp2Op, d: FpReg, n: FpReg, m: FpReg): number {
  return word(FP2[op], ftype(op, d, n, m), vreg(m, 16, "Rm"), vreg(n, 5, "Rn"), vreg(d, 0, "Rd"));
}

/** FP data-processing (1 source): `000 11110 ftype 1 opcode(6) 10000 Rn Rd`. */
const FP1 = {
  fmov: 0b000_11110_00_1_000000_10000_00000_00000,
  fabs: 0b000_11110_00_1_000001_10000_00000_00000,
  fneg: 0b000_11110_00_1_000010_10000_00000_00000,
  fsqrt: 0b000_11110_00_1_000011_10000_00000_00000,
  frintn: 0b000_11110_00_1_001000_10000_00000_00000,
  frintp: 0b000_11110_00_1_001001_10000_00000_00000,
  frintm: 0b000_11110_00_1_001010_10000_00000_00000,
  frintz: 0b000_11110_00_1_001011_10000_00000_00000,
  frinta: 0b000_11110_00_1_001100_10000_00000_00000,
  frintx: 0b000_11110_00_1_001110_10000_00000_00000,
  frinti: 0b000_11110_00_1_001111_10000_00000_00000,
} as const;

/** A one-source scalar FP operation that keeps the precision. */
export type Fp1Op = keyof typeof FP1;

/**
 * `<op> d, n` (same precision): fmov (register), fabs, fneg, fsqrt and the roundings frintn
 * (to nearest, ties even), frintp (up), frintm (down), frintz (toward zero), frinta (ties away),
 * frintx (current mode, signalling inexact), frinti (current mode).
 */
export function fp1(op: Fp1Op, d: FpReg, n: FpReg): number {
  return word(FP1[op], ftype(op, d, n), vreg(n, 5, "Rn"), vreg(d, 0, "Rd"));
}

/** FCVT: `000 11110 ftype 1 0001 opc(2) 10000 Rn Rd`, `opc` the destination precision. */
const FCVT = 0b000_11110_00_1_0001_00_10000_00000_00000;

/** `fcvt d, n`: converts between single and double precision (`fcvt d0, s1` or `fcvt s0, d1`). */
export function fcvt(d: FpReg, n: FpReg): number {
  scalar("fcvt", d, "s", "d");
  scalar("fcvt", n, "s", "d");
  if (d.size === n.size) throw new AsmError(`fcvt: ${vName(d)}, ${vName(n)} is not a precision change`);
  return word(
    FCVT,
    ftype("fcvt", n),
    field(d.size === "d" ? 1 : 0, 15, 2, "opc"),
    vreg(n, 5, "Rn"),
    vreg(d, 0, "Rd"),
  );
}

/** FP compare: `000 11110 ftype 1 Rm 00 1000 Rn opcode2(5)`; opcode2 bit 4 = signalling, bit 3 = with #0.0. */
const FCMP = {
  fcmp: 0b000_11110_00_1_00000_00_1000_00000_00000,
  fcmpe: 0b000_11110_00_1_00000_00_1000_00000_10000,
} as const;

/** A scalar FP compare: `fcmp` (quiet) or `fcmpe` (signalling on any NaN). */
export type FcmpOp = keyof typeof FCMP;

/**
 * `fcmp n, m` / `fcmpe n, m`, or with `m = 0` the compare against `#0.0`. Sets NZCV: equal
 * `Z C`, less `N`, greater `C`, unordered `C V`.
 */
export function fcmp(op: FcmpOp, n: FpReg, m: FpReg | 0): number {
  if (m === 0) return word(FCMP[op], ftype(op, n), vreg(n, 5, "Rn"), 0b01000);
  return word(FCMP[op], ftype(op, n, m), vreg(m, 16, "Rm"), vreg(n, 5, "Rn"));
}

/** FCSEL: `000 11110 ftype 1 Rm cond 11 Rn Rd`. */
const FCSEL = 0b000_11110_00_1_00000_0000_11_00000_00000;

/** `fcsel d, n, m, cond`: `d = cond ? n : m`. */
export function fcsel(d: FpReg, n: FpReg, m: FpReg, cond: Cond): number {
  return word(
    FCSEL,
    ftype("fcsel", d, n, m),
    vreg(m, 16, "Rm"),
    field(cond, 12, 4, "cond"),
    vreg(n, 5, "Rn"),
    vreg(d, 0, "Rd"),
  );
}

/** FP data-processing (3 source): `000 11111 ftype o1 Rm o0 Ra Rn Rd`. */
const FP3 = {
  fmadd: 0b000_11111_00_0_00000_0_00000_00000_00000,
  fmsub: 0b000_11111_00_0_00000_1_00000_00000_00000,
  fnmadd: 0b000_11111_00_1_00000_0_00000_00000_00000,
  fnmsub: 0b000_11111_00_1_00000_1_00000_00000_00000,
} as const;

/** A fused multiply-add. */
export type Fp3Op = keyof typeof FP3;

/**
 * Fused multiply-adds (one rounding): `fmadd d = a + n*m`, `fmsub d = a - n*m`,
 * `fnmadd d = -a - n*m`, `fnmsub d = -a + n*m`.
 */
export function fp3(op: Fp3Op, d: FpReg, n: FpReg, m: FpReg, a: FpReg): number {
  return word(
    FP3[op],
    ftype(op, d, n, m, a),
    vreg(m, 16, "Rm"),
    vreg(a, 10, "Ra"),
    vreg(n, 5, "Rn"),
    vreg(d, 0, "Rd"),
  );
}

/** Conversion between FP and integer: `sf 00 11110 ftype 1 rmode(2) opcode(3) 000000 Rn Rd`. */
const FP_INT = {
  fcvtns: 0b000_11110_00_1_00_000_000000_00000_00000,
  fcvtnu: 0b000_11110_00_1_00_001_000000_00000_00000,
  fcvtps: 0b000_11110_00_1_01_000_000000_00000_00000,
  fcvtpu: 0b000_11110_00_1_01_001_000000_00000_00000,
  fcvtms: 0b000_11110_00_1_10_000_000000_00000_00000,
  fcvtmu: 0b000_11110_00_1_10_001_000000_00000_00000,
  fcvtzs: 0b000_11110_00_1_11_000_000000_00000_00000,
  fcvtzu: 0b000_11110_00_1_11_001_000000_00000_00000,
} as const;

/** A float-to-integer conversion (rounding mode in the name: n nearest, p up, m down, z toward zero). */
export type FpToIntOp = keyof typeof FP_INT;

/**
 * `<op> rd, n`: converts the float in `n` to a signed (`..s`) or unsigned (`..u`) integer of
 * `rd`'s width. Out-of-range values saturate and NaN gives 0.
 */
export function fpToInt(op: FpToIntOp, rd: RZ, n: FpReg): number {
  return word(field(sfOf(rd.bits), 31, 1, "sf"), FP_INT[op], ftype(op, n), vreg(n, 5, "Rn"), rz(rd, 0, "Rd"));
}

const INT_FP = {
  scvtf: 0b000_11110_00_1_00_010_000000_00000_00000,
  ucvtf: 0b000_11110_00_1_00_011_000000_00000_00000,
} as const;

/** An integer-to-float conversion: signed (`scvtf`) or unsigned (`ucvtf`). */
export type IntToFpOp = keyof typeof INT_FP;

/** `<op> d, rn`: converts the integer in `rn` (W or X) to the precision of `d`, rounding to nearest. */
export function intToFp(op: IntToFpOp, d: FpReg, rn: RZ): number {
  return word(field(sfOf(rn.bits), 31, 1, "sf"), INT_FP[op], ftype(op, d), rz(rn, 5, "Rn"), vreg(d, 0, "Rd"));
}

/** FMOV (general), FP to integer register: `sf 00 11110 ftype 1 rmode 110 000000 Rn Rd`. */
const FMOV_TO_GP = 0b000_11110_00_1_00_110_000000_00000_00000;
/** FMOV (general), integer to FP register: opcode 111. */
const FMOV_FROM_GP = 0b000_11110_00_1_00_111_000000_00000_00000;
/** `sf = 1, ftype = 10, rmode = 01`: the upper 64 bits of the vector register (`v.d[1]`). */
const TOP_HALF = 0b100_00000_10_0_01_000_000000_00000_00000;

function gpFpPair(what: string, r: RZ, v: FpReg | Lane): number {
  if (v.kind === "lane") {
    if (v.elem !== "d" || v.index !== 1 || r.bits !== 64) {
      throw new AsmError(`${what}: ${gpName(r)}, ${laneName(v)}: only x and v.d[1] move the upper half`);
    }
    return TOP_HALF;
  }
  scalar(what, v, "s", "d");
  if ((v.size === "d") !== (r.bits === 64)) {
    throw new AsmError(`${what}: ${gpName(r)} and ${vName(v)} differ in width`);
  }
  return word(field(sfOf(r.bits), 31, 1, "sf"), ftype(what, v));
}

/**
 * `fmov rd, n`: copies the bits of `n` to a general-purpose register: `w` from `s`, `x` from
 * `d`, or `x` from the upper half `v.d[1]` (a `Lane`).
 */
export function fmovToGp(rd: RZ, n: FpReg | Lane): number {
  return word(FMOV_TO_GP, gpFpPair("fmov", rd, n), reg(n.num, 5, "Rn"), rz(rd, 0, "Rd"));
}

/**
 * `fmov d, rn`: copies the bits of a general-purpose register to `d`: `s` from `w`, `d` from
 * `x` (both zero the rest of the vector), or into the upper half `v.d[1]` (the low half is kept).
 */
export function fmovFromGp(d: FpReg | Lane, rn: RZ): number {
  return word(FMOV_FROM_GP, gpFpPair("fmov", rn, d), rz(rn, 5, "Rn"), reg(d.num, 0, "Rd"));
}

/** The 256 values of the 8-bit FP immediate: `±(16 + efgh)/16 × 2^e`, `e` in -3..4. */
const FP_IMM8: readonly number[] = Array.from({ length: 256 }, (_, imm) => {
  const b = (imm >> 6) & 1;
  const cd = (imm >> 4) & 3;
  const exp = b === 1 ? cd - 3 : cd + 1;
  const magnitude = ((16 + (imm & 15)) / 16) * 2 ** exp;
  return imm >= 128 ? -magnitude : magnitude;
});

/**
 * The 8-bit `imm8` encoding (`a:b:cd:efgh`) of `value` for the FP immediate forms (scalar
 * `fmov #imm` and vector `fmov`), or `null` when `value` has none: only `±n/16 × 2^e` with
 * `n` in 16..31 and `e` in -3..4 (so 0, NaN and infinities never).
 */
export function fpImm8(value: number): number | null {
  const i = FP_IMM8.indexOf(value);
  return i < 0 ? null : i;
}

/** FMOV (scalar, immediate): `000 11110 ftype 1 imm8 100 00000 Rd`. */
const FMOV_IMM = 0b000_11110_00_1_00000000_100_00000_00000;

/** `fmov d, #value`; throws `AsmError` when `value` has no 8-bit FP immediate encoding. */
export function fmovImm(d: FpReg, value: number): number {
  const imm = fpImm8(value);
  if (imm === null) throw new AsmError(`fmov: ${value} has no 8-bit floating-point immediate encoding`);
  return word(FMOV_IMM, ftype("fmov", d), field(imm, 13, 8, "imm8"), vreg(d, 0, "Rd"));
}
