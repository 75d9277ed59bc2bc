/**
 * Native Wasm SIMD on NEON. Advanced SIMD computes almost every operation exactly as wasm
 * specifies, so each one is a short sequence:
 * - one instruction: integer add/sub/mul/min/max/saturating add and sub/rounding average/abs/neg,
 *   compares (lt/le as gt/ge with swapped operands; unsigned ones are cmhi/cmhs), bitwise
 *   operations, float arithmetic, fmin/fmax (NaN-propagating, -0 < +0), sqrt, rounding,
 *   same-width conversions (fcvtzs/fcvtzu saturate and give 0 for NaN, as `trunc_sat` wants),
 *   extensions (sshll/ushll #0 and their `2` forms), extended multiplies (smull/umull and `2`),
 *   pairwise widening adds, popcount (cnt), q15 rounding multiply (sqrdmulh), swizzle (tbl:
 *   indices of 16 and more give 0), splats (dup), lane extraction (umov/smov/dup);
 * - short sequences: `ne` (compare and not), narrowing (sqxtn/sqxtun and `2`), dot product
 *   (smull, smull2, addp), pmin/pmax (fcmgt and bsl), shifts by a register count (masked, negated
 *   for right shifts, then sshl/ushl), shuffle (one dup, zip, uzp, trn or ext where the lanes form
 *   that pattern, else tbl on one or two registers), bitmask (ushr and
 *   accumulating shifts), all_true/any_true (uminv/umaxv), i64x2.mul (through general-purpose
 *   registers), the `_zero` conversions, and every load and store form (lane forms with ld1/st1).
 * Nothing is left to the runtime helper; `isNativeSimd` says which operations this file compiles.
 *
 * Scratch SIMD&FP registers: v31, v30 (and for bitselect v29) hold operands loaded from slots,
 * v29 and v28 are temporaries otherwise (`abi.ts`). A result may share a register with an operand that dies at the
 * operation, so every sequence reads all operands before its first write to the result register,
 * or builds the result in a temporary.
 */
import { OPCODES } from "../frontend/opcodes.js";
import type { Inst } from "../ir/types.js";
import { S0, S1, S2, V0, V1, V2, V3 } from "./abi.js";
import type { Mem } from "./assembler.js";
import type { FuncCodegen } from "./codegen.js";
import { imm } from "./core.js";
import { fmovFromGp, fmovToGp } from "./enc-fp.js";
import { across, addlp, fvec2, fvec3, logic, long, movVec, vec2, vec3 } from "./enc-neon-arith.js";
import { asmText, elemOf, lane } from "./enc-neon-common.js";
import { cmp, cmpZero, fcmpVec } from "./enc-neon-compare.js";
import { constantMove } from "./enc-neon-imm.js";
import {
  dupElement,
  dupGp,
  ext,
  insElement,
  insGp,
  type PermuteOp,
  permute,
  smov,
  tableLookup,
  umov,
} from "./enc-neon-lanes.js";
import { ld1r, ldstLane } from "./enc-neon-mem.js";
import { fcvtVec, narrow, shiftImm, shiftLong } from "./enc-neon-widen.js";
import { address } from "./isel-mem.js";
import { Cond, Shift } from "./operands.js";
import { type Arrangement, d, fpReg, q, s, type VecReg, vecReg, vName, W, X, x17 } from "./registers.js";

/** Emits code for one SIMD operation. */
type Handler = (cg: FuncCodegen, inst: Inst) => void;

/** A three-register encoder `d = f(n, m)`. */
type Enc3 = (dst: VecReg, n: VecReg, m: VecReg) => number;
/** A two-register encoder `d = f(n)`. */
type Enc2 = (dst: VecReg, n: VecReg) => number;

function emit(cg: FuncCodegen, word: number, text: string): void {
  cg.a.emit(word, text);
}

/** `dst = ~src` (16 bytes). */
function not(cg: FuncCodegen, dst: number, src: number): void {
  const [o, n] = [vecReg("16b", dst), vecReg("16b", src)];
  emit(cg, vec2("not", o, n), asmText("mvn", o, n));
}

/** `mov dst, src` (16 bytes); nothing when they are the same register. */
function mov(cg: FuncCodegen, dst: number, src: number): void {
  if (dst === src) return;
  const [o, n] = [vecReg("16b", dst), vecReg("16b", src)];
  emit(cg, movVec(o, n), asmText("mov", o, n));
}

/** Loads the 16 bytes `bytes` into register `n`: one modified immediate when one fits, else `v128Const`. */
function loadConst(cg: FuncCodegen, n: number, bytes: Uint8Array): void {
  const c = constantMove(n, bytes);
  if (c === null) cg.v128Const(n, bytes);
  else emit(cg, c.word, c.text);
}

/**
 * `d = f(x, y)` in one instruction on arrangement `t` (`swap`: `f(y, x)`), then optionally
 * negated bitwise (`ne`).
 */
