/**
 * Encoding tests for the arm64 scalar FP and NEON encoders. Every case (fp-cases.ts,
 * neon-cases.ts) is checked two ways: the word against the expected hex, which came from
 * llvm-mc, and capstone's decoding of the word against the expected text.
 *
 * Coverage: every exported encoder must be called by some case, and for the encoders taking an
 * operation name first, every operation of its table must appear (OPS lists them; its type makes
 * the lists exhaustive at compile time).
 */
import type { Capstone } from "capstone-wasm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Fp1Op, Fp2Op, Fp3Op, FpToIntOp, IntToFpOp } from "../../src/backend-arm64/enc-fp.js";
import type {
  AcrossOp,
  AddlpOp,
  FVec2Op,
  FVec3Op,
  LogicOp,
  LongOp,
  Vec2Op,
  Vec3Op,
} from "../../src/backend-arm64/enc-neon-arith.js";
import type { CmpOp, CmpZeroOp, FcmpVecOp, FcmpZeroOp } from "../../src/backend-arm64/enc-neon-compare.js";
import type { MoviOp } from "../../src/backend-arm64/enc-neon-imm.js";
import type { PermuteOp, TableOp } from "../../src/backend-arm64/enc-neon-lanes.js";
import type { LdStOp } from "../../src/backend-arm64/enc-neon-mem.js";
import type { FcvtVecOp, NarrowOp, ShiftLongOp, ShiftOp } from "../../src/backend-arm64/enc-neon-widen.js";
import { FP_CASES } from "./fp-cases.js";
import {
  type Case,
  capstone,
  disassemble,
  type Encoders,
  hex,
  MODULES,
  NOT_ENCODERS,
  recording,
  type Usage,
} from "./fp-neon-harness.js";
import {
  NEON_ARITH_CASES,
  NEON_COMPARE_CASES,
  NEON_IMM_CASES,
  NEON_LANES_CASES,
  NEON_MEM_CASES,
  NEON_WIDEN_CASES,
} from "./neon-cases.js";

/** Every operation of each encoder that takes one (the keys; values unused). */
const OPS = {
  fp2: {
    fadd: 0,
    fsub: 0,
    fmul: 0,
    fdiv: 0,
    fmax: 0,
    fmin: 0,
    fmaxnm: 0,
    fminnm: 0,
    fnmul: 0,
  } satisfies Record<Fp2Op, 0>,
  fp1: {
    fmov: 0,
    fabs: 0,
    fneg: 0,
    fsqrt: 0,
    frintn: 0,
    frintp: 0,
    frintm: 0,
    frintz: 0,
    frinta: 0,
    frintx: 0,
    frinti: 0,
  } satisfies Record<Fp1Op, 0>,
  fcmp: { fcmp: 0, fcmpe: 0 } satisfies Record<"fcmp" | "fcmpe", 0>,
  fp3: { fmadd: 0, fmsub: 0, fnmadd: 0, fnmsub: 0 } satisfies Record<Fp3Op, 0>,
  fpToInt: {
    fcvtns: 0,
    fcvtnu: 0,
    fcvtps: 0,
    fcvtpu: 0,
    fcvtms: 0,
    fcvtmu: 0,
    fcvtzs: 0,
    fcvtzu: 0,
  } satisfies Record<FpToIntOp, 0>,
  intToFp: { scvtf: 0, ucvtf: 0 } satisfies Record<IntToFpOp, 0>,
  vec3: {
    add: 0,
    sub: 0,
    mul: 0,
    sqadd: 0,
    uqadd: 0,
    sqsub: 0,
    uqsub: 0,
    smax: 0,
    smin: 0,
    umax: 0,
    umin: 0,
    srhadd: 0,
    urhadd: 0,
    sshl: 0,
    ushl: 0,
    addp: 0,
    smaxp: 0,
    sminp: 0,
    umaxp: 0,
    uminp: 0,
    sqdmulh: 0,
    sqrdmulh: 0,
  } satisfies Record<Vec3Op, 0>,
  logic: { and: 0, bic: 0, orr: 0, orn: 0, eor: 0, bsl: 0, bit: 0, bif: 0 } satisfies Record<LogicOp, 0>,
  vec2: { abs: 0, neg: 0, cnt: 0, not: 0, rev64: 0, clz: 0 } satisfies Record<Vec2Op, 0>,
  addlp: { saddlp: 0, uaddlp: 0 } satisfies Record<AddlpOp, 0>,
  across: {
    addv: 0,
    smaxv: 0,
    sminv: 0,
    umaxv: 0,
    uminv: 0,
    saddlv: 0,
    uaddlv: 0,
  } satisfies Record<AcrossOp, 0>,
  long: { smull: 0, smull2: 0, umull: 0, umull2: 0 } satisfies Record<LongOp, 0>,
  fvec3: {
    fadd: 0,
    fsub: 0,
    fmul: 0,
    fdiv: 0,
    fmax: 0,
    fmin: 0,
    fmaxnm: 0,
    fminnm: 0,
    faddp: 0,
    fmla: 0,
    fmls: 0,
  } satisfies Record<FVec3Op, 0>,
  fvec2: {
    fabs: 0,
    fneg: 0,
    fsqrt: 0,
    frintn: 0,
    frintm: 0,
    frintp: 0,
    frintz: 0,
    frinta: 0,
    frintx: 0,
    frinti: 0,
    fcvtzs: 0,
    fcvtzu: 0,
    fcvtns: 0,
    fcvtnu: 0,
    scvtf: 0,
    ucvtf: 0,
  } satisfies Record<FVec2Op, 0>,
  cmp: { cmeq: 0, cmtst: 0, cmgt: 0, cmge: 0, cmhi: 0, cmhs: 0 } satisfies Record<CmpOp, 0>,
  cmpZero: { cmeq: 0, cmgt: 0, cmge: 0, cmle: 0, cmlt: 0 } satisfies Record<CmpZeroOp, 0>,
  fcmpVec: { fcmeq: 0, fcmge: 0, fcmgt: 0, facge: 0, facgt: 0 } satisfies Record<FcmpVecOp, 0>,
  fcmpZeroVec: { fcmeq: 0, fcmgt: 0, fcmge: 0, fcmle: 0, fcmlt: 0 } satisfies Record<FcmpZeroOp, 0>,
  shiftImm: { shl: 0, sshr: 0, ushr: 0, ssra: 0, usra: 0, sli: 0, sri: 0 } satisfies Record<ShiftOp, 0>,
  shiftLong: { sshll: 0, sshll2: 0, ushll: 0, ushll2: 0 } satisfies Record<ShiftLongOp, 0>,
  narrow: {
    xtn: 0,
    xtn2: 0,
    sqxtn: 0,
    sqxtn2: 0,
    uqxtn: 0,
    uqxtn2: 0,
    sqxtun: 0,
    sqxtun2: 0,
  } satisfies Record<NarrowOp, 0>,
  fcvtVec: { fcvtl: 0, fcvtl2: 0, fcvtn: 0, fcvtn2: 0 } satisfies Record<FcvtVecOp, 0>,
  movi: { movi: 0, mvni: 0 } satisfies Record<MoviOp, 0>,
  moviMsl: { movi: 0, mvni: 0 } satisfies Record<MoviOp, 0>,
  tableLookup: { tbl: 0, tbx: 0 } satisfies Record<TableOp, 0>,
  permute: { zip1: 0, zip2: 0, uzp1: 0, uzp2: 0, trn1: 0, trn2: 0 } satisfies Record<PermuteOp, 0>,
  ldstImm: { ldr: 0, str: 0 } satisfies Record<LdStOp, 0>,
  ldstUnscaled: { ldr: 0, str: 0 } satisfies Record<LdStOp, 0>,
  ldstIndex: { ldr: 0, str: 0 } satisfies Record<LdStOp, 0>,
  ldstLane: { ldr: 0, str: 0 } satisfies Record<LdStOp, 0>,
} satisfies Partial<Record<keyof Encoders, Record<string, 0>>>;

