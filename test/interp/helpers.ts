/** Helpers for interpreter tests: hand-built IR functions and minimal modules. */
import { type FuncType, type Module, ValType } from "../../src/frontend/types.js";
import { Interpreter, type InterpreterOptions } from "../../src/interp/interpreter.js";
import { type Block, type BlockCall, type Func, type Inst, type Terminator, Ty } from "../../src/ir/types.js";
import { invokeFunction, isFunctionInstance } from "../../src/runtime/function.js";
import { type Instance, instantiate } from "../../src/runtime/instance.js";
import type { ExternVal } from "../../src/runtime/link.js";
import type { Value } from "../../src/runtime/values.js";

/** An operation with defaults for unused fields. */
export function op(
  code: number,
  results: number[],
  args: number[],
  imms: { a?: number; b?: number; c?: number; bytes?: Uint8Array; offset?: number } = {},
): Inst {
  return {
    op: code,
    results,
    args,
    a: imms.a ?? 0,
    b: imms.b ?? 0,
    c: imms.c ?? 0,
    bytes: imms.bytes ?? null,
    offset: imms.offset ?? 0,
  };
}

/** A block. */
export function block(
  id: number,
  params: number[],
  insts: Inst[],
  term: Terminator,
  loopHeader = false,
): Block {
  return { id, params, insts, term, loopHeader };
}

const THEN = "then";

/** A `brif` terminator. */
export function brif(cond: number, ifTrue: BlockCall, ifFalse: BlockCall): Terminator {
  return { kind: "brif", cond, [THEN]: ifTrue, else: ifFalse } as Terminator;
}

/** A `jump` terminator. */
export function jump(block: number, args: number[] = []): Terminator {
  return { kind: "jump", target: { block, args } };
}

/** A `return` terminator. */
export function ret(...args: number[]): Terminator {
  return { kind: "return", args };
}

/** A function. */
export function func(
  index: number,
  params: Ty[],
  results: Ty[],
  vregTypes: Ty[],
  blocks: Block[],
  name: string | null = null,
): Func {
  return { index, name, params, results, vregTypes, blocks };
}

const valOf: Record<number, ValType> = {
  [Ty.I32]: ValType.I32,
  [Ty.I64]: ValType.I64,
  [Ty.F32]: ValType.F32,
  [Ty.F64]: ValType.F64,
  [Ty.V128]: ValType.V128,
  [Ty.FuncRef]: ValType.FuncRef,
  [Ty.ExternRef]: ValType.ExternRef,
};

/** The wasm function type of an IR function. */
export function typeOf(f: Func): FuncType {
  return { params: f.params.map((t) => valOf[t]), results: f.results.map((t) => valOf[t]) };
}

/** A module around hand-built functions (each its own type), with optional extra parts. */
export function moduleOf(funcs: Func[], extra: Partial<Module> = {}): Module {
  const types = funcs.map(typeOf);
  const base: Module = {
    bytes: new Uint8Array(0),
    types,
    imports: [],
    funcs: funcs.map((_, i) => i),
    tables: [],
    memories: [],
    globalTypes: [],
    globals: [],
    exports: funcs.map((f, i) => ({ name: f.name ?? `f${i}`, kind: "func" as const, index: i })),
    start: null,
    elems: [],
    datas: [],
    dataCount: null,
    codes: funcs.map(() => ({ locals: [], codeStart: 0, codeEnd: 0 })),
    numImportedFuncs: 0,
    numImportedTables: 0,
    numImportedMemories: 0,
    numImportedGlobals: 0,
    names: { moduleName: null, functionNames: new Map(), localNames: new Map() },
    customSections: [],
  };
  return { ...base, ...extra };
}

const irOf = new WeakMap<Module, Map<number, Func>>();

/** An interpreter that runs modules made by {@link instantiateFuncs}. */
export function newInterp(options: Omit<InterpreterOptions, "lower"> = {}): Interpreter {
  return new Interpreter({
    ...options,
    lower: (m, i) => {
      const f = irOf.get(m)?.get(i);
      if (f === undefined) throw new Error(`no IR for function ${i}`);
      return f;
    },
  });
}

/** Instantiates hand-built functions (imports resolved as `"module.name"` keys). */
export function instantiateFuncs(
  funcs: Func[],
  extra: Partial<Module> = {},
  imports: Record<string, ExternVal> = {},
  interp: Interpreter = newInterp(),
): Instance {
  const m = moduleOf(funcs, extra);
  irOf.set(m, new Map(funcs.map((f) => [f.index, f])));
  return instantiate(m, (mod, name) => imports[`${mod}.${name}`], interp);
}

/** Calls export `name` of `instance` with exact values. */
export function call(instance: Instance, name: string, ...args: Value[]): Value[] {
  const f = instance.getExport(name);
  if (!isFunctionInstance(f)) throw new Error(`no function ${name}`);
  return invokeFunction(f, args);
}

/** An i32 value. */
export function i32(value: number): Value {
  return { type: "i32", value };
}