function binary(t: Arrangement, mnemonic: string, enc: Enc3, swap = false, negate = false): Handler {
  return (cg, inst) => {
    const x = vecReg(t, cg.useV(inst.args[0], V0));
    const y = vecReg(t, cg.useV(inst.args[1], V1));
    const [n, m] = swap ? [y, x] : [x, y];
    const r = inst.results[0];
    const out = vecReg(t, cg.dstV(r, V0));
    emit(cg, enc(out, n, m), asmText(mnemonic, out, n, m));
    if (negate) not(cg, out.num, out.num);
    cg.defV(r, out.num);
  };
}

/** `d.<to> = f(x.<from>)` in one instruction. */
function unary(to: Arrangement, from: Arrangement, mnemonic: string, enc: Enc2, suffix = ""): Handler {
  return (cg, inst) => {
    const x = vecReg(from, cg.useV(inst.args[0], V0));
    const r = inst.results[0];
    const out = vecReg(to, cg.dstV(r, V0));
    emit(cg, enc(out, x), asmText(mnemonic, out, x) + suffix);
    cg.defV(r, out.num);
  };
}

/** `d = g(f(x))`, the second step in place on the result register. */
function unary2(
  mid: Arrangement,
  from: Arrangement,
  first: readonly [string, Enc2] | readonly [string, Enc2, number],
  to: Arrangement,
  second: readonly [string, Enc2],
): Handler {
  return (cg, inst) => {
    const x = vecReg(from, cg.useV(inst.args[0], V0));
    const r = inst.results[0];
    const n = cg.dstV(r, V0);
    const m = vecReg(mid, n);
    const out = vecReg(to, n);
    const text = asmText(first[0], m, x);
    emit(cg, first[1](m, x), first.length === 3 ? `${text}, ${imm(first[2])}` : text);
    emit(cg, second[1](out, m), asmText(second[0], out, m));
    cg.defV(r, n);
  };
}

/** Extended multiplies: `d.<to> = op(x.<from>, y.<from>)` (smull/umull and their `2` forms). */
function longBinary(to: Arrangement, from: Arrangement, op: Parameters<typeof long>[0]): Handler {
  return (cg, inst) => {
    const x = vecReg(from, cg.useV(inst.args[0], V0));
    const y = vecReg(from, cg.useV(inst.args[1], V1));
    const r = inst.results[0];
    const out = vecReg(to, cg.dstV(r, V0));
    emit(cg, long(op, out, x, y), asmText(op, out, x, y));
    cg.defV(r, out.num);
  };
}

/**
 * Narrowing of two vectors: the lower half from `x` (`op`), the upper from `y` (`op2`), built in
 * v28 when the result register is `y`'s.
 */
function narrowPair(to: Arrangement, from: Arrangement, op: "sqxtn" | "sqxtun"): Handler {
  const half = ({ "16b": "8b", "8h": "4h" } as const)[to as "16b" | "8h"];
  return (cg, inst) => {
    const xn = cg.useV(inst.args[0], V0);
    const yn = cg.useV(inst.args[1], V1);
    const r = inst.results[0];
    let n = cg.dstV(r, V0);
    if (n === yn) n = V3;
    const [x, y] = [vecReg(from, xn), vecReg(from, yn)];
    const [lo, hi] = [vecReg(half, n), vecReg(to, n)];
    emit(cg, narrow(op, lo, x), asmText(op, lo, x));
    emit(cg, narrow(`${op}2`, hi, y), asmText(`${op}2`, hi, y));
    cg.defV(r, n);
  };
}

/** pmin (`y < x ? y : x`) and pmax (`x < y ? y : x`): a mask by fcmgt, then bsl in v28. */
function pminmax(t: Arrangement, max: boolean): Handler {
  return (cg, inst) => {
    const x = vecReg(t, cg.useV(inst.args[0], V0));
    const y = vecReg(t, cg.useV(inst.args[1], V1));
    const mask = vecReg(t, V3);
    const [n, m] = max ? [y, x] : [x, y];
    emit(cg, fcmpVec("fcmgt", mask, n, m), asmText("fcmgt", mask, n, m));
    const [mb, yb, xb] = [vecReg("16b", V3), vecReg("16b", y.num), vecReg("16b", x.num)];
    emit(cg, logic("bsl", mb, yb, xb), asmText("bsl", mb, yb, xb));
    cg.defV(inst.results[0], V3);
  };
}

/** `i32x4.dot_i16x8_s`: products of the lower and upper halves (v28, v29), then pairwise sums. */
const dot: Handler = (cg, inst) => {
  const x = cg.useV(inst.args[0], V0);
  const y = cg.useV(inst.args[1], V1);
  const [lo, hi] = [vecReg("4s", V3), vecReg("4s", V2)];
  emit(
    cg,
    long("smull", lo, vecReg("4h", x), vecReg("4h", y)),
    asmText("smull", lo, vecReg("4h", x), vecReg("4h", y)),
  );
  emit(
    cg,
    long("smull2", hi, vecReg("8h", x), vecReg("8h", y)),
    asmText("smull2", hi, vecReg("8h", x), vecReg("8h", y)),
  );
  const r = inst.results[0];
  const out = vecReg("4s", cg.dstV(r, V0));
  emit(cg, vec3("addp", out, lo, hi), asmText("addp", out, lo, hi));
  cg.defV(r, out.num);
};

