/**
 * The arm64 float and SIMD selectors, cross-compiled on any host: a module with one function per
 * f32/f64 operation and per Wasm SIMD operation (with the largest lane index, operands both in
 * registers and spilled) must compile, every instruction must decode in capstone to the
 * listing's text, and no SIMD operation may leave through the runtime helper exit. What the code
 * computes is checked by the spec suite under qemu (scripts/arm64/test.sh).
 */
import { Capstone, Const, loadCapstone } from "capstone-wasm";
import { beforeAll, describe, expect, it } from "vitest";
import { Arm64Backend, type ModuleListing } from "../../src/backend-arm64/compile.js";
import { OPCODES } from "../../src/frontend/opcodes.js";
import { compileWat } from "../ir/helpers.js";

let cs: Capstone | null = null;

beforeAll(async () => {
  await loadCapstone();
  cs = new Capstone(Const.CS_ARCH_ARM64, Const.CS_MODE_ARM);
});

function compile(text: string): ModuleListing {
  const { module, funcs } = compileWat(text);
  const typeIds = module.types.map((_, i) => 100 + i);
  return new Arm64Backend().compileListing(module, funcs, { typeIds, instanceId: 1 });
}

const LANES: Readonly<Record<string, number>> = {
  i8x16: 16,
  i16x8: 8,
  i32x4: 4,
  i64x2: 2,
  f32x4: 4,
  f64x2: 2,
};
const SCALAR: Readonly<Record<string, string>> = {
  i8x16: "i32",
  i16x8: "i32",
  i32x4: "i32",
  i64x2: "i64",
  f32x4: "f32",
  f64x2: "f64",
};

/** A test function: parameter types, result type (or none) and the expression over the parameters. */
interface TestFunc {
  readonly params: readonly string[];
  readonly result: string | null;
  readonly expr: string;
}

function fn(params: readonly string[], result: string | null, op: string): TestFunc {
  const args = params.map((_, i) => `(local.get ${i})`).join(" ");
  return { params, result, expr: `(${op} ${args})` };
}

/** A function applying SIMD operation `name` (with the largest lane index) to its parameters. */
function simdFunc(name: string): TestFunc {
  const shape = name.split(".")[0];
  const lanes = LANES[shape] ?? 0;
  const scalar = SCALAR[shape] ?? "i32";
  const laneBits = Number(/\d+/.exec(name.slice(5))?.[0] ?? 0);
  if (name.startsWith("v128.load") && name.endsWith("_lane")) {
    return fn(["i32", "v128"], "v128", `${name} offset=3 ${128 / laneBits - 1}`);
  }
  if (name.startsWith("v128.store") && name.endsWith("_lane"))
    return fn(["i32", "v128"], null, `${name} ${128 / laneBits - 1}`);
  if (name.startsWith("v128.load")) return fn(["i32"], "v128", `${name} offset=16`);
  if (name === "v128.store") return fn(["i32", "v128"], null, name);
  if (name === "i8x16.shuffle")
    return fn(["v128", "v128"], "v128", `${name} 0 17 2 19 4 21 6 23 8 25 10 27 12 29 14 31`);
  if (name === "v128.bitselect") return fn(["v128", "v128", "v128"], "v128", name);
  if (name.endsWith(".splat")) return fn([scalar], "v128", name);
  if (name.includes("extract_lane")) return fn(["v128"], scalar, `${name} ${lanes - 1}`);
  if (name.endsWith("replace_lane")) return fn(["v128", scalar], "v128", `${name} ${lanes - 1}`);
  if (/\.(shl|shr_s|shr_u)$/.test(name)) return fn(["v128", "i32"], "v128", name);
  if (/(all_true|any_true|bitmask)$/.test(name)) return fn(["v128"], "i32", name);
  const unary =
    /\.(not|abs|neg|popcnt|sqrt|ceil|floor|trunc|nearest)$/.test(name) ||
    /(extend|extadd|convert|trunc_sat|demote|promote)/.test(name);
  return fn(unary ? ["v128"] : ["v128", "v128"], "v128", name);
}

/** Shuffles of every shape the selector tells apart: dup, zip/unzip/transpose (either order), ext, tbl. */
const SHUFFLES: readonly (readonly [string, string])[] = [
  ["dup v", "4 5 6 7 4 5 6 7 4 5 6 7 4 5 6 7"],
  ["dup v", "30 31 30 31 30 31 30 31 30 31 30 31 30 31 30 31"],
  ["zip1 v", "0 16 1 17 2 18 3 19 4 20 5 21 6 22 7 23"],
  ["zip2 v", "24 25 8 9 26 27 10 11 28 29 12 13 30 31 14 15"],
  ["uzp1 v", "0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27"],
  ["uzp2 v", "2 3 6 7 10 11 14 15 18 19 22 23 26 27 30 31"],
  ["trn1 v", "0 1 2 3 16 17 18 19 8 9 10 11 24 25 26 27"],
  ["trn2 v", "17 1 19 3 21 5 23 7 25 9 27 11 29 13 31 15"],
  ["ext v", "5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20"],
  ["tbl v", "15 14 13 12 11 10 9 8 7 6 5 4 3 2 1 0"],
  ["tbl v", "31 30 29 28 27 26 25 24 23 22 21 20 19 18 17 16"],
  ["tbl v", "0 31 1 30 2 29 3 28 4 27 5 26 6 25 7 24"],
];

