/**
 * Tests for the immediate helpers of the arm64 FP/NEON encoders: `fpImm8` (the 8-bit float
 * immediate) against capstone's decoding of all 256 encodings, and `constantMove` (one
 * instruction for a 128-bit constant) against an independent model of the Arm ARM's
 * `AdvSIMDExpandImm`, for every modified-immediate form and for constants that have none, and
 * its listing text against capstone.
 */
import type { Capstone } from "capstone-wasm";
import { beforeAll, describe, expect, it } from "vitest";
import { AsmError } from "../../src/backend/asm-error.js";
import { fmovImm, fpImm8 } from "../../src/backend-arm64/enc-fp.js";
import { constantMove } from "../../src/backend-arm64/enc-neon-imm.js";
import { d, s } from "../../src/backend-arm64/registers.js";
import { capstone, disassemble } from "./fp-neon-harness.js";

let cs: Capstone;
beforeAll(async () => {
  cs = await capstone();
});

describe("fpImm8", () => {
  it("encodes exactly the 256 values capstone decodes, for both precisions", () => {
    const seen = new Set<number>();
    for (let imm = 0; imm < 256; imm++) {
      // fmov d0, #imm8: 0x1e601000 with imm8 at bits 20:13.
      const text = disassemble(cs, (0x1e601000 | (imm << 13)) >>> 0);
      const value = Number(/#(-?[0-9.]+)$/.exec(text ?? "")?.[1]);
      expect(Number.isFinite(value), `imm8 ${imm}: ${text}`).toBe(true);
      expect(fpImm8(value)).toBe(imm);
      expect(disassemble(cs, fmovImm(d(1), value))).toBe(`fmov d1, #${value.toFixed(8)}`);
      expect(disassemble(cs, fmovImm(s(2), value))).toBe(`fmov s2, #${value.toFixed(8)}`);
      seen.add(value);
    }
    expect(seen.size).toBe(256);
  });

  it("has no encoding for zero, NaN, infinities and values outside ±[0.125, 31]", () => {
    for (const v of [
      0,
      -0,
      Number.NaN,
      Infinity,
      -Infinity,
      0.1,
      1 / 3,
      32,
      0.0625,
      1.03125,
      0.12109375,
      31.5,
    ]) {
      expect(fpImm8(v), String(v)).toBe(null);
    }
    expect(() => fmovImm(d(0), 0.2)).toThrow(AsmError);
  });
});

/** AdvSIMDExpandImm followed by the MVNI inversion and the Q bit: the 16 bytes a modified-immediate word writes. */
function expand(word: number): Uint8Array {
  const q = (word >>> 30) & 1;
  const op = (word >>> 29) & 1;
  const cmode = (word >>> 12) & 15;
  const imm8 = (((word >>> 16) & 7) << 5) | ((word >>> 5) & 31);
  let lo = 0n;
  const rep = (value: bigint, bits: bigint): bigint => {
    let out = 0n;
    for (let i = 0n; i < 64n; i += bits) out |= value << i;
    return out;
  };
  const i8 = BigInt(imm8);
  let invert = op === 1;
  switch (cmode >> 1) {
    case 0:
    case 1:
    case 2:
    case 3:
      lo = rep(i8 << BigInt(8 * (cmode >> 1)), 32n);
      break;
    case 4:
    case 5:
      lo = rep(i8 << BigInt(8 * ((cmode >> 1) & 1)), 16n);
      break;
    case 6:
      lo = rep((cmode & 1) === 0 ? (i8 << 8n) | 0xffn : (i8 << 16n) | 0xffffn, 32n);
      break;
    default: {
      invert = false;
      const a = BigInt(imm8 >> 7);
      const bBit = BigInt((imm8 >> 6) & 1);
      const rest = BigInt(imm8 & 63);
      if ((cmode & 1) === 0 && op === 0) lo = rep(i8, 8n);
      else if ((cmode & 1) === 0) {
        for (let i = 0n; i < 8n; i++) if (((i8 >> i) & 1n) === 1n) lo |= 0xffn << (8n * i);
      } else if (op === 0) {
        const f32 = (a << 31n) | ((bBit ^ 1n) << 30n) | ((bBit === 1n ? 0x1fn : 0n) << 25n) | (rest << 19n);
        lo = rep(f32, 32n);
      } else {
        lo = (a << 63n) | ((bBit ^ 1n) << 62n) | ((bBit === 1n ? 0xffn : 0n) << 54n) | (rest << 48n);
      }
    }
  }
  if (invert) lo = ~lo & 0xffffffffffffffffn;
  const out = new Uint8Array(16);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, lo, true);
  view.setBigUint64(8, q === 1 ? lo : 0n, true);
  return out;
}

