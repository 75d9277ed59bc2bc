/**
 * Differential test of every Wasm 2.0 SIMD lane operation against V8's WebAssembly: each operation
 * runs in a tiny wasm function (v128 operands at 0, 16, 32, a scalar operand at 64, the result at
 * 48) and through `src/semantics` on a register file, with the destination register separate and
 * aliasing each operand. Results must match bit for bit, NaN lanes by the spec's class rule.
 */

import { describe, expect, it } from "vitest";
import * as S from "../../src/semantics/index.js";
import { checkNaNResult, compileModule, type FloatInput, hex, isNaN32, isNaN64 } from "./harness.js";
import { F32_EDGES, F64_EDGES, I32_EDGES, I64_EDGES, Rng, randomI64 } from "./values.js";

type V = S.V128Views;
type Shape = "i8" | "i16" | "i32" | "i64" | "f32" | "f64";
/** v128 operand, or scalar operand of the given wasm type (passed to our function as bits). */
type Operand = "v" | "i32" | "i64" | "f32" | "f64";
/** How a v128 result is compared: exactly, or float lanes by NaN class (with their source lanes). */
type NaNRule = "exact" | "f32" | "f64" | "demote" | "promote";

interface SimdOp {
  /** Test name and wat instruction (with immediates). */
  readonly op: string;
  readonly operands: readonly Operand[];
  /** Result: a v128, or a scalar of this wasm type. */
  readonly result: "v" | "i32" | "i64" | "f32" | "f64";
  /** Lane shape used to generate the v128 operands. */
  readonly input: Shape;
  readonly nan: NaNRule;
  /** Runs our implementation: registers d, a, b, c; scalar bits x (lo) and y (hi). Returns scalar results. */
  readonly run: (v: V, d: number, a: number, b: number, c: number, x: number, y: number) => unknown;
}

const ops: SimdOp[] = [];
const fns = S as unknown as Record<string, unknown>;

/** `i8x16.add_sat_s` → `i8x16AddSatS`. */
function implName(op: string): string {
  if (op === "v128.andnot") return "v128AndNot";
  const [shape, name] = op.split(".") as [string, string];
  return (
    shape +
    name
      .split("_")
      .map((p) => p[0]!.toUpperCase() + p.slice(1))
      .join("")
  );
}

function fn<T>(op: string): T {
  const f = fns[implName(op)];
  if (typeof f !== "function") throw new Error(`missing semantics export for ${op}`);
  return f as T;
}

/** Shape of the v128 operands of `op`: the source shape named in it, else its own shape. */
function inputShape(op: string): Shape {
  const m = /_(i8x16|i16x8|i32x4|i64x2|f32x4|f64x2)/.exec(op);
  const shape = m ? m[1]! : op.split(".")[0]!;
  return (shape === "v128" ? "i32" : shape.slice(0, shape.indexOf("x"))) as Shape;
}

type Un = (v: V, d: number, a: number) => void;
type Bin = (v: V, d: number, a: number, b: number) => void;

function unary(op: string, nan: NaNRule = "exact") {
  const f = fn<Un>(op);
  ops.push({ op, operands: ["v"], result: "v", input: inputShape(op), nan, run: (v, d, a) => f(v, d, a) });
}

function binary(op: string, nan: NaNRule = "exact") {
  const f = fn<Bin>(op);
  ops.push({
    op,
    operands: ["v", "v"],
    result: "v",
    input: inputShape(op),
    nan,
    run: (v, d, a, b) => f(v, d, a, b),
  });
}

const intCompares = ["eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u"];