/** Every SIMD operation but v128.const. */
const SIMD_NAMES = OPCODES.filter((i) => i.code >= 0xfd00 && i.code <= 0xfdff && i.code !== 0xfd0c).map(
  (i) => i.name,
);

/** Every f32/f64 operation and conversion with a float operand or result (constants and reinterprets aside). */
const FLOAT_FUNCS: readonly TestFunc[] = [
  ...["abs", "neg", "ceil", "floor", "trunc", "nearest", "sqrt"].flatMap((op) =>
    ["f32", "f64"].map((t) => fn([t], t, `${t}.${op}`)),
  ),
  ...["add", "sub", "mul", "div", "min", "max", "copysign"].flatMap((op) =>
    ["f32", "f64"].map((t) => fn([t, t], t, `${t}.${op}`)),
  ),
  ...["eq", "ne", "lt", "gt", "le", "ge"].flatMap((op) =>
    ["f32", "f64"].map((t) => fn([t, t], "i32", `${t}.${op}`)),
  ),
  ...["i32", "i64"].flatMap((i) =>
    ["f32", "f64"].flatMap((f) =>
      ["s", "u"].flatMap((s) => [
        fn([f], i, `${i}.trunc_${f}_${s}`),
        fn([f], i, `${i}.trunc_sat_${f}_${s}`),
        fn([i], f, `${f}.convert_${i}_${s}`),
      ]),
    ),
  ),
  fn(["f64"], "f32", "f32.demote_f64"),
  fn(["f32"], "f64", "f64.promote_f32"),
];

/**
 * A module with the test functions. With `spill`, each evaluates its expression after a call and
 * keeps the result across another, so operands and results live in stack slots.
 */
function moduleOf(funcs: readonly TestFunc[], spill: boolean): string {
  const text = funcs.map(({ params, result, expr }) => {
    const head = `(param ${params.join(" ")})${result === null ? "" : ` (result ${result})`}`;
    if (!spill) return `  (func ${head} ${expr})`;
    if (result === null) return `  (func ${head} (call $nop) ${expr} (call $nop))`;
    return `  (func ${head} (local $r ${result}) (call $nop) (local.set $r ${expr}) (call $nop) (local.get $r))`;
  });
  return `(module (memory 1) (func $nop)\n${text.join("\n")}\n)`;
}

function mismatches(code: ModuleListing): string[] {
  const out: string[] = [];
  for (const line of code.listing) {
    if (line.text.startsWith(".")) continue;
    const [insn] = (cs as Capstone).disasm(line.bytes, { address: line.offset, count: 1 });
    const other = insn === undefined ? null : `${insn.mnemonic} ${insn.opStr}`.trim();
    if (other !== line.text) out.push(`0x${line.offset.toString(16)}: ${line.text} vs ${other}`);
  }
  return out;
}

describe("arm64 float and SIMD selection", () => {
  it.each([false, true])(
    "compiles every float operation to instructions capstone decodes (spilled: %s)",
    (spill) => {
      const code = compile(moduleOf(FLOAT_FUNCS, spill));
      expect(mismatches(code)).toEqual([]);
      const texts = code.listing.map((l) => l.text);
      for (const m of ["fadd s", "fmax d", "frintn s", "fcvtzu x", "ucvtf d", "fcvt s", "bsl v29.8b"]) {
        expect(
          texts.some((t) => t.startsWith(m)),
          m,
        ).toBe(true);
      }
    },
  );

  it.each([false, true])(
    "compiles every SIMD operation natively, as capstone decodes it (spilled: %s)",
    (spill) => {
      const shuffles = SHUFFLES.map(([, lanes]) => fn(["v128", "v128"], "v128", `i8x16.shuffle ${lanes}`));
      const code = compile(moduleOf([...SIMD_NAMES.map(simdFunc), ...shuffles], spill));
      expect(mismatches(code)).toEqual([]);
      // A helper exit stores its code (16) with `mov w16, #0x10`: no SIMD operation may use one.
      expect(code.listing.filter((l) => l.text === "mov w16, #0x10")).toEqual([]);
      const texts = code.listing.map((l) => l.text);
      const expected = [
        "usra v28.2d",
        "sqrdmulh v",
        "ld1 {v",
        "st1 {v",
        "ld1r {v",
        "uminv b28",
        ...SHUFFLES.map((c) => c[0]),
      ];
      for (const m of expected)
        expect(
          texts.some((t) => t.startsWith(m)),
          m,
        ).toBe(true);
      expect(texts.some((t) => /^tbl v\d+\.16b, \{v28\.16b, v29\.16b\}, v30\.16b$/.test(t))).toBe(true);
      // Spilled operands come from their frame slots into the scratch registers (in the function
      // bodies: the entry thunks after them copy arguments through v31 anyway).
      const bodies = code.listing.filter((l) => l.offset < Math.min(...code.entryOffsets)).map((l) => l.text);
      expect(bodies.some((t) => /^ldr q3[01], \[sp/.test(t))).toBe(spill);
    },
  );
});
