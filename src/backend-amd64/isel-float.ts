/**
 * Instruction selection for f32/f64 operations on SSE/SSE4.1, with wasm's exact semantics: min/max
 * propagate NaN and order -0 below +0; abs/neg/copysign are bit operations; rounding uses
 * `roundss`/`roundsd`; trapping float-to-int conversions check NaN and the range explicitly
 * before converting, saturating ones clamp instead; unsigned conversions are built from the
 * signed instructions.
 */

import { TrapKind } from "../backend/abi.js";
import { type Truncation, truncationOf } from "../backend/op-facts.js";
import type { Inst } from "../ir/types.js";
import type { FuncCodegen } from "./codegen.js";
import type { Mem } from "./operands.js";
import { Cond, rax, rcx, rdx, S8, S32, S64, type Xmm, xmm0, xmm1 } from "./registers.js";

const scratch = new DataView(new ArrayBuffer(8));

/** The bits of `x` as an f32 or f64. */
function floatBits(x: number, f64: boolean): bigint {
  if (f64) {
    scratch.setFloat64(0, x, true);
    return scratch.getBigUint64(0, true);
  }
  scratch.setFloat32(0, x, true);
  return BigInt(scratch.getUint32(0, true));
}

function loadConst(cg: FuncCodegen, dst: Xmm, x: number, f64: boolean): void {
  cg.a.movImm64(rax, floatBits(x, f64));
  cg.a.movq(dst, rax);
}

function ucomi(cg: FuncCodegen, f64: boolean, x: Xmm, y: Xmm): void {
  if (f64) cg.a.ucomisd(x, y);
  else cg.a.ucomiss(x, y);
}

function compare(cg: FuncCodegen, inst: Inst, f64: boolean, k: number): void {
  const a = cg.a;
  cg.loadXmm(xmm0, inst.args[0]);
  cg.loadXmm(xmm1, inst.args[1]);
  if (k === 2 || k === 4) ucomi(cg, f64, xmm1, xmm0);
  else ucomi(cg, f64, xmm0, xmm1);
  if (k === 0 || k === 1) {
    a.setcc(k === 0 ? Cond.E : Cond.NE, rax);
    a.setcc(k === 0 ? Cond.NP : Cond.P, rcx);
    if (k === 0) a.and(S32, rax, rcx);
    else a.or(S32, rax, rcx);
  } else {
    a.setcc(k <= 3 ? Cond.A : Cond.AE, rax);
  }
  a.movzx(S32, rax, S8, rax);
  cg.storeGpr(inst.results[0], rax);
}

function signOps(cg: FuncCodegen, inst: Inst, f64: boolean, which: "abs" | "neg" | "copysign"): void {
  const a = cg.a;
  const size = f64 ? S64 : S32;
  cg.loadGpr(rax, inst.args[0]);
  if (f64) a.movImm64(rdx, (1n << 63n) - 1n);
  else a.mov(S32, rdx, 0x7fff_ffff);
  if (which === "abs") a.and(size, rax, rdx);
  else if (which === "neg") {
    a.not(size, rdx);
    a.xor(size, rax, rdx);
  } else {
    cg.loadGpr(rcx, inst.args[1]);
    a.and(size, rax, rdx);
    a.not(size, rdx);
    a.and(size, rcx, rdx);
    a.or(size, rax, rcx);
  }
  cg.storeGpr(inst.results[0], rax);
}

function minMax(cg: FuncCodegen, inst: Inst, f64: boolean, max: boolean): void {
  const a = cg.a;
  const nan = a.newLabel();
  const differ = a.newLabel();
  const done = a.newLabel();
  cg.loadXmm(xmm0, inst.args[0]);
  cg.loadXmm(xmm1, inst.args[1]);
  ucomi(cg, f64, xmm0, xmm1);
  a.jcc(Cond.P, nan);
  a.jcc(Cond.NE, differ);
  // Equal: only the signs of zeros can differ; min takes -0 (or), max takes +0 (and).
  if (max) a.andps(xmm0, xmm1);
  else a.orps(xmm0, xmm1);
  a.jmp(done);
  a.bind(differ);
  if (f64) {
    if (max) a.maxsd(xmm0, xmm1);
    else a.minsd(xmm0, xmm1);
  } else if (max) a.maxss(xmm0, xmm1);
  else a.minss(xmm0, xmm1);
  a.jmp(done);
  a.bind(nan);
  if (f64) a.addsd(xmm0, xmm1);
  else a.addss(xmm0, xmm1);
  a.bind(done);
  cg.storeXmm(inst.results[0], xmm0);
}

