/**
 * Advanced SIMD permute and lane encoders: the copy group (dup, ins, umov, smov), ext, table
 * lookups (tbl, tbx) and the zip/unzip/transpose permutes. Lane operands are `Lane` values
 * (`lane("s", 1, 2)` is `v1.s[2]`). Pure functions returning the instruction word.
 */
import { AsmError } from "../backend/asm-error.js";
import { BYTES, elemOf, imm5, type Lane, laneName, NO_1D, qSize, same, sizeOf } from "./enc-neon-common.js";
import { field, word } from "./fields.js";
import { ARRANGEMENTS, gpName, type RZ, rz, type VecReg, vName, vreg } from "./registers.js";

/** The copy group: `0 Q op 01110000 imm5 0 imm4 1 Rn Rd`. */
const COPY = 0b0_0_0_01110000_00000_0_0000_1_00000_00000;

/** `dup d, n`: copies lane `n` to every lane of `d` (same lane size; not `1d`). */
export function dupElement(d: VecReg, n: Lane): number {
  if (elemOf(d.arr) !== n.elem) throw new AsmError(`dup: ${vName(d)} and ${laneName(n)} differ in lane size`);
  return word(
    COPY,
    qSize(d.arr, NO_1D, "dup") & (1 << 30),
    imm5(n),
    field(n.num, 5, 5, "Rn"),
    vreg(d, 0, "Rd"),
  );
}

/** Throws unless `r` has the width that moves lanes of size `e` (x for `d`, w otherwise). */
function gpForLane(what: string, r: RZ, e: Lane["elem"]): void {
  if ((r.bits === 64) !== (e === "d")) {
    throw new AsmError(`${what}: ${gpName(r)} does not match .${e} lanes (x for d, w otherwise)`);
  }
}

/** `dup d, rn`: copies the low bits of `rn` (x for `2d`, w otherwise) to every lane of `d`. */
export function dupGp(d: VecReg, rn: RZ): number {
  const e = elemOf(d.arr);
  gpForLane("dup", rn, e);
  return word(
    COPY,
    qSize(d.arr, NO_1D, "dup") & (1 << 30),
    ((1 << sizeOf(e)) << 16) >>> 0,
    0b0001 << 11,
    rz(rn, 5, "Rn"),
    vreg(d, 0, "Rd"),
  );
}

/** `ins d, rn` (`mov d, rn`): writes the low bits of `rn` (x for `.d`, w otherwise) to lane `d`. */
export function insGp(d: Lane, rn: RZ): number {
  gpForLane("ins", rn, d.elem);
  return word(COPY, 1 << 30, imm5(d), 0b0011 << 11, rz(rn, 5, "Rn"), field(d.num, 0, 5, "Rd"));
}

/** `ins d, n` (`mov d, n`): copies lane `n` to lane `d` (same lane size), keeping the other lanes. */
export function insElement(d: Lane, n: Lane): number {
  if (d.elem !== n.elem) throw new AsmError(`ins: ${laneName(d)} and ${laneName(n)} differ in lane size`);
  return word(
    COPY,
    0b011 << 29,
    imm5(d),
    field(n.index << sizeOf(n.elem), 11, 4, "imm4"),
    field(n.num, 5, 5, "Rn"),
    field(d.num, 0, 5, "Rd"),
  );
}

/** `umov rd, n`: zero-extends lane `n` into `rd` (w for `b`, `h`, `s` lanes; x for `d`). */
export function umov(rd: RZ, n: Lane): number {
  gpForLane("umov", rd, n.elem);
  return word(
    COPY,
    n.elem === "d" ? 1 << 30 : 0,
    imm5(n),
    0b0111 << 11,
    field(n.num, 5, 5, "Rn"),
    rz(rd, 0, "Rd"),
  );
}

/** `smov rd, n`: sign-extends lane `n` (`b` or `h` to w or x, `s` to x) into `rd`. */
export function smov(rd: RZ, n: Lane): number {
  if (n.elem === "d" || (n.elem === "s" && rd.bits === 32)) {
    throw new AsmError(`smov: ${gpName(rd)}, ${laneName(n)} is not a widening move`);
  }
  return word(
    COPY,
    rd.bits === 64 ? 1 << 30 : 0,
    imm5(n),
    0b0101 << 11,
    field(n.num, 5, 5, "Rn"),
    rz(rd, 0, "Rd"),
  );
}

