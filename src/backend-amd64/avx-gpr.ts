/**
 * VEX-encoded instructions that move data between general-purpose and xmm registers: vmovd/vmovq,
 * lane inserts and extracts, and integer/float conversions. They let AVX code avoid mixing legacy
 * SSE encodings in. VEX.W selects the 64-bit integer forms (vmovq r64, vpinsrq, vpextrq,
 * vcvtsi2sd r64, ...), which needs the 3-byte VEX prefix. Opcodes come from `SSE`.
 */

import { AsmError } from "../backend/asm-error.js";
import { AvxAsm } from "./avx.js";
import { I, M, R, RM } from "./core.js";
import { checkUimm, type OpDef } from "./encoding.js";
import { checkGpr, checkSize, type GprOrMem } from "./integer.js";
import type { Mem } from "./operands.js";
import type { Gpr, Size, Xmm } from "./registers.js";
import { checkXmm, checkXmmOrMem, type XmmOrMem } from "./sse.js";
import { SSE } from "./sse-tables.js";

/** AVX instructions with a general-purpose register or integer-sized memory operand. */
export class AvxGprAsm extends AvxAsm {
  /** Emits a 128-bit VEX instruction `d` (VEX.W = `w`) and an optional imm8 (`imm` -1: none). */
  private vexGpr(d: OpDef, w: boolean, vvvv: number, reg: number, rm: Gpr | Xmm | Mem, imm: number): void {
    this.vex(d.prefix, d.map, w, false, vvvv, d.opcode, reg, rm, imm >= 0 ? 1 : 0);
    if (imm >= 0) this.buf.u8(imm);
  }

  /** `vmovd xmm, r32/m32` (zeroes the other lanes). */
  vmovd(dst: Xmm, src: GprOrMem): void;
  /** `vmovd r32/m32, xmm`. */
  vmovd(dst: GprOrMem, src: Xmm): void;
  vmovd(dst: Xmm | GprOrMem, src: Xmm | GprOrMem): void {
    this.vgprMove(32, dst, src);
  }

  /**
   * `vmovq xmm, r64` / `vmovq xmm, xmm/m64` (zero the upper lane) / `vmovq r64/m64, xmm`, with the
   * same opcode choices as `movq`.
   */
  vmovq(dst: Xmm, src: Xmm | GprOrMem): void;
  /** `vmovq r64/m64, xmm`. */
  vmovq(dst: GprOrMem, src: Xmm): void;
  vmovq(dst: Xmm | GprOrMem, src: Xmm | GprOrMem): void {
    const start = this.buf.length;
    if (dst.kind === "xmm" && src.kind !== "gpr") {
      checkXmmOrMem(src, "vmovq", "source");
      this.vexGpr(SSE.movqLoad, false, 0, dst.num, src, -1);
      if (this.records !== null) this.note(start, "vmovq", [dst, src.kind === "mem" ? M(src, 64) : src]);
    } else if (dst.kind === "mem" && src.kind === "xmm") {
      this.vexGpr(SSE.movqStore, false, 0, src.num, dst, -1);
      if (this.records !== null) this.note(start, "vmovq", [M(dst, 64), src]);
    } else {
      this.vgprMove(64, dst, src);
    }
  }

  private vgprMove(size: 32 | 64, dst: Xmm | GprOrMem, src: Xmm | GprOrMem): void {
    const name = size === 32 ? "vmovd" : "vmovq";
    const start = this.buf.length;
    if (dst.kind === "xmm") {
      if (src.kind === "xmm")
        throw new AsmError(`${name}: one operand must be a general-purpose register or memory`);
      if (src.kind !== "mem") checkGpr(src, name, "source");
      this.vexGpr(size === 32 ? SSE.movdToXmm : SSE.movqToXmm, size === 64, 0, dst.num, src, -1);
      if (this.records !== null) this.note(start, name, [dst, RM(src, size)]);
      return;
    }
    if (src.kind !== "xmm") throw new AsmError(`${name}: one operand must be an xmm register`);
    if (dst.kind !== "mem") checkGpr(dst, name, "destination");
    this.vexGpr(size === 32 ? SSE.movdFromXmm : SSE.movqFromXmm, size === 64, 0, src.num, dst, -1);
    if (this.records !== null) this.note(start, name, [RM(dst, size), src]);
  }

  private vinsert(d: OpDef, size: Size, max: number, dst: Xmm, a: Xmm, src: GprOrMem, lane: number): void {
    checkXmm(dst, d.vname, "destination");
    checkXmm(a, d.vname, "first source");
    if (src.kind !== "mem") checkGpr(src, d.vname, "source");
    checkUimm(lane, max, d.vname, "lane");
    const start = this.buf.length;
    this.vexGpr(d, size === 64, a.num, dst.num, src, lane);
    if (this.records !== null) {
      this.note(start, d.vname, [
        dst,
        a,
        src.kind === "mem" ? M(src, d.mem) : R(src, size),
        I(lane, 8, false),
      ]);
    }
  }

  /** `vpinsrb dst, a, r32/m8, lane` (dst = a with byte lane 0..15 replaced). */
  vpinsrb(dst: Xmm, a: Xmm, src: GprOrMem, lane: number): void {
    this.vinsert(SSE.pinsrb, 32, 15, dst, a, src, lane);
  }

