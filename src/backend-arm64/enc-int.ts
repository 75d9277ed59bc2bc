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

/** The `N:immr:imms` fields of an encodable bitmask immediate. */
export interface BitmaskFields {
  /** The N bit (1 only for 64-bit elements). */
  readonly n: number;
  /** Rotate-right amount. */
  readonly immr: number;
  /** Element size and run length, as the manual encodes them. */
  readonly imms: number;
}

function isShiftedMask(v: bigint): boolean {
  if (v === 0n) return false;
  const filled = v | (v - 1n); // fill the trailing zeros with ones
  return (filled & (filled + 1n)) === 0n; // one contiguous run of ones
}

function ctz(v: bigint): number {
  let n = 0;
  while ((v & 1n) === 0n) {
    v >>= 1n;
    n++;
  }
  return n;
}

function cto(v: bigint): number {
  let n = 0;
  while ((v & 1n) === 1n) {
    v >>= 1n;
    n++;
  }
  return n;
}

/**
 * Encodes `value` (taken modulo 2^`bits`) as a logical-instruction bitmask immediate: a
 * power-of-two element (2–64 bits) holding a rotated run of ones, repeated over the register.
 * Returns `null` when the value has no such form (0, all ones, and most other values).
 */
export function encodeBitmask(value: number | bigint, bits: Width): BitmaskFields | null {
  const width = BigInt(bits);
  let imm = BigInt.asUintN(bits, BigInt(value));
  if (imm === 0n || imm === (1n << width) - 1n) return null;
  let size = width;
  for (;;) {
    const half = size / 2n;
    const mask = (1n << half) - 1n;
    if ((imm & mask) !== ((imm >> half) & mask)) break;
    size = half;
    if (size === 2n) break;
  }
  const mask = (1n << size) - 1n;
  imm &= mask;
  let rotation: number;
  let ones: number;
  if (isShiftedMask(imm)) {
    rotation = ctz(imm);
    ones = cto(imm >> BigInt(rotation));
  } else {
    // The run wraps around the element: look at the inverted element instead.
    const inv = ~imm & mask;
    if (!isShiftedMask(inv)) return null;
    const zerosAt = ctz(inv);
    const zeros = cto(inv >> BigInt(zerosAt));
    ones = Number(size) - zeros;
    rotation = zerosAt + zeros; // the run of ones starts right after the zeros
  }
  const esize = Number(size);
  const immr = (esize - rotation) & (esize - 1);
  const imms = ((~(esize - 1) << 1) | (ones - 1)) & 0x3f;
  return { n: esize === 64 ? 1 : 0, immr, imms };
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

/** One instruction of a constant materialisation sequence chosen by `movImmSequence`. */
export type MovStep =
  | { readonly op: "movz" | "movn" | "movk"; readonly hw: number; readonly imm16: number }
  | { readonly op: "orr"; readonly value: bigint };

/**
 * The value of the bitmask immediate `N:immr:imms` in a `bits`-bit register (the manual's
 * DecodeBitMasks), or `null` for a reserved combination.
 */
export function decodeBitmask(n: number, immr: number, imms: number, bits: Width): bigint | null {
  const combined = (n << 6) | (~imms & 0x3f);
  if (combined === 0 || (bits === 32 && n === 1)) return null;
  const len = 31 - Math.clz32(combined);
  if (len < 1) return null;
  const levels = (1 << len) - 1;
  if ((imms & levels) === levels) return null;
  const esize = 1 << len;
  const r = BigInt(immr & levels);
  const welem = (1n << BigInt((imms & levels) + 1)) - 1n;
  const rotated = ((welem >> r) | (welem << (BigInt(esize) - r))) & ((1n << BigInt(esize)) - 1n);
  let out = 0n;
  for (let i = 0; i < bits; i += esize) out |= rotated << BigInt(i);
  return out;
}

let bitmaskSlots: Uint16Array | null = null;

/** The four 16-bit slots of every 64-bit bitmask immediate (5334 values), built on first use. */
function allBitmaskSlots(): Uint16Array {
  if (bitmaskSlots !== null) return bitmaskSlots;
  const out: number[] = [];
  for (let len = 1; len <= 6; len++) {
    const esize = 1 << len;
    const n = len === 6 ? 1 : 0;
    const sizeBits = (~(esize - 1) << 1) & 0x3f;
    for (let ones = 1; ones < esize; ones++) {
      for (let immr = 0; immr < esize; immr++) {
        const v = decodeBitmask(n, immr, sizeBits | (ones - 1), 64)!;
        for (let i = 0; i < 4; i++) out.push(Number((v >> BigInt(16 * i)) & 0xffffn));
      }
    }
  }
  bitmaskSlots = Uint16Array.from(out);
  return bitmaskSlots;
}

/**
 * The shortest sequence that puts `value` (modulo 2^`bits`) in a register: one movz or movn
 * when at most one 16-bit slot differs from all-zeros or all-ones; otherwise one orr with a
 * bitmask immediate when encodable; otherwise the shorter of movz or movn (whichever leaves
 * fewer slots to fix) plus a movk per remaining slot, and (64-bit) an orr of the bitmask
 * immediate that shares the most slots with the value plus a movk per other slot.
 */
export function movImmSequence(value: number | bigint, bits: Width): MovStep[] {
  const v = BigInt.asUintN(bits, BigInt(value));
  const slots = bits / 16;
  const halves: number[] = [];
  for (let i = 0; i < slots; i++) halves.push(Number((v >> BigInt(16 * i)) & 0xffffn));
  const zeros = halves.filter((x) => x === 0).length;
  const ones = halves.filter((x) => x === 0xffff).length;
  if (zeros >= slots - 1) {
    const hw = Math.max(
      0,
      halves.findIndex((x) => x !== 0),
    );
    return [{ op: "movz", hw, imm16: halves[hw]! }];
  }
  if (ones >= slots - 1) {
    const hw = Math.max(
      0,
      halves.findIndex((x) => x !== 0xffff),
    );
    return [{ op: "movn", hw, imm16: ~halves[hw]! & 0xffff }];
  }
  if (encodeBitmask(v, bits) !== null) return [{ op: "orr", value: v }];
  const wideLength = slots - Math.max(zeros, ones);
  if (bits === 64 && wideLength >= 3) {
    const table = allBitmaskSlots();
    let best = -1;
    let bestMatches = 0;
    for (let i = 0; i < table.length && bestMatches < 3; i += 4) {
      let matches = 0;
      for (let k = 0; k < 4; k++) if (table[i + k] === halves[k]) matches++;
      if (matches > bestMatches) {
        bestMatches = matches;
        best = i;
      }
    }
    if (best >= 0 && 1 + (4 - bestMatches) < wideLength) {
      let b = 0n;
      for (let k = 0; k < 4; k++) b |= BigInt(table[best + k]!) << BigInt(16 * k);
      const steps: MovStep[] = [{ op: "orr", value: b }];
      for (let hw = 0; hw < 4; hw++) {
        if (table[best + hw] !== halves[hw]) steps.push({ op: "movk", hw, imm16: halves[hw]! });
      }
      return steps;
    }
  }
  const useN = ones > zeros;
  const fill = useN ? 0xffff : 0;
  const steps: MovStep[] = [];
  for (let hw = 0; hw < slots; hw++) {
    const part = halves[hw]!;
    if (part === fill) continue;
    if (steps.length === 0) {
      steps.push(useN ? { op: "movn", hw, imm16: ~part & 0xffff } : { op: "movz", hw, imm16: part });
    } else {
      steps.push({ op: "movk", hw, imm16: part });
    }
  }
  return steps;
}
