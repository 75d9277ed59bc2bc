/**
 * Native SIMD on SSE4.1 for the operations x86 computes exactly as wasm specifies: v128 loads and
 * stores (bounds-checked like scalar accesses), bitwise operations, integer add/sub/mul/min/max/
 * average/abs, comparisons (but i64x2 ordering), narrowing, low-half extensions, f32x4/f64x2
 * arithmetic, square root, rounding and comparisons, i32-to-float conversions, promotion,
 * float abs/neg, 16/32/64-bit shifts (but i64x2.shr_s), shuffle, swizzle, bitmask,
 * `all_true`/`any_true`, splats, lane extraction and replacement. The remaining SIMD operations run
 * as runtime helpers (see `src/backend/README.md`).
 * Where the CPU has AVX, the packed two-operand operations use their VEX three-operand forms.
 */
import { OPCODES } from "../frontend/opcodes.js";
import type { Inst } from "../ir/types.js";
import type { Assembler } from "./assembler.js";
import type { FuncCodegen } from "./codegen.js";
import { address } from "./isel-mem.js";
import type { Mem } from "./operands.js";
import { Cond, rax, S8, S16, S32, type Xmm, xmm0, xmm1, xmm15 } from "./registers.js";

type Binary = (a: Assembler, dst: Xmm, src: Xmm) => void;

/** `dst = a op b` in a VEX three-operand form (`b` may be in memory). */
type Vex3 = (a: Assembler, dst: Xmm, x: Xmm, y: Xmm | Mem) => void;

/** A packed operation: its two-operand SSE form and its VEX three-operand twin (used with AVX). */
type Packed = readonly [Binary, Vex3];

