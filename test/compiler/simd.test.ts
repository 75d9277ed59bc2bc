/**
 * Native SIMD against the interpreter: every natively compiled SIMD operation runs on random and
 * edge-case vectors (NaNs, infinities, signed zeros, lane extremes) and must give the
 * interpreter's exact bits.
 */
import { describe, expect, it } from "vitest";
import { createCompilerEngine } from "../../src/compiler/spec-engine.js";
import { RuntimeError } from "../../src/errors.js";
import { interpEngine } from "../../src/interp/spec-engine.js";
import type { Value } from "../../src/spec/values.js";
import { wat } from "../ir/helpers.js";

const BINARY = [
  "v128.and",
  "v128.or",
  "v128.xor",
  "v128.andnot",
  "i8x16.add",
  "i8x16.add_sat_s",
  "i8x16.add_sat_u",
  "i8x16.sub",
  "i8x16.sub_sat_s",
  "i8x16.sub_sat_u",
  "i8x16.min_s",
  "i8x16.min_u",
  "i8x16.max_s",
  "i8x16.max_u",
  "i8x16.avgr_u",
  "i8x16.eq",
  "i8x16.ne",
  "i8x16.gt_s",
  "i16x8.add",
  "i16x8.add_sat_s",
  "i16x8.add_sat_u",
  "i16x8.sub",
  "i16x8.sub_sat_s",
  "i16x8.sub_sat_u",
  "i16x8.mul",
  "i16x8.min_s",
  "i16x8.min_u",
  "i16x8.max_s",
  "i16x8.max_u",
  "i16x8.avgr_u",
  "i16x8.eq",
  "i16x8.ne",
  "i16x8.gt_s",
  "i32x4.add",
  "i32x4.sub",
  "i32x4.mul",
  "i32x4.min_s",
  "i32x4.min_u",
  "i32x4.max_s",
  "i32x4.max_u",
  "i32x4.eq",
  "i32x4.ne",
  "i32x4.gt_s",
  "i32x4.dot_i16x8_s",
  "i64x2.add",
  "i64x2.sub",
  "i64x2.eq",
  "i64x2.ne",
  "f32x4.add",
  "f32x4.sub",
  "f32x4.mul",
  "f32x4.div",
  "f64x2.add",
  "f64x2.sub",
  "f64x2.mul",
  "f64x2.div",
];
const SHIFT_OPS = [
  "i16x8.shl",
  "i16x8.shr_s",
  "i16x8.shr_u",
  "i32x4.shl",
  "i32x4.shr_s",
  "i32x4.shr_u",
  "i64x2.shl",
  "i64x2.shr_u",
];
const TESTS = [
  "i8x16.all_true",
  "i16x8.all_true",
  "i32x4.all_true",
  "i64x2.all_true",
  "i8x16.bitmask",
  "i16x8.bitmask",
  "i32x4.bitmask",
  "i64x2.bitmask",
];
const SIGN_OPS = ["f32x4.abs", "f32x4.neg", "f64x2.abs", "f64x2.neg"];
const MORE_BINARY = ["i8x16", "i16x8", "i32x4"].flatMap((t) =>
  ["lt_s", "le_s", "ge_s", "lt_u", "le_u", "ge_u", "gt_u"].map((c) => `${t}.${c}`),
);
const FLOAT_CMP = ["f32x4", "f64x2"].flatMap((t) =>
  ["eq", "ne", "lt", "gt", "le", "ge"].map((c) => `${t}.${c}`),
);
const PMINMAX = ["f32x4.pmin", "f32x4.pmax", "f64x2.pmin", "f64x2.pmax"];
const NARROW = [
  "i8x16.narrow_i16x8_s",
  "i8x16.narrow_i16x8_u",
  "i16x8.narrow_i32x4_s",
  "i16x8.narrow_i32x4_u",
];
const MORE_UNARY = [
  "i16x8.extend_low_i8x16_s",
  "i16x8.extend_low_i8x16_u",
  "i32x4.extend_low_i16x8_s",
  "i32x4.extend_low_i16x8_u",
  "i64x2.extend_low_i32x4_s",
  "i64x2.extend_low_i32x4_u",
  "f32x4.convert_i32x4_s",
  "f64x2.convert_low_i32x4_s",
  "f64x2.promote_low_f32x4",
  ...["f32x4", "f64x2"].flatMap((t) => ["ceil", "floor", "trunc", "nearest"].map((c) => `${t}.${c}`)),
  ...SIGN_OPS,
];
const UNARY = ["v128.not", "f32x4.sqrt", "f64x2.sqrt", "i8x16.abs", "i16x8.abs", "i32x4.abs"];
const SHAPES: [string, string, number][] = [
  ["i8x16", "i32", 16],
  ["i16x8", "i32", 8],
  ["i32x4", "i32", 4],
  ["i64x2", "i64", 2],
  ["f32x4", "f32", 4],
  ["f64x2", "f64", 2],
];

