/**
 * Bit-field helpers for A64 encoders. Every A64 instruction is one 32-bit word built from named
 * bit ranges; each helper checks that a value fits its range before placing it, so an encoder can
 * never silently truncate an operand (`AsmError` names the field and the instruction).
 */
import { AsmError } from "../backend/asm-error.js";

/** 2^i for i = 0..32 (a table: `2 ** width` with a variable width is a slow call). */
const POW2: readonly number[] = Array.from({ length: 33 }, (_, i) => 2 ** i);

/**
 * Places the unsigned `value` in bits `[lsb + width - 1 : lsb]` and returns it shifted into
 * position; throws `AsmError` when it does not fit. `what` names the field in the message.
 */
export function field(value: number, lsb: number, width: number, what: string): number {
  if (!(value >= 0 && value < POW2[width]! && Number.isInteger(value))) {
    throw new AsmError(`${what}: ${value} does not fit an unsigned ${width}-bit field`);
  }
  return (value << lsb) >>> 0;
}

/**
 * Places the signed `value` as a two's-complement `width`-bit field at `lsb` (branch and load
 * offsets); throws `AsmError` when it is out of range.
 */
export function sfield(value: number, lsb: number, width: number, what: string): number {
  const half = POW2[width - 1]!;
  if (!(value >= -half && value < half && Number.isInteger(value))) {
    throw new AsmError(`${what}: ${value} does not fit a signed ${width}-bit field`);
  }
  return ((value & (POW2[width]! - 1)) << lsb) >>> 0;
}

/** Joins the fields of one instruction word (an unsigned 32-bit number). */
export function word(...parts: number[]): number {
  let w = 0;
  for (const p of parts) w |= p;
  return w >>> 0;
}

/** A register number field (`Rd`, `Rn`, `Rm`, `Rt`, `Ra`: 5 bits) at `lsb`. */
export function reg(n: number, lsb: number, what: string): number {
  return field(n, lsb, 5, what);
}
