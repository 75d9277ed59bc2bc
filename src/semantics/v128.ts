/**
 * Shape-independent SIMD operations: bitwise logic, splat, lane extraction and replacement,
 * shuffle and swizzle. Register conventions are described in `simd-views.ts`.
 */

import { ret } from "./common.js";
import { scratch, toScratch2, type V128Views, v128Copy } from "./simd-views.js";

/** `v128.not`. */
export function v128Not(v: V128Views, d: number, a: number): void {
  const r = v.i32;
  r[d] = ~r[a]!;
  r[d + 1] = ~r[a + 1]!;
  r[d + 2] = ~r[a + 2]!;
  r[d + 3] = ~r[a + 3]!;
}

/** `v128.and`. */
export function v128And(v: V128Views, d: number, a: number, b: number): void {
  const r = v.i32;
  r[d] = r[a]! & r[b]!;
  r[d + 1] = r[a + 1]! & r[b + 1]!;
  r[d + 2] = r[a + 2]! & r[b + 2]!;
  r[d + 3] = r[a + 3]! & r[b + 3]!;
}

/** `v128.andnot`: `a & ~b`. */
export function v128AndNot(v: V128Views, d: number, a: number, b: number): void {
  const r = v.i32;
  r[d] = r[a]! & ~r[b]!;
  r[d + 1] = r[a + 1]! & ~r[b + 1]!;
  r[d + 2] = r[a + 2]! & ~r[b + 2]!;
  r[d + 3] = r[a + 3]! & ~r[b + 3]!;
}

/** `v128.or`. */
export function v128Or(v: V128Views, d: number, a: number, b: number): void {
  const r = v.i32;
  r[d] = r[a]! | r[b]!;
  r[d + 1] = r[a + 1]! | r[b + 1]!;
  r[d + 2] = r[a + 2]! | r[b + 2]!;
  r[d + 3] = r[a + 3]! | r[b + 3]!;
}

/** `v128.xor`. */
export function v128Xor(v: V128Views, d: number, a: number, b: number): void {
  const r = v.i32;
  r[d] = r[a]! ^ r[b]!;
  r[d + 1] = r[a + 1]! ^ r[b + 1]!;
  r[d + 2] = r[a + 2]! ^ r[b + 2]!;
  r[d + 3] = r[a + 3]! ^ r[b + 3]!;
}

/** `v128.bitselect`: bits of `a` where the mask `c` is 1, of `b` where it is 0. */
export function v128Bitselect(v: V128Views, d: number, a: number, b: number, c: number): void {
  const r = v.i32;
  for (let i = 0; i < 4; i++) {
    const m = r[c + i]!;
    r[d + i] = (r[a + i]! & m) | (r[b + i]! & ~m);
  }
}

/** `v128.any_true`: 1 if any bit is set, else 0. */
export function v128AnyTrue(v: V128Views, a: number): number {
  const r = v.i32;
  return (r[a]! | r[a + 1]! | r[a + 2]! | r[a + 3]!) === 0 ? 0 : 1;
}

/** `i8x16.splat`: the low 8 bits of `x` in every lane. */
export function i8x16Splat(v: V128Views, d: number, x: number): void {
  const w = Math.imul(x & 0xff, 0x01010101);
  const r = v.i32;
  r[d] = w;
  r[d + 1] = w;
  r[d + 2] = w;
  r[d + 3] = w;
}

/** `i16x8.splat`: the low 16 bits of `x` in every lane. */
export function i16x8Splat(v: V128Views, d: number, x: number): void {
  const w = (x & 0xffff) | (x << 16);
  const r = v.i32;
  r[d] = w;
  r[d + 1] = w;
  r[d + 2] = w;
  r[d + 3] = w;
}

/** `i32x4.splat`. */
export function i32x4Splat(v: V128Views, d: number, x: number): void {
  const r = v.i32;
  r[d] = x;
  r[d + 1] = x;
  r[d + 2] = x;
  r[d + 3] = x;
}

/** `i64x2.splat` of the i64 `(lo, hi)`. */
export function i64x2Splat(v: V128Views, d: number, lo: number, hi: number): void {
  const r = v.i32;
  r[d] = lo;
  r[d + 1] = hi;
  r[d + 2] = lo;
  r[d + 3] = hi;
}

/** `f32x4.splat` of an f32 given by its bits (bit-exact, NaN payloads kept). */
export const f32x4SplatBits: (v: V128Views, d: number, bits: number) => void = i32x4Splat;

/** `f64x2.splat` of an f64 given by its bits `(lo, hi)` (bit-exact). */
export const f64x2SplatBits: (v: V128Views, d: number, lo: number, hi: number) => void = i64x2Splat;