/** `i64x2.mul`: NEON has no 64-bit lane multiply, so each lane goes through x16, x17 and x14. */
const mul64: Handler = (cg, inst) => {
  const a = cg.a;
  const x = cg.useV(inst.args[0], V0);
  const y = cg.useV(inst.args[1], V1);
  const [t0, t1, t2] = [X[S0.num], X[S1.num], X[S2.num]];
  emit(cg, fmovToGp(t0, d(x)), asmText("fmov", t0, d(x)));
  emit(cg, fmovToGp(t1, d(y)), asmText("fmov", t1, d(y)));
  a.mul(t0, t0, t1);
  emit(cg, fmovToGp(t1, lane("d", x, 1)), asmText("fmov", t1, lane("d", x, 1)));
  emit(cg, fmovToGp(t2, lane("d", y, 1)), asmText("fmov", t2, lane("d", y, 1)));
  a.mul(t1, t1, t2);
  const r = inst.results[0];
  const n = cg.dstV(r, V0);
  emit(cg, fmovFromGp(d(n), t0), asmText("fmov", d(n), t0));
  emit(cg, fmovFromGp(lane("d", n, 1), t1), asmText("fmov", lane("d", n, 1), t1));
  cg.defV(r, n);
};

/**
 * Shifts by the i32 count: masked to the lane width as wasm specifies, negated for right shifts
 * (sshl/ushl shift right by a negative count), copied to every lane of v28, then sshl/ushl.
 */
function shift(t: Arrangement, bits: number, kind: "shl" | "shr_s" | "shr_u"): Handler {
  return (cg, inst) => {
    const a = cg.a;
    const x = vecReg(t, cg.useV(inst.args[0], V0));
    const count = cg.use(inst.args[1], S0);
    const w16 = W[S0.num];
    a.andImm(w16, count, bits - 1);
    if (kind !== "shl") a.neg(w16, w16);
    const amounts = vecReg(t, V3);
    const gp = bits === 64 ? X[S0.num] : w16;
    emit(cg, dupGp(amounts, gp), asmText("dup", amounts, gp));
    const op = kind === "shr_s" ? "sshl" : "ushl";
    const r = inst.results[0];
    const out = vecReg(t, cg.dstV(r, V0));
    emit(cg, vec3(op, out, x, amounts), asmText(op, out, x, amounts));
    cg.defV(r, out.num);
  };
}

/**
 * Bitmask: each lane's sign bit by ushr, then accumulating shifts (usra) gather the bits of every
 * 64-bit half into its low byte; the two bytes are combined in a general-purpose register.
 */
function bitmask(t: Arrangement, bits: number): Handler {
  return (cg, inst) => {
    const a = cg.a;
    const x = vecReg(t, cg.useV(inst.args[0], V0));
    const tmp = vecReg(t, V3);
    emit(cg, shiftImm("ushr", tmp, x, bits - 1), asmText("ushr", tmp, x, bits - 1));
    for (let w = bits * 2; w <= 64; w *= 2) {
      const v = vecReg(({ 16: "8h", 32: "4s", 64: "2d" } as const)[w as 16 | 32 | 64], V3);
      const amount = w / 2 - w / (2 * bits);
      emit(cg, shiftImm("usra", v, v, amount), asmText("usra", v, v, amount));
    }
    const [w16, w17] = [W[S0.num], W[S1.num]];
    emit(cg, umov(w16, lane("b", V3, 0)), asmText("umov", w16, lane("b", V3, 0)));
    emit(cg, umov(w17, lane("b", V3, 8)), asmText("umov", w17, lane("b", V3, 8)));
    const r = inst.results[0];
    const out = cg.dst(r, S0);
    a.orr(out, w16, w17, Shift.LSL, 128 / bits / 2);
    cg.def(r, out);
  };
}

/**
 * all_true (`all`) and any_true: the unsigned minimum (all_true) or maximum (any_true) of the
 * lanes, compared with zero; i64x2.all_true first turns each lane into its "is zero" mask (and
 * is true when the maximum of those is zero).
 */
function reduceTest(t: Arrangement, all: boolean): Handler {
  return (cg, inst) => {
    const a = cg.a;
    let x = vecReg(t, cg.useV(inst.args[0], V0));
    let op: "uminv" | "umaxv" = all ? "uminv" : "umaxv";
    let cond = Cond.NE;
    if (t === "2d") {
      const z = vecReg("2d", V3);
      emit(cg, cmpZero("cmeq", z, x), asmText("cmeq", z, x, 0));
      x = vecReg("4s", V3);
      op = "umaxv";
      cond = Cond.EQ;
    }
    // The reduction writes a b, h or s register and zeroes the rest of v28.
    const red = fpReg(elemOf(x.arr), V3);
    emit(cg, across(op, red, x), asmText(op, red, x));
    const w16 = W[S0.num];
    emit(cg, fmovToGp(w16, s(V3)), asmText("fmov", w16, s(V3)));
    a.cmpImm(w16, 0);
    const r = inst.results[0];
    const out = cg.dst(r, S0);
    a.cset(out, cond);
    cg.def(r, out);
  };
}

