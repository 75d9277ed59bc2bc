/**
 * Wasm values outside the register files of the engines: exact bit patterns for the numeric
 * types (so NaN payloads survive), and the conversions to and from plain JS values used at the
 * JS boundary (host functions and the embedding API), where i64 is a `bigint`.
 */

import { RuntimeError } from "../errors.js";
import { type ValType, ValType as VT, valTypeName } from "../frontend/types.js";

/** A wasm value with its exact bits. A null reference is `ref: null`; i32 and the halves of i64
 * and f64 are int32 numbers here (any number is taken modulo 2^32 on input). */
export type Value =
  | { readonly type: "i32"; readonly value: number }
  | { readonly type: "i64"; readonly lo: number; readonly hi: number }
  | { readonly type: "f32"; readonly bits: number }
  | { readonly type: "f64"; readonly lo: number; readonly hi: number }
  | { readonly type: "v128"; readonly bytes: Uint8Array }
  | { readonly type: "funcref"; readonly ref: unknown }
  | { readonly type: "externref"; readonly ref: unknown };

const scratch = new ArrayBuffer(8);
const scratchF32 = new Float32Array(scratch);
const scratchF64 = new Float64Array(scratch);
const scratchI32 = new Int32Array(scratch);

/** The bits of `x` rounded to f32. */
export function f32Bits(x: number): number {
  scratchF32[0] = x;
  return scratchI32[0];
}

/** The f32 whose bits are `bits`, as a JS number (a NaN loses its payload). */
export function f32FromBits(bits: number): number {
  scratchI32[0] = bits;
  return scratchF32[0];
}

/** The bits of the f64 `x` as [lo, hi]. */
export function f64Bits(x: number): [number, number] {
  scratchF64[0] = x;
  return [scratchI32[0], scratchI32[1]];
}

/** The f64 whose bits are (lo, hi), as a JS number. */
export function f64FromBits(lo: number, hi: number): number {
  scratchI32[0] = lo;
  scratchI32[1] = hi;
  return scratchF64[0];
}

/** The zero value (or null reference) of a type. */
export function defaultValue(t: ValType): Value {
  switch (t) {
    case VT.I32:
      return { type: "i32", value: 0 };
    case VT.I64:
      return { type: "i64", lo: 0, hi: 0 };
    case VT.F32:
      return { type: "f32", bits: 0 };
    case VT.F64:
      return { type: "f64", lo: 0, hi: 0 };
    case VT.V128:
      return { type: "v128", bytes: new Uint8Array(16) };
    case VT.FuncRef:
      return { type: "funcref", ref: null };
    case VT.ExternRef:
      return { type: "externref", ref: null };
  }
}

/** True when `v` is a value of type `t`. */
export function hasType(v: Value, t: ValType): boolean {
  return v.type === valTypeName(t);
}

/** Converts a value to JS: numbers, `bigint` for i64, a 16-byte array for v128, references as they are. */
export function toJS(v: Value): unknown {
  switch (v.type) {
    case "i32":
      return v.value;
    case "i64":
      return (BigInt(v.hi) << 32n) | BigInt(v.lo >>> 0);
    case "f32":
      return f32FromBits(v.bits);
    case "f64":
      return f64FromBits(v.lo, v.hi);
    case "v128":
      return v.bytes.slice();
    case "funcref":
    case "externref":
      return v.ref;
  }
}

/**
 * Converts a JS value to a wasm value of type `t`, as the JS API does: `ToInt32` for i32, a
 * `bigint` (wrapped to 64 bits) for i64, `ToNumber` for floats, a 16-byte array for v128. `isFunc`
 * tells which values are function references. Throws `RuntimeError` on an unconvertible value.
 */
export function fromJS(t: ValType, x: unknown, isFunc: (x: unknown) => boolean): Value {
  switch (t) {
    case VT.I32:
      return { type: "i32", value: Number(x) | 0 };
    case VT.I64: {
      if (typeof x !== "bigint") throw new RuntimeError(`expected a bigint for an i64, got ${typeof x}`);
      const w = BigInt.asUintN(64, x);
      return { type: "i64", lo: Number(w & 0xffffffffn) | 0, hi: Number(w >> 32n) | 0 };
    }
    case VT.F32:
      return { type: "f32", bits: f32Bits(Number(x)) };
    case VT.F64: {
      const [lo, hi] = f64Bits(Number(x));
      return { type: "f64", lo, hi };
    }
    case VT.V128:
      if (!(x instanceof Uint8Array) || x.length !== 16) {
        throw new RuntimeError("expected a 16-byte Uint8Array for a v128");
      }
      return { type: "v128", bytes: x.slice() };
    case VT.FuncRef:
      if (x !== null && !isFunc(x)) throw new RuntimeError("expected a function reference or null");
      return { type: "funcref", ref: x };
    case VT.ExternRef:
      return { type: "externref", ref: x };
  }
}