const BINARY: Readonly<Record<string, Packed>> = {
  "v128.and": [(a, d, s) => a.pand(d, s), (a, d, x, y) => a.vpand(d, x, y)],
  "v128.or": [(a, d, s) => a.por(d, s), (a, d, x, y) => a.vpor(d, x, y)],
  "v128.xor": [(a, d, s) => a.pxor(d, s), (a, d, x, y) => a.vpxor(d, x, y)],
  "i8x16.add": [(a, d, s) => a.paddb(d, s), (a, d, x, y) => a.vpaddb(d, x, y)],
  "i8x16.add_sat_s": [(a, d, s) => a.paddsb(d, s), (a, d, x, y) => a.vpaddsb(d, x, y)],
  "i8x16.add_sat_u": [(a, d, s) => a.paddusb(d, s), (a, d, x, y) => a.vpaddusb(d, x, y)],
  "i8x16.sub": [(a, d, s) => a.psubb(d, s), (a, d, x, y) => a.vpsubb(d, x, y)],
  "i8x16.sub_sat_s": [(a, d, s) => a.psubsb(d, s), (a, d, x, y) => a.vpsubsb(d, x, y)],
  "i8x16.sub_sat_u": [(a, d, s) => a.psubusb(d, s), (a, d, x, y) => a.vpsubusb(d, x, y)],
  "i8x16.min_s": [(a, d, s) => a.pminsb(d, s), (a, d, x, y) => a.vpminsb(d, x, y)],
  "i8x16.min_u": [(a, d, s) => a.pminub(d, s), (a, d, x, y) => a.vpminub(d, x, y)],
  "i8x16.max_s": [(a, d, s) => a.pmaxsb(d, s), (a, d, x, y) => a.vpmaxsb(d, x, y)],
  "i8x16.max_u": [(a, d, s) => a.pmaxub(d, s), (a, d, x, y) => a.vpmaxub(d, x, y)],
  "i8x16.avgr_u": [(a, d, s) => a.pavgb(d, s), (a, d, x, y) => a.vpavgb(d, x, y)],
  "i8x16.eq": [(a, d, s) => a.pcmpeqb(d, s), (a, d, x, y) => a.vpcmpeqb(d, x, y)],
  "i8x16.gt_s": [(a, d, s) => a.pcmpgtb(d, s), (a, d, x, y) => a.vpcmpgtb(d, x, y)],
  "i16x8.add": [(a, d, s) => a.paddw(d, s), (a, d, x, y) => a.vpaddw(d, x, y)],
  "i16x8.add_sat_s": [(a, d, s) => a.paddsw(d, s), (a, d, x, y) => a.vpaddsw(d, x, y)],
  "i16x8.add_sat_u": [(a, d, s) => a.paddusw(d, s), (a, d, x, y) => a.vpaddusw(d, x, y)],
  "i16x8.sub": [(a, d, s) => a.psubw(d, s), (a, d, x, y) => a.vpsubw(d, x, y)],
  "i16x8.sub_sat_s": [(a, d, s) => a.psubsw(d, s), (a, d, x, y) => a.vpsubsw(d, x, y)],
  "i16x8.sub_sat_u": [(a, d, s) => a.psubusw(d, s), (a, d, x, y) => a.vpsubusw(d, x, y)],
  "i16x8.mul": [(a, d, s) => a.pmullw(d, s), (a, d, x, y) => a.vpmullw(d, x, y)],
  "i16x8.min_s": [(a, d, s) => a.pminsw(d, s), (a, d, x, y) => a.vpminsw(d, x, y)],
  "i16x8.min_u": [(a, d, s) => a.pminuw(d, s), (a, d, x, y) => a.vpminuw(d, x, y)],
  "i16x8.max_s": [(a, d, s) => a.pmaxsw(d, s), (a, d, x, y) => a.vpmaxsw(d, x, y)],
  "i16x8.max_u": [(a, d, s) => a.pmaxuw(d, s), (a, d, x, y) => a.vpmaxuw(d, x, y)],
  "i16x8.avgr_u": [(a, d, s) => a.pavgw(d, s), (a, d, x, y) => a.vpavgw(d, x, y)],
  "i16x8.eq": [(a, d, s) => a.pcmpeqw(d, s), (a, d, x, y) => a.vpcmpeqw(d, x, y)],
  "i16x8.gt_s": [(a, d, s) => a.pcmpgtw(d, s), (a, d, x, y) => a.vpcmpgtw(d, x, y)],
  "i32x4.add": [(a, d, s) => a.paddd(d, s), (a, d, x, y) => a.vpaddd(d, x, y)],
  "i32x4.sub": [(a, d, s) => a.psubd(d, s), (a, d, x, y) => a.vpsubd(d, x, y)],
  "i32x4.mul": [(a, d, s) => a.pmulld(d, s), (a, d, x, y) => a.vpmulld(d, x, y)],
  "i32x4.min_s": [(a, d, s) => a.pminsd(d, s), (a, d, x, y) => a.vpminsd(d, x, y)],
  "i32x4.min_u": [(a, d, s) => a.pminud(d, s), (a, d, x, y) => a.vpminud(d, x, y)],
  "i32x4.max_s": [(a, d, s) => a.pmaxsd(d, s), (a, d, x, y) => a.vpmaxsd(d, x, y)],
  "i32x4.max_u": [(a, d, s) => a.pmaxud(d, s), (a, d, x, y) => a.vpmaxud(d, x, y)],
  "i32x4.eq": [(a, d, s) => a.pcmpeqd(d, s), (a, d, x, y) => a.vpcmpeqd(d, x, y)],
  "i32x4.gt_s": [(a, d, s) => a.pcmpgtd(d, s), (a, d, x, y) => a.vpcmpgtd(d, x, y)],
  "i32x4.dot_i16x8_s": [(a, d, s) => a.pmaddwd(d, s), (a, d, x, y) => a.vpmaddwd(d, x, y)],
  "i64x2.add": [(a, d, s) => a.paddq(d, s), (a, d, x, y) => a.vpaddq(d, x, y)],
  "i64x2.sub": [(a, d, s) => a.psubq(d, s), (a, d, x, y) => a.vpsubq(d, x, y)],
  "i64x2.eq": [(a, d, s) => a.pcmpeqq(d, s), (a, d, x, y) => a.vpcmpeqq(d, x, y)],
  "f32x4.add": [(a, d, s) => a.addps(d, s), (a, d, x, y) => a.vaddps(d, x, y)],
  "f32x4.sub": [(a, d, s) => a.subps(d, s), (a, d, x, y) => a.vsubps(d, x, y)],
  "f32x4.mul": [(a, d, s) => a.mulps(d, s), (a, d, x, y) => a.vmulps(d, x, y)],
  "f32x4.div": [(a, d, s) => a.divps(d, s), (a, d, x, y) => a.vdivps(d, x, y)],
  "f64x2.add": [(a, d, s) => a.addpd(d, s), (a, d, x, y) => a.vaddpd(d, x, y)],
  "f64x2.sub": [(a, d, s) => a.subpd(d, s), (a, d, x, y) => a.vsubpd(d, x, y)],
  "f64x2.mul": [(a, d, s) => a.mulpd(d, s), (a, d, x, y) => a.vmulpd(d, x, y)],
  "f64x2.div": [(a, d, s) => a.divpd(d, s), (a, d, x, y) => a.vdivpd(d, x, y)],
  "i8x16.narrow_i16x8_s": [(a, d, s) => a.packsswb(d, s), (a, d, x, y) => a.vpacksswb(d, x, y)],
  "i8x16.narrow_i16x8_u": [(a, d, s) => a.packuswb(d, s), (a, d, x, y) => a.vpackuswb(d, x, y)],
  "i16x8.narrow_i32x4_s": [(a, d, s) => a.packssdw(d, s), (a, d, x, y) => a.vpackssdw(d, x, y)],
  "i16x8.narrow_i32x4_u": [(a, d, s) => a.packusdw(d, s), (a, d, x, y) => a.vpackusdw(d, x, y)],
  "f32x4.eq": [(a, d, s) => a.cmpps(d, s, 0), (a, d, x, y) => a.vcmpps(d, x, y, 0)],
  "f32x4.lt": [(a, d, s) => a.cmpps(d, s, 1), (a, d, x, y) => a.vcmpps(d, x, y, 1)],
  "f32x4.le": [(a, d, s) => a.cmpps(d, s, 2), (a, d, x, y) => a.vcmpps(d, x, y, 2)],
  "f32x4.ne": [(a, d, s) => a.cmpps(d, s, 4), (a, d, x, y) => a.vcmpps(d, x, y, 4)],
  "f64x2.eq": [(a, d, s) => a.cmppd(d, s, 0), (a, d, x, y) => a.vcmppd(d, x, y, 0)],
  "f64x2.lt": [(a, d, s) => a.cmppd(d, s, 1), (a, d, x, y) => a.vcmppd(d, x, y, 1)],
  "f64x2.le": [(a, d, s) => a.cmppd(d, s, 2), (a, d, x, y) => a.vcmppd(d, x, y, 2)],
  "f64x2.ne": [(a, d, s) => a.cmppd(d, s, 4), (a, d, x, y) => a.vcmppd(d, x, y, 4)],
  // x86 min/max, only used through DERIVED (pmin/pmax); no wasm operation has these names.
  "f32x4.min_ps": [(a, d, s) => a.minps(d, s), (a, d, x, y) => a.vminps(d, x, y)],
  "f32x4.max_ps": [(a, d, s) => a.maxps(d, s), (a, d, x, y) => a.vmaxps(d, x, y)],
  "f64x2.min_pd": [(a, d, s) => a.minpd(d, s), (a, d, x, y) => a.vminpd(d, x, y)],
  "f64x2.max_pd": [(a, d, s) => a.maxpd(d, s), (a, d, x, y) => a.vmaxpd(d, x, y)],
};

