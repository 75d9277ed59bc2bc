/**
 * A64 integer immediates that need more than a range check: bitmask immediates of the logical
 * instructions (encode and decode) and the choice of a constant materialisation sequence for
 * `movImm`. Values are 32- or 64-bit patterns given as a number (a safe integer; negative means
 * two's complement) or a bigint; internally they are split into two 32-bit halves, so the
 * common case never allocates bigints.
 */
import { AsmError } from "../backend/asm-error.js";
import type { Width } from "./registers.js";

/** The `N:immr:imms` fields of an encodable bitmask immediate. */
export interface BitmaskFields {
  /** The N bit (1 only for 64-bit elements). */
  readonly n: number;
  /** Rotate-right amount. */
  readonly immr: number;
  /** Element size and run length, as the manual encodes them. */
  readonly imms: number;
}

/** A 64-bit pattern as two unsigned 32-bit halves. */
interface Halves {
  hi: number;
  lo: number;
}

const SCRATCH: Halves = { hi: 0, lo: 0 };

/**
 * Splits `value` (modulo 2^`bits`) into `SCRATCH` (hi is 0 for 32 bits); throws `AsmError` for
 * a number that is not a safe integer.
 */
function split(value: number | bigint, bits: Width): Halves {
  if (typeof value === "bigint") {
    const v = BigInt.asUintN(64, value);
    SCRATCH.lo = Number(v & 0xffffffffn);
    SCRATCH.hi = Number(v >> 32n);
  } else {
    if (!Number.isSafeInteger(value))
      throw new AsmError(`immediate ${value} is not a safe integer (pass a bigint)`);
    SCRATCH.lo = value >>> 0;
    SCRATCH.hi = Math.floor(value / 4294967296) >>> 0;
  }
  if (bits === 32) SCRATCH.hi = 0;
  return SCRATCH;
}

function ctz(v: number): number {
  return 31 - Math.clz32(v & -v);
}

/** Count of trailing ones. */
function cto(v: number): number {
  return v === -1 || v >>> 0 === 0xffffffff ? 32 : ctz(~v);
}

function popcount(v: number): number {
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Whether the set bits of the unsigned 32-bit `v` form one non-empty contiguous run. */
function isRun(v: number): boolean {
  if (v === 0) return false;
  const filled = (v | (v - 1)) >>> 0; // trailing zeros filled with ones
  return ((filled + 1) & filled) === 0;
}

function fields(esize: number, rotation: number, ones: number): BitmaskFields {
  return {
    n: esize === 64 ? 1 : 0,
    immr: (esize - rotation) & (esize - 1),
    imms: ((~(esize - 1) << 1) | (ones - 1)) & 0x3f,
  };
}

/** A run of ones in an element of `size` ≤ 32 bits (`elem` holds only those bits). */
function encodeElement(elem: number, size: number): BitmaskFields | null {
  const mask = size === 32 ? 0xffffffff : (1 << size) - 1;
  if (isRun(elem)) {
    const rotation = ctz(elem);
    return fields(size, rotation, cto(elem >>> rotation));
  }
  const inv = (~elem & mask) >>> 0; // the run of ones wraps around: its complement is a run
  if (!isRun(inv)) return null;
  const zerosAt = ctz(inv);
  const zeros = cto(inv >>> zerosAt);
  return fields(size, zerosAt + zeros, size - zeros);
}

/** A run of ones (possibly wrapping) in a 64-bit element whose halves differ. */
function encode64(hi: number, lo: number): BitmaskFields | null {
  const run = (h: number, l: number): { at: number; len: number } | null => {
    if (h === 0) return isRun(l) ? { at: ctz(l), len: popcount(l) } : null;
    if (l === 0) return isRun(h) ? { at: 32 + ctz(h), len: popcount(h) } : null;
    // Spanning both halves: l's run reaches bit 31 and h's run starts at bit 0.
    if (isRun(l) && l >>> 31 === 1 && (h & (h + 1)) === 0)
      return { at: ctz(l), len: popcount(l) + popcount(h) };
    return null;
  };
  const ones = run(hi, lo);
  if (ones !== null) return fields(64, ones.at, ones.len);
  const zeros = run(~hi >>> 0, ~lo >>> 0);
  if (zeros === null) return null;
  return fields(64, zeros.at + zeros.len, 64 - zeros.len);
}

/**
 * Encodes `value` (taken modulo 2^`bits`) as a logical-instruction bitmask immediate: a
 * power-of-two element (2–64 bits) holding a rotated run of ones, repeated over the register.
 * Returns `null` when the value has no such form (0, all ones, and most other values).
 */
export function encodeBitmask(value: number | bigint, bits: Width): BitmaskFields | null {
  const { hi, lo } = split(value, bits);
  return encodeHalves(hi, lo, bits);
}

function encodeHalves(hi: number, lo: number, bits: Width): BitmaskFields | null {
  if (bits === 64 && hi !== lo) return encode64(hi, lo);
  if (lo === 0 || lo === 0xffffffff) return null;
  let size = 32;
  while (size > 2) {
    const half = size / 2;
    const mask = (1 << half) - 1;
    if ((lo & mask) !== ((lo >>> half) & mask)) break;
    size = half;
  }
  return encodeElement(size === 32 ? lo : lo & ((1 << size) - 1), size);
}

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
    const sizeBits = (~(esize - 1) << 1) & 0x3f;
    for (let ones = 1; ones < esize; ones++) {
      for (let immr = 0; immr < esize; immr++) {
        const v = decodeBitmask(len === 6 ? 1 : 0, immr, sizeBits | (ones - 1), 64)!;
        for (let i = 0; i < 4; i++) out.push(Number((v >> BigInt(16 * i)) & 0xffffn));
      }
    }
  }
  bitmaskSlots = Uint16Array.from(out);
  return bitmaskSlots;
}

