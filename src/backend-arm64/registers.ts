/**
 * A64 registers as typed values. Register number 31 means two different things depending on the
 * operand: the zero register (`xzr`/`wzr`) or the stack pointer (`sp`/`wsp`). They are distinct
 * kinds here, so the operand types `RZ` (register or zero register) and `RS` (register or stack
 * pointer) catch most misuse at compile time, and encoders check the kind again at run time
 * (`rz`/`rs` below), because a wrong register 31 is a silent miscompile otherwise.
 *
 * Every general-purpose register value carries its width (W = 32 bits, X = 64 bits); encoders
 * derive the `sf` bit from it and reject mixed widths where the instruction has none.
 *
 * SIMD&FP registers (`v0`–`v31`) are viewed either as a scalar (`b`, `h`, `s`, `d`, `q`) or as
 * a vector with an arrangement (`8b`, `16b`, `4h`, `8h`, `2s`, `4s`, `1d`, `2d`), for the FP and
 * NEON encoders.
 */
import { AsmError } from "../backend/asm-error.js";
import { field } from "./fields.js";

/** General-purpose register width in bits: 32 (W registers) or 64 (X registers). */
export type Width = 32 | 64;

/** An ordinary general-purpose register `x0`–`x30` / `w0`–`w30`. */
export interface GpReg {
  /** Discriminant. */
  readonly kind: "r";
  /** Register number 0–30. */
  readonly num: number;
  /** Access width. */
  readonly bits: Width;
}

/** The zero register `xzr` / `wzr` (number 31 where the operand means "zero"). */
export interface ZeroReg {
  /** Discriminant. */
  readonly kind: "zr";
  /** Always 31. */
  readonly num: 31;
  /** Access width. */
  readonly bits: Width;
}

/** The stack pointer `sp` / `wsp` (number 31 where the operand means "stack pointer"). */
export interface StackReg {
  /** Discriminant. */
  readonly kind: "sp";
  /** Always 31. */
  readonly num: 31;
  /** Access width. */
  readonly bits: Width;
}

/** An operand that may be a register or the zero register (most data-processing operands). */
export type RZ = GpReg | ZeroReg;
/** An operand that may be a register or the stack pointer (add/sub immediate, base addresses). */
export type RS = GpReg | StackReg;
/** Any general-purpose register operand. */
export type Gp = GpReg | ZeroReg | StackReg;

function makeGp(bits: Width): readonly GpReg[] {
  const out: GpReg[] = [];
  for (let num = 0; num < 31; num++) out.push(Object.freeze({ kind: "r", num, bits }));
  return Object.freeze(out);
}

/** `x0`–`x30` by number (`X[n]`). */
export const X: readonly GpReg[] = makeGp(64);
/** `w0`–`w30` by number (`W[n]`). */
export const W: readonly GpReg[] = makeGp(32);

/** The 64-bit zero register. */
export const xzr: ZeroReg = Object.freeze({ kind: "zr", num: 31, bits: 64 });
/** The 32-bit zero register. */
export const wzr: ZeroReg = Object.freeze({ kind: "zr", num: 31, bits: 32 });
/** The stack pointer. */
export const sp: StackReg = Object.freeze({ kind: "sp", num: 31, bits: 64 });
/** The 32-bit view of the stack pointer (only used by 32-bit add/sub immediate forms). */
export const wsp: StackReg = Object.freeze({ kind: "sp", num: 31, bits: 32 });

