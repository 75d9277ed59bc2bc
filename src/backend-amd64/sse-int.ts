/**
 * SSE2/SSSE3/SSE4.1 packed integer instructions (legacy encoding, 66-prefixed). Opcodes come
 * from `SSE`; the helpers they use are in sse.ts.
 */
import { I, M, RM } from "./core.js";
import { checkUimm, type OpDef } from "./encoding.js";
import { checkGpr, type GprOrMem } from "./integer.js";
import type { Gpr, Size, Xmm } from "./registers.js";
import { checkXmm, SseAsm, type XmmOrMem } from "./sse.js";
import { SSE } from "./sse-tables.js";

/** Packed integer instructions. */
export class SseIntAsm extends SseAsm {
  /** A packed shift: by an xmm/m128 count (`byReg`) or by an imm8 (`byImm`, a `/digit` form). */
  private pshift(byReg: OpDef, byImm: OpDef, dst: Xmm, count: XmmOrMem | number): void {
    if (typeof count !== "number") {
      this.xrm(byReg, dst, count);
      return;
    }
    this.shiftImm(byImm, dst, count);
  }

  private shiftImm(d: OpDef, dst: Xmm, count: number): void {
    checkXmm(dst, d.name, "destination");
    checkUimm(count, 255, d.name, "count");
    const start = this.buf.length;
    this.sseOp(d, d.ext, dst, false, count);
    if (this.records !== null) this.note(start, d.name, [dst, I(count, 8, false)]);
  }

