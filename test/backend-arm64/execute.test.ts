/**
 * Runs code built by the arm64 assembler: each program is wrapped in a minimal static AArch64
 * Linux ELF (no libc) and executed natively on arm64 Linux or under qemu-aarch64 elsewhere (the
 * same condition as the native harness tests). A program appends 64-bit results to a buffer
 * with `out` (which stores x0), and writes the buffer to stdout when it ends; every result is
 * compared with the value computed here. This checks semantics the encoding tests cannot:
 * aliases, sign extension, writeback, flags, and that veneer islands and long-range fallbacks
 * really reach their labels at run time.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Assembler, mem, memIndex, postIndex, preIndex } from "../../src/backend-arm64/assembler.js";
import type { Label } from "../../src/backend-arm64/labels.js";
import { Cond, Extend, Shift } from "../../src/backend-arm64/operands.js";
import {
  d,
  h,
  q,
  s,
  sp,
  w0,
  w1,
  w2,
  w4,
  wzr,
  X,
  x0,
  x1,
  x2,
  x3,
  x4,
  xzr,
} from "../../src/backend-arm64/registers.js";

function installed(tool: string): boolean {
  try {
    execFileSync("sh", ["-c", `command -v ${tool}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

const native = process.arch === "arm64" && process.platform === "linux";
const qemu = installed("qemu-aarch64");

const BUF = X[27]!;
const CUR = X[28]!;
const x8 = X[8]!;
const x10 = X[10]!;
const SVC0 = 0xd4000001;
const LOAD_ADDRESS = 0x400000;
const CODE_OFFSET = 0x1000;

/** Wraps `code` (placed at a page-aligned address) in a static ELF executable. */
function elf(code: Uint8Array): Uint8Array {
  const file = new Uint8Array(CODE_OFFSET + code.length);
  const v = new DataView(file.buffer);
  file.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1], 0); // ELF, 64-bit, little-endian, version 1
  v.setUint16(16, 2, true); // ET_EXEC
  v.setUint16(18, 183, true); // EM_AARCH64
  v.setUint32(20, 1, true);
  v.setBigUint64(24, BigInt(LOAD_ADDRESS + CODE_OFFSET), true); // entry
  v.setBigUint64(32, 64n, true); // program headers right after this header
  v.setUint16(52, 64, true);
  v.setUint16(54, 56, true);
  v.setUint16(56, 1, true);
  v.setUint32(64, 1, true); // PT_LOAD
  v.setUint32(68, 5, true); // R + X
  v.setBigUint64(80, BigInt(LOAD_ADDRESS), true);
  v.setBigUint64(88, BigInt(LOAD_ADDRESS), true);
  v.setBigUint64(96, BigInt(file.length), true);
  v.setBigUint64(104, BigInt(file.length), true);
  v.setBigUint64(112, 0x1000n, true);
  file.set(code, CODE_OFFSET);
  return file;
}

/** Appends x0 to the result buffer. */
function out(a: Assembler): void {
  a.str(x0, postIndex(CUR, 8));
}

