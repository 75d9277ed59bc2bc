/**
 * Edge and seeded random operand values for the semantics differential tests. Every value is a bit
 * pattern: an i32 or f32 is one int32, an i64 or f64 an `[lo, hi]` pair of int32 halves.
 */

/** Seeded xorshift32 generator of int32 values (deterministic across runs). */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed | 0 || 1;
  }

  /** Next pseudo-random int32. */
  int(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x;
    return x;
  }

  /** Pseudo-random integer in [0, n). */
  below(n: number): number {
    return (this.int() >>> 0) % n;
  }

  /** A pseudo-random element of `list`. */
  pick<T>(list: readonly T[]): T {
    return list[this.below(list.length)]!;
  }
}

/** `[lo, hi]` halves of a bigint taken modulo 2^64. */
export function split64(v: bigint): [number, number] {
  return [Number(BigInt.asIntN(32, v)), Number(BigInt.asIntN(32, v >> 32n))];
}

/** `[lo, hi]` bits of a double. */
export function f64Bits(x: number): [number, number] {
  const f = new Float64Array([x]);
  const i = new Int32Array(f.buffer);
  return [i[0]!, i[1]!];
}

/** Bits of a float rounded to f32. */
export function f32Bits(x: number): number {
  return new Int32Array(new Float32Array([x]).buffer)[0]!;
}