// Bitwise and shape-independent operations.
unary("v128.not");
for (const n of ["and", "andnot", "or", "xor"]) binary(`v128.${n}`);
{
  const f = fn<(v: V, d: number, a: number, b: number, c: number) => void>("v128.bitselect");
  ops.push({
    op: "v128.bitselect",
    operands: ["v", "v", "v"],
    result: "v",
    input: "i32",
    nan: "exact",
    run: (v, d, a, b, c) => f(v, d, a, b, c),
  });
}
for (const op of [
  "v128.any_true",
  "i8x16.all_true",
  "i16x8.all_true",
  "i32x4.all_true",
  "i64x2.all_true",
  "i8x16.bitmask",
  "i16x8.bitmask",
  "i32x4.bitmask",
  "i64x2.bitmask",
]) {
  const f = fn<(v: V, a: number) => number>(op);
  ops.push({
    op,
    operands: ["v"],
    result: "i32",
    input: inputShape(op),
    nan: "exact",
    run: (v, _d, a) => f(v, a),
  });
}

// Integer lane arithmetic.
for (const s of ["i8x16", "i16x8", "i32x4"]) {
  for (const n of intCompares) binary(`${s}.${n}`);
  for (const n of ["add", "sub", "min_s", "min_u", "max_s", "max_u"]) binary(`${s}.${n}`);
  for (const n of ["abs", "neg"]) unary(`${s}.${n}`);
}
for (const s of ["i8x16", "i16x8"]) {
  for (const n of ["add_sat_s", "add_sat_u", "sub_sat_s", "sub_sat_u", "avgr_u"]) binary(`${s}.${n}`);
}
binary("i16x8.mul");
binary("i32x4.mul");
unary("i8x16.popcnt");
binary("i16x8.q15mulr_sat_s");
binary("i8x16.narrow_i16x8_s");
binary("i8x16.narrow_i16x8_u");
binary("i16x8.narrow_i32x4_s");
binary("i16x8.narrow_i32x4_u");
binary("i32x4.dot_i16x8_s");
for (const [s, from] of [
  ["i16x8", "i8x16"],
  ["i32x4", "i16x8"],
  ["i64x2", "i32x4"],
] as const) {
  for (const half of ["low", "high"]) {
    for (const sign of ["s", "u"]) {
      unary(`${s}.extend_${half}_${from}_${sign}`);
      binary(`${s}.extmul_${half}_${from}_${sign}`);
    }
  }
}
for (const sign of ["s", "u"]) {
  unary(`i16x8.extadd_pairwise_i8x16_${sign}`);
  unary(`i32x4.extadd_pairwise_i16x8_${sign}`);
}
for (const n of ["add", "sub", "mul", "eq", "ne", "lt_s", "gt_s", "le_s", "ge_s"]) binary(`i64x2.${n}`);
for (const n of ["abs", "neg"]) unary(`i64x2.${n}`);
for (const s of ["i8x16", "i16x8", "i32x4", "i64x2"]) {
  for (const n of ["shl", "shr_s", "shr_u"]) {
    const op = `${s}.${n}`;
    const f = fn<(v: V, d: number, a: number, n: number) => void>(op);
    ops.push({
      op,
      operands: ["v", "i32"],
      result: "v",
      input: inputShape(op),
      nan: "exact",
      run: (v, d, a, _b, _c, x) => f(v, d, a, x),
    });
  }
}

// Float lane arithmetic and conversions.
for (const s of ["f32x4", "f64x2"] as const) {
  const rule = s === "f32x4" ? "f32" : "f64";
  for (const n of ["add", "sub", "mul", "div", "min", "max"]) binary(`${s}.${n}`, rule);
  for (const n of ["sqrt", "ceil", "floor", "trunc", "nearest"]) unary(`${s}.${n}`, rule);
  for (const n of ["pmin", "pmax", "eq", "ne", "lt", "gt", "le", "ge"]) binary(`${s}.${n}`);
  for (const n of ["abs", "neg"]) unary(`${s}.${n}`);
}
for (const sign of ["s", "u"]) {
  unary(`f32x4.convert_i32x4_${sign}`);
  unary(`f64x2.convert_low_i32x4_${sign}`);
  unary(`i32x4.trunc_sat_f32x4_${sign}`);
  unary(`i32x4.trunc_sat_f64x2_${sign}_zero`);
}
unary("f32x4.demote_f64x2_zero", "demote");
unary("f64x2.promote_low_f32x4", "promote");