/** One instruction of a constant materialisation sequence chosen by `movImmSequence`. */
export type MovStep =
  | { readonly op: "movz" | "movn" | "movk"; readonly hw: number; readonly imm16: number }
  | { readonly op: "orr"; readonly value: bigint };

function joined(slots: ArrayLike<number>, at: number, count: number): bigint {
  let v = 0n;
  for (let k = 0; k < count; k++) v |= BigInt(slots[at + k]!) << BigInt(16 * k);
  return v;
}

/**
 * The shortest sequence that puts `value` (modulo 2^`bits`) in a register: one movz or movn
 * when at most one 16-bit slot differs from all-zeros or all-ones; otherwise one orr with a
 * bitmask immediate when encodable; otherwise the shorter of movz or movn (whichever leaves
 * fewer slots to fix) plus a movk per remaining slot, and (64-bit) an orr of the bitmask
 * immediate that shares the most slots with the value plus a movk per other slot.
 */
export function movImmSequence(value: number | bigint, bits: Width): MovStep[] {
  const { hi, lo } = split(value, bits);
  const slots = bits / 16;
  const halves = [lo & 0xffff, lo >>> 16, hi & 0xffff, hi >>> 16];
  let zeros = 0;
  let ones = 0;
  for (let i = 0; i < slots; i++) {
    if (halves[i] === 0) zeros++;
    else if (halves[i] === 0xffff) ones++;
  }
  if (zeros >= slots - 1) {
    const hw = Math.max(
      0,
      halves.findIndex((x, i) => i < slots && x !== 0),
    );
    return [{ op: "movz", hw, imm16: halves[hw]! }];
  }
  if (ones >= slots - 1) {
    const hw = Math.max(
      0,
      halves.findIndex((x, i) => i < slots && x !== 0xffff),
    );
    return [{ op: "movn", hw, imm16: ~halves[hw]! & 0xffff }];
  }
  if (encodeHalves(hi, lo, bits) !== null) return [{ op: "orr", value: joined(halves, 0, slots) }];
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
      const steps: MovStep[] = [{ op: "orr", value: joined(table, best, 4) }];
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
