/**
 * General-purpose integer instructions. Every operation takes its operand size explicitly
 * (`S8`/`S16`/`S32`/`S64`); 16-bit forms get the 66 prefix, 64-bit forms REX.W, and 8-bit forms
 * use the byte opcodes (with an empty REX when spl/bpl/sil/dil are involved).
 *
 * Immediates: 8/16/32-bit operations take any value that fits the size signed or unsigned; 64-bit
 * operations take a sign-extended 32-bit immediate (use `movImm64` for wider constants). ALU
 * operations, `push` and `imul3` use the sign-extended imm8 form whenever the value fits in it,
 * and ALU operations on rax/eax/ax/al use the short accumulator opcodes otherwise.
 */

import { AsmError } from "../backend/asm-error.js";
import { AsmCore, I, M, R, RM, type Rm } from "./core.js";
import { checkImm, checkUimm, isInt8, type OpMap, type Prefix } from "./encoding.js";
import { type Mem, mem } from "./operands.js";
import { COND_SUFFIX, type Cond, type Gpr, rax, rcx, rdi, rsi, type Size } from "./registers.js";

/** A general-purpose register or memory operand. */
export type GprOrMem = Gpr | Mem;

/** Shift/rotate count: an immediate or the `cl` register. */
export type ShiftCount = number | "cl";

const ALU = { add: 0, or: 1, adc: 2, sbb: 3, and: 4, sub: 5, xor: 6, cmp: 7 } as const;
type AluName = keyof typeof ALU;
const SHIFT = { rol: 0, ror: 1, shl: 4, shr: 5, sar: 7 } as const;
type ShiftName = keyof typeof SHIFT;
/** ModRM.reg extensions of the F6/F7 (and FE/FF) unary group. */
const UNARY = { inc: 0, dec: 1, not: 2, neg: 3, mul: 4, div: 6, idiv: 7 } as const;
type UnaryName = keyof typeof UNARY;

/** Immediate bytes emitted for a `size`-bit operation (64-bit operations use imm32). */
function immBytes(size: Size): number {
  return size === 8 ? 1 : size === 16 ? 2 : 4;
}

/** Whether a byte access to `r` needs a REX prefix (spl/bpl/sil/dil, not ah/ch/dh/bh). */
function byteRex(r: Rm): boolean {
  return r.kind === "gpr" && r.num >= 4 && r.num < 8;
}

/** Capstone prints sign-extended immediates of these operations unsigned. */
function printsUnsigned(name: string): boolean {
  return name === "and" || name === "or" || name === "xor" || name === "mov";
}

/** `name role` for messages (just `name` when `role` is empty); only called when a check fails. */
export function where(name: string, role: string): string {
  return role === "" ? name : `${name} ${role}`;
}

/**
 * Throws unless `r` is a general-purpose register (guards against casts and untyped callers).
 * `name` (the mnemonic) and `role` (the operand's part) only go into the message.
 */
export function checkGpr(r: { readonly kind: string }, name: string, role: string): void {
  if (r.kind !== "gpr")
    throw new AsmError(`${where(name, role)}: expected a general-purpose register, got ${r.kind}`);
}

/** Throws unless `size` is one of `allowed`. */
export function checkSize(size: number, allowed: readonly number[], name: string, role = ""): void {
  if (!allowed.includes(size)) {
    throw new AsmError(`${where(name, role)}: operand size ${size} is not one of ${allowed.join("/")}`);
  }
}

const ALL_SIZES: readonly Size[] = [8, 16, 32, 64];
const WIDE_SIZES: readonly Size[] = [16, 32, 64];

