/**
 * SIMD operations of the interpreter. The pure ones are dispatched by shape (unary, binary,
 * shift, lane access, ...) to the semantics module's in-place register-file functions, found by
 * their text names (`i16x8.add_sat_s` is `i16x8AddSatS`) when this module loads; the memory
 * ones (loads, stores, lane loads and stores) are implemented here, bounds-checked like the
 * scalar ones. An encoded SIMD instruction is `[0x100 + sub, ...results, ...args, ...imms]`.
 */

import { RuntimeError } from "../errors.js";
import { opcodeInfo } from "../frontend/opcodes.js";
import { ValType } from "../frontend/types.js";
import { TRAP_MEMORY_OOB } from "../runtime/instance.js";
import type { MemoryInstance } from "../runtime/memory.js";
import { ret } from "../semantics/common.js";
import { simdSemantics } from "../semantics/simd-by-name.js";
import type { V128Views } from "../semantics/simd-views.js";
import type { Interpreter } from "./interpreter.js";

type Unary = (v: V128Views, d: number, a: number) => void;
type Binary = (v: V128Views, d: number, a: number, b: number) => void;
type Ternary = (v: V128Views, d: number, a: number, b: number, c: number) => void;
type Test = (v: V128Views, a: number) => number;
type Splat1 = (v: V128Views, d: number, x: number) => void;
type Splat2 = (v: V128Views, d: number, lo: number, hi: number) => void;
type Extract = (v: V128Views, a: number, lane: number) => number;
type Replace1 = (v: V128Views, d: number, a: number, lane: number, x: number) => void;
type Replace2 = (v: V128Views, d: number, a: number, lane: number, lo: number, hi: number) => void;
type Shuffle = (v: V128Views, d: number, a: number, b: number, lanes: Uint8Array, at: number) => void;

/** Shapes of SIMD operations. */
const K = {
  None: 0,
  Unary: 1,
  Binary: 2,
  Ternary: 3,
  Test: 4,
  Shift: 5,
  Splat1: 6,
  Splat2: 7,
  Extract1: 8,
  Extract2: 9,
  Replace1: 10,
  Replace2: 11,
  Shuffle: 12,
  Memory: 13,
} as const;

const kinds = new Uint8Array(0x100);
const impls: unknown[] = new Array(0x100).fill(null);

function isWide(t: ValType): boolean {
  return t === ValType.I64 || t === ValType.F64;
}

function shapeOf(sub: number, pops: readonly ValType[], pushes: readonly ValType[], lane: boolean): number {
  const V = ValType.V128;
  const sig = `${pops.map((t) => (t === V ? "v" : "x")).join("")}:${pushes.map((t) => (t === V ? "v" : "x")).join("")}`;
  if (sub === 0x0d) return K.Shuffle;
  if (lane) {
    if (sig === "v:x") return isWide(pushes[0]) ? K.Extract2 : K.Extract1;
    if (sig === "vx:v") return isWide(pops[1]) ? K.Replace2 : K.Replace1;
  }
  switch (sig) {
    case "v:v":
      return K.Unary;
    case "vv:v":
      return K.Binary;
    case "vvv:v":
      return K.Ternary;
    case "v:x":
      return K.Test;
    case "vx:v":
      return K.Shift;
    case "x:v":
      return isWide(pops[0]) ? K.Splat2 : K.Splat1;
  }
  throw new Error(`interpreter: no shape for SIMD operation 0x${sub.toString(16)}`);
}

const MEMORY_SUBS = new Set([
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x5b, 0x5c, 0x5d,
]);

for (let sub = 0; sub < 0x100; sub++) {
  const info = opcodeInfo(0xfd00 | sub);
  if (info === undefined || sub === 0x0c) continue;
  if (MEMORY_SUBS.has(sub)) {
    kinds[sub] = K.Memory;
    continue;
  }
  const fn = simdSemantics(info.name);
  if (typeof fn !== "function") throw new Error(`interpreter: no semantics for ${info.name}`);
  kinds[sub] = shapeOf(sub, info.pops, info.pushes, info.lanes > 0);
  impls[sub] = fn;
}

