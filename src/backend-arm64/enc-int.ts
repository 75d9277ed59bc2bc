/**
 * Pure encoders for the A64 integer data-processing instructions. Each function takes the
 * instruction's opcode fields (named after the architecture manual's fields) and typed register
 * operands, checks every field's range and the register kinds (`sp` versus `xzr`, W versus X),
 * and returns the 32-bit instruction word. The operation width (`sf`) comes from the destination
 * register unless stated otherwise.
 *
 * Opcode constants are written in grouped binary following the manual's bit diagram, e.g.
 * add/sub immediate is `sf op S 100010 sh imm12 Rn Rd`.
 */
import { AsmError } from "../backend/asm-error.js";
import { field, word } from "./fields.js";
import { encodeBitmask } from "./immediates.js";
import { type Cond, type Extend, Shift } from "./operands.js";
import { type Gp, gpName, rs, rz, sameWidth, sfOf, type Width } from "./registers.js";

function sf(rd: Gp): number {
  return field(sfOf(rd.bits), 31, 1, "sf");
}

function bit(v: number, lsb: number, what: string): number {
  return field(v, lsb, 1, what);
}

/**
 * ADD/ADDS/SUB/SUBS (immediate): `sf op S 100010 sh imm12 Rn Rd`. `op` 0 = add, 1 = sub; `s` sets
 * flags; `sh` shifts `imm12` left by 12. Rn may be sp; Rd may be sp unless `s` (then it is zr).
 */
export function encAddSubImm(op: number, s: number, sh: number, imm12: number, rn: Gp, rd: Gp): number {
  sameWidth("add/sub (immediate)", rd.bits, rn);
  return word(
    sf(rd),
    bit(op, 30, "op"),
    bit(s, 29, "S"),
    0b100010 << 23,
    bit(sh, 22, "sh"),
    field(imm12, 10, 12, "imm12"),
    rs(rn, 5, "Rn"),
    s === 1 ? rz(rd, 0, "Rd") : rs(rd, 0, "Rd"),
  );
}

/**
 * ADD/ADDS/SUB/SUBS (shifted register): `sf op S 01011 shift 0 Rm imm6 Rn Rd`. `shift` is LSL,
 * LSR or ASR (not ROR); `amount` < the width. All registers are zr-kind.
 */
export function encAddSubShifted(
  op: number,
  s: number,
  shift: Shift,
  rm: Gp,
  amount: number,
  rn: Gp,
  rd: Gp,
): number {
  sameWidth("add/sub (shifted register)", rd.bits, rn, rm);
  if (shift === Shift.ROR) throw new AsmError("add/sub (shifted register): ror is not a valid shift");
  return word(
    sf(rd),
    bit(op, 30, "op"),
    bit(s, 29, "S"),
    0b01011 << 24,
    field(shift, 22, 2, "shift"),
    rz(rm, 16, "Rm"),
    field(amount, 10, rd.bits === 64 ? 6 : 5, "imm6"),
    rz(rn, 5, "Rn"),
    rz(rd, 0, "Rd"),
  );
}

/**
 * ADD/ADDS/SUB/SUBS (extended register): `sf op S 01011 00 1 Rm option imm3 Rn Rd`. Rm is a W
 * register for the byte/halfword/word extends and an X register for UXTX/SXTX; `amount` 0–4
 * shifts the extended value left. Rn may be sp; Rd may be sp unless `s`.
 */
export function encAddSubExt(
  op: number,
  s: number,
  rm: Gp,
  ext: Extend,
  amount: number,
  rn: Gp,
  rd: Gp,
): number {
  sameWidth("add/sub (extended register)", rd.bits, rn);
  const rmBits: Width = (ext & 3) === 3 ? 64 : 32;
  if (rm.bits !== rmBits && !(rd.bits === 32 && rm.bits === 32)) {
    throw new AsmError(`add/sub (extended register): ${gpName(rm)} must be a ${rmBits}-bit register`);
  }
  if (amount > 4) throw new AsmError(`add/sub (extended register): shift ${amount} is above 4`);
  return word(
    sf(rd),
    bit(op, 30, "op"),
    bit(s, 29, "S"),
    0b01011_00_1 << 21,
    rz(rm, 16, "Rm"),
    field(ext, 13, 3, "option"),
    field(amount, 10, 3, "imm3"),
    rs(rn, 5, "Rn"),
    s === 1 ? rz(rd, 0, "Rd") : rs(rd, 0, "Rd"),
  );
}

/** ADC/ADCS/SBC/SBCS: `sf op S 11010000 Rm 000000 Rn Rd`. */
export function encAddSubCarry(op: number, s: number, rm: Gp, rn: Gp, rd: Gp): number {
  sameWidth("adc/sbc", rd.bits, rn, rm);
  return word(
    sf(rd),
    bit(op, 30, "op"),
    bit(s, 29, "S"),
    0b11010000 << 21,
    rz(rm, 16, "Rm"),
    rz(rn, 5, "Rn"),
    rz(rd, 0, "Rd"),
  );
}