/** Unary operations: `src` is the operand, `dst` receives the result. */
const UNARY: Readonly<Record<string, Binary>> = {
  "i16x8.extend_low_i8x16_s": (a, d, s) => a.pmovsxbw(d, s),
  "i16x8.extend_low_i8x16_u": (a, d, s) => a.pmovzxbw(d, s),
  "i32x4.extend_low_i16x8_s": (a, d, s) => a.pmovsxwd(d, s),
  "i32x4.extend_low_i16x8_u": (a, d, s) => a.pmovzxwd(d, s),
  "i64x2.extend_low_i32x4_s": (a, d, s) => a.pmovsxdq(d, s),
  "i64x2.extend_low_i32x4_u": (a, d, s) => a.pmovzxdq(d, s),
  "f32x4.convert_i32x4_s": (a, d, s) => a.cvtdq2ps(d, s),
  "f64x2.convert_low_i32x4_s": (a, d, s) => a.cvtdq2pd(d, s),
  "f64x2.promote_low_f32x4": (a, d, s) => a.cvtps2pd(d, s),
  "f32x4.ceil": (a, d, s) => a.roundps(d, s, 2 | 8),
  "f32x4.floor": (a, d, s) => a.roundps(d, s, 1 | 8),
  "f32x4.trunc": (a, d, s) => a.roundps(d, s, 3 | 8),
  "f32x4.nearest": (a, d, s) => a.roundps(d, s, 0 | 8),
  "f64x2.ceil": (a, d, s) => a.roundpd(d, s, 2 | 8),
  "f64x2.floor": (a, d, s) => a.roundpd(d, s, 1 | 8),
  "f64x2.trunc": (a, d, s) => a.roundpd(d, s, 3 | 8),
  "f64x2.nearest": (a, d, s) => a.roundpd(d, s, 0 | 8),
  "f32x4.sqrt": (a, d, s) => a.sqrtps(d, s),
  "f64x2.sqrt": (a, d, s) => a.sqrtpd(d, s),
  "i8x16.abs": (a, d, s) => a.pabsb(d, s),
  "i16x8.abs": (a, d, s) => a.pabsw(d, s),
  "i32x4.abs": (a, d, s) => a.pabsd(d, s),
};