/** Assembles `body` between a prologue (result buffer on the stack) and an epilogue (write, exit), runs it, returns the results. */
function run(body: (a: Assembler) => void): bigint[] {
  const a = new Assembler();
  a.subImm(sp, sp, 4096);
  a.mov(BUF, sp);
  a.mov(CUR, sp);
  body(a);
  a.mov(x1, BUF);
  a.sub(x2, CUR, BUF);
  a.movImm(x0, 1);
  a.movImm(x8, 64); // write
  a.emit(SVC0);
  a.movImm(x0, 0);
  a.movImm(x8, 93); // exit
  a.emit(SVC0);
  const dir = mkdtempSync(join(tmpdir(), "kiln-a64-"));
  try {
    const path = join(dir, "prog");
    writeFileSync(path, elf(a.finish()));
    chmodSync(path, 0o755);
    const stdout = native ? execFileSync(path) : execFileSync("qemu-aarch64", [path]);
    const results: bigint[] = [];
    for (let i = 0; i + 8 <= stdout.length; i += 8) results.push(stdout.readBigUint64LE(i));
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const u64 = (v: bigint): bigint => BigInt.asUintN(64, v);
const u32 = (v: bigint): bigint => BigInt.asUintN(32, v);

/** A computation leaving its result in x0, and the expected value. */
type Check = readonly [string, (a: Assembler) => void, bigint];

// biome-ignore format: one check per line
const ARITHMETIC: readonly Check[] = [
  ["movImm 64-bit", (a) => a.movImm(x0, 0x123456789abcdefn), 0x123456789abcdefn],
  ["movImm orr+movk", (a) => a.movImm(x0, 0x1234555555555555n), 0x1234555555555555n],
  ["movImm negative", (a) => a.movImm(x0, -0x10001), u64(-0x10001n)],
  ["movImm W clears the upper half", (a) => { a.movImm(x0, -1); a.movImm(w0, 0x80000000); }, 0x80000000n],
  ["add/sub immediates", (a) => { a.movImm(x1, 1000); a.addImm(x0, x1, 0x5000); a.subImm(x0, x0, 7); a.addImm(x0, x0, -1); }, 1000n + 0x5000n - 8n],
  ["add shifted", (a) => { a.movImm(x1, 3); a.movImm(x2, 5); a.add(x0, x1, x2, Shift.LSL, 4); }, 3n + 80n],
  ["sub asr", (a) => { a.movImm(x1, 0); a.movImm(x2, -64); a.sub(x0, x1, x2, Shift.ASR, 3); }, 8n],
  ["add sxtw", (a) => { a.movImm(x1, 100); a.movImm(w2, -3); a.addExt(x0, x1, w2, Extend.SXTW, 2); }, 88n],
  ["add uxtb", (a) => { a.movImm(x1, 1); a.movImm(w2, 0x1ff); a.addExt(x0, x1, w2, Extend.UXTB); }, 0x100n],
  ["adds/adc carry", (a) => { a.movImm(x1, -1); a.movImm(x2, 1); a.adds(x3, x1, x2); a.adc(x0, xzr, xzr); }, 1n],
  ["subs/sbc borrow", (a) => { a.movImm(x1, 0); a.movImm(x2, 1); a.subs(x3, x1, x2); a.movImm(x4, 10); a.sbc(x0, x4, xzr); }, 9n],
  ["neg", (a) => { a.movImm(x1, 5); a.neg(x0, x1); }, u64(-5n)],
  ["mvn W", (a) => { a.movImm(x1, 0); a.mvn(w0, w1); }, 0xffffffffn],
  ["and/orr/eor immediates", (a) => { a.movImm(x1, 0x12345678); a.andImm(x0, x1, 0x00ff00ff00ff00ffn); a.orrImm(x0, x0, 0xf0000000f0000000n); a.eorImm(x0, x0, 1); }, 0xf0000000f0340079n],
  ["bic/orn/eon", (a) => { a.movImm(x1, 0xff); a.movImm(x2, 0x0f); a.bic(x3, x1, x2); a.orn(x4, xzr, x2); a.eon(x0, x3, x4); }, u64(~(0xf0n ^ ~0x0fn))],
  ["mul/madd/msub", (a) => { a.movImm(x1, 7); a.movImm(x2, 6); a.mul(x3, x1, x2); a.madd(x3, x3, x2, x1); a.msub(x0, x1, x2, x3); }, 42n * 6n + 7n - 42n],
  ["smulh", (a) => { a.movImm(x1, -(2n ** 62n)); a.movImm(x2, 8); a.smulh(x0, x1, x2); }, u64(-2n)],
  ["umulh", (a) => { a.movImm(x1, -1); a.movImm(x2, -1); a.umulh(x0, x1, x2); }, 0xfffffffffffffffen],
  ["smull/umull", (a) => { a.movImm(w1, -2); a.movImm(w2, 3); a.smull(x3, w1, w2); a.umull(x4, w1, w2); a.add(x0, x3, x4); }, u64(-6n + 0xfffffffen * 3n)],
  ["smaddl", (a) => { a.movImm(w1, -2); a.movImm(w2, 3); a.movImm(x3, 100); a.smaddl(x0, w1, w2, x3); }, 94n],
  ["udiv/sdiv", (a) => { a.movImm(x1, -100); a.movImm(x2, 7); a.sdiv(x3, x1, x2); a.udiv(x4, x2, x2); a.add(x0, x3, x4); }, u64(-14n + 1n)],
  ["sdiv W by zero is zero", (a) => { a.movImm(w1, 5); a.sdiv(w0, w1, wzr); }, 0n],
  ["asr/lsr by register (mod 64)", (a) => { a.movImm(x1, -16); a.movImm(x2, 66); a.asr(x3, x1, x2); a.lsr(x4, x1, x2); a.add(x0, x3, x4); }, -4n + 0x3ffffffffffffffcn],
  ["lsl/ror by register", (a) => { a.movImm(x1, 0x8000000000000001n); a.movImm(x2, 65); a.lsl(x3, x1, x2); a.ror(x4, x1, x2); a.add(x0, x3, x4); }, 0xc000000000000002n],
  ["shift immediates", (a) => { a.movImm(x1, -256); a.asrImm(x2, x1, 4); a.lsrImm(x3, x1, 60); a.lslImm(x4, x3, 8); a.add(x0, x2, x4); }, u64(-16n + 0xf00n)],
  ["ror immediate W", (a) => { a.movImm(w1, 0x12345678); a.rorImm(w0, w1, 8); }, 0x78123456n],
  ["extr", (a) => { a.movImm(x1, 0x1122334455667788n); a.movImm(x2, 0x99aabbccddeeff00n); a.extr(x0, x1, x2, 16); }, 0x778899aabbccddeen],
  ["clz/cls/rbit", (a) => { a.movImm(x1, 0x00f0); a.clz(x2, x1); a.movImm(x3, -2); a.cls(x3, x3); a.rbit(w4, w1); a.add(x0, x2, x3); a.add(x0, x0, x4); }, 56n + 62n + 0x0f000000n],
  ["rev/rev16/rev32", (a) => { a.movImm(x1, 0x0102030405060708n); a.rev(x2, x1); a.rev16(x3, x1); a.rev32(x4, x1); a.eor(x0, x2, x3); a.eor(x0, x0, x4); }, 0x0807060504030201n ^ 0x0201040306050807n ^ 0x0403020108070605n],
  ["rev W", (a) => { a.movImm(x1, 0x1122334455667788n); a.rev(w0, w1); }, 0x88776655n],
  ["cset/csetm after cmp", (a) => { a.movImm(x1, 3); a.cmpImm(x1, 5); a.cset(x2, Cond.LT); a.csetm(x3, Cond.HI); a.add(x0, x2, x3, Shift.LSL, 1); }, 1n],
  ["csel/csinc/csinv/csneg", (a) => { a.movImm(x1, 10); a.movImm(x2, 20); a.cmp(x1, x2); a.csel(x3, x1, x2, Cond.GT); a.csinc(x4, x1, x2, Cond.GT); a.add(x3, x3, x4); a.csinv(x4, x1, x2, Cond.EQ); a.add(x3, x3, x4); a.csneg(x4, x1, x2, Cond.NE); a.add(x0, x3, x4); }, 20n + 21n + u64(~20n) + 10n - 2n ** 64n],
  ["cinc/cneg", (a) => { a.movImm(x1, 7); a.tstImm(x1, 4); a.cinc(x2, x1, Cond.NE); a.cneg(x3, x1, Cond.EQ); a.add(x0, x2, x3); }, 15n],
  ["ccmp chain", (a) => { a.movImm(x1, 3); a.movImm(x2, 4); a.cmpImm(x1, 3); a.ccmpImm(x2, 4, 0, Cond.EQ); a.cset(x3, Cond.EQ); a.cmpImm(x1, 2); a.ccmp(x2, x1, 0, Cond.EQ); a.cset(x4, Cond.EQ); a.add(x0, x4, x3, Shift.LSL, 1); }, 2n],
  ["ccmn", (a) => { a.movImm(x1, -4); a.cmn(x1, x1); a.ccmnImm(x1, 4, 0b0100, Cond.NE); a.cset(x0, Cond.EQ); }, 1n],
  ["ubfx/sbfx", (a) => { a.movImm(x1, 0xabcd00n); a.ubfx(x2, x1, 8, 8); a.sbfx(x3, x1, 12, 12); a.add(x0, x2, x3); }, u64(0xcdn + (0xabcn - 0x1000n))],
  ["bfi/bfxil", (a) => { a.movImm(x1, 0x1234); a.movImm(x2, -1); a.bfi(x2, x1, 8, 16); a.movImm(x3, 0); a.bfxil(x3, x1, 4, 8); a.eor(x0, x2, x3); }, 0xffffffffff1234ffn ^ 0x23n],
  ["ubfiz/sbfiz", (a) => { a.movImm(x1, 0x8f); a.ubfiz(x2, x1, 4, 4); a.sbfiz(x3, x1, 60, 4); a.orr(x0, x2, x3); }, 0xf0n | 0xf000000000000000n],
  ["sign and zero extensions", (a) => { a.movImm(x1, 0x8180ff7fn); a.sxtb(x2, w1); a.sxth(x3, w1); a.sxtw(x4, w1); a.add(x0, x2, x3); a.add(x0, x0, x4); a.uxtb(x2, x1); a.add(x0, x0, x2); a.uxth(x2, x1); a.add(x0, x0, x2); }, u64(0x7fn - 0x81n + (0x8180ff7fn - 2n ** 32n) + 0x7fn + 0xff7fn)],
  ["W operations wrap", (a) => { a.movImm(w1, 0xffffffff); a.addImm(w0, w1, 2); }, 1n],
];

describe.runIf(native || qemu)(`arm64 code runs (${native ? "natively" : "under qemu-aarch64"})`, () => {
  it("integer data processing computes what it should", () => {
    const got = run((a) => {
      for (const [, fn] of ARITHMETIC) {
        fn(a);
        out(a);
      }
    });
    expect(Object.fromEntries(ARITHMETIC.map(([name], i) => [name, got[i]]))).toEqual(
      Object.fromEntries(ARITHMETIC.map(([name, , v]) => [name, u64(v)])),
    );
  });

  it("loads and stores every addressing mode", () => {
    const got = run((a) => {
      a.subImm(sp, sp, 64);
      a.mov(x10, sp);
      a.movImm(x1, 0x8877665544332211n);
      a.movImm(x2, 0xfedcba9876543210n);
      a.stp(x1, x2, mem(sp, 16)); // [sp+16] = x1, [sp+24] = x2
      a.ldr(x0, mem(sp, 16));
      out(a);
      a.ldrsb(x0, mem(sp, 23)); // 0x88
      out(a);
      a.ldrsh(w0, mem(sp, 22)); // 0x8877 sign-extended to 32 bits, upper half clear
      out(a);
      a.ldrh(w0, mem(sp, 17)); // unscaled: bytes 0x22 0x33
      out(a);
      a.ldrsw(x0, mem(sp, 28)); // 0xfedcba98
      out(a);
      a.ldr(w0, mem(sp, 19)); // ldur: bytes 44 55 66 77
      out(a);
      a.mov(x3, sp);
      a.ldrb(w0, preIndex(x3, 17)); // x3 = sp+17, 0x22
      a.add(x0, x0, x3);
      a.sub(x0, x0, x10);
      out(a); // 0x22 + 17
      a.ldr(x0, postIndex(x3, 7)); // from sp+17, x3 = sp+24
      a.sub(x4, x3, x10);
      a.add(x0, x0, x4);
      out(a);
      a.movImm(x4, -2); // index -2 * 8 from sp+24: sp+8
      a.movImm(x0, 0x5a5a);
      a.str(x0, mem(sp, 8));
      a.ldr(x0, memIndex(x3, w4, Extend.SXTW, true));
      out(a);
      a.movImm(x4, 2);
      a.movImm(w0, 0xbeef);
      a.strh(w0, mem(sp, 4));
      a.ldrh(w0, memIndex(sp, x4, Extend.UXTX, true));
      out(a);
      a.strb(w0, mem(sp, -1 + 64));
      a.ldrb(w0, mem(sp, 63));
      out(a);
      a.ldpsw(x0, x4, mem(sp, 24)); // 0x76543210, 0xfedcba98 sign-extended
      a.add(x0, x0, x4);
      out(a);
      a.ldp(w0, w4, mem(sp, 16));
      a.sub(x0, x4, x0);
      out(a);
      a.stp(x1, x2, preIndex(sp, -16));
      a.ldp(x4, x0, postIndex(sp, 16));
      out(a);
      a.mov(x0, x4);
      out(a);
      // SIMD&FP registers: a q copy, a d pair, s and h through register offsets and literals
      a.ldr(q(0), mem(sp, 16));
      a.str(q(0), mem(sp, 32));
      a.ldr(x0, mem(sp, 40));
      out(a);
      a.ldp(d(1), d(2), mem(sp, 16));
      a.stp(d(2), d(1), preIndex(x10, 32)); // x10 = sp + 32
      a.ldr(x0, mem(sp, 32));
      out(a);
      a.movImm(x4, 5);
      a.ldr(s(3), memIndex(sp, x4, Extend.UXTX, true)); // [sp + 20]
      a.str(s(3), postIndex(x10, 4));
      a.ldr(w0, mem(x10, -4));
      out(a);
      a.ldr(h(4), mem(sp, -2 + 24)); // [sp + 22] (scaled: 22 is a multiple of 2)
      a.str(h(4), mem(sp, 61)); // unscaled
      a.ldrh(w0, mem(sp, 61));
      out(a);
      a.addImm(sp, sp, 64);
    });
    expect(got).toEqual([
      0x8877665544332211n,
      u64(-0x78n),
      0xffff8877n,
      0x3322n,
      u64(0xfedcba98n - 2n ** 32n),
      0x77665544n,
      0x22n + 17n,
      u64(0x1088776655443322n + 24n),
      0x5a5an,
      0xbeefn,
      0xefn,
      u64(0x76543210n + 0xfedcba98n - 2n ** 32n),
      u32(0x88776655n - 0x44332211n),
      0xfedcba9876543210n,
      0x8877665544332211n,
      0xfedcba9876543210n,
      0xfedcba9876543210n,
      0x88776655n,
      0x8877n,
    ]);
  });

  it("branches, calls, literals, jump tables and adrp reach their labels", () => {
    const got = run((a) => {
      const fn = a.newLabel();
      const after = a.newLabel();
      a.b(after);
      a.bind(fn); // x0 = x1 * 2 + 1
      a.lslImm(x0, x1, 1);
      a.addImm(x0, x0, 1);
      a.ret();
      a.bind(after);
      a.movImm(x1, 20);
      a.bl(fn);
      out(a); // 41
      a.adr(x10, fn);
      a.movImm(x1, 5);
      a.blr(x10);
      out(a); // 11
      const pool = a.newLabel();
      const poolEnd = a.newLabel();
      a.ldrLiteral(x0, pool);
      out(a);
      a.ldrswLiteral(x0, pool);
      out(a);
      a.ldrLiteral(w0, pool);
      out(a);
      a.b(poolEnd);
      a.align(8);
      a.bind(pool);
      a.data32(0x89abcdef);
      a.data32(0x01234567);
      a.bind(poolEnd);
      // conditional branches: taken and not taken
      for (const [cond, v] of [
        [Cond.EQ, 3],
        [Cond.NE, 3],
        [Cond.GE, -1],
        [Cond.LT, -1],
      ] as const) {
        const yes = a.newLabel();
        const done = a.newLabel();
        a.movImm(x1, v);
        a.cmpImm(x1, 3);
        a.bCond(cond, yes);
        a.movImm(x0, 0);
        a.b(done);
        a.bind(yes);
        a.movImm(x0, 1);
        a.bind(done);
        out(a);
      }
      const branches: ((a: Assembler, l: Label) => void)[] = [
        (a, l) => a.cbz(x1, l),
        (a, l) => a.cbnz(w1, l),
        (a, l) => a.tbz(x1, 33, l),
        (a, l) => a.tbnz(x1, 33, l),
      ];
      for (const br of branches) {
        const yes = a.newLabel();
        const done = a.newLabel();
        a.movImm(x1, 2n ** 32n);
        br(a, yes);
        a.movImm(x0, 0);
        a.b(done);
        a.bind(yes);
        a.movImm(x0, 1);
        a.bind(done);
        out(a);
      }
      // jump table: index 2 of 3
      const table = a.newLabel();
      const cases = [a.newLabel(), a.newLabel(), a.newLabel()];
      const end = a.newLabel();
      a.movImm(w1, 2);
      a.adr(x2, table);
      a.ldrsw(x3, memIndex(x2, w1, Extend.UXTW, true));
      a.add(x2, x2, x3);
      a.br(x2);
      a.bind(table);
      for (const c of cases) a.dataLabelDiff(c, table);
      cases.forEach((c, i) => {
        a.bind(c);
        a.movImm(x0, 100 + i);
        a.b(end);
      });
      a.bind(end);
      out(a);
      // adrp + add reach a label on another page
      const far = a.newLabel();
      const skip = a.newLabel();
      a.adrp(x2, far);
      a.adr(x3, far);
      a.b(skip);
      a.align(4096);
      for (let i = 0; i < 100; i++) a.nop();
      a.bind(far);
      a.bind(skip);
      a.andImm(x4, x3, 0xfff);
      a.add(x2, x2, x4);
      a.sub(x0, x2, x3);
      out(a);
    });
    expect(got).toEqual([
      41n,
      11n,
      0x0123456789abcdefn,
      u64(0x89abcdefn - 2n ** 32n),
      0x89abcdefn, // calls, literals
      1n,
      0n,
      0n,
      1n, // b.eq, b.ne, b.ge, b.lt
      0n,
      0n,
      1n,
      0n, // cbz, cbnz (W), tbz, tbnz
      102n,
      0n, // jump table, adrp
    ]);
  });

  it("short branches reach labels beyond their range through veneers, both ways", () => {
    const got = run((a) => {
      const nops = (bytes: number): void => {
        for (let i = 0; i < bytes; i += 4) a.nop();
      };
      for (const taken of [true, false]) {
        const yes = a.newLabel();
        const done = a.newLabel();
        a.movImm(x1, taken ? 1 : 0);
        a.tbnz(x1, 0, yes);
        a.movImm(x0, 2);
        a.b(done);
        nops(40 * 1024);
        a.bind(yes);
        a.movImm(x0, 1);
        a.bind(done);
        out(a);
      }
      const yes = a.newLabel();
      const done = a.newLabel();
      a.movImm(x1, 7);
      a.cmpImm(x1, 7);
      a.bCond(Cond.EQ, yes);
      a.movImm(x0, 2);
      a.b(done);
      nops(1100 * 1024);
      a.bind(yes);
      a.movImm(x0, 1);
      a.bind(done);
      out(a);
      // backward: a loop whose body is longer than tbz and b.cond reach
      const top = a.here();
      const exit = a.newLabel();
      a.cbz(x1, exit);
      a.subImm(x1, x1, 1);
      nops(1100 * 1024);
      a.cmpImm(x1, 100);
      a.bCond(Cond.LO, top);
      a.bind(exit);
      a.mov(x0, x1);
      out(a);
    });
    expect(got).toEqual([1n, 2n, 1n, 0n]);
  });
});
