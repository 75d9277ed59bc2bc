/**
 * The amd64 code behind the runtime duties of `src/backend/README.md` that are not one operation:
 * the call-depth budget of prologues and returns, interrupt polls and the module's resumable
 * interrupt handler, and addressing of value and global slots beyond the context (the overflow
 * areas).
 */
import { CompiledContext, GLOBAL_SLOTS, SLOT_BYTES, VALUE_SLOTS } from "../backend/abi.js";
import { ContextOffset, ExitCode } from "../native/abi.js";
import { GPR_POOL, gpr, XMM_POOL, xmm } from "./abi.js";
import type { Assembler } from "./assembler.js";
import type { Label } from "./labels.js";
import { type Mem, mem } from "./operands.js";
import { Cond, type Gpr, r15, rax, rbp, rsp, S32, S64 } from "./registers.js";

/** Prologue: takes one call from the depth budget; jumps to `exhausted` when none was left. */
export function emitTakeCall(a: Assembler, exhausted: Label): void {
  a.sub(S32, mem(r15, CompiledContext.callBudget), 1);
  a.jcc(Cond.B, exhausted);
}

/** Before a return: gives the call back to the depth budget. */
export function emitGiveCall(a: Assembler): void {
  a.add(S32, mem(r15, CompiledContext.callBudget), 1);
}

/**
 * Polls the interrupt flag (and the embedder's interrupt word when `external`): jumps to `stub`
 * when one is set. Uses rax.
 */
export function emitInterruptPoll(a: Assembler, stub: Label, external: boolean): void {
  a.cmp(S32, mem(r15, ContextOffset.interrupt), 0);
  a.jcc(Cond.NE, stub);
  if (!external) return;
  a.mov(S64, rax, mem(r15, ContextOffset.interruptWord));
  a.cmp(S32, mem(rax, 0), 0);
  a.jcc(Cond.NE, stub);
}

/** Bytes the interrupt handler saves: every allocatable register (8 per GPR, 16 per XMM), 16-aligned. */
const SAVE_BYTES = (8 * GPR_POOL.length + SLOT_BYTES * XMM_POOL.length + 15) & ~15;

/**
 * The module's interrupt handler, reached by `call` from an interrupt poll's out-of-line stub: it
 * makes a frame record (so stack walks see the poll's return address), saves every allocatable
 * register, exits with INTERRUPTED and, when the runtime resumes it (the interrupt was only a
 * poll, or its cause is not fatal), restores them and returns to the poll.
 */
export function emitInterruptHandler(a: Assembler, label: Label): void {
  a.bind(label);
  a.push(rbp);
  a.mov(S64, rbp, rsp);
  a.sub(S64, rsp, SAVE_BYTES);
  XMM_POOL.forEach((x, i) => {
    a.movups(mem(rsp, SLOT_BYTES * i), xmm(x));
  });
  const gprAt = SLOT_BYTES * XMM_POOL.length;
  GPR_POOL.forEach((g, i) => {
    a.mov(S64, mem(rsp, gprAt + 8 * i), gpr(g));
  });
  a.mov(S32, mem(r15, ContextOffset.exitCode), ExitCode.interrupted);
  a.call(mem(r15, ContextOffset.exitStub));
  XMM_POOL.forEach((x, i) => {
    a.movups(xmm(x), mem(rsp, SLOT_BYTES * i));
  });
  GPR_POOL.forEach((g, i) => {
    a.mov(S64, gpr(g), mem(rsp, gprAt + 8 * i));
  });
  a.add(S64, rsp, SAVE_BYTES);
  a.pop(rbp);
  a.ret();
}

/**
 * The memory operand of value slot `i`: in the context, or (from VALUE_SLOTS on) in the overflow
 * area, whose address is then loaded into `base` first.
 */
export function valueSlot(a: Assembler, i: number, base: Gpr): Mem {
  if (i < VALUE_SLOTS) return mem(r15, CompiledContext.values + SLOT_BYTES * i);
  a.mov(S64, base, mem(r15, CompiledContext.overflowValues));
  return mem(base, SLOT_BYTES * (i - VALUE_SLOTS));
}

/**
 * The memory operand of global `i`: in the context, or (from GLOBAL_SLOTS on) in the overflow
 * area, whose address is then loaded into `base` first.
 */
export function globalSlot(a: Assembler, i: number, base: Gpr): Mem {
  if (i < GLOBAL_SLOTS) return mem(r15, CompiledContext.globals + SLOT_BYTES * i);
  a.mov(S64, base, mem(r15, CompiledContext.overflowGlobals));
  return mem(base, SLOT_BYTES * (i - GLOBAL_SLOTS));
}