/** Comparisons computed from another one with swapped operands (`gt` = `lt` of b, a) and/or negated. */
const DERIVED: Readonly<Record<string, readonly [string, boolean, boolean]>> = {
  // name: [base, swap operands, negate]
  "i8x16.lt_s": ["i8x16.gt_s", true, false],
  "i8x16.le_s": ["i8x16.gt_s", false, true],
  "i8x16.ge_s": ["i8x16.gt_s", true, true],
  "i16x8.lt_s": ["i16x8.gt_s", true, false],
  "i16x8.le_s": ["i16x8.gt_s", false, true],
  "i16x8.ge_s": ["i16x8.gt_s", true, true],
  "i32x4.lt_s": ["i32x4.gt_s", true, false],
  "i32x4.le_s": ["i32x4.gt_s", false, true],
  "i32x4.ge_s": ["i32x4.gt_s", true, true],
  "f32x4.gt": ["f32x4.lt", true, false],
  "f32x4.ge": ["f32x4.le", true, false],
  "f64x2.gt": ["f64x2.lt", true, false],
  "f64x2.ge": ["f64x2.le", true, false],
  "i8x16.ne": ["i8x16.eq", false, true],
  "i16x8.ne": ["i16x8.eq", false, true],
  // pmin(a, b) = b < a ? b : a and pmax(a, b) = a < b ? b : a are minps/maxps with b first.
  "f32x4.pmin": ["f32x4.min_ps", true, false],
  "f32x4.pmax": ["f32x4.max_ps", true, false],
  "f64x2.pmin": ["f64x2.min_pd", true, false],
  "f64x2.pmax": ["f64x2.max_pd", true, false],
  "i32x4.ne": ["i32x4.eq", false, true],
  "i64x2.ne": ["i64x2.eq", false, true],
};

/** Unsigned comparisons through min/max: `a >= b` iff `max(a, b) == a`; [max or min, eq, negate]. */
const UNSIGNED: Readonly<Record<string, readonly [string, string, boolean]>> = {
  "i8x16.ge_u": ["i8x16.max_u", "i8x16.eq", false],
  "i8x16.lt_u": ["i8x16.max_u", "i8x16.eq", true],
  "i8x16.le_u": ["i8x16.min_u", "i8x16.eq", false],
  "i8x16.gt_u": ["i8x16.min_u", "i8x16.eq", true],
  "i16x8.ge_u": ["i16x8.max_u", "i16x8.eq", false],
  "i16x8.lt_u": ["i16x8.max_u", "i16x8.eq", true],
  "i16x8.le_u": ["i16x8.min_u", "i16x8.eq", false],
  "i16x8.gt_u": ["i16x8.min_u", "i16x8.eq", true],
  "i32x4.ge_u": ["i32x4.max_u", "i32x4.eq", false],
  "i32x4.lt_u": ["i32x4.max_u", "i32x4.eq", true],
  "i32x4.le_u": ["i32x4.min_u", "i32x4.eq", false],
  "i32x4.gt_u": ["i32x4.min_u", "i32x4.eq", true],
};

