/**
 * Instruction selection for integer operations on arm64: constants, arithmetic, bit counts,
 * shifts and rotations (the register forms mask the count as wasm does), division with its traps,
 * comparisons to `cset`, `select` (`csel`, `fcsel`, or a branch for v128), extensions and
 * reinterpretations, `v128.const`, and the reference operations on handles (`ref.null` is 0, see
 * `src/backend/README.md`).
 *
 * Operands come from `FuncCodegen.use` (a value's own register, or a scratch register loaded from
 * its slot) and results go to `dst`/`def`. A result may share a register with an operand that
 * dies at the operation, so every sequence here reads all its operands before it writes the
 * result register.
 */
import { TrapKind } from "../backend/abi.js";
import { type Inst, Ty } from "../ir/types.js";
import { S0, S1, S2, V0, V1 } from "./abi.js";
import type { FuncCodegen } from "./codegen.js";
import { fcsel } from "./enc-fp.js";
import { across, vec2 } from "./enc-neon-arith.js";
import { Cond } from "./operands.js";
import { b, d, type GpReg, s, vecReg, W, X, xzr } from "./registers.js";

/** Conditions of the i32/i64 comparisons eq..ge_u, in wasm order. */
const CMP_CONDS: readonly Cond[] = [
  Cond.EQ,
  Cond.NE,
  Cond.LT,
  Cond.LO,
  Cond.GT,
  Cond.HI,
  Cond.LE,
  Cond.LS,
  Cond.GE,
  Cond.HS,
];

/** The view of scratch `r` at the width of `like`. */
function as(r: GpReg, like: GpReg): GpReg {
  return like.bits === 32 ? W[r.num] : X[r.num];
}

function setCond(cg: FuncCodegen, inst: Inst, cc: Cond): void {
  const r = inst.results[0];
  const out = cg.dst(r, S0);
  cg.a.cset(out, cc);
  cg.def(r, out);
}

/** Population count through the SIMD unit: `cnt` per byte, `addv` across bytes (uses v31). */
function popcnt(cg: FuncCodegen, x: GpReg, out: GpReg): void {
  const a = cg.a;
  const v8 = vecReg("8b", V0);
  cg.fmovFrom(x.bits === 32 ? s(V0) : d(V0), x);
  a.emit(vec2("cnt", v8, v8), `cnt v${V0}.8b, v${V0}.8b`);
  a.emit(across("addv", b(V0), v8), `addv b${V0}, v${V0}.8b`);
  cg.fmovTo(W[out.num], s(V0));
}

function divide(cg: FuncCodegen, inst: Inst, kind: number): void {
  const a = cg.a;
  const x = cg.use(inst.args[0], S0);
  const y = cg.use(inst.args[1], S1);
  const r = inst.results[0];
  a.cbz(y, cg.trap(TrapKind.divideByZero, inst.offset));
  const signed = kind === 0 || kind === 2;
  if (kind === 0) {
    // MIN / -1 overflows: y == -1 (y + 1 == 0), then x - 1 overflows only for MIN.
    a.cmnImm(y, 1);
    a.ccmpImm(x, 1, 0, Cond.EQ);
    a.bCond(Cond.VS, cg.trap(TrapKind.integerOverflow, inst.offset));
  }
  const out = cg.dst(r, S0);
  if (kind <= 1) {
    if (signed) a.sdiv(out, x, y);
    else a.udiv(out, x, y);
  } else {
    // x - (x / y) * y; for MIN % -1, sdiv gives MIN and the result is 0 as wasm wants.
    const t = as(S2, x);
    if (signed) a.sdiv(t, x, y);
    else a.udiv(t, x, y);
    a.msub(out, t, y, x);
  }
  cg.def(r, out);
}

/** i32 ops 0x67..0x78 and i64 ops 0x79..0x8A (`base` = 0x67 or 0x79). */
function arith(cg: FuncCodegen, inst: Inst, base: number): void {
  const a = cg.a;
  const k = inst.op - base;
  const r = inst.results[0];
  if (k >= 6 && k <= 9) {
    divide(cg, inst, k - 6);
    return;
  }
  const x = cg.use(inst.args[0], S0);
  if (k <= 2) {
    const out = cg.dst(r, S0);
    if (k === 0) a.clz(out, x);
    else if (k === 1) {
      const t = as(S1, x);
      a.rbit(t, x);
      a.clz(out, t);
    } else popcnt(cg, x, out);
    cg.def(r, out);
    return;
  }
  const y = cg.use(inst.args[1], S1);
  const out = cg.dst(r, S0);
  switch (k) {
    case 3:
      a.add(out, x, y);
      break;
    case 4:
      a.sub(out, x, y);
      break;
    case 5:
      a.mul(out, x, y);
      break;
    case 10:
      a.and(out, x, y);
      break;
    case 11:
      a.orr(out, x, y);
      break;
    case 12:
      a.eor(out, x, y);
      break;
    case 13:
      a.lsl(out, x, y);
      break;
    case 14:
      a.asr(out, x, y);
      break;
    case 15:
      a.lsr(out, x, y);
      break;
    case 16: {
      // rotl(x, n) = rotr(x, -n); ror masks the count.
      const t = as(S2, y);
      a.neg(t, y);
      a.ror(out, x, t);
      break;
    }
    case 17:
      a.ror(out, x, y);
      break;
  }
  cg.def(r, out);
}

