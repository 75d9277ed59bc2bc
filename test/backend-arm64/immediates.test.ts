/**
 * The immediate encoders checked against references written from the architecture manual's
 * pseudocode: `encodeBitmask` against every `N:immr:imms` combination (DecodeBitMasks), and
 * `movImm` by executing the emitted movz/movn/movk/orr words on a model register and checking
 * that no sequence of those instructions is shorter (brute force over all bitmask immediates).
 */
import { describe, expect, it } from "vitest";
import { Assembler } from "../../src/backend-arm64/assembler.js";
import { encodeBitmask } from "../../src/backend-arm64/immediates.js";
import { type Width, w0, x0 } from "../../src/backend-arm64/registers.js";

/** DecodeBitMasks(N, imms, immr) for an M-bit register, or null when reserved. */
function decodeBitMasks(n: number, imms: number, immr: number, m: Width): bigint | null {
  const combined = (n << 6) | (~imms & 0x3f);
  if (combined === 0) return null;
  const len = 31 - Math.clz32(combined);
  if (len < 1 || (m === 32 && n === 1)) return null;
  const levels = (1 << len) - 1;
  if ((imms & levels) === levels) return null;
  const s = imms & levels;
  const r = immr & levels;
  const esize = 1 << len;
  const mask = (1n << BigInt(esize)) - 1n;
  const welem = (1n << BigInt(s + 1)) - 1n;
  const rotated = ((welem >> BigInt(r)) | (welem << BigInt(esize - r))) & mask;
  let out = 0n;
  for (let i = 0; i < m; i += esize) out |= rotated << BigInt(i);
  return out;
}

function allBitmasks(m: Width): Set<bigint> {
  const out = new Set<bigint>();
  for (let n = 0; n < 2; n++) {
    for (let immr = 0; immr < 64; immr++) {
      for (let imms = 0; imms < 64; imms++) {
        const v = decodeBitMasks(n, imms, immr, m);
        if (v !== null) out.add(v);
      }
    }
  }
  return out;
}

/** A deterministic 64-bit pseudo-random sequence (xorshift). */
function* randoms(count: number): Generator<bigint> {
  let x = 0x9e3779b97f4a7c15n;
  for (let i = 0; i < count; i++) {
    x ^= (x << 13n) & 0xffffffffffffffffn;
    x ^= x >> 7n;
    x ^= (x << 17n) & 0xffffffffffffffffn;
    yield x;
  }
}

/** Executes move-wide and orr-immediate words on a model of `rd` (the only instructions movImm emits). */
function execute(words: Uint32Array, m: Width): bigint {
  const mask = (1n << BigInt(m)) - 1n;
  let rd = 0n;
  for (const w of words) {
    if (((w >>> 23) & 0x3f) === 0b100101) {
      const opc = (w >>> 29) & 3;
      const shift = BigInt(((w >>> 21) & 3) * 16);
      const imm = BigInt((w >>> 5) & 0xffff);
      if (opc === 0) rd = ~(imm << shift) & mask;
      else if (opc === 2) rd = imm << shift;
      else if (opc === 3) rd = (rd & ~(0xffffn << shift) & mask) | (imm << shift);
      else throw new Error("bad move wide");
    } else if (((w >>> 23) & 0x3f) === 0b100100 && ((w >>> 29) & 3) === 1 && ((w >>> 5) & 31) === 31) {
      const v = decodeBitMasks((w >>> 22) & 1, (w >>> 10) & 0x3f, (w >>> 16) & 0x3f, m);
      if (v === null) throw new Error("reserved bitmask");
      rd = v;
    } else {
      throw new Error(`unexpected word ${w.toString(16)}`);
    }
  }
  return rd;
}

function slotsOf(v: bigint, m: Width): number[] {
  const out: number[] = [];
  for (let i = 0; i < m / 16; i++) out.push(Number((v >> BigInt(16 * i)) & 0xffffn));
  return out;
}

