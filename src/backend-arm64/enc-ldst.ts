/**
 * Pure encoders for A64 loads and stores of general-purpose and SIMD&FP registers. The transfer
 * register's kind selects the `V` bit; `size` and `opc` follow the manual (see `access` for the
 * table the assembler uses). Offsets are field values: `imm12` is already divided by the access
 * size, `imm9` is in bytes, `imm7` in units of the register size, the literal offset in bytes.
 */
import { AsmError } from "../backend/asm-error.js";
import { field, sfield, word } from "./fields.js";
import type { Extend } from "./operands.js";
import { type FpReg, type Gp, rs, rz, vreg } from "./registers.js";

/** A transfer register: general-purpose (`V` = 0) or SIMD&FP scalar (`V` = 1). */
export type Rt = Gp | FpReg;

function rt(r: Rt, lsb: number, what: string): number {
  return r.kind === "fp" ? vreg(r, lsb, what) : rz(r, lsb, what);
}

function base(rn: Gp): number {
  if (rn.bits !== 64) throw new AsmError("load/store: the base register must be 64-bit");
  return rs(rn, 5, "Rn");
}

function vbit(r: Rt): number {
  return r.kind === "fp" ? 1 << 26 : 0;
}

/** Load/store kinds the assembler offers. */
export type LdStOp = "ldr" | "str" | "ldrb" | "strb" | "ldrh" | "strh" | "ldrsb" | "ldrsh" | "ldrsw";

/** The `size` and `opc` fields and the access size (log2 bytes) of one load/store form. */
export interface Access {
  /** The `size` field (bits 30–31). */
  readonly size: number;
  /** The `opc` field (bits 22–23). */
  readonly opc: number;
  /** log2 of the bytes transferred (the scale of `imm12` and of a shifted index). */
  readonly scale: number;
}

const FP_SCALE: Readonly<Record<FpReg["size"], number>> = { b: 0, h: 1, s: 2, d: 3, q: 4 };

/** The fields of `op` with transfer register `r`; throws for combinations that do not exist. */
export function access(op: LdStOp, r: Rt): Access {
  if (r.kind === "fp") {
    if (op !== "ldr" && op !== "str") throw new AsmError(`${op}: needs a general-purpose register`);
    const scale = FP_SCALE[r.size];
    const load = op === "ldr" ? 1 : 0;
    return scale === 4 ? { size: 0, opc: 2 | load, scale } : { size: scale, opc: load, scale };
  }
  if (r.kind === "sp") throw new AsmError(`${op}: sp cannot be the transfer register`);
  const x = r.bits === 64;
  switch (op) {
    case "ldr":
      return { size: x ? 3 : 2, opc: 1, scale: x ? 3 : 2 };
    case "str":
      return { size: x ? 3 : 2, opc: 0, scale: x ? 3 : 2 };
    case "ldrb":
    case "strb":
    case "ldrh":
    case "strh": {
      if (x) throw new AsmError(`${op}: the transfer register must be a W register`);
      const size = op === "ldrb" || op === "strb" ? 0 : 1;
      return { size, opc: op.startsWith("ld") ? 1 : 0, scale: size };
    }
    case "ldrsb":
      return { size: 0, opc: x ? 2 : 3, scale: 0 };
    case "ldrsh":
      return { size: 1, opc: x ? 2 : 3, scale: 1 };
    case "ldrsw":
      if (!x) throw new AsmError("ldrsw: the transfer register must be an X register");
      return { size: 2, opc: 2, scale: 2 };
  }
}

/** Load/store (unsigned scaled offset): `size 111 V 01 opc imm12 Rn Rt`. */
export function encLdStUImm(size: number, opc: number, imm12: number, rn: Gp, t: Rt): number {
  return word(
    field(size, 30, 2, "size"),
    0b111_0_01 << 24,
    vbit(t),
    field(opc, 22, 2, "opc"),
    field(imm12, 10, 12, "imm12"),
    base(rn),
    rt(t, 0, "Rt"),
  );
}

/** Indexing modes of the imm9 forms (bits 10–11). */
export enum Index {
  /** ldur/stur: unscaled offset, no writeback. */
  Unscaled = 0b00,
  /** Post-index: access at Rn, then Rn += imm9. */
  Post = 0b01,
  /** Pre-index: Rn += imm9, then access at Rn. */
  Pre = 0b11,
}

/**
 * Load/store with a signed 9-bit byte offset: `size 111 V 00 opc 0 imm9 mode Rn Rt`, `mode`
 * unscaled (ldur/stur), post- or pre-index. Writeback forms reject Rt = Rn.
 */
