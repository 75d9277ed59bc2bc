import { describe, expect, it } from "vitest";
import { autoEngine } from "../../src/api/compiled.js";
import { CompiledModule, CompileError, LinkError, Runtime, RuntimeError } from "../../src/index.js";
import { wat, withCustom } from "./helpers.js";

const adder = withCustom(
  wat(`(module
  (import "env" "log" (func $log (param i32)))
  (memory (export "mem") 1 3)
  (global (export "g") (mut i64) (i64.const 7))
  (table (export "tab") 2 funcref)
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "add64") (param i64 i64) (result i64) (i64.add (local.get 0) (local.get 1)))
  (func (export "pair") (result i32 f64) (i32.const -1) (f64.const 2.5)))`),
  "meta",
  "hello",
);

describe("Runtime", () => {
  it("compiles a module and lists its imports, exports and custom sections", () => {
    const rt = new Runtime();
    const m = rt.compile(adder);
    expect(m).toBeInstanceOf(CompiledModule);
    expect(m.imports).toEqual([
      { module: "env", name: "log", kind: "function", type: { params: ["i32"], results: [] } },
    ]);
    expect(m.exports).toEqual([
      { name: "mem", kind: "memory", type: { minimum: 1, maximum: 3 } },
      { name: "g", kind: "global", type: { value: "i64", mutable: true } },
      { name: "tab", kind: "table", type: { element: "funcref", minimum: 2, maximum: null } },
      { name: "add", kind: "function", type: { params: ["i32", "i32"], results: ["i32"] } },
      { name: "add64", kind: "function", type: { params: ["i64", "i64"], results: ["i64"] } },
      { name: "pair", kind: "function", type: { params: [], results: ["i32", "f64"] } },
    ]);
    expect(m.customSectionNames).toEqual(["meta"]);
    expect(new TextDecoder().decode(m.customSections("meta")[0])).toBe("hello");
    expect(m.customSections("none")).toEqual([]);
  });

  it("instantiates and calls exports with JS API conversions", () => {
    const rt = new Runtime();
    const logged: number[] = [];
    const inst = rt.instantiate(rt.compile(adder), {
      imports: { env: { log: (x: number) => logged.push(x) } },
    });
    const add = inst.exports.add as (a: unknown, b: unknown) => number;
    expect(add(2, 3)).toBe(5);
    expect(add(0x7fffffff, 1)).toBe(-0x80000000);
    expect(add("4", 1.9)).toBe(5);
    expect(add.name).toBe("1");
    expect(add.length).toBe(2);
    expect(inst.call("add64", [1n << 62n, 1n << 62n])).toBe(-(1n << 63n));
    expect(() => inst.call("add64", [1, 2])).toThrow(TypeError);
    expect(inst.call("pair")).toEqual([-1, 2.5]);
    expect(() => inst.call("nope")).toThrow(/no exported function "nope"/);
    expect(() => inst.call("mem")).toThrow(TypeError);
    expect(Object.isFrozen(inst.exports)).toBe(true);
    expect(Object.getPrototypeOf(inst.exports)).toBe(null);
  });

  it("accepts bytes in instantiate", () => {
    const rt = new Runtime();
    const inst = rt.instantiate(wat(`(module (func (export "f") (result i32) (i32.const 9)))`));
    expect(inst.call("f")).toBe(9);
  });

  it("reports bad modules and missing imports", () => {
    const rt = new Runtime();
    expect(() => rt.compile(new Uint8Array([0, 97, 115, 109, 2, 0, 0, 0]))).toThrow(CompileError);
    expect(() => rt.compile("nope" as unknown as Uint8Array)).toThrow(TypeError);
    expect(() => rt.instantiate(rt.compile(adder))).toThrow(LinkError);
    expect(() => rt.instantiate(rt.compile(adder), { imports: { env: { log: 5 } } })).toThrow(
      /must be a function/,
    );
  });

  it("links later modules to registered instances by name", () => {
    const rt = new Runtime();
    rt.instantiate(
      wat(`(module (func (export "seven") (result i32) (i32.const 7)) (memory (export "m") 1))`),
      {
        name: "lib",
      },
    );
    const user = rt.instantiate(
      wat(`(module (import "lib" "seven" (func $s (result i32))) (import "lib" "m" (memory 1))
        (func (export "f") (result i32) (i32.store (i32.const 0) (i32.const 5)) (i32.add (call $s) (i32.load (i32.const 0)))))`),
    );
    expect(user.call("f")).toBe(12);
    expect(() => rt.instantiate(wat(`(module (import "lib" "seven" (func (param i32))))`))).toThrow(
      /incompatible import type/,
    );
    const other = rt.instantiate(wat(`(module (func (export "seven") (result i32) (i32.const 70)))`));
    rt.register("lib2", other);
    expect(
      rt
        .instantiate(
          wat(
            `(module (import "lib2" "seven" (func $s (result i32))) (func (export "f") (result i32) (call $s)))`,
          ),
        )
        .call("f"),
    ).toBe(70);
  });

  it("selects engines and rejects bad options", () => {
    expect(new Runtime().engine).toBe(autoEngine());
    expect(new Runtime({ engine: "interpreter" }).engine).toBe("interpreter");
    expect(() => new Runtime({ engine: "jit" as "auto" })).toThrow(TypeError);
    expect(() => new Runtime({ memoryLimitPages: -1 })).toThrow(RangeError);
    expect(() => new Runtime({ memoryLimitPages: 70000 })).toThrow(RangeError);
    expect(() => new Runtime({ interruptFlag: new Int32Array(0) })).toThrow(TypeError);
  });

  it("validates feature names and turns SIMD off", () => {
    expect([...new Runtime().features]).toContain("simd");
    expect(() => new Runtime({ features: { "no-such": true } as never })).toThrow(
      /unknown feature "no-such"/,
    );
    expect(() => new Runtime({ features: { threads: true } })).toThrow(/not supported by Kiln/);
    expect(() => new Runtime({ features: { "bulk-memory": false } })).toThrow(/always on/);
    expect(() => new Runtime({ features: { simd: "yes" } as never })).toThrow(TypeError);
    const rt = new Runtime({ features: { simd: false, threads: false } });
    expect(rt.features.has("simd")).toBe(false);
    const simdLocal = wat(`(module (func (local v128)))`);
    const simdOp = wat(`(module (func (result i32) (i32x4.extract_lane 0 (v128.const i64x2 5 0))))`);
    expect(() => rt.compile(simdLocal)).toThrow(CompileError);
    expect(() => rt.compile(simdOp)).toThrow(/"simd" feature is disabled/);
    expect(() => rt.instantiate(new Runtime().compile(simdOp))).toThrow(CompileError);
    expect(rt.instantiate(wat(`(module (func (export "f") (result i32) (i32.const 1)))`)).call("f")).toBe(1);
  });

  it("refuses every use once closed", () => {
    const rt = new Runtime();
    const compiled = rt.compile(wat(`(module (func (export "f") (result i32) (i32.const 1)))`));
    const inst = rt.instantiate(compiled);
    const f = inst.exports.f as () => number;
    expect(f()).toBe(1);
    rt.close();
    expect(rt.closed).toBe(true);
    expect(() => f()).toThrow(/Runtime has been closed/);
    expect(() => inst.call("f")).toThrow(/closed/);
    expect(() => rt.compile(adder)).toThrow(/closed/);
    expect(() => rt.instantiate(compiled)).toThrow(/closed/);
    expect(() => rt.createMemory({ initial: 1 })).toThrow(/closed/);
    rt.close();
  });

  it("traps are RuntimeErrors", () => {
    const rt = new Runtime();
    const inst = rt.instantiate(wat(`(module (func (export "f") unreachable))`));
    expect(() => inst.call("f")).toThrow(RuntimeError);
  });
});
