/**
 * What the IR knows about its operations: names, immediate layouts, typing and trapping. Every
 * IR operation is a wasm instruction (see `types.ts`), so this is a view of the frontend's
 * opcode table: simple instructions take their signature from the table's pops/pushes, and the
 * instructions the validator types with its own code get theirs here, from their immediates and
 * (for calls, globals and tables) from a `ModuleEnv`.
 *
 * Wasm instructions that are not IR operations: control instructions (they become terminators),
 * `nop`, `drop`, `local.*` (SSA values replace locals) and the typed `select` 0x1C (the IR
 * uses 0x1B for every `select`; the result register's type says which).
 */
import { Imm, Op, opcodeInfo, opcodeName } from "../frontend/opcodes.js";
import type { Module } from "../frontend/types.js";
import { ValType } from "../frontend/types.js";
import type { Inst } from "./types.js";
import { Ty } from "./types.js";

/** A function signature in IR types. */
export interface FuncSig {
  readonly params: readonly Ty[];
  readonly results: readonly Ty[];
}

/** The module-level facts the verifier checks calls, globals, tables and segments against. */
export interface ModuleEnv {
  /** Signatures by type index. */
  readonly types: readonly FuncSig[];
  /** Signatures by function index (imports first). */
  readonly funcs: readonly FuncSig[];
  /** Globals by index (imports first). */
  readonly globals: readonly { readonly type: Ty; readonly mutable: boolean }[];
  /** Element type of every table, by index. */
  readonly tables: readonly Ty[];
  /** Number of memories (0 or 1 in Wasm 2.0). */
  readonly memories: number;
  /** Number of data segments. */
  readonly datas: number;
  /** Number of element segments. */
  readonly elems: number;
}

/** The IR type of a wasm value type. */
export function tyOfValType(t: ValType): Ty {
  switch (t) {
    case ValType.I32:
      return Ty.I32;
    case ValType.I64:
      return Ty.I64;
    case ValType.F32:
      return Ty.F32;
    case ValType.F64:
      return Ty.F64;
    case ValType.V128:
      return Ty.V128;
    case ValType.FuncRef:
      return Ty.FuncRef;
    case ValType.ExternRef:
      return Ty.ExternRef;
  }
}

/** The IR signature of a wasm function type. */
export function sigOfFuncType(t: {
  readonly params: readonly ValType[];
  readonly results: readonly ValType[];
}): FuncSig {
  return { params: t.params.map(tyOfValType), results: t.results.map(tyOfValType) };
}

/** The `ModuleEnv` of a decoded module. */
export function moduleEnv(m: Module): ModuleEnv {
  const types = m.types.map(sigOfFuncType);
  return {
    types,
    funcs: m.funcs.map((ti) => types[ti]!),
    globals: m.globalTypes.map((g) => ({ type: tyOfValType(g.type), mutable: g.mutable })),
    tables: m.tables.map((t) => tyOfValType(t.elem)),
    memories: m.memories.length,
    datas: m.datas.length,
    elems: m.elems.length,
  };
}

/** The text name of operation `op` (its wasm name). */
export function opName(op: number): string {
  return opcodeName(op);
}

/** How the printer shows an operation's immediates. */
export type ImmLayout =
  | "none"
  | "i32"
  | "i64"
  | "f32"
  | "f64"
  | "v128"
  | "shuffle"
  | "memarg"
  | "memargLane"
  | "lane"
  | "index"
  | "twoIndices"
  | "callIndirect"
  | "refType";

/** The immediate layout of operation `op`. */
export function opImmKind(op: number): ImmLayout {
  switch (opcodeInfo(op)?.imm) {
    case Imm.I32:
      return "i32";
    case Imm.I64:
      return "i64";
    case Imm.F32:
      return "f32";
    case Imm.F64:
      return "f64";
    case Imm.V128:
      return "v128";
    case Imm.Shuffle:
      return "shuffle";
    case Imm.MemArg:
      return "memarg";
    case Imm.MemArgLane:
      return "memargLane";
    case Imm.Lane:
      return "lane";
    case Imm.Func:
    case Imm.Global:
    case Imm.Table:
    case Imm.Elem:
    case Imm.Data:
    case Imm.DataMemory:
      return "index";
    case Imm.TableInit:
    case Imm.TableCopy:
      return "twoIndices";
    case Imm.CallIndirect:
      return "callIndirect";
    case Imm.RefType:
      return "refType";
    default:
      return "none";
  }
}