/** `x0`. */ export const x0 = X[0]!;
/** `x1`. */ export const x1 = X[1]!;
/** `x2`. */ export const x2 = X[2]!;
/** `x3`. */ export const x3 = X[3]!;
/** `x4`. */ export const x4 = X[4]!;
/** `x5`. */ export const x5 = X[5]!;
/** `x6`. */ export const x6 = X[6]!;
/** `x7`. */ export const x7 = X[7]!;
/** `x8`. */ export const x8 = X[8]!;
/** `x9`. */ export const x9 = X[9]!;
/** `x10`. */ export const x10 = X[10]!;
/** `x11`. */ export const x11 = X[11]!;
/** `x12`. */ export const x12 = X[12]!;
/** `x13`. */ export const x13 = X[13]!;
/** `x14`. */ export const x14 = X[14]!;
/** `x15`. */ export const x15 = X[15]!;
/** `x16` (IP0, the intra-procedure-call scratch register). */ export const x16 = X[16]!;
/** `x17` (IP1). */ export const x17 = X[17]!;
/** `x18` (the platform register; reserved on macOS and Windows). */ export const x18 = X[18]!;
/** `x19`. */ export const x19 = X[19]!;
/** `x20`. */ export const x20 = X[20]!;
/** `x21`. */ export const x21 = X[21]!;
/** `x22`. */ export const x22 = X[22]!;
/** `x23`. */ export const x23 = X[23]!;
/** `x24`. */ export const x24 = X[24]!;
/** `x25`. */ export const x25 = X[25]!;
/** `x26`. */ export const x26 = X[26]!;
/** `x27`. */ export const x27 = X[27]!;
/** `x28`. */ export const x28 = X[28]!;
/** `x29`, the frame pointer. */ export const x29 = X[29]!;
/** `x30`, the link register. */ export const x30 = X[30]!;
/** `w0`. */ export const w0 = W[0]!;
/** `w1`. */ export const w1 = W[1]!;
/** `w2`. */ export const w2 = W[2]!;
/** `w3`. */ export const w3 = W[3]!;
/** `w4`. */ export const w4 = W[4]!;
/** `w5`. */ export const w5 = W[5]!;
/** `w6`. */ export const w6 = W[6]!;
/** `w7`. */ export const w7 = W[7]!;
/** `w8`. */ export const w8 = W[8]!;
/** `w9`. */ export const w9 = W[9]!;
/** `w16`. */ export const w16 = W[16]!;
/** `w17`. */ export const w17 = W[17]!;
/** `w30`. */ export const w30 = W[30]!;
/** The frame pointer `x29`. */
export const fp = x29;
/** The link register `x30`. */
export const lr = x30;

/** The same register number at the other width (`xN` ↔ `wN`, `xzr` ↔ `wzr`, `sp` ↔ `wsp`). */
export function withBits<R extends Gp>(r: R, bits: Width): R {
  if (r.bits === bits) return r;
  if (r.kind === "zr") return (bits === 64 ? xzr : wzr) as R;
  if (r.kind === "sp") return (bits === 64 ? sp : wsp) as R;
  return (bits === 64 ? X : W)[r.num] as R;
}

/** The assembler name of a general-purpose register (`x3`, `wzr`, `sp`). */
export function gpName(r: Gp): string {
  if (r.kind === "sp") return r.bits === 64 ? "sp" : "wsp";
  const prefix = r.bits === 64 ? "x" : "w";
  return r.kind === "zr" ? `${prefix}zr` : `${prefix}${r.num}`;
}

/**
 * Checks that `r` may stand where the zero register is meant (not `sp`) and returns its number
 * placed at `lsb`. `what` names the operand in the message.
 */
export function rz(r: Gp, lsb: number, what: string): number {
  if (r.kind === "sp") throw new AsmError(`${what}: ${gpName(r)} is not allowed here (register 31 means zr)`);
  return field(r.num, lsb, 5, what);
}

/**
 * Checks that `r` may stand where the stack pointer is meant (not `xzr`/`wzr`) and returns its
 * number placed at `lsb`.
 */
export function rs(r: Gp, lsb: number, what: string): number {
  if (r.kind === "zr") throw new AsmError(`${what}: ${gpName(r)} is not allowed here (register 31 means sp)`);
  return field(r.num, lsb, 5, what);
}

/** Throws unless every register has width `bits` (instructions without mixed widths). */
export function sameWidth(what: string, bits: Width, ...regs: Gp[]): void {
  for (const r of regs) {
    if (r.bits !== bits) throw new AsmError(`${what}: ${gpName(r)} is not a ${bits}-bit register`);
  }
}

/** The `sf` bit for a width: 1 for 64-bit operations. */
export function sfOf(bits: Width): number {
  return bits === 64 ? 1 : 0;
}

