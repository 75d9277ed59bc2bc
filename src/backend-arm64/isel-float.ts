/**
 * Instruction selection for f32/f64 operations on arm64, with wasm's exact semantics. A64
 * computes most of them natively: `fmin`/`fmax` propagate NaN and order -0 below +0 as wasm
 * does, `fabs`/`fneg` are bit operations that keep NaN payloads, the `frint` family rounds in
 * each of wasm's modes, and the default NaN (0x7fc00000 / 0x7ff8000000000000) is canonical.
 * `copysign` is a bitwise select with a sign mask. Trapping float-to-int conversions check NaN,
 * then the range: against float constants before converting to i64, on the 64-bit integer result
 * for i32 (where `fcvtzs` to 64 bits is exact for every in-range value); the saturating ones are plain
 * `fcvtzs`/`fcvtzu`, which saturate and give 0 for NaN exactly as `trunc_sat` specifies.
 *
 * Operands come from `FuncCodegen.useV` (a value's own SIMD&FP register or a scratch loaded
 * from its slot); results go through `dstV`/`defV` (integer results through `dst`/`def`). A
 * result may share a register with an operand that dies at the operation, so every sequence
 * reads all operands before writing the result register.
 */

import { TrapKind } from "../backend/abi.js";
import { type Truncation, truncationOf } from "../backend/op-facts.js";
import type { Inst } from "../ir/types.js";
import { S0, S1, V0, V1, V2 } from "./abi.js";
import type { FuncCodegen } from "./codegen.js";
import {
  type FcmpOp,
  type Fp1Op,
  type Fp2Op,
  type FpToIntOp,
  fcmp,
  fcvt,
  fp1,
  fp2,
  fpToInt,
  intToFp,
} from "./enc-fp.js";
import { fvec2, logic } from "./enc-neon-arith.js";
import { asmText } from "./enc-neon-common.js";
import { constantMove, type Encoded, movi } from "./enc-neon-imm.js";
import { Cond, Extend } from "./operands.js";
import { d, type FpReg, s, vecReg, W, X } from "./registers.js";

/** The scalar view of SIMD&FP register `n` for an f32 (`s`) or f64 (`d`) value. */
function fv(n: number, f64: boolean): FpReg {
  return f64 ? d(n) : s(n);
}

/** Conditions of eq, ne, lt, gt, le, ge after `fcmp` (all false on unordered but ne). */
const COMPARE_CONDS: readonly Cond[] = [Cond.EQ, Cond.NE, Cond.MI, Cond.GT, Cond.LS, Cond.GE];

function compare(cg: FuncCodegen, inst: Inst, f64: boolean, k: number): void {
  const x = fv(cg.useV(inst.args[0], V0), f64);
  const y = fv(cg.useV(inst.args[1], V1), f64);
  quietCompare(cg, x, y);
  const r = inst.results[0];
  const out = cg.dst(r, S0);
  cg.a.cset(out, COMPARE_CONDS[k]);
  cg.def(r, out);
}

function quietCompare(cg: FuncCodegen, x: FpReg, y: FpReg): void {
  const op: FcmpOp = "fcmp";
  cg.a.emit(fcmp(op, x, y), asmText(op, x, y));
}

/** Unary operations by index from abs (0) to sqrt (6). */
const UNARY: readonly Fp1Op[] = ["fabs", "fneg", "frintp", "frintm", "frintz", "frintn", "fsqrt"];
/** Binary operations by index from add (7) to max (12). */
const BINARY: readonly Fp2Op[] = ["fadd", "fsub", "fmul", "fdiv", "fmin", "fmax"];

/**
 * `copysign(x, y)`: a sign mask in v29 (`movi` for f32; for f64 the negation of +0.0, as no
 * modified immediate has only bit 63 set), then `bsl` takes the sign from `y`, the rest from `x`.
 */
function copysign(cg: FuncCodegen, inst: Inst, f64: boolean): void {
  const a = cg.a;
  const x = vecReg("8b", cg.useV(inst.args[0], V0));
  const y = vecReg("8b", cg.useV(inst.args[1], V1));
  const mask = vecReg("8b", V2);
  if (f64) {
    const m = vecReg("2d", V2);
    const zero = constantMove(V2, new Uint8Array(16)) as Encoded;
    a.emit(zero.word, zero.text);
    a.emit(fvec2("fneg", m, m), asmText("fneg", m, m));
  } else {
    const m = vecReg("2s", V2);
    a.emit(movi("movi", m, 0x80, 24), asmText("movi", m, 0x80, "lsl #24"));
  }
  a.emit(logic("bsl", mask, y, x), asmText("bsl", mask, y, x));
  cg.defV(inst.results[0], V2);
}

/** f32 ops 0x8B..0x98 and f64 ops 0x99..0xA6 (`k` from abs = 0 to copysign = 13). */
function arith(cg: FuncCodegen, inst: Inst, f64: boolean, k: number): void {
  const a = cg.a;
  const r = inst.results[0];
  if (k === 13) {
    copysign(cg, inst, f64);
    return;
  }
  const x = fv(cg.useV(inst.args[0], V0), f64);
  if (k < UNARY.length) {
    const op = UNARY[k];
    const out = fv(cg.dstV(r, V0), f64);
    a.emit(fp1(op, out, x), asmText(op, out, x));
    cg.defV(r, out.num);
    return;
  }
  const y = fv(cg.useV(inst.args[1], V1), f64);
  const op = BINARY[k - UNARY.length];
  const out = fv(cg.dstV(r, V0), f64);
  a.emit(fp2(op, out, x, y), asmText(op, out, x, y));
  cg.defV(r, out.num);
}