/** Natural alignment exponent of a memory access operation, or -1 for other operations. */
export function opNaturalAlign(op: number): number {
  return opcodeInfo(op)?.align ?? -1;
}

const TRAPPING_SCALAR: ReadonlySet<number> = new Set([
  // Integer division and remainder.
  0x6d,
  0x6e,
  0x6f,
  0x70,
  0x7f,
  0x80,
  0x81,
  0x82,
  // Float to integer truncation (the saturating forms never trap).
  0xa8,
  0xa9,
  0xaa,
  0xab,
  0xae,
  0xaf,
  0xb0,
  0xb1,
  Op.Call,
  Op.CallIndirect,
  Op.TableGet,
  Op.TableSet,
  Op.TableFill,
  0xfc08, // memory.init
  0xfc0a, // memory.copy
  0xfc0b, // memory.fill
  0xfc0c, // table.init
  0xfc0e, // table.copy
]);

/**
 * True when operation `op` can trap at its own offset: memory accesses (bounds), integer
 * division and remainder, non-saturating float-to-int truncation, table accesses and bulk
 * operations (bounds), `call_indirect` (bounds, null and signature checks) and `call` (stack
 * exhaustion). Backends may elide checks they prove redundant, but never change the outcome.
 */
export function opMayTrap(op: number): boolean {
  if (TRAPPING_SCALAR.has(op)) return true;
  const imm = opcodeInfo(op)?.imm;
  return imm === Imm.MemArg || imm === Imm.MemArgLane;
}

function inRange(what: string, i: number, n: number | undefined): string | null {
  return n !== undefined && !(i >= 0 && i < n) ? `${what} index ${i} out of range (${n})` : null;
}

/** Checks the module-level indices (memory, segments, tables) an operation's immediates name. */
function indexCheck(imm: number, inst: Inst, env: ModuleEnv | undefined): string | null {
  if (env === undefined) return null;
  const tables = env.tables.length;
  switch (imm) {
    case Imm.MemArg:
    case Imm.MemArgLane:
    case Imm.Memory:
    case Imm.MemoryMemory:
      return env.memories === 0 ? "memory operation in a module without memory" : null;
    case Imm.DataMemory:
      return env.memories === 0
        ? "memory operation in a module without memory"
        : inRange("data segment", inst.a, env.datas);
    case Imm.Data:
      return inRange("data segment", inst.a, env.datas);
    case Imm.Elem:
      return inRange("element segment", inst.a, env.elems);
    case Imm.TableInit:
      return inRange("table", inst.a, tables) ?? inRange("element segment", inst.b, env.elems);
    case Imm.TableCopy:
      return inRange("table", inst.a, tables) ?? inRange("table", inst.b, tables);
    case Imm.Table:
      return inRange("table", inst.a, tables);
    default:
      return null;
  }
}

const isRef = (t: Ty | undefined): boolean => t === Ty.FuncRef || t === Ty.ExternRef;

function sig(params: readonly Ty[], results: readonly Ty[]): FuncSig {
  return { params, results };
}

/**
 * The argument and result types `inst` must have, or a message saying why it is malformed.
 * `vregTypes` gives the types of the registers it uses (for `select` and `ref.is_null`, whose
 * type follows their operands). Without `env`, module-level types (calls, globals, tables) are
 * taken from the instruction's own registers and only their shape is checked.
 */
