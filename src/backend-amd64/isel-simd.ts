/**
 * Native SIMD on SSE4.1 for the operations x86 computes exactly as wasm specifies: v128 loads and
 * stores (bounds-checked like scalar accesses), bitwise operations, integer add/sub/mul/min/max/
 * average/abs and equality/greater-than comparisons, f32x4/f64x2 arithmetic and square root,
 * splats, lane extraction and replacement, and `v128.any_true`. The remaining SIMD operations run
 * as runtime helpers (see `src/backend/README.md`).
 */
import { OPCODES } from "../frontend/opcodes.js";
import type { Inst } from "../ir/types.js";
import type { Assembler } from "./assembler.js";
import type { FuncCodegen } from "./codegen.js";
import { address } from "./isel-mem.js";
import { Cond, rax, S8, S16, S32, type Xmm, xmm0, xmm1, xmm15 } from "./registers.js";

type Binary = (a: Assembler, dst: Xmm, src: Xmm) => void;

const BINARY: Readonly<Record<string, Binary>> = {
  "v128.and": (a, d, s) => a.pand(d, s),
  "v128.or": (a, d, s) => a.por(d, s),
  "v128.xor": (a, d, s) => a.pxor(d, s),
  "i8x16.add": (a, d, s) => a.paddb(d, s),
  "i8x16.add_sat_s": (a, d, s) => a.paddsb(d, s),
  "i8x16.add_sat_u": (a, d, s) => a.paddusb(d, s),
  "i8x16.sub": (a, d, s) => a.psubb(d, s),
  "i8x16.sub_sat_s": (a, d, s) => a.psubsb(d, s),
  "i8x16.sub_sat_u": (a, d, s) => a.psubusb(d, s),
  "i8x16.min_s": (a, d, s) => a.pminsb(d, s),
  "i8x16.min_u": (a, d, s) => a.pminub(d, s),
  "i8x16.max_s": (a, d, s) => a.pmaxsb(d, s),
  "i8x16.max_u": (a, d, s) => a.pmaxub(d, s),
  "i8x16.avgr_u": (a, d, s) => a.pavgb(d, s),
  "i8x16.eq": (a, d, s) => a.pcmpeqb(d, s),
  "i8x16.gt_s": (a, d, s) => a.pcmpgtb(d, s),
  "i16x8.add": (a, d, s) => a.paddw(d, s),
  "i16x8.add_sat_s": (a, d, s) => a.paddsw(d, s),
  "i16x8.add_sat_u": (a, d, s) => a.paddusw(d, s),
  "i16x8.sub": (a, d, s) => a.psubw(d, s),
  "i16x8.sub_sat_s": (a, d, s) => a.psubsw(d, s),
  "i16x8.sub_sat_u": (a, d, s) => a.psubusw(d, s),
  "i16x8.mul": (a, d, s) => a.pmullw(d, s),
  "i16x8.min_s": (a, d, s) => a.pminsw(d, s),
  "i16x8.min_u": (a, d, s) => a.pminuw(d, s),
  "i16x8.max_s": (a, d, s) => a.pmaxsw(d, s),
  "i16x8.max_u": (a, d, s) => a.pmaxuw(d, s),
  "i16x8.avgr_u": (a, d, s) => a.pavgw(d, s),
  "i16x8.eq": (a, d, s) => a.pcmpeqw(d, s),
  "i16x8.gt_s": (a, d, s) => a.pcmpgtw(d, s),
  "i32x4.add": (a, d, s) => a.paddd(d, s),
  "i32x4.sub": (a, d, s) => a.psubd(d, s),
  "i32x4.mul": (a, d, s) => a.pmulld(d, s),
  "i32x4.min_s": (a, d, s) => a.pminsd(d, s),
  "i32x4.min_u": (a, d, s) => a.pminud(d, s),
  "i32x4.max_s": (a, d, s) => a.pmaxsd(d, s),
  "i32x4.max_u": (a, d, s) => a.pmaxud(d, s),
  "i32x4.eq": (a, d, s) => a.pcmpeqd(d, s),
  "i32x4.gt_s": (a, d, s) => a.pcmpgtd(d, s),
  "i32x4.dot_i16x8_s": (a, d, s) => a.pmaddwd(d, s),
  "i64x2.add": (a, d, s) => a.paddq(d, s),
  "i64x2.sub": (a, d, s) => a.psubq(d, s),
  "i64x2.eq": (a, d, s) => a.pcmpeqq(d, s),
  "f32x4.add": (a, d, s) => a.addps(d, s),
  "f32x4.sub": (a, d, s) => a.subps(d, s),
  "f32x4.mul": (a, d, s) => a.mulps(d, s),
  "f32x4.div": (a, d, s) => a.divps(d, s),
  "f64x2.add": (a, d, s) => a.addpd(d, s),
  "f64x2.sub": (a, d, s) => a.subpd(d, s),
  "f64x2.mul": (a, d, s) => a.mulpd(d, s),
  "f64x2.div": (a, d, s) => a.divpd(d, s),
  // Unary operations: `src` is the operand, `dst` receives the result.
  "f32x4.sqrt": (a, d, s) => a.sqrtps(d, s),
  "f64x2.sqrt": (a, d, s) => a.sqrtpd(d, s),
  "i8x16.abs": (a, d, s) => a.pabsb(d, s),
  "i16x8.abs": (a, d, s) => a.pabsw(d, s),
  "i32x4.abs": (a, d, s) => a.pabsd(d, s),
};

