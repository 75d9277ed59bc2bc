/**
 * AVX/AVX2 (VEX-encoded) instructions: non-destructive three-operand forms of the SSE operations
 * (`dst = a op b`, with `a` in VEX.vvvv), 256-bit ymm forms (VEX.L=1) for packed operations,
 * broadcasts, and four-operand variable blends (mask register in imm8[7:4]). Opcodes come from
 * `SSE`: each VEX form has the same prefix/map/opcode as its legacy form, printed with a `v`.
 * Memory widths of packed operations double with ymm; scalar, broadcast and shift-count memory
 * operands keep their width. The caller checks CPU support (AVX for float/xmm, AVX2 for ymm integer).
 */

import { AsmError } from "../backend/asm-error.js";
import { I, M } from "./core.js";
import { checkUimm, type OpDef } from "./encoding.js";
import { where } from "./integer.js";
import type { Mem } from "./operands.js";
import type { Operand } from "./printer.js";
import type { Vec, Xmm } from "./registers.js";
import { CMP_PRED_NAMES, type XmmOrMem } from "./sse.js";
import { SseIntAsm } from "./sse-int.js";
import { SSE } from "./sse-tables.js";

/** Throws unless `x` is a vector register of `kind` (`name` and `role` only go into the message). */
function checkVec(x: { readonly kind: string }, kind: string, name: string, role: string): void {
  if (x.kind !== kind) {
    throw new AsmError(
      `${where(name, role)}: expected ${kind === "xmm" ? "an" : "a"} ${kind} register, got ${x.kind}`,
    );
  }
}

/** VEX-encoded AVX/AVX2 instructions. */
export class AvxAsm extends SseIntAsm {
  /** Emits VEX instruction `d` and an optional imm8 (`imm` -1: none). */
  private vexOp(d: OpDef, l: boolean, vvvv: number, reg: number, rm: Vec | Mem, imm: number): void {
    this.vex(d.prefix, d.map, false, l, vvvv, d.opcode, reg, rm, imm >= 0 ? 1 : 0);
    if (imm >= 0) this.buf.u8(imm);
  }

  /** Listing operand for a register-or-memory source; packed memory widths double with ymm. */
  private vm(src: Vec | Mem, d: OpDef, l: boolean, fixedWidth: boolean): Operand {
    if (src.kind !== "mem") return src;
    return M(src, l && !fixedWidth ? ((d.mem * 2) as OpDef["mem"]) : d.mem);
  }

  /**
   * `v<name> dst, a, b[, imm]` (three-operand form: ModRM.reg = dst, VEX.vvvv = a, r/m = b). With
   * `fixedWidth` (shift counts) b is an xmm/m128 whatever the vector width.
   */
  private vrvm(d: OpDef, dst: Vec, a: Vec, b: Vec | Mem, imm = -1, max = 0, fixedWidth = false): void {
    const name = d.vname;
    this.checkRvm(name, dst, a, fixedWidth ? dst : b);
    if (fixedWidth && b.kind !== "mem") checkVec(b, "xmm", name, "count");
    if (imm >= 0) checkUimm(imm, max, name, "immediate");
    const l = dst.kind === "ymm";
    const start = this.buf.length;
    this.vexOp(d, l, a.num, dst.num, b, imm);
    if (this.records !== null) {
      const ops = [dst, a, this.vm(b, d, l, fixedWidth)];
      if (imm >= 0) ops.push(I(imm, 8, false));
      this.note(start, name, ops);
    }
  }

  /**
   * `v<name> dst, src[, imm]` (two-operand form, VEX.vvvv unused). With `narrowSrc` the register
   * source is always an xmm (broadcasts and pmovsx/pmovzx) and with `fixedWidth` the memory width
   * does not double for ymm.
   */
  private vrm(
    d: OpDef,
    dst: Vec,
    src: Vec | Mem,
    imm: number,
    max: number,
    narrowSrc: boolean,
    fixedWidth: boolean,
  ): void {
    const name = d.vname;
    if (dst.kind !== "ymm") checkVec(dst, "xmm", name, "destination");
    if (src.kind !== "mem") checkVec(src, narrowSrc ? "xmm" : dst.kind, name, "source");
    if (imm >= 0) checkUimm(imm, max, name, "immediate");
    const l = dst.kind === "ymm";
    const start = this.buf.length;
    this.vexOp(d, l, 0, dst.num, src, imm);
    if (this.records !== null) {
      const ops = [dst, this.vm(src, d, l, fixedWidth)];
      if (imm >= 0) ops.push(I(imm, 8, false));
      this.note(start, name, ops);
    }
  }

  /** `vrvm` for scalar and xmm-only forms: every register operand must be an xmm. */
  private vrvmX(d: OpDef, dst: Xmm, a: Xmm, b: XmmOrMem, imm = -1, max = 0): void {
    checkVec(dst, "xmm", d.vname, "destination");
    this.vrvm(d, dst, a, b, imm, max);
  }

  /** Checks the operands of a three-operand packed form: dst, a and a register b of one width. */
  private checkRvm(name: string, dst: Vec, a: Vec, b: Vec | Mem): void {
    if (dst.kind !== "ymm") checkVec(dst, "xmm", name, "destination");
    checkVec(a, dst.kind, name, "first source");
    if (b.kind !== "mem") checkVec(b, dst.kind, name, "second source");
  }

  private vcmp(d: OpDef, dst: Vec, a: Vec, b: Vec | Mem, pred: number): void {
    this.checkRvm(d.vname, dst, a, b);
    checkUimm(pred, 31, d.vname, "predicate");
    const l = dst.kind === "ymm";
    const start = this.buf.length;
    this.vexOp(d, l, a.num, dst.num, b, pred);
    if (this.records !== null) {
      this.note(start, `vcmp${CMP_PRED_NAMES[pred]}${d.name.slice(3)}`, [dst, a, this.vm(b, d, l, false)]);
    }
  }

