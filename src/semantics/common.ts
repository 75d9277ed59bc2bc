/**
 * Shared pieces of Kiln's numeric semantics: the i64 result holder, the trap messages and the
 * trap helper. Every other file of `src/semantics/` builds on these.
 *
 * Value representation used throughout the module:
 * - i32: a JS number holding an int32 (`x | 0`); unsigned views via `x >>> 0`.
 * - i64: two int32 halves `(lo, hi)`. Functions producing an i64 return the low half and write the
 *   high half to {@link ret}`.hi` just before returning, so a caller does
 *   `lo = i64Add(alo, ahi, blo, bhi); hi = ret.hi;` without allocating.
 * - f32: a JS number rounded with `Math.fround` (for arithmetic) or its u32 bits as an int32 (for
 *   bit-exact operations).
 * - f64: a JS number (for arithmetic) or its bits as two int32 halves (for bit-exact operations).
 */

import { RuntimeError } from "../errors.js";

/**
 * Holder of the high half of the last i64 (or f64 bit pattern) returned by a function of this
 * module, in the manner of wasm2js's `tempRet0`. Read it immediately after the call.
 */
export const ret = { hi: 0 };

/** Trap message of an integer division or remainder by zero. */
export const TRAP_DIVIDE_BY_ZERO = "integer divide by zero";

/** Trap message of a signed division overflow and of an out-of-range float-to-integer truncation. */
export const TRAP_INTEGER_OVERFLOW = "integer overflow";

/** Trap message of a float-to-integer truncation of a NaN. */
export const TRAP_INVALID_CONVERSION = "invalid conversion to integer";

/** Throws a {@link RuntimeError} trap with the given spec message. */
export function trap(message: string): never {
  throw new RuntimeError(message);
}
