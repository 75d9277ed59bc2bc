/**
 * Instruction selection for linear memory and globals: bounds-checked loads and stores,
 * `memory.size`, `memory.grow` (an exit), `memory.copy` and `memory.fill` (`rep movsb`/`rep
 * stosb`), and `global.get`/`global.set` on the context's global slots. Bounds check:
 * `zext(address) + offset + width` (64-bit, cannot overflow) is compared with the memory size in
 * the context; the access then goes through `[base + zext(address) + offset]` (or
 * `base + (address + offset + width) - width` when the offset does not fit a displacement).
 */
import { TrapKind } from "../backend/abi.js";
import type { Inst } from "../ir/types.js";
import { ContextOffset, ExitCode } from "../native/abi.js";
import type { FuncCodegen } from "./codegen.js";
import { unsupported } from "./codegen.js";
import { finishResult, resultReg } from "./isel-int.js";
import type { Label } from "./labels.js";
import { type Mem, mem, memIndex } from "./operands.js";
import {
  Cond,
  type Gpr,
  r11,
  r15,
  rax,
  rcx,
  rdi,
  rdx,
  rsi,
  S8,
  S16,
  S32,
  S64,
  type Size,
  xmm0,
  xmm1,
} from "./registers.js";
import { globalSlot } from "./runtime-exits.js";

/** The `boundsChecked` key of accesses at constant addresses (no register has this number). */
const CONSTANT_ADDRESSES = -1;

/** Access width in bytes of loads 0x28..0x35 and stores 0x36..0x3e. */
const WIDTHS: readonly number[] = [4, 8, 4, 8, 1, 1, 2, 2, 1, 1, 2, 2, 4, 4, 4, 8, 4, 8, 1, 2, 1, 2, 4];

/**
 * Loads the address operand of `inst` (zero-extended) into rax, checks the bounds of its access
 * of `width` bytes and returns the memory operand (uses rdx and r11). The check is left out when
 * an earlier access of the block through the same address register checked as far (memory never
 * shrinks), and r11 keeps the memory base between accesses (see `FuncCodegen.memBaseCached`).
 */
export function address(cg: FuncCodegen, inst: Inst, width: number): Mem {
  const a = cg.a;
  if (!cg.info.hasMemory) throw unsupported("memory access without a memory", inst.offset);
  const c = cg.constant(inst.args[0]);
  if (c !== null) return constantAddress(cg, inst, Number(BigInt.asUintN(32, c)) + inst.a, width);
  a.mov(S32, rax, cg.operand(inst.args[0]) as Gpr | Mem);
  const end = inst.a + width;
  if (end <= 0x7fff_ffff) {
    if (!cg.boundsChecked(inst.args[0], end)) {
      a.lea(S64, rdx, mem(rax, end));
      a.cmp(S64, rdx, mem(r15, ContextOffset.memorySize));
      a.jcc(Cond.A, cg.trap(TrapKind.memoryOutOfBounds, inst.offset));
    }
    if (!cg.memBaseCached) a.mov(S64, r11, mem(r15, ContextOffset.memoryBase));
    cg.memBaseCached = true;
    return memIndex(r11, rax, 1, inst.a);
  }
  a.movImm64(rdx, BigInt(end));
  a.add(S64, rdx, rax);
  a.cmp(S64, rdx, mem(r15, ContextOffset.memorySize));
  a.jcc(Cond.A, cg.trap(TrapKind.memoryOutOfBounds, inst.offset));
  a.mov(S64, r11, mem(r15, ContextOffset.memoryBase));
  a.add(S64, r11, rdx);
  cg.memBaseCached = false;
  return mem(r11, -width);
}

