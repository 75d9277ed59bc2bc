import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  LiteralError,
  parseF32,
  parseF64,
  parseI32,
  parseI64,
  parseIntBits,
} from "../../src/spec/literals.js";
import { defaultSuitePath, SUITE_HINT } from "../../src/spec/paths.js";

/** f64 bits as one hex string, for readable comparisons. */
function f64Hex(text: string): string {
  const { lo, hi } = parseF64(text);
  return `0x${hi.toString(16).padStart(8, "0")}${lo.toString(16).padStart(8, "0")}`;
}

function f32Hex(text: string): string {
  return `0x${parseF32(text).toString(16).padStart(8, "0")}`;
}

describe("integer literals", () => {
  it("parses decimal, hex, underscores and signs", () => {
    expect(parseI32("0")).toBe(0);
    expect(parseI32("1_000_000")).toBe(1000000);
    expect(parseI32("0x7fff_ffff")).toBe(0x7fffffff);
    expect(parseI32("0XABC".toLowerCase())).toBe(0xabc);
    expect(parseI32("+42")).toBe(42);
    expect(parseI32("-0x8000_0000")).toBe(-0x80000000);
    expect(parseI32("-2147483648")).toBe(-2147483648);
    expect(parseI32("-0")).toBe(0);
  });

  it("wraps unsigned forms into the signed range", () => {
    expect(parseI32("0xffffffff")).toBe(-1);
    expect(parseI32("4294967295")).toBe(-1);
    expect(parseI32("0x80000000")).toBe(-0x80000000);
    expect(parseI64("0xffff_ffff_ffff_ffff")).toEqual({ lo: 0xffffffff, hi: 0xffffffff });
    expect(parseI64("18446744073709551615")).toEqual({ lo: 0xffffffff, hi: 0xffffffff });
    expect(parseI64("-9223372036854775808")).toEqual({ lo: 0, hi: 0x80000000 });
    expect(parseI64("-1")).toEqual({ lo: 0xffffffff, hi: 0xffffffff });
    expect(parseI64("0x1_0000_0002")).toEqual({ lo: 2, hi: 1 });
    expect(parseIntBits("-128", 8)).toBe(0x80n);
    expect(parseIntBits("255", 8)).toBe(0xffn);
    expect(parseIntBits("-1", 16)).toBe(0xffffn);
  });

  it("rejects out-of-range and malformed integers", () => {
    for (const bad of ["4294967296", "0x1_0000_0000", "-2147483649", "+0x80000000", "+2147483648"]) {
      expect(() => parseI32(bad), bad).toThrow(LiteralError);
    }
    for (const bad of ["18446744073709551616", "-9223372036854775809"]) {
      expect(() => parseI64(bad), bad).toThrow(LiteralError);
    }
    for (const bad of ["", "-", "0x", "1__0", "_1", "1_", "0x_1", "12a", "1.0", "--1", "0b1", " 1"]) {
      expect(() => parseI32(bad), JSON.stringify(bad)).toThrow(LiteralError);
    }
    expect(() => parseIntBits("256", 8)).toThrow(LiteralError);
    expect(() => parseIntBits("-129", 8)).toThrow(LiteralError);
  });
});

describe("float literals: known bit patterns (float_literals.wast)", () => {
  const f32: [string, number][] = [
    ["nan", 0x7fc00000],
    ["-nan", 0xffc00000],
    ["nan:0x200000", 0x7fa00000],
    ["-nan:0x7fffff", 0xffffffff],
    ["nan:0x012345", 0x7f812345],
    ["+nan:0x304050", 0x7fb04050],
    ["-inf", 0xff800000],
    ["-0x0.0p0", 0x80000000],
    ["0x1.921fb6p+2", 0x40c90fdb],
    ["0x1p-149", 1],
    ["0x1p-126", 0x800000],
    ["0x1.fffffcp-127", 0x7fffff],
    ["0x1.fffffep+127", 0x7f7fffff],
    ["0x1.p10", 0x44800000],
    ["0x1_0000_0000_0000_0000_0000", 0x67800000],
    ["-0x8000_0000_0000_0000", 0xdf000000],
    ["-0.0e0", 0x80000000],
    ["6.28318548202514648", 0x40c90fdb],
    ["1.4013e-45", 1],
    ["1.1754944e-38", 0x800000],
    ["1.1754942e-38", 0x7fffff],
    ["3.4028234e+38", 0x7f7fffff],
    ["1.e10", 0x501502f9],
    ["1.000000119", 0x3f800001],
    ["100_000_000_000_000_000_000", 0x60ad78ec],
    ["-9223372036854775808", 0xdf000000],
  ];
  it.each(f32)("f32 %s", (text, bits) => {
    expect(parseF32(text)).toBe(bits);
  });

  const f64: [string, string][] = [
    ["nan", "0x7ff8000000000000"],
    ["-nan", "0xfff8000000000000"],
    ["nan:0x4000000000000", "0x7ff4000000000000"],
    ["-nan:0xfffffffffffff", "0xffffffffffffffff"],
    ["nan:0x0123456789abc", "0x7ff0123456789abc"],
    ["+inf", "0x7ff0000000000000"],
    ["0x1.921fb54442d18p+2", "0x401921fb54442d18"],
    ["0x0.0000000000001p-1022", "0x0000000000000001"],
    ["0x0.fffffffffffffp-1022", "0x000fffffffffffff"],
    ["0x1.fffffffffffffp+1023", "0x7fefffffffffffff"],
    ["-0x8000_0000", "0xc1e0000000000000"],
    ["6.28318530717958623", "0x401921fb54442d18"],
    ["4.94066e-324", "0x0000000000000001"],
    ["2.2250738585072012e-308", "0x0010000000000000"],
    ["2.2250738585072011e-308", "0x000fffffffffffff"],
    ["1.7976931348623157e+308", "0x7fefffffffffffff"],
    ["1.e100", "0x54b249ad2594c37d"],
    ["1.000000119", "0x3ff000001ff19e24"],
    ["100_000_000_000_000_000_000", "0x4415af1d78b58c40"],
  ];
  it.each(f64)("f64 %s", (text, bits) => {
    expect(f64Hex(text)).toBe(bits);
  });
});