function moduleText(): string {
  const fs: string[] = [];
  for (const op of [...BINARY, ...MORE_BINARY, ...FLOAT_CMP, ...NARROW, ...PMINMAX])
    fs.push(`(func (export "${op}") (param v128 v128) (result v128) (${op} (local.get 0) (local.get 1)))`);
  for (const op of [...UNARY, ...MORE_UNARY])
    fs.push(`(func (export "${op}") (param v128) (result v128) (${op} (local.get 0)))`);
  fs.push(
    `(func (export "bitselect") (param v128 v128 v128) (result v128) (v128.bitselect (local.get 0) (local.get 1) (local.get 2)))`,
  );
  fs.push(`(func (export "any_true") (param v128) (result i32) (v128.any_true (local.get 0)))`);
  for (const [shape, scalar, n] of SHAPES) {
    fs.push(
      `(func (export "${shape}.splat") (param ${scalar}) (result v128) (${shape}.splat (local.get 0)))`,
    );
    const ext = scalar === "i32" && n > 4 ? ["_s", "_u"] : [""];
    for (const lane of new Set([0, n - 1, n >> 1])) {
      for (const e of ext) {
        fs.push(
          `(func (export "${shape}.extract${e}.${lane}") (param v128) (result ${scalar}) (${shape}.extract_lane${e} ${lane} (local.get 0)))`,
        );
      }
      fs.push(
        `(func (export "${shape}.replace.${lane}") (param v128 ${scalar}) (result v128) (${shape}.replace_lane ${lane} (local.get 0) (local.get 1)))`,
      );
    }
  }
  for (const op of SHIFT_OPS)
    fs.push(`(func (export "${op}") (param v128 i32) (result v128) (${op} (local.get 0) (local.get 1)))`);
  for (const op of TESTS) fs.push(`(func (export "${op}") (param v128) (result i32) (${op} (local.get 0)))`);
  fs.push(
    `(func (export "swizzle") (param v128 v128) (result v128) (i8x16.swizzle (local.get 0) (local.get 1)))`,
  );
  fs.push(
    `(func (export "shuffle") (param v128 v128) (result v128) (i8x16.shuffle 0 17 2 31 4 16 6 7 30 9 10 11 12 13 14 15 (local.get 0) (local.get 1)))`,
  );
  fs.push(`(func (export "load") (param i32) (result v128) (v128.load offset=1 (local.get 0)))`);
  fs.push(`(func (export "store") (param i32 v128) (v128.store offset=2 (local.get 0) (local.get 1)))`);
  return `(module (memory 1) ${fs.join("\n")})`;
}

let seed = 99;
function byte(): number {
  seed = (Math.imul(seed, 1103515245) + 12345) | 0;
  return (seed >>> 16) & 0xff;
}
const SPECIAL_F32 = [0x7fc00000, 0xffc00000, 0x7f800000, 0xff800000, 0x80000000, 0, 0x3f800000, 0x7fa00001];
const SPECIAL_I = [0x00, 0x7f, 0x80, 0xff];

function vector(kind: number): Value {
  const bytes = new Uint8Array(16);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < 16; i++) bytes[i] = byte();
  if (kind === 1) for (let i = 0; i < 16; i++) bytes[i] = SPECIAL_I[byte() % 4];
  if (kind === 2) for (let i = 0; i < 4; i++) view.setUint32(4 * i, SPECIAL_F32[byte() % 8], true);
  return { type: "v128", bytes };
}

