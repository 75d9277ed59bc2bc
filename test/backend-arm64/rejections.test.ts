/**
 * Invalid operands the arm64 assembler and its encoders must reject with `AsmError` rather than
 * encode something else: out-of-range immediates, sp where register 31 means zr and vice versa,
 * mixed widths, unencodable logical immediates, impossible addressing forms. Register kinds the
 * TypeScript types already forbid are passed through casts, since the run-time check is what
 * protects callers that compute operands.
 */
import { describe, expect, it } from "vitest";
import { AsmError } from "../../src/backend/asm-error.js";
import { Assembler, mem, memIndex, postIndex, preIndex } from "../../src/backend-arm64/assembler.js";
import {
  type BranchReg,
  encAdr,
  encBranchCond,
  encBranchImm,
  encBranchReg,
  encBrk,
  encCompareBranch,
  encTestBranch,
} from "../../src/backend-arm64/enc-branch.js";
import {
  Dp1,
  encAddSubExt,
  encAddSubImm,
  encAddSubShifted,
  encBitfield,
  encCondCompareImm,
  encDp1,
  encDp3,
  encLogicalImm,
  encLogicalShifted,
  encMoveWide,
} from "../../src/backend-arm64/enc-int.js";
import {
  access,
  encLdrLiteral,
  encLdStImm9,
  encLdStPair,
  encLdStReg,
  encLdStUImm,
  type Index,
  PairMode,
} from "../../src/backend-arm64/enc-ldst.js";
import { Cond, Extend, Shift } from "../../src/backend-arm64/operands.js";
import {
  d,
  fpReg,
  q,
  type RS,
  type RZ,
  s,
  sp,
  vecReg,
  w0,
  w1,
  w2,
  wsp,
  wzr,
  x0,
  x1,
  x2,
  x3,
  xzr,
} from "../../src/backend-arm64/registers.js";

const asRZ = (r: RS): RZ => r as unknown as RZ;
const asRS = (r: RZ): RS => r as unknown as RS;

