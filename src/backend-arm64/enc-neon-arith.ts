/**
 * Advanced SIMD arithmetic encoders: integer three-same (add, saturating add/sub, min/max,
 * rounding average, register shifts, pairwise add, multiplies), the bitwise group, integer
 * two-register-misc (abs, neg, cnt, not, pairwise widening add), across-lanes reductions, long
 * multiplies, and float three-same / two-register-misc arithmetic and rounding. Each encoder is a
 * pure function returning the instruction word; operands carry their arrangements, which must
 * agree and be one the instruction has.
 */
import { AsmError } from "../backend/asm-error.js";
import {
  BHS,
  BYTES,
  checkArrangement,
  checkLong,
  elemOf,
  HS,
  NO_1D,
  qSize,
  qSz,
  same,
  scalar,
  sizeOf,
} from "./enc-neon-common.js";
import { word } from "./fields.js";
import { type Arrangement, type FpReg, type VecReg, vName, vreg } from "./registers.js";

interface Op {
  /** The fixed bits. */
  readonly bits: number;
  /** Arrangements the instruction has. */
  readonly arr: readonly Arrangement[];
}

/** Integer three-same: `0 Q U 01110 size 1 Rm opcode(5) 1 Rn Rd`. */
const VEC3 = {
  add: { bits: 0b0_0_0_01110_00_1_00000_10000_1_00000_00000, arr: NO_1D },
  sub: { bits: 0b0_0_1_01110_00_1_00000_10000_1_00000_00000, arr: NO_1D },
  mul: { bits: 0b0_0_0_01110_00_1_00000_10011_1_00000_00000, arr: BHS },
  sqadd: { bits: 0b0_0_0_01110_00_1_00000_00001_1_00000_00000, arr: NO_1D },
  uqadd: { bits: 0b0_0_1_01110_00_1_00000_00001_1_00000_00000, arr: NO_1D },
  sqsub: { bits: 0b0_0_0_01110_00_1_00000_00101_1_00000_00000, arr: NO_1D },
  uqsub: { bits: 0b0_0_1_01110_00_1_00000_00101_1_00000_00000, arr: NO_1D },
  smax: { bits: 0b0_0_0_01110_00_1_00000_01100_1_00000_00000, arr: BHS },
  smin: { bits: 0b0_0_0_01110_00_1_00000_01101_1_00000_00000, arr: BHS },
  umax: { bits: 0b0_0_1_01110_00_1_00000_01100_1_00000_00000, arr: BHS },
  umin: { bits: 0b0_0_1_01110_00_1_00000_01101_1_00000_00000, arr: BHS },
  srhadd: { bits: 0b0_0_0_01110_00_1_00000_00010_1_00000_00000, arr: BHS },
  urhadd: { bits: 0b0_0_1_01110_00_1_00000_00010_1_00000_00000, arr: BHS },
  sshl: { bits: 0b0_0_0_01110_00_1_00000_01000_1_00000_00000, arr: NO_1D },
  ushl: { bits: 0b0_0_1_01110_00_1_00000_01000_1_00000_00000, arr: NO_1D },
  addp: { bits: 0b0_0_0_01110_00_1_00000_10111_1_00000_00000, arr: NO_1D },
  smaxp: { bits: 0b0_0_0_01110_00_1_00000_10100_1_00000_00000, arr: BHS },
  sminp: { bits: 0b0_0_0_01110_00_1_00000_10101_1_00000_00000, arr: BHS },
  umaxp: { bits: 0b0_0_1_01110_00_1_00000_10100_1_00000_00000, arr: BHS },
  uminp: { bits: 0b0_0_1_01110_00_1_00000_10101_1_00000_00000, arr: BHS },
  sqdmulh: { bits: 0b0_0_0_01110_00_1_00000_10110_1_00000_00000, arr: HS },
  sqrdmulh: { bits: 0b0_0_1_01110_00_1_00000_10110_1_00000_00000, arr: HS },
} as const satisfies Record<string, Op>;

/** An integer three-same operation. */
export type Vec3Op = keyof typeof VEC3;

