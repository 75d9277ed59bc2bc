/**
 * Encoding cases for the load/store, branch and system methods of the arm64 assembler, in the
 * format of `cases-int.ts` (expectations from llvm-mc and capstone). Branch targets print as
 * offsets from the start of the code.
 */

import { mem, memIndex, postIndex, preIndex } from "../../src/backend-arm64/assembler.js";
import { Barrier } from "../../src/backend-arm64/enc-branch.js";
import { Cond, Extend } from "../../src/backend-arm64/operands.js";
import {
  b,
  d,
  h,
  q,
  s,
  sp,
  w0,
  w1,
  w2,
  w3,
  w30,
  wzr,
  x0,
  x1,
  x2,
  x5,
  x16,
  x17,
  x29,
  x30,
  xzr,
} from "../../src/backend-arm64/registers.js";
import type { Case } from "./harness.js";

/** Load and store cases. */
// biome-ignore format: one case per line
export const MEM_CASES: readonly Case[] = [
  // unsigned scaled offsets, every access size
  [(a) => a.ldr(x0, mem(x1)), "200040f9", "ldr x0, [x1]"],
  [(a) => a.ldr(x0, mem(x1, 8)), "200440f9", "ldr x0, [x1, #8]"],
  [(a) => a.ldr(x0, mem(sp, 32760)), "e0ff7ff9", "ldr x0, [sp, #0x7ff8]"],
  [(a) => a.ldr(w0, mem(x1, 16380)), "20fc7fb9", "ldr w0, [x1, #0x3ffc]"],
  [(a) => a.str(x0, mem(x1, 16)), "200800f9", "str x0, [x1, #0x10]"],
  [(a) => a.str(w30, mem(x29, 4)), "be0700b9", "str w30, [x29, #4]"],
  [(a) => a.str(xzr, mem(sp, 8)), "ff0700f9", "str xzr, [sp, #8]"],
  [(a) => a.ldrb(w0, mem(x1, 4095)), "20fc7f39", "ldrb w0, [x1, #0xfff]"],
  [(a) => a.strb(w0, mem(x1, 1)), "20040039", "strb w0, [x1, #1]"],
  [(a) => a.ldrh(w0, mem(x1, 8190)), "20fc7f79", "ldrh w0, [x1, #0x1ffe]"],
  [(a) => a.strh(wzr, mem(x1, 2)), "3f040079", "strh wzr, [x1, #2]"],
  [(a) => a.ldrsb(w0, mem(x1, 3)), "200cc039", "ldrsb w0, [x1, #3]"],
  [(a) => a.ldrsb(x0, mem(x1, 3)), "200c8039", "ldrsb x0, [x1, #3]"],
  [(a) => a.ldrsh(w0, mem(x1, 6)), "200cc079", "ldrsh w0, [x1, #6]"],
  [(a) => a.ldrsh(x0, mem(x1)), "20008079", "ldrsh x0, [x1]"],
  [(a) => a.ldrsw(x0, mem(x1, 4)), "200480b9", "ldrsw x0, [x1, #4]"],
  // SIMD&FP registers
  [(a) => a.ldr(b(0), mem(x1, 1)), "2004403d", "ldr b0, [x1, #1]"],
  [(a) => a.ldr(h(1), mem(x1, 2)), "2104407d", "ldr h1, [x1, #2]"],
  [(a) => a.ldr(s(2), mem(x1, 4)), "220440bd", "ldr s2, [x1, #4]"],
  [(a) => a.ldr(d(3), mem(sp, 8)), "e30740fd", "ldr d3, [sp, #8]"],
  [(a) => a.ldr(q(31), mem(x1, 16)), "3f04c03d", "ldr q31, [x1, #0x10]"],
  [(a) => a.str(s(2), mem(x1, 4)), "220400bd", "str s2, [x1, #4]"],
  [(a) => a.str(d(0), mem(x1)), "200000fd", "str d0, [x1]"],
  [(a) => a.str(q(4), mem(x1, 65520)), "24fcbf3d", "str q4, [x1, #0xfff0]"],
  [(a) => a.str(b(5), mem(x1)), "2500003d", "str b5, [x1]"],
  [(a) => a.str(h(6), mem(x2, 6)), "460c007d", "str h6, [x2, #6]"],
  // unscaled (ldur/stur): negative or unaligned offsets
  [(a) => a.ldr(x0, mem(x1, -8)), "20805ff8", "ldur x0, [x1, #-8]"],
  [(a) => a.ldr(x0, mem(x1, -256)), "200050f8", "ldur x0, [x1, #-0x100]"],
  [(a) => a.ldr(x0, mem(x1, 255)), "20f04ff8", "ldur x0, [x1, #0xff]"],
  [(a) => a.ldr(w0, mem(x1, 2)), "202040b8", "ldur w0, [x1, #2]"],
  [(a) => a.str(x0, mem(x1, 3)), "203000f8", "stur x0, [x1, #3]"],
  [(a) => a.ldrb(w0, mem(x1, -1)), "20f05f38", "ldurb w0, [x1, #-1]"],
  [(a) => a.strb(w0, mem(x1, -1)), "20f01f38", "sturb w0, [x1, #-1]"],
  [(a) => a.ldrh(w0, mem(x1, 1)), "20104078", "ldurh w0, [x1, #1]"],
  [(a) => a.strh(w0, mem(x1, -2)), "20e01f78", "sturh w0, [x1, #-2]"],
  [(a) => a.ldrsb(x0, mem(x1, -3)), "20d09f38", "ldursb x0, [x1, #-3]"],
  [(a) => a.ldrsh(w0, mem(x1, -4)), "20c0df78", "ldursh w0, [x1, #-4]"],
  [(a) => a.ldrsw(x0, mem(x1, -4)), "20c09fb8", "ldursw x0, [x1, #-4]"],
  [(a) => a.ldr(d(0), mem(x1, -8)), "20805ffc", "ldur d0, [x1, #-8]"],
  [(a) => a.str(q(1), mem(x1, 8)), "2180803c", "stur q1, [x1, #8]"],
  // pre- and post-index
  [(a) => a.ldr(x0, preIndex(x1, -8)), "208c5ff8", "ldr x0, [x1, #-8]!"],
  [(a) => a.str(x0, preIndex(sp, -16)), "e00f1ff8", "str x0, [sp, #-0x10]!"],
  [(a) => a.ldr(x0, postIndex(sp, 16)), "e00741f8", "ldr x0, [sp], #0x10"],
  [(a) => a.strb(w0, postIndex(x1, 1)), "20140038", "strb w0, [x1], #1"],
  [(a) => a.ldrsw(x0, preIndex(x1, 255)), "20fc8fb8", "ldrsw x0, [x1, #0xff]!"],
  [(a) => a.ldr(d(0), postIndex(x1, -256)), "200450fc", "ldr d0, [x1], #-0x100"],
  // register offset
  [(a) => a.ldr(x0, memIndex(x1, x2)), "206862f8", "ldr x0, [x1, x2]"],
  [(a) => a.ldr(x0, memIndex(x1, x2, Extend.UXTX, true)), "207862f8", "ldr x0, [x1, x2, lsl #3]"],
  [(a) => a.ldr(w0, memIndex(x1, w2, Extend.UXTW)), "204862b8", "ldr w0, [x1, w2, uxtw]"],
  [(a) => a.ldr(w0, memIndex(x1, w2, Extend.UXTW, true)), "205862b8", "ldr w0, [x1, w2, uxtw #2]"],
  [(a) => a.ldr(x0, memIndex(x1, w2, Extend.SXTW, true)), "20d862f8", "ldr x0, [x1, w2, sxtw #3]"],
  [(a) => a.str(x0, memIndex(sp, x2, Extend.SXTX)), "e0eb22f8", "str x0, [sp, x2, sxtx]"],
  [(a) => a.ldrb(w0, memIndex(x1, x2)), "20686238", "ldrb w0, [x1, x2]"],
  [(a) => a.ldrb(w0, memIndex(x1, w2, Extend.SXTW)), "20c86238", "ldrb w0, [x1, w2, sxtw]"],
  [(a) => a.strh(w0, memIndex(x1, x2, Extend.UXTX, true)), "20782278", "strh w0, [x1, x2, lsl #1]"],
  [(a) => a.ldrsw(x0, memIndex(x1, x2, Extend.UXTX, true)), "2078a2b8", "ldrsw x0, [x1, x2, lsl #2]"],
  [(a) => a.ldr(q(0), memIndex(x1, x2, Extend.UXTX, true)), "2078e23c", "ldr q0, [x1, x2, lsl #4]"],
  [(a) => a.str(s(0), memIndex(x1, w2, Extend.UXTW, true)), "205822bc", "str s0, [x1, w2, uxtw #2]"],
  // pairs
  [(a) => a.stp(x29, x30, preIndex(sp, -16)), "fd7bbfa9", "stp x29, x30, [sp, #-0x10]!"],
  [(a) => a.ldp(x29, x30, postIndex(sp, 16)), "fd7bc1a8", "ldp x29, x30, [sp], #0x10"],
  [(a) => a.stp(x0, x1, mem(sp, 16)), "e00701a9", "stp x0, x1, [sp, #0x10]"],
  [(a) => a.ldp(x0, x1, mem(x2, -512)), "400460a9", "ldp x0, x1, [x2, #-0x200]"],
  [(a) => a.stp(w0, w1, mem(x2, 252)), "40841f29", "stp w0, w1, [x2, #0xfc]"],
  [(a) => a.ldp(w0, w1, mem(x2)), "40044029", "ldp w0, w1, [x2]"],
  [(a) => a.ldpsw(x0, x1, mem(x2, 8)), "40044169", "ldpsw x0, x1, [x2, #8]"],
  [(a) => a.stp(d(8), d(9), preIndex(sp, -16)), "e827bf6d", "stp d8, d9, [sp, #-0x10]!"],
  [(a) => a.ldp(s(0), s(1), mem(x0, 4)), "0084402d", "ldp s0, s1, [x0, #4]"],
  [(a) => a.ldp(q(0), q(1), postIndex(x0, 32)), "0004c1ac", "ldp q0, q1, [x0], #0x20"],
  [(a) => a.stp(xzr, xzr, mem(x0)), "1f7c00a9", "stp xzr, xzr, [x0]"],
];

