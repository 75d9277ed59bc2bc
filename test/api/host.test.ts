import { describe, expect, it } from "vitest";
import { type CallerContext, hostFunction, Runtime } from "../../src/index.js";
import { wat } from "./helpers.js";

describe("host functions", () => {
  it("receive typed arguments, a caller context, and return converted results", () => {
    const rt = new Runtime();
    let seen: CallerContext | null = null;
    const mix = hostFunction({ params: ["i32", "i64"], results: ["f64"] }, (ctx, a, b) => {
      seen = ctx;
      return a + Number(b) / 2;
    });
    const sum = hostFunction({ params: ["v128"], results: ["i32", "i64"] }, (_ctx, v) => [
      v.reduce((x, y) => x + y, 0),
      BigInt(v[15]) << 40n,
    ]);
    const inst = rt.instantiate(
      wat(`(module
        (import "env" "mix" (func $mix (param i32 i64) (result f64)))
        (import "env" "sum" (func $sum (param v128) (result i32 i64)))
        (memory 1)
        (func (export "run") (result f64) (call $mix (i32.const 3) (i64.const 5)))
        (func (export "vec") (result i32 i64) (call $sum (v128.const i8x16 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 9))))`),
      { imports: { env: { mix, sum } } },
    );
    expect(inst.call("run")).toBe(5.5);
    expect(seen).not.toBeNull();
    const ctx = seen as unknown as CallerContext;
    expect(ctx.instance).toBe(inst);
    expect(ctx.memory).toBe(inst.memory);
    expect(ctx.memory?.byteLength).toBe(65536);
    expect(inst.call("vec")).toEqual([24, 9n << 40n]);
  });

  it("rejects unknown types and mismatched imports", () => {
    expect(() => hostFunction({ params: ["i33" as "i32"], results: [] }, () => 0)).toThrow(TypeError);
    const rt = new Runtime();
    const f = hostFunction({ params: [], results: ["i32"] }, () => 1);
    expect(() =>
      rt.instantiate(wat(`(module (import "env" "f" (func (param i32))))`), { imports: { env: { f } } }),
    ).toThrow(/incompatible import type/);
    const bad = hostFunction({ params: [], results: ["i64"] }, () => 1 as unknown as bigint);
    const inst = rt.instantiate(
      wat(`(module (import "env" "f" (func $f (result i64))) (func (export "g") (result i64) (call $f)))`),
      { imports: { env: { f: bad } } },
    );
    expect(() => inst.call("g")).toThrow(TypeError);
  });

  it("propagate host exceptions unchanged through wasm frames", () => {
    const rt = new Runtime();
    const boom = new Error("boom");
    const marker = { not: "an error" };
    let what: unknown = boom;
    const inst = rt.instantiate(
      wat(`(module (import "env" "f" (func $f))
        (func $mid (call $f)) (func (export "run") (call $mid)))`),
      {
        imports: {
          env: {
            f: () => {
              throw what;
            },
          },
        },
      },
    );
    let caught: unknown;
    try {
      inst.call("run");
    } catch (e) {
      caught = e;
    }
    expect(caught).toBe(boom);
    what = marker;
    try {
      inst.call("run");
    } catch (e) {
      caught = e;
    }
    expect(caught).toBe(marker);
  });

  it("can call back into wasm (re-entrancy)", () => {
    const rt = new Runtime();
    const back = hostFunction({ params: ["i32"], results: ["i32"] }, (ctx, n) =>
      n <= 0 ? 0 : n + (ctx.exports.down as (x: number) => number)(n - 1),
    );
    const inst = rt.instantiate(
      wat(`(module (import "env" "back" (func $back (param i32) (result i32)))
        (func (export "down") (param i32) (result i32) (call $back (local.get 0))))`),
      { imports: { env: { back } } },
    );
    expect(inst.call("down", [100])).toBe(5050);
  });

  it("plain JS functions get JS API conversions and an undefined this", () => {
    const rt = new Runtime();
    const calls: unknown[][] = [];
    let self: unknown = "unset";
    const inst = rt.instantiate(
      wat(`(module
        (import "js" "f" (func $f (param i32 i64 f32 f64 externref) (result i32)))
        (import "js" "two" (func $two (result f64 i64)))
        (func (export "run") (param externref) (result i32)
          (call $f (i32.const -1) (i64.const -2) (f32.const 1.5) (f64.const 0.25) (local.get 0)))
        (func (export "pair") (result f64 i64) (call $two)))`),
      {
        imports: {
          js: {
            f(this: unknown, ...args: unknown[]) {
              self = this;
              calls.push(args);
              return "42";
            },
            two: () => [1, 2n],
          },
        },
      },
    );
    const ext = { any: "object" };
    expect(inst.call("run", [ext])).toBe(42);
    expect(calls[0]).toEqual([-1, -2n, 1.5, 0.25, ext]);
    expect(calls[0][4]).toBe(ext);
    expect(self).toBeUndefined();
    expect(inst.call("pair")).toEqual([1, 2n]);
  });

  it("pass function references as exported functions", () => {
    const rt = new Runtime();
    const inst = rt.instantiate(
      wat(`(module (import "js" "take" (func $take (param funcref) (result funcref)))
        (func $seven (export "seven") (result i32) (i32.const 7))
        (elem declare func $seven)
        (func (export "run") (result funcref) (call $take (ref.func $seven))))`),
      { imports: { js: { take: (f: unknown) => f } } },
    );
    const f = inst.call("run") as () => number;
    expect(f).toBe(inst.exports.seven);
    expect(f()).toBe(7);
  });
});