/** EXT: `0 Q 101110 00 0 Rm 0 imm4 0 Rn Rd`. */
const EXT = 0b0_0_101110_00_0_00000_0_0000_0_00000_00000;

/**
 * `ext d, n, m, #index` (`8b` or `16b`): the bytes `index ..` of the concatenation `m:n`
 * (`n` the low part), index below the byte count.
 */
export function ext(d: VecReg, n: VecReg, m: VecReg, index: number): number {
  same("ext", d.arr, n, m);
  const qs = qSize(d.arr, BYTES, "ext");
  const bytes = ARRANGEMENTS[d.arr].lanes;
  if (!Number.isInteger(index) || index < 0 || index >= bytes) {
    throw new AsmError(`ext: index ${index} is out of range 0..${bytes - 1}`);
  }
  return word(EXT, qs, vreg(m, 16, "Rm"), field(index, 11, 4, "imm4"), vreg(n, 5, "Rn"), vreg(d, 0, "Rd"));
}

/** Table lookups: `0 Q 001110 00 0 Rm 0 len(2) op 00 Rn Rd`. */
const TABLE = {
  tbl: 0b0_0_001110_00_0_00000_0_00_0_00_00000_00000,
  tbx: 0b0_0_001110_00_0_00000_0_00_1_00_00000_00000,
} as const;

/** A table lookup: `tbl` (out-of-range indices give 0) or `tbx` (they keep `d`'s byte). */
export type TableOp = keyof typeof TABLE;

/**
 * `<op> d, {table...}, m` (`d`, `m` both `8b` or `16b`): looks up each byte of `m` in the 1–4
 * consecutive (modulo 32) `16b` registers of `table`.
 */
export function tableLookup(op: TableOp, d: VecReg, table: readonly VecReg[], m: VecReg): number {
  same(op, d.arr, m);
  const qs = qSize(d.arr, BYTES, op);
  if (table.length < 1 || table.length > 4)
    throw new AsmError(`${op}: ${table.length} table registers (1–4)`);
  const first = table[0]!;
  table.forEach((t, i) => {
    if (t.arr !== "16b" || t.num !== (first.num + i) % 32) {
      throw new AsmError(`${op}: table register ${vName(t)} is not v${(first.num + i) % 32}.16b`);
    }
  });
  return word(
    TABLE[op],
    qs,
    vreg(m, 16, "Rm"),
    field(table.length - 1, 13, 2, "len"),
    vreg(first, 5, "Rn"),
    vreg(d, 0, "Rd"),
  );
}

/** Permutes: `0 Q 001110 size 0 Rm 0 opcode(3) 10 Rn Rd`. */
const PERMUTE = {
  uzp1: 0b0_0_001110_00_0_00000_0_001_10_00000_00000,
  trn1: 0b0_0_001110_00_0_00000_0_010_10_00000_00000,
  zip1: 0b0_0_001110_00_0_00000_0_011_10_00000_00000,
  uzp2: 0b0_0_001110_00_0_00000_0_101_10_00000_00000,
  trn2: 0b0_0_001110_00_0_00000_0_110_10_00000_00000,
  zip2: 0b0_0_001110_00_0_00000_0_111_10_00000_00000,
} as const;

/** A zip, unzip or transpose. */
export type PermuteOp = keyof typeof PERMUTE;

/**
 * `<op> d, n, m` (any arrangement but `1d`): zip1/zip2 interleave the lower/upper halves,
 * uzp1/uzp2 take the even/odd lanes of `n:m`, trn1/trn2 the even/odd lanes of each pair.
 */
export function permute(op: PermuteOp, d: VecReg, n: VecReg, m: VecReg): number {
  same(op, d.arr, n, m);
  return word(PERMUTE[op], qSize(d.arr, NO_1D, op), vreg(m, 16, "Rm"), vreg(n, 5, "Rn"), vreg(d, 0, "Rd"));
}
