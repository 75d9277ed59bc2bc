/**
 * Non-register operand kinds shared by the A64 encoders: condition codes, register shifts and
 * register extends, with their encodings and assembler names.
 */

/** Condition codes (the `cond` field of b.cond, csel, ccmp). */
export enum Cond {
  /** Equal (Z). */
  EQ = 0,
  /** Not equal. */
  NE = 1,
  /** Carry set / unsigned higher or same. */
  HS = 2,
  /** Carry clear / unsigned lower. */
  LO = 3,
  /** Negative. */
  MI = 4,
  /** Positive or zero. */
  PL = 5,
  /** Overflow. */
  VS = 6,
  /** No overflow. */
  VC = 7,
  /** Unsigned higher. */
  HI = 8,
  /** Unsigned lower or same. */
  LS = 9,
  /** Signed greater or equal. */
  GE = 10,
  /** Signed less than. */
  LT = 11,
  /** Signed greater than. */
  GT = 12,
  /** Signed less or equal. */
  LE = 13,
  /** Always. */
  AL = 14,
  /** Always (encodes like AL; not used by the code generator). */
  NV = 15,
}

const COND_NAMES = [
  "eq",
  "ne",
  "hs",
  "lo",
  "mi",
  "pl",
  "vs",
  "vc",
  "hi",
  "ls",
  "ge",
  "lt",
  "gt",
  "le",
  "al",
  "nv",
];

/** The assembler name of a condition (`eq`, `hs`, ...). */
export function condName(c: Cond): string {
  return COND_NAMES[c]!;
}

/** The opposite condition (flips bit 0): `EQ` ↔ `NE`, `LT` ↔ `GE`, ... */
export function invert(c: Cond): Cond {
  return (c ^ 1) as Cond;
}

/** Shift applied to the second register of shifted-register forms (the `shift` field). */
export enum Shift {
  /** Logical shift left. */
  LSL = 0,
  /** Logical shift right. */
  LSR = 1,
  /** Arithmetic shift right. */
  ASR = 2,
  /** Rotate right (logical instructions only). */
  ROR = 3,
}

const SHIFT_NAMES = ["lsl", "lsr", "asr", "ror"];

/** The assembler name of a shift. */
export function shiftName(s: Shift): string {
  return SHIFT_NAMES[s]!;
}

/** Extension applied to the second register of extended-register forms (the `option` field). */
export enum Extend {
  /** Zero-extend the low byte. */
  UXTB = 0,
  /** Zero-extend the low halfword. */
  UXTH = 1,
  /** Zero-extend the low word (a W register). */
  UXTW = 2,
  /** The whole X register (shown as `lsl` when Rd or Rn is sp). */
  UXTX = 3,
  /** Sign-extend the low byte. */
  SXTB = 4,
  /** Sign-extend the low halfword. */
  SXTH = 5,
  /** Sign-extend the low word (a W register). */
  SXTW = 6,
  /** The whole X register, signed. */
  SXTX = 7,
}

const EXTEND_NAMES = ["uxtb", "uxth", "uxtw", "uxtx", "sxtb", "sxth", "sxtw", "sxtx"];

/** The assembler name of an extension. */
export function extendName(e: Extend): string {
  return EXTEND_NAMES[e]!;
}
