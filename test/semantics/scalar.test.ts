/**
 * Differential test of every scalar numeric operation against V8's WebAssembly: each operation runs
 * in a tiny wasm function (operands and result passed through memory as raw bits) and through
 * `src/semantics`, over edge and seeded random operands; results must match bit for bit, NaNs by
 * the spec's class rule, traps by message.
 */

import { describe, expect, it } from "vitest";
import * as S from "../../src/semantics/index.js";
import {
  capture,
  checkNaNResult,
  compileModule,
  type FloatInput,
  hex,
  isNaN32,
  isNaN64,
  specTrapFor,
} from "./harness.js";
import {
  F32_EDGES,
  F64_EDGES,
  I32_EDGES,
  I64_EDGES,
  i64RoundingCases,
  Rng,
  randomF32,
  randomF64,
  randomI32,
  randomI64,
} from "./values.js";

/** Operand/result kinds: `f32`/`f64` are passed to our functions as numbers, `f32b`/`f64b` as bits. */
type Kind = "i32" | "i64" | "f32" | "f64" | "f32b" | "f64b";

/**
 * How a result is compared: by NaN class (arithmetic), exactly (bit ops), or exactly except that a
 * signalling NaN may come back quieted (reinterpretation through a JS number, which V8 may quiet).
 */
type Compare = "nan-class" | "exact" | "quieted";

interface ScalarOp {
  readonly op: string;
  readonly params: readonly Kind[];
  readonly result: Kind;
  readonly impl: (...args: number[]) => number;
  readonly compare: Compare;
}

const ops: ScalarOp[] = [];

function add(
  op: string,
  params: Kind[],
  result: Kind,
  impl: (...args: number[]) => number,
  compare?: Compare,
) {
  ops.push({ op, params, result, impl, compare: compare ?? "nan-class" });
}

const intBinary = [
  "add",
  "sub",
  "mul",
  "div_s",
  "div_u",
  "rem_s",
  "rem_u",
  "and",
  "or",
  "xor",
  "shl",
  "shr_s",
  "shr_u",
  "rotl",
  "rotr",
];
const intCompare = ["eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u"];

/** `div_s` → `DivS`. */
function camel(name: string): string {
  return name
    .split("_")
    .map((p) => p[0]!.toUpperCase() + p.slice(1))
    .join("");
}

function impl(name: string): (...args: number[]) => number {
  const f = (S as unknown as Record<string, unknown>)[name];
  if (typeof f !== "function") throw new Error(`missing semantics export ${name}`);
  return f as (...args: number[]) => number;
}

for (const t of ["i32", "i64"] as const) {
  for (const n of intBinary) add(`${t}.${n}`, [t, t], t, impl(`${t}${camel(n)}`));
  for (const n of intCompare) add(`${t}.${n}`, [t, t], "i32", impl(`${t}${camel(n)}`));
  for (const n of ["clz", "ctz", "popcnt", "extend8_s", "extend16_s"])
    add(`${t}.${n}`, [t], t, impl(`${t}${camel(n)}`));
  add(`${t}.eqz`, [t], "i32", impl(`${t}Eqz`));
}
add("i64.extend32_s", ["i64"], "i64", S.i64Extend32S);

for (const t of ["f32", "f64"] as const) {
  for (const n of ["add", "sub", "mul", "div", "min", "max"])
    add(`${t}.${n}`, [t, t], t, impl(`${t}${camel(n)}`));
  for (const n of ["eq", "ne", "lt", "gt", "le", "ge"])
    add(`${t}.${n}`, [t, t], "i32", impl(`${t}${camel(n)}`));
  for (const n of ["sqrt", "ceil", "floor", "trunc", "nearest"])
    add(`${t}.${n}`, [t], t, impl(`${t}${camel(n)}`));
  const b = `${t}b` as const;
  add(`${t}.neg`, [b], b, impl(`${t}NegBits`), "exact");
  add(`${t}.abs`, [b], b, impl(`${t}AbsBits`), "exact");
  add(`${t}.copysign`, [b, b], b, impl(`${t}CopysignBits`), "exact");
}

add("i32.wrap_i64", ["i64"], "i32", S.i32WrapI64);
add("i64.extend_i32_s", ["i32"], "i64", S.i64ExtendI32S);
add("i64.extend_i32_u", ["i32"], "i64", S.i64ExtendI32U);
for (const it of ["i32", "i64"] as const) {
  for (const ft of ["f32", "f64"] as const) {
    for (const sign of ["s", "u"]) {
      add(`${it}.trunc_${ft}_${sign}`, [ft], it, impl(`${it}Trunc${camel(ft)}${camel(sign)}`));
      add(`${it}.trunc_sat_${ft}_${sign}`, [ft], it, impl(`${it}TruncSat${camel(ft)}${camel(sign)}`));
      add(`${ft}.convert_${it}_${sign}`, [it], ft, impl(`${ft}Convert${camel(it)}${camel(sign)}`));
    }
  }
}
add("f32.demote_f64", ["f64"], "f32", S.f32DemoteF64);
add("f64.promote_f32", ["f32"], "f64", S.f64PromoteF32);
add("i32.reinterpret_f32", ["f32"], "i32", S.i32ReinterpretF32, "quieted");
add("f32.reinterpret_i32", ["i32"], "f32", S.f32ReinterpretI32, "quieted");
add("i64.reinterpret_f64", ["f64"], "i64", S.i64ReinterpretF64, "quieted");
add("f64.reinterpret_i64", ["i64"], "f64", S.f64ReinterpretI64, "quieted");