/**
 * Logical (shifted register): `sf opc 01010 shift N Rm imm6 Rn Rd`. `opc` 0 = and, 1 = orr,
 * 2 = eor, 3 = ands; `n` inverts Rm (bic, orn, eon, bics).
 */
export function encLogicalShifted(
  opc: number,
  n: number,
  shift: Shift,
  rm: Gp,
  amount: number,
  rn: Gp,
  rd: Gp,
): number {
  sameWidth("logical (shifted register)", rd.bits, rn, rm);
  return word(
    sf(rd),
    field(opc, 29, 2, "opc"),
    0b01010 << 24,
    field(shift, 22, 2, "shift"),
    bit(n, 21, "N"),
    rz(rm, 16, "Rm"),
    field(amount, 10, rd.bits === 64 ? 6 : 5, "imm6"),
    rz(rn, 5, "Rn"),
    rz(rd, 0, "Rd"),
  );
}

/**
 * Logical (immediate): `sf opc 100100 N immr imms Rn Rd` with `value` encoded as a bitmask
 * immediate; throws when it is not encodable. Rd may be sp except for ands (`opc` 3).
 */
export function encLogicalImm(opc: number, value: number | bigint, rn: Gp, rd: Gp): number {
  sameWidth("logical (immediate)", rd.bits, rn);
  const f = encodeBitmask(value, rd.bits);
  if (f === null) throw new AsmError(`logical (immediate): ${value} is not an encodable bitmask immediate`);
  return word(
    sf(rd),
    field(opc, 29, 2, "opc"),
    0b100100 << 23,
    bit(f.n, 22, "N"),
    field(f.immr, 16, 6, "immr"),
    field(f.imms, 10, 6, "imms"),
    rz(rn, 5, "Rn"),
    opc === 3 ? rz(rd, 0, "Rd") : rs(rd, 0, "Rd"),
  );
}

/**
 * Move wide (immediate): `sf opc 100101 hw imm16 Rd`. `opc` 0 = movn, 2 = movz, 3 = movk; `hw`
 * selects the 16-bit slot (0–1 for W registers, 0–3 for X).
 */
export function encMoveWide(opc: number, hw: number, imm16: number, rd: Gp): number {
  if (opc === 1) throw new AsmError("move wide: opc 1 is unallocated");
  return word(
    sf(rd),
    field(opc, 29, 2, "opc"),
    0b100101 << 23,
    field(hw, 21, rd.bits === 64 ? 2 : 1, "hw"),
    field(imm16, 5, 16, "imm16"),
    rz(rd, 0, "Rd"),
  );
}

/**
 * Bitfield: `sf opc 100110 N immr imms Rn Rd` with N = sf. `opc` 0 = sbfm, 1 = bfm, 2 = ubfm;
 * `immr` and `imms` are below the width.
 */
export function encBitfield(opc: number, immr: number, imms: number, rn: Gp, rd: Gp): number {
  sameWidth("bitfield", rd.bits, rn);
  if (opc === 3) throw new AsmError("bitfield: opc 3 is unallocated");
  const w = rd.bits === 64 ? 6 : 5;
  return word(
    sf(rd),
    field(opc, 29, 2, "opc"),
    0b100110 << 23,
    bit(sfOf(rd.bits), 22, "N"),
    field(immr, 16, w, "immr"),
    field(imms, 10, w, "imms"),
    rz(rn, 5, "Rn"),
    rz(rd, 0, "Rd"),
  );
}

/** EXTR: `sf 00 100111 N 0 Rm imms Rn Rd` (N = sf): bits `lsb`.. of the pair Rn:Rm. */
export function encExtr(rm: Gp, lsb: number, rn: Gp, rd: Gp): number {
  sameWidth("extr", rd.bits, rn, rm);
  return word(
    sf(rd),
    0b00_100111 << 23,
    bit(sfOf(rd.bits), 22, "N"),
    rz(rm, 16, "Rm"),
    field(lsb, 10, rd.bits === 64 ? 6 : 5, "imms"),
    rz(rn, 5, "Rn"),
    rz(rd, 0, "Rd"),
  );
}

/**
 * Data-processing (3 source): `sf 00 11011 op31 Rm o0 Ra Rn Rd`. `op31` 0 = madd/msub (`o0`
 * selects), 1 = smaddl/smsubl, 2 = smulh, 5 = umaddl/umsubl, 6 = umulh. The long forms take W
 * sources and an X destination; smulh/umulh need Ra = xzr.
 */