/** Integer instructions on general-purpose registers and memory. */
export class IntegerAsm extends AsmCore {
  /**
   * Emits the GPR operation `name` at `size` bits: `op8` is the byte opcode, `op` the 16/32/64-bit
   * one. `reg` is a register (ModRM.reg operand) or a `/digit` extension.
   */
  protected gop(
    name: string,
    size: Size,
    map: OpMap,
    op8: number,
    op: number,
    reg: Gpr | number,
    rm: Rm,
    imm: number,
    prefix: Prefix = 0,
  ): void {
    if (typeof reg !== "number") checkGpr(reg, name, "register operand");
    if (rm.kind !== "mem") checkGpr(rm, name, "r/m operand");
    const regNum = typeof reg === "number" ? reg : reg.num;
    const force = size === 8 && ((typeof reg !== "number" && byteRex(reg)) || byteRex(rm));
    this.legacy(size === 16, prefix, size === 64, map, size === 8 ? op8 : op, regNum, rm, imm, force);
  }

  /** Emits an immediate of `bytes` bytes. */
  protected imm(v: number, bytes: number): void {
    if (bytes === 1) this.buf.u8(v);
    else if (bytes === 2) this.buf.u16(v);
    else this.buf.u32(v);
  }

  private twoOperand(name: string, dst: GprOrMem, src: Gpr | Mem | number): void {
    if (dst.kind === "mem" && typeof src !== "number" && src.kind === "mem") {
      throw new AsmError(`${name}: both operands are memory; x86 has no memory-to-memory form`);
    }
  }

  // ---- mov ----

  /**
   * `mov dst, src`. With an immediate and a 64-bit register destination, a value in 0..2^32-1 is
   * emitted as `mov r32, imm32` (which zero-extends; it prints as the 32-bit register) and a
   * negative int32 as `mov r64, simm32`.
   */
  mov(size: Size, dst: Gpr, src: Gpr | Mem | number): void;
  /** `mov mem, src` (register or immediate; a 64-bit store takes a sign-extended imm32). */
  mov(size: Size, dst: Mem, src: Gpr | number): void;
  mov(size: Size, dst: GprOrMem, src: Gpr | Mem | number): void {
    checkSize(size, ALL_SIZES, "mov");
    this.twoOperand("mov", dst, src);
    const start = this.buf.length;
    if (typeof src === "number") {
      if (dst.kind === "gpr" && size === 64 && src >= 0) {
        if (!Number.isInteger(src) || src > 0xffff_ffff) {
          throw new AsmError(`mov: immediate ${src} does not fit in 32 bits; use movImm64`);
        }
        this.legacyO(false, false, 0, 0xb8, dst.num);
        this.buf.u32(src);
        if (this.records !== null) this.note(start, "mov", [R(dst, 32), I(src, 32, false)]);
        return;
      }
      const v = checkImm(src, size, "mov");
      if (dst.kind === "gpr" && size !== 64) {
        this.legacyO(size === 16, false, 0, size === 8 ? 0xb0 : 0xb8, dst.num, size === 8 && byteRex(dst));
      } else {
        this.gop("mov", size, 0, 0xc6, 0xc7, 0, dst, immBytes(size));
      }
      this.imm(v, immBytes(size));
      if (this.records !== null) this.note(start, "mov", [RM(dst, size), I(v, size, false)]);
      return;
    }
    if (src.kind === "gpr") this.gop("mov", size, 0, 0x88, 0x89, src, dst, 0);
    else if (dst.kind === "gpr") this.gop("mov", size, 0, 0x8a, 0x8b, dst, src, 0);
    if (this.records !== null) this.note(start, "mov", [RM(dst, size), RM(src, size)]);
  }

  /**
   * Loads a 64-bit constant into `dst` with the shortest encoding: `mov r32, imm32` for
   * 0..2^32-1, `mov r64, simm32` for other int32 values, `movabs r64, imm64` otherwise.
   */
  movImm64(dst: Gpr, value: bigint): void {
    if (value < -(1n << 63n) || value >= 1n << 64n)
      throw new AsmError(`movImm64: ${value} does not fit in 64 bits`);
    const s = BigInt.asIntN(64, value);
    if (s >= -0x8000_0000n && s <= 0xffff_ffffn) this.mov(64, dst, Number(s));
    else this.movabs(dst, value);
  }