const bits = new DataView(new ArrayBuffer(8));

/** Loads the float constant `value` into SIMD&FP register `n` through x16. */
function floatConst(cg: FuncCodegen, n: number, value: number, f64: boolean): FpReg {
  const out = fv(n, f64);
  if (f64) {
    bits.setFloat64(0, value, true);
    cg.a.movImm(X[S0.num], bits.getBigUint64(0, true));
    cg.fmovFrom(out, X[S0.num]);
  } else {
    bits.setFloat32(0, value, true);
    cg.a.movImm(W[S0.num], bits.getUint32(0, true));
    cg.fmovFrom(out, W[S0.num]);
  }
  return out;
}

/**
 * Float to int (`f64` source, `wide` = i64 result, `signed`). Trapping: NaN traps with
 * "invalid conversion"; values whose truncation is out of range trap with "integer overflow"
 * (the lower bound is exclusive at `min - 1` unless the format represents nothing between
 * `min - 1` and `min`). Saturating: `fcvtzs`/`fcvtzu` alone.
 */
function truncate(
  cg: FuncCodegen,
  inst: Inst,
  f64: boolean,
  wide: boolean,
  signed: boolean,
  sat: boolean,
): void {
  const a = cg.a;
  const x = fv(cg.useV(inst.args[0], V0), f64);
  if (!sat && !wide) {
    truncate32(cg, inst, x, signed);
    return;
  }
  if (!sat) {
    quietCompare(cg, x, x);
    a.bCond(Cond.VS, cg.trap(TrapKind.invalidConversion, inst.offset));
    const overflow = cg.trap(TrapKind.integerOverflow, inst.offset);
    const width = wide ? 64 : 32;
    const min = signed ? -(2 ** (width - 1)) : -1;
    const minInclusive = signed && (wide || !f64);
    quietCompare(cg, x, floatConst(cg, V1, signed && !minInclusive ? min - 1 : min, f64));
    a.bCond(minInclusive ? Cond.MI : Cond.LS, overflow);
    quietCompare(cg, x, floatConst(cg, V1, signed ? 2 ** (width - 1) : 2 ** width, f64));
    a.bCond(Cond.GE, overflow);
  }
  const r = inst.results[0];
  const out = cg.dst(r, S0);
  const op: FpToIntOp = signed ? "fcvtzs" : "fcvtzu";
  a.emit(fpToInt(op, out, x), asmText(op, out, x));
  cg.def(r, out);
}

/**
 * Trapping float to i32: NaN traps; otherwise the 64-bit `fcvtzs` is exact for every value whose
 * truncation fits 32 bits (and saturates far beyond), so the range check is on the integer: it
 * must equal its own sign extension (signed) or have a clear upper half (unsigned).
 */
function truncate32(cg: FuncCodegen, inst: Inst, x: FpReg, signed: boolean): void {
  const a = cg.a;
  quietCompare(cg, x, x);
  a.bCond(Cond.VS, cg.trap(TrapKind.invalidConversion, inst.offset));
  const [t, w] = [X[S0.num], W[S0.num]];
  a.emit(fpToInt("fcvtzs", t, x), asmText("fcvtzs", t, x));
  const overflow = cg.trap(TrapKind.integerOverflow, inst.offset);
  if (signed) {
    a.cmpExt(t, w, Extend.SXTW);
    a.bCond(Cond.NE, overflow);
  } else {
    a.lsrImm(X[S1.num], t, 32);
    a.cbnz(X[S1.num], overflow);
  }
  const r = inst.results[0];
  const out = cg.dst(r, S0);
  a.mov(out, w);
  cg.def(r, out);
}

/** Int to float (`f64` result, `wide` = i64 source, `signed`): one correctly rounded `scvtf`/`ucvtf`. */
function convert(cg: FuncCodegen, inst: Inst, f64: boolean, signed: boolean): void {
  const src = cg.use(inst.args[0], S0);
  const r = inst.results[0];
  const out = fv(cg.dstV(r, V0), f64);
  const op = signed ? "scvtf" : "ucvtf";
  cg.a.emit(intToFp(op, out, src), asmText(op, out, src));
  cg.defV(r, out.num);
}

/** Selects f32/f64 operations and conversions; returns false for other operations. */
export function selectFloat(cg: FuncCodegen, inst: Inst): boolean {
  const op = inst.op;
  if (op >= 0x5b && op <= 0x60) compare(cg, inst, false, op - 0x5b);
  else if (op >= 0x61 && op <= 0x66) compare(cg, inst, true, op - 0x61);
  else if (op >= 0x8b && op <= 0x98) arith(cg, inst, false, op - 0x8b);
  else if (op >= 0x99 && op <= 0xa6) arith(cg, inst, true, op - 0x99);
  else if (truncationOf(op) !== null) {
    const { f64, wide, signed, saturating } = truncationOf(op) as Truncation;
    truncate(cg, inst, f64, wide, signed, saturating);
  } else if (op >= 0xb2 && op <= 0xb5) convert(cg, inst, false, op % 2 === 0);
  else if (op >= 0xb7 && op <= 0xba) convert(cg, inst, true, op % 2 === 1);
  else if (op === 0xb6 || op === 0xbb) {
    const f64 = op === 0xbb;
    const x = fv(cg.useV(inst.args[0], V0), !f64);
    const r = inst.results[0];
    const out = fv(cg.dstV(r, V0), f64);
    cg.a.emit(fcvt(out, x), asmText("fcvt", out, x));
    cg.defV(r, out.num);
  } else return false;
  return true;
}
