/**
 * Lowering of the wasm instructions that are IR operations (everything but control flow and
 * locals): each becomes one IR operation with the same opcode number. Instructions with a fixed
 * signature in the opcode table are lowered generically from it; calls, globals, tables,
 * references, `select` and `drop` take their types from the module or their operands.
 */
import type { Imms } from "../ir/builder.js";
import { tyOfValType } from "../ir/ops.js";
import { Ty } from "../ir/types.js";
import type { FuncLowerer } from "./lower.js";
import { Imm, Op, opcodeInfo } from "./opcodes.js";
import { type Immediates, UNKNOWN_TYPE } from "./visitor.js";

/** The IR immediates of an instruction with a table signature, from its decoded immediates. */
function immsOf(kind: number, imm: Immediates): Imms | undefined {
  switch (kind) {
    case Imm.I32:
    case Imm.F32:
      return { a: imm.lo };
    case Imm.I64:
    case Imm.F64:
      return { a: imm.lo, b: imm.hi };
    case Imm.V128:
    case Imm.Shuffle:
      return { bytes: imm.v128.slice() };
    case Imm.MemArg:
      return { a: imm.offset, b: imm.align };
    case Imm.MemArgLane:
      return { a: imm.offset, b: imm.align, c: imm.lane };
    case Imm.Lane:
      return { a: imm.lane };
    case Imm.Data:
    case Imm.DataMemory:
    case Imm.Elem:
    case Imm.Table:
      return { a: imm.index };
    case Imm.TableInit:
      return { a: imm.index2, b: imm.index };
    case Imm.TableCopy:
      return { a: imm.index, b: imm.index2 };
    default:
      return undefined;
  }
}

/** Lowers one live instruction that is an IR operation, at byte `offset`. */
export function lowerOperation(L: FuncLowerer, op: number, imm: Immediates, offset: number): void {
  const info = opcodeInfo(op);
  if (info === undefined) throw new Error(`lowering: unknown opcode ${op}`);
  if (!info.special) {
    const args = L.popN(info.pops.length);
    const pushes = info.pushes;
    if (pushes.length > 1) throw new Error(`lowering: ${info.name} has several results`);
    const r = L.emit(
      op,
      pushes.length === 0 ? null : tyOfValType(pushes[0]!),
      args,
      offset,
      immsOf(info.imm, imm),
    );
    if (r >= 0) L.push(r);
    return;
  }
  const m = L.module;
  switch (op) {
    case Op.Drop:
      L.pop();
      return;
    case Op.Select:
    case Op.SelectT: {
      const [a, b, cond] = L.popN(3) as [number, number, number];
      L.push(L.emit(Op.Select, L.typeOf(a), [a, b, cond], offset));
      return;
    }
    case Op.Call: {
      const type = m.types[m.funcs[imm.index]!]!;
      const args = L.popN(type.params.length);
      L.pushAll(L.emitN(op, type.results.map(tyOfValType), args, offset, { a: imm.index }));
      return;
    }
    case Op.CallIndirect: {
      const type = m.types[imm.index]!;
      const slot = L.pop();
      const args = L.popN(type.params.length);
      args.push(slot);
      const imms = { a: imm.index, b: imm.index2 };
      L.pushAll(L.emitN(op, type.results.map(tyOfValType), args, offset, imms));
      return;
    }
    case Op.GlobalGet:
      L.push(L.emit(op, tyOfValType(m.globalTypes[imm.index]!.type), [], offset, { a: imm.index }));
      return;
    case Op.GlobalSet:
      L.emit(op, null, [L.pop()], offset, { a: imm.index });
      return;
    case Op.TableGet:
      L.push(L.emit(op, tyOfValType(m.tables[imm.index]!.elem), [L.pop()], offset, { a: imm.index }));
      return;
    case Op.TableSet:
      L.emit(op, null, L.popN(2), offset, { a: imm.index });
      return;
    case Op.TableGrow:
      L.push(L.emit(op, Ty.I32, L.popN(2), offset, { a: imm.index }));
      return;
    case Op.TableFill:
      L.emit(op, null, L.popN(3), offset, { a: imm.index });
      return;
    case Op.RefNull: {
      if (imm.valType === UNKNOWN_TYPE) throw new Error("lowering: ref.null without a type");
      const t = tyOfValType(imm.valType);
      L.push(L.emit(op, t, [], offset, { a: t }));
      return;
    }
    case Op.RefIsNull:
      L.push(L.emit(op, Ty.I32, [L.pop()], offset));
      return;
    case Op.RefFunc:
      L.push(L.emit(op, Ty.FuncRef, [], offset, { a: imm.index }));
      return;
    default:
      throw new Error(`lowering: no IR for ${info.name}`);
  }
}
