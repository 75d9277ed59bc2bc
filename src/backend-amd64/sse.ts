/**
 * SSE/SSE2/SSE4.1 floating-point instructions, conversions and data moves (legacy encoding:
 * mandatory prefix, optional REX, `0F`/`0F 38`/`0F 3A` escape, opcode, ModRM). Packed integer
 * instructions are in sse-int.ts; VEX-encoded forms in avx.ts. Opcodes come from `SSE`.
 */

import { AsmError } from "../backend/asm-error.js";
import { ControlAsm } from "./control.js";
import { I, M, R, RM } from "./core.js";
import { checkUimm, type OpDef } from "./encoding.js";
import { checkGpr, checkSize, type GprOrMem, where } from "./integer.js";
import type { Mem } from "./operands.js";
import type { Operand } from "./printer.js";
import type { Gpr, Size, Xmm } from "./registers.js";
import { xmm0 } from "./registers.js";
import { SSE } from "./sse-tables.js";

/** An XMM register or a memory operand. */
export type XmmOrMem = Xmm | Mem;

/** Comparison predicates of cmpss/cmpsd/cmpps/cmppd (imm8 0..7; VEX forms accept 0..31). */
export enum CmpPred {
  /** Equal, ordered, quiet. */
  EQ = 0,
  /** Less than, ordered, signalling. */
  LT = 1,
  /** Less or equal, ordered, signalling. */
  LE = 2,
  /** Unordered (either is NaN). */
  UNORD = 3,
  /** Not equal, unordered, quiet. */
  NEQ = 4,
  /** Not less than, unordered. */
  NLT = 5,
  /** Not less or equal, unordered. */
  NLE = 6,
  /** Ordered (neither is NaN). */
  ORD = 7,
}

/** Predicate names as printed in the `cmp<pred>ps` pseudo-mnemonics (VEX adds 8..31). */
export const CMP_PRED_NAMES: readonly string[] = [
  "eq",
  "lt",
  "le",
  "unord",
  "neq",
  "nlt",
  "nle",
  "ord",
  "eq_uq",
  "nge",
  "ngt",
  "false",
  "neq_oq",
  "ge",
  "gt",
  "true",
  "eq_os",
  "lt_oq",
  "le_oq",
  "unord_s",
  "neq_us",
  "nlt_uq",
  "nle_uq",
  "ord_s",
  "eq_us",
  "nge_uq",
  "ngt_uq",
  "false_os",
  "neq_os",
  "ge_oq",
  "gt_oq",
  "true_us",
];

/** Rounding-control immediates of roundss/roundsd/roundps/roundpd (add 8 to suppress precision exceptions). */
export enum RoundMode {
  /** Round to nearest, ties to even (wasm `nearest`). */
  Nearest = 0,
  /** Round toward negative infinity (wasm `floor`). */
  Down = 1,
  /** Round toward positive infinity (wasm `ceil`). */
  Up = 2,
  /** Round toward zero (wasm `trunc`). */
  Trunc = 3,
}

/** Throws unless `x` is an XMM register (`name` and `role` only go into the message). */
export function checkXmm(x: { readonly kind: string }, name: string, role: string): void {
  if (x.kind !== "xmm") throw new AsmError(`${where(name, role)}: expected an xmm register, got ${x.kind}`);
}

/** Throws unless `x` is an XMM register or memory. */
export function checkXmmOrMem(x: { readonly kind: string }, name: string, role: string): void {
  if (x.kind !== "xmm" && x.kind !== "mem") {
    throw new AsmError(`${where(name, role)}: expected an xmm register or memory, got ${x.kind}`);
  }
}

/** SSE floating-point, conversion and move instructions. */
export class SseAsm extends ControlAsm {
  /**
   * Emits a legacy SSE instruction `d` with ModRM.reg = `reg` and r/m = `rm`, then an imm8 when
   * `imm` is not -1.
   */
  protected sseOp(d: OpDef, reg: number, rm: Xmm | Gpr | Mem, w: boolean, imm: number): void {
    this.legacy(false, d.prefix, w, d.map, d.opcode, reg, rm, imm >= 0 ? 1 : 0, false);
    if (imm >= 0) this.buf.u8(imm);
  }

  /** Listing operand for an xmm-or-memory source of `d`. */
  protected xm(src: XmmOrMem, width: OpDef["mem"]): Operand {
    return src.kind === "mem" ? M(src, width) : src;
  }

