/**
 * Host functions: JS functions that wasm imports. `hostFunction(signature, impl)` declares one with
 * a wasm signature; its implementation receives a {@link CallerContext} and then the arguments as JS
 * values (i64 as `bigint`, v128 as a 16-byte `Uint8Array`, funcref as an exported function). A plain
 * JS function in an import object works too, as in the standard JS API (called with `this`
 * undefined, no context). A host function's return value is converted by `ToWebAssemblyValue`: one
 * value for one result, an iterable for several. Anything it throws reaches the JS caller of the
 * wasm code unchanged (the same object).
 */
import type { FuncType } from "../frontend/types.js";
import { type FunctionInstance, HostFunction } from "../runtime/function.js";
import { toJS } from "../runtime/values.js";
import type { Instance } from "./instance.js";
import type { Memory } from "./memory.js";
import { type FunctionSignature, parseSignature, type ValueTypeName } from "./types.js";
import { exportedFunction, toWasmValue } from "./values.js";

/** What a host function declared with `hostFunction` learns about its caller. */
export interface CallerContext {
  /** The instance that imported the host function. */
  readonly instance: Instance;
  /** That instance's memory 0 (exported or not), or null when it has none. */
  readonly memory: Memory | null;
  /** That instance's exports. */
  readonly exports: Readonly<Record<string, unknown>>;
}

/** The implementation of a host function: the caller's context, then the wasm arguments. */
export type HostImplementation = (ctx: CallerContext, ...args: never[]) => unknown;

/** A host function declaration: a signature and an implementation, importable by any number of instances. */
export class HostFunctionDef {
  /** The signature in runtime form. */
  readonly type: FuncType;

  constructor(
    /** The signature. */
    readonly signature: FunctionSignature,
    /** The implementation. */
    readonly implementation: HostImplementation,
    /** A name for stack traces and messages. */
    readonly name: string,
  ) {
    this.type = parseSignature(signature);
    if (typeof implementation !== "function")
      throw new TypeError("a host function implementation must be a function");
  }
}

/** The JS type of a wasm value of type `T` at the host-function boundary. */
export type JSValueOf<T extends ValueTypeName> = T extends "i64"
  ? bigint
  : T extends "i32" | "f32" | "f64"
    ? number
    : T extends "v128"
      ? Uint8Array
      : T extends "funcref"
        ? ((...args: unknown[]) => unknown) | null
        : unknown;

/** The JS argument types of parameter types `P`. */
export type JSArgsOf<P extends readonly ValueTypeName[]> = { -readonly [K in keyof P]: JSValueOf<P[K]> };

/** What a host function with result types `R` returns: anything for none, one value, or an iterable. */
export type JSResultOf<R extends readonly ValueTypeName[]> = R extends readonly []
  ? unknown
  : R extends readonly [infer T extends ValueTypeName]
    ? JSValueOf<T>
    : Iterable<unknown>;

/**
 * Declares a host function with a wasm signature, for example
 * `hostFunction({ params: ["i32", "i64"], results: ["f64"] }, (ctx, a, b) => a + Number(b))`
 * (the argument and result types follow from the signature). Throws `TypeError` for an unknown
 * value type.
 */
export function hostFunction<
  const P extends readonly ValueTypeName[],
  const R extends readonly ValueTypeName[],
>(
  signature: { readonly params: P; readonly results: R },
  implementation: (ctx: CallerContext, ...args: JSArgsOf<P>) => JSResultOf<R>,
  name: string = implementation.name || "host",
): HostFunctionDef {
  return new HostFunctionDef(signature, implementation as unknown as HostImplementation, name);
}

/** Converts a host function's return value to the runtime's host protocol (see `callHost`). */
function resultsFromJS(type: FuncType, out: unknown): unknown {
  const results = type.results;
  if (results.length === 0) return undefined;
  if (results.length === 1) return toJS(toWasmValue(results[0], out));
  if (out === null || typeof out !== "object" || !(Symbol.iterator in out)) {
    throw new TypeError(`a host function with ${results.length} results must return an iterable`);
  }
  const list = [...(out as Iterable<unknown>)];
  if (list.length !== results.length) {
    throw new TypeError(`host function returned ${list.length} values, expected ${results.length}`);
  }
  return list.map((x, i) => toJS(toWasmValue(results[i], x)));
}

/** Arguments from the runtime's host protocol to JS values (funcref as exported functions). */
function argsToJS(type: FuncType, raw: readonly unknown[]): unknown[] {
  return raw.map((x, i) =>
    type.params[i] === 0x70 && x !== null ? exportedFunction(x as FunctionInstance) : x,
  );
}

/** A runtime host function running `def` with the context `context()` of the importing instance. */
export function bindHostFunction(def: HostFunctionDef, context: () => CallerContext): HostFunction {
  const { type, implementation } = def;
  const impl = implementation as (ctx: CallerContext, ...args: unknown[]) => unknown;
  return new HostFunction(
    type,
    (...raw: unknown[]) => resultsFromJS(type, impl(context(), ...argsToJS(type, raw))),
    def.name,
  );
}

/** A runtime host function calling plain JS function `f` with signature `type`, as the JS API does. */
export function wrapJSFunction(
  type: FuncType,
  f: (...args: unknown[]) => unknown,
  name: string,
): HostFunction {
  return new HostFunction(
    type,
    (...raw: unknown[]) => resultsFromJS(type, Reflect.apply(f, undefined, argsToJS(type, raw))),
    name,
  );
}