function load(cg: FuncCodegen, inst: Inst): void {
  const a = cg.a;
  const op = inst.op;
  const width = WIDTHS[op - 0x28];
  const m = address(cg, inst, width);
  const r = inst.results[0];
  if (op === 0x2a || op === 0x2b) {
    const o = cg.operand(r);
    const d = o.kind === "xmm" ? o : xmm0;
    if (op === 0x2a) a.movss(d, m);
    else a.movsd(d, m);
    if (d === xmm0) cg.storeXmm(r, xmm0);
    return;
  }
  const wide = op === 0x29 || op >= 0x30;
  const signed = op === 0x2c || op === 0x2e || op === 0x30 || op === 0x32 || op === 0x34;
  const d = resultReg(cg, r);
  if (width === 8) a.mov(S64, d, m);
  else if (width === 4 && signed) a.movsxd(d, m);
  else if (width === 4) a.mov(S32, d, m);
  else if (signed) a.movsx(wide ? S64 : S32, d, width === 1 ? S8 : S16, m);
  else a.movzx(S32, d, width === 1 ? S8 : S16, m);
  finishResult(cg, r, d);
}

function store(cg: FuncCodegen, inst: Inst): void {
  const a = cg.a;
  const width = WIDTHS[inst.op - 0x28];
  const size: Size = width === 1 ? S8 : width === 2 ? S16 : width === 4 ? S32 : S64;
  const imm = cg.immediate(inst, 1);
  const v = imm === null ? cg.operand(inst.args[1]) : null;
  if (v?.kind === "xmm") {
    const m = address(cg, inst, width);
    if (width === 4) a.movss(m, v);
    else a.movsd(m, v);
    return;
  }
  let src: Gpr | number;
  if (imm !== null) src = size === S8 ? imm & 0xff : size === S16 ? imm & 0xffff : imm;
  else if (v?.kind === "gpr") src = v;
  else {
    cg.loadGpr(rcx, inst.args[1]);
    src = rcx;
  }
  const m = address(cg, inst, width);
  a.mov(size, m, src);
}

/**
 * An access of `width` bytes at the constant effective address `ea`: no check when the memory's
 * declared minimum covers it, otherwise the size is compared with its end once per block (uses
 * rax, rdx and r11).
 */
function constantAddress(cg: FuncCodegen, inst: Inst, ea: number, width: number): Mem {
  const a = cg.a;
  const end = ea + width;
  if (end > cg.info.memoryMinBytes && !cg.boundsChecked(CONSTANT_ADDRESSES, end)) {
    if (end <= 0x7fff_ffff) a.cmp(S64, mem(r15, ContextOffset.memorySize), end);
    else {
      a.movImm64(rdx, BigInt(end));
      a.cmp(S64, mem(r15, ContextOffset.memorySize), rdx);
    }
    a.jcc(Cond.B, cg.trap(TrapKind.memoryOutOfBounds, inst.offset));
  }
  if (!cg.memBaseCached) a.mov(S64, r11, mem(r15, ContextOffset.memoryBase));
  cg.memBaseCached = true;
  if (ea <= 0x7fff_ffff) return mem(r11, ea);
  a.movImm64(rax, BigInt(ea));
  return memIndex(r11, rax, 1);
}

/**
 * `memory.copy` (memmove semantics: a backward copy when the destination overlaps the source from
 * above) and `memory.fill`, after checking both ranges; rsi and rdi are saved around the string
 * instruction, which needs them.
 */
