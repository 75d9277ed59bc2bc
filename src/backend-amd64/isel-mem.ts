/**
 * Instruction selection for linear memory and globals: bounds-checked loads and stores,
 * `memory.size`, `memory.grow` (an exit), and `global.get`/`global.set` on the context's global
 * slots. Bounds check: `zext(address) + offset + width` (64-bit, cannot overflow) is compared
 * with the memory size in the context; the access then goes through
 * `base + (address + offset + width) - width`.
 */
import { CompiledContext, GLOBAL_SLOTS, SLOT_BYTES, TrapKind } from "../backend/abi.js";
import type { Inst } from "../ir/types.js";
import { ContextOffset, ExitCode } from "../native/abi.js";
import type { FuncCodegen } from "./codegen.js";
import { unsupported } from "./codegen.js";
import { type Mem, mem } from "./operands.js";
import { Cond, r11, r15, rax, rcx, rdx, S8, S16, S32, S64, type Size, xmm0 } from "./registers.js";

/** Access width in bytes of loads 0x28..0x35 and stores 0x36..0x3e. */
const WIDTHS: readonly number[] = [4, 8, 4, 8, 1, 1, 2, 2, 1, 1, 2, 2, 4, 4, 4, 8, 4, 8, 1, 2, 1, 2, 4];

/**
 * Checks the bounds of `inst`'s access of `width` bytes (address already in rax) and returns the
 * memory operand (uses rdx and r11).
 */
export function address(cg: FuncCodegen, inst: Inst, width: number): Mem {
  const a = cg.a;
  if (!cg.info.hasMemory) throw unsupported("memory access without a memory", inst.offset);
  a.mov(S32, rax, rax);
  const end = inst.a + width;
  if (end <= 0x7fff_ffff) {
    a.lea(S64, rdx, mem(rax, end));
  } else {
    a.movImm64(rdx, BigInt(end));
    a.add(S64, rdx, rax);
  }
  a.cmp(S64, rdx, mem(r15, ContextOffset.memorySize));
  a.jcc(Cond.A, cg.trap(TrapKind.memoryOutOfBounds, inst.offset));
  a.mov(S64, r11, mem(r15, ContextOffset.memoryBase));
  a.add(S64, r11, rdx);
  return mem(r11, -width);
}

function load(cg: FuncCodegen, inst: Inst): void {
  const a = cg.a;
  const op = inst.op;
  const width = WIDTHS[op - 0x28];
  cg.loadGpr(rax, inst.args[0]);
  const m = address(cg, inst, width);
  const r = inst.results[0];
  if (op === 0x2a) {
    a.movss(xmm0, m);
    cg.storeXmm(r, xmm0);
    return;
  }
  if (op === 0x2b) {
    a.movsd(xmm0, m);
    cg.storeXmm(r, xmm0);
    return;
  }
  const wide = op === 0x29 || op >= 0x30;
  const signed = op === 0x2c || op === 0x2e || op === 0x30 || op === 0x32 || op === 0x34;
  if (width === 8) a.mov(S64, rax, m);
  else if (width === 4 && signed) a.movsxd(rax, m);
  else if (width === 4) a.mov(S32, rax, m);
  else if (signed) a.movsx(wide ? S64 : S32, rax, width === 1 ? S8 : S16, m);
  else a.movzx(S32, rax, width === 1 ? S8 : S16, m);
  cg.storeGpr(r, rax);
}

function store(cg: FuncCodegen, inst: Inst): void {
  const a = cg.a;
  const width = WIDTHS[inst.op - 0x28];
  cg.loadGpr(rcx, inst.args[1]);
  cg.loadGpr(rax, inst.args[0]);
  const m = address(cg, inst, width);
  const size: Size = width === 1 ? S8 : width === 2 ? S16 : width === 4 ? S32 : S64;
  a.mov(size, m, rcx);
}

function globalSlot(inst: Inst): Mem {
  if (inst.a >= GLOBAL_SLOTS) throw unsupported(`more than ${GLOBAL_SLOTS} globals`, inst.offset);
  return mem(r15, CompiledContext.globals + SLOT_BYTES * inst.a);
}

/** Selects memory and global operations; returns false for other operations. */
export function selectMem(cg: FuncCodegen, inst: Inst): boolean {
  const a = cg.a;
  const op = inst.op;
  if (op >= 0x28 && op <= 0x35) load(cg, inst);
  else if (op >= 0x36 && op <= 0x3e) store(cg, inst);
  else if (op === 0x23) {
    cg.fromSlot(inst.results[0], globalSlot(inst));
  } else if (op === 0x24) {
    cg.toSlot(inst.args[0], globalSlot(inst));
  } else if (op === 0x3f) {
    a.mov(S64, rax, mem(r15, ContextOffset.memorySize));
    a.shr(S64, rax, 16);
    cg.storeGpr(inst.results[0], rax);
  } else if (op === 0x40) {
    // An exit that resumes: the allocator keeps nothing in registers across it.
    cg.loadGpr(rax, inst.args[0]);
    a.mov(S32, rax, rax);
    cg.exit(ExitCode.memoryGrow, rax);
    a.mov(S32, rax, mem(r15, ContextOffset.exitArgs));
    cg.storeGpr(inst.results[0], rax);
  } else return false;
  return true;
}