let lastCode: Int32Array | null = null;
let lastBytes: Uint8Array = new Uint8Array(0);

/** A byte view of `code` (for shuffle lanes), cached for the last code array seen. */
function bytesOf(code: Int32Array): Uint8Array {
  if (code !== lastCode) {
    lastCode = code;
    lastBytes = new Uint8Array(code.buffer, code.byteOffset, code.byteLength);
  }
  return lastBytes;
}

function oob(): RuntimeError {
  return new RuntimeError(TRAP_MEMORY_OOB);
}

/** Effective address of a SIMD access of `size` bytes; traps when out of bounds. */
function address(mem: MemoryInstance, base: number, offset: number, size: number): number {
  const ea = (base >>> 0) + (offset >>> 0);
  if (ea + size > mem.bytes.length) throw oob();
  return ea;
}

/** Runs the SIMD memory instruction at `pc`; returns the next position. */
function memoryOp(it: Interpreter, code: Int32Array, pc: number, fp: number, mem: MemoryInstance): number {
  const sub = code[pc] - 0x100;
  const r = it.regs;
  const v = it.views;
  const dv = mem.view;
  if (sub === 0x0b) {
    const ea = address(mem, r[fp + code[pc + 1]], code[pc + 3], 16);
    const a = fp + code[pc + 2];
    for (let i = 0; i < 4; i++) dv.setInt32(ea + 4 * i, r[a + i], true);
    return pc + 4;
  }
  if (sub >= 0x58 && sub <= 0x5b) {
    const size = 1 << (sub - 0x58);
    const ea = address(mem, r[fp + code[pc + 1]], code[pc + 3], size);
    const lane = code[pc + 4];
    const a = (fp + code[pc + 2]) * 4 + lane * size;
    mem.bytes.set(v.u8.subarray(a, a + size), ea);
    return pc + 5;
  }
  if (sub >= 0x54 && sub <= 0x57) {
    const size = 1 << (sub - 0x54);
    const ea = address(mem, r[fp + code[pc + 2]], code[pc + 4], size);
    const d = fp + code[pc + 1];
    const a = fp + code[pc + 3];
    for (let i = 0; i < 4; i++) r[d + i] = r[a + i];
    v.u8.set(mem.bytes.subarray(ea, ea + size), d * 4 + code[pc + 5] * size);
    return pc + 6;
  }
  const d = fp + code[pc + 1];
  const base = r[fp + code[pc + 2]];
  const offset = code[pc + 3];
  switch (sub) {
    case 0x00: {
      const ea = address(mem, base, offset, 16);
      for (let i = 0; i < 4; i++) r[d + i] = dv.getInt32(ea + 4 * i, true);
      break;
    }
    case 0x01:
    case 0x02: {
      const ea = address(mem, base, offset, 8);
      for (let i = 0; i < 8; i++) v.i16[d * 2 + i] = sub === 0x01 ? dv.getInt8(ea + i) : dv.getUint8(ea + i);
      break;
    }
    case 0x03:
    case 0x04: {
      const ea = address(mem, base, offset, 8);
      for (let i = 0; i < 4; i++)
        r[d + i] = sub === 0x03 ? dv.getInt16(ea + 2 * i, true) : dv.getUint16(ea + 2 * i, true);
      break;
    }
    case 0x05:
    case 0x06: {
      const ea = address(mem, base, offset, 8);
      for (let i = 0; i < 2; i++) {
        const x = dv.getInt32(ea + 4 * i, true);
        r[d + 2 * i] = x;
        r[d + 2 * i + 1] = sub === 0x05 ? x >> 31 : 0;
      }
      break;
    }
    case 0x07: {
      const ea = address(mem, base, offset, 1);
      v.u8.fill(mem.bytes[ea], d * 4, d * 4 + 16);
      break;
    }
    case 0x08: {
      const ea = address(mem, base, offset, 2);
      v.u16.fill(dv.getUint16(ea, true), d * 2, d * 2 + 8);
      break;
    }
    case 0x09: {
      const ea = address(mem, base, offset, 4);
      r.fill(dv.getInt32(ea, true), d, d + 4);
      break;
    }
    case 0x0a: {
      const ea = address(mem, base, offset, 8);
      const lo = dv.getInt32(ea, true);
      const hi = dv.getInt32(ea + 4, true);
      r[d] = lo;
      r[d + 1] = hi;
      r[d + 2] = lo;
      r[d + 3] = hi;
      break;
    }
    case 0x5c: {
      const ea = address(mem, base, offset, 4);
      r[d] = dv.getInt32(ea, true);
      r.fill(0, d + 1, d + 4);
      break;
    }
    case 0x5d: {
      const ea = address(mem, base, offset, 8);
      r[d] = dv.getInt32(ea, true);
      r[d + 1] = dv.getInt32(ea + 4, true);
      r[d + 2] = 0;
      r[d + 3] = 0;
      break;
    }
    default:
      throw new RuntimeError(`interpreter: bad SIMD memory operation 0x${sub.toString(16)}`);
  }
  return pc + 4;
}

