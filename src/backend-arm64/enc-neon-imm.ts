/**
 * Advanced SIMD modified-immediate encoders: movi/mvni with their `cmode` forms (8-bit, 16- and
 * 32-bit shifted, 32-bit "shifting ones" MSL, the 64-bit byte mask) and the vector fmov
 * immediate, plus `constantMove`, which finds a single instruction (and its listing text) that
 * materialises a 128-bit constant. The layout is `0 Q op 0111100000 abc cmode(4) o2 1 defgh Rd`, the 8-bit immediate
 * split as `abc` (18:16) and `defgh` (9:5).
 */
import { AsmError } from "../backend/asm-error.js";
import { imm } from "./core.js";
import { fpImm8 } from "./enc-fp.js";
import { checkArrangement, elemOf, scalar } from "./enc-neon-common.js";
import { field, word } from "./fields.js";
import { ARRANGEMENTS, type FpReg, type VecReg, vecReg, vName } from "./registers.js";

/** The modified-immediate class with everything but Q, op, cmode, the immediate and Rd clear. */
const MOD_IMM = 0b0_0_0_0111100000_000_0000_0_1_00000_00000;

/** `op` (bit 29): movi or mvni (the inverted immediate). */
const OPS = {
  movi: 0,
  mvni: 1 << 29,
} as const;

/** A move of an (optionally inverted) immediate. */
export type MoviOp = keyof typeof OPS;

function imm8Fields(imm8: number): number {
  field(imm8, 0, 8, "imm8");
  return ((imm8 >> 5) << 16) | ((imm8 & 31) << 5);
}

function encode(q: number, op: number, cmode: number, imm8: number, rd: number): number {
  return word(MOD_IMM, q << 30, op, imm8Fields(imm8), field(cmode, 12, 4, "cmode"), field(rd, 0, 5, "Rd"));
}

/**
 * `movi d, #imm8{, lsl #shift}` / `mvni ...`: every lane of `d` becomes `imm8 << shift` (mvni:
 * its complement). Lane sizes: `8b`/`16b` (movi only, shift 0), `4h`/`8h` (shift 0 or 8),
 * `2s`/`4s` (shift 0, 8, 16 or 24).
 */
export function movi(op: MoviOp, d: VecReg, imm8: number, shift = 0): number {
  const e = elemOf(d.arr);
  const shifts = e === "b" && op === "movi" ? [0] : e === "h" ? [0, 8] : e === "s" ? [0, 8, 16, 24] : [];
  if (shifts.length === 0) throw new AsmError(`${op}: arrangement ${d.arr} has no shifted-immediate form`);
  if (!shifts.includes(shift)) throw new AsmError(`${op}: shift ${shift} is not one of ${shifts.join(", ")}`);
  const cmode = e === "b" ? 0b1110 : e === "h" ? 0b1000 | (shift >> 2) : (shift >> 2) & 0b0110;
  return encode(ARRANGEMENTS[d.arr].q, OPS[op], cmode, imm8, d.num);
}

/**
 * `movi d, #imm8, msl #shift` / `mvni ...` on `2s`/`4s`: every lane becomes `imm8 << shift`
 * with ones shifted in (`shift` 8 or 16; mvni: the complement).
 */
export function moviMsl(op: MoviOp, d: VecReg, imm8: number, shift: number): number {
  checkArrangement(d.arr, ["2s", "4s"], op);
  if (shift !== 8 && shift !== 16) throw new AsmError(`${op}: msl #${shift} is not 8 or 16`);
  return encode(ARRANGEMENTS[d.arr].q, OPS[op], shift === 8 ? 0b1100 : 0b1101, imm8, d.num);
}

/**
 * `movi d, #mask` for `d` a `2d` vector or a `d` scalar: bit `i` of the 8-bit `mask` sets byte
 * `i` of each 64-bit lane to 0xff (otherwise 0).
 */
export function moviMask(d: VecReg | FpReg, mask: number): number {
  if (d.kind === "vec") checkArrangement(d.arr, ["2d"], "movi");
  else scalar("movi", d, "d");
  return encode(d.kind === "vec" ? 1 : 0, 1 << 29, 0b1110, mask, d.num);
}

/**
 * `fmov d, #value` (vector): every lane of `d` (`2s`, `4s`, `2d`) becomes `value`, which must
 * have an 8-bit FP immediate encoding (see `fpImm8`).
 */
