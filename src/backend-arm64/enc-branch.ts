/**
 * Pure encoders for A64 branches, PC-relative address computation, and the few system
 * instructions a JIT needs (nop, brk, udf, dmb, dsb, isb). Branch and address offsets are
 * given in bytes relative to the instruction's own address; the encoders check alignment and
 * range (b/bl ±128 MiB, b.cond/cbz/cbnz/adr ±1 MiB, tbz/tbnz ±32 KiB).
 */
import { AsmError } from "../backend/asm-error.js";
import { field, sfield, word } from "./fields.js";
import type { Cond } from "./operands.js";
import { type Gp, rz, sfOf } from "./registers.js";

function words(offset: number, what: string): number {
  if (offset % 4 !== 0) throw new AsmError(`${what}: offset ${offset} is not a multiple of 4`);
  return offset / 4;
}

/** B / BL (immediate): `op 00101 imm26`. `op` 0 = b, 1 = bl. */
export function encBranchImm(op: number, offset: number): number {
  return word(field(op, 31, 1, "op"), 0b00101 << 26, sfield(words(offset, "b"), 0, 26, "b: imm26"));
}

/** B.cond: `0101010 0 imm19 0 cond`. */
export function encBranchCond(cond: Cond, offset: number): number {
  return word(
    0b0101010_0 << 24,
    sfield(words(offset, "b.cond"), 5, 19, "b.cond: imm19"),
    field(cond, 0, 4, "cond"),
  );
}

/** CBZ / CBNZ: `sf 011010 op imm19 Rt`. `op` 0 = cbz, 1 = cbnz; the width comes from Rt. */
export function encCompareBranch(op: number, rt: Gp, offset: number): number {
  return word(
    field(sfOf(rt.bits), 31, 1, "sf"),
    0b011010 << 25,
    field(op, 24, 1, "op"),
    sfield(words(offset, "cbz"), 5, 19, "cbz: imm19"),
    rz(rt, 0, "Rt"),
  );
}

/**
 * TBZ / TBNZ: `b5 011011 op b40 imm14 Rt`. `op` 0 = tbz, 1 = tbnz; `bitNum` is below Rt's width
 * (bit 5 of it goes to b5).
 */
export function encTestBranch(op: number, rt: Gp, bitNum: number, offset: number): number {
  if (!Number.isInteger(bitNum) || bitNum < 0 || bitNum >= rt.bits) {
    throw new AsmError(`tbz: bit ${bitNum} is outside a ${rt.bits}-bit register`);
  }
  return word(
    field(bitNum >> 5, 31, 1, "b5"),
    0b011011 << 25,
    field(op, 24, 1, "op"),
    field(bitNum & 31, 19, 5, "b40"),
    sfield(words(offset, "tbz"), 5, 14, "tbz: imm14"),
    rz(rt, 0, "Rt"),
  );
}

/** Opcodes of unconditional branch (register). */
export enum BranchReg {
  /** Branch to register. */
  BR = 0b0000,
  /** Branch with link to register. */
  BLR = 0b0001,
  /** Return (to x30 by default). */
  RET = 0b0010,
}

/** BR / BLR / RET: `1101011 opc 11111 000000 Rn 00000`. Rn must be a 64-bit register. */
export function encBranchReg(opc: BranchReg, rn: Gp): number {
  if (opc !== BranchReg.BR && opc !== BranchReg.BLR && opc !== BranchReg.RET) {
    throw new AsmError(`branch (register): opc ${opc} is not br, blr or ret`);
  }
  if (rn.bits !== 64) throw new AsmError("br/blr/ret: the target must be an X register");
  return word(0b1101011 << 25, field(opc, 21, 4, "opc"), 0b11111_000000 << 10, rz(rn, 5, "Rn"));
}

/**
 * ADR / ADRP: `op immlo 10000 immhi Rd`. `op` 0 = adr with a byte offset (±1 MiB); 1 = adrp with
 * a page offset (`offset` in 4 KiB pages, ±4 GiB).
 */
export function encAdr(op: number, rd: Gp, offset: number): number {
  if (rd.bits !== 64) throw new AsmError("adr/adrp: Rd must be an X register");
  const imm = sfield(offset, 0, 21, op === 0 ? "adr: imm21" : "adrp: imm21");
  return word(
    field(op, 31, 1, "op"),
    field(imm & 3, 29, 2, "immlo"),
    0b10000 << 24,
    field(imm >>> 2, 5, 19, "immhi"),
    rz(rd, 0, "Rd"),
  );
}

/** NOP: `1101010100 0 00 011 0010 0000 000 11111`. */
export function encNop(): number {
  return 0xd503201f;
}

/** BRK #imm16 (breakpoint): `11010100 001 imm16 000 00`. */
export function encBrk(imm16: number): number {
  return word(0b11010100_001 << 21, field(imm16, 5, 16, "brk: imm16"));
}

/** UDF #imm16 (permanently undefined): `0000000000000000 imm16`. */
export function encUdf(imm16: number): number {
  return field(imm16, 0, 16, "udf: imm16");
}

/** Barrier domains and access types (the `CRm` field of dmb/dsb). */
export enum Barrier {
  /** Inner shareable, loads only. */
  ISHLD = 0b1001,
  /** Inner shareable, stores only. */
  ISHST = 0b1010,
  /** Inner shareable, all accesses. */
  ISH = 0b1011,
  /** Full system, all accesses. */
  SY = 0b1111,
}

/** DMB (data memory barrier): `11010101000000110011 CRm 1 01 11111`. */
export function encDmb(option: Barrier): number {
  return word(0b11010101000000110011 << 12, field(option, 8, 4, "CRm"), 0b1_01_11111);
}

/** DSB (data synchronisation barrier): `11010101000000110011 CRm 1 00 11111`. */
export function encDsb(option: Barrier): number {
  return word(0b11010101000000110011 << 12, field(option, 8, 4, "CRm"), 0b1_00_11111);
}

/** ISB (instruction synchronisation barrier, full system). */
export function encIsb(): number {
  return 0xd5033fdf;
}
