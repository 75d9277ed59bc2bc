import { describe, expect, it } from "vitest";
import { RuntimeError } from "../../src/errors.js";
import { ValType } from "../../src/frontend/types.js";
import { HostFunction } from "../../src/runtime/function.js";
import { MemoryInstance, PAGE_SIZE } from "../../src/runtime/memory.js";
import { TableInstance } from "../../src/runtime/table.js";
import { fromJS, toJS } from "../../src/runtime/values.js";
import { call, i32, i64, load } from "./helpers.js";

const { I32, I64, F32, F64, FuncRef, ExternRef } = ValType;

describe("memories", () => {
  it("grows up to the declared maximum and the run-time limit", () => {
    const m = new MemoryInstance({ limits: { min: 1, max: 3 } });
    m.bytes[10] = 42;
    expect(m.grow(1)).toBe(1);
    expect(m.bytes[10]).toBe(42);
    expect(m.byteLength).toBe(2 * PAGE_SIZE);
    expect(m.grow(2)).toBe(-1);
    expect(m.grow(0xffffffff)).toBe(-1);
    expect(m.grow(1)).toBe(2);
    const limited = new MemoryInstance({ limits: { min: 0, max: null } }, 2);
    expect(limited.grow(3)).toBe(-1);
    expect(limited.grow(2)).toBe(0);
    expect(() => new MemoryInstance({ limits: { min: 3, max: null } }, 2)).toThrow(RuntimeError);
  });

  it("refreshes the interpreter's view after memory.grow", () => {
    const inst = load(`(module (memory 1)
      (func (export "f") (result i32)
        (drop (memory.grow (i32.const 1)))
        (i32.store (i32.const 70000) (i32.const 99))
        (i32.load (i32.const 70000))))`);
    expect(call(inst, "f")).toEqual([i32(99)]);
  });

  it("sees growth done by another instance sharing the memory", () => {
    const memory = new MemoryInstance({ limits: { min: 1, max: null } });
    const grower = load(
      `(module (import "env" "m" (memory 1)) (func (export "grow") (drop (memory.grow (i32.const 1)))))`,
      { env: { m: memory } },
    );
    const user = load(
      `(module (import "env" "m" (memory 1)) (import "env" "grow" (func $grow))
         (func (export "f") (result i32) (call $grow) (i32.store (i32.const 65540) (i32.const 5))
           (i32.load (i32.const 65540))))`,
      { env: { m: memory, grow: grower.getExport("grow") as HostFunction } },
    );
    expect(call(user, "f")).toEqual([i32(5)]);
  });

  it("bounds-checks accesses without 32-bit overflow", () => {
    const inst = load(`(module (memory 1)
      (func (export "load") (param i32) (result i32) (i32.load offset=4 (local.get 0)))
      (func (export "store64") (param i32) (i64.store (local.get 0) (i64.const -1))))`);
    expect(call(inst, "load", i32(65528))).toEqual([i32(0)]);
    expect(() => call(inst, "load", i32(65529))).toThrow("out of bounds memory access");
    expect(() => call(inst, "load", i32(-4))).toThrow("out of bounds memory access");
    expect(() => call(inst, "store64", i32(65529))).toThrow("out of bounds memory access");
  });
});

describe("tables", () => {
  it("grows, fills, copies and initialises with bounds checks", () => {
    const t = new TableInstance({ elem: ExternRef, limits: { min: 2, max: 4 } });
    expect(t.grow(1, "a")).toBe(2);
    expect(t.elements).toEqual([null, null, "a"]);
    expect(t.grow(2, null)).toBe(-1);
    t.fill(0, "b", 2);
    expect(t.elements).toEqual(["b", "b", "a"]);
    expect(() => t.fill(2, "c", 2)).toThrow("out of bounds table access");
    expect(t.elements[2]).toBe("a");
    t.copy(1, t, 2, 1);
    expect(t.elements).toEqual(["b", "a", "a"]);
    t.init(0, ["x", "y"], 1, 1);
    expect(t.elements).toEqual(["y", "a", "a"]);
    expect(() => t.init(0, ["x"], 0, 2)).toThrow("out of bounds table access");
    expect(() => t.get(3)).toThrow("out of bounds table access");
  });

  it("runs table instructions on externrefs", () => {
    const inst = load(`(module (table $t 1 externref)
      (func (export "grow") (param externref i32) (result i32) (table.grow $t (local.get 0) (local.get 1)))
      (func (export "get") (param i32) (result externref) (table.get $t (local.get 0)))
      (func (export "size") (result i32) (table.size $t)))`);
    const obj = { hello: 1 };
    expect(call(inst, "grow", { type: "externref", ref: obj }, i32(2))).toEqual([i32(1)]);
    expect(call(inst, "size")).toEqual([i32(3)]);
    expect(call(inst, "get", i32(2))).toEqual([{ type: "externref", ref: obj }]);
    expect(call(inst, "get", i32(0))).toEqual([{ type: "externref", ref: null }]);
    expect(() => call(inst, "get", i32(3))).toThrow("out of bounds table access");
  });
});

describe("host functions", () => {
  it("take and return i64 as bigint, and several results as an iterable", () => {
    const seen: unknown[] = [];
    const split = new HostFunction({ params: [I64, F32], results: [I32, I64, F64] }, (x, y) => {
      seen.push(x, y);
      return [7, (x as bigint) * 2n, 0.5];
    });
    const inst = load(
      `(module (import "env" "split" (func $s (param i64 f32) (result i32 i64 f64)))
         (func (export "f") (result i64) (local $a i32) (local $b i64)
           (call $s (i64.const 0x123456789) (f32.const 1.5)) (drop) (local.set $b) (local.set $a)
           (i64.add (local.get $b) (i64.extend_i32_u (local.get $a)))))`,
      { env: { split } },
    );
    expect(call(inst, "f")).toEqual([i64(0x123456789n * 2n + 7n)]);
    expect(seen).toEqual([0x123456789n, 1.5]);
  });

  it("propagate exceptions as they are", () => {
    const boom = new HostFunction({ params: [], results: [] }, () => {
      throw new TypeError("boom");
    });
    const inst = load(`(module (import "env" "boom" (func $b)) (func (export "f") (call $b)))`, {
      env: { boom },
    });
    expect(() => call(inst, "f")).toThrow(TypeError);
  });

  it("reject results of the wrong arity", () => {
    const two = new HostFunction({ params: [], results: [I32, I32] }, () => [1]);
    const inst = load(
      `(module (import "env" "two" (func $t (result i32 i32)))
      (func (export "f") (result i32) (call $t) (i32.add)))`,
      { env: { two } },
    );
    expect(() => call(inst, "f")).toThrow(RuntimeError);
  });
});

describe("values at the JS boundary", () => {
  it("convert as the JS API does", () => {
    const isFunc = (x: unknown) => x instanceof HostFunction;
    expect(fromJS(I32, 2 ** 32 + 5, isFunc)).toEqual(i32(5));
    expect(fromJS(I64, -1n, isFunc)).toEqual({ type: "i64", lo: -1, hi: -1 });
    expect(toJS({ type: "i64", lo: -1, hi: -1 })).toBe(-1n);
    expect(toJS({ type: "i64", lo: 0, hi: 1 })).toBe(2n ** 32n);
    expect(fromJS(F32, 0.1, isFunc)).toEqual({ type: "f32", bits: 0x3dcccccd });
    expect(() => fromJS(I64, 1, isFunc)).toThrow(RuntimeError);
    expect(() => fromJS(FuncRef, {}, isFunc)).toThrow(RuntimeError);
  });
});