export function encLdStImm9(size: number, opc: number, imm9: number, mode: Index, rn: Gp, t: Rt): number {
  if (mode !== Index.Unscaled && mode !== Index.Post && mode !== Index.Pre) {
    throw new AsmError(`load/store (imm9): mode ${mode} is not unscaled, post- or pre-index`);
  }
  if (mode !== Index.Unscaled && t.kind === "r" && rn.kind === "r" && t.num === rn.num) {
    throw new AsmError("load/store with writeback: Rt and Rn must differ");
  }
  return word(
    field(size, 30, 2, "size"),
    0b111_0_00 << 24,
    vbit(t),
    field(opc, 22, 2, "opc"),
    sfield(imm9, 12, 9, "imm9"),
    field(mode, 10, 2, "mode"),
    base(rn),
    rt(t, 0, "Rt"),
  );
}

/**
 * Load/store (register offset): `size 111 V 00 opc 1 Rm option S 10 Rn Rt`. `ext` is UXTW or
 * SXTW (Rm a W register) or UXTX/SXTX (Rm an X register; UXTX prints as lsl); `s` scales the
 * index by the access size.
 */
export function encLdStReg(size: number, opc: number, rm: Gp, ext: Extend, s: number, rn: Gp, t: Rt): number {
  if ((ext & 2) === 0)
    throw new AsmError(`load/store (register offset): extend ${ext} is not uxtw/lsl/sxtw/sxtx`);
  const rmBits = (ext & 1) === 1 ? 64 : 32;
  if (rm.bits !== rmBits) throw new AsmError(`load/store (register offset): the index must be ${rmBits}-bit`);
  return word(
    field(size, 30, 2, "size"),
    0b111_0_00 << 24,
    vbit(t),
    field(opc, 22, 2, "opc"),
    1 << 21,
    rz(rm, 16, "Rm"),
    field(ext, 13, 3, "option"),
    field(s, 12, 1, "S"),
    0b10 << 10,
    base(rn),
    rt(t, 0, "Rt"),
  );
}

/** Addressing modes of load/store pair (bits 23–25). */
export enum PairMode {
  /** Post-index. */
  Post = 0b001,
  /** Signed offset, no writeback. */
  Offset = 0b010,
  /** Pre-index. */
  Pre = 0b011,
}

/**
 * Load/store pair: `opc 101 V mode L imm7 Rt2 Rn Rt`. `opc` for general-purpose registers:
 * 0 = W, 1 = ldpsw, 2 = X; for SIMD&FP: 0 = s, 1 = d, 2 = q. `l` 1 loads. `imm7` is in units of
 * the register size. Loads reject Rt = Rt2.
 */
export function encLdStPair(
  opc: number,
  mode: PairMode,
  l: number,
  imm7: number,
  t2: Rt,
  rn: Gp,
  t: Rt,
): number {
  if ((t.kind === "fp") !== (t2.kind === "fp")) throw new AsmError("ldp/stp: mixed register files");
  if (l === 1 && t.num === t2.num) throw new AsmError("ldp: Rt and Rt2 must differ");
  if (mode !== PairMode.Post && mode !== PairMode.Offset && mode !== PairMode.Pre) {
    throw new AsmError(`ldp/stp: mode ${mode} is not post-index, offset or pre-index`);
  }
  return word(
    field(opc, 30, 2, "opc"),
    0b101_0 << 26,
    vbit(t),
    field(mode, 23, 3, "mode"),
    field(l, 22, 1, "L"),
    sfield(imm7, 15, 7, "imm7"),
    rt(t2, 10, "Rt2"),
    base(rn),
    rt(t, 0, "Rt"),
  );
}

/**
 * Load register (literal): `opc 011 V 00 imm19 Rt`, `offset` in bytes from the instruction.
 * `opc` for general-purpose registers: 0 = W, 1 = X, 2 = ldrsw; for SIMD&FP: 0 = s, 1 = d, 2 = q.
 */
export function encLdrLiteral(opc: number, t: Rt, offset: number): number {
  if (offset % 4 !== 0) throw new AsmError(`ldr (literal): offset ${offset} is not a multiple of 4`);
  return word(
    field(opc, 30, 2, "opc"),
    0b011_0_00 << 24,
    vbit(t),
    sfield(offset / 4, 5, 19, "imm19"),
    rt(t, 0, "Rt"),
  );
}