  private vblendv(d: OpDef, dst: Vec, a: Vec, b: Vec | Mem, mask: Vec): void {
    const name = d.vname;
    this.checkRvm(name, dst, a, b);
    checkVec(mask, dst.kind, name, "mask");
    const l = dst.kind === "ymm";
    const start = this.buf.length;
    this.vexOp(d, l, a.num, dst.num, b, mask.num << 4);
    if (this.records !== null) this.note(start, name, [dst, a, this.vm(b, d, l, false), mask]);
  }

  /** Shift by an xmm/m128 count (three-operand) or by an imm8 (VEX.vvvv = dst, r/m = src, `/digit`). */
  private vshift(byReg: OpDef, byImm: OpDef, dst: Vec, src: Vec, count: XmmOrMem | number): void {
    if (typeof count !== "number") {
      this.vrvm(byReg, dst, src, count, -1, 0, true);
      return;
    }
    const name = byImm.vname;
    if (dst.kind !== "ymm") checkVec(dst, "xmm", name, "destination");
    checkVec(src, dst.kind, name, "source");
    checkUimm(count, 255, name, "count");
    const start = this.buf.length;
    this.vexOp(byImm, dst.kind === "ymm", dst.num, byImm.ext, src, count);
    if (this.records !== null) this.note(start, name, [dst, src, I(count, 8, false)]);
  }

  /**
   * A VEX move: load form for register/memory sources, store form for memory destinations. A
   * register copy from a high register (8..15) to a low one also uses the store form, so that the
   * high register sits in ModRM.reg (VEX.R, available in the 2-byte VEX) instead of r/m (VEX.B).
   */
  private vmove(load: OpDef, store: OpDef, dst: Vec | Mem, src: Vec | Mem): void {
    if (dst.kind !== "mem" && (src.kind === "mem" || src.num < 8 || dst.num >= 8)) {
      this.vrm(load, dst, src, -1, 0, false, false);
      return;
    }
    const name = store.vname;
    if (src.kind === "mem") throw new AsmError(`${name}: both operands are memory`);
    if (dst.kind !== "mem") checkVec(dst, src.kind, name, "destination");
    else if (src.kind !== "ymm") checkVec(src, "xmm", name, "source");
    const l = src.kind === "ymm";
    const start = this.buf.length;
    this.vexOp(store, l, 0, src.num, dst, -1);
    if (this.records !== null) this.note(start, name, [this.vm(dst, store, l, false), src]);
  }

  /** `vzeroupper` (clear the upper halves of all ymm registers before running legacy SSE code). */
  vzeroupper(): void {
    this.fixed("vzeroupper", [0xc5, 0xf8, 0x77]);
  }