/** Lane sizes for shuffle patterns, widest first: lane size, bytes per lane, 128-bit arrangement. */
const SHUFFLE_SHAPES = [
  ["d", 8, "2d"],
  ["s", 4, "4s"],
  ["h", 2, "8h"],
  ["b", 1, "16b"],
] as const;

const PERMUTES: readonly PermuteOp[] = ["zip1", "zip2", "uzp1", "uzp2", "trn1", "trn2"];

/** The lanes permute `op` selects from the concatenation of its operands (`n` lanes each). */
function permuteLanes(op: PermuteOp, n: number): number[] {
  return Array.from({ length: n }, (_, i) => {
    const [pair, odd] = [i >> 1, i & 1];
    if (op === "zip1") return pair + odd * n;
    if (op === "zip2") return n / 2 + pair + odd * n;
    if (op === "uzp1") return 2 * i;
    if (op === "uzp2") return 2 * i + 1;
    if (op === "trn1") return 2 * pair + odd * n;
    return 2 * pair + 1 + odd * n;
  });
}

/**
 * The shuffle `bytes` as whole lanes of `k` bytes (indices into the concatenation of the two
 * operands), or null when some lane is not `k` consecutive, aligned bytes.
 */
function asLanes(bytes: Uint8Array, k: number): number[] | null {
  const out: number[] = [];
  for (let j = 0; j < 16; j += k) {
    const first = bytes[j];
    if (first % k !== 0) return null;
    for (let b = 1; b < k; b++) if (bytes[j + b] !== first + b) return null;
    out.push(first / k);
  }
  return out;
}

/**
 * Shuffles that are one instruction: a lane copied to every lane (`dup`), or a zip, unzip or
 * transpose of the operands in either order, at any lane size. Returns false for the others.
 */
function shufflePattern(cg: FuncCodegen, bytes: Uint8Array, xn: number, yn: number, r: number): boolean {
  for (const [e, k, t] of SHUFFLE_SHAPES) {
    const l = asLanes(bytes, k);
    if (l === null) continue;
    const n = 16 / k;
    if (l.every((v) => v === l[0])) {
      const from = lane(e, l[0] < n ? xn : yn, l[0] % n);
      const out = vecReg(t, cg.dstV(r, V0));
      emit(cg, dupElement(out, from), asmText("dup", out, from));
      cg.defV(r, out.num);
      return true;
    }
    for (const op of PERMUTES) {
      const want = permuteLanes(op, n);
      for (const swap of [false, true]) {
        if (!l.every((v, i) => v === (swap ? (want[i] + n) % (2 * n) : want[i]))) continue;
        const [a, b] = swap ? [yn, xn] : [xn, yn];
        const [x, y] = [vecReg(t, a), vecReg(t, b)];
        const out = vecReg(t, cg.dstV(r, V0));
        emit(cg, permute(op, out, x, y), asmText(op, out, x, y));
        cg.defV(r, out.num);
        return true;
      }
    }
  }
  return false;
}

/**
 * `i8x16.shuffle`: one instruction for the patterns of `shufflePattern`, `ext` when the lanes are
 * consecutive, else `tbl` on the one operand all lanes come from, or on both copied to the
 * consecutive pair v28, v29; the index vector is a constant.
 */
const shuffle: Handler = (cg, inst) => {
  const lanes = inst.bytes as Uint8Array;
  const xn = cg.useV(inst.args[0], V0);
  const yn = cg.useV(inst.args[1], V1);
  const r = inst.results[0];
  if (shufflePattern(cg, lanes, xn, yn, r)) return;
  const first = lanes[0];
  if (first < 16 && lanes.every((l, i) => l === first + i)) {
    const out = vecReg("16b", cg.dstV(r, V0));
    const [x, y] = [vecReg("16b", xn), vecReg("16b", yn)];
    emit(cg, ext(out, x, y, first), asmText("ext", out, x, y, first));
    cg.defV(r, out.num);
    return;
  }
  const fromX = lanes.every((l) => l < 16);
  const fromY = lanes.every((l) => l >= 16);
  let table: number[];
  let indices = lanes;
  let index = V3;
  if (fromX || fromY) {
    table = [fromX ? xn : yn];
    if (fromY) indices = lanes.map((l) => l - 16);
  } else {
    mov(cg, V3, xn);
    mov(cg, V2, yn);
    table = [V3, V2];
    index = V1;
  }
  loadConst(cg, index, indices);
  const out = vecReg("16b", cg.dstV(r, V0));
  const regs = table.map((n) => vecReg("16b", n));
  const idx = vecReg("16b", index);
  emit(
    cg,
    tableLookup("tbl", out, regs, idx),
    `tbl v${out.num}.16b, {${regs.map((t) => `v${t.num}.16b`).join(", ")}}, v${index}.16b`,
  );
  cg.defV(r, out.num);
};

