/** Helpers for runtime tests: modules from wat text, instantiated on the interpreter. */
import { compileModule } from "../../src/frontend/index.js";
import type { Module } from "../../src/frontend/types.js";
import { Interpreter, type InterpreterOptions } from "../../src/interp/interpreter.js";
import type { Func } from "../../src/ir/types.js";
import { invokeFunction, isFunctionInstance } from "../../src/runtime/function.js";
import { type Instance, type InstanceLimits, instantiate } from "../../src/runtime/instance.js";
import type { ExternVal } from "../../src/runtime/link.js";
import type { Value } from "../../src/runtime/values.js";
import { loadWatToBinary } from "../../src/spec/wat.js";

const wat2wasm = await loadWatToBinary();
const encoder = new TextEncoder();

/** The binary of a module in the text format. */
export function wasm(text: string): Uint8Array {
  return wat2wasm(encoder.encode(text));
}

const irs = new WeakMap<Module, readonly Func[]>();

/** An interpreter for modules made by {@link load}. */
export function newInterp(options: Omit<InterpreterOptions, "lower"> = {}): Interpreter {
  return new Interpreter({
    ...options,
    lower: (m, i) => {
      const f = irs.get(m)?.[i - m.numImportedFuncs];
      if (f === undefined) throw new Error(`no IR for function ${i}`);
      return f;
    },
  });
}

/** Imports by module name, then field name. */
export type Imports = Record<string, Record<string, ExternVal>>;

/** Compiles and instantiates a module from text (or bytes). */
export function load(
  source: string | Uint8Array,
  imports: Imports = {},
  interp: Interpreter = newInterp(),
  limits: InstanceLimits = {},
): Instance {
  const { module, funcs } = compileModule(typeof source === "string" ? wasm(source) : source);
  irs.set(module, funcs);
  return instantiate(module, (m, n) => imports[m]?.[n], interp, limits);
}

/** Calls export `name` with exact values. */
export function call(instance: Instance, name: string, ...args: Value[]): Value[] {
  const f = instance.getExport(name);
  if (!isFunctionInstance(f)) throw new Error(`no function ${name}`);
  return invokeFunction(f, args);
}

/** An i32 value. */
export function i32(value: number): Value {
  return { type: "i32", value };
}

/** An i64 value from a bigint. */
export function i64(value: bigint): Value {
  const w = BigInt.asUintN(64, value);
  return { type: "i64", lo: Number(w & 0xffffffffn) | 0, hi: Number(w >> 32n) | 0 };
}