/**
 * `<op> d, n, m` with one arrangement: add, sub, mul, the saturating sqadd/uqadd/sqsub/uqsub,
 * smax/smin/umax/umin, the rounding averages srhadd/urhadd, the per-lane register shifts
 * sshl/ushl (negative counts shift right), pairwise addp/smaxp/sminp/umaxp/uminp, and the
 * doubling high multiplies sqdmulh/sqrdmulh.
 */
export function vec3(op: Vec3Op, d: VecReg, n: VecReg, m: VecReg): number {
  same(op, d.arr, n, m);
  const o = VEC3[op];
  return word(o.bits, qSize(d.arr, o.arr, op), vreg(m, 16, "Rm"), vreg(n, 5, "Rn"), vreg(d, 0, "Rd"));
}

/** The bitwise three-same group: `0 Q U 01110 opc2 1 Rm 00011 1 Rn Rd` (the size field picks the operation). */
const LOGIC = {
  and: 0b0_0_0_01110_00_1_00000_00011_1_00000_00000,
  bic: 0b0_0_0_01110_01_1_00000_00011_1_00000_00000,
  orr: 0b0_0_0_01110_10_1_00000_00011_1_00000_00000,
  orn: 0b0_0_0_01110_11_1_00000_00011_1_00000_00000,
  eor: 0b0_0_1_01110_00_1_00000_00011_1_00000_00000,
  bsl: 0b0_0_1_01110_01_1_00000_00011_1_00000_00000,
  bit: 0b0_0_1_01110_10_1_00000_00011_1_00000_00000,
  bif: 0b0_0_1_01110_11_1_00000_00011_1_00000_00000,
} as const;

/** A bitwise vector operation. */
export type LogicOp = keyof typeof LOGIC;

/**
 * `<op> d, n, m` on `8b` or `16b`: and, bic (`n & ~m`), orr, orn (`n | ~m`), eor, and the
 * selects bsl (`d = d ? n : m` bitwise), bit (insert `n` where `m` is 1), bif (where `m` is 0).
 */
export function logic(op: LogicOp, d: VecReg, n: VecReg, m: VecReg): number {
  same(op, d.arr, n, m);
  checkArrangement(d.arr, BYTES, op);
  return word(
    LOGIC[op],
    d.arr === "16b" ? 1 << 30 : 0,
    vreg(m, 16, "Rm"),
    vreg(n, 5, "Rn"),
    vreg(d, 0, "Rd"),
  );
}

/** `mov d, n` (vector): `orr d, n, n` on `8b` or `16b`. */
export function movVec(d: VecReg, n: VecReg): number {
  return logic("orr", d, n, n);
}

/** Integer two-register misc: `0 Q U 01110 size 10000 opcode(5) 10 Rn Rd`. */
const VEC2 = {
  abs: { bits: 0b0_0_0_01110_00_10000_01011_10_00000_00000, arr: NO_1D },
  neg: { bits: 0b0_0_1_01110_00_10000_01011_10_00000_00000, arr: NO_1D },
  cnt: { bits: 0b0_0_0_01110_00_10000_00101_10_00000_00000, arr: BYTES },
  not: { bits: 0b0_0_1_01110_00_10000_00101_10_00000_00000, arr: BYTES },
  rev64: { bits: 0b0_0_0_01110_00_10000_00000_10_00000_00000, arr: BHS },
  clz: { bits: 0b0_0_1_01110_00_10000_00100_10_00000_00000, arr: BHS },
} as const satisfies Record<string, Op>;

/** An integer two-register operation with one arrangement. */
export type Vec2Op = keyof typeof VEC2;

/**
 * `<op> d, n` with one arrangement: abs, neg (wrapping), cnt (population count per byte), not
 * (bitwise, `8b`/`16b`), rev64 (reverse lanes in each doubleword), clz.
 */
export function vec2(op: Vec2Op, d: VecReg, n: VecReg): number {
  same(op, d.arr, n);
  const o = VEC2[op];
  return word(o.bits, qSize(d.arr, o.arr, op), vreg(n, 5, "Rn"), vreg(d, 0, "Rd"));
}

/** The arrangement with lanes twice as wide as `t`'s and half as many (`8b` → `4h`, `4s` → `2d`). */
const WIDER: Partial<Record<Arrangement, Arrangement>> = {
  "8b": "4h",
  "16b": "8h",
  "4h": "2s",
  "8h": "4s",
  "2s": "1d",
  "4s": "2d",
};