  /**
   * `movabs r64, imm64`, always the 10-byte form (for constants patched later). Returns the offset
   * of the 8-byte immediate.
   */
  movabs(dst: Gpr, value: bigint): number {
    if (value < -(1n << 63n) || value >= 1n << 64n)
      throw new AsmError(`movabs: ${value} does not fit in 64 bits`);
    checkGpr(dst, "movabs", "destination");
    const start = this.buf.length;
    this.legacyO(false, true, 0, 0xb8, dst.num);
    const at = this.buf.length;
    this.buf.u64(value);
    if (this.records !== null) this.note(start, "movabs", [R(dst, 64), I(value, 64, false)]);
    return at;
  }

  // ---- ALU ----

  private alu(name: AluName, size: Size, dst: GprOrMem, src: Gpr | Mem | number): void {
    checkSize(size, ALL_SIZES, name);
    this.twoOperand(name, dst, src);
    const ext = ALU[name];
    const start = this.buf.length;
    if (typeof src === "number") {
      const v = checkImm(src, size, name);
      let signExtended = size === 64;
      if (size !== 8 && isInt8(v)) {
        this.gop(name, size, 0, 0x80, 0x83, ext, dst, 1);
        this.buf.u8(v);
        signExtended = true;
      } else if (dst.kind === "gpr" && dst.num === 0) {
        this.legacyO(size === 16, size === 64, 0, (ext << 3) | (size === 8 ? 4 : 5), 0);
        this.imm(v, immBytes(size));
      } else {
        this.gop(name, size, 0, 0x80, 0x81, ext, dst, immBytes(size));
        this.imm(v, immBytes(size));
      }
      if (this.records !== null) {
        this.note(start, name, [RM(dst, size), I(v, size, signExtended && !printsUnsigned(name))]);
      }
      return;
    }
    if (src.kind === "gpr") this.gop(name, size, 0, ext << 3, (ext << 3) | 1, src, dst, 0);
    else if (dst.kind === "gpr") this.gop(name, size, 0, (ext << 3) | 2, (ext << 3) | 3, dst, src, 0);
    if (this.records !== null) this.note(start, name, [RM(dst, size), RM(src, size)]);
  }

  /** `add dst, src`. */
  add(size: Size, dst: Gpr, src: Gpr | Mem | number): void;
  /** `add mem, src`. */
  add(size: Size, dst: Mem, src: Gpr | number): void;
  add(size: Size, dst: GprOrMem, src: Gpr | Mem | number): void {
    this.alu("add", size, dst, src);
  }

  /** `or dst, src`. */
  or(size: Size, dst: Gpr, src: Gpr | Mem | number): void;
  /** `or mem, src`. */
  or(size: Size, dst: Mem, src: Gpr | number): void;
  or(size: Size, dst: GprOrMem, src: Gpr | Mem | number): void {
    this.alu("or", size, dst, src);
  }

  /** `adc dst, src` (add with carry). */
  adc(size: Size, dst: Gpr, src: Gpr | Mem | number): void;
  /** `adc mem, src`. */
  adc(size: Size, dst: Mem, src: Gpr | number): void;
  adc(size: Size, dst: GprOrMem, src: Gpr | Mem | number): void {
    this.alu("adc", size, dst, src);
  }

  /** `sbb dst, src` (subtract with borrow). */
  sbb(size: Size, dst: Gpr, src: Gpr | Mem | number): void;
  /** `sbb mem, src`. */
  sbb(size: Size, dst: Mem, src: Gpr | number): void;
  sbb(size: Size, dst: GprOrMem, src: Gpr | Mem | number): void {
    this.alu("sbb", size, dst, src);
  }

  /** `and dst, src`. */
  and(size: Size, dst: Gpr, src: Gpr | Mem | number): void;
  /** `and mem, src`. */
  and(size: Size, dst: Mem, src: Gpr | number): void;
  and(size: Size, dst: GprOrMem, src: Gpr | Mem | number): void {
    this.alu("and", size, dst, src);
  }

