/**
 * Instruction selection for linear memory and globals on arm64: bounds-checked loads and stores,
 * `memory.size`, `memory.grow` (an exit), and `global.get`/`global.set` on the context's global
 * slots. Bounds check (explicit, 64-bit, so nothing overflows): `x16 = zext(address) + offset`,
 * then `x16 > size - width` (signed: the size is at most 2^32 and may be below `width`) traps;
 * the access is `[base, x16]`, which A64 performs at any alignment.
 */
import { TrapKind } from "../backend/abi.js";
import {
  accessWidth,
  isScalarLoad,
  isScalarStore,
  loadSigned,
  loadWide,
  OP_MEMORY_GROW,
} from "../backend/op-facts.js";
import type { Inst } from "../ir/types.js";
import { ContextOffset, ExitCode } from "../native/abi.js";
import { CTX, S0, S1, S2, V0 } from "./abi.js";
import { type Mem, mem, memIndex } from "./assembler.js";
import type { FuncCodegen } from "./codegen.js";
import { unsupported } from "./codegen.js";
import { Cond, Extend } from "./operands.js";
import { d, s, W, X, x16, x17 } from "./registers.js";
import { globalSlot } from "./runtime-exits.js";

/**
 * Checks the bounds of `inst`'s access of `width` bytes at the address in `inst.args[0]` (with
 * the static offset `inst.a`) and returns the memory operand `[x17, x16]`. Uses x16 and x17 only,
 * so a value to store may sit in x14 or any SIMD&FP register.
 */
export function address(cg: FuncCodegen, inst: Inst, width: number): Mem {
  const a = cg.a;
  if (!cg.info.hasMemory) throw unsupported("memory access without a memory", inst.offset);
  const addr = W[cg.use(inst.args[0], S1).num];
  const offset = inst.a >>> 0;
  if (offset < 4096) {
    a.mov(W[16], addr);
    if (offset > 0) a.addImm(x16, x16, offset);
  } else {
    a.movImm(x16, offset);
    a.addExt(x16, x16, addr, Extend.UXTW);
  }
  a.ldr(x17, mem(CTX, ContextOffset.memorySize));
  a.subImm(x17, x17, width);
  a.cmp(x16, x17);
  a.bCond(Cond.GT, cg.trap(TrapKind.memoryOutOfBounds, inst.offset));
  a.ldr(x17, mem(CTX, ContextOffset.memoryBase));
  return memIndex(x17, x16);
}

function load(cg: FuncCodegen, inst: Inst): void {
  const a = cg.a;
  const op = inst.op;
  const width = accessWidth(op);
  const m = address(cg, inst, width);
  const r = inst.results[0];
  if (op === 0x2a || op === 0x2b) {
    const n = cg.dstV(r, V0);
    a.ldr(op === 0x2a ? s(n) : d(n), m);
    cg.defV(r, n);
    return;
  }
  const out = cg.dstX(r, S2);
  const wide = loadWide(op);
  const signed = loadSigned(op);
  const w = W[out.num];
  if (width === 8) a.ldr(out, m);
  else if (width === 4) {
    if (signed) a.ldrsw(out, m);
    else a.ldr(w, m);
  } else if (signed) {
    const t = wide ? out : w;
    if (width === 1) a.ldrsb(t, m);
    else a.ldrsh(t, m);
  } else if (width === 1) a.ldrb(w, m);
  else a.ldrh(w, m);
  cg.def(r, out);
}

function store(cg: FuncCodegen, inst: Inst): void {
  const a = cg.a;
  const op = inst.op;
  const width = accessWidth(op);
  const m = address(cg, inst, width);
  const v = inst.args[1];
  if (op === 0x38 || op === 0x39) {
    const n = cg.useV(v, V0);
    a.str(op === 0x38 ? s(n) : d(n), m);
    return;
  }
  const x = cg.useX(v, S2);
  if (width === 8) a.str(x, m);
  else if (width === 4) a.str(W[x.num], m);
  else if (width === 2) a.strh(W[x.num], m);
  else a.strb(W[x.num], m);
}

/** Selects memory and global operations; returns false for other operations. */
export function selectMem(cg: FuncCodegen, inst: Inst): boolean {
  const a = cg.a;
  const op = inst.op;
  if (isScalarLoad(op)) load(cg, inst);
  else if (isScalarStore(op)) store(cg, inst);
  // Globals beyond the context are addressed through x17 (`fromSlot` and `toSlot` leave it alone).
  else if (op === 0x23) cg.fromSlot(inst.results[0], globalSlot(a, inst.a, x17));
  else if (op === 0x24) cg.toSlot(inst.args[0], globalSlot(a, inst.a, x17));
  else if (op === 0x3f) {
    const r = inst.results[0];
    const out = cg.dstX(r, S0);
    a.ldr(x16, mem(CTX, ContextOffset.memorySize));
    a.lsrImm(out, x16, 16);
    cg.def(r, out);
  } else if (op === OP_MEMORY_GROW) {
    // An exit that resumes: the allocator keeps nothing in registers across it.
    const delta = cg.use(inst.args[0], S1);
    a.mov(W[16], W[delta.num]);
    cg.exit(ExitCode.memoryGrow, X[16]);
    const r = inst.results[0];
    const out = cg.dstX(r, S0);
    a.ldr(W[out.num], mem(CTX, ContextOffset.exitArgs));
    cg.def(r, out);
  } else return false;
  return true;
}