export function fmovVec(d: VecReg, value: number): number {
  checkArrangement(d.arr, ["2s", "4s", "2d"], "fmov");
  const imm = fpImm8(value);
  if (imm === null) throw new AsmError(`fmov: ${value} has no 8-bit floating-point immediate encoding`);
  return encode(ARRANGEMENTS[d.arr].q, d.arr === "2d" ? 1 << 29 : 0, 0b1111, imm, d.num);
}

/** An encoded instruction with its listing text (capstone's syntax). */
export interface Encoded {
  /** The instruction word. */
  readonly word: number;
  /** The listing text. */
  readonly text: string;
}

function shifted(op: MoviOp, d: VecReg, imm8: number, shift: number): Encoded {
  return {
    word: movi(op, d, imm8, shift),
    text: `${op} ${vName(d)}, ${imm(imm8)}${shift > 0 ? `, lsl #${shift}` : ""}`,
  };
}

function msl(op: MoviOp, d: VecReg, imm8: number, shift: number): Encoded {
  return { word: moviMsl(op, d, imm8, shift), text: `${op} ${vName(d)}, ${imm(imm8)}, msl #${shift}` };
}

function fmovText(d: VecReg, value: number): Encoded {
  return { word: fmovVec(d, value), text: `fmov ${vName(d)}, #${value.toFixed(8)}` };
}

/** The 32-bit lane encodings (movi/mvni shifted or MSL, fmov) of `v`, or null. */
function lane32(num: number, v: number): Encoded | null {
  const d = vecReg("4s", num);
  const inv = ~v >>> 0;
  for (const shift of [0, 8, 16, 24]) {
    const low = (1 << shift) - 1;
    if (v >>> shift < 256 && (v & low) === 0) return shifted("movi", d, v >>> shift, shift);
    if (inv >>> shift < 256 && (inv & low) === 0) return shifted("mvni", d, inv >>> shift, shift);
  }
  for (const shift of [8, 16]) {
    const ones = (1 << shift) - 1;
    if ((v & ones) === ones && v >>> shift < 256) return msl("movi", d, v >>> shift, shift);
    if ((inv & ones) === ones && inv >>> shift < 256) return msl("mvni", d, inv >>> shift, shift);
  }
  const f = new DataView(new Uint32Array([v]).buffer).getFloat32(0, true);
  return fpImm8(f) === null ? null : fmovText(d, f);
}

/**
 * One instruction that sets all 128 bits of `v<num>` to the 16 little-endian `bytes`, with its
 * listing text, or null when no modified-immediate form matches: the 64-bit byte mask, movi/mvni
 * on 8-, 16- and 32-bit lanes, and fmov on 32- or 64-bit lanes.
 */
export function constantMove(num: number, bytes: Uint8Array): Encoded | null {
  if (bytes.length !== 16) throw new AsmError(`constantMove: ${bytes.length} bytes, expected 16`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, 16);
  const lo = view.getBigUint64(0, true);
  const halvesEqual = lo === view.getBigUint64(8, true);
  if (halvesEqual && bytes.every((x) => x === 0 || x === 0xff)) {
    let mask = 0;
    for (let i = 0; i < 8; i++) if (bytes[i] === 0xff) mask |= 1 << i;
    // capstone prints the 64-bit value with C's "%#016llx": no 0x for zero, 14 digits otherwise.
    const value = lo === 0n ? "0".repeat(16) : `0x${lo.toString(16).padStart(14, "0")}`;
    return { word: moviMask(vecReg("2d", num), mask), text: `movi v${num}.2d, #${value}` };
  }
  if (bytes.every((x) => x === bytes[0])) return shifted("movi", vecReg("16b", num), bytes[0]!, 0);
  const h = view.getUint16(0, true);
  if ([1, 2, 3, 4, 5, 6, 7].every((i) => view.getUint16(2 * i, true) === h)) {
    for (const [op, v] of [
      ["movi", h],
      ["mvni", ~h & 0xffff],
    ] as const) {
      if (v < 256) return shifted(op, vecReg("8h", num), v, 0);
      if ((v & 0xff) === 0) return shifted(op, vecReg("8h", num), v >> 8, 8);
    }
  }
  const s = view.getUint32(0, true);
  if ([1, 2, 3].every((i) => view.getUint32(4 * i, true) === s)) {
    const w = lane32(num, s);
    if (w !== null) return w;
  }
  if (halvesEqual) {
    const f = view.getFloat64(0, true);
    if (fpImm8(f) !== null) return fmovText(vecReg("2d", num), f);
  }
  return null;
}