describe("float literals: rounding", () => {
  it("rounds decimal literals straight to f32, without going through f64 (const.wast)", () => {
    // Each pair straddles an f32 rounding boundary; an f64 intermediate would round the first
    // of each pair the wrong way.
    expect(f32Hex("+8.8817847263968443573e-16")).toBe(f32Hex("0x1.000000p-50"));
    expect(f32Hex("+8.8817847263968443574e-16")).toBe(f32Hex("0x1.000002p-50"));
    expect(f32Hex("-8.8817857851880284252e-16")).toBe(f32Hex("-0x1.000002p-50"));
    expect(f32Hex("-8.8817857851880284253e-16")).toBe(f32Hex("-0x1.000004p-50"));
    expect(f32Hex("+1125899973951488")).toBe(f32Hex("0x1.000000p+50"));
    expect(f32Hex("+1125899973951489")).toBe(f32Hex("0x1.000002p+50"));
    expect(f32Hex("+1125900108169215")).toBe(f32Hex("0x1.000002p+50"));
    expect(f32Hex("+1125900108169216")).toBe(f32Hex("0x1.000004p+50"));
  });

  it("rounds hex literals to nearest, ties to even", () => {
    expect(f32Hex("0x1.00000100000000000p-50")).toBe(f32Hex("0x1.000000p-50"));
    expect(f32Hex("0x1.00000100000000001p-50")).toBe(f32Hex("0x1.000002p-50"));
    expect(f32Hex("0x1.00000300000000000p-50")).toBe(f32Hex("0x1.000004p-50"));
    expect(f32Hex("0x4000.004000000p-64")).toBe(f32Hex("0x1.000000p-50"));
    expect(f32Hex("0x1.fffffefffffffffffp127")).toBe("0x7f7fffff");
    expect(f64Hex("0x1.000000000000080000000000p-600")).toBe(f64Hex("0x1.0000000000000p-600"));
    expect(f64Hex("0x1.000000000000180000000000p-600")).toBe(f64Hex("0x1.0000000000002p-600"));
    expect(f64Hex("0x1.fffffffffffff7ffffffp1023")).toBe("0x7fefffffffffffff");
  });

  it("handles subnormals and underflow to zero", () => {
    expect(parseF32("0x1p-150")).toBe(0);
    expect(parseF32("0x1.000001p-150")).toBe(1);
    expect(parseF32("0x1.8p-149")).toBe(2);
    expect(parseF32("-0x1p-200")).toBe(0x80000000);
    expect(parseF32("1e-1000000")).toBe(0);
    expect(parseF32("0x1.fffffep-127")).toBe(0x800000);
    expect(f64Hex("0x1p-1075")).toBe("0x0000000000000000");
    expect(f64Hex("0x1.0000000000001p-1075")).toBe("0x0000000000000001");
    expect(f64Hex("4.9406564584124654e-324")).toBe("0x0000000000000001");
    expect(f64Hex("2.4703282292062328e-324")).toBe("0x0000000000000001");
    expect(f64Hex("2.4703282292062327e-324")).toBe("0x0000000000000000");
  });

  it("puts exact midpoints between f32 neighbours on the even one, and nudged ones on the nearer", () => {
    // Midpoints between consecutive f32 values, written as exact decimals, and a hair either side.
    for (const bits of [0x3f800000, 0x3f800001, 0x4b7fffff, 0x00000001, 0x007fffff, 0x2e000003, 0x7f7ffffe]) {
      const { decimal, below, above } = midpointDecimals(bits);
      const even = bits % 2 === 0 ? bits : bits + 1;
      expect(parseF32(decimal), decimal).toBe(even);
      expect(parseF32(below), below).toBe(bits);
      expect(parseF32(above), above).toBe(bits + 1);
    }
  });

  it("agrees with JavaScript's correctly rounded parse for f64 decimals", () => {
    const samples = [
      "0.1",
      "3.141592653589793238462643383279",
      "1e23",
      "8.98846567431158e307",
      "123456789012345678901234567890",
    ];
    let seed = 12345;
    for (let i = 0; i < 200; i++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      const digits = `${seed}${seed % 99991}`.padEnd(15, "3");
      samples.push(`${digits.slice(0, 1)}.${digits.slice(1)}${"7".repeat(i % 7)}e${(i % 600) - 300}`);
    }
    for (const s of samples) {
      const view = new DataView(new ArrayBuffer(8));
      view.setFloat64(0, Number(s));
      expect(parseF64(s), s).toEqual({ lo: view.getUint32(4), hi: view.getUint32(0) });
    }
  });

  it("rejects literals that round to infinity and bad NaN payloads", () => {
    for (const bad of ["0x1p128", "-0x1.ffffffp127", "1e39", "3.4028236e38"]) {
      expect(() => parseF32(bad), bad).toThrow(/constant out of range/);
    }
    expect(() => parseF64("0x1p1024")).toThrow(/constant out of range/);
    expect(() => parseF64("1e309")).toThrow(/constant out of range/);
    expect(parseF32("3.4028235e38")).toBe(0x7f7fffff);
    for (const bad of ["nan:0x0", "nan:0x800000", "nan:0x", "nan:123", "nan:0x1g"]) {
      expect(() => parseF32(bad), bad).toThrow(LiteralError);
    }
    for (const bad of ["", "1e", "0x1p", ".5", "1.0.0", "0x.8", "1_", "infinity", "1e+_5", "0x1e2p1_"]) {
      expect(() => parseF64(bad), JSON.stringify(bad)).toThrow(LiteralError);
    }
  });
});

