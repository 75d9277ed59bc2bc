/**
 * Intel-syntax printer for what the assembler emitted. When listing is enabled the assembler keeps
 * one `InsnRecord` per instruction (mnemonic and structured operands); this module turns a record
 * into text in capstone's style, so the two can be shown and compared side by side:
 *   - lower-case mnemonics, operands separated by ", ";
 *   - memory as `<size> ptr [base + index*scale +/- disp]`, leaving out a `*1` scale and a zero
 *     displacement (and the size for `lea`); RIP-relative as `[rip +/- disp]` with the distance
 *     from the end of the instruction; absolute `[disp32]` as the unsigned 64-bit address;
 *   - mnemonics that encode an immediate in capstone's style: `cmpltps` for `cmpps` with
 *     predicate 1, `vcmptrue_usps` for `vcmpps` with predicate 31;
 *   - numbers in decimal up to 9 and in `0x` hex above, negative as `-n`/`-0x...`;
 *   - an immediate that the CPU sign-extends (imm8 in a wider operation, imm32 in a 64-bit one)
 *     prints signed, except for mov/and/or/xor, which print it unsigned at the operation's size,
 *     as do all immediates that are as wide as the operation;
 *   - branch targets as absolute offsets from the start of the buffer.
 * The printer runs only when a listing is requested, never while emitting.
 */
import type { MemWidth } from "./encoding.js";
import type { Label } from "./labels.js";
import type { Mem } from "./operands.js";
import type { Gpr, Size, Xmm, Ymm } from "./registers.js";

/** A general-purpose register operand at a given size. */
export interface GprOperand {
  /** Discriminant. */
  readonly kind: "r";
  /** The register. */
  readonly reg: Gpr;
  /** The size it is accessed at (selects `rax`/`eax`/`ax`/`al`). */
  readonly size: Size;
}

/** A memory operand with the width printed before it. */
export interface MemOperand {
  /** Discriminant. */
  readonly kind: "m";
  /** The address. */
  readonly mem: Mem;
  /** Access width in bits; 0 prints no `ptr` size (lea). */
  readonly width: MemWidth;
}

/** An immediate, with how it is printed. */
export interface ImmOperand {
  /** Discriminant. */
  readonly kind: "i";
  /** The value as passed to the assembler. */
  readonly value: number | bigint;
  /** Operation size the value is masked to when printed unsigned. */
  readonly bits: number;
  /** Print as a signed number (true) or as unsigned `bits`-bit (false). */
  readonly signed: boolean;
}

/** A branch target. */
export interface TargetOperand {
  /** Discriminant. */
  readonly kind: "t";
  /** The label branched to. */
  readonly label: Label;
}

/** Free text, for data directives (`L3 - L1`). */
export interface TextOperand {
  /** Discriminant. */
  readonly kind: "s";
  /** Printed as is. */
  readonly text: string;
}

/** One printed operand. Vector registers are recorded as themselves. */
export type Operand = GprOperand | Xmm | Ymm | MemOperand | ImmOperand | TargetOperand | TextOperand;

/** What the assembler records for each emitted instruction or data directive. */
export interface InsnRecord {
  /** Offset of the first byte. */
  readonly offset: number;
  /** Encoded length in bytes. */
  readonly length: number;
  /** Mnemonic as printed. */
  readonly mnemonic: string;
  /** Operands in Intel order (destination first). */
  readonly operands: readonly Operand[];
}

/** One line of a listing. */
export interface ListingLine {
  /** Offset of the instruction. */
  readonly offset: number;
  /** Its encoding. */
  readonly bytes: Uint8Array;
  /** Intel-syntax text. */
  readonly text: string;
}

const WIDTH_NAME: Readonly<Record<number, string>> = {
  8: "byte",
  16: "word",
  32: "dword",
  64: "qword",
  128: "xmmword",
  256: "ymmword",
};

/** Formats a number as capstone does: decimal up to 9, `0x` hex above, with a leading `-` if negative. */
export function formatNumber(v: bigint): string {
  if (v < 0n) return v < -9n ? `-0x${(-v).toString(16)}` : `-${-v}`;
  return v > 9n ? `0x${v.toString(16)}` : v.toString();
}

function formatImm(op: ImmOperand): string {
  const v = BigInt(op.value);
  return formatNumber(op.signed ? BigInt.asIntN(op.bits, v) : BigInt.asUintN(op.bits, v));
}

function formatMem(op: MemOperand, end: number): string {
  const m = op.mem;
  const size = op.width === 0 ? "" : `${WIDTH_NAME[op.width]} ptr `;
  if (m.label !== null) {
    if (m.label.pos < 0) return `${size}[rip + ${m.label}${m.disp === 0 ? "" : ` + ${m.disp}`}]`;
    return `${size}[rip${signedDisp(m.label.pos + m.disp - end)}]`;
  }
  if (m.base === null && m.index === null) {
    return `${size}[${formatNumber(BigInt.asUintN(64, BigInt(m.disp)))}]`;
  }
  let s = m.base === null ? "" : m.base.name(64);
  if (m.index !== null) {
    if (s !== "") s += " + ";
    s += m.index.name(64);
    if (m.scale !== 1) s += `*${m.scale}`;
  }
  return `${size}[${s}${signedDisp(m.disp)}]`;
}

function signedDisp(d: number): string {
  if (d === 0) return "";
  return d < 0 ? ` - ${formatNumber(BigInt(-d))}` : ` + ${formatNumber(BigInt(d))}`;
}

function formatOperand(op: Operand, end: number): string {
  switch (op.kind) {
    case "r":
      return op.reg.name(op.size);
    case "xmm":
    case "ymm":
      return op.name();
    case "m":
      return formatMem(op, end);
    case "i":
      return formatImm(op);
    case "t":
      return op.label.pos < 0 ? String(op.label) : formatNumber(BigInt(op.label.pos));
    case "s":
      return op.text;
  }
}

/** Formats one record as Intel-syntax text, e.g. `add rax, qword ptr [rsp + 8]`. */
export function formatInsn(rec: InsnRecord): string {
  if (rec.operands.length === 0) return rec.mnemonic;
  const end = rec.offset + rec.length;
  return `${rec.mnemonic} ${rec.operands.map((o) => formatOperand(o, end)).join(", ")}`;
}