// Splat, lane access, shuffle and swizzle.
const scalarOf = {
  i8x16: "i32",
  i16x8: "i32",
  i32x4: "i32",
  i64x2: "i64",
  f32x4: "f32",
  f64x2: "f64",
} as const;
const laneCount = { i8x16: 16, i16x8: 8, i32x4: 4, i64x2: 2, f32x4: 4, f64x2: 2 } as const;
for (const s of ["i8x16", "i16x8", "i32x4", "i64x2", "f32x4", "f64x2"] as const) {
  const t = scalarOf[s];
  const bits = t === "f32" || t === "f64" ? "Bits" : "";
  const splat = fns[`${s}Splat${bits}`] as (v: V, d: number, x: number, y: number) => void;
  ops.push({
    op: `${s}.splat`,
    operands: [t],
    result: "v",
    input: "i32",
    nan: "exact",
    run: (v, d, _a, _b, _c, x, y) => splat(v, d, x, y),
  });
  const replace = fns[`${s}ReplaceLane${bits}`] as (
    v: V,
    d: number,
    a: number,
    l: number,
    x: number,
    y: number,
  ) => void;
  const extracts: [string, string][] =
    s === "i8x16" || s === "i16x8"
      ? [
          ["extract_lane_s", "ExtractLaneS"],
          ["extract_lane_u", "ExtractLaneU"],
        ]
      : [["extract_lane", `ExtractLane${bits}`]];
  for (let lane = 0; lane < laneCount[s]; lane++) {
    ops.push({
      op: `${s}.replace_lane ${lane}`,
      operands: ["v", t],
      result: "v",
      input: inputShape(s),
      nan: "exact",
      run: (v, d, a, _b, _c, x, y) => replace(v, d, a, lane, x, y),
    });
    for (const [name, ours] of extracts) {
      const extract = fns[`${s}${ours}`] as (v: V, a: number, l: number) => number;
      ops.push({
        op: `${s}.${name} ${lane}`,
        operands: ["v"],
        result: t,
        input: inputShape(s),
        nan: "exact",
        run: (v, _d, a) => extract(v, a, lane),
      });
    }
  }
}
{
  const rng = new Rng(77);
  const patterns = [
    Array.from({ length: 16 }, (_, i) => i),
    Array.from({ length: 16 }, (_, i) => 31 - i),
    Array.from({ length: 16 }, (_, i) => (i % 2 === 0 ? i >> 1 : 16 + (i >> 1))),
    Array.from({ length: 16 }, () => 5),
    Array.from({ length: 16 }, () => rng.below(32)),
    Array.from({ length: 16 }, () => rng.below(32)),
  ];
  for (const p of patterns) {
    const lanes = Uint8Array.from(p);
    ops.push({
      op: `i8x16.shuffle ${p.join(" ")}`,
      operands: ["v", "v"],
      result: "v",
      input: "i8",
      nan: "exact",
      run: (v, d, a, b) => S.i8x16Shuffle(v, d, a, b, lanes, 0),
    });
  }
}
binary("i8x16.swizzle");

/** One module with every operation as `f<index>`. */
const mod = compileModule(
  ops
    .map((o, i) => {
      let vi = 0;
      const args = o.operands
        .map((k) =>
          k === "v" ? `(v128.load offset=${16 * vi++} (i32.const 0))` : `(${k}.load offset=64 (i32.const 0))`,
        )
        .join(" ");
      const store = o.result === "v" ? "v128" : o.result;
      return `(func (export "f${i}") (${store}.store offset=48 (i32.const 0) (${o.op} ${args})))`;
    })
    .join("\n"),
);

