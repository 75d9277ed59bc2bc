/**
 * The encoder core: the code buffer, labels and fixups, the listing, and the byte-level encoders
 * for legacy (prefix, REX, escape, opcode, ModRM, SIB, displacement) and VEX-encoded instructions.
 * Instruction families live in subclasses (integer.ts, control.ts, sse.ts, sse-int.ts, avx.ts,
 * avx-gpr.ts), stacked into `Assembler` in assembler.ts.
 *
 * Bit layouts written here:
 *   REX    0100 W R X B            W: 64-bit operand; R/X/B: bit 3 of ModRM.reg / SIB.index / base
 *   ModRM  mod(7:6) reg(5:3) rm(2:0)  mod 00: no disp (rm=101: RIP+disp32; rm=100: SIB follows),
 *                                     01: disp8, 10: disp32, 11: register
 *   SIB    scale(7:6) index(5:3) base(2:0)  index=100 without REX.X: no index;
 *                                           base=101 with mod 00: disp32, no base
 *   VEX2   C5 | R̄ vvvv̄ L pp
 *   VEX3   C4 | R̄ X̄ B̄ mmmmm | W vvvv̄ L pp
 */

import { AsmError } from "../backend/asm-error.js";
import { CodeBuffer } from "./buffer.js";
import { checkField, checkUimm, isInt8, type MemWidth, type OpMap, type Prefix } from "./encoding.js";
import { Label } from "./labels.js";
import { isInt32, Mem, memIndex, mem as memOf } from "./operands.js";
import {
  formatInsn,
  type GprOperand,
  type ImmOperand,
  type InsnRecord,
  type ListingLine,
  type MemOperand,
  type Operand,
  type TargetOperand,
} from "./printer.js";
import { type Gpr, rax, type Size, type Xmm, type Ymm } from "./registers.js";

/** Operand in the ModRM.rm position: a register (mod=11) or memory. */
export type Rm = Gpr | Xmm | Ymm | Mem;

/** Construction options. */
export interface AssemblerOptions {
  /** Keep a record of every instruction so `listing()` can print it (off by default: costs memory). */
  readonly listing?: boolean;
  /** Initial buffer capacity in bytes (the buffer grows as needed). */
  readonly initialCapacity?: number;
}

const SCALE_BITS: Readonly<Record<number, number>> = { 1: 0, 2: 1, 4: 2, 8: 3 };

/**
 * Multi-byte NOPs recommended by the Intel SDM (Vol. 2B, NOP), by length 1..9, with the memory
 * operand each one prints.
 */
const NOPS: readonly (readonly number[])[] = [
  [],
  [0x90],
  [0x66, 0x90],
  [0x0f, 0x1f, 0x00],
  [0x0f, 0x1f, 0x40, 0x00],
  [0x0f, 0x1f, 0x44, 0x00, 0x00],
  [0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00],
  [0x0f, 0x1f, 0x80, 0x00, 0x00, 0x00, 0x00],
  [0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00],
  [0x66, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00],
];
const NOP_MEM: readonly (Mem | null)[] = [
  null,
  null,
  null,
  memOf(rax),
  memOf(rax),
  memIndex(rax, rax, 1),
  memIndex(rax, rax, 1),
  memOf(rax),
  memIndex(rax, rax, 1),
  memIndex(rax, rax, 1),
];

/** Shared state and encoders of the assembler. */
export class AsmCore {
  /** The code emitted so far. */
  protected readonly buf: CodeBuffer;
  /** One record per instruction when listing is on, else null. */
  protected readonly records: InsnRecord[] | null;
  private labelCount = 0;
  /** Labels that have references but are not bound yet. */
  private readonly unresolved = new Set<Label>();

  constructor(options: AssemblerOptions = {}) {
    this.buf = new CodeBuffer(options.initialCapacity);
    this.records = options.listing === true ? [] : null;
  }

  /** The current offset: where the next instruction will be emitted. */
  get offset(): number {
    return this.buf.length;
  }

  /** The bytes emitted so far (a view: later fixups show through). */
  get code(): Uint8Array {
    return this.buf.view();
  }

  // ---- labels and fixups ----

  /** Creates an unbound label. */
  newLabel(): Label {
    return new Label(this, this.labelCount++);
  }

