/**
 * Rejection tests for the arm64 scalar FP and NEON encoders: operand forms the instructions do
 * not have (arrangements, register sizes, mixed operands, register 31 misuse) and immediates or
 * offsets out of range must throw `AsmError` with a message naming the problem, never encode.
 */
import { describe, expect, it } from "vitest";
import { AsmError } from "../../src/backend/asm-error.js";
import {
  fcvt,
  fmovFromGp,
  fmovImm,
  fmovToGp,
  fp2,
  fpToInt,
  intToFp,
} from "../../src/backend-arm64/enc-fp.js";
import {
  across,
  addlp,
  fvec2,
  fvec3,
  logic,
  long,
  vec2,
  vec3,
} from "../../src/backend-arm64/enc-neon-arith.js";
import { lane } from "../../src/backend-arm64/enc-neon-common.js";
import { cmp, cmpZero, fcmpVec } from "../../src/backend-arm64/enc-neon-compare.js";
import { fmovVec, movi, moviMask, moviMsl } from "../../src/backend-arm64/enc-neon-imm.js";
import {
  dupElement,
  dupGp,
  ext,
  insElement,
  insGp,
  permute,
  smov,
  tableLookup,
  umov,
} from "../../src/backend-arm64/enc-neon-lanes.js";
import {
  ld1r,
  ldrLiteral,
  ldstImm,
  ldstIndex,
  ldstLane,
  ldstUnscaled,
} from "../../src/backend-arm64/enc-neon-mem.js";
import { fcvtVec, narrow, shiftImm, shiftLong } from "../../src/backend-arm64/enc-neon-widen.js";
import { Extend } from "../../src/backend-arm64/operands.js";
import {
  b,
  d,
  h,
  q,
  type RS,
  type RZ,
  s,
  sp,
  vecReg as v,
  w0,
  w1,
  wsp,
  x0,
  x1,
  xzr,
} from "../../src/backend-arm64/registers.js";

/** A rejected call and a pattern its message must match. */
type Rejection = readonly [string, () => unknown, RegExp];