const UNARY = new Set(["f32x4.sqrt", "f64x2.sqrt", "i8x16.abs", "i16x8.abs", "i32x4.abs"]);

/** Equalities whose negation gives `ne`. */
const NOT_EQUAL: Readonly<Record<string, string>> = {
  "i8x16.ne": "i8x16.eq",
  "i16x8.ne": "i16x8.eq",
  "i32x4.ne": "i32x4.eq",
  "i64x2.ne": "i64x2.eq",
};

const OTHER = new Set([
  "v128.load",
  "v128.store",
  "v128.not",
  "v128.andnot",
  "v128.bitselect",
  "v128.any_true",
  "i8x16.splat",
  "i16x8.splat",
  "i32x4.splat",
  "i64x2.splat",
  "f32x4.splat",
  "f64x2.splat",
  "i8x16.extract_lane_s",
  "i8x16.extract_lane_u",
  "i16x8.extract_lane_s",
  "i16x8.extract_lane_u",
  "i32x4.extract_lane",
  "i64x2.extract_lane",
  "f32x4.extract_lane",
  "f64x2.extract_lane",
  "i8x16.replace_lane",
  "i16x8.replace_lane",
  "i32x4.replace_lane",
  "i64x2.replace_lane",
  "f32x4.replace_lane",
  "f64x2.replace_lane",
]);

const nameOf = new Map<number, string>();
for (const info of OPCODES) {
  if (info.code < 0xfd00 || info.code > 0xfdff) continue;
  if (info.name in BINARY || info.name in NOT_EQUAL || OTHER.has(info.name)) nameOf.set(info.code, info.name);
}

/** Whether the SIMD operation `op` is compiled natively (all others are runtime helpers). */
export function isNativeSimd(op: number): boolean {
  return nameOf.has(op) || op === 0xfd0c;
}

function allOnes(a: Assembler, x: Xmm): void {
  a.pcmpeqd(x, x);
}

function lanes(cg: FuncCodegen, inst: Inst, name: string): void {
  const a = cg.a;
  const r = inst.results[0];
  const lane = inst.a;
  if (name.includes("extract_lane")) {
    cg.loadXmm(xmm0, inst.args[0]);
    if (name.startsWith("i8x16")) {
      a.pextrb(rax, xmm0, lane);
      if (name.endsWith("_s")) a.movsx(S32, rax, S8, rax);
    } else if (name.startsWith("i16x8")) {
      a.pextrw(rax, xmm0, lane);
      if (name.endsWith("_s")) a.movsx(S32, rax, S16, rax);
    } else if (name.startsWith("i32x4") || name.startsWith("f32x4")) a.pextrd(rax, xmm0, lane);
    else a.pextrq(rax, xmm0, lane);
    cg.storeGpr(r, rax);
    return;
  }
  cg.loadXmm(xmm0, inst.args[0]);
  cg.loadGpr(rax, inst.args[1]);
  if (name.startsWith("i8x16")) a.pinsrb(xmm0, rax, lane);
  else if (name.startsWith("i16x8")) a.pinsrw(xmm0, rax, lane);
  else if (name.startsWith("i32x4") || name.startsWith("f32x4")) a.pinsrd(xmm0, rax, lane);
  else a.pinsrq(xmm0, rax, lane);
  cg.storeXmm(r, xmm0);
}