/** Each case: a description and a call that must throw an AsmError whose message matches. */
// biome-ignore format: one case per line
const REJECTED: readonly (readonly [string, (a: Assembler) => void, RegExp])[] = [
  // immediates out of range
  ["add imm above 12 bits, not a multiple of 4096", (a) => a.addImm(x0, x1, 0x1001), /imm12/],
  ["add imm 4096 << 12", (a) => a.addImm(x0, x1, 0x1000000), /imm12/],
  ["add imm not an integer", (a) => a.addImm(x0, x1, 1.5), /not an integer/],
  ["cmp imm too large", (a) => a.cmpImm(x0, 0x10001), /imm12/],
  ["shift amount ≥ width (W)", (a) => a.add(w0, w1, w2, Shift.LSL, 32), /imm6/],
  ["shift amount ≥ width (X)", (a) => a.orr(x0, x1, x2, Shift.LSR, 64), /imm6/],
  ["add with ror", (a) => a.add(x0, x1, x2, Shift.ROR, 1), /ror is not a valid shift/],
  ["add with sp and a non-lsl shift", (a) => a.add(sp, x1, x2, Shift.ASR, 1), /only lsl/],
  ["extend shift above 4", (a) => a.addExt(x0, x1, w2, Extend.UXTW, 5), /above 4/],
  ["movz imm16 above 16 bits", (a) => a.movz(x0, 0x10000), /imm16/],
  ["movz shift not a multiple of 16", (a) => a.movz(x0, 1, 8), /multiple of 16/],
  ["movz shift 32 on a W register", (a) => a.movz(w0, 1, 32), /hw/],
  ["movk shift 64", (a) => a.movk(x0, 1, 64), /hw/],
  ["movImm of an unsafe number", (a) => a.movImm(x0, 2 ** 60), /safe integer/],
  ["ccmp nzcv above 15", (a) => a.ccmp(x0, x1, 16, Cond.EQ), /nzcv/],
  ["ccmp imm5 above 31", (a) => a.ccmpImm(x0, 32, 0, Cond.EQ), /imm5/],
  ["lsl by the width", (a) => a.lslImm(w0, w1, 32), /out of range/],
  ["asr by a negative amount", (a) => a.asrImm(x0, x1, -1), /out of range/],
  ["ror by 64", (a) => a.rorImm(x0, x1, 64), /out of range/],
  ["ubfx past the top bit", (a) => a.ubfx(x0, x1, 60, 8), /does not fit 64 bits/],
  ["bfi of width 0", (a) => a.bfi(w0, w1, 0, 0), /does not fit 32 bits/],
  ["sbfm immr ≥ width", (a) => a.sbfm(w0, w1, 32, 0), /immr/],
  ["extr lsb ≥ width", (a) => a.extr(w0, w1, w2, 32), /imms/],
  ["brk imm16 above 16 bits", (a) => a.brk(0x10000), /imm16/],
  ["udf negative", (a) => a.udf(-1), /imm16/],
  // unencodable logical immediates
  ["and #0", (a) => a.andImm(x0, x1, 0), /not an encodable bitmask/],
  ["and #-1", (a) => a.andImm(x0, x1, -1), /not an encodable bitmask/],
  ["orr #0xffffffff on W", (a) => a.orrImm(w0, w1, 0xffffffff), /not an encodable bitmask/],
  ["eor #0x1234", (a) => a.eorImm(x0, x1, 0x1234), /not an encodable bitmask/],
  ["tst #5", (a) => a.tstImm(w0, 5), /not an encodable bitmask/],
  ["ands #0x0000ffff0000fffe", (a) => a.andsImm(x0, x1, 0x0000ffff0000fffen), /not an encodable bitmask/],
  // sp where register 31 means zr, and zr where it means sp
  ["add (shifted) with sp as Rm", (a) => a.add(x0, x1, asRZ(sp)), /Rm: sp is not allowed/],
  ["add imm with xzr as Rn", (a) => a.addImm(x0, asRS(xzr), 1), /Rn: xzr is not allowed/],
  ["add imm with xzr as Rd", (a) => a.addImm(asRS(xzr), x0, 1), /Rd: xzr is not allowed/],
  ["adds imm with sp as Rd", (a) => a.addsImm(asRZ(sp), x0, 1), /Rd: sp is not allowed/],
  ["orr (register) with sp", (a) => a.orr(asRZ(sp), x0, x1), /Rd: sp is not allowed/],
  ["and imm with sp as Rn", (a) => a.andImm(x0, asRZ(sp), 0xff), /Rn: sp is not allowed/],
  ["ands imm with sp as Rd", (a) => a.andsImm(asRZ(sp), x0, 0xff), /Rd: sp is not allowed/],
  ["mul with sp", (a) => a.mul(x0, asRZ(sp), x1), /Rn: sp is not allowed/],
  ["csel with sp", (a) => a.csel(x0, x1, asRZ(sp), Cond.EQ), /Rm: sp is not allowed/],
  ["movz to sp", (a) => a.movz(asRZ(sp), 1), /Rd: sp is not allowed/],
  ["load base xzr", (a) => a.ldr(x0, mem(asRS(xzr), 8)), /Rn: xzr is not allowed/],
  ["load into sp", (a) => a.ldr(sp, mem(x1)), /sp cannot be the transfer register/],
  ["load index sp", (a) => a.ldr(x0, memIndex(x1, asRZ(sp))), /Rm: sp is not allowed/],
  ["cbz on sp", (a) => a.cbz(asRZ(sp), a.here()), /Rt: sp is not allowed/],
  ["ldp base xzr", (a) => a.ldp(x0, x1, mem(asRS(xzr))), /Rn: xzr is not allowed/],
  // mixed or wrong widths
  ["add with mixed widths", (a) => a.add(x0, w1, x2), /w1 is not a 64-bit register/],
  ["add imm with mixed widths", (a) => a.addImm(x0, w1, 1), /w1 is not a 64-bit register/],
  ["extended add with an X index and uxtw", (a) => a.addExt(x0, x1, x2, Extend.UXTW), /must be a 32-bit register/],
  ["extended add with a W index and uxtx", (a) => a.addExt(x0, x1, w2, Extend.UXTX), /must be a 64-bit register/],
  ["smull with X sources", (a) => a.smull(x0, x1, x2), /x1 is not a 32-bit register/],
  ["smulh with W registers", (a) => a.smulh(w0, w1, w2), /is not a 64-bit register/],
  ["umaddl into a W register", (a) => a.umaddl(w0, w1, w2, x3), /w0 is not a 64-bit register/],
  ["rev32 on W registers", (a) => a.rev32(w0, w1), /needs X registers/],
  ["sxtw into a W register", (a) => a.sxtw(w0, w1), /must be an X register/],
  ["ccmp with mixed widths", (a) => a.ccmp(x0, w1, 0, Cond.EQ), /w1 is not a 64-bit register/],
  ["ldrb into an X register", (a) => a.ldrb(x0, mem(x1)), /must be a W register/],
  ["ldrsw into a W register", (a) => a.ldrsw(w0, mem(x1)), /must be an X register/],
  ["load with a W base", (a) => a.ldr(x0, mem(asRS(w1))), /base register must be 64-bit/],
  ["ldp with mixed widths", (a) => a.ldp(x0, w1, mem(x2)), /same kind/],
  ["ldp mixing register files", (a) => a.ldp(x0, d(1), mem(x2)), /same kind/],
  ["ldp of b registers", (a) => a.ldp(fpReg("b", 0), fpReg("b", 1), mem(x2)), /no pair form/],
  ["ldpsw into W registers", (a) => a.ldpsw(w0, w1, mem(x2)), /needs X registers/],
  ["br to a W register", (a) => a.br(w0), /X register/],
  ["ret to a W register", (a) => a.ret(w1), /X register/],
  ["adr into a W register", (a) => a.adr(w0, a.here()), /X register/],
  ["tbz bit 32 of a W register", (a) => a.tbz(w0, 32, a.here()), /outside a 32-bit register/],
  ["tbnz bit 64", (a) => a.tbnz(x0, 64, a.here()), /outside a 64-bit register/],
  ["ldrsw literal into a W register", (a) => a.ldrswLiteral(w0, a.here()), /X register/],
  ["ldr literal of an h register", (a) => a.ldrLiteral(fpReg("h", 0), a.here()), /no literal form/],
  ["ldrb of an FP register", (a) => a.ldrb(asRZ(s(0) as unknown as RS), mem(x1)), /general-purpose register/],
  // addressing forms that do not exist
  ["load offset neither scaled nor 9-bit", (a) => a.ldr(x0, mem(x1, 4097)), /fits neither/],
  ["load offset negative beyond 9 bits", (a) => a.ldr(x0, mem(x1, -257)), /fits neither/],
  ["load offset past the scaled range", (a) => a.ldr(x0, mem(x1, 32768)), /fits neither/],
  ["pre-index beyond 9 bits", (a) => a.ldr(x0, preIndex(x1, 256)), /imm9/],
  ["post-index beyond 9 bits", (a) => a.str(x0, postIndex(x1, -257)), /imm9/],
  ["writeback with Rt = Rn", (a) => a.ldr(x1, preIndex(x1, 8)), /Rt and Rn must differ/],
  ["index extended with uxtb", (a) => a.ldr(x0, memIndex(x1, w2, Extend.UXTB)), /not uxtw\/lsl\/sxtw\/sxtx/],
  ["W index with lsl", (a) => a.ldr(x0, memIndex(x1, w2)), /index must be 64-bit/],
  ["X index with sxtw", (a) => a.ldr(x0, memIndex(x1, x2, Extend.SXTW)), /index must be 32-bit/],
  ["ldp offset not a multiple of 8", (a) => a.ldp(x0, x1, mem(sp, 12)), /not a multiple of 8/],
  ["ldp offset beyond imm7", (a) => a.stp(x0, x1, mem(sp, 512)), /imm7/],
  ["ldp with Rt = Rt2", (a) => a.ldp(x0, x0, mem(x1)), /must differ/],
  ["ldp register offset", (a) => a.ldp(x0, x1, memIndex(x2, x3)), /no register-offset form/],
  ["q pair offset not a multiple of 16", (a) => a.stp(q(0), q(1), mem(sp, 8)), /multiple of 16/],
  // conditions
  ["cset al", (a) => a.cset(x0, Cond.AL), /al\/nv/],
  ["csetm nv", (a) => a.csetm(x0, Cond.NV), /al\/nv/],
  ["cinc al", (a) => a.cinc(x0, x1, Cond.AL), /al\/nv/],
  ["cneg nv", (a) => a.cneg(x0, x1, Cond.NV), /al\/nv/],
];