export function encDp3(op31: number, o0: number, rm: Gp, ra: Gp, rn: Gp, rd: Gp): number {
  if (![0, 1, 2, 5, 6].includes(op31)) {
    throw new AsmError(`data-processing (3 source): op31 ${op31} is unallocated`);
  }
  if (op31 === 0) sameWidth("madd/msub", rd.bits, rn, rm, ra);
  else {
    sameWidth("long multiply", 64, rd, ra);
    sameWidth("long multiply", op31 === 2 || op31 === 6 ? 64 : 32, rn, rm);
    if ((op31 === 2 || op31 === 6) && (ra.kind !== "zr" || o0 !== 0)) {
      throw new AsmError("smulh/umulh: Ra must be xzr and o0 0");
    }
  }
  return word(
    sf(rd),
    0b00_11011 << 24,
    field(op31, 21, 3, "op31"),
    rz(rm, 16, "Rm"),
    bit(o0, 15, "o0"),
    rz(ra, 10, "Ra"),
    rz(rn, 5, "Rn"),
    rz(rd, 0, "Rd"),
  );
}

/** Opcodes of data-processing (2 source). */
export enum Dp2 {
  /** Unsigned divide. */
  UDIV = 0b000010,
  /** Signed divide. */
  SDIV = 0b000011,
  /** Shift left by register. */
  LSLV = 0b001000,
  /** Logical shift right by register. */
  LSRV = 0b001001,
  /** Arithmetic shift right by register. */
  ASRV = 0b001010,
  /** Rotate right by register. */
  RORV = 0b001011,
}

/** Data-processing (2 source): `sf 0 0 11010110 Rm opcode Rn Rd`. */
export function encDp2(opcode: Dp2, rm: Gp, rn: Gp, rd: Gp): number {
  sameWidth("data-processing (2 source)", rd.bits, rn, rm);
  return word(
    sf(rd),
    0b0_0_11010110 << 21,
    rz(rm, 16, "Rm"),
    field(opcode, 10, 6, "opcode"),
    rz(rn, 5, "Rn"),
    rz(rd, 0, "Rd"),
  );
}

/** Opcodes of data-processing (1 source). REV is 2 for W registers and 3 for X registers. */
export enum Dp1 {
  /** Reverse bits. */
  RBIT = 0b000000,
  /** Reverse bytes in each halfword. */
  REV16 = 0b000001,
  /** Reverse bytes in each word (X registers only; for W registers this opcode is REV). */
  REV32 = 0b000010,
  /** Reverse all bytes of an X register. */
  REV64 = 0b000011,
  /** Count leading zeros. */
  CLZ = 0b000100,
  /** Count leading sign bits. */
  CLS = 0b000101,
}

/** Data-processing (1 source): `sf 1 0 11010110 00000 opcode Rn Rd`. */
export function encDp1(opcode: Dp1, rn: Gp, rd: Gp): number {
  sameWidth("data-processing (1 source)", rd.bits, rn);
  if (opcode === Dp1.REV64 && rd.bits === 32) throw new AsmError("rev (64-bit opcode) needs X registers");
  return word(
    sf(rd),
    0b1_0_11010110_00000 << 16,
    field(opcode, 10, 6, "opcode"),
    rz(rn, 5, "Rn"),
    rz(rd, 0, "Rd"),
  );
}

/**
 * Conditional select: `sf op 0 11010100 Rm cond 0 o2 Rn Rd`. (`op`, `o2`): (0,0) csel,
 * (0,1) csinc, (1,0) csinv, (1,1) csneg.
 */
export function encCondSelect(op: number, o2: number, rm: Gp, cond: Cond, rn: Gp, rd: Gp): number {
  sameWidth("conditional select", rd.bits, rn, rm);
  return word(
    sf(rd),
    bit(op, 30, "op"),
    0b0_11010100 << 21,
    rz(rm, 16, "Rm"),
    field(cond, 12, 4, "cond"),
    bit(o2, 10, "o2"),
    rz(rn, 5, "Rn"),
    rz(rd, 0, "Rd"),
  );
}

/**
 * Conditional compare (register): `sf op 1 11010010 Rm cond 0 0 Rn 0 nzcv`. `op` 0 = ccmn,
 * 1 = ccmp; when `cond` fails the flags become `nzcv`.
 */
export function encCondCompareReg(op: number, rm: Gp, cond: Cond, nzcv: number, rn: Gp): number {
  sameWidth("conditional compare", rn.bits, rm);
  return word(
    sf(rn),
    bit(op, 30, "op"),
    0b1_11010010 << 21,
    rz(rm, 16, "Rm"),
    field(cond, 12, 4, "cond"),
    rz(rn, 5, "Rn"),
    field(nzcv, 0, 4, "nzcv"),
  );
}

/** Conditional compare (immediate): `sf op 1 11010010 imm5 cond 1 0 Rn 0 nzcv`. */
export function encCondCompareImm(op: number, imm5: number, cond: Cond, nzcv: number, rn: Gp): number {
  return word(
    sf(rn),
    bit(op, 30, "op"),
    0b1_11010010 << 21,
    field(imm5, 16, 5, "imm5"),
    field(cond, 12, 4, "cond"),
    1 << 11,
    rz(rn, 5, "Rn"),
    field(nzcv, 0, 4, "nzcv"),
  );
}
