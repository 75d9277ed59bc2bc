/**
 * Function instances: functions defined by a wasm module instance, and host functions written
 * in JS. Both are first-class funcref values (table elements, `ref.func` results, imports and
 * exports); each carries its signature and its interned type id for `call_indirect` checks.
 */

import { RuntimeError } from "../errors.js";
import { type FuncType, valTypeName } from "../frontend/types.js";
import { funcTypeId } from "./func-type.js";
import type { Instance } from "./instance.js";
import { fromJS, hasType, toJS, type Value } from "./values.js";

/** An engine that runs the code of the instances it created. */
export interface Executor {
  /** Calls `fn`, a function of an instance this executor runs, with exact-bits values. */
  invoke(fn: WasmFunction, args: readonly Value[]): Value[];
}

/** A function defined by a wasm module instance. */
export class WasmFunction {
  /** Discriminates function instances. */
  readonly kind = "wasm";
  /** Interned id of `type`. */
  readonly typeId: number;
  /**
   * The engine's prepared form of the function (encoded or compiled code), created on first
   * call by the engine of `instance` and owned by it.
   */
  prepared: unknown = null;

  constructor(
    /** The function's signature. */
    readonly type: FuncType,
    /** The instance that defines the function. */
    readonly instance: Instance,
    /** Index in the defining module's function index space. */
    readonly index: number,
    /** The name from the `name` section, or null. */
    readonly name: string | null,
  ) {
    this.typeId = funcTypeId(type);
  }
}

/** The JS side of a host function: takes and returns JS values (see `values.ts`). */
export type HostCallback = (...args: unknown[]) => unknown;

/**
 * A function written in JS. It receives JS values (i64 as `bigint`) and returns `undefined` for
 * no result, a value for one, or an iterable of values for several.
 */
export class HostFunction {
  /** Discriminates function instances. */
  readonly kind = "host";
  /** Interned id of `type`. */
  readonly typeId: number;

  constructor(
    /** The function's signature. */
    readonly type: FuncType,
    /** The JS implementation. */
    readonly callback: HostCallback,
    /** A name for stack traces and messages. */
    readonly name: string = "host",
  ) {
    this.typeId = funcTypeId(type);
  }
}

/** A function instance: the value of a non-null funcref. */
export type FunctionInstance = WasmFunction | HostFunction;

/** True when `x` is a function instance. */
export function isFunctionInstance(x: unknown): x is FunctionInstance {
  return x instanceof WasmFunction || x instanceof HostFunction;
}

/**
 * Calls a host function with exact-bits arguments: converts them to JS, calls the callback and
 * converts its result back (a single value, or an iterable of values for several results).
 */
export function callHost(fn: HostFunction, args: readonly Value[]): Value[] {
  const results = fn.type.results;
  const out = fn.callback(...args.map(toJS));
  if (results.length === 0) return [];
  if (results.length === 1) return [fromJS(results[0], out, isFunctionInstance)];
  if (out === null || typeof out !== "object" || !(Symbol.iterator in out)) {
    throw new RuntimeError(`host function ${fn.name} must return an iterable of ${results.length} values`);
  }
  const list = [...(out as Iterable<unknown>)];
  if (list.length !== results.length) {
    throw new RuntimeError(
      `host function ${fn.name} returned ${list.length} values, expected ${results.length}`,
    );
  }
  return list.map((x, i) => fromJS(results[i], x, isFunctionInstance));
}

/** Calls any function instance with exact-bits arguments (checked against its signature). */
export function invokeFunction(fn: FunctionInstance, args: readonly Value[]): Value[] {
  const params = fn.type.params;
  if (args.length !== params.length) {
    throw new RuntimeError(`expected ${params.length} arguments, got ${args.length}`);
  }
  for (let i = 0; i < params.length; i++) {
    if (!hasType(args[i], params[i])) {
      throw new RuntimeError(`argument ${i} must be ${valTypeName(params[i])}, got ${args[i].type}`);
    }
  }
  return fn.kind === "wasm" ? fn.instance.executor.invoke(fn, args) : callHost(fn, args);
}