/** Shifts: [instruction, lane bits]. */
const SHIFTS: Readonly<Record<string, readonly [Binary, number]>> = {
  "i16x8.shl": [(a, d, s) => a.psllw(d, s), 16],
  "i16x8.shr_s": [(a, d, s) => a.psraw(d, s), 16],
  "i16x8.shr_u": [(a, d, s) => a.psrlw(d, s), 16],
  "i32x4.shl": [(a, d, s) => a.pslld(d, s), 32],
  "i32x4.shr_s": [(a, d, s) => a.psrad(d, s), 32],
  "i32x4.shr_u": [(a, d, s) => a.psrld(d, s), 32],
  "i64x2.shl": [(a, d, s) => a.psllq(d, s), 64],
  "i64x2.shr_u": [(a, d, s) => a.psrlq(d, s), 64],
};

/** `all_true`: equality with zero per lane. */
const ALL_TRUE: Readonly<Record<string, Binary>> = {
  "i8x16.all_true": (a, d, s) => a.pcmpeqb(d, s),
  "i16x8.all_true": (a, d, s) => a.pcmpeqw(d, s),
  "i32x4.all_true": (a, d, s) => a.pcmpeqd(d, s),
  "i64x2.all_true": (a, d, s) => a.pcmpeqq(d, s),
};

/** Float sign operations: [lane mask, and (abs) or xor (neg)]. */
const SIGN: Readonly<Record<string, readonly [bigint, "and" | "xor"]>> = {
  "f32x4.abs": [0x7fff_ffff_7fff_ffffn, "and"],
  "f32x4.neg": [0x8000_0000_8000_0000n, "xor"],
  "f64x2.abs": [0x7fff_ffff_ffff_ffffn, "and"],
  "f64x2.neg": [0x8000_0000_0000_0000n, "xor"],
};

