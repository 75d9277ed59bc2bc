/**
 * The JS boundary of the embedding API, with the conversions of the standard WebAssembly JS
 * API: `ToWebAssemblyValue` (JS to wasm: `ToInt32` for i32, a `bigint` for i64, `ToNumber` for
 * floats, an exported function or null for funcref, anything for externref) and `ToJSValue`
 * (i64 as a signed `bigint`, funcref as the exported JS function). Kiln also accepts v128 as a
 * 16-byte `Uint8Array`. Every function instance has one JS function standing for it (its
 * "exported function"), created on first use, so identity is stable across exports and tables.
 */
import { type ValType, ValType as VT } from "../frontend/types.js";
import { type Executor, type FunctionInstance, invokeFunction } from "../runtime/function.js";
import { f32Bits, f64Bits, toJS, type Value } from "../runtime/values.js";

/** Per-call options of a call from JS into wasm (see `CallOptions` in `interrupt.ts`). */
export interface EntryOptions {
  /** Stop the call with a `RuntimeError` once this many milliseconds have passed. */
  readonly deadlineMs?: number;
  /** Stop the call with a `RuntimeError` once this signal is aborted. */
  readonly signal?: AbortSignal;
}

/** How the owner of an engine runs a call from JS: applying its limits, refusing when closed. */
export type EntryPoint = (fn: FunctionInstance, args: readonly Value[], options?: EntryOptions) => Value[];

const entryPoints = new WeakMap<Executor, EntryPoint>();
const wrappers = new WeakMap<FunctionInstance, ExportedFunction>();
const wrapped = new WeakMap<object, FunctionInstance>();

/** A JS function standing for a wasm or host function instance. */
export type ExportedFunction = (...args: unknown[]) => unknown;

/** Routes calls from JS into functions run by `executor` through `entry`. */
export function registerEntryPoint(executor: Executor, entry: EntryPoint): void {
  entryPoints.set(executor, entry);
}

/** Calls `fn` from JS with exact-bits arguments, through its engine owner's entry point. */
export function enter(fn: FunctionInstance, args: readonly Value[], options?: EntryOptions): Value[] {
  const entry = fn.kind === "wasm" ? entryPoints.get(fn.instance.executor) : undefined;
  return entry === undefined ? invokeFunction(fn, args) : entry(fn, args, options);
}

/**
 * Calls `fn` with JS arguments converted by `ToWebAssemblyValue` (missing ones are `undefined`,
 * extra ones ignored); returns undefined for no result, the value for one, an array for several.
 */
export function callWithJS(fn: FunctionInstance, args: readonly unknown[], options?: EntryOptions): unknown {
  const values = fn.type.params.map((t, i) => toWasmValue(t, args[i]));
  return resultsToJS(enter(fn, values, options));
}

/** Results of a call as one JS value: undefined, the single value, or an array. */
export function resultsToJS(results: readonly Value[]): unknown {
  if (results.length === 0) return undefined;
  if (results.length === 1) return toJSValue(results[0]);
  return results.map(toJSValue);
}

/**
 * The JS function standing for `fn` (the same object every time): it converts its arguments,
 * calls `fn` and converts the results. Its `name` is the function index (as V8 names exported
 * functions) and its `length` the parameter count.
 */
export function exportedFunction(fn: FunctionInstance): ExportedFunction {
  let f = wrappers.get(fn);
  if (f !== undefined) return f;
  f = (...args: unknown[]): unknown => callWithJS(fn, args);
  const name = fn.kind === "wasm" ? String(fn.index) : fn.name;
  Object.defineProperty(f, "name", { value: name });
  Object.defineProperty(f, "length", { value: fn.type.params.length });
  wrappers.set(fn, f);
  wrapped.set(f, fn);
  return f;
}

/** The function instance `x` stands for when it is an exported function, else undefined. */
export function functionInstanceOf(x: unknown): FunctionInstance | undefined {
  return typeof x === "function" ? wrapped.get(x) : undefined;
}

function noBigInt(x: unknown, t: string): number {
  if (typeof x === "bigint") throw new TypeError(`cannot convert a bigint to ${t}`);
  return Number(x);
}

/** `ToWebAssemblyValue`: converts JS value `x` to a wasm value of type `t`; throws `TypeError`. */
export function toWasmValue(t: ValType, x: unknown): Value {
  switch (t) {
    case VT.I32:
      return { type: "i32", value: noBigInt(x, "i32") | 0 };
    case VT.I64: {
      if (typeof x === "number" || typeof x === "symbol" || x === undefined || x === null) {
        throw new TypeError(`cannot convert ${x === null ? "null" : typeof x} to i64: pass a bigint`);
      }
      const w = BigInt.asUintN(64, BigInt(x as bigint | string | boolean));
      return { type: "i64", lo: Number(w & 0xffffffffn) | 0, hi: Number(w >> 32n) | 0 };
    }
    case VT.F32:
      return { type: "f32", bits: f32Bits(noBigInt(x, "f32")) };
    case VT.F64: {
      const [lo, hi] = f64Bits(noBigInt(x, "f64"));
      return { type: "f64", lo, hi };
    }
    case VT.V128:
      if (!(x instanceof Uint8Array) || x.length !== 16) {
        throw new TypeError("a v128 value is passed as a 16-byte Uint8Array");
      }
      return { type: "v128", bytes: x.slice() };
    case VT.FuncRef: {
      if (x === null) return { type: "funcref", ref: null };
      const fn = functionInstanceOf(x);
      if (fn === undefined) throw new TypeError("a funcref must be null or an exported wasm function");
      return { type: "funcref", ref: fn };
    }
    case VT.ExternRef:
      return { type: "externref", ref: x };
  }
}

/** `ToJSValue`: i64 as a signed `bigint`, funcref as its exported function, v128 as 16 bytes. */
export function toJSValue(v: Value): unknown {
  if (v.type === "funcref") return v.ref === null ? null : exportedFunction(v.ref as FunctionInstance);
  return toJS(v);
}