// Operand values. Lane edges per shape, as 32-bit words of whole vectors.
const rng = new Rng(0xc0ffee);
const I8_EDGES = [
  0, 1, -1, 2, -2, 15, 16, 17, 31, 32, 63, 64, 0x7f, -0x80, 0x7e, -0x7f, 0x55, -0x56, 100, -100,
];
const I16_EDGES = [
  0, 1, -1, 2, -2, 0x7f, 0x80, -0x80, -0x81, 0xff, 0x100, 0x4000, -0x4000, 0x7fff, -0x8000, 0x7ffe, -0x7fff,
  12345, -12345,
];
const laneEdges: Record<Shape, number[][]> = {
  i8: I8_EDGES.map((x) => [x]),
  i16: I16_EDGES.map((x) => [x]),
  i32: I32_EDGES.map((x) => [x]),
  i64: [...I64_EDGES, ...randomI64(rng, 64)],
  f32: F32_EDGES.map((x) => [x]),
  f64: F64_EDGES,
};
const lanesPerVector: Record<Shape, number> = { i8: 16, i16: 8, i32: 4, i64: 2, f32: 4, f64: 2 };

/** Packs lane values (each one or two int32 words) into vectors of 4 words. */
function pack(shape: Shape, lanes: number[][]): number[] {
  const words = new Int32Array(4);
  const bytes = new DataView(words.buffer);
  lanes.forEach((w, i) => {
    if (shape === "i8") bytes.setInt8(i, w[0]!);
    else if (shape === "i16") bytes.setInt16(2 * i, w[0]!, true);
    else if (shape === "i32" || shape === "f32") words[i] = w[0]!;
    else {
      words[2 * i] = w[0]!;
      words[2 * i + 1] = w[1]!;
    }
  });
  return Array.from(words);
}

/** A random lane: an edge most of the time, else random bits. */
function randomLane(shape: Shape): number[] {
  if (rng.below(4) !== 0) return rng.pick(laneEdges[shape]);
  return [rng.int(), rng.int()];
}

function randomVector(shape: Shape): number[] {
  return pack(
    shape,
    Array.from({ length: lanesPerVector[shape] }, () => randomLane(shape)),
  );
}

/**
 * Operand v128 tuples: every lane edge in some lane and, for operations with two or more v128
 * operands, every pair of the first 40 lane edges in some lane; then `count` random vectors.
 */
function vectorSets(shape: Shape, pairs: boolean, count: number): number[][][] {
  const n = lanesPerVector[shape];
  const edges = laneEdges[shape];
  const laneSets: number[][][] = edges.map((x) => [x, randomLane(shape)]);
  if (pairs) {
    const core = edges.slice(0, 40);
    for (const x of core) for (const y of core) laneSets.push([x, y]);
  }
  const sets: number[][][] = [];
  for (let i = 0; i < laneSets.length; i += n) {
    const chunk = laneSets.slice(i, i + n);
    while (chunk.length < n) chunk.push([randomLane(shape), randomLane(shape)]);
    sets.push([
      pack(
        shape,
        chunk.map((p) => p[0]!),
      ),
      pack(
        shape,
        chunk.map((p) => p[1]!),
      ),
      randomVector(shape),
    ]);
  }
  for (let i = 0; i < count; i++) sets.push([randomVector(shape), randomVector(shape), randomVector(shape)]);
  return sets;
}