/**
 * Runs the SIMD instruction at `pc` in the frame at `fp` (memory accesses go to `mem`); returns
 * the position of the next instruction.
 */
export function simd(it: Interpreter, code: Int32Array, pc: number, fp: number, mem: MemoryInstance): number {
  const sub = code[pc] - 0x100;
  const v = it.views;
  const r = v.i32;
  const f = impls[sub];
  switch (kinds[sub]) {
    case K.Unary:
      (f as Unary)(v, fp + code[pc + 1], fp + code[pc + 2]);
      return pc + 3;
    case K.Binary:
      (f as Binary)(v, fp + code[pc + 1], fp + code[pc + 2], fp + code[pc + 3]);
      return pc + 4;
    case K.Ternary:
      (f as Ternary)(v, fp + code[pc + 1], fp + code[pc + 2], fp + code[pc + 3], fp + code[pc + 4]);
      return pc + 5;
    case K.Test:
      r[fp + code[pc + 1]] = (f as Test)(v, fp + code[pc + 2]);
      return pc + 3;
    case K.Shift:
      (f as Binary)(v, fp + code[pc + 1], fp + code[pc + 2], r[fp + code[pc + 3]]);
      return pc + 4;
    case K.Splat1:
      (f as Splat1)(v, fp + code[pc + 1], r[fp + code[pc + 2]]);
      return pc + 3;
    case K.Splat2: {
      const a = fp + code[pc + 2];
      (f as Splat2)(v, fp + code[pc + 1], r[a], r[a + 1]);
      return pc + 3;
    }
    case K.Extract1:
      r[fp + code[pc + 1]] = (f as Extract)(v, fp + code[pc + 2], code[pc + 3]);
      return pc + 4;
    case K.Extract2: {
      const d = fp + code[pc + 1];
      r[d] = (f as Extract)(v, fp + code[pc + 2], code[pc + 3]);
      r[d + 1] = ret.hi;
      return pc + 4;
    }
    case K.Replace1:
      (f as Replace1)(v, fp + code[pc + 1], fp + code[pc + 2], code[pc + 4], r[fp + code[pc + 3]]);
      return pc + 5;
    case K.Replace2: {
      const x = fp + code[pc + 3];
      (f as Replace2)(v, fp + code[pc + 1], fp + code[pc + 2], code[pc + 4], r[x], r[x + 1]);
      return pc + 5;
    }
    case K.Shuffle:
      (f as Shuffle)(v, fp + code[pc + 1], fp + code[pc + 2], fp + code[pc + 3], bytesOf(code), (pc + 4) * 4);
      return pc + 8;
    case K.Memory:
      return memoryOp(it, code, pc, fp, mem);
    default:
      throw new RuntimeError(`interpreter: bad SIMD operation 0x${sub.toString(16)}`);
  }
}
