/**
 * Differential-test harness: compiles WAT with wabt, runs it in V8's own WebAssembly, and checks
 * results the way the spec allows (NaN results by class, traps by message).
 */

import wabtInit from "wabt";
import { RuntimeError } from "../../src/errors.js";
import {
  TRAP_DIVIDE_BY_ZERO,
  TRAP_INTEGER_OVERFLOW,
  TRAP_INVALID_CONVERSION,
} from "../../src/semantics/index.js";

const wabt = await wabtInit();

/** The parts of V8's `WebAssembly` global used here (the project's TypeScript lib does not declare it). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  RuntimeError: new (message?: string) => Error;
}

/** V8's own WebAssembly implementation, the reference of the differential tests. */
const v8Wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** Exports of a compiled test module: its memory and its `f<n>` functions. */
export interface TestModule {
  /** The module's memory, as int32 words. */
  readonly mem: Int32Array;
  /** Exported test functions, by name. */
  readonly fns: Record<string, () => void>;
}

/** Compiles and instantiates a module whose body is `body`, with an exported memory of one page. */
export function compileModule(body: string): TestModule {
  const text = `(module (memory (export "mem") 1) ${body})`;
  const parsed = wabt.parseWat("t.wat", text, { simd: true, sat_float_to_int: true, sign_extension: true });
  const bytes = parsed.toBinary({}).buffer;
  parsed.destroy();
  const instance = new v8Wasm.Instance(new v8Wasm.Module(bytes), {});
  const memory = instance.exports.mem as { buffer: ArrayBuffer };
  return {
    mem: new Int32Array(memory.buffer),
    fns: instance.exports as Record<string, () => void>,
  };
}

/** Result of running one side of a differential case: output words, or the trap's message. */
export type Outcome = { words: number[] } | { trap: string };

/** Runs `fn`, turning a trap into an outcome. V8 traps are `WebAssembly.RuntimeError`, ours Kiln's. */
export function capture(fn: () => number[]): Outcome {
  try {
    return { words: fn() };
  } catch (e) {
    if (e instanceof v8Wasm.RuntimeError || e instanceof RuntimeError) return { trap: e.message };
    throw e;
  }
}

/**
 * The spec trap message our implementation must give when V8 traps with `v8Message`, or undefined
 * if V8's message is unknown. V8 does not tell NaN from overflow in truncations, so `nanInput` does.
 */
export function specTrapFor(v8Message: string, nanInput: boolean): string | undefined {
  if (v8Message === "divide by zero" || v8Message === "remainder by zero") return TRAP_DIVIDE_BY_ZERO;
  if (v8Message === "divide result unrepresentable") return TRAP_INTEGER_OVERFLOW;
  if (v8Message === "float unrepresentable in integer range") {
    return nanInput ? TRAP_INVALID_CONVERSION : TRAP_INTEGER_OVERFLOW;
  }
  return undefined;
}

/** True if the f32 bits are a NaN. */
export function isNaN32(bits: number): boolean {
  return (bits & 0x7f800000) === 0x7f800000 && (bits & 0x7fffff) !== 0;
}

/** True if the f64 bits `(lo, hi)` are a NaN. */
export function isNaN64(lo: number, hi: number): boolean {
  return (hi & 0x7ff00000) === 0x7ff00000 && ((hi & 0xfffff) | lo) !== 0;
}

/** True if the f32 bits are a canonical NaN (either sign). */
export function isCanonical32(bits: number): boolean {
  return (bits & 0x7fffffff) === 0x7fc00000;
}

/** True if the f64 bits are a canonical NaN (either sign). */
export function isCanonical64(lo: number, hi: number): boolean {
  return lo === 0 && (hi & 0x7fffffff) === 0x7ff80000;
}

/** A float operand of an operation, for the NaN rules: its width and bits (`hi` for f64 only). */
export interface FloatInput {
  readonly wide: boolean;
  readonly lo: number;
  readonly hi: number;
}

/**
 * Checks a NaN result against the spec's NaN propagation rule: canonical if every NaN operand is
 * canonical (or none is NaN), else any arithmetic (quiet) NaN. Returns an error text or undefined.
 */
export function checkNaNResult(
  wide: boolean,
  lo: number,
  hi: number,
  inputs: FloatInput[],
): string | undefined {
  if (wide ? !isNaN64(lo, hi) : !isNaN32(lo)) return "expected a NaN";
  const needCanonical = inputs.every((x) =>
    x.wide ? !isNaN64(x.lo, x.hi) || isCanonical64(x.lo, x.hi) : !isNaN32(x.lo) || isCanonical32(x.lo),
  );
  if (needCanonical) {
    if (!(wide ? isCanonical64(lo, hi) : isCanonical32(lo))) return "expected a canonical NaN";
  } else if (!(wide ? (hi & 0x80000) !== 0 : (lo & 0x400000) !== 0)) {
    return "expected an arithmetic NaN";
  }
  return undefined;
}

/** Formats words as hex for failure messages. */
export function hex(words: readonly number[]): string {
  return words.map((w) => `0x${(w >>> 0).toString(16).padStart(8, "0")}`).join(",");
}