  /** `sub dst, src`. */
  sub(size: Size, dst: Gpr, src: Gpr | Mem | number): void;
  /** `sub mem, src`. */
  sub(size: Size, dst: Mem, src: Gpr | number): void;
  sub(size: Size, dst: GprOrMem, src: Gpr | Mem | number): void {
    this.alu("sub", size, dst, src);
  }

  /** `xor dst, src`. */
  xor(size: Size, dst: Gpr, src: Gpr | Mem | number): void;
  /** `xor mem, src`. */
  xor(size: Size, dst: Mem, src: Gpr | number): void;
  xor(size: Size, dst: GprOrMem, src: Gpr | Mem | number): void {
    this.alu("xor", size, dst, src);
  }

  /** `cmp a, b` (sets flags from a - b). */
  cmp(size: Size, a: Gpr, b: Gpr | Mem | number): void;
  /** `cmp mem, b`. */
  cmp(size: Size, a: Mem, b: Gpr | number): void;
  cmp(size: Size, a: GprOrMem, b: Gpr | Mem | number): void {
    this.alu("cmp", size, a, b);
  }

  /** `test a, b` (sets flags from a & b); the accumulator has a short immediate form. */
  test(size: Size, a: GprOrMem, b: Gpr | number): void {
    checkSize(size, ALL_SIZES, "test");
    const start = this.buf.length;
    if (typeof b === "number") {
      const v = checkImm(b, size, "test");
      if (a.kind === "gpr" && a.num === 0)
        this.legacyO(size === 16, size === 64, 0, size === 8 ? 0xa8 : 0xa9, 0);
      else this.gop("test", size, 0, 0xf6, 0xf7, 0, a, immBytes(size));
      this.imm(v, immBytes(size));
      if (this.records !== null) this.note(start, "test", [RM(a, size), I(v, size, size === 64)]);
      return;
    }
    this.gop("test", size, 0, 0x84, 0x85, b, a, 0);
    if (this.records !== null) this.note(start, "test", [RM(a, size), R(b, size)]);
  }

  // ---- unary group ----

  private unary(name: UnaryName, size: Size, dst: GprOrMem): void {
    checkSize(size, ALL_SIZES, name);
    const start = this.buf.length;
    const ext = UNARY[name];
    if (name === "inc" || name === "dec") this.gop(name, size, 0, 0xfe, 0xff, ext, dst, 0);
    else this.gop(name, size, 0, 0xf6, 0xf7, ext, dst, 0);
    if (this.records !== null) this.note(start, name, [RM(dst, size)]);
  }

  /** `inc dst`. */
  inc(size: Size, dst: GprOrMem): void {
    this.unary("inc", size, dst);
  }

  /** `dec dst`. */
  dec(size: Size, dst: GprOrMem): void {
    this.unary("dec", size, dst);
  }

  /** `neg dst` (two's complement negation). */
  neg(size: Size, dst: GprOrMem): void {
    this.unary("neg", size, dst);
  }

  /** `not dst` (bitwise complement). */
  not(size: Size, dst: GprOrMem): void {
    this.unary("not", size, dst);
  }

  /** `mul src`: unsigned rdx:rax = rax * src (al/ax/eax/rax by size). */
  mul(size: Size, src: GprOrMem): void {
    this.unary("mul", size, src);
  }

  /** `div src`: unsigned divide of rdx:rax by src; quotient in rax, remainder in rdx. */
  div(size: Size, src: GprOrMem): void {
    this.unary("div", size, src);
  }

  /** `idiv src`: signed divide of rdx:rax by src; quotient in rax, remainder in rdx. */
  idiv(size: Size, src: GprOrMem): void {
    this.unary("idiv", size, src);
  }

  // ---- shifts and rotates ----

  private shift(name: ShiftName, size: Size, dst: GprOrMem, count: ShiftCount): void {
    checkSize(size, ALL_SIZES, name);
    const ext = SHIFT[name];
    const start = this.buf.length;
    if (count === "cl") {
      this.gop(name, size, 0, 0xd2, 0xd3, ext, dst, 0);
      if (this.records !== null) this.note(start, name, [RM(dst, size), R(rcx, 8)]);
      return;
    }
    const c = checkUimm(count, size === 64 ? 63 : 31, name, "count");
    if (c === 1) {
      this.gop(name, size, 0, 0xd0, 0xd1, ext, dst, 0);
    } else {
      this.gop(name, size, 0, 0xc0, 0xc1, ext, dst, 1);
      this.buf.u8(c);
    }
    if (this.records !== null) this.note(start, name, [RM(dst, size), I(c, 8, false)]);
  }