  /** `name dst, src` with dst in ModRM.reg and src in r/m (both xmm, or xmm and memory). */
  protected xrm(d: OpDef, dst: Xmm, src: XmmOrMem, name: string = d.name): void {
    checkXmm(dst, name, "destination");
    checkXmmOrMem(src, name, "source");
    const start = this.buf.length;
    this.sseOp(d, dst.num, src, false, -1);
    if (this.records !== null) this.note(start, name, [dst, this.xm(src, d.mem)]);
  }

  /** `name dst, src, imm8` with the immediate checked against `max`. */
  protected xrmi(d: OpDef, dst: Xmm, src: XmmOrMem, imm: number, max: number, name: string = d.name): void {
    checkXmm(dst, name, "destination");
    checkXmmOrMem(src, name, "source");
    checkUimm(imm, max, name, "immediate");
    const start = this.buf.length;
    this.sseOp(d, dst.num, src, false, imm);
    if (this.records !== null) this.note(start, name, [dst, this.xm(src, d.mem), I(imm, 8, false)]);
  }

  /** A move with a load form (`load`: reg <- r/m) and a store form (`store`: r/m <- reg). */
  protected xmove(load: OpDef, store: OpDef, dst: XmmOrMem, src: XmmOrMem): void {
    if (dst.kind === "mem") {
      if (src.kind === "mem") throw new AsmError(`${load.name}: both operands are memory`);
      checkXmm(src, store.name, "source");
      const start = this.buf.length;
      this.sseOp(store, src.num, dst, false, -1);
      if (this.records !== null) this.note(start, store.name, [M(dst, store.mem), src]);
    } else {
      this.xrm(load, dst, src);
    }
  }

  /** `name dst, src, xmm0` (SSE4.1 variable blends: the mask is implicitly xmm0). */
  protected blendv(d: OpDef, dst: Xmm, src: XmmOrMem): void {
    checkXmm(dst, d.name, "destination");
    checkXmmOrMem(src, d.name, "source");
    const start = this.buf.length;
    this.sseOp(d, dst.num, src, false, -1);
    if (this.records !== null) this.note(start, d.name, [dst, this.xm(src, d.mem), xmm0]);
  }

  private cmpPred(d: OpDef, dst: Xmm, src: XmmOrMem, pred: number): void {
    checkUimm(pred, 7, d.name, "predicate");
    checkXmm(dst, d.name, "destination");
    checkXmmOrMem(src, d.name, "source");
    const start = this.buf.length;
    this.sseOp(d, dst.num, src, false, pred);
    if (this.records !== null) {
      this.note(start, `cmp${CMP_PRED_NAMES[pred]}${d.name.slice(3)}`, [dst, this.xm(src, d.mem)]);
    }
  }

  // ---- scalar float arithmetic ----

