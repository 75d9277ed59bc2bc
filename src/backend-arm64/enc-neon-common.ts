/**
 * Shared pieces of the Advanced SIMD (NEON) and scalar FP encoders: arrangement sets, the checks
 * that reject an arrangement or scalar size an instruction does not have, and vector lane
 * operands (`v1.s[2]`), and listing texts for encoded words. An arrangement is encoded by the `Q` bit (30: 64 or 128 bits) and the
 * `size` field (23:22: lane size); float instructions use bit 22 alone (`sz`).
 */
import { AsmError } from "../backend/asm-error.js";
import { imm } from "./core.js";
import { field } from "./fields.js";
import {
  ARRANGEMENTS,
  type Arrangement,
  type FpReg,
  type Gp,
  gpName,
  type ScalarSize,
  type VecReg,
  vName,
} from "./registers.js";

/** A lane size: `b` 8, `h` 16, `s` 32, `d` 64 bits. */
export type Elem = Exclude<ScalarSize, "q">;

/** Every arrangement. */
export const ALL: readonly Arrangement[] = ["8b", "16b", "4h", "8h", "2s", "4s", "1d", "2d"];
/** Every arrangement but `1d` (the vector forms of most integer instructions). */
export const NO_1D: readonly Arrangement[] = ["8b", "16b", "4h", "8h", "2s", "4s", "2d"];
/** Byte, halfword and word arrangements (no 64-bit lanes: `mul`, `smax`, ...). */
export const BHS: readonly Arrangement[] = ["8b", "16b", "4h", "8h", "2s", "4s"];
/** Halfword and word arrangements (`sqrdmulh`). */
export const HS: readonly Arrangement[] = ["4h", "8h", "2s", "4s"];
/** Byte arrangements (`cnt`, `not`, the bitwise operations, `tbl`). */
export const BYTES: readonly Arrangement[] = ["8b", "16b"];
/** Single- and double-precision float arrangements (`1d` is not a vector float form). */
export const FLOAT: readonly Arrangement[] = ["2s", "4s", "2d"];
/** The 128-bit arrangements. */
export const FULL: readonly Arrangement[] = ["16b", "8h", "4s", "2d"];
/** The 64-bit arrangements but `1d`. */
export const HALF: readonly Arrangement[] = ["8b", "4h", "2s"];

/** Lane size of an arrangement. */
export function elemOf(t: Arrangement): Elem {
  return t[t.length - 1] as Elem;
}

/** log2 of a lane size in bytes: the `size` field value (0 for `b` ... 3 for `d`). */
export function sizeOf(e: Elem): number {
  return "bhsd".indexOf(e);
}

/** Throws `AsmError` unless every register has arrangement `t` (instructions with one arrangement). */
export function same(what: string, t: Arrangement, ...regs: VecReg[]): void {
  for (const r of regs) {
    if (r.arr !== t) throw new AsmError(`${what}: ${vName(r)} does not match arrangement ${t}`);
  }
}

/** Throws `AsmError` unless `t` is one of `allowed`; `what` names the instruction. */
export function checkArrangement(t: Arrangement, allowed: readonly Arrangement[], what: string): void {
  if (!allowed.includes(t)) {
    throw new AsmError(`${what}: arrangement ${t} is not valid (expected one of ${allowed.join(", ")})`);
  }
}

/** `Q` at bit 30 and `size` at bits 23:22 for `t`, after checking it against `allowed`. */
export function qSize(t: Arrangement, allowed: readonly Arrangement[], what: string): number {
  checkArrangement(t, allowed, what);
  const { q, size } = ARRANGEMENTS[t];
  return ((q << 30) | (size << 22)) >>> 0;
}

/**
 * `Q` at bit 30 and `sz` at bit 22 for a float arrangement (`2s`, `4s`, `2d`), as the float
 * three-same and two-register-misc groups encode it.
 */
export function qSz(t: Arrangement, what: string): number {
  checkArrangement(t, FLOAT, what);
  return ((ARRANGEMENTS[t].q << 30) | ((t === "2d" ? 1 : 0) << 22)) >>> 0;
}

/**
 * The `ftype` field (23:22) of a scalar FP instruction: 00 for `s`, 01 for `d`. Throws unless
 * every register is that size.
 */