/** `i8x16.extract_lane_s`. */
export function i8x16ExtractLaneS(v: V128Views, a: number, lane: number): number {
  return v.i8[(a << 2) + lane]!;
}

/** `i8x16.extract_lane_u`. */
export function i8x16ExtractLaneU(v: V128Views, a: number, lane: number): number {
  return v.u8[(a << 2) + lane]!;
}

/** `i16x8.extract_lane_s`. */
export function i16x8ExtractLaneS(v: V128Views, a: number, lane: number): number {
  return v.i16[(a << 1) + lane]!;
}

/** `i16x8.extract_lane_u`. */
export function i16x8ExtractLaneU(v: V128Views, a: number, lane: number): number {
  return v.u16[(a << 1) + lane]!;
}

/** `i32x4.extract_lane`. */
export function i32x4ExtractLane(v: V128Views, a: number, lane: number): number {
  return v.i32[a + lane]!;
}

/** `i64x2.extract_lane`: returns lo, hi in `ret.hi`. */
export function i64x2ExtractLane(v: V128Views, a: number, lane: number): number {
  const r = v.i32;
  const i = a + (lane << 1);
  ret.hi = r[i + 1]!;
  return r[i]!;
}

/** `f32x4.extract_lane` as bits (bit-exact). */
export const f32x4ExtractLaneBits: (v: V128Views, a: number, lane: number) => number = i32x4ExtractLane;

/** `f64x2.extract_lane` as bits: returns lo, hi in `ret.hi` (bit-exact). */
export const f64x2ExtractLaneBits: (v: V128Views, a: number, lane: number) => number = i64x2ExtractLane;

/** `i8x16.replace_lane`: `d` = `a` with lane `lane` set to the low 8 bits of `x`. */
export function i8x16ReplaceLane(v: V128Views, d: number, a: number, lane: number, x: number): void {
  v128Copy(v, d, a);
  v.u8[(d << 2) + lane] = x;
}

/** `i16x8.replace_lane`: `d` = `a` with lane `lane` set to the low 16 bits of `x`. */
export function i16x8ReplaceLane(v: V128Views, d: number, a: number, lane: number, x: number): void {
  v128Copy(v, d, a);
  v.u16[(d << 1) + lane] = x;
}

/** `i32x4.replace_lane`. */
export function i32x4ReplaceLane(v: V128Views, d: number, a: number, lane: number, x: number): void {
  v128Copy(v, d, a);
  v.i32[d + lane] = x;
}

/** `i64x2.replace_lane` with the i64 `(lo, hi)`. */
export function i64x2ReplaceLane(
  v: V128Views,
  d: number,
  a: number,
  lane: number,
  lo: number,
  hi: number,
): void {
  v128Copy(v, d, a);
  const i = d + (lane << 1);
  v.i32[i] = lo;
  v.i32[i + 1] = hi;
}

/** `f32x4.replace_lane` with an f32 given by its bits (bit-exact). */
export const f32x4ReplaceLaneBits: (v: V128Views, d: number, a: number, lane: number, bits: number) => void =
  i32x4ReplaceLane;

/** `f64x2.replace_lane` with an f64 given by its bits `(lo, hi)` (bit-exact). */
export const f64x2ReplaceLaneBits: (
  v: V128Views,
  d: number,
  a: number,
  lane: number,
  lo: number,
  hi: number,
) => void = i64x2ReplaceLane;

/**
 * `i8x16.shuffle`: lane `i` of the result is byte `lanes[at + i]` of the 32-byte concatenation
 * `a ++ b`. The 16 lane indices (validated to be below 32) are read from `lanes` at offset `at`.
 */
export function i8x16Shuffle(
  v: V128Views,
  d: number,
  a: number,
  b: number,
  lanes: Uint8Array,
  at: number,
): void {
  toScratch2(v, a, b);
  const s = scratch.u8;
  const o = v.u8;
  d <<= 2;
  for (let i = 0; i < 16; i++) o[d + i] = s[lanes[at + i]! & 31]!;
}

/** `i8x16.swizzle`: lane `i` is byte `b[i]` of `a`, or 0 when `b[i]` (unsigned) is 16 or more. */
export function i8x16Swizzle(v: V128Views, d: number, a: number, b: number): void {
  toScratch2(v, a, b);
  const s = scratch.u8;
  const o = v.u8;
  d <<= 2;
  for (let i = 0; i < 16; i++) {
    const k = s[16 + i]!;
    o[d + i] = k < 16 ? s[k]! : 0;
  }
}