function scalar(t: string): Value {
  const w = () => (byte() << 24) | (byte() << 16) | (byte() << 8) | byte();
  if (t === "i32") return { type: "i32", value: w() };
  if (t === "f32") return { type: "f32", bits: w() >>> 0 };
  return { type: t as "i64" | "f64", lo: w() >>> 0, hi: w() >>> 0 };
}

describe.runIf(process.platform === "linux" && (process.arch === "x64" || process.arch === "arm64"))(
  "native SIMD vs the interpreter",
  () => {
    const bytes = wat(moduleText());
    const compiled = createCompilerEngine().createStore().instantiate(bytes);
    const interp = interpEngine.createStore().instantiate(bytes);
    const run = (e: typeof compiled, name: string, args: Value[]): unknown => {
      try {
        return e.invoke(name, args);
      } catch (err) {
        // Only traps are outcomes; anything else (a missing export) fails the test.
        if (!(err instanceof RuntimeError)) throw err;
        return {
          trap: err.message.replace(/ \(at wasm offset .*\)$/, ""),
        };
      }
    };
    // Float lanes that are NaN may differ in payload and sign (wasm's NaN nondeterminism).
    const nanLanes = (r: unknown, name: string): unknown => {
      if (
        !Array.isArray(r) ||
        !/^f(32x4|64x2)\.(add|sub|mul|div|sqrt|ceil|floor|trunc|nearest|promote_low_f32x4)$/.test(name)
      )
        return r;
      return r.map((v: Value) => {
        if (v.type !== "v128") return v;
        const d = new DataView(v.bytes.buffer, v.bytes.byteOffset, 16);
        const n = name.startsWith("f32") ? 4 : 2;
        const w = 16 / n;
        return Array.from({ length: n }, (_, i) => {
          const x = n === 4 ? d.getFloat32(4 * i, true) : d.getFloat64(8 * i, true);
          return Number.isNaN(x) ? "nan" : Array.from(v.bytes.subarray(i * w, (i + 1) * w));
        });
      });
    };
    const same = (name: string, args: Value[]): void => {
      expect(nanLanes(run(compiled, name, args), name), `${name}(${JSON.stringify(args)})`).toEqual(
        nanLanes(run(interp, name, args), name),
      );
    };

    it("binary, unary and ternary operations", () => {
      for (let i = 0; i < 30; i++) {
        const k = i % 3;
        for (const op of [...BINARY, ...MORE_BINARY, ...FLOAT_CMP, ...NARROW, ...PMINMAX]) {
          same(op, [vector(k), vector((k + 1) % 3)]);
          const v = vector(k);
          same(op, [v, v]);
        }
        for (const op of [...UNARY, ...MORE_UNARY]) same(op, [vector(k)]);
        same("bitselect", [vector(k), vector(0), vector(0)]);
        same("any_true", [vector(k)]);
      }
      same("any_true", [{ type: "v128", bytes: new Uint8Array(16) }]);
      const ones: Value = { type: "v128", bytes: new Uint8Array(16).fill(1) };
      for (const op of TESTS) {
        same(op, [ones]);
        for (let i = 0; i < 20; i++) same(op, [vector(i % 3)]);
      }
      for (const op of SHIFT_OPS) {
        for (const n of [0, 1, 7, 15, 16, 31, 32, 63, 64, 65, -1])
          same(op, [vector(n & 1), { type: "i32", value: n }]);
      }
      for (let i = 0; i < 30; i++) {
        same("swizzle", [vector(0), vector(i % 3)]);
        same("shuffle", [vector(0), vector(1)]);
      }
    });

    it("splats, lanes, loads and stores", () => {
      for (let i = 0; i < 20; i++) {
        for (const [shape, t, n] of SHAPES) {
          same(`${shape}.splat`, [scalar(t)]);
          for (const lane of new Set([0, n - 1, n >> 1])) {
            for (const e of t === "i32" && n > 4 ? ["_s", "_u"] : [""])
              same(`${shape}.extract${e}.${lane}`, [vector(i % 3)]);
            same(`${shape}.replace.${lane}`, [vector(i % 3), scalar(t)]);
          }
        }
      }
      for (const addr of [0, 5, 65519, 65520, 65535, -1]) {
        same("store", [{ type: "i32", value: addr }, vector(0)]);
        same("load", [{ type: "i32", value: addr }]);
      }
    });
  },
);