export function ftype(what: string, first: FpReg, ...rest: FpReg[]): number {
  if (first.size !== "s" && first.size !== "d") {
    throw new AsmError(`${what}: ${vName(first)} is not a single- or double-precision register`);
  }
  for (const r of rest) {
    if (r.size !== first.size) throw new AsmError(`${what}: ${vName(r)} does not match ${vName(first)}`);
  }
  return (first.size === "d" ? 1 : 0) << 22;
}

/** Throws `AsmError` unless `r` is the scalar view `size` (`what` names the operand). */
export function scalar(what: string, r: FpReg, ...sizes: ScalarSize[]): void {
  if (!sizes.includes(r.size)) {
    throw new AsmError(`${what}: ${vName(r)} is not a ${sizes.join(" or ")} register`);
  }
}

/** A vector lane operand, `vN.<elem>[index]` (the copy instructions and single-lane loads/stores). */
export interface Lane {
  /** Discriminant. */
  readonly kind: "lane";
  /** Register number 0–31. */
  readonly num: number;
  /** Lane size. */
  readonly elem: Elem;
  /** Lane number, 0 to 16 / lane bytes - 1. */
  readonly index: number;
}

/** The lane operand `v<num>.<elem>[index]`; throws `AsmError` when the index is out of range. */
export function lane(elem: Elem, num: number, index: number): Lane {
  const lanes = 16 >> sizeOf(elem);
  if (!Number.isInteger(index) || index < 0 || index >= lanes) {
    throw new AsmError(`lane ${index} is out of range for .${elem} (0..${lanes - 1})`);
  }
  field(num, 0, 5, "SIMD&FP register");
  return Object.freeze({ kind: "lane", num, elem, index });
}

/** The assembler name of a lane operand (`v1.s[2]`, `v0.b[0xf]`: indices as capstone prints them). */
export function laneName(l: Lane): string {
  return `v${l.num}.${l.elem}[${imm(l.index).slice(1)}]`;
}

/**
 * The `imm5` field (20:16) of the copy group (DUP, INS, UMOV, SMOV): the lane size as the
 * position of the lowest set bit, the lane index above it.
 */
export function imm5(l: Lane): number {
  const s = sizeOf(l.elem);
  return ((l.index << (s + 1)) | (1 << s)) << 16;
}

/** The 128-bit arrangement whose lanes are twice as wide as `t`'s (`8b`/`16b` → `8h`, `2s`/`4s` → `2d`). */
const LONG_OF: Partial<Record<Arrangement, Arrangement>> = {
  "8b": "8h",
  "16b": "8h",
  "4h": "4s",
  "8h": "4s",
  "2s": "2d",
  "4s": "2d",
};

/**
 * Checks a widening (or, read backwards, narrowing) pair: `wide` has lanes twice as wide as
 * `narrow`'s, and `narrow` is the 64-bit half (`upper` false: `smull`, `sshll`, `xtn`) or the
 * whole 128-bit register (`upper` true: the `2` forms).
 */
export function checkLong(what: string, wide: VecReg, narrow: VecReg, upper: boolean): void {
  checkArrangement(narrow.arr, upper ? ["16b", "8h", "4s"] : HALF, what);
  if (LONG_OF[narrow.arr] !== wide.arr) {
    throw new AsmError(`${what}: ${vName(wide)} is not the widening of ${vName(narrow)}`);
  }
}

/** An operand of a listing text: a register view, a lane, a general-purpose register, or an immediate. */
export type TextOperand = FpReg | VecReg | Lane | Gp | number | string;

/**
 * The listing text of an instruction in capstone's syntax, `mnemonic op, op, ...`: registers by
 * name, numbers as capstone prints immediates (`#7`, `#0x1f`), strings as given (for shifted or
 * otherwise decorated operands).
 */
export function asmText(mnemonic: string, ...operands: TextOperand[]): string {
  const names = operands.map((o) => {
    if (typeof o === "number") return imm(o);
    if (typeof o === "string") return o;
    if (o.kind === "lane") return laneName(o);
    if (o.kind === "fp" || o.kind === "vec") return vName(o);
    return gpName(o);
  });
  return names.length === 0 ? mnemonic : `${mnemonic} ${names.join(", ")}`;
}