describe("arm64 rejections: assembler methods", () => {
  it.each(REJECTED.map(([what, fn, re]) => [what, fn, re] as const))("%s", (_, fn, re) => {
    const a = new Assembler();
    let error: unknown = null;
    try {
      fn(a);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AsmError);
    expect((error as Error).message).toMatch(re);
    expect(a.offset).toBe(0);
  });
});

// biome-ignore format: one case per line
const REJECTED_ENC: readonly (readonly [string, () => number, RegExp])[] = [
  ["add/sub imm with op 2", () => encAddSubImm(2, 0, 0, 0, x1, x0), /op/],
  ["add/sub shifted with a negative amount", () => encAddSubShifted(0, 0, Shift.LSL, x2, -1, x1, x0), /imm6/],
  ["add/sub extended with wzr as Rn", () => encAddSubExt(0, 0, w2, Extend.UXTB, 0, wzr, w0), /Rn: wzr is not allowed/],
  ["logical shifted with opc 4", () => encLogicalShifted(4, 0, Shift.LSL, x2, 0, x1, x0), /opc/],
  ["logical immediate of all ones", () => encLogicalImm(0, 0xffffffffffffffffn, x1, x0), /not an encodable/],
  ["move wide with opc 1", () => encMoveWide(1, 0, 0, x0), /unallocated/],
  ["bitfield with opc 3", () => encBitfield(3, 0, 0, x1, x0), /unallocated/],
  ["3-source with op31 3", () => encDp3(3, 0, x2, x3, x1, x0), /unallocated/],
  ["smulh with Ra other than xzr", () => encDp3(2, 0, x2, x3, x1, x0), /Ra must be xzr/],
  ["rev (64-bit opcode) on W registers", () => encDp1(Dp1.REV64, w1, w0), /needs X registers/],
  ["conditional compare with cond 16", () => encCondCompareImm(1, 0, 16 as Cond, 0, x0), /cond/],
  ["ldr uimm with imm12 4096", () => encLdStUImm(3, 1, 4096, x1, x0), /imm12/],
  ["ldr uimm with sp as Rt", () => encLdStUImm(3, 1, 0, x1, asRZ(sp)), /Rt: sp is not allowed/],
  ["ldr uimm with wsp as base", () => encLdStUImm(3, 1, 0, wsp, x0), /base register must be 64-bit/],
  ["imm9 mode 2 (unprivileged, not offered)", () => encLdStImm9(3, 1, 0, 2 as Index, x1, x0), /mode 2/],
  ["pair mode 0 (no-allocate, not offered)", () => encLdStPair(2, 0 as PairMode, 0, 0, x1, sp, x0), /mode 0/],
  ["register offset with S 2", () => encLdStReg(3, 1, x2, Extend.UXTX, 2, x1, x0), /S/],
  ["pair with imm7 64", () => encLdStPair(2, PairMode.Offset, 0, 64, x1, sp, x0), /imm7/],
  ["literal not word-aligned", () => encLdrLiteral(1, x0, 2), /multiple of 4/],
  ["literal beyond 1 MiB", () => encLdrLiteral(1, x0, 1 << 20), /imm19/],
  ["b beyond 128 MiB", () => encBranchImm(0, 1 << 27), /imm26/],
  ["b not word-aligned", () => encBranchImm(0, 6), /multiple of 4/],
  ["b.cond beyond 1 MiB", () => encBranchCond(Cond.EQ, -(1 << 20) - 4), /imm19/],
  ["cbz beyond 1 MiB", () => encCompareBranch(0, x0, 1 << 20), /imm19/],
  ["tbz beyond 32 KiB", () => encTestBranch(0, x0, 0, 1 << 15), /imm14/],
  ["br with opc 3", () => encBranchReg(3 as BranchReg, x0), /opc 3/],
  ["adr beyond 1 MiB", () => encAdr(0, x0, 1 << 20), /imm21/],
  ["brk with a fraction", () => encBrk(1.5), /imm16/],
];

describe("arm64 rejections: pure encoders", () => {
  it.each(REJECTED_ENC.map(([what, fn, re]) => [what, fn, re] as const))("%s", (_, fn, re) => {
    expect(fn).toThrow(AsmError);
    expect(fn).toThrow(re);
  });

  it("SIMD&FP register numbers and arrangements are checked", () => {
    expect(() => fpReg("d", 32)).toThrow(AsmError);
    expect(() => vecReg("4s", -1)).toThrow(AsmError);
    expect(access("ldr", q(1))).toEqual({ size: 0, opc: 3, scale: 4 });
  });
});
