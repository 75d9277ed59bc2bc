/**
 * The runtime helpers behind HELPER exits (`src/backend/abi.ts`): bulk memory, table and
 * reference operations and `call_indirect`, implemented with the runtime's own instances so they
 * have exactly its semantics and trap messages. Native fast paths come later.
 */
import { TrapKind, trapMessages } from "../backend/abi.js";
import { RuntimeError } from "../errors.js";
import { funcTypeId } from "../runtime/func-type.js";
import { invokeFunction, isFunctionInstance } from "../runtime/function.js";
import { type Instance, TRAP_MEMORY_OOB } from "../runtime/instance.js";
import type { Value } from "../runtime/values.js";
import type { RefTable } from "./refs.js";

/** Access to the helper's operands and results (u64 slots of the value area). */
export interface HelperIo {
  /** Operand `i` as an unsigned 32-bit number (i32 operands and handles). */
  u32(i: number): number;
  /** Reads operand `i` as a value of type `t` (a wasm value type byte). */
  value(i: number, t: number): Value;
  /** Writes result `i`. */
  setU32(i: number, v: number): void;
  /** Writes result `i` as a value. */
  setValue(i: number, v: Value): void;
}

function trap(kind: TrapKind): RuntimeError {
  return new RuntimeError(trapMessages[kind]);
}

function callIndirect(inst: Instance, io: HelperIo, typeIndex: number, table: number): void {
  const type = inst.module.types[typeIndex];
  const slot = io.u32(type.params.length);
  const t = inst.tables[table];
  if (slot >= t.size) throw trap(TrapKind.undefinedElement);
  const f = t.get(slot);
  if (f === null) throw new RuntimeError(`${trapMessages[TrapKind.uninitializedElement]} ${slot}`);
  if (!isFunctionInstance(f) || f.typeId !== funcTypeId(type)) throw trap(TrapKind.indirectCallTypeMismatch);
  const args = type.params.map((p, i) => io.value(i, p));
  invokeFunction(f, args).forEach((v, i) => {
    io.setValue(i, v);
  });
}

/** Runs helper `op` (an IR operation number) with immediates `a`, `b` for `inst`. */
export function runHelper(
  inst: Instance,
  refs: RefTable,
  io: HelperIo,
  op: number,
  a: number,
  b: number,
): void {
  const mem = inst.memories[0];
  switch (op) {
    case 0x11:
      callIndirect(inst, io, a, b);
      return;
    case 0x25:
      io.setU32(0, refs.handle(inst.tables[a].get(io.u32(0))));
      return;
    case 0x26:
      inst.tables[a].set(io.u32(0), refs.ref(io.u32(1)));
      return;
    case 0xd2:
      io.setU32(0, refs.handle(inst.funcs[a]));
      return;
    case 0xfc08: {
      const [d, s, n] = [io.u32(0), io.u32(1), io.u32(2)];
      const seg = inst.datas[a];
      if (s + n > seg.length || d + n > mem.bytes.length) throw new RuntimeError(TRAP_MEMORY_OOB);
      mem.bytes.set(seg.subarray(s, s + n), d);
      return;
    }
    case 0xfc09:
      inst.dropData(a);
      return;
    case 0xfc0a: {
      const [d, s, n] = [io.u32(0), io.u32(1), io.u32(2)];
      if (s + n > mem.bytes.length || d + n > mem.bytes.length) throw new RuntimeError(TRAP_MEMORY_OOB);
      mem.bytes.copyWithin(d, s, s + n);
      return;
    }
    case 0xfc0b: {
      const [d, v, n] = [io.u32(0), io.u32(1), io.u32(2)];
      if (d + n > mem.bytes.length) throw new RuntimeError(TRAP_MEMORY_OOB);
      mem.bytes.fill(v & 0xff, d, d + n);
      return;
    }
    case 0xfc0c:
      inst.tables[a].init(io.u32(0), inst.elems[b], io.u32(1), io.u32(2));
      return;
    case 0xfc0d:
      inst.dropElem(a);
      return;
    case 0xfc0e:
      inst.tables[a].copy(io.u32(0), inst.tables[b], io.u32(1), io.u32(2));
      return;
    case 0xfc0f:
      io.setU32(0, inst.tables[a].grow(io.u32(1), refs.ref(io.u32(0))) >>> 0);
      return;
    case 0xfc10:
      io.setU32(0, inst.tables[a].size);
      return;
    case 0xfc11:
      inst.tables[a].fill(io.u32(0), refs.ref(io.u32(1)), io.u32(2));
      return;
    default:
      throw new Error(`no runtime helper for operation 0x${op.toString(16)}`);
  }
}
