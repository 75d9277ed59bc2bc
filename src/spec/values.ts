/**
 * WebAssembly values as exchanged with an engine, kept as exact bits (f32 as a u32, i64 and f64
 * as two u32 halves, v128 as 16 bytes), and the result patterns of `assert_return`.
 */

/** A 32-bit integer, stored as a signed int32 (compared by its low 32 bits). */
export interface I32Value {
  readonly type: "i32";
  readonly value: number;
}

/** A 64-bit integer as unsigned 32-bit halves. */
export interface I64Value {
  readonly type: "i64";
  readonly lo: number;
  readonly hi: number;
}

/** A 32-bit float as its IEEE bits (u32), so NaN payloads survive. */
export interface F32Value {
  readonly type: "f32";
  readonly bits: number;
}

/** A 64-bit float as the unsigned 32-bit halves of its IEEE bits. */
export interface F64Value {
  readonly type: "f64";
  readonly lo: number;
  readonly hi: number;
}

/** A 128-bit vector as 16 little-endian bytes. */
export interface V128Value {
  readonly type: "v128";
  readonly bytes: Uint8Array;
}

/** A function reference: `null`, or an engine-specific handle that the runner never looks into. */
export interface FuncRefValue {
  readonly type: "funcref";
  readonly ref: object | null;
}

/**
 * An external reference: `null`, or the host reference `ref.extern N` of a script, carried as
 * the number N. Engines must hand back exactly the number they were given.
 */
export interface ExternRefValue {
  readonly type: "externref";
  readonly ref: number | null;
}

/** Any WebAssembly value. */
export type Value = I32Value | I64Value | F32Value | F64Value | V128Value | FuncRefValue | ExternRefValue;

/** The two NaN patterns results can be checked against. */
export type NanKind = "canonical" | "arithmetic";

/**
 * One lane of an expected `v128` with float lanes: exact bits (an f32 lane's bits in `lo`, with
 * `hi` 0), or a NaN pattern.
 */
export type FloatLane =
  | { readonly kind: "bits"; readonly lo: number; readonly hi: number }
  | { readonly kind: "nan"; readonly nan: NanKind };

/** What `assert_return` expects of one result. */
export type Expected =
  /** Exactly this value (bit-for-bit, NaNs included). */
  | { readonly kind: "value"; readonly value: Value }
  /** A float NaN of the given kind. */
  | { readonly kind: "nan"; readonly type: "f32" | "f64"; readonly nan: NanKind }
  /** A `v128` checked per float lane (used when some lane is a NaN pattern). */
  | { readonly kind: "lanes"; readonly shape: "f32x4" | "f64x2"; readonly lanes: readonly FloatLane[] }
  /** Any non-null function reference (`(ref.func)` in a result). */
  | { readonly kind: "anyfunc" };

function isNanMatch(kind: NanKind, hi: number, lo: number, f32: boolean): boolean {
  if (f32) {
    return kind === "canonical" ? (hi & 0x7fffffff) === 0x7fc00000 : (hi & 0x7fc00000) === 0x7fc00000;
  }
  return kind === "canonical"
    ? (hi & 0x7fffffff) === 0x7ff80000 && lo === 0
    : (hi & 0x7ff80000) === 0x7ff80000;
}

/** True when `a` and `b` have the same type and the same bits. */
export function sameValue(a: Value, b: Value): boolean {
  switch (a.type) {
    case "i32":
      return b.type === "i32" && (a.value | 0) === (b.value | 0);
    case "f32":
      return b.type === "f32" && a.bits >>> 0 === b.bits >>> 0;
    case "i64":
    case "f64":
      return b.type === a.type && a.lo >>> 0 === b.lo >>> 0 && a.hi >>> 0 === b.hi >>> 0;
    case "v128":
      return b.type === "v128" && b.bytes.length === 16 && a.bytes.every((x, i) => x === b.bytes[i]);
    case "funcref":
    case "externref":
      return b.type === a.type && a.ref === b.ref;
  }
}

function u32At(bytes: Uint8Array, offset: number): number {
  return (
    (bytes[offset]! | (bytes[offset + 1]! << 8) | (bytes[offset + 2]! << 16) | (bytes[offset + 3]! << 24)) >>>
    0
  );
}

/** True when the actual value `v` satisfies `e`. */
export function matches(e: Expected, v: Value): boolean {
  switch (e.kind) {
    case "value":
      return sameValue(e.value, v);
    case "nan":
      if (e.type === "f32") return v.type === "f32" && isNanMatch(e.nan, v.bits >>> 0, 0, true);
      return v.type === "f64" && isNanMatch(e.nan, v.hi >>> 0, v.lo >>> 0, false);
    case "anyfunc":
      return v.type === "funcref" && v.ref !== null;
    case "lanes": {
      if (v.type !== "v128" || v.bytes.length !== 16) return false;
      const f32 = e.shape === "f32x4";
      return e.lanes.every((lane, i) => {
        const lo = u32At(v.bytes, f32 ? i * 4 : i * 8);
        const hi = f32 ? 0 : u32At(v.bytes, i * 8 + 4);
        if (lane.kind === "nan") return isNanMatch(lane.nan, f32 ? lo : hi, lo, f32);
        return lane.lo === lo && lane.hi === hi;
      });
    }
  }
}

function hex32(n: number): string {
  return `0x${(n >>> 0).toString(16).padStart(8, "0")}`;
}

const scratch = new DataView(new ArrayBuffer(8));

/** A readable form of a value, with exact bits for floats: `f32:1.5 (0x3fc00000)`. */
export function formatValue(v: Value): string {
  switch (v.type) {
    case "i32":
      return `i32:${v.value | 0}`;
    case "i64":
      return `i64:0x${(v.hi >>> 0).toString(16).padStart(8, "0")}${(v.lo >>> 0).toString(16).padStart(8, "0")}`;
    case "f32":
      scratch.setUint32(0, v.bits >>> 0);
      return `f32:${scratch.getFloat32(0)} (${hex32(v.bits)})`;
    case "f64":
      scratch.setUint32(0, v.hi >>> 0);
      scratch.setUint32(4, v.lo >>> 0);
      return `f64:${scratch.getFloat64(0)} (${hex32(v.hi)}${hex32(v.lo).slice(2)})`;
    case "v128":
      return `v128:${Array.from(v.bytes, (b) => b.toString(16).padStart(2, "0")).join(" ")}`;
    case "funcref":
      return v.ref === null ? "ref.null func" : "funcref";
    case "externref":
      return v.ref === null ? "ref.null extern" : `ref.extern ${v.ref}`;
  }
}

/** A readable form of an expected result. */
export function formatExpected(e: Expected): string {
  switch (e.kind) {
    case "value":
      return formatValue(e.value);
    case "nan":
      return `${e.type}:nan:${e.nan}`;
    case "anyfunc":
      return "ref.func";
    case "lanes":
      return `v128 ${e.shape}:${e.lanes
        .map((l) => {
          if (l.kind === "nan") return `nan:${l.nan}`;
          return e.shape === "f32x4" ? hex32(l.lo) : `${hex32(l.hi)}${hex32(l.lo).slice(2)}`;
        })
        .join(" ")}`;
  }
}
