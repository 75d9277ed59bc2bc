/**
 * The wasm instructions of one function as text lines with their byte offsets, decoded through
 * the frontend's validator and opcode table (the module must already be valid).
 */
import { Imm, opcodeInfo, opcodeName } from "../frontend/opcodes.js";
import type { Module } from "../frontend/types.js";
import { valTypeName } from "../frontend/types.js";
import { validateFunction } from "../frontend/validate-function.js";
import type { Immediates } from "../frontend/visitor.js";

/** One wasm instruction: its byte offset in the module and its text. */
export interface WasmOp {
  /** Offset of the opcode byte in the module. */
  readonly offset: number;
  /** Text form, such as `i32.load offset=4` or `local.get 0`. */
  readonly text: string;
}

const view = new DataView(new ArrayBuffer(8));

function i64Text(lo: number, hi: number): string {
  return ((BigInt(hi | 0) << 32n) | BigInt(lo >>> 0)).toString();
}

function floatText(imm: Immediates, wide: boolean): string {
  if (!wide) {
    view.setUint32(0, imm.lo >>> 0, true);
    return String(view.getFloat32(0, true));
  }
  view.setUint32(0, imm.lo >>> 0, true);
  view.setUint32(4, imm.hi >>> 0, true);
  return String(view.getFloat64(0, true));
}

function memArgText(imm: Immediates, natural: number): string {
  const parts: string[] = [];
  if (imm.offset !== 0) parts.push(`offset=${imm.offset >>> 0}`);
  if (imm.align !== natural) parts.push(`align=${2 ** imm.align}`);
  return parts.join(" ");
}

/** The immediates of instruction `op` in wasm text style (empty when it has none). */
function immText(op: number, imm: Immediates): string {
  const info = opcodeInfo(op);
  if (info === undefined) return "";
  switch (info.imm) {
    case Imm.Block: {
      const t = imm.blockType;
      if (t.params.length === 0 && t.results.length === 0) return "";
      const params = t.params.length === 0 ? "" : `(param ${t.params.map(valTypeName).join(" ")})`;
      const results = t.results.length === 0 ? "" : `(result ${t.results.map(valTypeName).join(" ")})`;
      return [params, results].filter((s) => s !== "").join(" ");
    }
    case Imm.Label:
    case Imm.Func:
    case Imm.Local:
    case Imm.Global:
    case Imm.Table:
    case Imm.Elem:
    case Imm.Data:
    case Imm.DataMemory:
      return String(imm.index);
    case Imm.BrTable:
      return [...imm.targets.subarray(0, imm.targetCount), imm.index].join(" ");
    case Imm.CallIndirect:
      return `type=${imm.index} table=${imm.index2}`;
    case Imm.TableInit:
    case Imm.TableCopy:
      return `${imm.index} ${imm.index2}`;
    case Imm.RefType:
      return imm.valType === 0 ? "" : valTypeName(imm.valType);
    case Imm.MemArg:
      return memArgText(imm, info.align);
    case Imm.MemArgLane:
      return [memArgText(imm, info.align), String(imm.lane)].filter((s) => s !== "").join(" ");
    case Imm.Lane:
      return String(imm.lane);
    case Imm.I32:
      return String(imm.lo | 0);
    case Imm.I64:
      return i64Text(imm.lo, imm.hi);
    case Imm.F32:
      return floatText(imm, false);
    case Imm.F64:
      return floatText(imm, true);
    case Imm.V128:
    case Imm.Shuffle:
      return Array.from(imm.v128).join(" ");
    default:
      return "";
  }
}

/** The instructions of defined function `funcIndex` of the valid module `module`. */
export function wasmOps(module: Module, funcIndex: number): WasmOp[] {
  const body = module.codes[funcIndex - module.numImportedFuncs];
  if (body === undefined) throw new RangeError(`function ${funcIndex} is not defined by the module`);
  const ops: WasmOp[] = [];
  validateFunction({ module, declaredFuncRefs: new Set(module.funcs.keys()) }, funcIndex, body, {
    beginFunction: () => {},
    instruction: (op, imm, offset) => {
      const args = immText(op, imm);
      const name = opcodeName(op);
      ops.push({ offset, text: args === "" ? name : `${name} ${args}` });
    },
  });
  return ops;
}