  /** `shl dst, count` (count 0..31, or 0..63 at 64 bits; 1 uses the short D1 form). */
  shl(size: Size, dst: GprOrMem, count: ShiftCount): void {
    this.shift("shl", size, dst, count);
  }

  /** `shr dst, count` (logical right shift). */
  shr(size: Size, dst: GprOrMem, count: ShiftCount): void {
    this.shift("shr", size, dst, count);
  }

  /** `sar dst, count` (arithmetic right shift). */
  sar(size: Size, dst: GprOrMem, count: ShiftCount): void {
    this.shift("sar", size, dst, count);
  }

  /** `rol dst, count`. */
  rol(size: Size, dst: GprOrMem, count: ShiftCount): void {
    this.shift("rol", size, dst, count);
  }

  /** `ror dst, count`. */
  ror(size: Size, dst: GprOrMem, count: ShiftCount): void {
    this.shift("ror", size, dst, count);
  }

  // ---- multiply, sign extension ----

  /** `imul dst, src` (16/32/64-bit, truncating signed multiply). */
  imul(size: Size, dst: Gpr, src: GprOrMem): void {
    checkSize(size, WIDE_SIZES, "imul");
    const start = this.buf.length;
    this.gop("imul", size, 0x0f, 0xaf, 0xaf, dst, src, 0);
    if (this.records !== null) this.note(start, "imul", [R(dst, size), RM(src, size)]);
  }

  /** `imul dst, src, imm` (three-operand form; imm8 when it fits). */
  imul3(size: Size, dst: Gpr, src: GprOrMem, imm: number): void {
    checkSize(size, WIDE_SIZES, "imul");
    const v = checkImm(imm, size, "imul");
    const start = this.buf.length;
    const short = isInt8(v);
    const bytes = short ? 1 : immBytes(size);
    this.gop("imul", size, 0, 0, short ? 0x6b : 0x69, dst, src, bytes);
    this.imm(v, bytes);
    if (this.records !== null) {
      this.note(start, "imul", [R(dst, size), RM(src, size), I(v, size, short || size === 64)]);
    }
  }

  /** `cdq`: sign-extends eax into edx:eax (before a 32-bit idiv). */
  cdq(): void {
    this.fixed("cdq", [0x99]);
  }

  /** `cqo`: sign-extends rax into rdx:rax (before a 64-bit idiv). */
  cqo(): void {
    this.fixed("cqo", [0x48, 0x99]);
  }

  /** `rep movsb`: copies rcx bytes from [rsi] to [rdi] (backwards when the direction flag is set). */
  repMovsb(): void {
    const start = this.buf.length;
    this.buf.bytes([0xf3, 0xa4]);
    if (this.records !== null) this.note(start, "rep movsb", [M(mem(rdi), 8), M(mem(rsi), 8)]);
  }

  /** `rep stosb`: stores al to rcx bytes at [rdi]. */
  repStosb(): void {
    const start = this.buf.length;
    this.buf.bytes([0xf3, 0xaa]);
    if (this.records !== null) this.note(start, "rep stosb", [M(mem(rdi), 8), R(rax, 8)]);
  }

  /** `std`: sets the direction flag (string instructions run backwards). */
  std(): void {
    this.fixed("std", [0xfd]);
  }

  /** `cld`: clears the direction flag (the ABI state). */
  cld(): void {
    this.fixed("cld", [0xfc]);
  }

  /** Emits an instruction with no operands. */
  protected fixed(name: string, bytes: readonly number[]): void {
    const start = this.buf.length;
    this.buf.bytes(bytes);
    if (this.records !== null) this.note(start, name, []);
  }