function select(cg: FuncCodegen, inst: Inst): void {
  const a = cg.a;
  const r = inst.results[0];
  const t = cg.ty(r);
  if (t !== Ty.F32 && t !== Ty.F64 && t !== Ty.V128) {
    const x = cg.useX(inst.args[0], S0);
    const y = cg.useX(inst.args[1], S1);
    const c = cg.use(inst.args[2], S2);
    a.cmpImm(c, 0);
    const out = cg.dstX(r, S0);
    a.csel(out, x, y, Cond.NE);
    cg.def(r, out);
    return;
  }
  const xn = cg.useV(inst.args[0], V0);
  const yn = cg.useV(inst.args[1], V1);
  const c = cg.use(inst.args[2], S0);
  if (t !== Ty.V128) {
    const view = t === Ty.F32 ? s : d;
    a.cmpImm(c, 0);
    const out = cg.dstV(r, V0);
    a.emit(fcsel(view(out), view(xn), view(yn), Cond.NE), () => {
      const p = t === Ty.F32 ? "s" : "d";
      return `fcsel ${p}${out}, ${p}${xn}, ${p}${yn}, ne`;
    });
    cg.defV(r, out);
    return;
  }
  const keep = a.newLabel();
  cg.movV(V0, xn);
  a.cbnz(c, keep);
  cg.movV(V0, yn);
  a.bind(keep);
  cg.defV(r, V0);
}

/** Wrap, extensions and reinterpretations (bit moves). */
function conversion(cg: FuncCodegen, inst: Inst): boolean {
  const a = cg.a;
  const op = inst.op;
  const r = inst.results[0];
  const arg = inst.args[0];
  switch (op) {
    case 0xa7: // i32.wrap_i64
    case 0xad: {
      // i64.extend_i32_u: a W move clears the upper half.
      const x = cg.useX(arg, S0);
      const out = cg.dstX(r, S0);
      a.mov(W[out.num], W[x.num]);
      cg.def(r, out);
      return true;
    }
    case 0xbc: // i32.reinterpret_f32
    case 0xbd: // i64.reinterpret_f64
    case 0xbe: // f32.reinterpret_i32
    case 0xbf: // f64.reinterpret_i64
      // `use` and `def` move the bits between register files.
      cg.def(r, cg.useX(arg, S0));
      return true;
    case 0xac: // i64.extend_i32_s
    case 0xc4: // i64.extend32_s
    case 0xc2: // i64.extend8_s
    case 0xc3: {
      // i64.extend16_s
      const x = cg.useX(arg, S0);
      const out = cg.dstX(r, S0);
      if (op === 0xc2) a.sxtb(out, x);
      else if (op === 0xc3) a.sxth(out, x);
      else a.sxtw(out, x);
      cg.def(r, out);
      return true;
    }
    case 0xc0: // i32.extend8_s
    case 0xc1: {
      // i32.extend16_s
      const x = cg.use(arg, S0);
      const out = cg.dst(r, S0);
      if (op === 0xc0) a.sxtb(out, x);
      else a.sxth(out, x);
      cg.def(r, out);
      return true;
    }
    default:
      return false;
  }
}

/** Selects integer operations (and constants of every type); returns false for other operations. */
export function selectInt(cg: FuncCodegen, inst: Inst): boolean {
  const a = cg.a;
  const op = inst.op;
  const r = inst.results[0];
  if (op === 0x41 || op === 0x43) {
    const out = op === 0x41 ? cg.dst(r, S0) : W[S0.num];
    a.movImm(out, inst.a >>> 0);
    cg.def(r, out);
  } else if (op === 0x42 || op === 0x44) {
    const value = (BigInt(inst.b >>> 0) << 32n) | BigInt(inst.a >>> 0);
    const out = op === 0x42 ? cg.dstX(r, S0) : X[S0.num];
    a.movImm(out, value);
    cg.def(r, out);
  } else if (op === 0x45 || op === 0x50 || op === 0xd1) {
    a.cmpImm(cg.use(inst.args[0], S0), 0);
    setCond(cg, inst, Cond.EQ);
  } else if ((op >= 0x46 && op <= 0x4f) || (op >= 0x51 && op <= 0x5a)) {
    const x = cg.use(inst.args[0], S0);
    const y = cg.use(inst.args[1], S1);
    a.cmp(x, y);
    setCond(cg, inst, CMP_CONDS[op <= 0x4f ? op - 0x46 : op - 0x51]);
  } else if (op >= 0x67 && op <= 0x78) {
    arith(cg, inst, 0x67);
  } else if (op >= 0x79 && op <= 0x8a) {
    arith(cg, inst, 0x79);
  } else if (op === 0x1b) {
    select(cg, inst);
  } else if (op === 0xfd0c) {
    const n = cg.dstV(r, V0);
    cg.v128Const(n, inst.bytes as Uint8Array);
    cg.defV(r, n);
  } else if (op === 0xd0) {
    const out = cg.dstX(r, S0);
    a.mov(out, xzr);
    cg.def(r, out);
  } else {
    return conversion(cg, inst);
  }
  return true;
}