function same(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

const scalarPools: Record<"i32" | "i64" | "f32" | "f64", number[][]> = {
  i32: [...I32_EDGES, ...Array.from({ length: 70 }, (_, i) => i), -1, 0x7fffffff, 0x80000000 | 0].map((x) => [
    x,
    0,
  ]),
  i64: I64_EDGES,
  f32: F32_EDGES.map((x) => [x, 0]),
  f64: F64_EDGES,
};

// Register file: operands at even (not 4-aligned) slots, to exercise the documented alignment.
const regs = new Int32Array(24);
const views = S.createV128Views(regs);
const A = 2;
const B = 6;
const C = 10;
const D = 14;

function load(slot: number, words: readonly number[]): void {
  for (let i = 0; i < 4; i++) regs[slot + i] = words[i]!;
}

/** Runs ours with the destination at `dest` (D, or an operand's own register). */
function runOurs(o: SimdOp, vs: number[][], x: number[], dest: number): number[] {
  load(A, vs[0]!);
  load(B, vs[1]!);
  load(C, vs[2]!);
  const r = o.run(views, dest, A, B, C, x[0]!, x[1] ?? 0);
  if (o.result === "v") return Array.from(regs.subarray(dest, dest + 4));
  if (o.result === "i64" || o.result === "f64") return [r as number, S.ret.hi];
  return [r as number];
}

function runV8(f: () => void, o: SimdOp, vs: number[][], x: number[]): number[] {
  const m = mod.mem;
  for (let j = 0; j < 3; j++) for (let i = 0; i < 4; i++) m[4 * j + i] = vs[j]![i]!;
  m[16] = x[0]!;
  m[17] = x[1] ?? 0;
  f();
  if (o.result === "v") return Array.from(m.subarray(12, 16));
  return o.result === "i64" || o.result === "f64" ? [m[12]!, m[13]!] : [m[12]!];
}

/** Compares a v128 or scalar result; returns a failure description or undefined. */
function compare(o: SimdOp, vs: number[][], want: number[], got: number[]): string | undefined {
  if (o.nan === "exact" || o.result !== "v")
    return same(got, want) ? undefined : `got ${hex(got)}, want ${hex(want)}`;
  const vIn = vs.slice(0, o.operands.length);
  const wideOut = o.nan === "f64" || o.nan === "promote";
  for (let lane = 0; lane < (wideOut ? 2 : 4); lane++) {
    const w = wideOut ? want.slice(2 * lane, 2 * lane + 2) : [want[lane]!];
    const g = wideOut ? got.slice(2 * lane, 2 * lane + 2) : [got[lane]!];
    const nan = wideOut ? isNaN64(w[0]!, w[1]!) : isNaN32(w[0]!);
    if (!nan) {
      if (!same(g, w)) return `lane ${lane}: got ${hex(g)}, want ${hex(w)}`;
      continue;
    }
    let inputs: FloatInput[];
    if (o.nan === "f32") inputs = vIn.map((v) => ({ wide: false, lo: v[lane]!, hi: 0 }));
    else if (o.nan === "f64")
      inputs = vIn.map((v) => ({ wide: true, lo: v[2 * lane]!, hi: v[2 * lane + 1]! }));
    else if (o.nan === "demote") inputs = [{ wide: true, lo: vs[0]![2 * lane]!, hi: vs[0]![2 * lane + 1]! }];
    else inputs = [{ wide: false, lo: vs[0]![lane]!, hi: 0 }];
    const err = checkNaNResult(wideOut, g[0]!, g[1] ?? 0, inputs);
    if (err !== undefined) return `lane ${lane}: ${err}, got ${hex(g)}`;
  }
  return undefined;
}

describe("SIMD semantics match V8 WebAssembly", () => {
  ops.forEach((o, i) => {
    it(o.op, () => {
      const f = mod.fns[`f${i}`]!;
      const scalar = o.operands.find((k) => k !== "v") as keyof typeof scalarPools | undefined;
      const vCount = o.operands.filter((k) => k === "v").length;
      const vectors = vectorSets(o.input, vCount > 1, scalar === undefined ? 400 : 12);
      const scalars = scalar === undefined ? [[0, 0]] : scalarPools[scalar];
      const dests = [D, A, B, C].slice(0, o.result === "v" ? vCount + 1 : 1);
      const failures: string[] = [];
      let cases = 0;
      for (const vs of vectors) {
        for (const x of scalars) {
          const want = runV8(f, o, vs, x);
          for (const dest of dests) {
            cases++;
            const err = compare(o, vs, want, runOurs(o, vs, x, dest));
            if (err !== undefined && failures.length < 8) {
              failures.push(
                `${o.op} [${vs.slice(0, vCount).map(hex).join("; ")}] x=${hex(x)} dest=${dest}: ${err}`,
              );
            }
          }
        }
      }
      expect(failures).toEqual([]);
      expect(cases).toBeGreaterThan(100);
    });
  });
});
