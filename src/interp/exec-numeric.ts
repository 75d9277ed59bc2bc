/**
 * The less frequent numeric operations of the interpreter, those implemented by calls into the
 * semantics module anyway (i64 division and bit counts, float rounding, trapping and saturating
 * truncations, i64-to-float conversions): the dispatch loop sends them here from its `default`
 * case, keeping its own `switch` smaller. Register conventions are those of `exec.ts`.
 */
import { RuntimeError } from "../errors.js";
import { ret } from "../semantics/common.js";
import {
  f32ConvertI64S,
  f32ConvertI64U,
  f64ConvertI64S,
  f64ConvertI64U,
  i32TruncF32S,
  i32TruncF32U,
  i32TruncF64S,
  i32TruncF64U,
  i32TruncSatF32S,
  i32TruncSatF32U,
  i32TruncSatF64S,
  i32TruncSatF64U,
  i64TruncF32S,
  i64TruncF32U,
  i64TruncF64S,
  i64TruncF64U,
  i64TruncSatF32S,
  i64TruncSatF32U,
  i64TruncSatF64S,
  i64TruncSatF64U,
} from "../semantics/convert.js";
import { f64Ceil, f64Floor, f64Nearest, f64Trunc } from "../semantics/float.js";
import {
  i64Clz,
  i64Ctz,
  i64DivS,
  i64DivU,
  i64Popcnt,
  i64RemS,
  i64RemU,
  i64Rotl,
  i64Rotr,
} from "../semantics/i64.js";
import type { Interpreter } from "./interpreter.js";