function unique<T>(values: T[]): T[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const k = String(v);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Edge i32 values: small numbers, extremes, powers of two and their neighbours. */
export const I32_EDGES: number[] = unique(
  [
    0, 1, -1, 2, -2, 3, -3, 5, 7, -7, 10, 31, 32, 33, 63, 64, 65, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000,
    0xffff, 0x10000, -0x80, -0x81, -0x8000, -0x8001, 0x7fffffff, -0x80000000, -0x7fffffff, 0x7ffffffe,
    0x55555555, -0x55555556, 0x12345678, -0x12345679, 0x0f0f0f0f, 0x00ff00ff,
  ]
    .concat(Array.from({ length: 32 }, (_, k) => 1 << k))
    .concat(Array.from({ length: 31 }, (_, k) => ((1 << (k + 1)) - 1) | 0))
    .concat(Array.from({ length: 31 }, (_, k) => ((1 << (k + 1)) + 1) | 0))
    .map((x) => x | 0),
);

/** Edge i64 values: extremes, 2^32 and 2^53 neighbourhoods, powers of two and their neighbours. */
export const I64_EDGES: [number, number][] = unique(
  [
    0n,
    1n,
    -1n,
    2n,
    -2n,
    3n,
    -3n,
    7n,
    -7n,
    10n,
    63n,
    64n,
    65n,
    127n,
    128n,
    0xffffn,
    0x7fffffffn,
    0x80000000n,
    -0x80000000n,
    -0x80000001n,
    0xffffffffn,
    0x100000000n,
    0x100000001n,
    -0x100000000n,
    -0xffffffffn,
    0x1fffffffffffffn,
    0x20000000000000n,
    0x20000000000001n,
    -0x20000000000000n,
    -0x20000000000001n,
    0x7fffffffffffffffn,
    -0x8000000000000000n,
    -0x7fffffffffffffffn,
    0x5555555555555555n,
    0x123456789abcdef0n,
    -0x123456789abcdef0n,
    0x00ff00ff00ff00ffn,
    0x7fffffff80000000n,
    0x80000000ffffffffn,
    0xfffffffe00000001n,
    1000000007n * 998244353n,
  ]
    .concat(Array.from({ length: 64 }, (_, k) => 1n << BigInt(k)))
    .concat(Array.from({ length: 63 }, (_, k) => (1n << BigInt(k + 1)) - 1n))
    .concat(Array.from({ length: 63 }, (_, k) => (1n << BigInt(k + 1)) + 1n))
    .map(split64),
);

/** Edge f32 bit patterns: zeros, infinities, NaN payloads, subnormals and conversion boundaries. */
export const F32_EDGES: number[] = unique(
  [
    0, 0x80000000, 0x3f800000, 0xbf800000, 0x3f000000, 0xbf000000, 0x3fc00000, 0xbfc00000, 0x40200000,
    0xc0200000, 0x40600000, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000, 0x7fc00001, 0xffc12345,
    0x7fa00000, 0x7f800001, 0xff800001, 0x7fbfffff, 0x7fffffff, 0x1, 0x80000001, 0x7fffff, 0x807fffff,
    0x800000, 0x80800000, 0x7f7fffff, 0xff7fffff, 0x4f000000, 0x4effffff, 0xcf000000, 0xcf000001, 0xceffffff,
    0x4f800000, 0x4f7fffff, 0x5f000000, 0x5effffff, 0xdf000000, 0xdf000001, 0xdeffffff, 0x5f800000,
    0x5f7fffff, 0xbf7fffff, 0x3f7fffff, 0x4b000000, 0x4affffff, 0x4b000001, 0xcaffffff, 0x4b7fffff,
    0x4b800000, 0x3effffff, 0x3f000001, 0xbeffffff, 0x40490fdb, 0x3dcccccd, 0x4e800000, 0x46fffe00,
    0x47000000, 0xc7000100, 0x437f0000, 0x43800000, 0xc3000000, 0xc3010000,
  ].map((x) => x | 0),
);

/** Edge f64 bit patterns: zeros, infinities, NaN payloads, subnormals and conversion boundaries. */
export const F64_EDGES: [number, number][] = unique(
  [
    [0, 0],
    [0, 0x80000000],
    [0, 0x3ff00000],
    [0, 0xbff00000],
    [0, 0x3fe00000],
    [0, 0xbfe00000],
    [0, 0x3ff80000],
    [0, 0xbff80000],
    [0, 0x40040000],
    [0, 0xc0040000],
    [0, 0x400c0000],
    [0, 0x7ff00000],
    [0, 0xfff00000],
    [0, 0x7ff80000],
    [0, 0xfff80000],
    [1, 0x7ff80000],
    [0x12345678, 0xfff81234],
    [1, 0x7ff00000],
    [0, 0x7ff40000],
    [0xffffffff, 0x7ff7ffff],
    [1, 0xfff00000],
    [0xffffffff, 0x7fffffff],
    [0, 0x7ff00100],
    [1, 0],
    [1, 0x80000000],
    [0xffffffff, 0xfffff],
    [0, 0x100000],
    [0, 0x80100000],
    [0xffffffff, 0x7fefffff],
    [0xffffffff, 0xffefffff],
    [0xffc00000, 0x41dfffff],
    [0, 0x41e00000],
    [0, 0xc1e00000],
    [0x00200000, 0xc1e00000],
    [0, 0xc1e00001],
    [0xffe00000, 0x41efffff],
    [0, 0x41f00000],
    [0, 0x43e00000],
    [0xffffffff, 0x43dfffff],
    [0, 0xc3e00000],
    [1, 0xc3e00000],
    [0, 0x43f00000],
    [0xffffffff, 0x43efffff],
    [0xffffffff, 0xbfefffff],
    [0xffffffff, 0x3fefffff],
    [0, 0x43300000],
    [0xffffffff, 0x432fffff],
    [1, 0x43300000],
    [0xffffffff, 0xc32fffff],
    [0, 0x43400000],
    [0xffffffff, 0x3fdfffff],
    [1, 0x3fe00000],
    [0x54442d18, 0x400921fb],
    [0x10000000, 0x3ff00000],
    [0x10000001, 0x3ff00000],
    [0x30000000, 0x3ff00000],
    [0x0fffffff, 0x3ff00000],
    [0xe0000000, 0x47efffff],
    [0xdfffffff, 0x47efffff],
    [0, 0x47f00000],
    [0, 0x36a00000],
    [0, 0x36900000],
    [1, 0x36900000],
    [0, 0x38100000],
    [0xffffffff, 0x380fffff],
    [0, 0x41dfffff],
    [0, 0x40dfffc0],
    [0, 0xc0e00020],
  ].map(([lo, hi]) => [lo! | 0, hi! | 0] as [number, number]),
);

/** Values near f32 rounding ties when converting i64/u64 to f32 (with and without sticky bits). */
export function i64RoundingCases(rng: Rng, count: number): [number, number][] {
  const out: [number, number][] = [];
  for (let n = 0; n < count; n++) {
    const s = 1 + rng.below(40);
    const m = BigInt((rng.int() >>> 8) | 0x800000);
    const stickyChoices = [
      0n,
      1n,
      s > 1 ? 1n << BigInt(s - 2) : 0n,
      BigInt(rng.int() >>> 0) & ((1n << BigInt(Math.max(0, s - 1))) - 1n),
    ];
    const tie = n % 3 === 0 ? 0n : 1n << BigInt(s - 1);
    let v = (m << BigInt(s)) | tie | rng.pick(stickyChoices);
    if (n % 2 === 1) v = -v;
    out.push(split64(v));
  }
  return out;
}

/** Random i32 values: half uniform, half small magnitudes. */
export function randomI32(rng: Rng, count: number): number[] {
  return Array.from({ length: count }, (_, k) => (k % 2 === 0 ? rng.int() : rng.int() >> rng.below(32)));
}

/** Random i64 values: uniform, below 2^53, small, and with a varying number of significant bits. */
export function randomI64(rng: Rng, count: number): [number, number][] {
  return Array.from({ length: count }, (_, k): [number, number] => {
    switch (k % 4) {
      case 0:
        return [rng.int(), rng.int()];
      case 1:
        return [rng.int(), rng.int() >> 11];
      case 2: {
        const lo = rng.int() >> rng.below(32);
        return [lo, lo >> 31];
      }
      default: {
        const shift = rng.below(64);
        return split64(
          BigInt.asIntN(64, ((BigInt(rng.int()) << 32n) | BigInt(rng.int() >>> 0)) >> BigInt(shift)),
        );
      }
    }
  });
}

/** Random f32 bit patterns: uniform bits, and numbers of moderate magnitude with fractions. */
export function randomF32(rng: Rng, count: number): number[] {
  return Array.from({ length: count }, (_, k) => {
    if (k % 2 === 0) return rng.int();
    return f32Bits((rng.int() / 65536) * 2 ** (rng.below(40) - 20));
  });
}

/** Random f64 bit patterns: uniform bits, and numbers of moderate magnitude with fractions. */
export function randomF64(rng: Rng, count: number): [number, number][] {
  return Array.from({ length: count }, (_, k): [number, number] => {
    if (k % 2 === 0) return [rng.int(), rng.int()];
    return f64Bits((rng.int() / 65536) * 2 ** (rng.below(80) - 40) + rng.int() / 2 ** 40);
  });
}