/** Branch, address and system cases. */
// biome-ignore format: one case per line
export const BRANCH_CASES: readonly Case[] = [
  // branches to labels (targets print as offsets from the start)
  [(a) => { const l = a.newLabel(); a.b(l); a.bind(l); }, "01000014", "b #4"],
  [(a) => { const l = a.here(); a.nop(); a.b(l); }, "1f2003d5ffffff17", "nop; b #0"],
  [(a) => { const l = a.newLabel(); a.bl(l); a.nop(); a.bind(l); }, "020000941f2003d5", "bl #8; nop"],
  [(a) => { const l = a.newLabel(); a.bCond(Cond.EQ, l); a.bind(l); }, "20000054", "b.eq #4"],
  [(a) => { const l = a.here(); a.bCond(Cond.LE, l); }, "0d000054", "b.le #0"],
  [(a) => { const l = a.newLabel(); a.cbz(x0, l); a.nop(); a.bind(l); }, "400000b41f2003d5", "cbz x0, #8; nop"],
  [(a) => { const l = a.newLabel(); a.cbnz(w3, l); a.bind(l); }, "23000035", "cbnz w3, #4"],
  [(a) => { const l = a.newLabel(); a.tbz(x0, 40, l); a.bind(l); }, "200040b6", "tbz x0, #0x28, #4"],
  [(a) => { const l = a.newLabel(); a.tbz(x5, 3, l); a.bind(l); }, "25001836", "tbz w5, #3, #4"],
  [(a) => { const l = a.newLabel(); a.tbnz(w1, 31, l); a.nop(); a.bind(l); }, "4100f8371f2003d5", "tbnz w1, #0x1f, #8; nop"],
  [(a) => { const l = a.newLabel(); a.ldrLiteral(x0, l); a.bind(l); }, "20000058", "ldr x0, #4"],
  [(a) => { const l = a.newLabel(); a.ldrLiteral(w1, l); a.nop(); a.bind(l); }, "410000181f2003d5", "ldr w1, #8; nop"],
  [(a) => { const l = a.newLabel(); a.ldrLiteral(d(2), l); a.bind(l); }, "2200005c", "ldr d2, #4"],
  [(a) => { const l = a.newLabel(); a.ldrLiteral(s(3), l); a.bind(l); }, "2300001c", "ldr s3, #4"],
  [(a) => { const l = a.newLabel(); a.ldrLiteral(q(4), l); a.bind(l); }, "2400009c", "ldr q4, #4"],
  [(a) => { const l = a.newLabel(); a.ldrswLiteral(x5, l); a.bind(l); }, "25000098", "ldrsw x5, #4"],
  [(a) => { const l = a.newLabel(); a.adr(x0, l); a.bind(l); }, "20000010", "adr x0, #4"],
  [(a) => { const l = a.here(); a.adr(x1, l); }, "01000010", "adr x1, #0"],
  [(a) => { const l = a.here(); a.adrp(x2, l); }, "02000090", "adrp x2, #0"],
  // register branches and system instructions
  [(a) => a.br(x16), "00021fd6", "br x16"],
  [(a) => a.blr(x17), "20023fd6", "blr x17"],
  [(a) => a.ret(), "c0035fd6", "ret"],
  [(a) => a.ret(x1), "20005fd6", "ret x1"],
  [(a) => a.nop(), "1f2003d5", "nop"],
  [(a) => a.brk(0), "000020d4", "brk #0"],
  [(a) => a.brk(0xf000), "00003ed4", "brk #0xf000"],
  [(a) => a.dmb(), "bf3b03d5", "dmb ish"],
  [(a) => a.dmb(Barrier.ISHLD), "bf3903d5", "dmb ishld"],
  [(a) => a.dmb(Barrier.ISHST), "bf3a03d5", "dmb ishst"],
  [(a) => a.dmb(Barrier.SY), "bf3f03d5", "dmb sy"],
  [(a) => a.dsb(), "9f3b03d5", "dsb ish"],
  [(a) => a.dsb(Barrier.SY), "9f3f03d5", "dsb sy"],
  [(a) => a.isb(), "df3f03d5", "isb"],
];