const GROUPS: Readonly<Record<string, readonly Case[]>> = {
  "scalar FP": FP_CASES,
  "NEON arithmetic": NEON_ARITH_CASES,
  "NEON compares": NEON_COMPARE_CASES,
  "NEON shifts, narrowing and widening": NEON_WIDEN_CASES,
  "NEON lanes and permutes": NEON_LANES_CASES,
  "NEON immediates": NEON_IMM_CASES,
  "NEON loads and stores": NEON_MEM_CASES,
};

let cs: Capstone;
beforeAll(async () => {
  cs = await capstone();
});

const usage: Usage = { calls: new Map() };
const encoders = recording(usage);

for (const [group, cases] of Object.entries(GROUPS)) {
  describe(`arm64 encodings: ${group}`, () => {
    it.each(cases.map((c) => [c[2], c] as const))("%s", (_text, [call, hexWord, text]) => {
      const word = call(encoders);
      expect(hex(word)).toBe(hexWord);
      expect(disassemble(cs, word)).toBe(text);
    });
  });
}

describe("arm64 FP/NEON encoder coverage", () => {
  it("records the encoders and operations of every case (also when a name filter skipped some above)", () => {
    for (const cases of Object.values(GROUPS)) for (const [call] of cases) call(encoders);
    expect(usage.calls.size).toBeGreaterThan(40);
  });

  it("every exported encoder is used by a case", () => {
    for (const [file, mod] of Object.entries(MODULES)) {
      for (const [name, value] of Object.entries(mod)) {
        if (typeof value !== "function" || NOT_ENCODERS.has(name)) continue;
        expect(usage.calls.has(name), `${file}: ${name} has no case`).toBe(true);
      }
    }
  });

  it("every operation of every table-driven encoder is used by a case", () => {
    for (const [name, ops] of Object.entries(OPS)) {
      const used = usage.calls.get(name) ?? new Set();
      for (const op of Object.keys(ops)) expect(used.has(op), `${name}("${op}") has no case`).toBe(true);
      for (const op of used) expect(op in ops, `${name}("${op}") is not in OPS`).toBe(true);
    }
  });

  it("every encoder that takes an operation name is listed in OPS", () => {
    for (const [name, ops] of usage.calls) {
      if (ops.size > 0) expect(name in OPS, `${name} takes operation names but is not in OPS`).toBe(true);
    }
  });
});