/** Pairwise widening add: two-register misc with opcode 00010. */
const ADDLP = {
  saddlp: 0b0_0_0_01110_00_10000_00010_10_00000_00000,
  uaddlp: 0b0_0_1_01110_00_10000_00010_10_00000_00000,
} as const;

/** A pairwise widening add. */
export type AddlpOp = keyof typeof ADDLP;

/** `saddlp`/`uaddlp d, n`: adds adjacent lane pairs of `n` into lanes twice as wide (`8h` ← `16b`). */
export function addlp(op: AddlpOp, d: VecReg, n: VecReg): number {
  if (WIDER[n.arr] !== d.arr) throw new AsmError(`${op}: ${vName(d)}, ${vName(n)} is not a widening pair`);
  return word(ADDLP[op], qSize(n.arr, BHS, op), vreg(n, 5, "Rn"), vreg(d, 0, "Rd"));
}

/** Across lanes: `0 Q U 01110 size 11000 opcode(5) 10 Rn Rd`. */
const ACROSS = {
  addv: { bits: 0b0_0_0_01110_00_11000_11011_10_00000_00000, long: false },
  smaxv: { bits: 0b0_0_0_01110_00_11000_01010_10_00000_00000, long: false },
  sminv: { bits: 0b0_0_0_01110_00_11000_11010_10_00000_00000, long: false },
  umaxv: { bits: 0b0_0_1_01110_00_11000_01010_10_00000_00000, long: false },
  uminv: { bits: 0b0_0_1_01110_00_11000_11010_10_00000_00000, long: false },
  saddlv: { bits: 0b0_0_0_01110_00_11000_00011_10_00000_00000, long: true },
  uaddlv: { bits: 0b0_0_1_01110_00_11000_00011_10_00000_00000, long: true },
} as const;

/** An across-lanes reduction. */
export type AcrossOp = keyof typeof ACROSS;

const ACROSS_ARR: readonly Arrangement[] = ["8b", "16b", "4h", "8h", "4s"];

/**
 * `<op> d, n`: reduces every lane of `n` to the scalar `d`: addv (wrapping sum), smaxv, sminv,
 * umaxv, uminv (`d` is the lane size), saddlv/uaddlv (widening sum: `d` twice the lane size).
 * No `2s` or `2d` forms.
 */
export function across(op: AcrossOp, d: FpReg, n: VecReg): number {
  const o = ACROSS[op];
  const bits = qSize(n.arr, ACROSS_ARR, op);
  const s = sizeOf(elemOf(n.arr)) + (o.long ? 1 : 0);
  scalar(op, d, "bhsd"[s] as FpReg["size"]);
  return word(o.bits, bits, vreg(n, 5, "Rn"), vreg(d, 0, "Rd"));
}

/** Three-different (long) multiplies: `0 Q U 01110 size 1 Rm 1100 00 Rn Rd`; Q = 1 for the `2` forms. */
const LONG = {
  smull: { bits: 0b0_0_0_01110_00_1_00000_1100_00_00000_00000, upper: false },
  smull2: { bits: 0b0_1_0_01110_00_1_00000_1100_00_00000_00000, upper: true },
  umull: { bits: 0b0_0_1_01110_00_1_00000_1100_00_00000_00000, upper: false },
  umull2: { bits: 0b0_1_1_01110_00_1_00000_1100_00_00000_00000, upper: true },
} as const;

/** A widening multiply (lower or upper half of the sources). */
export type LongOp = keyof typeof LONG;

/**
 * `smull`/`umull d, n, m` multiply the lanes of the 64-bit `n` and `m` into lanes twice as wide
 * (`8h` ← `8b` × `8b`); `smull2`/`umull2` take the upper halves of 128-bit sources (`8h` ← `16b`).
 */
export function long(op: LongOp, d: VecReg, n: VecReg, m: VecReg): number {
  same(op, n.arr, m);
  checkLong(op, d, n, LONG[op].upper);
  return word(
    LONG[op].bits,
    sizeOf(elemOf(n.arr)) << 22,
    vreg(m, 16, "Rm"),
    vreg(n, 5, "Rn"),
    vreg(d, 0, "Rd"),
  );
}