/**
 * The shortest sequence over the instructions movImm may use, by brute force: movz or movn plus
 * a movk per slot that differs from the fill, or orr of any bitmask immediate plus a movk per
 * slot that differs from it.
 */
function shortestLength(v: bigint, m: Width, bitmasks: readonly number[][]): number {
  const parts = slotsOf(v, m);
  const zeros = parts.filter((p) => p === 0).length;
  const ones = parts.filter((p) => p === 0xffff).length;
  let best = Math.max(1, parts.length - Math.max(zeros, ones));
  for (const b of bitmasks) {
    let differ = 0;
    for (let k = 0; k < parts.length; k++) if (b[k] !== parts[k]) differ++;
    best = Math.min(best, 1 + differ);
  }
  return best;
}

describe("arm64 bitmask immediates", () => {
  for (const m of [32, 64] as const) {
    it(`encodes exactly the ${m}-bit values DecodeBitMasks produces`, () => {
      const all = allBitmasks(m);
      expect(all.size).toBe(m === 64 ? 5334 : 1302);
      for (const v of all) {
        const f = encodeBitmask(v, m);
        expect(f).not.toBeNull();
        expect(decodeBitMasks(f!.n, f!.imms, f!.immr, m)).toBe(v);
        expect(f!.immr).toBeLessThan(m);
      }
      let rejected = 0;
      for (const r of randoms(20000)) {
        const v = BigInt.asUintN(m, r);
        if (all.has(v)) continue;
        expect(encodeBitmask(v, m)).toBeNull();
        rejected++;
      }
      expect(rejected).toBeGreaterThan(19000);
      expect(encodeBitmask(0, m)).toBeNull();
      expect(encodeBitmask(-1, m)).toBeNull();
    });
  }
});

describe("arm64 movImm", () => {
  for (const m of [32, 64] as const) {
    it(`materialises ${m}-bit constants with the shortest sequence`, () => {
      const all = allBitmasks(m);
      const bitmasks = [...all].map((b) => slotsOf(b, m));
      const values: bigint[] = [
        0n,
        1n,
        -1n,
        0x8000n,
        0xffffn,
        0x10000n,
        0x7fffffffn,
        0x80000000n,
        0xffffffffn,
      ];
      const halves = [0n, 0xffffn, 0x1234n, 0x8000n, 0x7fffn];
      for (const a of halves)
        for (const b of halves)
          for (const c of halves)
            for (const d of halves) values.push(a | (b << 16n) | (c << 32n) | (d << 48n));
      for (const r of randoms(300)) values.push(r);
      values.push(...[...all].slice(0, 300));
      for (const b of [...all].slice(1000, 1300)) values.push(b ^ 0x1234_0000n, b ^ 0xabcd_0000_0000_5678n);
      const rd = m === 64 ? x0 : w0;
      for (const value of values) {
        const v = BigInt.asUintN(m, value);
        const a = new Assembler();
        a.movImm(rd, v);
        const code = a.finish();
        const words = new Uint32Array(code.length / 4);
        const view = new DataView(code.buffer);
        for (let i = 0; i < words.length; i++) words[i] = view.getUint32(i * 4, true);
        expect(execute(words, m)).toBe(v);
        expect(words.length).toBe(shortestLength(v, m, bitmasks));
      }
    });
  }

  it("takes numbers (safe integers, negative meaning two's complement) and bigints alike", () => {
    const a = new Assembler();
    a.movImm(x0, -2);
    a.movImm(x0, 0xfffffffffffffffen);
    a.movImm(w0, -2);
    a.movImm(w0, 0xfffffffe);
    const c = a.finish();
    expect(Buffer.from(c.subarray(0, 4)).equals(Buffer.from(c.subarray(4, 8)))).toBe(true);
    expect(Buffer.from(c.subarray(8, 12)).equals(Buffer.from(c.subarray(12, 16)))).toBe(true);
  });
});
