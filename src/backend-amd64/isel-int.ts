/**
 * Instruction selection for integer operations: constants, arithmetic, bit counts, shifts,
 * division with its traps, comparisons, `select`, extensions and reinterpretations, and the
 * reference operations on handles (`ref.null` is 0, see `src/backend/README.md`). Arithmetic,
 * bitwise operations, shifts and comparisons work on the allocated registers directly (two-address
 * forms, constants folded into immediates; rax stands in for a result that lives on the stack);
 * the rest load their operands into scratch registers (rax, rcx, rdx), compute there and store
 * to the result's location. A result may share a register with an operand that dies at the
 * operation.
 */
import { TrapKind } from "../backend/abi.js";
import type { Inst } from "../ir/types.js";
import type { FuncCodegen } from "./codegen.js";
import type { Mem } from "./operands.js";
import {
  Cond,
  type Gpr,
  invertCond,
  rax,
  rcx,
  rdx,
  S8,
  S16,
  S32,
  S64,
  type Size,
  xmm0,
} from "./registers.js";

/** Flag conditions of the i32/i64 comparisons eq..ge_u, in wasm order. */
const CMP_CONDS: readonly Cond[] = [
  Cond.E,
  Cond.NE,
  Cond.L,
  Cond.B,
  Cond.G,
  Cond.A,
  Cond.LE,
  Cond.BE,
  Cond.GE,
  Cond.AE,
];

function binary(cg: FuncCodegen, inst: Inst): void {
  cg.loadGpr(rax, inst.args[0]);
  cg.loadGpr(rcx, inst.args[1]);
}

/** Where integer operand `i` of `inst` is: an immediate, its register or its stack slot. */
export function intOperand(cg: FuncCodegen, inst: Inst, i: number): Gpr | Mem | number {
  return cg.immediate(inst, i) ?? (cg.operand(inst.args[i]) as Gpr | Mem);
}

/** The register an integer result is computed in: its own, or rax when it lives on the stack. */
export function resultReg(cg: FuncCodegen, r: number): Gpr {
  const o = cg.operand(r);
  return o.kind === "gpr" ? o : rax;
}

/** Stores a result computed in `reg` (by `resultReg`) to its location. */
export function finishResult(cg: FuncCodegen, r: number, reg: Gpr): void {
  if (reg === rax) cg.storeGpr(r, rax);
}

/**
 * Ends a comparison whose flags hold `cc`: a fused comparison leaves the condition to the
 * block's `brif`, any other one materialises it as 0 or 1.
 */
function setFlagResult(cg: FuncCodegen, inst: Inst, cc: Cond): void {
  const r = inst.results[0];
  if (cg.isFused(r)) {
    cg.pendingCond = cc;
    return;
  }
  const d = resultReg(cg, r);
  cg.a.setcc(cc, rax);
  cg.a.movzx(S32, d, S8, rax);
  finishResult(cg, r, d);
}

/** `cmp`s operand 0 of `inst` with operand 1 (an immediate when it is a folded constant). */
function compareOperands(cg: FuncCodegen, inst: Inst, size: Size): void {
  let x = cg.operand(inst.args[0]) as Gpr | Mem;
  const y = intOperand(cg, inst, 1);
  if (x.kind === "mem" && typeof y !== "number" && y.kind === "mem") {
    cg.a.mov(S64, rax, x);
    x = rax;
  }
  if (x.kind === "gpr") cg.a.cmp(size, x, y);
  else cg.a.cmp(size, x, y as Gpr | number);
}

/** Tests operand 0 of `inst` against zero. */
function testZero(cg: FuncCodegen, inst: Inst, size: Size): void {
  const x = cg.operand(inst.args[0]) as Gpr | Mem;
  if (x.kind === "gpr") cg.a.test(size, x, x);
  else cg.a.cmp(size, x, 0);
}

type TwoAddress = (d: Gpr, y: Gpr | Mem | number) => void;

/**
 * A two-address operation `d = x op y` on the allocated registers: the result's register gets x
 * and is combined with y (an immediate, a register or a stack slot). When the result's register
 * holds y (y dies here), a commutative operation combines it with x instead; otherwise the
 * operation runs in rax. Shift counts in registers go through cl, loaded before x moves.
 */
function twoAddress(
  cg: FuncCodegen,
  inst: Inst,
  commutative: boolean,
  shift: boolean,
  emit: TwoAddress,
): void {
  const a = cg.a;
  const r = inst.results[0];
  const x = cg.operand(inst.args[0]) as Gpr | Mem;
  let y = intOperand(cg, inst, 1);
  if (shift && typeof y !== "number") {
    a.mov(S32, rcx, y);
    y = rcx;
  }
  let d = resultReg(cg, r);
  if (y === d && x !== d) {
    if (commutative) {
      emit(d, x);
      return;
    }
    d = rax;
  }
  if (x !== d) a.mov(S64, d, x);
  emit(d, y);
  finishResult(cg, r, d);
}