  /** `vpinsrw dst, a, r32/m16, lane` (lane 0..7). */
  vpinsrw(dst: Xmm, a: Xmm, src: GprOrMem, lane: number): void {
    this.vinsert(SSE.pinsrw, 32, 7, dst, a, src, lane);
  }

  /** `vpinsrd dst, a, r32/m32, lane` (lane 0..3). */
  vpinsrd(dst: Xmm, a: Xmm, src: GprOrMem, lane: number): void {
    this.vinsert(SSE.pinsrd, 32, 3, dst, a, src, lane);
  }

  /** `vpinsrq dst, a, r64/m64, lane` (lane 0..1; VEX.W1). */
  vpinsrq(dst: Xmm, a: Xmm, src: GprOrMem, lane: number): void {
    this.vinsert(SSE.pinsrq, 64, 1, dst, a, src, lane);
  }

  private vextract(d: OpDef, size: Size, max: number, dst: GprOrMem, src: Xmm, lane: number): void {
    checkXmm(src, d.vname, "source");
    if (dst.kind !== "mem") checkGpr(dst, d.vname, "destination");
    checkUimm(lane, max, d.vname, "lane");
    const start = this.buf.length;
    if (d === SSE.pextrwReg && dst.kind !== "mem") this.vexGpr(d, false, 0, dst.num, src, lane);
    else this.vexGpr(d, size === 64, 0, src.num, dst, lane);
    if (this.records !== null) {
      this.note(start, d.vname, [dst.kind === "mem" ? M(dst, d.mem) : R(dst, size), src, I(lane, 8, false)]);
    }
  }

  /** `vpextrb r32/m8, src, lane` (a register destination is zero-extended). */
  vpextrb(dst: GprOrMem, src: Xmm, lane: number): void {
    this.vextract(SSE.pextrb, 32, 15, dst, src, lane);
  }

  /** `vpextrw r32/m16, src, lane` (register: VEX 0F C5 with the GPR in ModRM.reg; memory: 0F 3A 15). */
  vpextrw(dst: GprOrMem, src: Xmm, lane: number): void {
    this.vextract(dst.kind === "mem" ? SSE.pextrw : SSE.pextrwReg, 32, 7, dst, src, lane);
  }

  /** `vpextrd r32/m32, src, lane` (lane 0..3). */
  vpextrd(dst: GprOrMem, src: Xmm, lane: number): void {
    this.vextract(SSE.pextrd, 32, 3, dst, src, lane);
  }

  /** `vpextrq r64/m64, src, lane` (lane 0..1; VEX.W1). */
  vpextrq(dst: GprOrMem, src: Xmm, lane: number): void {
    this.vextract(SSE.pextrq, 64, 1, dst, src, lane);
  }

  private vcvtFromInt(d: OpDef, dst: Xmm, a: Xmm, srcSize: Size, src: GprOrMem): void {
    checkSize(srcSize, [32, 64], d.vname, "source");
    checkXmm(dst, d.vname, "destination");
    checkXmm(a, d.vname, "first source");
    if (src.kind !== "mem") checkGpr(src, d.vname, "source");
    const start = this.buf.length;
    this.vexGpr(d, srcSize === 64, a.num, dst.num, src, -1);
    if (this.records !== null) this.note(start, d.vname, [dst, a, RM(src, srcSize)]);
  }

  /** `vcvtsi2ss dst, a, src` (signed 32/64-bit integer to f32 in the low lane, upper lanes from a). */
  vcvtsi2ss(dst: Xmm, a: Xmm, srcSize: Size, src: GprOrMem): void {
    this.vcvtFromInt(SSE.cvtsi2ss, dst, a, srcSize, src);
  }

  /** `vcvtsi2sd dst, a, src` (signed 32/64-bit integer to f64 in the low lane, upper lane from a). */
  vcvtsi2sd(dst: Xmm, a: Xmm, srcSize: Size, src: GprOrMem): void {
    this.vcvtFromInt(SSE.cvtsi2sd, dst, a, srcSize, src);
  }

  private vcvtToInt(d: OpDef, size: Size, dst: Gpr, src: XmmOrMem): void {
    checkSize(size, [32, 64], d.vname, "destination");
    checkGpr(dst, d.vname, "destination");
    checkXmmOrMem(src, d.vname, "source");
    const start = this.buf.length;
    this.vexGpr(d, size === 64, 0, dst.num, src, -1);
    if (this.records !== null)
      this.note(start, d.vname, [R(dst, size), src.kind === "mem" ? M(src, d.mem) : src]);
  }

  /** `vcvttss2si dst, src` (f32 to signed 32/64-bit, truncating). */
  vcvttss2si(size: Size, dst: Gpr, src: XmmOrMem): void {
    this.vcvtToInt(SSE.cvttss2si, size, dst, src);
  }

  /** `vcvttsd2si dst, src` (f64 to signed 32/64-bit, truncating). */
  vcvttsd2si(size: Size, dst: Gpr, src: XmmOrMem): void {
    this.vcvtToInt(SSE.cvttsd2si, size, dst, src);
  }
}
