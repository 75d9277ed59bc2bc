/**
 * The arm64 code behind the runtime duties of `src/backend/README.md` that are not one operation:
 * the call-depth budget of prologues and returns, interrupt polls and the module's resumable
 * interrupt handler, and addressing of value and global slots beyond the context (the overflow
 * areas).
 */
import { CompiledContext, GLOBAL_SLOTS, SLOT_BYTES, VALUE_SLOTS } from "../backend/abi.js";
import { ContextOffset, ExitCode } from "../native/abi.js";
import { CTX, GPR_POOL, VEC_POOL, xr } from "./abi.js";
import { type Assembler, type Mem, mem, postIndex, preIndex } from "./assembler.js";
import type { Label } from "./labels.js";
import { Cond } from "./operands.js";
import { type GpReg, q, sp, W, x16, x29, x30 } from "./registers.js";

/** Prologue: takes one call from the depth budget; branches to `exhausted` when none was left (uses w16). */
export function emitTakeCall(a: Assembler, exhausted: Label): void {
  const w16 = W[16];
  a.ldr(w16, mem(CTX, CompiledContext.callBudget));
  a.subsImm(w16, w16, 1);
  a.bCond(Cond.LO, exhausted);
  a.str(w16, mem(CTX, CompiledContext.callBudget));
}

/** Before a return: gives the call back to the depth budget (uses w16). */
export function emitGiveCall(a: Assembler): void {
  const w16 = W[16];
  a.ldr(w16, mem(CTX, CompiledContext.callBudget));
  a.addImm(w16, w16, 1);
  a.str(w16, mem(CTX, CompiledContext.callBudget));
}

/**
 * Polls the interrupt flag (and the embedder's interrupt word when `external`): branches to
 * `stub` when one is set. Uses x16.
 */
export function emitInterruptPoll(a: Assembler, stub: Label, external: boolean): void {
  a.ldr(W[16], mem(CTX, ContextOffset.interrupt));
  a.cbnz(W[16], stub);
  if (!external) return;
  a.ldr(x16, mem(CTX, ContextOffset.interruptWord));
  a.ldr(W[16], mem(x16, 0));
  a.cbnz(W[16], stub);
}

/** Bytes the interrupt handler saves: every allocatable register (8 per GPR, 16 per SIMD&FP), 16-aligned. */
const SAVE_BYTES = (8 * GPR_POOL.length + SLOT_BYTES * VEC_POOL.length + 15) & ~15;

/**
 * The module's interrupt handler, reached by `bl` from an interrupt poll's out-of-line stub: it
 * makes a frame record (so stack walks see the poll's return address), saves every allocatable
 * register, exits with INTERRUPTED and, when the runtime resumes it (the interrupt was only a
 * poll, or its cause is not fatal), restores them and returns to the poll.
 */
export function emitInterruptHandler(a: Assembler, label: Label): void {
  a.bind(label);
  a.stp(x29, x30, preIndex(sp, -16));
  a.mov(x29, sp);
  a.subImm(sp, sp, SAVE_BYTES);
  const gprAt = SLOT_BYTES * VEC_POOL.length;
  const save = (load: boolean): void => {
    for (let i = 0; i + 1 < VEC_POOL.length; i += 2) {
      const m = mem(sp, SLOT_BYTES * i);
      if (load) a.ldp(q(VEC_POOL[i]), q(VEC_POOL[i + 1]), m);
      else a.stp(q(VEC_POOL[i]), q(VEC_POOL[i + 1]), m);
    }
    GPR_POOL.forEach((g, i) => {
      const m = mem(sp, gprAt + 8 * i);
      if (load) a.ldr(xr(g), m);
      else a.str(xr(g), m);
    });
  };
  save(false);
  a.movImm(W[16], ExitCode.interrupted);
  a.str(W[16], mem(CTX, ContextOffset.exitCode));
  a.ldr(x16, mem(CTX, ContextOffset.exitStub));
  a.blr(x16);
  save(true);
  // The resume left x29 undefined: unwind from sp.
  a.addImm(sp, sp, SAVE_BYTES);
  a.ldp(x29, x30, postIndex(sp, 16));
  a.ret();
}

/**
 * The memory operand of value slot `i`: in the context, or (from VALUE_SLOTS on) in the overflow
 * area, whose address is then loaded into `base` first.
 */
export function valueSlot(a: Assembler, i: number, base: GpReg): Mem {
  if (i < VALUE_SLOTS) return mem(CTX, CompiledContext.values + SLOT_BYTES * i);
  a.ldr(base, mem(CTX, CompiledContext.overflowValues));
  return mem(base, SLOT_BYTES * (i - VALUE_SLOTS));
}

/**
 * The memory operand of global `i`: in the context, or (from GLOBAL_SLOTS on) in the overflow
 * area, whose address is then loaded into `base` first.
 */
export function globalSlot(a: Assembler, i: number, base: GpReg): Mem {
  if (i < GLOBAL_SLOTS) return mem(CTX, CompiledContext.globals + SLOT_BYTES * i);
  a.ldr(base, mem(CTX, CompiledContext.overflowGlobals));
  return mem(base, SLOT_BYTES * (i - GLOBAL_SLOTS));
}