  // ---- conditions ----

  /** `set<cc> dst`: dst (a byte) = cc ? 1 : 0. */
  setcc(cc: Cond, dst: GprOrMem): void {
    checkUimm(cc, 15, "setcc", "condition");
    const start = this.buf.length;
    this.gop("setcc", 8, 0x0f, 0x90 | cc, 0x90 | cc, 0, dst, 0);
    if (this.records !== null) this.note(start, `set${COND_SUFFIX[cc]}`, [RM(dst, 8)]);
  }

  /** `cmov<cc> dst, src` (16/32/64-bit). */
  cmovcc(cc: Cond, size: Size, dst: Gpr, src: GprOrMem): void {
    checkUimm(cc, 15, "cmovcc", "condition");
    checkSize(size, WIDE_SIZES, "cmovcc");
    const start = this.buf.length;
    this.gop("cmovcc", size, 0x0f, 0, 0x40 | cc, dst, src, 0);
    if (this.records !== null) this.note(start, `cmov${COND_SUFFIX[cc]}`, [R(dst, size), RM(src, size)]);
  }

  // ---- address, extension, byte order, exchange ----

  /** `lea dst, [address]`. */
  lea(size: Size, dst: Gpr, src: Mem): void {
    checkSize(size, WIDE_SIZES, "lea");
    if (src.kind !== "mem") throw new AsmError("lea: the source must be a memory operand");
    const start = this.buf.length;
    this.gop("lea", size, 0, 0, 0x8d, dst, src, 0);
    if (this.records !== null) this.note(start, "lea", [R(dst, size), M(src, 0)]);
  }

  private extend(name: "movzx" | "movsx", dstSize: Size, dst: Gpr, srcSize: Size, src: GprOrMem): void {
    checkSize(dstSize, WIDE_SIZES, name, "destination");
    checkSize(srcSize, [8, 16], name, "source");
    if (srcSize >= dstSize)
      throw new AsmError(`${name}: source size ${srcSize} is not narrower than ${dstSize}`);
    checkGpr(dst, name, "destination");
    if (src.kind !== "mem") checkGpr(src, name, "source");
    const start = this.buf.length;
    const opcode = (name === "movzx" ? 0xb6 : 0xbe) | (srcSize === 16 ? 1 : 0);
    this.legacy(
      dstSize === 16,
      0,
      dstSize === 64,
      0x0f,
      opcode,
      dst.num,
      src,
      0,
      srcSize === 8 && byteRex(src),
    );
    if (this.records !== null) this.note(start, name, [R(dst, dstSize), RM(src, srcSize)]);
  }

  /** `movzx dst, src`: zero-extends an 8/16-bit source (for 32 to 64 bits use a 32-bit `mov`). */
  movzx(dstSize: Size, dst: Gpr, srcSize: Size, src: GprOrMem): void {
    this.extend("movzx", dstSize, dst, srcSize, src);
  }

  /** `movsx dst, src`: sign-extends an 8/16-bit source (for 32 to 64 bits use `movsxd`). */
  movsx(dstSize: Size, dst: Gpr, srcSize: Size, src: GprOrMem): void {
    this.extend("movsx", dstSize, dst, srcSize, src);
  }

  /** `movsxd dst64, src32`: sign-extends 32 to 64 bits. */
  movsxd(dst: Gpr, src: GprOrMem): void {
    checkGpr(dst, "movsxd", "destination");
    if (src.kind !== "mem") checkGpr(src, "movsxd", "source");
    const start = this.buf.length;
    this.legacy(false, 0, true, 0, 0x63, dst.num, src, 0, false);
    if (this.records !== null) this.note(start, "movsxd", [R(dst, 64), RM(src, 32)]);
  }

  /** `bswap reg` (32 or 64-bit byte reversal). */
  bswap(size: Size, reg: Gpr): void {
    checkSize(size, [32, 64], "bswap");
    checkGpr(reg, "bswap", "operand");
    const start = this.buf.length;
    this.legacyO(false, size === 64, 0x0f, 0xc8, reg.num);
    if (this.records !== null) this.note(start, "bswap", [R(reg, size)]);
  }