  /** `vaddps dst, a, b` (f32 add; xmm or ymm). */
  vaddps<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.addps, dst, a, b);
  }

  /** `vaddpd dst, a, b` (f64 add; xmm or ymm). */
  vaddpd<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.addpd, dst, a, b);
  }

  /** `vsubps dst, a, b` (f32 subtract; xmm or ymm). */
  vsubps<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.subps, dst, a, b);
  }

  /** `vsubpd dst, a, b` (f64 subtract; xmm or ymm). */
  vsubpd<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.subpd, dst, a, b);
  }

  /** `vmulps dst, a, b` (f32 multiply; xmm or ymm). */
  vmulps<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.mulps, dst, a, b);
  }

  /** `vmulpd dst, a, b` (f64 multiply; xmm or ymm). */
  vmulpd<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.mulpd, dst, a, b);
  }

  /** `vdivps dst, a, b` (f32 divide; xmm or ymm). */
  vdivps<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.divps, dst, a, b);
  }

  /** `vdivpd dst, a, b` (f64 divide; xmm or ymm). */
  vdivpd<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.divpd, dst, a, b);
  }

  /** `vminps dst, a, b` (f32 minimum (SSE NaN rules); xmm or ymm). */
  vminps<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.minps, dst, a, b);
  }

  /** `vminpd dst, a, b` (f64 minimum (SSE NaN rules); xmm or ymm). */
  vminpd<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.minpd, dst, a, b);
  }

  /** `vmaxps dst, a, b` (f32 maximum (SSE NaN rules); xmm or ymm). */
  vmaxps<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.maxps, dst, a, b);
  }

  /** `vmaxpd dst, a, b` (f64 maximum (SSE NaN rules); xmm or ymm). */
  vmaxpd<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.maxpd, dst, a, b);
  }

  /** `vandps dst, a, b` (f32 bitwise and; xmm or ymm). */
  vandps<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.andps, dst, a, b);
  }

  /** `vandpd dst, a, b` (f64 bitwise and; xmm or ymm). */
  vandpd<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.andpd, dst, a, b);
  }

  /** `vandnps dst, a, b` (f32 and-not (~a & b); xmm or ymm). */
  vandnps<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.andnps, dst, a, b);
  }

  /** `vandnpd dst, a, b` (f64 and-not (~a & b); xmm or ymm). */
  vandnpd<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.andnpd, dst, a, b);
  }

  /** `vorps dst, a, b` (f32 bitwise or; xmm or ymm). */
  vorps<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.orps, dst, a, b);
  }

  /** `vorpd dst, a, b` (f64 bitwise or; xmm or ymm). */
  vorpd<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.orpd, dst, a, b);
  }

  /** `vxorps dst, a, b` (f32 bitwise xor; xmm or ymm). */
  vxorps<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.xorps, dst, a, b);
  }

  /** `vxorpd dst, a, b` (f64 bitwise xor; xmm or ymm). */
  vxorpd<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.xorpd, dst, a, b);
  }

  /** `vunpcklps dst, a, b` (f32 interleave low lanes; xmm or ymm). */
  vunpcklps<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.unpcklps, dst, a, b);
  }

  /** `vunpcklpd dst, a, b` (f64 interleave low lanes; xmm or ymm). */
  vunpcklpd<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.unpcklpd, dst, a, b);
  }

  /** `vunpckhps dst, a, b` (f32 interleave high lanes; xmm or ymm). */
  vunpckhps<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.unpckhps, dst, a, b);
  }

  /** `vunpckhpd dst, a, b` (f64 interleave high lanes; xmm or ymm). */
  vunpckhpd<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.unpckhpd, dst, a, b);
  }

  /** `vpaddb dst, a, b` (as `paddb` with a separate first source; ymm needs AVX2). */
  vpaddb<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.paddb, dst, a, b);
  }

  /** `vpaddw dst, a, b` (as `paddw` with a separate first source; ymm needs AVX2). */
  vpaddw<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.paddw, dst, a, b);
  }

  /** `vpaddd dst, a, b` (as `paddd` with a separate first source; ymm needs AVX2). */
  vpaddd<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.paddd, dst, a, b);
  }

  /** `vpaddq dst, a, b` (as `paddq` with a separate first source; ymm needs AVX2). */
  vpaddq<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.paddq, dst, a, b);
  }

  /** `vpsubb dst, a, b` (as `psubb` with a separate first source; ymm needs AVX2). */
  vpsubb<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.psubb, dst, a, b);
  }

  /** `vpsubw dst, a, b` (as `psubw` with a separate first source; ymm needs AVX2). */
  vpsubw<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.psubw, dst, a, b);
  }

  /** `vpsubd dst, a, b` (as `psubd` with a separate first source; ymm needs AVX2). */
  vpsubd<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.psubd, dst, a, b);
  }

  /** `vpsubq dst, a, b` (as `psubq` with a separate first source; ymm needs AVX2). */
  vpsubq<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.psubq, dst, a, b);
  }

  /** `vpaddsb dst, a, b` (as `paddsb` with a separate first source; ymm needs AVX2). */
  vpaddsb<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.paddsb, dst, a, b);
  }

  /** `vpaddsw dst, a, b` (as `paddsw` with a separate first source; ymm needs AVX2). */
  vpaddsw<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.paddsw, dst, a, b);
  }

  /** `vpaddusb dst, a, b` (as `paddusb` with a separate first source; ymm needs AVX2). */
  vpaddusb<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.paddusb, dst, a, b);
  }

  /** `vpaddusw dst, a, b` (as `paddusw` with a separate first source; ymm needs AVX2). */
  vpaddusw<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.paddusw, dst, a, b);
  }

  /** `vpsubsb dst, a, b` (as `psubsb` with a separate first source; ymm needs AVX2). */
  vpsubsb<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.psubsb, dst, a, b);
  }

  /** `vpsubsw dst, a, b` (as `psubsw` with a separate first source; ymm needs AVX2). */
  vpsubsw<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.psubsw, dst, a, b);
  }

  /** `vpsubusb dst, a, b` (as `psubusb` with a separate first source; ymm needs AVX2). */
  vpsubusb<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.psubusb, dst, a, b);
  }

  /** `vpsubusw dst, a, b` (as `psubusw` with a separate first source; ymm needs AVX2). */
  vpsubusw<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.psubusw, dst, a, b);
  }

  /** `vpmullw dst, a, b` (as `pmullw` with a separate first source; ymm needs AVX2). */
  vpmullw<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.pmullw, dst, a, b);
  }

  /** `vpmulld dst, a, b` (as `pmulld` with a separate first source; ymm needs AVX2). */
  vpmulld<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.pmulld, dst, a, b);
  }

  /** `vpmuludq dst, a, b` (as `pmuludq` with a separate first source; ymm needs AVX2). */
  vpmuludq<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.pmuludq, dst, a, b);
  }

  /** `vpmuldq dst, a, b` (as `pmuldq` with a separate first source; ymm needs AVX2). */
  vpmuldq<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.pmuldq, dst, a, b);
  }

  /** `vpmulhw dst, a, b` (as `pmulhw` with a separate first source; ymm needs AVX2). */
  vpmulhw<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.pmulhw, dst, a, b);
  }

  /** `vpmulhuw dst, a, b` (as `pmulhuw` with a separate first source; ymm needs AVX2). */
  vpmulhuw<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.pmulhuw, dst, a, b);
  }

  /** `vpmulhrsw dst, a, b` (as `pmulhrsw` with a separate first source; ymm needs AVX2). */
  vpmulhrsw<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.pmulhrsw, dst, a, b);
  }

  /** `vpmaddwd dst, a, b` (as `pmaddwd` with a separate first source; ymm needs AVX2). */
  vpmaddwd<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.pmaddwd, dst, a, b);
  }

  /** `vpmaddubsw dst, a, b` (as `pmaddubsw` with a separate first source; ymm needs AVX2). */
  vpmaddubsw<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.pmaddubsw, dst, a, b);
  }

  /** `vpand dst, a, b` (as `pand` with a separate first source; ymm needs AVX2). */
  vpand<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.pand, dst, a, b);
  }

  /** `vpandn dst, a, b` (as `pandn` with a separate first source; ymm needs AVX2). */
  vpandn<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.pandn, dst, a, b);
  }

  /** `vpor dst, a, b` (as `por` with a separate first source; ymm needs AVX2). */
  vpor<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.por, dst, a, b);
  }

  /** `vpxor dst, a, b` (as `pxor` with a separate first source; ymm needs AVX2). */
  vpxor<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.pxor, dst, a, b);
  }

  /** `vpcmpeqb dst, a, b` (as `pcmpeqb` with a separate first source; ymm needs AVX2). */
  vpcmpeqb<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.pcmpeqb, dst, a, b);
  }

  /** `vpcmpeqw dst, a, b` (as `pcmpeqw` with a separate first source; ymm needs AVX2). */
  vpcmpeqw<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.pcmpeqw, dst, a, b);
  }

  /** `vpcmpeqd dst, a, b` (as `pcmpeqd` with a separate first source; ymm needs AVX2). */
  vpcmpeqd<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.pcmpeqd, dst, a, b);
  }

  /** `vpcmpeqq dst, a, b` (as `pcmpeqq` with a separate first source; ymm needs AVX2). */
  vpcmpeqq<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.pcmpeqq, dst, a, b);
  }

  /** `vpcmpgtb dst, a, b` (as `pcmpgtb` with a separate first source; ymm needs AVX2). */
  vpcmpgtb<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.pcmpgtb, dst, a, b);
  }

  /** `vpcmpgtw dst, a, b` (as `pcmpgtw` with a separate first source; ymm needs AVX2). */
  vpcmpgtw<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.pcmpgtw, dst, a, b);
  }

  /** `vpcmpgtd dst, a, b` (as `pcmpgtd` with a separate first source; ymm needs AVX2). */
  vpcmpgtd<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.pcmpgtd, dst, a, b);
  }

  /** `vpcmpgtq dst, a, b` (as `pcmpgtq` with a separate first source; ymm needs AVX2). */
  vpcmpgtq<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.pcmpgtq, dst, a, b);
  }

  /** `vpminsb dst, a, b` (as `pminsb` with a separate first source; ymm needs AVX2). */
  vpminsb<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.pminsb, dst, a, b);
  }

  /** `vpminsw dst, a, b` (as `pminsw` with a separate first source; ymm needs AVX2). */
  vpminsw<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.pminsw, dst, a, b);
  }

  /** `vpminsd dst, a, b` (as `pminsd` with a separate first source; ymm needs AVX2). */
  vpminsd<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.pminsd, dst, a, b);
  }

  /** `vpminub dst, a, b` (as `pminub` with a separate first source; ymm needs AVX2). */
  vpminub<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.pminub, dst, a, b);
  }

  /** `vpminuw dst, a, b` (as `pminuw` with a separate first source; ymm needs AVX2). */
  vpminuw<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.pminuw, dst, a, b);
  }

  /** `vpminud dst, a, b` (as `pminud` with a separate first source; ymm needs AVX2). */
  vpminud<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.pminud, dst, a, b);
  }

  /** `vpmaxsb dst, a, b` (as `pmaxsb` with a separate first source; ymm needs AVX2). */
  vpmaxsb<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.pmaxsb, dst, a, b);
  }

  /** `vpmaxsw dst, a, b` (as `pmaxsw` with a separate first source; ymm needs AVX2). */
  vpmaxsw<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.pmaxsw, dst, a, b);
  }

  /** `vpmaxsd dst, a, b` (as `pmaxsd` with a separate first source; ymm needs AVX2). */
  vpmaxsd<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.pmaxsd, dst, a, b);
  }

  /** `vpmaxub dst, a, b` (as `pmaxub` with a separate first source; ymm needs AVX2). */
  vpmaxub<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.pmaxub, dst, a, b);
  }

  /** `vpmaxuw dst, a, b` (as `pmaxuw` with a separate first source; ymm needs AVX2). */
  vpmaxuw<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.pmaxuw, dst, a, b);
  }

  /** `vpmaxud dst, a, b` (as `pmaxud` with a separate first source; ymm needs AVX2). */
  vpmaxud<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.pmaxud, dst, a, b);
  }

  /** `vpavgb dst, a, b` (as `pavgb` with a separate first source; ymm needs AVX2). */
  vpavgb<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.pavgb, dst, a, b);
  }

  /** `vpavgw dst, a, b` (as `pavgw` with a separate first source; ymm needs AVX2). */
  vpavgw<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.pavgw, dst, a, b);
  }

  /** `vpshufb dst, a, b` (as `pshufb` with a separate first source; ymm needs AVX2). */
  vpshufb<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.pshufb, dst, a, b);
  }

  /** `vpacksswb dst, a, b` (as `packsswb` with a separate first source; ymm needs AVX2). */
  vpacksswb<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.packsswb, dst, a, b);
  }

  /** `vpackssdw dst, a, b` (as `packssdw` with a separate first source; ymm needs AVX2). */
  vpackssdw<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.packssdw, dst, a, b);
  }

  /** `vpackuswb dst, a, b` (as `packuswb` with a separate first source; ymm needs AVX2). */
  vpackuswb<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.packuswb, dst, a, b);
  }

  /** `vpackusdw dst, a, b` (as `packusdw` with a separate first source; ymm needs AVX2). */
  vpackusdw<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.packusdw, dst, a, b);
  }

  /** `vpunpcklbw dst, a, b` (as `punpcklbw` with a separate first source; ymm needs AVX2). */
  vpunpcklbw<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.punpcklbw, dst, a, b);
  }

  /** `vpunpcklwd dst, a, b` (as `punpcklwd` with a separate first source; ymm needs AVX2). */
  vpunpcklwd<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.punpcklwd, dst, a, b);
  }

  /** `vpunpckldq dst, a, b` (as `punpckldq` with a separate first source; ymm needs AVX2). */
  vpunpckldq<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.punpckldq, dst, a, b);
  }

  /** `vpunpcklqdq dst, a, b` (as `punpcklqdq` with a separate first source; ymm needs AVX2). */
  vpunpcklqdq<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.punpcklqdq, dst, a, b);
  }

  /** `vpunpckhbw dst, a, b` (as `punpckhbw` with a separate first source; ymm needs AVX2). */
  vpunpckhbw<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.punpckhbw, dst, a, b);
  }

  /** `vpunpckhwd dst, a, b` (as `punpckhwd` with a separate first source; ymm needs AVX2). */
  vpunpckhwd<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.punpckhwd, dst, a, b);
  }

  /** `vpunpckhdq dst, a, b` (as `punpckhdq` with a separate first source; ymm needs AVX2). */
  vpunpckhdq<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.punpckhdq, dst, a, b);
  }

  /** `vpunpckhqdq dst, a, b` (as `punpckhqdq` with a separate first source; ymm needs AVX2). */
  vpunpckhqdq<V extends Vec>(dst: V, a: V, b: V | Mem): void {
    this.vrvm(SSE.punpckhqdq, dst, a, b);
  }

  /** `vaddss dst, a, b` (low lane from `addss` of a and b, upper lanes from a). */
  vaddss(dst: Xmm, a: Xmm, b: XmmOrMem): void {
    this.vrvmX(SSE.addss, dst, a, b);
  }

  /** `vaddsd dst, a, b` (low lane from `addsd` of a and b, upper lanes from a). */
  vaddsd(dst: Xmm, a: Xmm, b: XmmOrMem): void {
    this.vrvmX(SSE.addsd, dst, a, b);
  }

  /** `vsubss dst, a, b` (low lane from `subss` of a and b, upper lanes from a). */
  vsubss(dst: Xmm, a: Xmm, b: XmmOrMem): void {
    this.vrvmX(SSE.subss, dst, a, b);
  }

  /** `vsubsd dst, a, b` (low lane from `subsd` of a and b, upper lanes from a). */
  vsubsd(dst: Xmm, a: Xmm, b: XmmOrMem): void {
    this.vrvmX(SSE.subsd, dst, a, b);
  }

  /** `vmulss dst, a, b` (low lane from `mulss` of a and b, upper lanes from a). */
  vmulss(dst: Xmm, a: Xmm, b: XmmOrMem): void {
    this.vrvmX(SSE.mulss, dst, a, b);
  }

  /** `vmulsd dst, a, b` (low lane from `mulsd` of a and b, upper lanes from a). */
  vmulsd(dst: Xmm, a: Xmm, b: XmmOrMem): void {
    this.vrvmX(SSE.mulsd, dst, a, b);
  }

  /** `vdivss dst, a, b` (low lane from `divss` of a and b, upper lanes from a). */
  vdivss(dst: Xmm, a: Xmm, b: XmmOrMem): void {
    this.vrvmX(SSE.divss, dst, a, b);
  }

  /** `vdivsd dst, a, b` (low lane from `divsd` of a and b, upper lanes from a). */
  vdivsd(dst: Xmm, a: Xmm, b: XmmOrMem): void {
    this.vrvmX(SSE.divsd, dst, a, b);
  }

  /** `vminss dst, a, b` (low lane from `minss` of a and b, upper lanes from a). */
  vminss(dst: Xmm, a: Xmm, b: XmmOrMem): void {
    this.vrvmX(SSE.minss, dst, a, b);
  }

  /** `vminsd dst, a, b` (low lane from `minsd` of a and b, upper lanes from a). */
  vminsd(dst: Xmm, a: Xmm, b: XmmOrMem): void {
    this.vrvmX(SSE.minsd, dst, a, b);
  }

  /** `vmaxss dst, a, b` (low lane from `maxss` of a and b, upper lanes from a). */
  vmaxss(dst: Xmm, a: Xmm, b: XmmOrMem): void {
    this.vrvmX(SSE.maxss, dst, a, b);
  }

  /** `vmaxsd dst, a, b` (low lane from `maxsd` of a and b, upper lanes from a). */
  vmaxsd(dst: Xmm, a: Xmm, b: XmmOrMem): void {
    this.vrvmX(SSE.maxsd, dst, a, b);
  }

  /** `vsqrtss dst, a, b` (low lane from `sqrtss` of a and b, upper lanes from a). */
  vsqrtss(dst: Xmm, a: Xmm, b: XmmOrMem): void {
    this.vrvmX(SSE.sqrtss, dst, a, b);
  }

  /** `vsqrtsd dst, a, b` (low lane from `sqrtsd` of a and b, upper lanes from a). */
  vsqrtsd(dst: Xmm, a: Xmm, b: XmmOrMem): void {
    this.vrvmX(SSE.sqrtsd, dst, a, b);
  }

  /** `vsqrtps dst, src` (VEX form of `sqrtps`). */
  vsqrtps<V extends Vec>(dst: V, src: V | Mem): void {
    this.vrm(SSE.sqrtps, dst, src, -1, 0, false, false);
  }

  /** `vsqrtpd dst, src` (VEX form of `sqrtpd`). */
  vsqrtpd<V extends Vec>(dst: V, src: V | Mem): void {
    this.vrm(SSE.sqrtpd, dst, src, -1, 0, false, false);
  }

  /** `vcvtdq2ps dst, src` (VEX form of `cvtdq2ps`). */
  vcvtdq2ps<V extends Vec>(dst: V, src: V | Mem): void {
    this.vrm(SSE.cvtdq2ps, dst, src, -1, 0, false, false);
  }

  /** `vcvttps2dq dst, src` (VEX form of `cvttps2dq`). */
  vcvttps2dq<V extends Vec>(dst: V, src: V | Mem): void {
    this.vrm(SSE.cvttps2dq, dst, src, -1, 0, false, false);
  }

  /** `vpabsb dst, src` (VEX form of `pabsb`). */
  vpabsb<V extends Vec>(dst: V, src: V | Mem): void {
    this.vrm(SSE.pabsb, dst, src, -1, 0, false, false);
  }

  /** `vpabsw dst, src` (VEX form of `pabsw`). */
  vpabsw<V extends Vec>(dst: V, src: V | Mem): void {
    this.vrm(SSE.pabsw, dst, src, -1, 0, false, false);
  }

  /** `vpabsd dst, src` (VEX form of `pabsd`). */
  vpabsd<V extends Vec>(dst: V, src: V | Mem): void {
    this.vrm(SSE.pabsd, dst, src, -1, 0, false, false);
  }

  /** `vptest dst, src` (VEX form of `ptest`). */
  vptest<V extends Vec>(dst: V, src: V | Mem): void {
    this.vrm(SSE.ptest, dst, src, -1, 0, false, false);
  }

  /** `vpmovsxbw dst, src` (VEX form of `pmovsxbw`; a ymm destination widens twice as many lanes). */
  vpmovsxbw(dst: Vec, src: XmmOrMem): void {
    this.vrm(SSE.pmovsxbw, dst, src, -1, 0, true, false);
  }

  /** `vpmovsxbd dst, src` (VEX form of `pmovsxbd`; a ymm destination widens twice as many lanes). */
  vpmovsxbd(dst: Vec, src: XmmOrMem): void {
    this.vrm(SSE.pmovsxbd, dst, src, -1, 0, true, false);
  }

  /** `vpmovsxbq dst, src` (VEX form of `pmovsxbq`; a ymm destination widens twice as many lanes). */
  vpmovsxbq(dst: Vec, src: XmmOrMem): void {
    this.vrm(SSE.pmovsxbq, dst, src, -1, 0, true, false);
  }

  /** `vpmovsxwd dst, src` (VEX form of `pmovsxwd`; a ymm destination widens twice as many lanes). */
  vpmovsxwd(dst: Vec, src: XmmOrMem): void {
    this.vrm(SSE.pmovsxwd, dst, src, -1, 0, true, false);
  }

  /** `vpmovsxwq dst, src` (VEX form of `pmovsxwq`; a ymm destination widens twice as many lanes). */
  vpmovsxwq(dst: Vec, src: XmmOrMem): void {
    this.vrm(SSE.pmovsxwq, dst, src, -1, 0, true, false);
  }

  /** `vpmovsxdq dst, src` (VEX form of `pmovsxdq`; a ymm destination widens twice as many lanes). */
  vpmovsxdq(dst: Vec, src: XmmOrMem): void {
    this.vrm(SSE.pmovsxdq, dst, src, -1, 0, true, false);
  }

  /** `vpmovzxbw dst, src` (VEX form of `pmovzxbw`; a ymm destination widens twice as many lanes). */
  vpmovzxbw(dst: Vec, src: XmmOrMem): void {
    this.vrm(SSE.pmovzxbw, dst, src, -1, 0, true, false);
  }

  /** `vpmovzxbd dst, src` (VEX form of `pmovzxbd`; a ymm destination widens twice as many lanes). */
  vpmovzxbd(dst: Vec, src: XmmOrMem): void {
    this.vrm(SSE.pmovzxbd, dst, src, -1, 0, true, false);
  }

  /** `vpmovzxbq dst, src` (VEX form of `pmovzxbq`; a ymm destination widens twice as many lanes). */
  vpmovzxbq(dst: Vec, src: XmmOrMem): void {
    this.vrm(SSE.pmovzxbq, dst, src, -1, 0, true, false);
  }

  /** `vpmovzxwd dst, src` (VEX form of `pmovzxwd`; a ymm destination widens twice as many lanes). */
  vpmovzxwd(dst: Vec, src: XmmOrMem): void {
    this.vrm(SSE.pmovzxwd, dst, src, -1, 0, true, false);
  }

  /** `vpmovzxwq dst, src` (VEX form of `pmovzxwq`; a ymm destination widens twice as many lanes). */
  vpmovzxwq(dst: Vec, src: XmmOrMem): void {
    this.vrm(SSE.pmovzxwq, dst, src, -1, 0, true, false);
  }

  /** `vpmovzxdq dst, src` (VEX form of `pmovzxdq`; a ymm destination widens twice as many lanes). */
  vpmovzxdq(dst: Vec, src: XmmOrMem): void {
    this.vrm(SSE.pmovzxdq, dst, src, -1, 0, true, false);
  }

  /** `vbroadcastss dst, src` (copy the low f32 of an xmm or memory to every lane; register source needs AVX2). */
  vbroadcastss(dst: Vec, src: XmmOrMem): void {
    this.vrm(SSE.vbroadcastss, dst, src, -1, 0, true, true);
  }

  /** `vpbroadcastb dst, src` (copy the low i8 (AVX2) of an xmm or memory to every lane; register source needs AVX2). */
  vpbroadcastb(dst: Vec, src: XmmOrMem): void {
    this.vrm(SSE.vpbroadcastb, dst, src, -1, 0, true, true);
  }

  /** `vpbroadcastw dst, src` (copy the low i16 (AVX2) of an xmm or memory to every lane; register source needs AVX2). */
  vpbroadcastw(dst: Vec, src: XmmOrMem): void {
    this.vrm(SSE.vpbroadcastw, dst, src, -1, 0, true, true);
  }

  /** `vpbroadcastd dst, src` (copy the low i32 (AVX2) of an xmm or memory to every lane; register source needs AVX2). */
  vpbroadcastd(dst: Vec, src: XmmOrMem): void {
    this.vrm(SSE.vpbroadcastd, dst, src, -1, 0, true, true);
  }

  /** `vpbroadcastq dst, src` (copy the low i64 (AVX2) of an xmm or memory to every lane; register source needs AVX2). */
  vpbroadcastq(dst: Vec, src: XmmOrMem): void {
    this.vrm(SSE.vpbroadcastq, dst, src, -1, 0, true, true);
  }

  /** `vshufps dst, a, b, imm8` (f32 shuffle). */
  vshufps<V extends Vec>(dst: V, a: V, b: V | Mem, imm: number): void {
    this.vrvm(SSE.shufps, dst, a, b, imm, 255);
  }

  /** `vshufpd dst, a, b, imm8` (f64 shuffle). */
  vshufpd<V extends Vec>(dst: V, a: V, b: V | Mem, imm: number): void {
    this.vrvm(SSE.shufpd, dst, a, b, imm, 255);
  }

  /** `vblendps dst, a, b, imm8` (f32 blend by imm). */
  vblendps<V extends Vec>(dst: V, a: V, b: V | Mem, imm: number): void {
    this.vrvm(SSE.blendps, dst, a, b, imm, 255);
  }

  /** `vblendpd dst, a, b, imm8` (f64 blend by imm). */
  vblendpd<V extends Vec>(dst: V, a: V, b: V | Mem, imm: number): void {
    this.vrvm(SSE.blendpd, dst, a, b, imm, 15);
  }

  /** `vpalignr dst, a, b, imm8` (byte align per 128-bit half). */
  vpalignr<V extends Vec>(dst: V, a: V, b: V | Mem, imm: number): void {
    this.vrvm(SSE.palignr, dst, a, b, imm, 255);
  }

  /** `vpblendw dst, a, b, imm8` (i16 blend by imm). */
  vpblendw<V extends Vec>(dst: V, a: V, b: V | Mem, imm: number): void {
    this.vrvm(SSE.pblendw, dst, a, b, imm, 255);
  }

  /** `vcmp<pred>ps dst, a, b` (predicate 0..31; see `CmpPred` and `CMP_PRED_NAMES`). */
  vcmpps<V extends Vec>(dst: V, a: V, b: V | Mem, pred: number): void {
    this.vcmp(SSE.cmpps, dst, a, b, pred);
  }

  /** `vcmp<pred>pd dst, a, b` (predicate 0..31; see `CmpPred` and `CMP_PRED_NAMES`). */
  vcmppd<V extends Vec>(dst: V, a: V, b: V | Mem, pred: number): void {
    this.vcmp(SSE.cmppd, dst, a, b, pred);
  }

  /** `vroundps dst, src, imm8` (VEX form of `roundps`). */
  vroundps<V extends Vec>(dst: V, src: V | Mem, imm: number): void {
    this.vrm(SSE.roundps, dst, src, imm, 15, false, false);
  }

  /** `vroundpd dst, src, imm8` (VEX form of `roundpd`). */
  vroundpd<V extends Vec>(dst: V, src: V | Mem, imm: number): void {
    this.vrm(SSE.roundpd, dst, src, imm, 15, false, false);
  }

  /** `vpshufd dst, src, imm8` (VEX form of `pshufd`). */
  vpshufd<V extends Vec>(dst: V, src: V | Mem, imm: number): void {
    this.vrm(SSE.pshufd, dst, src, imm, 255, false, false);
  }

  /** `vpshuflw dst, src, imm8` (VEX form of `pshuflw`). */
  vpshuflw<V extends Vec>(dst: V, src: V | Mem, imm: number): void {
    this.vrm(SSE.pshuflw, dst, src, imm, 255, false, false);
  }

  /** `vpshufhw dst, src, imm8` (VEX form of `pshufhw`). */
  vpshufhw<V extends Vec>(dst: V, src: V | Mem, imm: number): void {
    this.vrm(SSE.pshufhw, dst, src, imm, 255, false, false);
  }

  /** `vroundss dst, a, b, mode` (low lane rounded from b, upper lanes from a; see `RoundMode`). */
  vroundss(dst: Xmm, a: Xmm, b: XmmOrMem, mode: number): void {
    this.vrvmX(SSE.roundss, dst, a, b, mode, 15);
  }

  /** `vroundsd dst, a, b, mode` (low lane rounded from b, upper lanes from a; see `RoundMode`). */
  vroundsd(dst: Xmm, a: Xmm, b: XmmOrMem, mode: number): void {
    this.vrvmX(SSE.roundsd, dst, a, b, mode, 15);
  }

  /** `vinsertps dst, a, b, imm8` (as `insertps`, other lanes from a). */
  vinsertps(dst: Xmm, a: Xmm, b: XmmOrMem, imm: number): void {
    this.vrvmX(SSE.insertps, dst, a, b, imm, 255);
  }

  /** `vblendvps dst, a, b, mask` (lanes whose mask sign bit is set come from b; the mask is any register). */
  vblendvps<V extends Vec>(dst: V, a: V, b: V | Mem, mask: V): void {
    this.vblendv(SSE.vblendvps, dst, a, b, mask);
  }

  /** `vblendvpd dst, a, b, mask` (lanes whose mask sign bit is set come from b; the mask is any register). */
  vblendvpd<V extends Vec>(dst: V, a: V, b: V | Mem, mask: V): void {
    this.vblendv(SSE.vblendvpd, dst, a, b, mask);
  }

  /** `vpblendvb dst, a, b, mask` (lanes whose mask sign bit is set come from b; the mask is any register). */
  vpblendvb<V extends Vec>(dst: V, a: V, b: V | Mem, mask: V): void {
    this.vblendv(SSE.vpblendvb, dst, a, b, mask);
  }

  /** `vpsllw dst, src, count` (by an imm8, or by the low 64 bits of an xmm/m128 count). */
  vpsllw<V extends Vec>(dst: V, src: V, count: XmmOrMem | number): void {
    this.vshift(SSE.psllw, SSE.psllwImm, dst, src, count);
  }

  /** `vpslld dst, src, count` (by an imm8, or by the low 64 bits of an xmm/m128 count). */
  vpslld<V extends Vec>(dst: V, src: V, count: XmmOrMem | number): void {
    this.vshift(SSE.pslld, SSE.pslldImm, dst, src, count);
  }

  /** `vpsllq dst, src, count` (by an imm8, or by the low 64 bits of an xmm/m128 count). */
  vpsllq<V extends Vec>(dst: V, src: V, count: XmmOrMem | number): void {
    this.vshift(SSE.psllq, SSE.psllqImm, dst, src, count);
  }

  /** `vpsrlw dst, src, count` (by an imm8, or by the low 64 bits of an xmm/m128 count). */
  vpsrlw<V extends Vec>(dst: V, src: V, count: XmmOrMem | number): void {
    this.vshift(SSE.psrlw, SSE.psrlwImm, dst, src, count);
  }

  /** `vpsrld dst, src, count` (by an imm8, or by the low 64 bits of an xmm/m128 count). */
  vpsrld<V extends Vec>(dst: V, src: V, count: XmmOrMem | number): void {
    this.vshift(SSE.psrld, SSE.psrldImm, dst, src, count);
  }

  /** `vpsrlq dst, src, count` (by an imm8, or by the low 64 bits of an xmm/m128 count). */
  vpsrlq<V extends Vec>(dst: V, src: V, count: XmmOrMem | number): void {
    this.vshift(SSE.psrlq, SSE.psrlqImm, dst, src, count);
  }

  /** `vpsraw dst, src, count` (by an imm8, or by the low 64 bits of an xmm/m128 count). */
  vpsraw<V extends Vec>(dst: V, src: V, count: XmmOrMem | number): void {
    this.vshift(SSE.psraw, SSE.psrawImm, dst, src, count);
  }

  /** `vpsrad dst, src, count` (by an imm8, or by the low 64 bits of an xmm/m128 count). */
  vpsrad<V extends Vec>(dst: V, src: V, count: XmmOrMem | number): void {
    this.vshift(SSE.psrad, SSE.psradImm, dst, src, count);
  }

  /** `vpslldq dst, src, bytes` (byte shift within each 128-bit half). */
  vpslldq<V extends Vec>(dst: V, src: V, bytes: number): void {
    this.vshift(SSE.pslldq, SSE.pslldq, dst, src, bytes);
  }

  /** `vpsrldq dst, src, bytes` (byte shift within each 128-bit half). */
  vpsrldq<V extends Vec>(dst: V, src: V, bytes: number): void {
    this.vshift(SSE.psrldq, SSE.psrldq, dst, src, bytes);
  }

  /** `vmovaps dst, src` (load or register copy; xmm or ymm). */
  vmovaps<V extends Vec>(dst: V, src: V | Mem): void;
  /** `vmovaps mem, src` (store). */
  vmovaps(dst: Mem, src: Vec): void;
  vmovaps(dst: Vec | Mem, src: Vec | Mem): void {
    this.vmove(SSE.movaps, SSE.movapsStore, dst, src);
  }

  /** `vmovups dst, src` (load or register copy; xmm or ymm). */
  vmovups<V extends Vec>(dst: V, src: V | Mem): void;
  /** `vmovups mem, src` (store). */
  vmovups(dst: Mem, src: Vec): void;
  vmovups(dst: Vec | Mem, src: Vec | Mem): void {
    this.vmove(SSE.movups, SSE.movupsStore, dst, src);
  }

  /** `vmovapd dst, src` (load or register copy; xmm or ymm). */
  vmovapd<V extends Vec>(dst: V, src: V | Mem): void;
  /** `vmovapd mem, src` (store). */
  vmovapd(dst: Mem, src: Vec): void;
  vmovapd(dst: Vec | Mem, src: Vec | Mem): void {
    this.vmove(SSE.movapd, SSE.movapdStore, dst, src);
  }

  /** `vmovupd dst, src` (load or register copy; xmm or ymm). */
  vmovupd<V extends Vec>(dst: V, src: V | Mem): void;
  /** `vmovupd mem, src` (store). */
  vmovupd(dst: Mem, src: Vec): void;
  vmovupd(dst: Vec | Mem, src: Vec | Mem): void {
    this.vmove(SSE.movupd, SSE.movupdStore, dst, src);
  }

  /** `vmovdqa dst, src` (load or register copy; xmm or ymm). */
  vmovdqa<V extends Vec>(dst: V, src: V | Mem): void;
  /** `vmovdqa mem, src` (store). */
  vmovdqa(dst: Mem, src: Vec): void;
  vmovdqa(dst: Vec | Mem, src: Vec | Mem): void {
    this.vmove(SSE.movdqa, SSE.movdqaStore, dst, src);
  }

  /** `vmovdqu dst, src` (load or register copy; xmm or ymm). */
  vmovdqu<V extends Vec>(dst: V, src: V | Mem): void;
  /** `vmovdqu mem, src` (store). */
  vmovdqu(dst: Mem, src: Vec): void;
  vmovdqu(dst: Vec | Mem, src: Vec | Mem): void {
    this.vmove(SSE.movdqu, SSE.movdquStore, dst, src);
  }
}