  /** Binds `label` to the current offset and patches every earlier reference to it. */
  bind(label: Label): void {
    this.checkLabel(label);
    if (label.pos >= 0) throw new AsmError(`${label} is already bound at offset 0x${label.pos.toString(16)}`);
    label.pos = this.buf.length;
    for (const f of label.pending) this.patch(label, f.at, f.width, f.base, f.addend, f.insn);
    label.pending.length = 0;
    this.unresolved.delete(label);
  }

  /** Throws unless `label` was created by this assembler. */
  protected checkLabel(label: Label): void {
    if (!(label instanceof Label) || label.owner !== this) {
      throw new AsmError(`${label} was not created by this assembler`);
    }
  }

  /**
   * Records a reference to `label`: the `width`-byte field at `at` gets `label + addend - base`.
   * Patched now if the label is bound, else when it is.
   */
  protected refLabel(
    label: Label,
    at: number,
    width: 1 | 4,
    base: number,
    addend: number,
    insn: number,
  ): void {
    this.checkLabel(label);
    if (label.pos >= 0) {
      this.patch(label, at, width, base, addend, insn);
    } else {
      label.pending.push({ at, width, base, addend, insn });
      this.unresolved.add(label);
    }
  }

  private patch(label: Label, at: number, width: 1 | 4, base: number, addend: number, insn: number): void {
    const v = label.pos + addend - base;
    if (width === 1 ? !isInt8(v) : !isInt32(v)) {
      throw new AsmError(
        `reference at offset 0x${insn.toString(16)} to ${label} (bound at 0x${label.pos.toString(16)}): ` +
          `distance ${v} ${width === 1 ? "does not fit the rel8 range -128..127" : "does not fit in 32 bits"}`,
      );
    }
    if (width === 1) this.buf.patch8(at, v);
    else this.buf.patch32(at, v);
  }

  /** Checks that every referenced label is bound and returns a copy of the code. */
  finish(): Uint8Array {
    if (this.unresolved.size > 0) {
      const msgs = [...this.unresolved].map(
        (l) => `${l} (used at ${l.pending.map((f) => `0x${f.insn.toString(16)}`).join(", ")})`,
      );
      throw new AsmError(`unbound label${msgs.length > 1 ? "s" : ""}: ${msgs.join("; ")}`);
    }
    return this.buf.toBytes();
  }

  // ---- listing ----

  /** Records an instruction for the listing (call only when `records` is non-null). */
  protected note(start: number, mnemonic: string, operands: readonly Operand[]): void {
    this.records?.push({ offset: start, length: this.buf.length - start, mnemonic, operands });
  }

  /** The instructions emitted so far as Intel-syntax text; requires the `listing` option. */
  listing(): ListingLine[] {
    if (this.records === null)
      throw new AsmError("listing() needs an assembler created with { listing: true }");
    return this.records.map((r) => ({
      offset: r.offset,
      bytes: this.buf.view(r.offset, r.offset + r.length).slice(),
      text: formatInsn(r),
    }));
  }

  // ---- data and padding ----

  /** Emits the shortest sequence of multi-byte NOPs (at most 9 bytes each) covering `length` bytes. */
  nop(length = 1): void {
    checkUimm(length, 0x7fffffff, "nop", "length");
    let left = length;
    while (left > 0) {
      const n = Math.min(left, 9);
      const start = this.buf.length;
      this.buf.bytes(NOPS[n]!);
      if (this.records !== null) {
        const m = NOP_MEM[n]!;
        this.note(start, "nop", m === null ? [] : [M(m, n === 6 || n === 9 ? 16 : 32)]);
      }
      left -= n;
    }
  }

  /** Pads with NOPs (or zero bytes) up to the next multiple of `alignment` (a power of two, at most 4096). */
  align(alignment: number, fill: "nop" | "zero" = "nop"): void {
    if (
      !Number.isInteger(alignment) ||
      alignment < 1 ||
      alignment > 4096 ||
      (alignment & (alignment - 1)) !== 0
    ) {
      throw new AsmError(`align: ${alignment} is not a power of two in 1..4096`);
    }
    const pad = (alignment - (this.buf.length % alignment)) % alignment;
    if (fill === "nop") {
      this.nop(pad);
    } else {
      for (let i = 0; i < pad; i++) this.data8(0);
    }
  }