/** `i8x16.swizzle`: tbl on one register (indices of 16 and more give 0, as wasm specifies). */
const swizzle: Handler = (cg, inst) => {
  const x = vecReg("16b", cg.useV(inst.args[0], V0));
  const y = vecReg("16b", cg.useV(inst.args[1], V1));
  const r = inst.results[0];
  const out = vecReg("16b", cg.dstV(r, V0));
  emit(cg, tableLookup("tbl", out, [x], y), `tbl ${vName(out)}, {${vName(x)}}, ${vName(y)}`);
  cg.defV(r, out.num);
};

/** `v128.bitselect(x, y, c)`: the mask copied to the result (or v28), then bsl. */
const bitselect: Handler = (cg, inst) => {
  const xn = cg.useV(inst.args[0], V0);
  const yn = cg.useV(inst.args[1], V1);
  const cn = cg.useV(inst.args[2], V2);
  const r = inst.results[0];
  let n = cg.dstV(r, V0);
  if (n !== cn && (n === xn || n === yn)) n = V3;
  mov(cg, n, cn);
  const [o, x, y] = [vecReg("16b", n), vecReg("16b", xn), vecReg("16b", yn)];
  emit(cg, logic("bsl", o, x, y), asmText("bsl", o, x, y));
  cg.defV(r, n);
};

/** Lane size of a lane-shaped prefix (`i8x16` → `b`). */
const ELEM: Readonly<Record<string, "b" | "h" | "s" | "d">> = {
  i8x16: "b",
  i16x8: "h",
  i32x4: "s",
  i64x2: "d",
  f32x4: "s",
  f64x2: "d",
};

/** The 128-bit arrangement of a lane-shaped prefix (`i16x8` → `8h`). */
const FULL: Readonly<Record<string, Arrangement>> = {
  i8x16: "16b",
  i16x8: "8h",
  i32x4: "4s",
  i64x2: "2d",
  f32x4: "4s",
  f64x2: "2d",
};

function splat(shape: string): Handler {
  const t = FULL[shape];
  const e = ELEM[shape];
  return (cg, inst) => {
    const r = inst.results[0];
    if (shape.startsWith("f")) {
      const x = lane(e, cg.useV(inst.args[0], V0), 0);
      const out = vecReg(t, cg.dstV(r, V0));
      emit(cg, dupElement(out, x), asmText("dup", out, x));
      cg.defV(r, out.num);
      return;
    }
    const x = cg.use(inst.args[0], S0);
    const out = vecReg(t, cg.dstV(r, V0));
    emit(cg, dupGp(out, x), asmText("dup", out, x));
    cg.defV(r, out.num);
  };
}

function extractLane(shape: string, signed: boolean): Handler {
  const e = ELEM[shape];
  return (cg, inst) => {
    const x = lane(e, cg.useV(inst.args[0], V0), inst.a);
    const r = inst.results[0];
    if (shape.startsWith("f")) {
      const out = vecReg(FULL[shape], cg.dstV(r, V0));
      emit(cg, dupElement(out, x), asmText("dup", out, x));
      cg.defV(r, out.num);
      return;
    }
    const out = cg.dst(r, S0);
    if (signed) emit(cg, smov(out, x), asmText("smov", out, x));
    else emit(cg, umov(out, x), asmText(e === "s" || e === "d" ? "mov" : "umov", out, x));
    cg.def(r, out);
  };
}

/** replace_lane: the vector copied to the result (or v28 when that is the float operand's register), then ins. */
function replaceLane(shape: string): Handler {
  const e = ELEM[shape];
  return (cg, inst) => {
    const xn = cg.useV(inst.args[0], V0);
    const r = inst.results[0];
    if (shape.startsWith("f")) {
      const yn = cg.useV(inst.args[1], V1);
      let n = cg.dstV(r, V0);
      if (n === yn && n !== xn) n = V3;
      mov(cg, n, xn);
      const [to, from] = [lane(e, n, inst.a), lane(e, yn, 0)];
      emit(cg, insElement(to, from), asmText("mov", to, from));
      cg.defV(r, n);
      return;
    }
    const y = cg.use(inst.args[1], S0);
    const n = cg.dstV(r, V0);
    mov(cg, n, xn);
    const to = lane(e, n, inst.a);
    emit(cg, insGp(to, y), asmText("mov", to, y));
    cg.defV(r, n);
  };
}

/** The bounds-checked address of `inst`'s access of `width` bytes, in x17. */
function baseAddress(cg: FuncCodegen, inst: Inst, width: number): typeof x17 {
  address(cg, inst, width);
  cg.a.add(x17, x17, X[S0.num]);
  return x17;
}

function load(kind: "whole" | "zero32" | "zero64"): Handler {
  return (cg, inst) => {
    const width = kind === "whole" ? 16 : kind === "zero32" ? 4 : 8;
    const m: Mem = address(cg, inst, width);
    const r = inst.results[0];
    const n = cg.dstV(r, V0);
    cg.a.ldr(kind === "whole" ? q(n) : kind === "zero32" ? s(n) : d(n), m);
    cg.defV(r, n);
  };
}