// biome-ignore format: one case per line
const REJECTIONS: readonly Rejection[] = [
  // scalar FP: register sizes
  ["fadd mixes s and d", () => fp2("fadd", s(0), d(1), s(2)), /d1 does not match s0/],
  ["fadd on h registers", () => fp2("fadd", h(0), h(1), h(2)), /h0 is not a single- or double-precision/],
  ["fadd on q registers", () => fp2("fadd", q(0), q(1), q(2)), /q0 is not a single- or double-precision/],
  ["fcvt without a precision change", () => fcvt(d(0), d(1)), /not a precision change/],
  ["fcvt from b", () => fcvt(d(0), b(1)), /b1 is not a s or d register/],
  ["fcvtzs into sp", () => fpToInt("fcvtzs", sp as unknown as RZ, d(0)), /sp is not allowed here/],
  ["scvtf from sp", () => intToFp("scvtf", d(0), sp as unknown as RZ), /sp is not allowed here/],
  ["fmov w from d", () => fmovToGp(w0, d(1)), /w0 and d1 differ in width/],
  ["fmov x from s", () => fmovToGp(x0, s(1)), /x0 and s1 differ in width/],
  ["fmov d from w", () => fmovFromGp(d(0), w1), /w1 and d0 differ in width/],
  ["fmov from the lower lane", () => fmovToGp(x0, lane("d", 1, 0)), /only x and v.d\[1\]/],
  ["fmov w to the upper lane", () => fmovFromGp(lane("d", 1, 1), w0), /only x and v.d\[1\]/],
  ["fmov an s lane", () => fmovToGp(w0, lane("s", 1, 1)), /only x and v.d\[1\]/],
  ["fmov q register", () => fmovToGp(x0, q(1)), /q1 is not a s or d register/],
  // scalar FP immediates
  ["fmov #0.0", () => fmovImm(d(0), 0), /0 has no 8-bit floating-point immediate/],
  ["fmov #-0.0", () => fmovImm(d(0), -0), /has no 8-bit floating-point immediate/],
  ["fmov #NaN", () => fmovImm(s(0), Number.NaN), /NaN has no 8-bit/],
  ["fmov #inf", () => fmovImm(s(0), Number.POSITIVE_INFINITY), /Infinity has no 8-bit/],
  ["fmov #0.1", () => fmovImm(d(0), 0.1), /0.1 has no 8-bit/],
  ["fmov #32 (exponent too large)", () => fmovImm(d(0), 32), /32 has no 8-bit/],
  ["fmov #0.0625 (exponent too small)", () => fmovImm(d(0), 0.0625), /0.0625 has no 8-bit/],
  ["fmov #1.03125 (fraction too long)", () => fmovImm(d(0), 1.03125), /1.03125 has no 8-bit/],
  ["fmov imm into q", () => fmovImm(q(0), 1), /q0 is not a single- or double-precision/],
  // integer arrangements
  ["mul on 2d", () => vec3("mul", v("2d", 0), v("2d", 1), v("2d", 2)), /mul: arrangement 2d is not valid/],
  ["add on 1d", () => vec3("add", v("1d", 0), v("1d", 1), v("1d", 2)), /add: arrangement 1d is not valid/],
  ["smax on 2d", () => vec3("smax", v("2d", 0), v("2d", 1), v("2d", 2)), /smax: arrangement 2d/],
  ["urhadd on 4s is fine but not 2d", () => vec3("urhadd", v("2d", 0), v("2d", 1), v("2d", 2)), /arrangement 2d/],
  ["sqrdmulh on 16b", () => vec3("sqrdmulh", v("16b", 0), v("16b", 1), v("16b", 2)), /sqrdmulh: arrangement 16b/],
  ["add with mixed arrangements", () => vec3("add", v("4s", 0), v("8h", 1), v("4s", 2)), /v1.8h does not match arrangement 4s/],
  ["and on 4s", () => logic("and", v("4s", 0), v("4s", 1), v("4s", 2)), /and: arrangement 4s/],
  ["cnt on 8h", () => vec2("cnt", v("8h", 0), v("8h", 1)), /cnt: arrangement 8h/],
  ["not on 2d", () => vec2("not", v("2d", 0), v("2d", 1)), /not: arrangement 2d/],
  ["abs on 1d", () => vec2("abs", v("1d", 0), v("1d", 1)), /abs: arrangement 1d/],
  ["neg with mixed arrangements", () => vec2("neg", v("4s", 0), v("2s", 1)), /does not match/],
  ["uaddlp not widening", () => addlp("uaddlp", v("8h", 0), v("8h", 1)), /not a widening pair/],
  ["saddlp from 2d", () => addlp("saddlp", v("2d", 0), v("2d", 1)), /not a widening pair/],
  ["addv on 2d", () => across("addv", d(0), v("2d", 1)), /addv: arrangement 2d/],
  ["umaxv on 2s", () => across("umaxv", s(0), v("2s", 1)), /umaxv: arrangement 2s/],
  ["addv into the wrong size", () => across("addv", s(0), v("16b", 1)), /s0 is not a b register/],
  ["uaddlv into the lane size", () => across("uaddlv", b(0), v("16b", 1)), /b0 is not a h register/],
  ["smull from 128-bit sources", () => long("smull", v("8h", 0), v("16b", 1), v("16b", 2)), /smull: arrangement 16b/],
  ["smull2 from 64-bit sources", () => long("smull2", v("8h", 0), v("8b", 1), v("8b", 2)), /smull2: arrangement 8b/],
  ["umull to the wrong width", () => long("umull", v("2d", 0), v("4h", 1), v("4h", 2)), /v0.2d is not the widening of v1.4h/],
  ["umull with mixed sources", () => long("umull", v("8h", 0), v("8b", 1), v("4h", 2)), /does not match/],
  // float arrangements
  ["fadd on 16b", () => fvec3("fadd", v("16b", 0), v("16b", 1), v("16b", 2)), /fadd: arrangement 16b/],
  ["fmul on 1d", () => fvec3("fmul", v("1d", 0), v("1d", 1), v("1d", 2)), /fmul: arrangement 1d/],
  ["fsqrt on 8h", () => fvec2("fsqrt", v("8h", 0), v("8h", 1)), /fsqrt: arrangement 8h/],
  ["fcvtzs with mixed arrangements", () => fvec2("fcvtzs", v("4s", 0), v("2d", 1)), /does not match/],
  // compares
  ["cmeq on 1d", () => cmp("cmeq", v("1d", 0), v("1d", 1), v("1d", 2)), /cmeq: arrangement 1d/],
  ["cmlt #0 on 1d", () => cmpZero("cmlt", v("1d", 0), v("1d", 1)), /cmlt: arrangement 1d/],
  ["fcmeq on 8h", () => fcmpVec("fcmeq", v("8h", 0), v("8h", 1), v("8h", 2)), /fcmeq: arrangement 8h/],
  // shifts, narrowing, widening
  ["shl #8 on bytes", () => shiftImm("shl", v("16b", 0), v("16b", 1), 8), /shift 8 is out of range 0..7/],
  ["shl #-1", () => shiftImm("shl", v("4s", 0), v("4s", 1), -1), /shift -1 is out of range/],
  ["sshr #0", () => shiftImm("sshr", v("4s", 0), v("4s", 1), 0), /shift 0 is out of range 1..32/],
  ["ushr #65 on 2d", () => shiftImm("ushr", v("2d", 0), v("2d", 1), 65), /shift 65 is out of range 1..64/],
  ["shl on 1d", () => shiftImm("shl", v("1d", 0), v("1d", 1), 1), /shl: arrangement 1d/],
  ["sshll from 2d", () => shiftLong("sshll", v("2d", 0), v("2d", 1), 0), /sshll: arrangement 2d/],
  ["sshll2 from the low half", () => shiftLong("sshll2", v("8h", 0), v("8b", 1), 0), /sshll2: arrangement 8b/],
  ["ushll #8 from bytes", () => shiftLong("ushll", v("8h", 0), v("8b", 1), 8), /shift 8 is out of range 0..7/],
  ["ushll to the wrong width", () => shiftLong("ushll", v("2d", 0), v("8b", 1), 0), /not the widening/],
  ["xtn into 16b", () => narrow("xtn", v("16b", 0), v("8h", 1)), /xtn: arrangement 16b/],
  ["xtn2 into 8b", () => narrow("xtn2", v("8b", 0), v("8h", 1)), /xtn2: arrangement 8b/],
  ["sqxtn from the wrong width", () => narrow("sqxtn", v("8b", 0), v("4s", 1)), /not the widening/],
  ["fcvtl from 4s", () => fcvtVec("fcvtl", v("2d", 0), v("4s", 1)), /not a single\/double pair/],
  ["fcvtn2 into 2s", () => fcvtVec("fcvtn2", v("2s", 0), v("2d", 1)), /not a single\/double pair/],
  // modified immediates
  ["movi on 2d (use moviMask)", () => movi("movi", v("2d", 0), 1), /arrangement 2d has no shifted-immediate form/],
  ["mvni on bytes", () => movi("mvni", v("16b", 0), 1), /arrangement 16b has no shifted-immediate form/],
  ["movi bytes with a shift", () => movi("movi", v("16b", 0), 1, 8), /shift 8 is not one of 0/],
  ["movi 8h lsl #16", () => movi("movi", v("8h", 0), 1, 16), /shift 16 is not one of 0, 8/],
  ["movi 4s lsl #4", () => movi("movi", v("4s", 0), 1, 4), /shift 4 is not one of 0, 8, 16, 24/],
  ["movi #256", () => movi("movi", v("4s", 0), 256), /imm8: 256 does not fit/],
  ["movi msl on 8h", () => moviMsl("movi", v("8h", 0), 1, 8), /movi: arrangement 8h/],
  ["movi msl #24", () => moviMsl("mvni", v("4s", 0), 1, 24), /msl #24 is not 8 or 16/],
  ["movi mask on 4s", () => moviMask(v("4s", 0), 1), /movi: arrangement 4s/],
  ["movi mask into s", () => moviMask(s(0), 1), /s0 is not a d register/],
  ["fmov vector on 16b", () => fmovVec(v("16b", 0), 1), /fmov: arrangement 16b/],
  ["fmov vector #0.1", () => fmovVec(v("4s", 0), 0.1), /0.1 has no 8-bit/],
  // lanes
  ["lane index past the end", () => lane("s", 0, 4), /lane 4 is out of range for .s \(0..3\)/],
  ["negative lane index", () => lane("b", 0, -1), /lane -1 is out of range/],
  ["lane of v32", () => lane("b", 32, 0), /32 does not fit/],
  ["dup from a lane of another size", () => dupElement(v("4s", 0), lane("h", 1, 0)), /differ in lane size/],
  ["dup into 1d", () => dupElement(v("1d", 0), lane("d", 1, 0)), /dup: arrangement 1d/],
  ["dup w into 2d", () => dupGp(v("2d", 0), w1), /w1 does not match .d lanes/],
  ["dup x into 4s", () => dupGp(v("4s", 0), x1), /x1 does not match .s lanes/],
  ["ins w into a d lane", () => insGp(lane("d", 0, 0), w1), /w1 does not match .d lanes/],
  ["ins from wsp", () => insGp(lane("s", 0, 0), wsp as unknown as RZ), /wsp is not allowed here/],
  ["ins between lane sizes", () => insElement(lane("s", 0, 0), lane("d", 1, 0)), /differ in lane size/],
  ["umov x from an s lane", () => umov(x0, lane("s", 1, 0)), /x0 does not match .s lanes/],
  ["umov w from a d lane", () => umov(w0, lane("d", 1, 0)), /w0 does not match .d lanes/],
  ["smov w from an s lane", () => smov(w0, lane("s", 1, 0)), /not a widening move/],
  ["smov from a d lane", () => smov(x0, lane("d", 1, 0)), /not a widening move/],
  ["ext #16 on 16b", () => ext(v("16b", 0), v("16b", 1), v("16b", 2), 16), /index 16 is out of range 0..15/],
  ["ext #8 on 8b", () => ext(v("8b", 0), v("8b", 1), v("8b", 2), 8), /index 8 is out of range 0..7/],
  ["ext on 4s", () => ext(v("4s", 0), v("4s", 1), v("4s", 2), 0), /ext: arrangement 4s/],
  ["tbl with no table", () => tableLookup("tbl", v("16b", 0), [], v("16b", 1)), /0 table registers/],
  ["tbl with five registers", () => tableLookup("tbl", v("16b", 0), [1, 2, 3, 4, 5].map((n) => v("16b", n)), v("16b", 1)), /5 table registers/],
  ["tbl with a gap", () => tableLookup("tbl", v("16b", 0), [v("16b", 1), v("16b", 3)], v("16b", 4)), /v3.16b is not v2.16b/],
  ["tbl with an 8b table", () => tableLookup("tbx", v("8b", 0), [v("8b", 1)], v("8b", 2)), /v1.8b is not v1.16b/],
  ["tbl on 8h", () => tableLookup("tbl", v("8h", 0), [v("16b", 1)], v("8h", 2)), /tbl: arrangement 8h/],
  ["zip1 on 1d", () => permute("zip1", v("1d", 0), v("1d", 1), v("1d", 2)), /zip1: arrangement 1d/],
  // loads and stores
  ["ldr q misaligned", () => ldstImm("ldr", q(0), x1, 8), /offset 8 is not a multiple of 16/],
  ["ldr d too far", () => ldstImm("ldr", d(0), x1, 32768), /does not fit an unsigned 12-bit field/],
  ["ldr negative scaled", () => ldstImm("str", s(0), x1, -4), /does not fit an unsigned 12-bit field/],
  ["ldr from xzr", () => ldstImm("ldr", d(0), xzr as unknown as RS, 0), /xzr is not allowed here/],
  ["ldur #256", () => ldstUnscaled("ldr", q(0), x1, 256), /imm9: 256 does not fit a signed 9-bit field/],
  ["ldur #-257", () => ldstUnscaled("str", d(0), x1, -257), /imm9: -257 does not fit/],
  ["ldr [x, w] with lsl", () => ldstIndex("ldr", q(0), x1, w1, Extend.UXTX, false), /w1 cannot be extended with uxtx/],
  ["ldr [x, x] with uxtw", () => ldstIndex("ldr", q(0), x1, x0, Extend.UXTW, true), /x0 cannot be extended with uxtw/],
  ["ldr [x, w] with uxtb", () => ldstIndex("str", q(0), x1, w0, Extend.UXTB, false), /w0 cannot be extended with uxtb/],
  ["ldr literal into b", () => ldrLiteral(b(0), 0), /b registers have no literal form/],
  ["ldr literal misaligned", () => ldrLiteral(q(0), 6), /offset 6 is not a multiple of 4/],
  ["ldr literal too far", () => ldrLiteral(q(0), 1 << 20), /imm19: 262144 does not fit/],
  ["ld1 lane from xzr", () => ldstLane("ldr", lane("s", 0, 0), xzr as unknown as RS), /xzr is not allowed here/],
  ["ld1r from xzr", () => ld1r(v("4s", 0), xzr as unknown as RS), /xzr is not allowed here/],
];

describe("arm64 FP/NEON encoders reject invalid forms", () => {
  it.each(REJECTIONS)("%s", (_name, call, message) => {
    let error: unknown;
    try {
      call();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AsmError);
    expect((error as AsmError).message).toMatch(message);
  });
});
