/**
 * The helper modules of differential testing, as WAT text: the `fuzzing-support` logger that
 * records every log call of a fuzzed module in its own memory, a reader that hashes the pages
 * of a module's exported memory, and the adapters through which JS reaches a function or
 * global of any type with exact bits (floats as their integer bits, v128 as two i64).
 */
import { type FuncType, type ValType, ValType as VT, valTypeName } from "../frontend/types.js";

/** Most log entries the logger keeps; later calls are only counted. */
export const LOG_CAPACITY = 4096;

/** Log entry tags, by the logged type. */
export const LOG_TAGS = ["i32", "i64", "f32", "f64", "v128"] as const;

/**
 * The logger (`withV128`: also `log-v128`, for modules that import it): exports `log-i32`, `log-i64`, `log-f32`, `log-f64`, `log-v128` (as binaryen's
 * `fuzzing-support` module), `count` (calls so far), `reset`, and `tag(i)`, `lo(i)`, `hi(i)`
 * giving entry `i` as a tag index into {@link LOG_TAGS} and up to 128 bits of payload.
 */
export function loggerWat(withV128: boolean): string {
  return `(module
  (memory 2)
  (global $n (mut i32) (i32.const 0))
  (func $put (param $tag i32) (param $lo i64) (param $hi i64) (local $a i32)
    (if (i32.lt_u (global.get $n) (i32.const ${LOG_CAPACITY}))
      (then
        (local.set $a (i32.mul (global.get $n) (i32.const 24)))
        (i32.store (local.get $a) (local.get $tag))
        (i64.store offset=8 (local.get $a) (local.get $lo))
        (i64.store offset=16 (local.get $a) (local.get $hi))))
    (global.set $n (i32.add (global.get $n) (i32.const 1))))
  (func (export "log-i32") (param i32)
    (call $put (i32.const 0) (i64.extend_i32_u (local.get 0)) (i64.const 0)))
  (func (export "log-i64") (param i64) (call $put (i32.const 1) (local.get 0) (i64.const 0)))
  (func (export "log-f32") (param f32)
    (call $put (i32.const 2) (i64.extend_i32_u (i32.reinterpret_f32 (local.get 0))) (i64.const 0)))
  (func (export "log-f64") (param f64)
    (call $put (i32.const 3) (i64.reinterpret_f64 (local.get 0)) (i64.const 0)))
  ${withV128 ? V128_LOG : ""}
  (func (export "count") (result i32) (global.get $n))
  (func (export "reset") (global.set $n (i32.const 0)))
  (func (export "tag") (param i32) (result i32) (i32.load (i32.mul (local.get 0) (i32.const 24))))
  (func (export "lo") (param i32) (result i64) (i64.load offset=8 (i32.mul (local.get 0) (i32.const 24))))
  (func (export "hi") (param i32) (result i64) (i64.load offset=16 (i32.mul (local.get 0) (i32.const 24)))))`;
}

const V128_LOG = `(func (export "log-v128") (param v128)
    (call $put (i32.const 4) (i64x2.extract_lane 0 (local.get 0)) (i64x2.extract_lane 1 (local.get 0))))`;

/**
 * A reader of the memory `module`.`name`: exports `pages` (its size) and `hash(p)`, an FNV-1a
 * style hash of page `p` taken over 64-bit words.
 */
export function memoryReaderWat(module: string, name: string): string {
  return `(module
  (import ${JSON.stringify(module)} ${JSON.stringify(name)} (memory 0))
  (func (export "pages") (result i32) (memory.size))
  (func (export "hash") (param $p i32) (result i64) (local $a i32) (local $end i32) (local $h i64)
    (local.set $a (i32.shl (local.get $p) (i32.const 16)))
    (local.set $end (i32.add (local.get $a) (i32.const 65536)))
    (local.set $h (i64.const 0xcbf29ce484222325))
    (loop $l
      (local.set $h (i64.mul (i64.xor (local.get $h) (i64.load (local.get $a))) (i64.const 0x100000001b3)))
      (br_if $l (i32.lt_u (local.tee $a (i32.add (local.get $a) (i32.const 8))) (local.get $end))))
    (local.get $h)))`;
}

/** The types a value of type `t` crosses the JS boundary as in an adapter. */
export function carrierTypes(t: ValType): ValType[] {
  switch (t) {
    case VT.F32:
      return [VT.I32];
    case VT.F64:
      return [VT.I64];
    case VT.V128:
      return [VT.I64, VT.I64];
    default:
      return [t];
  }
}

/** Instructions turning the carrier values (locals `first`...) of a `t` back into a `t`. */
function fromCarrier(t: ValType, first: number): string {
  switch (t) {
    case VT.F32:
      return `(f32.reinterpret_i32 (local.get ${first}))`;
    case VT.F64:
      return `(f64.reinterpret_i64 (local.get ${first}))`;
    case VT.V128:
      return `(i64x2.replace_lane 1 (i64x2.splat (local.get ${first})) (local.get ${first + 1}))`;
    default:
      return `(local.get ${first})`;
  }
}

/** Instructions pushing the carrier values of local `l`, a `t`. */
function toCarrier(t: ValType, l: number): string {
  switch (t) {
    case VT.F32:
      return `(i32.reinterpret_f32 (local.get ${l}))`;
    case VT.F64:
      return `(i64.reinterpret_f64 (local.get ${l}))`;
    case VT.V128:
      return `(i64x2.extract_lane 0 (local.get ${l})) (i64x2.extract_lane 1 (local.get ${l}))`;
    default:
      return `(local.get ${l})`;
  }
}

function names(ts: readonly ValType[]): string {
  return ts.map(valTypeName).join(" ");
}

/**
 * An adapter exporting `w`, which calls the function `module`.`name` of type `type` with its
 * parameters given as carriers (see {@link carrierTypes}) and returns its results as carriers.
 */
export function invokeAdapterWat(module: string, name: string, type: FuncType): string {
  const carriersIn = type.params.flatMap(carrierTypes);
  const carriersOut = type.results.flatMap(carrierTypes);
  const args: string[] = [];
  let at = 0;
  for (const p of type.params) {
    args.push(fromCarrier(p, at));
    at += carrierTypes(p).length;
  }
  const resultLocal = (i: number): number => carriersIn.length + i;
  const pops = type.results.map((_, i) => `(local.set ${resultLocal(i)})`).reverse();
  const pushes = type.results.map((r, i) => toCarrier(r, resultLocal(i)));
  return `(module
  (import ${JSON.stringify(module)} ${JSON.stringify(name)}
    (func $f (param ${names(type.params)}) (result ${names(type.results)})))
  (func (export "w") (param ${names(carriersIn)}) (result ${names(carriersOut)})
    (local ${names(type.results)})
    (call $f ${args.join(" ")})
    ${pops.join(" ")}
    ${pushes.join(" ")}))`;
}

/** An adapter exporting `get`, which returns the global `module`.`name` as carriers. */
export function globalAdapterWat(module: string, name: string, type: ValType, mutable: boolean): string {
  const t = valTypeName(type);
  return `(module
  (import ${JSON.stringify(module)} ${JSON.stringify(name)} (global $g ${mutable ? `(mut ${t})` : t}))
  (func (export "get") (result ${names(carrierTypes(type))}) (local ${t})
    (local.set 0 (global.get $g))
    ${toCarrier(type, 0)}))`;
}