/** `v128.loadNxM_s/u`: a 64-bit load, then sshll/ushll #0 in place. */
function loadExtend(to: Arrangement, from: Arrangement, signed: boolean): Handler {
  return (cg, inst) => {
    const m = address(cg, inst, 8);
    const r = inst.results[0];
    const n = cg.dstV(r, V0);
    cg.a.ldr(d(n), m);
    const op = signed ? "sshll" : "ushll";
    const [o, x] = [vecReg(to, n), vecReg(from, n)];
    emit(cg, shiftLong(op, o, x, 0), asmText(op, o, x, 0));
    cg.defV(r, n);
  };
}

function loadSplat(t: Arrangement, width: number): Handler {
  return (cg, inst) => {
    const base = baseAddress(cg, inst, width);
    const r = inst.results[0];
    const out = vecReg(t, cg.dstV(r, V0));
    emit(cg, ld1r(out, base), `ld1r {v${out.num}.${t}}, [x17]`);
    cg.defV(r, out.num);
  };
}

/** A lane index as capstone prints it in `ld1`/`st1` (`[3]`, `[0xf]`). */
function laneIndex(i: number): string {
  return `[${imm(i).slice(1)}]`;
}

/** `v128.loadN_lane` (`store` false) and `v128.storeN_lane`: ld1/st1 of lane `c` at x17. */
function laneAccess(e: "b" | "h" | "s" | "d", store: boolean): Handler {
  const width = { b: 1, h: 2, s: 4, d: 8 }[e];
  return (cg, inst) => {
    const base = baseAddress(cg, inst, width);
    const xn = cg.useV(inst.args[1], V0);
    if (store) {
      const l = lane(e, xn, inst.c);
      emit(cg, ldstLane("str", l, base), `st1 {v${xn}.${e}}${laneIndex(inst.c)}, [x17]`);
      return;
    }
    const r = inst.results[0];
    const n = cg.dstV(r, V0);
    mov(cg, n, xn);
    emit(cg, ldstLane("ldr", lane(e, n, inst.c), base), `ld1 {v${n}.${e}}${laneIndex(inst.c)}, [x17]`);
    cg.defV(r, n);
  };
}

const storeWhole: Handler = (cg, inst) => {
  const m = address(cg, inst, 16);
  cg.a.str(q(cg.useV(inst.args[1], V0)), m);
};

/** Every natively compiled SIMD operation by name. */
const HANDLERS = new Map<string, Handler>();

function add(name: string, h: Handler): void {
  HANDLERS.set(name, h);
}

const v3 =
  (op: Parameters<typeof vec3>[0]): Enc3 =>
  (o, n, m) =>
    vec3(op, o, n, m);
const c3 =
  (op: Parameters<typeof cmp>[0]): Enc3 =>
  (o, n, m) =>
    cmp(op, o, n, m);
const f3 =
  (op: Parameters<typeof fvec3>[0]): Enc3 =>
  (o, n, m) =>
    fvec3(op, o, n, m);
const fc3 =
  (op: Parameters<typeof fcmpVec>[0]): Enc3 =>
  (o, n, m) =>
    fcmpVec(op, o, n, m);
const lg =
  (op: Parameters<typeof logic>[0]): Enc3 =>
  (o, n, m) =>
    logic(op, o, n, m);