/** Runs the numeric operation at `pc` in the frame at `fp`; returns the next position. */
export function numeric(it: Interpreter, code: Int32Array, pc: number, fp: number): number {
  const r = it.regs;
  const f32 = it.f32;
  const f64 = it.f64;
  switch (code[pc]) {
    case 0x79: {
      // i64.clz
      const a = fp + code[pc + 2];
      const d = fp + code[pc + 1];
      r[d] = i64Clz(r[a], r[a + 1]);
      r[d + 1] = ret.hi;
      pc += 3;
      break;
    }
    case 0x7a: {
      // i64.ctz
      const a = fp + code[pc + 2];
      const d = fp + code[pc + 1];
      r[d] = i64Ctz(r[a], r[a + 1]);
      r[d + 1] = ret.hi;
      pc += 3;
      break;
    }
    case 0x7b: {
      // i64.popcnt
      const a = fp + code[pc + 2];
      const d = fp + code[pc + 1];
      r[d] = i64Popcnt(r[a], r[a + 1]);
      r[d + 1] = ret.hi;
      pc += 3;
      break;
    }
    case 0x7f: {
      // i64.div_s
      const a = fp + code[pc + 2];
      const b = fp + code[pc + 3];
      const d = fp + code[pc + 1];
      r[d] = i64DivS(r[a], r[a + 1], r[b], r[b + 1]);
      r[d + 1] = ret.hi;
      pc += 4;
      break;
    }
    case 0x80: {
      // i64.div_u
      const a = fp + code[pc + 2];
      const b = fp + code[pc + 3];
      const d = fp + code[pc + 1];
      r[d] = i64DivU(r[a], r[a + 1], r[b], r[b + 1]);
      r[d + 1] = ret.hi;
      pc += 4;
      break;
    }
    case 0x81: {
      // i64.rem_s
      const a = fp + code[pc + 2];
      const b = fp + code[pc + 3];
      const d = fp + code[pc + 1];
      r[d] = i64RemS(r[a], r[a + 1], r[b], r[b + 1]);
      r[d + 1] = ret.hi;
      pc += 4;
      break;
    }
    case 0x82: {
      // i64.rem_u
      const a = fp + code[pc + 2];
      const b = fp + code[pc + 3];
      const d = fp + code[pc + 1];
      r[d] = i64RemU(r[a], r[a + 1], r[b], r[b + 1]);
      r[d + 1] = ret.hi;
      pc += 4;
      break;
    }
    case 0x89: {
      // i64.rotl
      const a = fp + code[pc + 2];
      const b = fp + code[pc + 3];
      const d = fp + code[pc + 1];
      r[d] = i64Rotl(r[a], r[a + 1], r[b], r[b + 1]);
      r[d + 1] = ret.hi;
      pc += 4;
      break;
    }
    case 0x8a: {
      // i64.rotr
      const a = fp + code[pc + 2];
      const b = fp + code[pc + 3];
      const d = fp + code[pc + 1];
      r[d] = i64Rotr(r[a], r[a + 1], r[b], r[b + 1]);
      r[d + 1] = ret.hi;
      pc += 4;
      break;
    }
    case 0x8d: // f32.ceil
      f32[fp + code[pc + 1]] = f64Ceil(f32[fp + code[pc + 2]]);
      pc += 3;
      break;
    case 0x8e: // f32.floor
      f32[fp + code[pc + 1]] = f64Floor(f32[fp + code[pc + 2]]);
      pc += 3;
      break;
    case 0x8f: // f32.trunc
      f32[fp + code[pc + 1]] = f64Trunc(f32[fp + code[pc + 2]]);
      pc += 3;
      break;
    case 0x90: // f32.nearest
      f32[fp + code[pc + 1]] = f64Nearest(f32[fp + code[pc + 2]]);
      pc += 3;
      break;
    case 0x9b: // f64.ceil
      f64[(fp + code[pc + 1]) >> 1] = f64Ceil(f64[(fp + code[pc + 2]) >> 1]);
      pc += 3;
      break;
    case 0x9c: // f64.floor
      f64[(fp + code[pc + 1]) >> 1] = f64Floor(f64[(fp + code[pc + 2]) >> 1]);
      pc += 3;
      break;
    case 0x9d: // f64.trunc
      f64[(fp + code[pc + 1]) >> 1] = f64Trunc(f64[(fp + code[pc + 2]) >> 1]);
      pc += 3;
      break;
    case 0x9e: // f64.nearest
      f64[(fp + code[pc + 1]) >> 1] = f64Nearest(f64[(fp + code[pc + 2]) >> 1]);
      pc += 3;
      break;
    case 0xa8: // i32.trunc_f32_s
      r[fp + code[pc + 1]] = i32TruncF32S(f32[fp + code[pc + 2]]);
      pc += 3;
      break;
    case 0xa9: // i32.trunc_f32_u
      r[fp + code[pc + 1]] = i32TruncF32U(f32[fp + code[pc + 2]]);
      pc += 3;
      break;
    case 0xaa: // i32.trunc_f64_s
      r[fp + code[pc + 1]] = i32TruncF64S(f64[(fp + code[pc + 2]) >> 1]);
      pc += 3;
      break;
    case 0xab: // i32.trunc_f64_u
      r[fp + code[pc + 1]] = i32TruncF64U(f64[(fp + code[pc + 2]) >> 1]);
      pc += 3;
      break;
    case 0xae: {
      // i64.trunc_f32_s
      const d = fp + code[pc + 1];
      r[d] = i64TruncF32S(f32[fp + code[pc + 2]]);
      r[d + 1] = ret.hi;
      pc += 3;
      break;
    }
    case 0xaf: {
      // i64.trunc_f32_u
      const d = fp + code[pc + 1];
      r[d] = i64TruncF32U(f32[fp + code[pc + 2]]);
      r[d + 1] = ret.hi;
      pc += 3;
      break;
    }
    case 0xb0: {
      // i64.trunc_f64_s
      const d = fp + code[pc + 1];
      r[d] = i64TruncF64S(f64[(fp + code[pc + 2]) >> 1]);
      r[d + 1] = ret.hi;
      pc += 3;
      break;
    }
    case 0xb1: {
      // i64.trunc_f64_u
      const d = fp + code[pc + 1];
      r[d] = i64TruncF64U(f64[(fp + code[pc + 2]) >> 1]);
      r[d + 1] = ret.hi;
      pc += 3;
      break;
    }
    case 0xb4: {
      // f32.convert_i64_s
      const a = fp + code[pc + 2];
      f32[fp + code[pc + 1]] = f32ConvertI64S(r[a], r[a + 1]);
      pc += 3;
      break;
    }
    case 0xb5: {
      // f32.convert_i64_u
      const a = fp + code[pc + 2];
      f32[fp + code[pc + 1]] = f32ConvertI64U(r[a], r[a + 1]);
      pc += 3;
      break;
    }
    case 0xb9: {
      // f64.convert_i64_s
      const a = fp + code[pc + 2];
      f64[(fp + code[pc + 1]) >> 1] = f64ConvertI64S(r[a], r[a + 1]);
      pc += 3;
      break;
    }
    case 0xba: {
      // f64.convert_i64_u
      const a = fp + code[pc + 2];
      f64[(fp + code[pc + 1]) >> 1] = f64ConvertI64U(r[a], r[a + 1]);
      pc += 3;
      break;
    }
    case 0xe0: // i32.trunc_sat_f32_s
      r[fp + code[pc + 1]] = i32TruncSatF32S(f32[fp + code[pc + 2]]);
      pc += 3;
      break;
    case 0xe1: // i32.trunc_sat_f32_u
      r[fp + code[pc + 1]] = i32TruncSatF32U(f32[fp + code[pc + 2]]);
      pc += 3;
      break;
    case 0xe2: // i32.trunc_sat_f64_s
      r[fp + code[pc + 1]] = i32TruncSatF64S(f64[(fp + code[pc + 2]) >> 1]);
      pc += 3;
      break;
    case 0xe3: // i32.trunc_sat_f64_u
      r[fp + code[pc + 1]] = i32TruncSatF64U(f64[(fp + code[pc + 2]) >> 1]);
      pc += 3;
      break;
    case 0xe4: {
      // i64.trunc_sat_f32_s
      const d = fp + code[pc + 1];
      r[d] = i64TruncSatF32S(f32[fp + code[pc + 2]]);
      r[d + 1] = ret.hi;
      pc += 3;
      break;
    }
    case 0xe5: {
      // i64.trunc_sat_f32_u
      const d = fp + code[pc + 1];
      r[d] = i64TruncSatF32U(f32[fp + code[pc + 2]]);
      r[d + 1] = ret.hi;
      pc += 3;
      break;
    }
    case 0xe6: {
      // i64.trunc_sat_f64_s
      const d = fp + code[pc + 1];
      r[d] = i64TruncSatF64S(f64[(fp + code[pc + 2]) >> 1]);
      r[d + 1] = ret.hi;
      pc += 3;
      break;
    }
    case 0xe7: {
      // i64.trunc_sat_f64_u
      const d = fp + code[pc + 1];
      r[d] = i64TruncSatF64U(f64[(fp + code[pc + 2]) >> 1]);
      r[d + 1] = ret.hi;
      pc += 3;
      break;
    }
    default:
      throw new RuntimeError(`interpreter: bad operation ${code[pc]}`);
  }
  return pc;
}