const OTHER = new Set([
  "i8x16.shuffle",
  "i8x16.swizzle",
  "i8x16.bitmask",
  "i16x8.bitmask",
  "i32x4.bitmask",
  "i64x2.bitmask",
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
  const n = info.name;
  if (
    n in BINARY ||
    n in UNARY ||
    n in SHIFTS ||
    n in ALL_TRUE ||
    n in SIGN ||
    n in DERIVED ||
    n in UNSIGNED ||
    OTHER.has(n)
  )
    nameOf.set(info.code, n);
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
  const unary = UNARY[name];
  if (unary !== undefined) {
    cg.loadXmm(xmm1, inst.args[0]);
    unary(a, xmm0, xmm1);
    cg.storeXmm(r, xmm0);
    return true;
  }
  const binary = BINARY[name];
  if (binary !== undefined) {
    const x = cg.operand(inst.args[0]);
    if (cg.info.avx && x.kind === "xmm") {
      // Three-operand VEX form straight from the allocated registers.
      const ro = cg.operand(r);
      const d = ro.kind === "xmm" ? ro : xmm0;
      binary[1](a, d, x, cg.operand(inst.args[1]) as Xmm | Mem);
      if (d === xmm0) cg.storeXmm(r, xmm0);
      return true;
    }
    cg.loadXmm(xmm0, inst.args[0]);
    cg.loadXmm(xmm1, inst.args[1]);
    binary[0](a, xmm0, xmm1);
    cg.storeXmm(r, xmm0);
    return true;
  }
  const derived = DERIVED[name];
  if (derived !== undefined) {
    const [base, swap, negate] = derived;
    cg.loadXmm(xmm0, inst.args[swap ? 1 : 0]);
    cg.loadXmm(xmm1, inst.args[swap ? 0 : 1]);
    (BINARY[base] as Packed)[0](a, xmm0, xmm1);
    if (negate) {
      allOnes(a, xmm1);
      a.pxor(xmm0, xmm1);
    }
    cg.storeXmm(r, xmm0);
    return true;
  }
  const unsigned = UNSIGNED[name];
  if (unsigned !== undefined) {
    const [minMax, eq, negate] = unsigned;
    cg.loadXmm(xmm0, inst.args[0]);
    cg.loadXmm(xmm1, inst.args[1]);
    (BINARY[minMax] as Packed)[0](a, xmm1, xmm0);
    (BINARY[eq] as Packed)[0](a, xmm0, xmm1);
    if (negate) {
      allOnes(a, xmm1);
      a.pxor(xmm0, xmm1);
    }
    cg.storeXmm(r, xmm0);
    return true;
  }
  const shift = SHIFTS[name];
  if (shift !== undefined) {
    cg.loadXmm(xmm0, inst.args[0]);
    cg.loadGpr(rax, inst.args[1]);
    a.and(S32, rax, shift[1] - 1);
    a.movq(xmm1, rax);
    shift[0](a, xmm0, xmm1);
    cg.storeXmm(r, xmm0);
    return true;
  }
  const allTrue = ALL_TRUE[name];
  if (allTrue !== undefined) {
    // True when no lane equals zero.
    cg.loadXmm(xmm0, inst.args[0]);
    a.pxor(xmm1, xmm1);
    allTrue(a, xmm1, xmm0);
    a.xor(S32, rax, rax);
    a.ptest(xmm1, xmm1);
    a.setcc(Cond.E, rax);
    cg.storeGpr(r, rax);
    return true;
  }
  const sign = SIGN[name];
  if (sign !== undefined) {
    const mask = new Uint8Array(16);
    const view = new DataView(mask.buffer);
    view.setBigUint64(0, sign[0], true);
    view.setBigUint64(8, sign[0], true);
    cg.loadXmm(xmm0, inst.args[0]);
    cg.v128Const(xmm1, mask);
    if (sign[1] === "and") a.pand(xmm0, xmm1);
    else a.pxor(xmm0, xmm1);
    cg.storeXmm(r, xmm0);
    return true;
  }
  switch (name) {
    case "i8x16.shuffle": {
      // Two pshufb passes: lanes from a (indices < 16) and from b; 0x80 zeroes a lane.
      const lanes = inst.bytes as Uint8Array;
      cg.loadXmm(xmm0, inst.args[0]);
      cg.loadXmm(xmm1, inst.args[1]);
      cg.v128Const(
        xmm15,
        lanes.map((l) => (l < 16 ? l : 0x80)),
      );
      a.pshufb(xmm0, xmm15);
      cg.v128Const(
        xmm15,
        lanes.map((l) => (l >= 16 ? l - 16 : 0x80)),
      );
      a.pshufb(xmm1, xmm15);
      a.por(xmm0, xmm1);
      cg.storeXmm(r, xmm0);
      return true;
    }
    case "i8x16.swizzle":
      // Indices of 16 and more must give 0: a saturating + 0x70 sets their top bit for pshufb.
      cg.loadXmm(xmm0, inst.args[0]);
      cg.loadXmm(xmm1, inst.args[1]);
      cg.v128Const(xmm15, new Uint8Array(16).fill(0x70));
      a.paddusb(xmm1, xmm15);
      a.pshufb(xmm0, xmm1);
      cg.storeXmm(r, xmm0);
      return true;
    case "i8x16.bitmask":
    case "i16x8.bitmask":
    case "i32x4.bitmask":
    case "i64x2.bitmask":
      cg.loadXmm(xmm0, inst.args[0]);
      if (name === "i8x16.bitmask") a.pmovmskb(rax, xmm0);
      else if (name === "i16x8.bitmask") {
        a.packsswb(xmm0, xmm0);
        a.pmovmskb(rax, xmm0);
        a.and(S32, rax, 0xff);
      } else if (name === "i32x4.bitmask") a.movmskps(rax, xmm0);
      else a.movmskpd(rax, xmm0);
      cg.storeGpr(r, rax);
      return true;
    case "v128.load":
      a.movdqu(xmm0, address(cg, inst, 16));
      cg.storeXmm(r, xmm0);
      return true;
    case "v128.store":
      cg.loadXmm(xmm0, inst.args[1]);
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