/**
 * The exact decimal expansion of the midpoint between the positive f32 `bits` and its successor,
 * plus decimals 10^-60 relatively below and above it.
 */
function midpointDecimals(bits: number): { decimal: string; below: string; above: string } {
  const exp = bits >>> 23;
  const frac = BigInt(bits & 0x7fffff);
  // value(bits) = mant * 2^(e - 23), with the midpoint adding half an ulp: (2*mant + 1) * 2^(e - 24).
  const mant = exp === 0 ? frac : frac | 0x800000n;
  const e = exp === 0 ? -126 : exp - 127;
  const num = 2n * mant + 1n;
  const shift = e - 24;
  if (shift >= 0) {
    const n = num << BigInt(shift);
    return { decimal: `${n}`, below: `${n - 1n}.99`, above: `${n}.01` };
  }
  // num / 2^k = num * 5^k / 10^k.
  const k = -shift;
  const scaled = num * 5n ** BigInt(k);
  const pad = 60;
  const asDecimal = (v: bigint, places: number) => {
    const s = v.toString().padStart(places + 1, "0");
    return `${s.slice(0, s.length - places)}.${s.slice(s.length - places)}`;
  };
  const wide = scaled * 10n ** BigInt(pad);
  return {
    decimal: asDecimal(scaled, k),
    below: asDecimal(wide - 1n, k + pad),
    above: asDecimal(wide + 1n, k + pad),
  };
}

describe("float literals: every rounding case of const.wast and float_literals.wast", () => {
  const suite = defaultSuitePath();
  const read = (name: string): string => {
    const path = join(suite, name);
    if (!existsSync(path)) throw new Error(`spec suite not found at ${suite}: ${SUITE_HINT}`);
    return readFileSync(path, "utf8");
  };

  it("const.wast: each literal parses to the bits of its expected result", () => {
    const pairs = [
      ...read("const.wast").matchAll(
        /\(module \(func \(export "f"\) \(result (f32|f64)\) \(f(?:32|64)\.const ([^)\s]+)\)\)\)\s*\(assert_return \(invoke "f"\) \(f(?:32|64)\.const ([^)\s]+)\)\)/g,
      ),
    ];
    expect(pairs.length).toBeGreaterThan(250);
    for (const [, type, literal, expected] of pairs) {
      if (type === "f32") expect(parseF32(literal!), literal).toBe(parseF32(expected!));
      else expect(parseF64(literal!), literal).toEqual(parseF64(expected!));
    }
  });

  it("float_literals.wast: each literal parses to the bits its function returns", () => {
    const text = read("float_literals.wast");
    const literals = new Map<string, [string, string]>();
    for (const [, name, type, literal] of text.matchAll(
      /\(func \(export "([^"]+)"\) \(result i(?:32|64)\) \(i(?:32|64)\.reinterpret_(f32|f64) \(f(?:32|64)\.const ([^)\s]+)\)\)\)/g,
    )) {
      literals.set(name!, [type!, literal!]);
    }
    let checked = 0;
    for (const [, name, expected] of text.matchAll(
      /\(assert_return \(invoke "([^"]+)"\) \(i(?:32|64)\.const ([^)\s]+)\)\)/g,
    )) {
      const entry = literals.get(name!);
      if (entry === undefined) continue;
      const [type, literal] = entry;
      if (type === "f32") expect(parseF32(literal), literal).toBe(parseI32(expected!) >>> 0);
      else expect(parseF64(literal), literal).toEqual(parseI64(expected!));
      checked++;
    }
    expect(checked).toBeGreaterThan(70);
  });
});