  /** `addss dst, src` (f32 add, low lane). */
  addss(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.addss, dst, src);
  }

  /** `addsd dst, src` (f64 add, low lane). */
  addsd(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.addsd, dst, src);
  }

  /** `subss dst, src`. */
  subss(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.subss, dst, src);
  }

  /** `subsd dst, src`. */
  subsd(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.subsd, dst, src);
  }

  /** `mulss dst, src`. */
  mulss(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.mulss, dst, src);
  }

  /** `mulsd dst, src`. */
  mulsd(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.mulsd, dst, src);
  }

  /** `divss dst, src`. */
  divss(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.divss, dst, src);
  }

  /** `divsd dst, src`. */
  divsd(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.divsd, dst, src);
  }

  /** `sqrtss dst, src`. */
  sqrtss(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.sqrtss, dst, src);
  }

  /** `sqrtsd dst, src`. */
  sqrtsd(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.sqrtsd, dst, src);
  }

  /** `minss dst, src` (returns src if either is NaN or both are zero: not wasm `min`). */
  minss(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.minss, dst, src);
  }

  /** `minsd dst, src` (same NaN/zero caveat as minss). */
  minsd(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.minsd, dst, src);
  }

  /** `maxss dst, src` (same NaN/zero caveat as minss). */
  maxss(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.maxss, dst, src);
  }

  /** `maxsd dst, src` (same NaN/zero caveat as minss). */
  maxsd(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.maxsd, dst, src);
  }

  /** `roundss dst, src, mode` (SSE4.1; see `RoundMode`, 0..15). */
  roundss(dst: Xmm, src: XmmOrMem, mode: number): void {
    this.xrmi(SSE.roundss, dst, src, mode, 15);
  }

  /** `roundsd dst, src, mode` (SSE4.1). */
  roundsd(dst: Xmm, src: XmmOrMem, mode: number): void {
    this.xrmi(SSE.roundsd, dst, src, mode, 15);
  }

  // ---- float compares ----

  /** `ucomiss a, b` (unordered compare: sets ZF/PF/CF; PF=1 when unordered). */
  ucomiss(a: Xmm, b: XmmOrMem): void {
    this.xrm(SSE.ucomiss, a, b);
  }

  /** `ucomisd a, b`. */
  ucomisd(a: Xmm, b: XmmOrMem): void {
    this.xrm(SSE.ucomisd, a, b);
  }

  /** `comiss a, b` (like ucomiss but signals on quiet NaN). */
  comiss(a: Xmm, b: XmmOrMem): void {
    this.xrm(SSE.comiss, a, b);
  }

  /** `comisd a, b`. */
  comisd(a: Xmm, b: XmmOrMem): void {
    this.xrm(SSE.comisd, a, b);
  }

  /** `cmp<pred>ss dst, src` (lane mask: all ones when the predicate holds; `CmpPred`, 0..7). */
  cmpss(dst: Xmm, src: XmmOrMem, pred: number): void {
    this.cmpPred(SSE.cmpss, dst, src, pred);
  }

  /** `cmp<pred>sd dst, src`. */
  cmpsd(dst: Xmm, src: XmmOrMem, pred: number): void {
    this.cmpPred(SSE.cmpsd, dst, src, pred);
  }

  /** `cmp<pred>ps dst, src`. */
  cmpps(dst: Xmm, src: XmmOrMem, pred: number): void {
    this.cmpPred(SSE.cmpps, dst, src, pred);
  }

  /** `cmp<pred>pd dst, src`. */
  cmppd(dst: Xmm, src: XmmOrMem, pred: number): void {
    this.cmpPred(SSE.cmppd, dst, src, pred);
  }

  // ---- packed float arithmetic ----

  /** `addps dst, src`. */
  addps(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.addps, dst, src);
  }

  /** `addpd dst, src`. */
  addpd(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.addpd, dst, src);
  }

  /** `subps dst, src`. */
  subps(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.subps, dst, src);
  }

  /** `subpd dst, src`. */
  subpd(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.subpd, dst, src);
  }

  /** `mulps dst, src`. */
  mulps(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.mulps, dst, src);
  }

  /** `mulpd dst, src`. */
  mulpd(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.mulpd, dst, src);
  }

  /** `divps dst, src`. */
  divps(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.divps, dst, src);
  }

  /** `divpd dst, src`. */
  divpd(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.divpd, dst, src);
  }

  /** `minps dst, src`. */
  minps(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.minps, dst, src);
  }

  /** `minpd dst, src`. */
  minpd(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.minpd, dst, src);
  }

  /** `maxps dst, src`. */
  maxps(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.maxps, dst, src);
  }

  /** `maxpd dst, src`. */
  maxpd(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.maxpd, dst, src);
  }

  /** `sqrtps dst, src`. */
  sqrtps(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.sqrtps, dst, src);
  }

  /** `sqrtpd dst, src`. */
  sqrtpd(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.sqrtpd, dst, src);
  }

  /** `roundps dst, src, mode` (SSE4.1). */
  roundps(dst: Xmm, src: XmmOrMem, mode: number): void {
    this.xrmi(SSE.roundps, dst, src, mode, 15);
  }

  /** `roundpd dst, src, mode` (SSE4.1). */
  roundpd(dst: Xmm, src: XmmOrMem, mode: number): void {
    this.xrmi(SSE.roundpd, dst, src, mode, 15);
  }

  /** `andps dst, src`. */
  andps(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.andps, dst, src);
  }

  /** `andpd dst, src`. */
  andpd(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.andpd, dst, src);
  }

  /** `andnps dst, src` (dst = ~dst & src). */
  andnps(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.andnps, dst, src);
  }

  /** `andnpd dst, src`. */
  andnpd(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.andnpd, dst, src);
  }

  /** `orps dst, src`. */
  orps(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.orps, dst, src);
  }

  /** `orpd dst, src`. */
  orpd(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.orpd, dst, src);
  }

  /** `xorps dst, src`. */
  xorps(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.xorps, dst, src);
  }

  /** `xorpd dst, src`. */
  xorpd(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.xorpd, dst, src);
  }

  /** `unpcklps dst, src` (interleave low f32 lanes). */
  unpcklps(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.unpcklps, dst, src);
  }

  /** `unpckhps dst, src` (interleave high f32 lanes). */
  unpckhps(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.unpckhps, dst, src);
  }

  /** `unpcklpd dst, src`. */
  unpcklpd(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.unpcklpd, dst, src);
  }

  /** `unpckhpd dst, src`. */
  unpckhpd(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.unpckhpd, dst, src);
  }

  /** `shufps dst, src, imm8`. */
  shufps(dst: Xmm, src: XmmOrMem, imm: number): void {
    this.xrmi(SSE.shufps, dst, src, imm, 255);
  }

  /** `shufpd dst, src, imm8` (imm 0..3). */
  shufpd(dst: Xmm, src: XmmOrMem, imm: number): void {
    this.xrmi(SSE.shufpd, dst, src, imm, 3);
  }

  /** `blendps dst, src, imm8` (SSE4.1; imm 0..15 selects src lanes). */
  blendps(dst: Xmm, src: XmmOrMem, imm: number): void {
    this.xrmi(SSE.blendps, dst, src, imm, 15);
  }

  /** `blendpd dst, src, imm8` (SSE4.1; imm 0..3). */
  blendpd(dst: Xmm, src: XmmOrMem, imm: number): void {
    this.xrmi(SSE.blendpd, dst, src, imm, 3);
  }

  /** `blendvps dst, src, xmm0` (SSE4.1; lanes whose xmm0 sign bit is set come from src). */
  blendvps(dst: Xmm, src: XmmOrMem): void {
    this.blendv(SSE.blendvps, dst, src);
  }

  /** `blendvpd dst, src, xmm0` (SSE4.1). */
  blendvpd(dst: Xmm, src: XmmOrMem): void {
    this.blendv(SSE.blendvpd, dst, src);
  }

  /** `insertps dst, src, imm8` (SSE4.1; imm: source lane 7:6, destination lane 5:4, zero mask 3:0). */
  insertps(dst: Xmm, src: XmmOrMem, imm: number): void {
    this.xrmi(SSE.insertps, dst, src, imm, 255);
  }

  /** `extractps dst, src, lane` (SSE4.1; the f32 bits of lane 0..3 to a 32-bit GPR or memory). */
  extractps(dst: GprOrMem, src: Xmm, lane: number): void {
    this.extract(SSE.extractps, 32, 3, dst, src, lane);
  }

  /** Lane extract to a GPR (printed at `size`) or memory: ModRM.reg is the xmm source. */
  protected extract(d: OpDef, size: Size, max: number, dst: GprOrMem, src: Xmm, lane: number): void {
    checkXmm(src, d.name, "source");
    if (dst.kind !== "mem") checkGpr(dst, d.name, "destination");
    checkUimm(lane, max, d.name, "lane");
    const start = this.buf.length;
    this.sseOp(d, src.num, dst, size === 64, lane);
    if (this.records !== null)
      this.note(start, d.name, [dst.kind === "mem" ? M(dst, d.mem) : R(dst, size), src, I(lane, 8, false)]);
  }

  // ---- conversions ----

  private cvtFromInt(d: OpDef, dst: Xmm, srcSize: Size, src: GprOrMem): void {
    checkSize(srcSize, [32, 64], d.name, "source");
    checkXmm(dst, d.name, "destination");
    if (src.kind !== "mem") checkGpr(src, d.name, "source");
    const start = this.buf.length;
    this.sseOp(d, dst.num, src, srcSize === 64, -1);
    if (this.records !== null) this.note(start, d.name, [dst, RM(src, srcSize)]);
  }

  private cvtToInt(d: OpDef, size: Size, dst: Gpr, src: XmmOrMem): void {
    checkSize(size, [32, 64], d.name, "destination");
    checkGpr(dst, d.name, "destination");
    checkXmmOrMem(src, d.name, "source");
    const start = this.buf.length;
    this.sseOp(d, dst.num, src, size === 64, -1);
    if (this.records !== null) this.note(start, d.name, [R(dst, size), this.xm(src, d.mem)]);
  }

  /** `cvtsi2ss dst, src` (signed 32/64-bit integer to f32; merges into dst's upper lanes). */
  cvtsi2ss(dst: Xmm, srcSize: Size, src: GprOrMem): void {
    this.cvtFromInt(SSE.cvtsi2ss, dst, srcSize, src);
  }

  /** `cvtsi2sd dst, src` (signed 32/64-bit integer to f64). */
  cvtsi2sd(dst: Xmm, srcSize: Size, src: GprOrMem): void {
    this.cvtFromInt(SSE.cvtsi2sd, dst, srcSize, src);
  }

  /** `cvttss2si dst, src` (f32 to signed 32/64-bit, truncating; out of range gives 0x80..0). */
  cvttss2si(size: Size, dst: Gpr, src: XmmOrMem): void {
    this.cvtToInt(SSE.cvttss2si, size, dst, src);
  }

  /** `cvttsd2si dst, src` (f64 to signed 32/64-bit, truncating). */
  cvttsd2si(size: Size, dst: Gpr, src: XmmOrMem): void {
    this.cvtToInt(SSE.cvttsd2si, size, dst, src);
  }

  /** `cvtss2si dst, src` (f32 to signed integer using the MXCSR rounding mode). */
  cvtss2si(size: Size, dst: Gpr, src: XmmOrMem): void {
    this.cvtToInt(SSE.cvtss2si, size, dst, src);
  }

  /** `cvtsd2si dst, src` (f64 to signed integer using the MXCSR rounding mode). */
  cvtsd2si(size: Size, dst: Gpr, src: XmmOrMem): void {
    this.cvtToInt(SSE.cvtsd2si, size, dst, src);
  }

  /** `cvtss2sd dst, src` (f32 to f64, low lane). */
  cvtss2sd(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.cvtss2sd, dst, src);
  }

  /** `cvtsd2ss dst, src` (f64 to f32, low lane). */
  cvtsd2ss(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.cvtsd2ss, dst, src);
  }

  /** `cvtps2pd dst, src` (two low f32 lanes to f64). */
  cvtps2pd(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.cvtps2pd, dst, src);
  }

  /** `cvtpd2ps dst, src` (two f64 to the low f32 lanes, upper zeroed). */
  cvtpd2ps(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.cvtpd2ps, dst, src);
  }

  /** `cvtdq2ps dst, src` (four i32 to f32). */
  cvtdq2ps(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.cvtdq2ps, dst, src);
  }

  /** `cvttps2dq dst, src` (four f32 to i32, truncating; out of range gives 0x80000000). */
  cvttps2dq(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.cvttps2dq, dst, src);
  }

  /** `cvtps2dq dst, src` (four f32 to i32 using the MXCSR rounding mode). */
  cvtps2dq(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.cvtps2dq, dst, src);
  }

  /** `cvtdq2pd dst, src` (two low i32 to f64). */
  cvtdq2pd(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.cvtdq2pd, dst, src);
  }

  /** `cvttpd2dq dst, src` (two f64 to the low i32 lanes, truncating, upper zeroed). */
  cvttpd2dq(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.cvttpd2dq, dst, src);
  }

  /** `cvtpd2dq dst, src` (two f64 to i32 using the MXCSR rounding mode). */
  cvtpd2dq(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.cvtpd2dq, dst, src);
  }

  // ---- moves ----

  /** `movss dst, src`: load f32 (zeroes the upper lanes) or merge the low lane of an xmm. */
  movss(dst: Xmm, src: XmmOrMem): void;
  /** `movss mem, src`: store the low f32. */
  movss(dst: Mem, src: Xmm): void;
  movss(dst: XmmOrMem, src: XmmOrMem): void {
    this.xmove(SSE.movss, SSE.movssStore, dst, src);
  }

  /** `movsd dst, src`: load f64 (zeroes the upper lane) or merge the low lane of an xmm. */
  movsd(dst: Xmm, src: XmmOrMem): void;
  /** `movsd mem, src`: store the low f64. */
  movsd(dst: Mem, src: Xmm): void;
  movsd(dst: XmmOrMem, src: XmmOrMem): void {
    this.xmove(SSE.movsd, SSE.movsdStore, dst, src);
  }

  /** `movaps dst, src` (aligned 128-bit load or register copy). */
  movaps(dst: Xmm, src: XmmOrMem): void;
  /** `movaps mem, src` (aligned 128-bit store). */
  movaps(dst: Mem, src: Xmm): void;
  movaps(dst: XmmOrMem, src: XmmOrMem): void {
    this.xmove(SSE.movaps, SSE.movapsStore, dst, src);
  }

  /** `movups dst, src` (unaligned 128-bit load or register copy). */
  movups(dst: Xmm, src: XmmOrMem): void;
  /** `movups mem, src` (unaligned 128-bit store). */
  movups(dst: Mem, src: Xmm): void;
  movups(dst: XmmOrMem, src: XmmOrMem): void {
    this.xmove(SSE.movups, SSE.movupsStore, dst, src);
  }

  /** `movapd dst, src`. */
  movapd(dst: Xmm, src: XmmOrMem): void;
  /** `movapd mem, src`. */
  movapd(dst: Mem, src: Xmm): void;
  movapd(dst: XmmOrMem, src: XmmOrMem): void {
    this.xmove(SSE.movapd, SSE.movapdStore, dst, src);
  }

  /** `movupd dst, src`. */
  movupd(dst: Xmm, src: XmmOrMem): void;
  /** `movupd mem, src`. */
  movupd(dst: Mem, src: Xmm): void;
  movupd(dst: XmmOrMem, src: XmmOrMem): void {
    this.xmove(SSE.movupd, SSE.movupdStore, dst, src);
  }

  /** `movdqa dst, src` (aligned integer load or register copy). */
  movdqa(dst: Xmm, src: XmmOrMem): void;
  /** `movdqa mem, src`. */
  movdqa(dst: Mem, src: Xmm): void;
  movdqa(dst: XmmOrMem, src: XmmOrMem): void {
    this.xmove(SSE.movdqa, SSE.movdqaStore, dst, src);
  }

  /** `movdqu dst, src` (unaligned integer load or register copy). */
  movdqu(dst: Xmm, src: XmmOrMem): void;
  /** `movdqu mem, src`. */
  movdqu(dst: Mem, src: Xmm): void;
  movdqu(dst: XmmOrMem, src: XmmOrMem): void {
    this.xmove(SSE.movdqu, SSE.movdquStore, dst, src);
  }

  /** `movlps dst, m64` (load the low two f32 lanes). */
  movlps(dst: Xmm, src: Mem): void;
  /** `movlps m64, src` (store the low two f32 lanes). */
  movlps(dst: Mem, src: Xmm): void;
  movlps(dst: XmmOrMem, src: XmmOrMem): void {
    this.halfMove(SSE.movlps, SSE.movlpsStore, dst, src);
  }

  /** `movhps dst, m64` (load the high two f32 lanes). */
  movhps(dst: Xmm, src: Mem): void;
  /** `movhps m64, src` (store the high two f32 lanes). */
  movhps(dst: Mem, src: Xmm): void;
  movhps(dst: XmmOrMem, src: XmmOrMem): void {
    this.halfMove(SSE.movhps, SSE.movhpsStore, dst, src);
  }

  /** `movlpd dst, m64` (load the low f64 lane). */
  movlpd(dst: Xmm, src: Mem): void;
  /** `movlpd m64, src` (store the low f64 lane). */
  movlpd(dst: Mem, src: Xmm): void;
  movlpd(dst: XmmOrMem, src: XmmOrMem): void {
    this.halfMove(SSE.movlpd, SSE.movlpdStore, dst, src);
  }

  /** `movhpd dst, m64` (load the high f64 lane). */
  movhpd(dst: Xmm, src: Mem): void;
  /** `movhpd m64, src` (store the high f64 lane). */
  movhpd(dst: Mem, src: Xmm): void;
  movhpd(dst: XmmOrMem, src: XmmOrMem): void {
    this.halfMove(SSE.movhpd, SSE.movhpdStore, dst, src);
  }

  /** movlps/movhps/movlpd/movhpd: exactly one operand is memory (the xmm,xmm encodings are other instructions). */
  private halfMove(load: OpDef, store: OpDef, dst: XmmOrMem, src: XmmOrMem): void {
    if ((dst.kind === "mem") === (src.kind === "mem")) {
      throw new AsmError(
        `${load.name}: exactly one operand must be memory (for xmm, xmm use movlhps/movhlps/movsd)`,
      );
    }
    this.xmove(load, store, dst, src);
  }

  /** `movlhps dst, src` (dst high f64 lane = src low lane). */
  movlhps(dst: Xmm, src: Xmm): void {
    checkXmm(src, "movlhps", "source");
    this.xrm(SSE.movlhps, dst, src);
  }

  /** `movhlps dst, src` (dst low f64 lane = src high lane). */
  movhlps(dst: Xmm, src: Xmm): void {
    checkXmm(src, "movhlps", "source");
    this.xrm(SSE.movhlps, dst, src);
  }

  /** `movddup dst, src` (SSE3; duplicate the low f64). */
  movddup(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.movddup, dst, src);
  }

  /** `movd xmm, r32/m32` (zeroes the upper lanes). */
  movd(dst: Xmm, src: GprOrMem): void;
  /** `movd r32/m32, xmm` (the low 32 bits). */
  movd(dst: GprOrMem, src: Xmm): void;
  movd(dst: Xmm | GprOrMem, src: Xmm | GprOrMem): void {
    this.gprXmmMove(32, dst, src);
  }

  /**
   * `movq xmm, r64` / `movq xmm, xmm/m64` (zero the upper lane) / `movq r64/m64, xmm`. The
   * xmm-from-memory and xmm-to-xmm forms use F3 0F 7E, the store uses 66 0F D6.
   */
  movq(dst: Xmm, src: Xmm | GprOrMem): void;
  /** `movq r64/m64, xmm` (the low 64 bits). */
  movq(dst: GprOrMem, src: Xmm): void;
  movq(dst: Xmm | GprOrMem, src: Xmm | GprOrMem): void {
    if (dst.kind === "xmm" && src.kind !== "gpr") {
      this.xrm(SSE.movqLoad, dst, src);
    } else if (dst.kind === "mem" && src.kind === "xmm") {
      const start = this.buf.length;
      this.sseOp(SSE.movqStore, src.num, dst, false, -1);
      if (this.records !== null) this.note(start, "movq", [M(dst, 64), src]);
    } else {
      this.gprXmmMove(64, dst, src);
    }
  }

  private gprXmmMove(size: 32 | 64, dst: Xmm | GprOrMem, src: Xmm | GprOrMem): void {
    const name = size === 32 ? "movd" : "movq";
    const start = this.buf.length;
    if (dst.kind === "xmm") {
      if (src.kind === "xmm")
        throw new AsmError(`${name}: one operand must be a general-purpose register or memory`);
      if (src.kind !== "mem") checkGpr(src, name, "source");
      this.sseOp(size === 32 ? SSE.movdToXmm : SSE.movqToXmm, dst.num, src, size === 64, -1);
      if (this.records !== null) this.note(start, name, [dst, RM(src, size)]);
      return;
    }
    if (src.kind !== "xmm") throw new AsmError(`${name}: one operand must be an xmm register`);
    if (dst.kind !== "mem") checkGpr(dst, name, "destination");
    this.sseOp(size === 32 ? SSE.movdFromXmm : SSE.movqFromXmm, src.num, dst, size === 64, -1);
    if (this.records !== null) this.note(start, name, [RM(dst, size), src]);
  }

  /** `movmskps r32, xmm` (the four f32 sign bits). */
  movmskps(dst: Gpr, src: Xmm): void {
    this.maskMove(SSE.movmskps, dst, src);
  }

  /** `movmskpd r32, xmm` (the two f64 sign bits). */
  movmskpd(dst: Gpr, src: Xmm): void {
    this.maskMove(SSE.movmskpd, dst, src);
  }

  /** GPR destination in ModRM.reg, xmm source in r/m, printed as a 32-bit register. */
  protected maskMove(d: OpDef, dst: Gpr, src: Xmm, imm = -1, max = 0): void {
    checkGpr(dst, d.name, "destination");
    checkXmm(src, d.name, "source");
    if (imm >= 0) checkUimm(imm, max, d.name, "lane");
    const start = this.buf.length;
    this.sseOp(d, dst.num, src, false, imm);
    if (this.records !== null) {
      this.note(start, d.name, imm >= 0 ? [R(dst, 32), src, I(imm, 8, false)] : [R(dst, 32), src]);
    }
  }
}