export function instSignature(inst: Inst, vregTypes: readonly Ty[], env?: ModuleEnv): FuncSig | string {
  const info = opcodeInfo(inst.op);
  if (info === undefined) return `unknown operation ${inst.op}`;
  const own = (vs: readonly number[]): Ty[] => vs.map((v) => vregTypes[v] ?? Ty.I32);
  const table = (i: number): Ty | string => {
    if (env === undefined) return Ty.FuncRef;
    const t = env.tables[i];
    return t === undefined ? `table index ${i} out of range (${env.tables.length})` : t;
  };
  const tableOrOwn = (i: number, fallback: Ty | undefined): Ty | string => {
    if (env === undefined) return isRef(fallback) ? fallback! : `expected a reference operand`;
    return table(i);
  };

  if (!info.special) {
    const bad = indexCheck(info.imm, inst, env);
    if (bad !== null) return bad;
    if (info.imm === Imm.MemArg || info.imm === Imm.MemArgLane) {
      if (!(inst.b >= 0 && inst.b <= info.align))
        return `alignment 2^${inst.b} exceeds the natural ${2 ** info.align}`;
      if (info.imm === Imm.MemArgLane && !(inst.c >= 0 && inst.c < info.lanes))
        return `lane ${inst.c} out of range`;
    }
    if (info.imm === Imm.Lane && !(inst.a >= 0 && inst.a < info.lanes)) return `lane ${inst.a} out of range`;
    if ((info.imm === Imm.V128 || info.imm === Imm.Shuffle) && inst.bytes?.length !== 16) {
      return "expects 16 immediate bytes";
    }
    if (info.imm === Imm.Shuffle && inst.bytes!.some((l) => l >= 32)) return "shuffle lane index above 31";
    return sig(info.pops.map(tyOfValType), info.pushes.map(tyOfValType));
  }

  switch (inst.op) {
    case Op.Call: {
      if (env === undefined) return sig(own(inst.args), own(inst.results));
      return env.funcs[inst.a] ?? `function index ${inst.a} out of range (${env.funcs.length})`;
    }
    case Op.CallIndirect: {
      if (env === undefined) return sig(own(inst.args), own(inst.results));
      const t = env.types[inst.a];
      if (t === undefined) return `type index ${inst.a} out of range (${env.types.length})`;
      const tt = table(inst.b);
      if (typeof tt === "string") return tt;
      if (tt !== Ty.FuncRef) return `call_indirect through table ${inst.b}, which is not a funcref table`;
      return sig([...t.params, Ty.I32], t.results);
    }
    case Op.Select: {
      if (inst.results.length !== 1) return "select has exactly one result";
      const t = vregTypes[inst.results[0]!] ?? Ty.I32;
      return sig([t, t, Ty.I32], [t]);
    }
    case Op.GlobalGet:
    case Op.GlobalSet: {
      let t: Ty;
      if (env === undefined) {
        t = (inst.op === Op.GlobalGet ? own(inst.results) : own(inst.args))[0] ?? Ty.I32;
      } else {
        const g = env.globals[inst.a];
        if (g === undefined) return `global index ${inst.a} out of range (${env.globals.length})`;
        if (inst.op === Op.GlobalSet && !g.mutable) return `global ${inst.a} is immutable`;
        t = g.type;
      }
      return inst.op === Op.GlobalGet ? sig([], [t]) : sig([t], []);
    }
    case Op.TableGet: {
      const t = tableOrOwn(inst.a, own(inst.results)[0]);
      return typeof t === "string" ? t : sig([Ty.I32], [t]);
    }
    case Op.TableSet: {
      const t = tableOrOwn(inst.a, own(inst.args)[1]);
      return typeof t === "string" ? t : sig([Ty.I32, t], []);
    }
    case Op.TableGrow: {
      const t = tableOrOwn(inst.a, own(inst.args)[0]);
      return typeof t === "string" ? t : sig([t, Ty.I32], [Ty.I32]);
    }
    case Op.TableFill: {
      const t = tableOrOwn(inst.a, own(inst.args)[1]);
      return typeof t === "string" ? t : sig([Ty.I32, t, Ty.I32], []);
    }
    case Op.RefNull:
      if (!isRef(inst.a as Ty)) return `ref.null of non-reference type ${inst.a}`;
      return sig([], [inst.a as Ty]);
    case Op.RefIsNull: {
      const t = own(inst.args)[0];
      if (inst.args.length !== 1 || !isRef(t)) return "ref.is_null takes one reference";
      return sig([t!], [Ty.I32]);
    }
    case Op.RefFunc:
      if (env !== undefined && inst.a >= env.funcs.length) return `function index ${inst.a} out of range`;
      return sig([], [Ty.FuncRef]);
    default:
      return `${info.name} is not an IR operation`;
  }
}
