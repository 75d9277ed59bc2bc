/**
 * The Wasm 2.0 SIMD instructions (prefix 0xFD), as rows of the opcode table in `opcodes.ts`.
 * Relaxed SIMD (sub-opcodes 0x100 and up) is not part of Wasm 2.0 and is not listed.
 */
import type { OpGroup } from "./opcodes.js";

/**
 * Every 0xFD instruction, as groups of consecutive sub-opcodes (`-` marks an unassigned one).
 * Signatures are `pops:pushes` with i = i32, l = i64, f = f32, d = f64, v = v128; the number
 * after a memory-argument kind is the access's natural alignment (log2 of its byte size), the
 * number after a lane kind the count of lanes.
 */
export const SIMD_GROUPS: readonly OpGroup[] = [
  [0x00, "v128.load", "i:v", "memArg", 4],
  [
    0x01,
    "v128.load8x8_s v128.load8x8_u v128.load16x4_s v128.load16x4_u v128.load32x2_s v128.load32x2_u",
    "i:v",
    "memArg",
    3,
  ],
  [0x07, "v128.load8_splat", "i:v", "memArg", 0],
  [0x08, "v128.load16_splat", "i:v", "memArg", 1],
  [0x09, "v128.load32_splat", "i:v", "memArg", 2],
  [0x0a, "v128.load64_splat", "i:v", "memArg", 3],
  [0x0b, "v128.store", "iv:", "memArg", 4],
  [0x0c, "v128.const", ":v", "v128"],
  [0x0d, "i8x16.shuffle", "vv:v", "shuffle"],
  [0x0e, "i8x16.swizzle", "vv:v"],
  [0x0f, "i8x16.splat i16x8.splat i32x4.splat", "i:v"],
  [0x12, "i64x2.splat", "l:v"],
  [0x13, "f32x4.splat", "f:v"],
  [0x14, "f64x2.splat", "d:v"],
  [0x15, "i8x16.extract_lane_s i8x16.extract_lane_u", "v:i", "lane", 16],
  [0x17, "i8x16.replace_lane", "vi:v", "lane", 16],
  [0x18, "i16x8.extract_lane_s i16x8.extract_lane_u", "v:i", "lane", 8],
  [0x1a, "i16x8.replace_lane", "vi:v", "lane", 8],
  [0x1b, "i32x4.extract_lane", "v:i", "lane", 4],
  [0x1c, "i32x4.replace_lane", "vi:v", "lane", 4],
  [0x1d, "i64x2.extract_lane", "v:l", "lane", 2],
  [0x1e, "i64x2.replace_lane", "vl:v", "lane", 2],
  [0x1f, "f32x4.extract_lane", "v:f", "lane", 4],
  [0x20, "f32x4.replace_lane", "vf:v", "lane", 4],
  [0x21, "f64x2.extract_lane", "v:d", "lane", 2],
  [0x22, "f64x2.replace_lane", "vd:v", "lane", 2],
  [
    0x23,
    "i8x16.eq i8x16.ne i8x16.lt_s i8x16.lt_u i8x16.gt_s i8x16.gt_u i8x16.le_s i8x16.le_u i8x16.ge_s i8x16.ge_u",
    "vv:v",
  ],
  [
    0x2d,
    "i16x8.eq i16x8.ne i16x8.lt_s i16x8.lt_u i16x8.gt_s i16x8.gt_u i16x8.le_s i16x8.le_u i16x8.ge_s i16x8.ge_u",
    "vv:v",
  ],
  [
    0x37,
    "i32x4.eq i32x4.ne i32x4.lt_s i32x4.lt_u i32x4.gt_s i32x4.gt_u i32x4.le_s i32x4.le_u i32x4.ge_s i32x4.ge_u",
    "vv:v",
  ],
  [0x41, "f32x4.eq f32x4.ne f32x4.lt f32x4.gt f32x4.le f32x4.ge", "vv:v"],
  [0x47, "f64x2.eq f64x2.ne f64x2.lt f64x2.gt f64x2.le f64x2.ge", "vv:v"],
  [0x4d, "v128.not", "v:v"],
  [0x4e, "v128.and v128.andnot v128.or v128.xor", "vv:v"],
  [0x52, "v128.bitselect", "vvv:v"],
  [0x53, "v128.any_true", "v:i"],
  [0x54, "v128.load8_lane", "iv:v", "memArgLane", 0],
  [0x55, "v128.load16_lane", "iv:v", "memArgLane", 1],
  [0x56, "v128.load32_lane", "iv:v", "memArgLane", 2],
  [0x57, "v128.load64_lane", "iv:v", "memArgLane", 3],
  [0x58, "v128.store8_lane", "iv:", "memArgLane", 0],
  [0x59, "v128.store16_lane", "iv:", "memArgLane", 1],
  [0x5a, "v128.store32_lane", "iv:", "memArgLane", 2],
  [0x5b, "v128.store64_lane", "iv:", "memArgLane", 3],
  [0x5c, "v128.load32_zero", "i:v", "memArg", 2],
  [0x5d, "v128.load64_zero", "i:v", "memArg", 3],
  [0x5e, "f32x4.demote_f64x2_zero f64x2.promote_low_f32x4 i8x16.abs i8x16.neg i8x16.popcnt", "v:v"],
  [0x63, "i8x16.all_true i8x16.bitmask", "v:i"],
  [0x65, "i8x16.narrow_i16x8_s i8x16.narrow_i16x8_u", "vv:v"],
  [0x67, "f32x4.ceil f32x4.floor f32x4.trunc f32x4.nearest", "v:v"],
  [0x6b, "i8x16.shl i8x16.shr_s i8x16.shr_u", "vi:v"],
  [0x6e, "i8x16.add i8x16.add_sat_s i8x16.add_sat_u i8x16.sub i8x16.sub_sat_s i8x16.sub_sat_u", "vv:v"],
  [0x74, "f64x2.ceil f64x2.floor", "v:v"],
  [0x76, "i8x16.min_s i8x16.min_u i8x16.max_s i8x16.max_u", "vv:v"],
  [0x7a, "f64x2.trunc", "v:v"],
  [0x7b, "i8x16.avgr_u", "vv:v"],
  [
    0x7c,
    "i16x8.extadd_pairwise_i8x16_s i16x8.extadd_pairwise_i8x16_u " +
      "i32x4.extadd_pairwise_i16x8_s i32x4.extadd_pairwise_i16x8_u i16x8.abs i16x8.neg",
    "v:v",
  ],
  [0x82, "i16x8.q15mulr_sat_s", "vv:v"],
  [0x83, "i16x8.all_true i16x8.bitmask", "v:i"],
  [0x85, "i16x8.narrow_i32x4_s i16x8.narrow_i32x4_u", "vv:v"],
  [
    0x87,
    "i16x8.extend_low_i8x16_s i16x8.extend_high_i8x16_s i16x8.extend_low_i8x16_u i16x8.extend_high_i8x16_u",
    "v:v",
  ],
  [0x8b, "i16x8.shl i16x8.shr_s i16x8.shr_u", "vi:v"],
  [0x8e, "i16x8.add i16x8.add_sat_s i16x8.add_sat_u i16x8.sub i16x8.sub_sat_s i16x8.sub_sat_u", "vv:v"],
  [0x94, "f64x2.nearest", "v:v"],
  [
    0x95,
    "i16x8.mul i16x8.min_s i16x8.min_u i16x8.max_s i16x8.max_u - i16x8.avgr_u " +
      "i16x8.extmul_low_i8x16_s i16x8.extmul_high_i8x16_s i16x8.extmul_low_i8x16_u i16x8.extmul_high_i8x16_u",
    "vv:v",
  ],
  [0xa0, "i32x4.abs i32x4.neg", "v:v"],
  [0xa3, "i32x4.all_true i32x4.bitmask", "v:i"],
  [
    0xa7,
    "i32x4.extend_low_i16x8_s i32x4.extend_high_i16x8_s i32x4.extend_low_i16x8_u i32x4.extend_high_i16x8_u",
    "v:v",
  ],
  [0xab, "i32x4.shl i32x4.shr_s i32x4.shr_u", "vi:v"],
  [
    0xae,
    "i32x4.add - - i32x4.sub - - - i32x4.mul i32x4.min_s i32x4.min_u i32x4.max_s i32x4.max_u " +
      "i32x4.dot_i16x8_s - i32x4.extmul_low_i16x8_s i32x4.extmul_high_i16x8_s " +
      "i32x4.extmul_low_i16x8_u i32x4.extmul_high_i16x8_u",
    "vv:v",
  ],
  [0xc0, "i64x2.abs i64x2.neg", "v:v"],
  [0xc3, "i64x2.all_true i64x2.bitmask", "v:i"],
  [
    0xc7,
    "i64x2.extend_low_i32x4_s i64x2.extend_high_i32x4_s i64x2.extend_low_i32x4_u i64x2.extend_high_i32x4_u",
    "v:v",
  ],
  [0xcb, "i64x2.shl i64x2.shr_s i64x2.shr_u", "vi:v"],
  [
    0xce,
    "i64x2.add - - i64x2.sub - - - i64x2.mul i64x2.eq i64x2.ne i64x2.lt_s i64x2.gt_s i64x2.le_s i64x2.ge_s " +
      "i64x2.extmul_low_i32x4_s i64x2.extmul_high_i32x4_s i64x2.extmul_low_i32x4_u i64x2.extmul_high_i32x4_u",
    "vv:v",
  ],
  [0xe0, "f32x4.abs f32x4.neg - f32x4.sqrt", "v:v"],
  [0xe4, "f32x4.add f32x4.sub f32x4.mul f32x4.div f32x4.min f32x4.max f32x4.pmin f32x4.pmax", "vv:v"],
  [0xec, "f64x2.abs f64x2.neg - f64x2.sqrt", "v:v"],
  [0xf0, "f64x2.add f64x2.sub f64x2.mul f64x2.div f64x2.min f64x2.max f64x2.pmin f64x2.pmax", "vv:v"],
  [
    0xf8,
    "i32x4.trunc_sat_f32x4_s i32x4.trunc_sat_f32x4_u f32x4.convert_i32x4_s f32x4.convert_i32x4_u " +
      "i32x4.trunc_sat_f64x2_s_zero i32x4.trunc_sat_f64x2_u_zero f64x2.convert_low_i32x4_s f64x2.convert_low_i32x4_u",
    "v:v",
  ],
];
