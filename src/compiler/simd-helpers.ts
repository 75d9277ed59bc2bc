/**
 * SIMD operations run as runtime helpers (every SIMD operation but `v128.const` for now): the
 * operands sit in 16-byte slots of the context's value area, which the shared semantics in
 * `src/semantics/` work on in place through lane views; the result goes to slot 0. Memory
 * operations are bounds-checked here with the runtime's trap message.
 */
import { RuntimeError } from "../errors.js";
import { opcodeInfo } from "../frontend/opcodes.js";
import { ValType } from "../frontend/types.js";
import { TRAP_MEMORY_OOB } from "../runtime/instance.js";
import type { MemoryInstance } from "../runtime/memory.js";
import { ret } from "../semantics/common.js";
import { simdSemantics } from "../semantics/simd-by-name.js";
import type { V128Views } from "../semantics/simd-views.js";

type Fn = (v: V128Views, ...xs: (number | Uint8Array)[]) => number | undefined;

function wide(t: ValType | undefined): boolean {
  return t === ValType.I64 || t === ValType.F64;
}

/** Slot `i` of the value area as a v128 register index of the views (4 int32 per slot). */
const reg = (i: number): number => 4 * i;

function oob(): RuntimeError {
  return new RuntimeError(TRAP_MEMORY_OOB);
}

function address(mem: MemoryInstance, base: number, offset: number, size: number): number {
  const ea = (base >>> 0) + (offset >>> 0);
  if (ea + size > mem.bytes.length) throw oob();
  return ea;
}

const MEMORY_SUBS = new Set([
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x5b, 0x5c, 0x5d,
]);

function memoryOp(v: V128Views, mem: MemoryInstance, sub: number, offset: number, lane: number): void {
  const r = v.i32;
  const bytes = mem.bytes;
  if (sub === 0x0b) {
    bytes.set(v.u8.subarray(16, 32), address(mem, r[0], offset, 16));
    return;
  }
  if (sub >= 0x58 && sub <= 0x5b) {
    const size = 1 << (sub - 0x58);
    const ea = address(mem, r[0], offset, size);
    bytes.set(v.u8.subarray(16 + lane * size, 16 + lane * size + size), ea);
    return;
  }
  if (sub >= 0x54 && sub <= 0x57) {
    const size = 1 << (sub - 0x54);
    const ea = address(mem, r[0], offset, size);
    v.u8.copyWithin(0, 16, 32);
    v.u8.set(bytes.subarray(ea, ea + size), lane * size);
    return;
  }
  const dv = mem.view;
  const base = r[0];
  const load = (size: number): number => address(mem, base, offset, size);
  switch (sub) {
    case 0x00:
      v.u8.set(bytes.subarray(load(16), load(16) + 16), 0);
      return;
    case 0x01:
    case 0x02: {
      const ea = load(8);
      for (let i = 0; i < 8; i++) v.i16[i] = sub === 0x01 ? dv.getInt8(ea + i) : dv.getUint8(ea + i);
      return;
    }
    case 0x03:
    case 0x04: {
      const ea = load(8);
      for (let i = 0; i < 4; i++)
        r[i] = sub === 0x03 ? dv.getInt16(ea + 2 * i, true) : dv.getUint16(ea + 2 * i, true);
      return;
    }
    case 0x05:
    case 0x06: {
      const ea = load(8);
      const [x0, x1] = [dv.getInt32(ea, true), dv.getInt32(ea + 4, true)];
      r.set([x0, sub === 0x05 ? x0 >> 31 : 0, x1, sub === 0x05 ? x1 >> 31 : 0], 0);
      return;
    }
    case 0x07:
      v.u8.fill(bytes[load(1)], 0, 16);
      return;
    case 0x08:
      v.u16.fill(dv.getUint16(load(2), true), 0, 8);
      return;
    case 0x09:
      r.fill(dv.getInt32(load(4), true), 0, 4);
      return;
    case 0x0a: {
      const ea = load(8);
      const [lo, hi] = [dv.getInt32(ea, true), dv.getInt32(ea + 4, true)];
      r.set([lo, hi, lo, hi], 0);
      return;
    }
    case 0x5c:
      r.set([dv.getInt32(load(4), true), 0, 0, 0], 0);
      return;
    case 0x5d: {
      const ea = load(8);
      r.set([dv.getInt32(ea, true), dv.getInt32(ea + 4, true), 0, 0], 0);
      return;
    }
  }
  throw new Error(`no SIMD memory helper for 0x${sub.toString(16)}`);
}

/**
 * Runs SIMD operation `0xFD00 | sub` on the value area viewed by `v` (operands in slots 0.., the
 * result to slot 0); `a` is the lane or the memory offset, `lane` the lane of lane loads/stores.
 */
export function runSimd(
  v: V128Views,
  mem: MemoryInstance | undefined,
  sub: number,
  a: number,
  lane: number,
): void {
  if (MEMORY_SUBS.has(sub)) {
    if (mem === undefined) throw new Error("SIMD memory operation without a memory");
    memoryOp(v, mem, sub, a, lane);
    return;
  }
  const info = opcodeInfo(0xfd00 | sub);
  if (info === undefined) throw new Error(`no SIMD operation 0x${sub.toString(16)}`);
  const f = simdSemantics(info.name) as Fn | undefined;
  if (typeof f !== "function") throw new Error(`no semantics for ${info.name}`);
  const r = v.i32;
  const V = ValType.V128;
  const pops = info.pops;
  const pushes = info.pushes;
  if (sub === 0x0d) {
    f(v, reg(0), reg(0), reg(1), v.u8, 32);
    return;
  }
  if (info.lanes > 0 && pushes[0] !== V) {
    const x = f(v, reg(0), a) as number;
    r[0] = x;
    r[1] = wide(pushes[0]) ? ret.hi : 0;
    return;
  }
  if (info.lanes > 0) {
    if (wide(pops[1])) f(v, reg(0), reg(0), a, r[4], r[5]);
    else f(v, reg(0), reg(0), a, r[4]);
    return;
  }
  if (pushes[0] !== V) {
    r[0] = f(v, reg(0)) as number;
    r[1] = 0;
    return;
  }
  if (pops[0] !== V) {
    if (wide(pops[0])) f(v, reg(0), r[0], r[1]);
    else f(v, reg(0), r[0]);
    return;
  }
  if (pops.length === 2 && pops[1] !== V) {
    f(v, reg(0), reg(0), r[4]);
    return;
  }
  f(v, reg(0), ...pops.map((_, i) => reg(i)));
}