  /** `xchg a, b` (with a memory operand the exchange is implicitly locked). */
  xchg(size: Size, a: GprOrMem, b: Gpr): void {
    checkSize(size, ALL_SIZES, "xchg");
    const start = this.buf.length;
    this.gop("xchg", size, 0, 0x86, 0x87, b, a, 0);
    if (this.records !== null) this.note(start, "xchg", [RM(a, size), R(b, size)]);
  }

  // ---- bit counting ----

  private bitCount(name: string, prefix: Prefix, opcode: number, size: Size, dst: Gpr, src: GprOrMem): void {
    checkSize(size, WIDE_SIZES, name);
    const start = this.buf.length;
    this.gop(name, size, 0x0f, 0, opcode, dst, src, 0, prefix);
    if (this.records !== null) this.note(start, name, [R(dst, size), RM(src, size)]);
  }

  /** `popcnt dst, src` (POPCNT feature). */
  popcnt(size: Size, dst: Gpr, src: GprOrMem): void {
    this.bitCount("popcnt", 0xf3, 0xb8, size, dst, src);
  }

  /** `lzcnt dst, src` (LZCNT/ABM feature; without it the CPU executes `bsr`). */
  lzcnt(size: Size, dst: Gpr, src: GprOrMem): void {
    this.bitCount("lzcnt", 0xf3, 0xbd, size, dst, src);
  }

  /** `tzcnt dst, src` (BMI1 feature; without it the CPU executes `bsf`). */
  tzcnt(size: Size, dst: Gpr, src: GprOrMem): void {
    this.bitCount("tzcnt", 0xf3, 0xbc, size, dst, src);
  }

  /** `bsf dst, src`: index of the lowest set bit (dst undefined, ZF=1 when src is 0). */
  bsf(size: Size, dst: Gpr, src: GprOrMem): void {
    this.bitCount("bsf", 0, 0xbc, size, dst, src);
  }

  /** `bsr dst, src`: index of the highest set bit (dst undefined, ZF=1 when src is 0). */
  bsr(size: Size, dst: Gpr, src: GprOrMem): void {
    this.bitCount("bsr", 0, 0xbd, size, dst, src);
  }

  // ---- stack and misc ----

  /** `push src` (64-bit register or memory, or an immediate sign-extended to 64 bits). */
  push(src: Gpr | Mem | number): void {
    const start = this.buf.length;
    if (typeof src === "number") {
      const v = checkImm(src, 64, "push");
      const short = isInt8(v);
      this.buf.u8(short ? 0x6a : 0x68);
      this.imm(v, short ? 1 : 4);
      if (this.records !== null) this.note(start, "push", [I(v, 64, true)]);
      return;
    }
    if (src.kind === "gpr") this.legacyO(false, false, 0, 0x50, src.num);
    else if (src.kind !== "mem") checkGpr(src, "push", "operand");
    else this.legacy(false, 0, false, 0, 0xff, 6, src, 0, false);
    if (this.records !== null) this.note(start, "push", [RM(src, 64)]);
  }

  /** `pop dst` (64-bit register or memory). */
  pop(dst: GprOrMem): void {
    const start = this.buf.length;
    if (dst.kind === "gpr") this.legacyO(false, false, 0, 0x58, dst.num);
    else if (dst.kind !== "mem") checkGpr(dst, "pop", "operand");
    else this.legacy(false, 0, false, 0, 0x8f, 0, dst, 0, false);
    if (this.records !== null) this.note(start, "pop", [RM(dst, 64)]);
  }

  /** `ret`. */
  ret(): void {
    this.fixed("ret", [0xc3]);
  }

  /** `int3` (breakpoint trap). */
  int3(): void {
    this.fixed("int3", [0xcc]);
  }

  /** `ud2` (guaranteed invalid opcode: raises SIGILL). */
  ud2(): void {
    this.fixed("ud2", [0x0f, 0x0b]);
  }
}