for (const [shape, t] of [
  ["i8x16", "16b"],
  ["i16x8", "8h"],
  ["i32x4", "4s"],
  ["i64x2", "2d"],
] as const) {
  const bits = { "16b": 8, "8h": 16, "4s": 32, "2d": 64 }[t];
  add(`${shape}.add`, binary(t, "add", v3("add")));
  add(`${shape}.sub`, binary(t, "sub", v3("sub")));
  add(`${shape}.eq`, binary(t, "cmeq", c3("cmeq")));
  add(`${shape}.ne`, binary(t, "cmeq", c3("cmeq"), false, true));
  add(`${shape}.gt_s`, binary(t, "cmgt", c3("cmgt")));
  add(`${shape}.lt_s`, binary(t, "cmgt", c3("cmgt"), true));
  add(`${shape}.ge_s`, binary(t, "cmge", c3("cmge")));
  add(`${shape}.le_s`, binary(t, "cmge", c3("cmge"), true));
  add(
    `${shape}.abs`,
    unary(t, t, "abs", (o, n) => vec2("abs", o, n)),
  );
  add(
    `${shape}.neg`,
    unary(t, t, "neg", (o, n) => vec2("neg", o, n)),
  );
  add(`${shape}.shl`, shift(t, bits, "shl"));
  add(`${shape}.shr_s`, shift(t, bits, "shr_s"));
  add(`${shape}.shr_u`, shift(t, bits, "shr_u"));
  add(`${shape}.all_true`, reduceTest(t, true));
  add(`${shape}.bitmask`, bitmask(t, bits));
  add(`${shape}.splat`, splat(shape));
  add(`${shape}.replace_lane`, replaceLane(shape));
  if (t !== "2d") {
    add(`${shape}.gt_u`, binary(t, "cmhi", c3("cmhi")));
    add(`${shape}.lt_u`, binary(t, "cmhi", c3("cmhi"), true));
    add(`${shape}.ge_u`, binary(t, "cmhs", c3("cmhs")));
    add(`${shape}.le_u`, binary(t, "cmhs", c3("cmhs"), true));
    add(`${shape}.min_s`, binary(t, "smin", v3("smin")));
    add(`${shape}.min_u`, binary(t, "umin", v3("umin")));
    add(`${shape}.max_s`, binary(t, "smax", v3("smax")));
    add(`${shape}.max_u`, binary(t, "umax", v3("umax")));
  }
  if (t === "16b" || t === "8h") {
    add(`${shape}.add_sat_s`, binary(t, "sqadd", v3("sqadd")));
    add(`${shape}.add_sat_u`, binary(t, "uqadd", v3("uqadd")));
    add(`${shape}.sub_sat_s`, binary(t, "sqsub", v3("sqsub")));
    add(`${shape}.sub_sat_u`, binary(t, "uqsub", v3("uqsub")));
    add(`${shape}.avgr_u`, binary(t, "urhadd", v3("urhadd")));
  }
  if (t === "8h" || t === "4s") add(`${shape}.mul`, binary(t, "mul", v3("mul")));
  const signedLane = t === "16b" || t === "8h";
  if (signedLane) {
    add(`${shape}.extract_lane_s`, extractLane(shape, true));
    add(`${shape}.extract_lane_u`, extractLane(shape, false));
  } else add(`${shape}.extract_lane`, extractLane(shape, false));
}
add("i64x2.mul", mul64);

/** Widening operations from the lanes of `from` (`8b`/`16b` ...) into `to`, by wasm name part. */
for (const [to, narrowShape, lo, hi] of [
  ["i16x8", "i8x16", "8b", "16b"],
  ["i32x4", "i16x8", "4h", "8h"],
  ["i64x2", "i32x4", "2s", "4s"],
] as const) {
  const t = FULL[to];
  for (const [sign, u] of [
    ["s", false],
    ["u", true],
  ] as const) {
    const sh = u ? "ushll" : "sshll";
    const mul = u ? "umull" : "smull";
    add(
      `${to}.extend_low_${narrowShape}_${sign}`,
      unary(t, lo, sh, (o, n) => shiftLong(sh, o, n, 0), ", #0"),
    );
    add(
      `${to}.extend_high_${narrowShape}_${sign}`,
      unary(t, hi, `${sh}2`, (o, n) => shiftLong(`${sh}2`, o, n, 0), ", #0"),
    );
    add(`${to}.extmul_low_${narrowShape}_${sign}`, longBinary(t, lo, mul));
    add(`${to}.extmul_high_${narrowShape}_${sign}`, longBinary(t, hi, `${mul}2`));
    if (to !== "i64x2") {
      const op = u ? "uaddlp" : "saddlp";
      add(
        `${to}.extadd_pairwise_${narrowShape}_${sign}`,
        unary(t, hi, op, (o, n) => addlp(op, o, n)),
      );
    }
  }
}
add("i8x16.narrow_i16x8_s", narrowPair("16b", "8h", "sqxtn"));
add("i8x16.narrow_i16x8_u", narrowPair("16b", "8h", "sqxtun"));
add("i16x8.narrow_i32x4_s", narrowPair("8h", "4s", "sqxtn"));
add("i16x8.narrow_i32x4_u", narrowPair("8h", "4s", "sqxtun"));
add(
  "i8x16.popcnt",
  unary("16b", "16b", "cnt", (o, n) => vec2("cnt", o, n)),
);
add("i16x8.q15mulr_sat_s", binary("8h", "sqrdmulh", v3("sqrdmulh")));
add("i32x4.dot_i16x8_s", dot);
add("i8x16.swizzle", swizzle);
add("i8x16.shuffle", shuffle);

for (const [shape, t] of [
  ["f32x4", "4s"],
  ["f64x2", "2d"],
] as const) {
  for (const [wasm, op] of [
    ["add", "fadd"],
    ["sub", "fsub"],
    ["mul", "fmul"],
    ["div", "fdiv"],
    ["min", "fmin"],
    ["max", "fmax"],
  ] as const) {
    add(`${shape}.${wasm}`, binary(t, op, f3(op)));
  }
  for (const [wasm, op] of [
    ["abs", "fabs"],
    ["neg", "fneg"],
    ["sqrt", "fsqrt"],
    ["ceil", "frintp"],
    ["floor", "frintm"],
    ["trunc", "frintz"],
    ["nearest", "frintn"],
  ] as const) {
    add(
      `${shape}.${wasm}`,
      unary(t, t, op, (o, n) => fvec2(op, o, n)),
    );
  }
  add(`${shape}.eq`, binary(t, "fcmeq", fc3("fcmeq")));
  add(`${shape}.ne`, binary(t, "fcmeq", fc3("fcmeq"), false, true));
  add(`${shape}.gt`, binary(t, "fcmgt", fc3("fcmgt")));
  add(`${shape}.lt`, binary(t, "fcmgt", fc3("fcmgt"), true));
  add(`${shape}.ge`, binary(t, "fcmge", fc3("fcmge")));
  add(`${shape}.le`, binary(t, "fcmge", fc3("fcmge"), true));
  add(`${shape}.pmin`, pminmax(t, false));
  add(`${shape}.pmax`, pminmax(t, true));
  add(`${shape}.splat`, splat(shape));
  add(`${shape}.extract_lane`, extractLane(shape, false));
  add(`${shape}.replace_lane`, replaceLane(shape));
}
const fv2 =
  (op: Parameters<typeof fvec2>[0]): Enc2 =>
  (o, n) =>
    fvec2(op, o, n);
