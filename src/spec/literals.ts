/**
 * Numeric literals of the WebAssembly text format, parsed to exact bits. Integers accept
 * decimal and hex forms with `_` separators and signs; floats are rounded (ties to even)
 * directly from the exact rational value of the literal to the target precision, so there is
 * no double rounding. Arithmetic is done with bigint inside this module only.
 */

/** A malformed or out-of-range literal. */
export class LiteralError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LiteralError";
  }
}

/** A 64-bit quantity as two unsigned 32-bit halves. */
export interface Bits64 {
  readonly lo: number;
  readonly hi: number;
}

/** Splits an unsigned 64-bit bigint into halves. */
export function splitBits64(v: bigint): Bits64 {
  return { lo: Number(v & 0xffff_ffffn), hi: Number((v >> 32n) & 0xffff_ffffn) };
}

/** A run of digits scanned from a literal. */
interface DigitRun {
  readonly value: bigint;
  readonly digits: number;
  readonly end: number;
}

/**
 * Scans `d (_? d)*` in base 10 or 16 starting at `i`; returns null when there is no digit at `i`.
 * Throws on a misplaced underscore.
 */
function scanDigits(text: string, i: number, hex: boolean): DigitRun | null {
  let value = 0n;
  let digits = 0;
  const base = hex ? 16n : 10n;
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (c === "_") {
      const next = text[i + 1];
      if (digits === 0 || next === undefined || digitValue(next, hex) < 0) {
        throw new LiteralError(`misplaced '_' in '${text}'`);
      }
      continue;
    }
    const d = digitValue(c, hex);
    if (d < 0) break;
    value = value * base + BigInt(d);
    digits++;
  }
  return digits === 0 ? null : { value, digits, end: i };
}

function digitValue(c: string, hex: boolean): number {
  const code = c.charCodeAt(0);
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (!hex) return -1;
  if (code >= 0x61 && code <= 0x66) return code - 0x61 + 10;
  if (code >= 0x41 && code <= 0x46) return code - 0x41 + 10;
  return -1;
}

/** Splits a leading sign off `text`. */
function splitSign(text: string): { sign: "" | "+" | "-"; rest: string } {
  const c = text[0];
  if (c === "+" || c === "-") return { sign: c, rest: text.slice(1) };
  return { sign: "", rest: text };
}

/** Parses an unsigned `num` or `0x hexnum` that must span all of `text`. */
function parseNat(text: string, whole: string): bigint {
  const hex = text.startsWith("0x");
  const run = scanDigits(text, hex ? 2 : 0, hex);
  if (run === null || run.end !== text.length) throw new LiteralError(`malformed integer '${whole}'`);
  return run.value;
}

/**
 * Parses an `iN` literal (N = 8, 16, 32 or 64; the narrow ones are `v128.const` lanes) to its
 * unsigned N-bit value. Unsigned forms may use the
 * whole range [0, 2^N); signed forms `+n` / `-n` must fit in [-2^(N-1), 2^(N-1)).
 */
export function parseIntBits(text: string, bits: 8 | 16 | 32 | 64): bigint {
  const { sign, rest } = splitSign(text);
  const n = parseNat(rest, text);
  const width = BigInt(bits);
  const limit = 1n << width;
  const half = 1n << (width - 1n);
  if (sign === "") {
    if (n >= limit) throw new LiteralError(`constant out of range: '${text}'`);
    return n;
  }
  if (sign === "+") {
    if (n >= half) throw new LiteralError(`constant out of range: '${text}'`);
    return n;
  }
  if (n > half) throw new LiteralError(`constant out of range: '${text}'`);
  return (limit - n) & (limit - 1n);
}

/** Parses an `i32` literal; returns the value as a signed 32-bit integer. */
export function parseI32(text: string): number {
  return Number(BigInt.asIntN(32, parseIntBits(text, 32)));
}

/** Parses an `i64` literal; returns its bits as unsigned 32-bit halves. */
export function parseI64(text: string): Bits64 {
  return splitBits64(parseIntBits(text, 64));
}

/** An IEEE 754 binary format. */
interface FloatFormat {
  /** Precision in bits, the implicit leading bit included. */
  readonly precision: number;
  readonly emin: number;
  readonly emax: number;
  readonly fracBits: number;
}

const F32: FloatFormat = { precision: 24, emin: -126, emax: 127, fracBits: 23 };
const F64: FloatFormat = { precision: 53, emin: -1022, emax: 1023, fracBits: 52 };

function bitLength(v: bigint): number {
  return v === 0n ? 0 : v.toString(2).length;
}

/**
 * Rounds `mant * 2^exp2 * 10^exp10` (mant >= 0) to the nearest value of `fmt`, ties to even,
 * returning the unsigned bits without sign. Throws when it rounds to infinity.
 */