const watType = (k: Kind) => (k === "f32b" ? "f32" : k === "f64b" ? "f64" : k);
const wide = (k: Kind) => k === "i64" || k === "f64" || k === "f64b";

/** One module holding every operation as `f<index>`: loads operands at 0, 16, 32, stores at 48. */
const mod = compileModule(
  ops
    .map((o, i) => {
      const loads = o.params.map((p, j) => `(${watType(p)}.load offset=${16 * j} (i32.const 0))`).join(" ");
      return `(func (export "f${i}") (${watType(o.result)}.store offset=48 (i32.const 0) (${o.op} ${loads})))`;
    })
    .join("\n"),
);

const rng = new Rng(0x5eed1234);
const pools: Record<Kind, number[][]> = {
  i32: [...I32_EDGES, ...randomI32(rng, 400)].map((x) => [x]),
  i64: [...I64_EDGES, ...randomI64(rng, 400), ...i64RoundingCases(rng, 300)],
  f32: [...F32_EDGES, ...randomF32(rng, 400)].map((x) => [x]),
  f64: [...F64_EDGES, ...randomF64(rng, 400)],
  f32b: [],
  f64b: [],
};
pools.f32b = pools.f32;
pools.f64b = pools.f64;

/** Operand tuples for an operation: every edge/random value for unary ops, a mix for binary ones. */
function operandSets(params: readonly Kind[]): number[][][] {
  if (params.length === 1) return pools[params[0]!].map((x) => [x]);
  const [pa, pb] = [pools[params[0]!], pools[params[1]!]];
  const sets: number[][][] = [];
  const core = (p: number[][]) => p.slice(0, 48);
  for (const x of core(pa)) for (const y of core(pb)) sets.push([x, y]);
  for (let n = 0; n < 6000; n++) sets.push([rng.pick(pa), rng.pick(pb)]);
  return sets;
}

function runOurs(o: ScalarOp, operands: number[][]): number[] {
  const args: number[] = [];
  for (let j = 0; j < o.params.length; j++) {
    const w = operands[j]!;
    const k = o.params[j]!;
    if (k === "f32") args.push(S.f32FromBits(w[0]!));
    else if (k === "f64") args.push(S.f64FromBits(w[0]!, w[1]!));
    else args.push(...w);
  }
  const r = o.impl(...args);
  switch (o.result) {
    case "i32":
    case "f32b":
      return [r];
    case "i64":
    case "f64b":
      return [r, S.ret.hi];
    case "f32":
      return [S.f32ToBits(r)];
    case "f64":
      return [S.f64ToBits(r), S.ret.hi];
  }
}

function runV8(fn: () => void, o: ScalarOp, operands: number[][]): number[] {
  const m = mod.mem;
  operands.forEach((w, j) => {
    m[4 * j] = w[0]!;
    m[4 * j + 1] = w[1] ?? 0;
  });
  fn();
  return wide(o.result) ? [m[12]!, m[13]!] : [m[12]!];
}

/** Compares one case; returns a failure description or undefined. */
function compare(
  o: ScalarOp,
  operands: number[][],
  theirs: ReturnType<typeof capture>,
  ours: ReturnType<typeof capture>,
) {
  const floatInputs: FloatInput[] = [];
  o.params.forEach((k, j) => {
    if (k === "f32" || k === "f32b") floatInputs.push({ wide: false, lo: operands[j]![0]!, hi: 0 });
    if (k === "f64" || k === "f64b")
      floatInputs.push({ wide: true, lo: operands[j]![0]!, hi: operands[j]![1]! });
  });
  const nanInput = floatInputs.some((x) => (x.wide ? isNaN64(x.lo, x.hi) : isNaN32(x.lo)));
  if ("trap" in theirs) {
    if (!("trap" in ours)) return `expected trap ${theirs.trap}, got ${hex(ours.words)}`;
    const want = specTrapFor(theirs.trap, nanInput);
    return ours.trap === want ? undefined : `trap message ${JSON.stringify(ours.trap)}, want ${want}`;
  }
  if ("trap" in ours) return `unexpected trap ${ours.trap}, want ${hex(theirs.words)}`;
  let want = theirs.words;
  const got = ours.words;
  const isFloat = o.result === "f32" || o.result === "f64";
  if (isFloat && o.compare === "nan-class") {
    const w = o.result === "f64";
    if (w ? isNaN64(want[0]!, want[1]!) : isNaN32(want[0]!)) {
      const err = checkNaNResult(w, got[0]!, got[1] ?? 0, floatInputs);
      return err === undefined ? undefined : `${err}, got ${hex(got)}`;
    }
  }
  if (o.compare === "quieted" && hex(got) !== hex(want)) {
    const w = want.length === 2;
    if (w ? isNaN64(want[0]!, want[1]!) : isNaN32(want[0]!)) {
      want = w ? [want[0]!, want[1]! | 0x80000] : [want[0]! | 0x400000];
    }
  }
  return hex(got) === hex(want) ? undefined : `got ${hex(got)}, want ${hex(want)}`;
}

describe("scalar numeric semantics match V8 WebAssembly", () => {
  ops.forEach((o, i) => {
    it(o.op, () => {
      const fn = mod.fns[`f${i}`]!;
      const failures: string[] = [];
      for (const operands of operandSets(o.params)) {
        const theirs = capture(() => runV8(fn, o, operands));
        const ours = capture(() => runOurs(o, operands));
        const err = compare(o, operands, theirs, ours);
        if (err !== undefined && failures.length < 10)
          failures.push(`${o.op}(${operands.map(hex).join("; ")}): ${err}`);
      }
      expect(failures).toEqual([]);
    });
  });
});