  /** Emits one data byte (0..255 or -128..127). */
  data8(value: number): void {
    this.dataWord(value, 8, ".byte");
  }

  /** Emits a 16-bit little-endian data word. */
  data16(value: number): void {
    this.dataWord(value, 16, ".word");
  }

  /** Emits a 32-bit little-endian data word. */
  data32(value: number): void {
    this.dataWord(value, 32, ".long");
  }

  /** Emits a 64-bit little-endian data word (an i64 constant: any value in -2^63..2^64-1). */
  data64(value: bigint): void {
    if (value < -(1n << 63n) || value >= 1n << 64n)
      throw new AsmError(`data64: ${value} does not fit in 64 bits`);
    const start = this.buf.length;
    this.buf.u64(value);
    if (this.records !== null) this.note(start, ".quad", [I(value, 64, false)]);
  }

  private dataWord(value: number, bits: 8 | 16 | 32, directive: string): void {
    if (!Number.isInteger(value) || value < -(2 ** (bits - 1)) || value >= 2 ** bits) {
      throw new AsmError(`${directive}: ${value} does not fit in ${bits} bits`);
    }
    const start = this.buf.length;
    if (bits === 8) this.buf.u8(value);
    else if (bits === 16) this.buf.u16(value);
    else this.buf.u32(value);
    if (this.records !== null) this.note(start, directive, [I(value, bits, false)]);
  }

  /** Emits the 32-bit distance `target - base` (jump tables); `base` must already be bound. */
  dataLabelDiff32(target: Label, base: Label): void {
    this.checkLabel(base);
    if (base.pos < 0) throw new AsmError(`dataLabelDiff32: base ${base} must be bound before use`);
    const start = this.buf.length;
    this.buf.u32(0);
    this.refLabel(target, start, 4, base.pos, 0, start);
    if (this.records !== null) this.note(start, ".long", [{ kind: "s", text: `${target} - ${base}` }]);
  }

  // ---- encoders ----

  /**
   * Emits a legacy-encoded instruction: [66] [prefix] [REX] [escape] opcode ModRM [SIB] [disp].
   * `reg` is the ModRM.reg value (register number or `/digit` extension), `rm` the r/m operand.
   * `immBytes` is the size of the immediate the caller emits next (a RIP displacement is relative
   * to the end of the instruction). `forceRex` emits an empty REX so byte registers 4..7 mean
   * spl/bpl/sil/dil rather than ah/ch/dh/bh.
   */
  protected legacy(
    opsize16: boolean,
    prefix: Prefix,
    w: boolean,
    map: OpMap,
    opcode: number,
    reg: number,
    rm: Rm,
    immBytes: number,
    forceRex: boolean,
  ): void {
    checkField(reg, 4, "ModRM.reg register number");
    const b = this.buf;
    if (opsize16) b.u8(0x66);
    if (prefix !== 0) b.u8(prefix);
    const rex = (w ? 8 : 0) | ((reg >> 3) << 2) | this.rexXB(rm);
    if (rex !== 0 || forceRex) b.u8(0x40 | rex);
    this.escape(map);
    b.u8(opcode);
    this.modrm(reg, rm, immBytes);
  }

  /** Emits a legacy instruction with the register in the opcode's low 3 bits (B8+r, 50+r, C8+r). */
  protected legacyO(
    opsize16: boolean,
    w: boolean,
    map: OpMap,
    opcode: number,
    reg: number,
    forceRex = false,
  ): void {
    checkField(reg, 4, "opcode register number");
    const b = this.buf;
    if (opsize16) b.u8(0x66);
    const rex = (w ? 8 : 0) | (reg >> 3);
    if (rex !== 0 || forceRex) b.u8(0x40 | rex);
    this.escape(map);
    b.u8(opcode | (reg & 7));
  }