function arith(cg: FuncCodegen, inst: Inst, f64: boolean, k: number): void {
  const a = cg.a;
  if (k === 0 || k === 1 || k === 13) {
    signOps(cg, inst, f64, k === 0 ? "abs" : k === 1 ? "neg" : "copysign");
    return;
  }
  if (k === 11 || k === 12) {
    minMax(cg, inst, f64, k === 12);
    return;
  }
  const r = inst.results[0];
  const ro = cg.operand(r);
  let d = ro.kind === "xmm" ? ro : xmm0;
  const x = cg.operand(inst.args[0]) as Xmm | Mem;
  if (k >= 2 && k <= 6) {
    if (x.kind === "mem") cg.loadXmm(d, inst.args[0]);
    const src = x.kind === "mem" ? d : x;
    if (k === 6) {
      if (f64) a.sqrtsd(d, src);
      else a.sqrtss(d, src);
    } else {
      const mode = [2, 1, 3, 0][k - 2] | 8;
      if (f64) a.roundsd(d, src, mode);
      else a.roundss(d, src, mode);
    }
  } else {
    // Two-address on the allocated registers: d = x, then d op= y.
    const y = cg.operand(inst.args[1]) as Xmm | Mem;
    if (cg.info.avx && x.kind === "xmm") {
      const vops = f64 ? [a.vaddsd, a.vsubsd, a.vmulsd, a.vdivsd] : [a.vaddss, a.vsubss, a.vmulss, a.vdivss];
      vops[k - 7].call(a, d, x, y);
      if (d === xmm0) cg.storeXmm(r, xmm0);
      return;
    }
    const ops = f64 ? [a.addsd, a.subsd, a.mulsd, a.divsd] : [a.addss, a.subss, a.mulss, a.divss];
    const op = ops[k - 7];
    if (y === d && x !== d) {
      if (k === 7 || k === 9) {
        op.call(a, d, x);
        return;
      }
      d = xmm0;
    }
    if (x !== d) cg.loadXmm(d, inst.args[0]);
    op.call(a, d, y);
  }
  if (d === xmm0) cg.storeXmm(r, xmm0);
}

/** Float to int: `f64` source, `wide` (i64) result, `signed`, `sat`urating. */
function truncate(
  cg: FuncCodegen,
  inst: Inst,
  f64: boolean,
  wide: boolean,
  signed: boolean,
  sat: boolean,
): void {
  const a = cg.a;
  const size = wide ? S64 : S32;
  const nan = a.newLabel();
  const low = a.newLabel();
  const high = a.newLabel();
  const done = a.newLabel();
  const cvt = (dstSize: typeof S32 | typeof S64): void => {
    if (f64) a.cvttsd2si(dstSize, rax, xmm0);
    else a.cvttss2si(dstSize, rax, xmm0);
  };
  cg.loadXmm(xmm0, inst.args[0]);
  ucomi(cg, f64, xmm0, xmm0);
  a.jcc(Cond.P, nan);
  const bits = wide ? 64 : 32;
  const lo = signed ? -(2 ** (bits - 1)) : -1;
  const loInclusive = signed && (wide || !f64);
  loadConst(cg, xmm1, signed && !loInclusive ? lo - 1 : lo, f64);
  ucomi(cg, f64, xmm0, xmm1);
  a.jcc(loInclusive ? Cond.B : Cond.BE, low);
  loadConst(cg, xmm1, signed ? 2 ** (bits - 1) : 2 ** bits, f64);
  ucomi(cg, f64, xmm0, xmm1);
  a.jcc(Cond.AE, high);
  if (signed) cvt(size);
  else if (!wide) {
    cvt(S64);
    a.mov(S32, rax, rax);
  } else {
    const big = a.newLabel();
    loadConst(cg, xmm1, 2 ** 63, f64);
    ucomi(cg, f64, xmm0, xmm1);
    a.jcc(Cond.AE, big);
    cvt(S64);
    a.jmp(done);
    a.bind(big);
    if (f64) a.subsd(xmm0, xmm1);
    else a.subss(xmm0, xmm1);
    cvt(S64);
    a.movImm64(rcx, 1n << 63n);
    a.xor(S64, rax, rcx);
  }
  a.jmp(done);
  const limit = (which: "min" | "max"): void => {
    if (!signed) {
      if (which === "min") a.xor(S32, rax, rax);
      else a.movImm64(rax, wide ? (1n << 64n) - 1n : 0xffff_ffffn);
    } else if (wide) a.movImm64(rax, which === "min" ? 1n << 63n : (1n << 63n) - 1n);
    else a.mov(S32, rax, which === "min" ? 0x8000_0000 : 0x7fff_ffff);
    a.jmp(done);
  };
  a.bind(nan);
  if (sat) {
    a.xor(S32, rax, rax);
    a.jmp(done);
  } else a.jmp(cg.trap(TrapKind.invalidConversion, inst.offset));
  a.bind(low);
  if (sat) limit("min");
  else a.jmp(cg.trap(TrapKind.integerOverflow, inst.offset));
  a.bind(high);
  if (sat) limit("max");
  else a.jmp(cg.trap(TrapKind.integerOverflow, inst.offset));
  a.bind(done);
  cg.storeGpr(inst.results[0], rax);
}