function bulk(cg: FuncCodegen, inst: Inst): void {
  const a = cg.a;
  if (!cg.info.hasMemory) throw unsupported("memory access without a memory", inst.offset);
  const copy = inst.op === 0xfc0a;
  const oob = cg.trap(TrapKind.memoryOutOfBounds, inst.offset);
  // rax = destination, rdx = source or fill value, rcx = length (all zero-extended).
  a.mov(S32, rax, cg.operand(inst.args[0]) as Gpr | Mem);
  a.mov(S32, rdx, cg.operand(inst.args[1]) as Gpr | Mem);
  a.mov(S32, rcx, cg.operand(inst.args[2]) as Gpr | Mem);
  a.lea(S64, r11, memIndex(rax, rcx, 1));
  a.cmp(S64, r11, mem(r15, ContextOffset.memorySize));
  a.jcc(Cond.A, oob);
  if (copy) {
    a.lea(S64, r11, memIndex(rdx, rcx, 1));
    a.cmp(S64, r11, mem(r15, ContextOffset.memorySize));
    a.jcc(Cond.A, oob);
  }
  const done = a.newLabel();
  if (copy) smallCopy(cg, done);
  a.push(rdi);
  a.mov(S64, rdi, mem(r15, ContextOffset.memoryBase));
  if (!copy) {
    a.add(S64, rdi, rax);
    a.mov(S32, rax, rdx);
    a.repStosb();
    a.pop(rdi);
    return;
  }
  const forward = a.newLabel();
  const strings = a.newLabel();
  a.push(rsi);
  a.lea(S64, rsi, memIndex(rdi, rdx, 1));
  a.add(S64, rdi, rax);
  // Overlapping with the destination above the source: copy from the end down.
  a.sub(S64, rax, rdx);
  a.cmp(S64, rax, rcx);
  a.jcc(Cond.AE, forward);
  a.lea(S64, rsi, memIndex(rsi, rcx, 1, -1));
  a.lea(S64, rdi, memIndex(rdi, rcx, 1, -1));
  a.std();
  a.repMovsb();
  a.cld();
  a.jmp(strings);
  a.bind(forward);
  a.repMovsb();
  a.bind(strings);
  a.pop(rsi);
  a.pop(rdi);
  a.bind(done);
}

/**
 * The fast path of `memory.copy` for 4 to 32 bytes (destination in rax, source in rdx, length in
 * rcx, checked): the first and the last 4, 8 or 16 bytes, both loaded before either is stored, so
 * overlapping ranges copy correctly. Jumps to `done` when it copied; falls through for other
 * lengths (uses r11, xmm0 and xmm1).
 */
function smallCopy(cg: FuncCodegen, done: Label): void {
  const a = cg.a;
  const other = a.newLabel();
  const upTo8 = a.newLabel();
  const upTo16 = a.newLabel();
  a.cmp(S64, rcx, 32);
  a.jcc(Cond.A, other);
  a.cmp(S64, rcx, 4);
  a.jcc(Cond.B, other);
  a.mov(S64, r11, mem(r15, ContextOffset.memoryBase));
  a.add(S64, rax, r11);
  a.add(S64, rdx, r11);
  a.cmp(S64, rcx, 8);
  a.jcc(Cond.BE, upTo8);
  a.cmp(S64, rcx, 16);
  a.jcc(Cond.BE, upTo16);
  a.movdqu(xmm0, mem(rdx));
  a.movdqu(xmm1, memIndex(rdx, rcx, 1, -16));
  a.movdqu(mem(rax), xmm0);
  a.movdqu(memIndex(rax, rcx, 1, -16), xmm1);
  a.jmp(done);
  a.bind(upTo16);
  a.movsd(xmm0, mem(rdx));
  a.movsd(xmm1, memIndex(rdx, rcx, 1, -8));
  a.movsd(mem(rax), xmm0);
  a.movsd(memIndex(rax, rcx, 1, -8), xmm1);
  a.jmp(done);
  a.bind(upTo8);
  a.movss(xmm0, mem(rdx));
  a.movss(xmm1, memIndex(rdx, rcx, 1, -4));
  a.movss(mem(rax), xmm0);
  a.movss(memIndex(rax, rcx, 1, -4), xmm1);
  a.jmp(done);
  a.bind(other);
}

/** Selects memory and global operations; returns false for other operations. */
export function selectMem(cg: FuncCodegen, inst: Inst): boolean {
  const a = cg.a;
  const op = inst.op;
  if (op >= 0x28 && op <= 0x35) load(cg, inst);
  else if (op >= 0x36 && op <= 0x3e) store(cg, inst);
  else if (op === 0xfc0a || op === 0xfc0b) bulk(cg, inst);
  else if (op === 0x23) {
    cg.fromSlot(inst.results[0], globalSlot(a, inst.a, rdx));
  } else if (op === 0x24) {
    cg.toSlot(inst.args[0], globalSlot(a, inst.a, rdx));
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