function roundToFormat(mant: bigint, exp2: number, exp10: number, fmt: FloatFormat, text: string): bigint {
  if (mant === 0n) return 0n;
  const { precision: p, emin, emax, fracBits } = fmt;
  const overflow = () => new LiteralError(`constant out of range: '${text}'`);
  // Cheap estimate of log2 of the value (error well under 4) to avoid huge powers.
  const estimate = bitLength(mant) + exp2 + exp10 * Math.log2(10);
  if (estimate > emax + 4) throw overflow();
  if (estimate < emin - p - 4) return 0n;

  let num = mant;
  let den = 1n;
  if (exp10 >= 0) num *= 10n ** BigInt(exp10);
  else den = 10n ** BigInt(-exp10);
  if (exp2 >= 0) num <<= BigInt(exp2);
  else den <<= BigInt(-exp2);

  // e = floor(log2(num / den)).
  let e = bitLength(num) - bitLength(den);
  if (e >= 0 ? num < den << BigInt(e) : num << BigInt(-e) < den) e--;
  if (e > emax) throw overflow();

  // Quantum exponent: the value of the last mantissa bit (fixed at emin for subnormals).
  const qe = Math.max(e, emin) - (p - 1);
  const scaledNum = qe >= 0 ? num : num << BigInt(-qe);
  const scaledDen = qe >= 0 ? den << BigInt(qe) : den;
  let n = scaledNum / scaledDen;
  const twiceRem = (scaledNum - n * scaledDen) * 2n;
  if (twiceRem > scaledDen || (twiceRem === scaledDen && (n & 1n) === 1n)) n++;

  const implicit = 1n << BigInt(p - 1);
  if (n < implicit) return n;
  let exponent = qe + (p - 1);
  if (n === implicit << 1n) {
    n >>= 1n;
    exponent++;
  }
  if (exponent > emax) throw overflow();
  return (BigInt(exponent + emax) << BigInt(fracBits)) | (n - implicit);
}

/** Parses the magnitude part (no sign) of a float literal to unsigned bits. */
function parseMagnitude(rest: string, fmt: FloatFormat, text: string): bigint {
  const expAllOnes = BigInt(2 * fmt.emax + 1) << BigInt(fmt.fracBits);
  if (rest === "inf") return expAllOnes;
  if (rest === "nan") return expAllOnes | (1n << BigInt(fmt.fracBits - 1));
  if (rest.startsWith("nan:0x")) {
    const payload = scanDigits(rest, 6, true);
    if (payload === null || payload.end !== rest.length) throw new LiteralError(`malformed NaN '${text}'`);
    if (payload.value === 0n || payload.value >= 1n << BigInt(fmt.fracBits)) {
      throw new LiteralError(`NaN payload out of range: '${text}'`);
    }
    return expAllOnes | payload.value;
  }
  const hex = rest.startsWith("0x");
  let i = hex ? 2 : 0;
  const intPart = scanDigits(rest, i, hex);
  if (intPart === null) throw new LiteralError(`malformed float '${text}'`);
  let mant = intPart.value;
  let fracDigits = 0;
  i = intPart.end;
  if (rest[i] === ".") {
    i++;
    const frac = scanDigits(rest, i, hex);
    if (frac !== null) {
      mant = mant * (hex ? 16n : 10n) ** BigInt(frac.digits) + frac.value;
      fracDigits = frac.digits;
      i = frac.end;
    }
  }
  let exponent = 0;
  const e = rest[i];
  if (hex ? e === "p" || e === "P" : e === "e" || e === "E") {
    i++;
    const expSign = rest[i] === "-" ? -1 : 1;
    if (rest[i] === "+" || rest[i] === "-") i++;
    const expRun = scanDigits(rest, i, false);
    if (expRun === null) throw new LiteralError(`malformed float exponent in '${text}'`);
    // Exponents beyond this are rounded to 0 or infinity anyway; clamping keeps numbers exact.
    exponent = expSign * Number(expRun.value > 100_000_000n ? 100_000_000n : expRun.value);
    i = expRun.end;
  }
  if (i !== rest.length) throw new LiteralError(`malformed float '${text}'`);
  return hex
    ? roundToFormat(mant, exponent - 4 * fracDigits, 0, fmt, text)
    : roundToFormat(mant, 0, exponent - fracDigits, fmt, text);
}

function parseFloatBits(text: string, fmt: FloatFormat, signBit: bigint): bigint {
  const { sign, rest } = splitSign(text);
  const magnitude = parseMagnitude(rest, fmt, text);
  return sign === "-" ? magnitude | signBit : magnitude;
}

/** Parses an `f32` literal (decimal, hex, `inf`, `nan`, `nan:0x...`, signed) to its bits as a u32. */
export function parseF32(text: string): number {
  return Number(parseFloatBits(text, F32, 1n << 31n));
}

/** Parses an `f64` literal to its bits as unsigned 32-bit halves. */
export function parseF64(text: string): Bits64 {
  return splitBits64(parseFloatBits(text, F64, 1n << 63n));
}