function convert(cg: FuncCodegen, inst: Inst, f64: boolean, wide: boolean, signed: boolean): void {
  const a = cg.a;
  const cvt = (size: typeof S32 | typeof S64, src: typeof rax): void => {
    if (f64) a.cvtsi2sd(xmm0, size, src);
    else a.cvtsi2ss(xmm0, size, src);
  };
  cg.loadGpr(rax, inst.args[0]);
  a.xorps(xmm0, xmm0);
  if (!wide) {
    if (signed) cvt(S32, rax);
    else {
      a.mov(S32, rax, rax);
      cvt(S64, rax);
    }
  } else if (signed) cvt(S64, rax);
  else {
    const big = a.newLabel();
    const done = a.newLabel();
    a.test(S64, rax, rax);
    a.jcc(Cond.S, big);
    cvt(S64, rax);
    a.jmp(done);
    a.bind(big);
    a.mov(S64, rcx, rax);
    a.shr(S64, rcx, 1);
    a.and(S32, rax, 1);
    a.or(S64, rcx, rax);
    cvt(S64, rcx);
    if (f64) a.addsd(xmm0, xmm0);
    else a.addss(xmm0, xmm0);
    a.bind(done);
  }
  cg.storeXmm(inst.results[0], xmm0);
}

/** Selects float operations; returns false for other operations. */
export function selectFloat(cg: FuncCodegen, inst: Inst): boolean {
  const a = cg.a;
  const op = inst.op;
  if (op >= 0x5b && op <= 0x60) compare(cg, inst, false, op - 0x5b);
  else if (op >= 0x61 && op <= 0x66) compare(cg, inst, true, op - 0x61);
  else if (op >= 0x8b && op <= 0x98) arith(cg, inst, false, op - 0x8b);
  else if (op >= 0x99 && op <= 0xa6) arith(cg, inst, true, op - 0x99);
  else if (truncationOf(op) !== null) {
    const { f64, wide, signed, saturating } = truncationOf(op) as Truncation;
    truncate(cg, inst, f64, wide, signed, saturating);
  } else if (op >= 0xb2 && op <= 0xb5) convert(cg, inst, false, op >= 0xb4, op % 2 === 0);
  else if (op >= 0xb7 && op <= 0xba) convert(cg, inst, true, op >= 0xb9, op % 2 === 1);
  else if (op === 0xb6 || op === 0xbb) {
    cg.loadXmm(xmm0, inst.args[0]);
    if (op === 0xb6) a.cvtsd2ss(xmm0, xmm0);
    else a.cvtss2sd(xmm0, xmm0);
    cg.storeXmm(inst.results[0], xmm0);
  } else return false;
  return true;
}