/** Float three-same: `0 Q U 01110 a sz 1 Rm opcode(5) 1 Rn Rd` (`a` is bit 23). */
const FVEC3 = {
  fadd: 0b0_0_0_01110_0_0_1_00000_11010_1_00000_00000,
  fsub: 0b0_0_0_01110_1_0_1_00000_11010_1_00000_00000,
  fmul: 0b0_0_1_01110_0_0_1_00000_11011_1_00000_00000,
  fdiv: 0b0_0_1_01110_0_0_1_00000_11111_1_00000_00000,
  fmax: 0b0_0_0_01110_0_0_1_00000_11110_1_00000_00000,
  fmin: 0b0_0_0_01110_1_0_1_00000_11110_1_00000_00000,
  fmaxnm: 0b0_0_0_01110_0_0_1_00000_11000_1_00000_00000,
  fminnm: 0b0_0_0_01110_1_0_1_00000_11000_1_00000_00000,
  faddp: 0b0_0_1_01110_0_0_1_00000_11010_1_00000_00000,
  fmla: 0b0_0_0_01110_0_0_1_00000_11001_1_00000_00000,
  fmls: 0b0_0_0_01110_1_0_1_00000_11001_1_00000_00000,
} as const;

/** A float three-same arithmetic operation. */
export type FVec3Op = keyof typeof FVEC3;

/**
 * `<op> d, n, m` on `2s`, `4s` or `2d`: fadd, fsub, fmul, fdiv, fmax/fmin (NaN-propagating,
 * -0 < +0), fmaxnm/fminnm (a quiet NaN loses to a number), faddp (pairwise), fmla/fmls (fused
 * `d ± n*m`).
 */
export function fvec3(op: FVec3Op, d: VecReg, n: VecReg, m: VecReg): number {
  same(op, d.arr, n, m);
  return word(FVEC3[op], qSz(d.arr, op), vreg(m, 16, "Rm"), vreg(n, 5, "Rn"), vreg(d, 0, "Rd"));
}

/** Float two-register misc: `0 Q U 01110 a sz 10000 opcode(5) 10 Rn Rd`. */
const FVEC2 = {
  fabs: 0b0_0_0_01110_1_0_10000_01111_10_00000_00000,
  fneg: 0b0_0_1_01110_1_0_10000_01111_10_00000_00000,
  fsqrt: 0b0_0_1_01110_1_0_10000_11111_10_00000_00000,
  frintn: 0b0_0_0_01110_0_0_10000_11000_10_00000_00000,
  frintm: 0b0_0_0_01110_0_0_10000_11001_10_00000_00000,
  frintp: 0b0_0_0_01110_1_0_10000_11000_10_00000_00000,
  frintz: 0b0_0_0_01110_1_0_10000_11001_10_00000_00000,
  frinta: 0b0_0_1_01110_0_0_10000_11000_10_00000_00000,
  frintx: 0b0_0_1_01110_0_0_10000_11001_10_00000_00000,
  frinti: 0b0_0_1_01110_1_0_10000_11001_10_00000_00000,
  fcvtzs: 0b0_0_0_01110_1_0_10000_11011_10_00000_00000,
  fcvtzu: 0b0_0_1_01110_1_0_10000_11011_10_00000_00000,
  fcvtns: 0b0_0_0_01110_0_0_10000_11010_10_00000_00000,
  fcvtnu: 0b0_0_1_01110_0_0_10000_11010_10_00000_00000,
  scvtf: 0b0_0_0_01110_0_0_10000_11101_10_00000_00000,
  ucvtf: 0b0_0_1_01110_0_0_10000_11101_10_00000_00000,
} as const;

/** A float two-register operation with one arrangement. */
export type FVec2Op = keyof typeof FVEC2;

/**
 * `<op> d, n` on `2s`, `4s` or `2d`: fabs, fneg, fsqrt, the roundings frintn/frintm/frintp/
 * frintz/frinta/frintx/frinti (as the scalar forms), and the same-width conversions fcvtzs/
 * fcvtzu (toward zero, saturating, NaN → 0), fcvtns/fcvtnu (to nearest), scvtf/ucvtf.
 */
export function fvec2(op: FVec2Op, d: VecReg, n: VecReg): number {
  same(op, d.arr, n);
  return word(FVEC2[op], qSz(d.arr, op), vreg(n, 5, "Rn"), vreg(d, 0, "Rd"));
}