/**
 * Unsigned division or remainder (`kind` 1 or 3) by a constant power of two: a shift or a mask on
 * the result's register. Returns false when the divisor is not one.
 */
function divideByPowerOfTwo(cg: FuncCodegen, inst: Inst, size: Size, kind: number, divisor: bigint): boolean {
  const bits = size === S32 ? 32 : 64;
  const u = BigInt.asUintN(bits, divisor);
  if (u === 0n || (u & (u - 1n)) !== 0n || (kind === 3 && u > 0x8000_0000n)) return false;
  const a = cg.a;
  const r = inst.results[0];
  const d = resultReg(cg, r);
  const x = cg.operand(inst.args[0]) as Gpr | Mem;
  if (x !== d) a.mov(S64, d, x);
  if (kind === 1) a.shr(size, d, u.toString(2).length - 1);
  else a.and(size, d, Number(u - 1n));
  finishResult(cg, r, d);
  return true;
}

/**
 * Division and remainder (`kind` 0..3: div_s, div_u, rem_s, rem_u) with their traps; a constant
 * divisor needs only the checks its value calls for.
 */
function divide(cg: FuncCodegen, inst: Inst, size: Size, kind: number): void {
  const a = cg.a;
  const divisor = cg.constant(inst.args[1]);
  if (divisor !== null && (kind === 1 || kind === 3) && divideByPowerOfTwo(cg, inst, size, kind, divisor))
    return;
  binary(cg, inst);
  if (divisor === null || divisor === 0n) {
    a.test(size, rcx, rcx);
    a.jcc(Cond.E, cg.trap(TrapKind.divideByZero, inst.offset));
  }
  const done = a.newLabel();
  if ((kind === 0 || kind === 2) && divisor !== null && divisor !== -1n) {
    if (size === S32) a.cdq();
    else a.cqo();
    a.idiv(size, rcx);
  } else if (kind === 0 || kind === 2) {
    // Signed: x / -1 is -x (overflowing for the minimum), x % -1 is 0; idiv would fault on both.
    const regular = a.newLabel();
    a.cmp(size, rcx, -1);
    a.jcc(Cond.NE, regular);
    if (kind === 0) {
      a.neg(size, rax);
      a.jcc(Cond.O, cg.trap(TrapKind.integerOverflow, inst.offset));
    } else {
      a.xor(S32, rax, rax);
    }
    a.jmp(done);
    a.bind(regular);
    if (size === S32) a.cdq();
    else a.cqo();
    a.idiv(size, rcx);
  } else {
    a.xor(S32, rdx, rdx);
    a.div(size, rcx);
  }
  if (kind >= 2) a.mov(S64, rax, rdx);
  a.bind(done);
  if (size === S32) a.mov(S32, rax, rax);
  cg.storeGpr(inst.results[0], rax);
}

/** i32 ops 0x67..0x78 and i64 ops 0x79..0x8A (`base` = 0x67 or 0x79). */
function arith(cg: FuncCodegen, inst: Inst, base: number, size: Size): void {
  const a = cg.a;
  const width = size === S32 ? 32 : 64;
  const k = inst.op - base;
  if (k <= 2) {
    cg.loadGpr(rax, inst.args[0]);
    if (k === 0) {
      a.mov(S32, rcx, 2 * width - 1);
      a.bsr(size, rax, rax);
      a.cmovcc(Cond.E, size, rax, rcx);
      a.xor(size, rax, width - 1);
    } else if (k === 1) {
      a.mov(S32, rcx, width);
      a.bsf(size, rax, rax);
      a.cmovcc(Cond.E, size, rax, rcx);
    } else {
      if (!cg.info.popcnt) cg.unsupportedOp(inst);
      a.popcnt(size, rax, rax);
    }
    cg.storeGpr(inst.results[0], rax);
    return;
  }
  if (k >= 6 && k <= 9) {
    divide(cg, inst, size, k - 6);
    return;
  }
  if (k >= 13) {
    const shifts = [a.shl, a.sar, a.shr, a.rol, a.ror];
    const sh = shifts[k - 13];
    twoAddress(cg, inst, false, true, (d, y) => {
      sh.call(a, size, d, typeof y === "number" ? y & (width - 1) : "cl");
    });
    return;
  }
  if (k === 5) {
    twoAddress(cg, inst, true, false, (d, y) => {
      if (typeof y === "number") a.imul3(size, d, d, y);
      else a.imul(size, d, y);
    });
    return;
  }
  twoAddress(cg, inst, k !== 4, false, (d, y) => {
    if (k === 3) a.add(size, d, y);
    else if (k === 4) a.sub(size, d, y);
    else if (k === 10) a.and(size, d, y);
    else if (k === 11) a.or(size, d, y);
    else a.xor(size, d, y);
  });
}

