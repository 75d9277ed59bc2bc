/**
 * Kiln's numeric semantics: the single source of truth for WebAssembly 2.0 numeric operations,
 * used by the interpreter, by constant folding and by the tests. See `common.ts` for the value
 * representation and `simd-views.ts` for the v128 register conventions.
 */

export * from "./common.js";
export * from "./convert.js";
export * from "./float.js";
export * from "./i32.js";
export * from "./i64.js";
export * from "./simd-float.js";
export * from "./simd-i8x16.js";
export * from "./simd-i16x8.js";
export * from "./simd-i32x4.js";
export * from "./simd-i64x2.js";
export { createV128Views, type V128Views, v128Copy } from "./simd-views.js";
export * from "./v128.js";