  /**
   * Emits a VEX-encoded instruction: C5/C4 prefix, opcode, ModRM [SIB] [disp]. `vvvv` is the extra
   * source register (0 when unused: the field is stored inverted, so 0 encodes as 1111); `l` selects
   * 256-bit vectors. The 2-byte form is used when W, X and B are clear and the map is `0F`.
   */
  protected vex(
    prefix: Prefix,
    map: OpMap,
    w: boolean,
    l: boolean,
    vvvv: number,
    opcode: number,
    reg: number,
    rm: Rm,
    immBytes: number,
  ): void {
    checkField(reg, 4, "ModRM.reg register number");
    checkField(vvvv, 4, "VEX.vvvv register number");
    const b = this.buf;
    const pp = prefix === 0 ? 0 : prefix === 0x66 ? 1 : prefix === 0xf3 ? 2 : 3;
    const mmmmm = map === 0x0f ? 1 : map === 0x0f38 ? 2 : map === 0x0f3a ? 3 : 0;
    if (mmmmm === 0)
      throw new AsmError(`VEX encoding needs an escape map, opcode 0x${opcode.toString(16)} has none`);
    const xb = this.rexXB(rm);
    const notR = reg > 7 ? 0 : 0x80;
    const tail = ((~vvvv & 15) << 3) | (l ? 4 : 0) | pp;
    if (mmmmm === 1 && !w && xb === 0) {
      b.u8(0xc5);
      b.u8(notR | tail);
    } else {
      b.u8(0xc4);
      b.u8(notR | ((~xb & 3) << 5) | mmmmm);
      b.u8((w ? 0x80 : 0) | tail);
    }
    b.u8(opcode);
    this.modrm(reg, rm, immBytes);
  }

  private escape(map: OpMap): void {
    const b = this.buf;
    if (map === 0) return;
    b.u8(0x0f);
    if (map === 0x0f38) b.u8(0x38);
    else if (map === 0x0f3a) b.u8(0x3a);
  }

  /** REX.X (bit 1) and REX.B (bit 0) for an r/m operand. */
  private rexXB(rm: Rm): number {
    if (rm.kind !== "mem") {
      checkField(rm.num, 4, "r/m register number");
      return rm.num >> 3;
    }
    return ((rm.index === null ? 0 : rm.index.num >> 3) << 1) | (rm.base === null ? 0 : rm.base.num >> 3);
  }

  /** ModRM, SIB and displacement for `reg` and `rm`. */
  private modrm(reg: number, rm: Rm, immBytes: number): void {
    const b = this.buf;
    const r = (reg & 7) << 3;
    if (rm.kind !== "mem") {
      b.u8(0xc0 | r | (rm.num & 7));
      return;
    }
    if (!(rm instanceof Mem))
      throw new AsmError("memory operands must be built with mem/memIndex/absolute/ripRel");
    const { base, index, disp } = rm;
    if (rm.label !== null) {
      b.u8(0x05 | r);
      const at = b.length;
      b.u32(0);
      this.refLabel(rm.label, at, 4, at + 4 + immBytes, disp, at);
      return;
    }
    const ss = SCALE_BITS[rm.scale]! << 6;
    const idx = index === null ? 4 << 3 : (index.num & 7) << 3;
    if (base === null) {
      b.u8(0x04 | r);
      b.u8(ss | idx | 5);
      b.u32(disp);
      return;
    }
    const bb = base.num & 7;
    const mod = disp === 0 && bb !== 5 ? 0 : isInt8(disp) ? 0x40 : 0x80;
    if (index !== null || bb === 4) {
      b.u8(mod | r | 4);
      b.u8(ss | idx | bb);
    } else {
      b.u8(mod | r | bb);
    }
    if (mod === 0x40) b.u8(disp);
    else if (mod === 0x80) b.u32(disp);
  }
}

/** Listing operand: a GPR at `size`. */
export function R(reg: Gpr, size: Size): GprOperand {
  return { kind: "r", reg, size };
}

/** Listing operand: memory printed with width `width`. */
export function M(mem: Mem, width: MemWidth): MemOperand {
  return { kind: "m", mem, width };
}

/** Listing operand: an immediate of a `bits`-wide operation, printed signed or unsigned. */
export function I(value: number | bigint, bits: number, signed: boolean): ImmOperand {
  return { kind: "i", value, bits, signed };
}

/** Listing operand: a branch target. */
export function T(label: Label): TargetOperand {
  return { kind: "t", label };
}

/** Listing operand for a register or memory r/m operand of a GPR operation. */
export function RM(rm: Gpr | Mem, size: Size): GprOperand | MemOperand {
  return rm.kind === "mem" ? M(rm, size) : R(rm, size);
}
