/**
 * The shared SIMD semantics looked up by a wasm operation's text name (`i8x16.add_sat_s` ->
 * `i8x16AddSatS`), for the engines that dispatch SIMD operations by opcode: the interpreter and
 * the compiler's runtime helpers.
 */
import * as floatOps from "./simd-float.js";
import * as i8x16Ops from "./simd-i8x16.js";
import * as i16x8Ops from "./simd-i16x8.js";
import * as i32x4Ops from "./simd-i32x4.js";
import * as i64x2Ops from "./simd-i64x2.js";
import * as v128Ops from "./v128.js";

const allOps: Record<string, unknown> = {
  ...v128Ops,
  ...floatOps,
  ...i8x16Ops,
  ...i16x8Ops,
  ...i32x4Ops,
  ...i64x2Ops,
};

/** Names whose implementation works on bits and says so. */
const renamed: Record<string, string> = {
  "v128.andnot": "v128AndNot",
  "f32x4.splat": "f32x4SplatBits",
  "f64x2.splat": "f64x2SplatBits",
  "f32x4.extract_lane": "f32x4ExtractLaneBits",
  "f64x2.extract_lane": "f64x2ExtractLaneBits",
  "f32x4.replace_lane": "f32x4ReplaceLaneBits",
  "f64x2.replace_lane": "f64x2ReplaceLaneBits",
};

function camel(name: string): string {
  return name
    .split(/[._]/)
    .map((p, i) => (i === 0 ? p : p[0].toUpperCase() + p.slice(1)))
    .join("");
}

/** The semantics function of the SIMD operation named `name`, or undefined when there is none. */
export function simdSemantics(name: string): unknown {
  return allOps[renamed[name] ?? camel(name)];
}