/** A scalar view of a SIMD&FP register: 8, 16, 32, 64 or 128 bits. */
export type ScalarSize = "b" | "h" | "s" | "d" | "q";
/** A vector arrangement: lanes × lane size, in a 64-bit (`8b`, `4h`, `2s`, `1d`) or 128-bit register. */
export type Arrangement = "8b" | "16b" | "4h" | "8h" | "2s" | "4s" | "1d" | "2d";

/** A SIMD&FP register used as a scalar (`s3`, `d0`, `q31`). */
export interface FpReg {
  /** Discriminant. */
  readonly kind: "fp";
  /** Register number 0–31. */
  readonly num: number;
  /** Which scalar view. */
  readonly size: ScalarSize;
}

/** A SIMD&FP register used as a vector (`v3.4s`). */
export interface VecReg {
  /** Discriminant. */
  readonly kind: "vec";
  /** Register number 0–31. */
  readonly num: number;
  /** Lane layout. */
  readonly arr: Arrangement;
}

/** Encoding facts for an arrangement: `Q` (128-bit register), `size` (lane size log2 in bytes), lane count. */
export const ARRANGEMENTS: Readonly<Record<Arrangement, { q: number; size: number; lanes: number }>> = {
  "8b": { q: 0, size: 0, lanes: 8 },
  "16b": { q: 1, size: 0, lanes: 16 },
  "4h": { q: 0, size: 1, lanes: 4 },
  "8h": { q: 1, size: 1, lanes: 8 },
  "2s": { q: 0, size: 2, lanes: 2 },
  "4s": { q: 1, size: 2, lanes: 4 },
  "1d": { q: 0, size: 3, lanes: 1 },
  "2d": { q: 1, size: 3, lanes: 2 },
};

const FP_CACHE = new Map<string, FpReg>();
const VEC_CACHE = new Map<string, VecReg>();

function checkVNum(num: number): void {
  if (!Number.isInteger(num) || num < 0 || num > 31) throw new AsmError(`v${num} is not a SIMD&FP register`);
}

/** The scalar view `size` of SIMD&FP register `num` (`fpReg("d", 3)` is `d3`). */
export function fpReg(size: ScalarSize, num: number): FpReg {
  checkVNum(num);
  const key = `${size}${num}`;
  let r = FP_CACHE.get(key);
  if (r === undefined) {
    r = Object.freeze({ kind: "fp", num, size });
    FP_CACHE.set(key, r);
  }
  return r;
}

/** The vector view of SIMD&FP register `num` with arrangement `arr` (`vecReg("4s", 1)` is `v1.4s`). */
export function vecReg(arr: Arrangement, num: number): VecReg {
  checkVNum(num);
  const key = `${num}.${arr}`;
  let r = VEC_CACHE.get(key);
  if (r === undefined) {
    r = Object.freeze({ kind: "vec", num, arr });
    VEC_CACHE.set(key, r);
  }
  return r;
}

/** `bN`: the low 8 bits of `vN`. */
export function b(num: number): FpReg {
  return fpReg("b", num);
}
/** `hN`: the low 16 bits of `vN`. */
export function h(num: number): FpReg {
  return fpReg("h", num);
}
/** `sN`: the low 32 bits of `vN` (f32). */
export function s(num: number): FpReg {
  return fpReg("s", num);
}
/** `dN`: the low 64 bits of `vN` (f64). */
export function d(num: number): FpReg {
  return fpReg("d", num);
}
/** `qN`: all 128 bits of `vN`. */
export function q(num: number): FpReg {
  return fpReg("q", num);
}

/** The assembler name of a SIMD&FP register view (`d3`, `v1.4s`). */
export function vName(r: FpReg | VecReg): string {
  return r.kind === "fp" ? `${r.size}${r.num}` : `v${r.num}.${r.arr}`;
}

/** Places a SIMD&FP register number at `lsb` (5 bits). */
export function vreg(r: FpReg | VecReg, lsb: number, what: string): number {
  return field(r.num, lsb, 5, what);
}