  /** `paddb dst, src` (wrapping i8 add). */
  paddb(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.paddb, dst, src);
  }

  /** `paddw dst, src` (wrapping i16 add). */
  paddw(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.paddw, dst, src);
  }

  /** `paddd dst, src` (wrapping i32 add). */
  paddd(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.paddd, dst, src);
  }

  /** `paddq dst, src` (wrapping i64 add). */
  paddq(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.paddq, dst, src);
  }

  /** `psubb dst, src` (wrapping i8 subtract). */
  psubb(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.psubb, dst, src);
  }

  /** `psubw dst, src` (wrapping i16 subtract). */
  psubw(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.psubw, dst, src);
  }

  /** `psubd dst, src` (wrapping i32 subtract). */
  psubd(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.psubd, dst, src);
  }

  /** `psubq dst, src` (wrapping i64 subtract). */
  psubq(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.psubq, dst, src);
  }

  /** `paddsb dst, src` (saturating signed i8 add). */
  paddsb(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.paddsb, dst, src);
  }

  /** `paddsw dst, src` (saturating signed i16 add). */
  paddsw(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.paddsw, dst, src);
  }

  /** `paddusb dst, src` (saturating unsigned i8 add). */
  paddusb(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.paddusb, dst, src);
  }

  /** `paddusw dst, src` (saturating unsigned i16 add). */
  paddusw(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.paddusw, dst, src);
  }

  /** `psubsb dst, src` (saturating signed i8 subtract). */
  psubsb(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.psubsb, dst, src);
  }

  /** `psubsw dst, src` (saturating signed i16 subtract). */
  psubsw(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.psubsw, dst, src);
  }

  /** `psubusb dst, src` (saturating unsigned i8 subtract). */
  psubusb(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.psubusb, dst, src);
  }

  /** `psubusw dst, src` (saturating unsigned i16 subtract). */
  psubusw(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.psubusw, dst, src);
  }

  /** `pmullw dst, src` (low 16 bits of i16 products). */
  pmullw(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.pmullw, dst, src);
  }

  /** `pmulld dst, src` (SSE4.1; low 32 bits of i32 products). */
  pmulld(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.pmulld, dst, src);
  }

  /** `pmuludq dst, src` (unsigned 32x32->64 of the even lanes). */
  pmuludq(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.pmuludq, dst, src);
  }

  /** `pmuldq dst, src` (SSE4.1; signed 32x32->64 of the even lanes). */
  pmuldq(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.pmuldq, dst, src);
  }

  /** `pmulhw dst, src` (high 16 bits of signed i16 products). */
  pmulhw(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.pmulhw, dst, src);
  }

  /** `pmulhuw dst, src` (high 16 bits of unsigned i16 products). */
  pmulhuw(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.pmulhuw, dst, src);
  }

  /** `pmulhrsw dst, src` (SSSE3; rounded high i16 products (Q15 multiply)). */
  pmulhrsw(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.pmulhrsw, dst, src);
  }

  /** `pmaddwd dst, src` (multiply i16 pairs and add adjacent i32 products). */
  pmaddwd(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.pmaddwd, dst, src);
  }

  /** `pmaddubsw dst, src` (SSSE3; u8 x s8 products, adjacent pairs added with signed saturation). */
  pmaddubsw(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.pmaddubsw, dst, src);
  }

  /** `pand dst, src` (bitwise and). */
  pand(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.pand, dst, src);
  }

  /** `pandn dst, src` (dst = ~dst & src). */
  pandn(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.pandn, dst, src);
  }

  /** `por dst, src` (bitwise or). */
  por(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.por, dst, src);
  }

  /** `pxor dst, src` (bitwise xor). */
  pxor(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.pxor, dst, src);
  }

  /** `pcmpeqb dst, src` (i8 lanes equal: all ones). */
  pcmpeqb(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.pcmpeqb, dst, src);
  }

  /** `pcmpeqw dst, src` (i16 lanes equal). */
  pcmpeqw(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.pcmpeqw, dst, src);
  }

  /** `pcmpeqd dst, src` (i32 lanes equal). */
  pcmpeqd(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.pcmpeqd, dst, src);
  }

  /** `pcmpeqq dst, src` (SSE4.1; i64 lanes equal). */
  pcmpeqq(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.pcmpeqq, dst, src);
  }

  /** `pcmpgtb dst, src` (signed i8 greater-than). */
  pcmpgtb(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.pcmpgtb, dst, src);
  }

  /** `pcmpgtw dst, src` (signed i16 greater-than). */
  pcmpgtw(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.pcmpgtw, dst, src);
  }

  /** `pcmpgtd dst, src` (signed i32 greater-than). */
  pcmpgtd(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.pcmpgtd, dst, src);
  }

  /** `pcmpgtq dst, src` (SSE4.2; signed i64 greater-than). */
  pcmpgtq(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.pcmpgtq, dst, src);
  }

  /** `pminsb dst, src` (SSE4.1; signed i8 minimum). */
  pminsb(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.pminsb, dst, src);
  }

  /** `pminsw dst, src` (signed i16 minimum). */
  pminsw(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.pminsw, dst, src);
  }

  /** `pminsd dst, src` (SSE4.1; signed i32 minimum). */
  pminsd(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.pminsd, dst, src);
  }

  /** `pminub dst, src` (unsigned i8 minimum). */
  pminub(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.pminub, dst, src);
  }

  /** `pminuw dst, src` (SSE4.1; unsigned i16 minimum). */
  pminuw(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.pminuw, dst, src);
  }

  /** `pminud dst, src` (SSE4.1; unsigned i32 minimum). */
  pminud(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.pminud, dst, src);
  }

  /** `pmaxsb dst, src` (SSE4.1; signed i8 maximum). */
  pmaxsb(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.pmaxsb, dst, src);
  }

  /** `pmaxsw dst, src` (signed i16 maximum). */
  pmaxsw(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.pmaxsw, dst, src);
  }

  /** `pmaxsd dst, src` (SSE4.1; signed i32 maximum). */
  pmaxsd(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.pmaxsd, dst, src);
  }

  /** `pmaxub dst, src` (unsigned i8 maximum). */
  pmaxub(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.pmaxub, dst, src);
  }

  /** `pmaxuw dst, src` (SSE4.1; unsigned i16 maximum). */
  pmaxuw(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.pmaxuw, dst, src);
  }

  /** `pmaxud dst, src` (SSE4.1; unsigned i32 maximum). */
  pmaxud(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.pmaxud, dst, src);
  }

  /** `pavgb dst, src` (unsigned i8 rounding average). */
  pavgb(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.pavgb, dst, src);
  }

  /** `pavgw dst, src` (unsigned i16 rounding average). */
  pavgw(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.pavgw, dst, src);
  }

  /** `pabsb dst, src` (SSSE3; i8 absolute value). */
  pabsb(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.pabsb, dst, src);
  }

  /** `pabsw dst, src` (SSSE3; i16 absolute value). */
  pabsw(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.pabsw, dst, src);
  }

  /** `pabsd dst, src` (SSSE3; i32 absolute value). */
  pabsd(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.pabsd, dst, src);
  }

  /** `packsswb dst, src` (i16 to i8 with signed saturation). */
  packsswb(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.packsswb, dst, src);
  }

  /** `packssdw dst, src` (i32 to i16 with signed saturation). */
  packssdw(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.packssdw, dst, src);
  }

  /** `packuswb dst, src` (i16 to u8 with unsigned saturation). */
  packuswb(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.packuswb, dst, src);
  }

  /** `packusdw dst, src` (SSE4.1; i32 to u16 with unsigned saturation). */
  packusdw(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.packusdw, dst, src);
  }

  /** `punpcklbw dst, src` (interleave low i8 lanes). */
  punpcklbw(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.punpcklbw, dst, src);
  }

  /** `punpcklwd dst, src` (interleave low i16 lanes). */
  punpcklwd(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.punpcklwd, dst, src);
  }

  /** `punpckldq dst, src` (interleave low i32 lanes). */
  punpckldq(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.punpckldq, dst, src);
  }

  /** `punpcklqdq dst, src` (interleave low i64 lanes). */
  punpcklqdq(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.punpcklqdq, dst, src);
  }

  /** `punpckhbw dst, src` (interleave high i8 lanes). */
  punpckhbw(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.punpckhbw, dst, src);
  }

  /** `punpckhwd dst, src` (interleave high i16 lanes). */
  punpckhwd(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.punpckhwd, dst, src);
  }

  /** `punpckhdq dst, src` (interleave high i32 lanes). */
  punpckhdq(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.punpckhdq, dst, src);
  }

  /** `punpckhqdq dst, src` (interleave high i64 lanes). */
  punpckhqdq(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.punpckhqdq, dst, src);
  }

  /** `pshufb dst, src` (SSSE3; byte shuffle (index bit 7 zeroes the lane)). */
  pshufb(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.pshufb, dst, src);
  }

  /** `ptest dst, src` (SSE4.1; ZF = (dst & src) == 0, CF = (~dst & src) == 0). */
  ptest(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.ptest, dst, src);
  }

  /** `pmovsxbw dst, src` (SSE4.1; sign-extend the 8 low i8 to i16). */
  pmovsxbw(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.pmovsxbw, dst, src);
  }

  /** `pmovsxbd dst, src` (SSE4.1; sign-extend the 4 low i8 to i32). */
  pmovsxbd(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.pmovsxbd, dst, src);
  }

  /** `pmovsxbq dst, src` (SSE4.1; sign-extend the 2 low i8 to i64). */
  pmovsxbq(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.pmovsxbq, dst, src);
  }

  /** `pmovsxwd dst, src` (SSE4.1; sign-extend the 4 low i16 to i32). */
  pmovsxwd(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.pmovsxwd, dst, src);
  }

  /** `pmovsxwq dst, src` (SSE4.1; sign-extend the 2 low i16 to i64). */
  pmovsxwq(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.pmovsxwq, dst, src);
  }

  /** `pmovsxdq dst, src` (SSE4.1; sign-extend the 2 low i32 to i64). */
  pmovsxdq(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.pmovsxdq, dst, src);
  }

  /** `pmovzxbw dst, src` (SSE4.1; zero-extend the 8 low i8 to i16). */
  pmovzxbw(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.pmovzxbw, dst, src);
  }

  /** `pmovzxbd dst, src` (SSE4.1; zero-extend the 4 low i8 to i32). */
  pmovzxbd(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.pmovzxbd, dst, src);
  }

  /** `pmovzxbq dst, src` (SSE4.1; zero-extend the 2 low i8 to i64). */
  pmovzxbq(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.pmovzxbq, dst, src);
  }

  /** `pmovzxwd dst, src` (SSE4.1; zero-extend the 4 low i16 to i32). */
  pmovzxwd(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.pmovzxwd, dst, src);
  }

  /** `pmovzxwq dst, src` (SSE4.1; zero-extend the 2 low i16 to i64). */
  pmovzxwq(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.pmovzxwq, dst, src);
  }

  /** `pmovzxdq dst, src` (SSE4.1; zero-extend the 2 low i32 to i64). */
  pmovzxdq(dst: Xmm, src: XmmOrMem): void {
    this.xrm(SSE.pmovzxdq, dst, src);
  }

  /** `psllw dst, count` (i16 shift left by an imm8 or by the low 64 bits of an xmm/m128; counts past the lane width zero or sign-fill). */
  psllw(dst: Xmm, count: XmmOrMem | number): void {
    this.pshift(SSE.psllw, SSE.psllwImm, dst, count);
  }

  /** `pslld dst, count` (i32 shift left by an imm8 or by the low 64 bits of an xmm/m128; counts past the lane width zero or sign-fill). */
  pslld(dst: Xmm, count: XmmOrMem | number): void {
    this.pshift(SSE.pslld, SSE.pslldImm, dst, count);
  }

  /** `psllq dst, count` (i64 shift left by an imm8 or by the low 64 bits of an xmm/m128; counts past the lane width zero or sign-fill). */
  psllq(dst: Xmm, count: XmmOrMem | number): void {
    this.pshift(SSE.psllq, SSE.psllqImm, dst, count);
  }

  /** `psrlw dst, count` (i16 logical shift right by an imm8 or by the low 64 bits of an xmm/m128; counts past the lane width zero or sign-fill). */
  psrlw(dst: Xmm, count: XmmOrMem | number): void {
    this.pshift(SSE.psrlw, SSE.psrlwImm, dst, count);
  }

  /** `psrld dst, count` (i32 logical shift right by an imm8 or by the low 64 bits of an xmm/m128; counts past the lane width zero or sign-fill). */
  psrld(dst: Xmm, count: XmmOrMem | number): void {
    this.pshift(SSE.psrld, SSE.psrldImm, dst, count);
  }

  /** `psrlq dst, count` (i64 logical shift right by an imm8 or by the low 64 bits of an xmm/m128; counts past the lane width zero or sign-fill). */
  psrlq(dst: Xmm, count: XmmOrMem | number): void {
    this.pshift(SSE.psrlq, SSE.psrlqImm, dst, count);
  }

  /** `psraw dst, count` (i16 arithmetic shift right by an imm8 or by the low 64 bits of an xmm/m128; counts past the lane width zero or sign-fill). */
  psraw(dst: Xmm, count: XmmOrMem | number): void {
    this.pshift(SSE.psraw, SSE.psrawImm, dst, count);
  }

  /** `psrad dst, count` (i32 arithmetic shift right by an imm8 or by the low 64 bits of an xmm/m128; counts past the lane width zero or sign-fill). */
  psrad(dst: Xmm, count: XmmOrMem | number): void {
    this.pshift(SSE.psrad, SSE.psradImm, dst, count);
  }

  /** `pslldq dst, imm` (shift the whole register left by imm bytes; 16 or more clears it). */
  pslldq(dst: Xmm, bytes: number): void {
    this.shiftImm(SSE.pslldq, dst, bytes);
  }

  /** `psrldq dst, imm` (shift the whole register right by imm bytes). */
  psrldq(dst: Xmm, bytes: number): void {
    this.shiftImm(SSE.psrldq, dst, bytes);
  }

  /** `pshufd dst, src, imm8` (i32 lane shuffle, two bits per destination lane). */
  pshufd(dst: Xmm, src: XmmOrMem, imm: number): void {
    this.xrmi(SSE.pshufd, dst, src, imm, 255);
  }

  /** `pshuflw dst, src, imm8` (shuffle the low four i16 lanes; copy the high half). */
  pshuflw(dst: Xmm, src: XmmOrMem, imm: number): void {
    this.xrmi(SSE.pshuflw, dst, src, imm, 255);
  }

  /** `pshufhw dst, src, imm8` (shuffle the high four i16 lanes; copy the low half). */
  pshufhw(dst: Xmm, src: XmmOrMem, imm: number): void {
    this.xrmi(SSE.pshufhw, dst, src, imm, 255);
  }

  /** `palignr dst, src, imm8` (SSSE3; bytes imm.. of the 32-byte concatenation dst:src). */
  palignr(dst: Xmm, src: XmmOrMem, imm: number): void {
    this.xrmi(SSE.palignr, dst, src, imm, 255);
  }

  /** `pblendw dst, src, imm8` (SSE4.1; i16 lanes whose imm bit is set come from src). */
  pblendw(dst: Xmm, src: XmmOrMem, imm: number): void {
    this.xrmi(SSE.pblendw, dst, src, imm, 255);
  }

  /** `pblendvb dst, src, xmm0` (SSE4.1; bytes whose xmm0 sign bit is set come from src). */
  pblendvb(dst: Xmm, src: XmmOrMem): void {
    this.blendv(SSE.pblendvb, dst, src);
  }

  /** `pmovmskb r32, xmm` (the sixteen byte sign bits). */
  pmovmskb(dst: Gpr, src: Xmm): void {
    this.maskMove(SSE.pmovmskb, dst, src);
  }

  private insert(d: OpDef, size: Size, max: number, dst: Xmm, src: GprOrMem, lane: number): void {
    checkXmm(dst, d.name, "destination");
    if (src.kind !== "mem") checkGpr(src, d.name, "source");
    checkUimm(lane, max, d.name, "lane");
    const start = this.buf.length;
    this.sseOp(d, dst.num, src, size === 64, lane);
    if (this.records !== null) {
      this.note(start, d.name, [dst, src.kind === "mem" ? M(src, d.mem) : RM(src, size), I(lane, 8, false)]);
    }
  }

  /** `pinsrb dst, r32/m8, lane` (SSE4.1; lane 0..15 from the low byte). */
  pinsrb(dst: Xmm, src: GprOrMem, lane: number): void {
    this.insert(SSE.pinsrb, 32, 15, dst, src, lane);
  }

  /** `pinsrw dst, r32/m16, lane` (lane 0..7 from the low 16 bits). */
  pinsrw(dst: Xmm, src: GprOrMem, lane: number): void {
    this.insert(SSE.pinsrw, 32, 7, dst, src, lane);
  }

  /** `pinsrd dst, r32/m32, lane` (SSE4.1; lane 0..3). */
  pinsrd(dst: Xmm, src: GprOrMem, lane: number): void {
    this.insert(SSE.pinsrd, 32, 3, dst, src, lane);
  }

  /** `pinsrq dst, r64/m64, lane` (SSE4.1; lane 0..1). */
  pinsrq(dst: Xmm, src: GprOrMem, lane: number): void {
    this.insert(SSE.pinsrq, 64, 1, dst, src, lane);
  }

  /** `pextrb r32/m8, src, lane` (SSE4.1; a register destination is zero-extended). */
  pextrb(dst: GprOrMem, src: Xmm, lane: number): void {
    this.extract(SSE.pextrb, 32, 15, dst, src, lane);
  }

  /**
   * `pextrw r32/m16, src, lane` (zero-extended). A register destination uses the SSE2 form
   * 66 0F C5 (register in ModRM.reg), memory the SSE4.1 form 66 0F 3A 15.
   */
  pextrw(dst: GprOrMem, src: Xmm, lane: number): void {
    if (dst.kind === "mem") this.extract(SSE.pextrw, 16, 7, dst, src, lane);
    else this.maskMove(SSE.pextrwReg, dst, src, lane, 7);
  }

  /** `pextrd r32/m32, src, lane` (SSE4.1; lane 0..3). */
  pextrd(dst: GprOrMem, src: Xmm, lane: number): void {
    this.extract(SSE.pextrd, 32, 3, dst, src, lane);
  }

  /** `pextrq r64/m64, src, lane` (SSE4.1; lane 0..1). */
  pextrq(dst: GprOrMem, src: Xmm, lane: number): void {
    this.extract(SSE.pextrq, 64, 1, dst, src, lane);
  }
}