/** Selects integer operations; returns false for other operations. */
export function selectInt(cg: FuncCodegen, inst: Inst): boolean {
  const a = cg.a;
  const op = inst.op;
  const r = inst.results[0];
  if (op === 0x41 || op === 0x43) {
    const d = cg.loc(r).cls === 0 ? resultReg(cg, r) : rax;
    a.mov(S32, d, inst.a >>> 0);
    if (d === rax) cg.storeGpr(r, rax);
  } else if (op === 0x42 || op === 0x44) {
    const d = cg.loc(r).cls === 0 ? resultReg(cg, r) : rax;
    a.movImm64(d, (BigInt(inst.b >>> 0) << 32n) | BigInt(inst.a >>> 0));
    if (d === rax) cg.storeGpr(r, rax);
  } else if (op === 0x45 || op === 0x50) {
    testZero(cg, inst, op === 0x45 ? S32 : S64);
    setFlagResult(cg, inst, Cond.E);
  } else if ((op >= 0x46 && op <= 0x4f) || (op >= 0x51 && op <= 0x5a)) {
    compareOperands(cg, inst, op <= 0x4f ? S32 : S64);
    setFlagResult(cg, inst, CMP_CONDS[op <= 0x4f ? op - 0x46 : op - 0x51]);
  } else if (op >= 0x67 && op <= 0x78) {
    arith(cg, inst, 0x67, S32);
  } else if (op >= 0x79 && op <= 0x8a) {
    arith(cg, inst, 0x79, S64);
  } else if (op === 0x1b) {
    select(cg, inst);
  } else if (op === 0xfd0c) {
    cg.v128Const(xmm0, inst.bytes as Uint8Array);
    cg.storeXmm(r, xmm0);
  } else if (op === 0xd0) {
    a.xor(S32, rax, rax);
    cg.storeGpr(r, rax);
  } else if (op === 0xd1) {
    testZero(cg, inst, S64);
    setFlagResult(cg, inst, Cond.E);
  } else {
    return conversion(cg, inst);
  }
  return true;
}

/**
 * `select`: a `cmov` for integers, a branch for xmm-class values. A condition fused into it (see
 * `isel-facts.ts`) left its flags; otherwise the condition is tested against zero.
 */
function select(cg: FuncCodegen, inst: Inst): void {
  const a = cg.a;
  const r = inst.results[0];
  let cc = cg.pendingCond;
  cg.pendingCond = null;
  if (cc === null) {
    const c = cg.operand(inst.args[2]) as Gpr | Mem;
    if (c.kind === "gpr") a.test(S32, c, c);
    else a.cmp(S32, c, 0);
    cc = Cond.NE;
  }
  // Moves and loads below leave the flags alone.
  if (cg.loc(r).cls === 0) {
    const x = cg.operand(inst.args[0]) as Gpr | Mem;
    const y = cg.operand(inst.args[1]) as Gpr | Mem;
    let d = resultReg(cg, r);
    if (d === y && x !== d) d = rax;
    if (x !== d) a.mov(S64, d, x);
    a.cmovcc(invertCond(cc), S64, d, y);
    finishResult(cg, r, d);
    return;
  }
  const keep = a.newLabel();
  cg.loadXmm(xmm0, inst.args[0]);
  a.jcc(cc, keep);
  cg.loadXmm(xmm0, inst.args[1]);
  a.bind(keep);
  cg.storeXmm(r, xmm0);
}

/** Wrap, extensions and reinterpretations (bit moves). */
function conversion(cg: FuncCodegen, inst: Inst): boolean {
  const a = cg.a;
  const op = inst.op;
  switch (op) {
    case 0xa7: // i32.wrap_i64
    case 0xad: // i64.extend_i32_u
    case 0xbc: // i32.reinterpret_f32
    case 0xbe: // f32.reinterpret_i32
      cg.loadGpr(rax, inst.args[0]);
      a.mov(S32, rax, rax);
      break;
    case 0xbd: // i64.reinterpret_f64
    case 0xbf: // f64.reinterpret_i64
      cg.loadGpr(rax, inst.args[0]);
      break;
    case 0xac: // i64.extend_i32_s
    case 0xc4: // i64.extend32_s
      cg.loadGpr(rax, inst.args[0]);
      a.movsxd(rax, rax);
      break;
    case 0xc0: // i32.extend8_s
    case 0xc1: // i32.extend16_s
      cg.loadGpr(rax, inst.args[0]);
      a.movsx(S32, rax, op === 0xc0 ? S8 : S16, rax);
      break;
    case 0xc2: // i64.extend8_s
    case 0xc3: // i64.extend16_s
      cg.loadGpr(rax, inst.args[0]);
      a.movsx(S64, rax, op === 0xc2 ? S8 : S16, rax);
      break;
    default:
      return false;
  }
  cg.storeGpr(inst.results[0], rax);
  return true;
}