function lanes32(v: number): Uint8Array {
  return new Uint8Array(new Uint32Array([v, v, v, v]).buffer);
}
function lanes16(v: number): Uint8Array {
  return new Uint8Array(new Uint16Array(8).fill(v).buffer);
}
function lanes64(hi: number, lo: number): Uint8Array {
  return new Uint8Array(new Uint32Array([lo, hi, lo, hi]).buffer);
}

/** Checks that `constantMove` finds a form for `bytes` that writes exactly `bytes`. */
function expectFound(bytes: Uint8Array, num = 3): void {
  const found = constantMove(num, bytes);
  expect(found, Buffer.from(bytes).toString("hex")).not.toBe(null);
  const { word, text } = found!;
  expect(expand(word), Buffer.from(bytes).toString("hex")).toEqual(bytes);
  expect(word & 31).toBe(num);
  expect(disassemble(cs, word)).toBe(text);
  expect(text).toMatch(/^(movi|mvni|fmov) v3\./);
}

describe("constantMove", () => {
  it("finds every 32-bit shifted and MSL form, inverted or not", () => {
    for (let imm = 0; imm < 256; imm++) {
      for (const shift of [0, 8, 16, 24]) {
        expectFound(lanes32((imm << shift) >>> 0));
        expectFound(lanes32(~(imm << shift) >>> 0));
      }
      expectFound(lanes32(((imm << 8) | 0xff) >>> 0));
      expectFound(lanes32(((imm << 16) | 0xffff) >>> 0));
      expectFound(lanes32(~((imm << 8) | 0xff) >>> 0));
      expectFound(lanes32(~((imm << 16) | 0xffff) >>> 0));
    }
  });

  it("finds every 8- and 16-bit form and every 64-bit byte mask", () => {
    for (let imm = 0; imm < 256; imm++) {
      expectFound(new Uint8Array(16).fill(imm));
      expectFound(lanes16(imm));
      expectFound(lanes16(imm << 8));
      expectFound(lanes16(~imm & 0xffff));
      expectFound(lanes16(~(imm << 8) & 0xffff));
      const mask = new Uint8Array(16);
      for (let i = 0; i < 8; i++) if ((imm >> i) & 1) mask[i] = mask[i + 8] = 0xff;
      expectFound(mask);
    }
  });

  it("finds the float immediates on 32- and 64-bit lanes", () => {
    for (const value of [1, -1, 0.5, 2, 31, -0.125, 1.9375]) {
      expectFound(new Uint8Array(new Float32Array(4).fill(value).buffer));
      expectFound(new Uint8Array(new Float64Array(2).fill(value).buffer));
    }
  });

  it("returns null when no single instruction writes the constant", () => {
    const none = [
      lanes32(0x12345678),
      lanes32(0x00010001 * 0x1234),
      lanes64(0x80000000, 0),
      lanes64(0x7fffffff, 0xffffffff),
      new Uint8Array(new Float32Array(4).fill(0.1).buffer),
      Uint8Array.from({ length: 16 }, (_, i) => i),
      Uint8Array.from({ length: 16 }, (_, i) => (i < 8 ? 0xff : 0)),
    ];
    for (const bytes of none) expect(constantMove(0, bytes), Buffer.from(bytes).toString("hex")).toBe(null);
  });

  it("reads a view at an offset and rejects a wrong length", () => {
    const backing = new Uint8Array(32);
    backing.fill(0x7f, 8, 24);
    expect(expand(constantMove(1, backing.subarray(8, 24))!.word)).toEqual(new Uint8Array(16).fill(0x7f));
    expect(() => constantMove(0, new Uint8Array(8))).toThrow(/8 bytes, expected 16/);
  });
});