function splat(cg: FuncCodegen, inst: Inst, name: string): void {
  const a = cg.a;
  cg.loadGpr(rax, inst.args[0]);
  a.movq(xmm0, rax);
  if (name === "i8x16.splat") {
    a.pxor(xmm1, xmm1);
    a.pshufb(xmm0, xmm1);
  } else if (name === "i16x8.splat") {
    a.pshuflw(xmm0, xmm0, 0);
    a.pshufd(xmm0, xmm0, 0);
  } else if (name === "i32x4.splat" || name === "f32x4.splat") {
    a.pshufd(xmm0, xmm0, 0);
  } else {
    a.punpcklqdq(xmm0, xmm0);
  }
  cg.storeXmm(inst.results[0], xmm0);
}

/** Selects native SIMD operations; returns false for other operations. */
export function selectSimd(cg: FuncCodegen, inst: Inst): boolean {
  const name = nameOf.get(inst.op);
  if (name === undefined) return false;
  const a = cg.a;
  const r = inst.results[0];
  const binary = BINARY[name];
  if (binary !== undefined) {
    if (UNARY.has(name)) {
      cg.loadXmm(xmm1, inst.args[0]);
      binary(a, xmm0, xmm1);
    } else {
      cg.loadXmm(xmm0, inst.args[0]);
      cg.loadXmm(xmm1, inst.args[1]);
      binary(a, xmm0, xmm1);
    }
    cg.storeXmm(r, xmm0);
    return true;
  }
  const eq = NOT_EQUAL[name];
  if (eq !== undefined) {
    cg.loadXmm(xmm0, inst.args[0]);
    cg.loadXmm(xmm1, inst.args[1]);
    (BINARY[eq] as Binary)(a, xmm0, xmm1);
    allOnes(a, xmm1);
    a.pxor(xmm0, xmm1);
    cg.storeXmm(r, xmm0);
    return true;
  }
  switch (name) {
    case "v128.load":
      cg.loadGpr(rax, inst.args[0]);
      a.movdqu(xmm0, address(cg, inst, 16));
      cg.storeXmm(r, xmm0);
      return true;
    case "v128.store":
      cg.loadXmm(xmm0, inst.args[1]);
      cg.loadGpr(rax, inst.args[0]);
      a.movdqu(address(cg, inst, 16), xmm0);
      return true;
    case "v128.not":
      cg.loadXmm(xmm0, inst.args[0]);
      allOnes(a, xmm1);
      a.pxor(xmm0, xmm1);
      cg.storeXmm(r, xmm0);
      return true;
    case "v128.andnot":
      // a & ~b: pandn complements its destination.
      cg.loadXmm(xmm0, inst.args[0]);
      cg.loadXmm(xmm1, inst.args[1]);
      a.pandn(xmm1, xmm0);
      cg.storeXmm(r, xmm1);
      return true;
    case "v128.bitselect":
      cg.loadXmm(xmm0, inst.args[0]);
      cg.loadXmm(xmm1, inst.args[1]);
      cg.loadXmm(xmm15, inst.args[2]);
      a.pand(xmm0, xmm15);
      a.pandn(xmm15, xmm1);
      a.por(xmm0, xmm15);
      cg.storeXmm(r, xmm0);
      return true;
    case "v128.any_true":
      cg.loadXmm(xmm0, inst.args[0]);
      a.xor(S32, rax, rax);
      a.ptest(xmm0, xmm0);
      a.setcc(Cond.NE, rax);
      cg.storeGpr(r, rax);
      return true;
  }
  if (name.endsWith(".splat")) splat(cg, inst, name);
  else lanes(cg, inst, name);
  return true;
}