add("f32x4.convert_i32x4_s", unary("4s", "4s", "scvtf", fv2("scvtf")));
add("f32x4.convert_i32x4_u", unary("4s", "4s", "ucvtf", fv2("ucvtf")));
add("i32x4.trunc_sat_f32x4_s", unary("4s", "4s", "fcvtzs", fv2("fcvtzs")));
add("i32x4.trunc_sat_f32x4_u", unary("4s", "4s", "fcvtzu", fv2("fcvtzu")));
add(
  "i32x4.trunc_sat_f64x2_s_zero",
  unary2("2d", "2d", ["fcvtzs", fv2("fcvtzs")], "2s", ["sqxtn", (o, n) => narrow("sqxtn", o, n)]),
);
add(
  "i32x4.trunc_sat_f64x2_u_zero",
  unary2("2d", "2d", ["fcvtzu", fv2("fcvtzu")], "2s", ["uqxtn", (o, n) => narrow("uqxtn", o, n)]),
);
add(
  "f64x2.convert_low_i32x4_s",
  unary2("2d", "2s", ["sshll", (o, n) => shiftLong("sshll", o, n, 0), 0], "2d", ["scvtf", fv2("scvtf")]),
);
add(
  "f64x2.convert_low_i32x4_u",
  unary2("2d", "2s", ["ushll", (o, n) => shiftLong("ushll", o, n, 0), 0], "2d", ["ucvtf", fv2("ucvtf")]),
);
add(
  "f32x4.demote_f64x2_zero",
  unary("2s", "2d", "fcvtn", (o, n) => fcvtVec("fcvtn", o, n)),
);
add(
  "f64x2.promote_low_f32x4",
  unary("2d", "2s", "fcvtl", (o, n) => fcvtVec("fcvtl", o, n)),
);

add("v128.and", binary("16b", "and", lg("and")));
add("v128.or", binary("16b", "orr", lg("orr")));
add("v128.xor", binary("16b", "eor", lg("eor")));
add("v128.andnot", binary("16b", "bic", lg("bic")));
add(
  "v128.not",
  unary("16b", "16b", "mvn", (o, n) => vec2("not", o, n)),
);
add("v128.bitselect", bitselect);
add("v128.any_true", reduceTest("4s", false));

add("v128.load", load("whole"));
add("v128.load32_zero", load("zero32"));
add("v128.load64_zero", load("zero64"));
add("v128.store", storeWhole);
add("v128.load8x8_s", loadExtend("8h", "8b", true));
add("v128.load8x8_u", loadExtend("8h", "8b", false));
add("v128.load16x4_s", loadExtend("4s", "4h", true));
add("v128.load16x4_u", loadExtend("4s", "4h", false));
add("v128.load32x2_s", loadExtend("2d", "2s", true));
add("v128.load32x2_u", loadExtend("2d", "2s", false));
add("v128.load8_splat", loadSplat("16b", 1));
add("v128.load16_splat", loadSplat("8h", 2));
add("v128.load32_splat", loadSplat("4s", 4));
add("v128.load64_splat", loadSplat("2d", 8));
for (const [bits, e] of [
  [8, "b"],
  [16, "h"],
  [32, "s"],
  [64, "d"],
] as const) {
  add(`v128.load${bits}_lane`, laneAccess(e, false));
  add(`v128.store${bits}_lane`, laneAccess(e, true));
}

/** Handlers by operation number. */
const BY_OP = new Map<number, Handler>();
for (const info of OPCODES) {
  const h = HANDLERS.get(info.name);
  if (h !== undefined && info.code >= 0xfd00 && info.code <= 0xfdff) BY_OP.set(info.code, h);
}

/** Whether the SIMD operation `op` is compiled natively (`selectSimd` handles it; no helper exit). */
export function isNativeSimd(op: number): boolean {
  return BY_OP.has(op);
}

/** Selects a native SIMD operation; returns false for operations it does not compile. */
export function selectSimd(cg: FuncCodegen, inst: Inst): boolean {
  const h = BY_OP.get(inst.op);
  if (h === undefined) return false;
  h(cg, inst);
  return true;
}
