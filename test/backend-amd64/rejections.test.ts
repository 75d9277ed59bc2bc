/**
 * Rejection tests: invalid instruction forms, out-of-range fields and malformed operands throw an
 * `AsmError` with this exact message. One line per case: the call and the expected error. `bad`
 * marks an argument that TypeScript would reject (the assembler also checks at run time, for
 * untyped or cast callers).
 */
import { describe, expect, it } from "vitest";
import {
  AsmError,
  type Assembler,
  Assembler as AssemblerClass,
  Cond,
  Gpr,
  Mem,
  mem,
  memIndex,
  rax,
  rcx,
  rsp,
  S8,
  S16,
  S32,
  S64,
  Xmm,
  xmm0,
  xmm1,
  xmm2,
  Ymm,
  ymm0,
  ymm1,
  ymm2,
  ymm3,
  ymm9,
} from "../../src/backend-amd64/index.js";

/** Passes a deliberately mistyped argument through the type checker. */
function bad(v: unknown): never {
  return v as never;
}

// biome-ignore format: one case per line
const REJECTIONS: readonly (readonly [(a: Assembler) => unknown, string])[] = [
  // operands and registers
  [() => new Gpr(16), "GPR number 16 is not in 0..15"],
  [() => new Gpr(-1), "GPR number -1 is not in 0..15"],
  [() => new Xmm(16), "XMM number 16 is not in 0..15"],
  [() => new Ymm(1.5), "YMM number 1.5 is not in 0..15"],
  [() => memIndex(rax, rsp, 1), "memory operand [rax + rsp*1]: rsp cannot be an index register"],
  [() => memIndex(rax, rcx, bad(3)), "memory operand [rax + rcx*3]: scale must be 1, 2, 4 or 8"],
  [() => mem(rax, 0x80000000), "memory operand [rax + 2147483648]: displacement does not fit in a signed 32-bit field"],
  [() => mem(rax, -0x80000001), "memory operand [rax - 2147483649]: displacement does not fit in a signed 32-bit field"],
  [() => mem(rax, 0.5), "memory operand [rax + 0.5]: displacement does not fit in a signed 32-bit field"],
  [() => mem(bad(xmm0), 8), "memory operand [<xmm> + 8]: base must be a general-purpose register"],
  [() => memIndex(rax, bad(xmm1), 2), "memory operand [rax + <xmm>*2]: index must be a general-purpose register"],
  [() => new Mem(null, null, 2, 0, null), "memory operand []: a scale needs an index register"],
  [(a) => new Mem(rax, null, 1, 0, a.newLabel()), "memory operand [rip:L0 + rax]: a RIP-relative operand cannot have a base or index register"],
  // integer operand forms
  [(a) => a.add(S64, mem(rax), bad(mem(rcx))), "add: both operands are memory; x86 has no memory-to-memory form"],
  [(a) => a.mov(S32, mem(rax), bad(mem(rcx))), "mov: both operands are memory; x86 has no memory-to-memory form"],
  [(a) => a.cmp(S8, mem(rax), bad(mem(rcx))), "cmp: both operands are memory; x86 has no memory-to-memory form"],
  [(a) => a.add(S64, bad(xmm0), rax), "add r/m operand: expected a general-purpose register, got xmm"],
  [(a) => a.add(S64, rax, bad(xmm0)), "add r/m operand: expected a general-purpose register, got xmm"],
  [(a) => a.mov(S32, rax, bad(ymm0)), "mov r/m operand: expected a general-purpose register, got ymm"],
  [(a) => a.push(bad(xmm0)), "push operand: expected a general-purpose register, got xmm"],
  [(a) => a.pop(bad(xmm0)), "pop operand: expected a general-purpose register, got xmm"],
  [(a) => a.jmp(bad(xmm0)), "jmp target: expected a general-purpose register, got xmm"],
  [(a) => a.call(bad(xmm1)), "call target: expected a general-purpose register, got xmm"],
  [(a) => a.lea(S64, rax, bad(rcx)), "lea: the source must be a memory operand"],
  [(a) => a.lea(S8, rax, mem(rax)), "lea: operand size 8 is not one of 16/32/64"],
  [(a) => a.imul(S8, rax, rcx), "imul: operand size 8 is not one of 16/32/64"],
  [(a) => a.cmovcc(Cond.E, S8, rax, rcx), "cmovcc: operand size 8 is not one of 16/32/64"],
  [(a) => a.popcnt(S8, rax, rcx), "popcnt: operand size 8 is not one of 16/32/64"],
  [(a) => a.bswap(S16, rax), "bswap: operand size 16 is not one of 32/64"],
  [(a) => a.bswap(S32, bad(xmm0)), "bswap operand: expected a general-purpose register, got xmm"],
  [(a) => a.movzx(S32, rax, S32, rcx), "movzx source: operand size 32 is not one of 8/16"],
  [(a) => a.movzx(S16, rax, S16, rcx), "movzx: source size 16 is not narrower than 16"],
  [(a) => a.movsx(S8, rax, S8, rcx), "movsx destination: operand size 8 is not one of 16/32/64"],
  [(a) => a.movzx(S32, bad(xmm0), S8, rcx), "movzx destination: expected a general-purpose register, got xmm"],
  [(a) => a.movsxd(bad(xmm0), rax), "movsxd destination: expected a general-purpose register, got xmm"],
  [(a) => a.movabs(bad(xmm0), 1n), "movabs destination: expected a general-purpose register, got xmm"],
  [(a) => a.add(bad(12), rax, rcx), "add: operand size 12 is not one of 8/16/32/64"],
  // immediates and counts
  [(a) => a.add(S64, rax, 0x80000000), "add: immediate 2147483648 does not fit a sign-extended 32-bit field of a 64-bit operation"],
  [(a) => a.add(S64, rax, -0x80000001), "add: immediate -2147483649 does not fit a sign-extended 32-bit field of a 64-bit operation"],
  [(a) => a.add(S32, rax, 0x100000000), "add: immediate 4294967296 does not fit in 32 bits"],
  [(a) => a.add(S16, rax, 0x10000), "add: immediate 65536 does not fit in 16 bits"],
  [(a) => a.add(S8, rax, 256), "add: immediate 256 does not fit in 8 bits"],
  [(a) => a.add(S8, rax, -129), "add: immediate -129 does not fit in 8 bits"],
  [(a) => a.add(S32, rax, 1.5), "add: immediate 1.5 is not an integer"],
  [(a) => a.mov(S64, rax, 0x100000000), "mov: immediate 4294967296 does not fit in 32 bits; use movImm64"],
  [(a) => a.mov(S64, mem(rax), 0x80000000), "mov: immediate 2147483648 does not fit a sign-extended 32-bit field of a 64-bit operation"],
  [(a) => a.test(S64, rax, 0xffffffff), "test: immediate 4294967295 does not fit a sign-extended 32-bit field of a 64-bit operation"],
  [(a) => a.imul3(S32, rax, rcx, 0x100000000), "imul: immediate 4294967296 does not fit in 32 bits"],
  [(a) => a.push(0x80000000), "push: immediate 2147483648 does not fit a sign-extended 32-bit field of a 64-bit operation"],
  [(a) => a.movImm64(rax, 1n << 64n), "movImm64: 18446744073709551616 does not fit in 64 bits"],
  [(a) => a.movImm64(rax, -(1n << 63n) - 1n), "movImm64: -9223372036854775809 does not fit in 64 bits"],
  [(a) => a.shl(S32, rax, 32), "shl count: immediate 32 is not an integer in 0..31"],
  [(a) => a.shl(S64, rax, 64), "shl count: immediate 64 is not an integer in 0..63"],
  [(a) => a.sar(S8, rax, -1), "sar count: immediate -1 is not an integer in 0..31"],
  [(a) => a.ror(S16, rax, 1.5), "ror count: immediate 1.5 is not an integer in 0..31"],
  [(a) => a.setcc(bad(16), rax), "setcc condition: immediate 16 is not an integer in 0..15"],
  [(a) => a.jcc(bad(-1), a.newLabel()), "jcc condition: immediate -1 is not an integer in 0..15"],
  [(a) => a.cmovcc(Cond.E, S64, rax, bad(xmm0)), "cmovcc r/m operand: expected a general-purpose register, got xmm"],
  // data and padding
  [(a) => a.data8(256), ".byte: 256 does not fit in 8 bits"],
  [(a) => a.data16(-32769), ".word: -32769 does not fit in 16 bits"],
  [(a) => a.data32(2 ** 32), ".long: 4294967296 does not fit in 32 bits"],
  [(a) => a.data64(1n << 64n), "data64: 18446744073709551616 does not fit in 64 bits"],
  [(a) => a.align(3), "align: 3 is not a power of two in 1..4096"],
  [(a) => a.align(8192), "align: 8192 is not a power of two in 1..4096"],
  [(a) => a.nop(-1), "nop length: immediate -1 is not an integer in 0..2147483647"],
  // SSE
  [(a) => a.addps(xmm0, bad(rax)), "addps source: expected an xmm register or memory, got gpr"],
  [(a) => a.addps(bad(rax), xmm0), "addps destination: expected an xmm register, got gpr"],
  [(a) => a.addsd(bad(ymm0), xmm1), "addsd destination: expected an xmm register, got ymm"],
  [(a) => a.movaps(mem(rax), bad(mem(rcx))), "movaps: both operands are memory"],
  [(a) => a.movss(mem(rax), bad(rax)), "movss source: expected an xmm register, got gpr"],
  [(a) => a.movlps(xmm0, bad(xmm1)), "movlps: exactly one operand must be memory (for xmm, xmm use movlhps/movhlps/movsd)"],
  [(a) => a.movhps(mem(rax), bad(mem(rax))), "movhps: exactly one operand must be memory (for xmm, xmm use movlhps/movhlps/movsd)"],
  [(a) => a.movlhps(xmm0, bad(mem(rax))), "movlhps source: expected an xmm register, got mem"],
  [(a) => a.movd(xmm0, bad(xmm1)), "movd: one operand must be a general-purpose register or memory"],
  [(a) => a.movd(rax, bad(rcx)), "movd: one operand must be an xmm register"],
  [(a) => a.movq(rax, bad(rcx)), "movq: one operand must be an xmm register"],
  [(a) => a.movq(mem(rax), bad(mem(rax))), "movq: one operand must be an xmm register"],
  [(a) => a.roundss(xmm0, xmm1, 16), "roundss immediate: immediate 16 is not an integer in 0..15"],
  [(a) => a.roundpd(xmm0, xmm1, -1), "roundpd immediate: immediate -1 is not an integer in 0..15"],
  [(a) => a.cmpps(xmm0, xmm1, 8), "cmpps predicate: immediate 8 is not an integer in 0..7"],
  [(a) => a.shufpd(xmm0, xmm1, 4), "shufpd immediate: immediate 4 is not an integer in 0..3"],
  [(a) => a.pshufd(xmm0, xmm1, 256), "pshufd immediate: immediate 256 is not an integer in 0..255"],
  [(a) => a.psllw(xmm0, 256), "psllw count: immediate 256 is not an integer in 0..255"],
  [(a) => a.pslldq(xmm0, -1), "pslldq count: immediate -1 is not an integer in 0..255"],
  [(a) => a.pinsrb(xmm0, rax, 16), "pinsrb lane: immediate 16 is not an integer in 0..15"],
  [(a) => a.pinsrq(xmm0, bad(xmm1), 0), "pinsrq source: expected a general-purpose register, got xmm"],
  [(a) => a.pextrq(rax, xmm0, 2), "pextrq lane: immediate 2 is not an integer in 0..1"],
  [(a) => a.pextrw(rax, xmm0, 8), "pextrw lane: immediate 8 is not an integer in 0..7"],
  [(a) => a.extractps(bad(xmm0), xmm1, 0), "extractps destination: expected a general-purpose register, got xmm"],
  [(a) => a.cvtsi2sd(xmm0, S16, rax), "cvtsi2sd source: operand size 16 is not one of 32/64"],
  [(a) => a.cvtsi2ss(xmm0, S32, bad(xmm1)), "cvtsi2ss source: expected a general-purpose register, got xmm"],
  [(a) => a.cvttsd2si(S8, rax, xmm0), "cvttsd2si destination: operand size 8 is not one of 32/64"],
  [(a) => a.cvttss2si(S32, bad(xmm0), xmm1), "cvttss2si destination: expected a general-purpose register, got xmm"],
  [(a) => a.pmovmskb(bad(xmm0), xmm1), "pmovmskb destination: expected a general-purpose register, got xmm"],
  [(a) => a.blendvps(xmm0, bad(rax)), "blendvps source: expected an xmm register or memory, got gpr"],
  // AVX
  [(a) => a.vaddps(ymm0, bad(xmm1), ymm2), "vaddps first source: expected a ymm register, got xmm"],
  [(a) => a.vaddps(xmm0, xmm1, bad(ymm2)), "vaddps second source: expected an xmm register, got ymm"],
  [(a) => a.vaddps(bad(rax), xmm1, xmm2), "vaddps destination: expected an xmm register, got gpr"],
  [(a) => a.vaddss(bad(ymm0), bad(ymm1), bad(ymm2)), "vaddss destination: expected an xmm register, got ymm"],
  [(a) => a.vroundsd(xmm0, bad(ymm1), xmm2, 0), "vroundsd first source: expected an xmm register, got ymm"],
  [(a) => a.vpsllw(ymm0, ymm1, bad(ymm2)), "vpsllw count: expected an xmm register, got ymm"],
  [(a) => a.vpsllw(xmm0, bad(ymm1), 3), "vpsllw source: expected an xmm register, got ymm"],
  [(a) => a.vpsrldq(ymm0, ymm1, 256), "vpsrldq count: immediate 256 is not an integer in 0..255"],
  [(a) => a.vcmpps(xmm0, xmm1, xmm2, 32), "vcmpps predicate: immediate 32 is not an integer in 0..31"],
  [(a) => a.vblendvps(xmm0, xmm1, xmm2, bad(ymm3)), "vblendvps mask: expected an xmm register, got ymm"],
  [(a) => a.vmovaps(mem(rax), bad(mem(rcx))), "vmovaps: both operands are memory"],
  [(a) => a.vmovaps(xmm0, bad(ymm9)), "vmovaps destination: expected a ymm register, got xmm"],
  [(a) => a.vmovups(mem(rax), bad(rax)), "vmovups source: expected an xmm register, got gpr"],
  [(a) => a.vpmovsxbw(ymm0, bad(ymm1)), "vpmovsxbw source: expected an xmm register, got ymm"],
  [(a) => a.vbroadcastss(ymm0, bad(ymm1)), "vbroadcastss source: expected an xmm register, got ymm"],
  [(a) => a.vroundps(xmm0, xmm1, 16), "vroundps immediate: immediate 16 is not an integer in 0..15"],
  [(a) => a.vpshufd(ymm0, bad(xmm1), 0), "vpshufd source: expected a ymm register, got xmm"],
  [(a) => a.vsqrtps(ymm0, bad(xmm1)), "vsqrtps source: expected a ymm register, got xmm"],
  [(a) => a.vinsertps(xmm0, xmm1, xmm2, 256), "vinsertps immediate: immediate 256 is not an integer in 0..255"],
  // AVX with general-purpose operands
  [(a) => a.vpinsrq(xmm0, xmm1, rax, 2), "vpinsrq lane: immediate 2 is not an integer in 0..1"],
  [(a) => a.vpinsrd(xmm0, bad(ymm1), rax, 0), "vpinsrd first source: expected an xmm register, got ymm"],
  [(a) => a.vpextrw(bad(xmm0), xmm1, 0), "vpextrw destination: expected a general-purpose register, got xmm"],
  [(a) => a.vmovd(xmm0, bad(xmm1)), "vmovd: one operand must be a general-purpose register or memory"],
  [(a) => a.vmovq(rax, bad(rcx)), "vmovq: one operand must be an xmm register"],
  [(a) => a.vcvtsi2sd(xmm0, xmm1, S16, rax), "vcvtsi2sd source: operand size 16 is not one of 32/64"],
  [(a) => a.vcvttsd2si(S64, rax, bad(rcx)), "vcvttsd2si source: expected an xmm register or memory, got gpr"],
];

describe("invalid forms are rejected with a clear AsmError", () => {
  it.each(REJECTIONS.map((r, i) => [i, r[1], r] as const))("#%i %s", (_i, _msg, [fn, message]) => {
    const a = new AssemblerClass();
    let error: unknown = null;
    try {
      fn(a);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AsmError);
    expect((error as AsmError).message).toBe(message);
  });
});
