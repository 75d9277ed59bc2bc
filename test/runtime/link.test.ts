import { describe, expect, it } from "vitest";
import { LinkError, RuntimeError } from "../../src/errors.js";
import { ValType } from "../../src/frontend/types.js";
import { HostFunction, type WasmFunction } from "../../src/runtime/function.js";
import { GlobalInstance } from "../../src/runtime/global.js";
import { MemoryInstance } from "../../src/runtime/memory.js";
import { createSpectest } from "../../src/runtime/spectest.js";
import { TableInstance } from "../../src/runtime/table.js";
import { call, i32, load, newInterp } from "./helpers.js";

const { I32, I64, FuncRef } = ValType;

function linkError(f: () => unknown): LinkError {
  try {
    f();
  } catch (e) {
    if (e instanceof LinkError) return e;
    throw e;
  }
  throw new Error("expected a LinkError");
}

describe("import resolution", () => {
  it("names a missing import", () => {
    const e = linkError(() => load(`(module (import "env" "f" (func)))`));
    expect(e.message).toContain("unknown import");
    expect(e.message).toContain(`"env" "f"`);
  });

  it("checks function signatures and shows both types", () => {
    const f = new HostFunction({ params: [I32], results: [] }, () => {});
    const e = linkError(() => load(`(module (import "env" "f" (func (param i64))))`, { env: { f } }));
    expect(e.message).toContain("incompatible import type");
    expect(e.message).toContain("(func (param i64))");
    expect(e.message).toContain("(func (param i32))");
    expect(() => load(`(module (import "env" "f" (func (param i32))))`, { env: { f } })).not.toThrow();
  });

  it("checks the kind of an import", () => {
    const memory = new MemoryInstance({ limits: { min: 1, max: null } });
    const e = linkError(() => load(`(module (import "env" "m" (func)))`, { env: { m: memory } }));
    expect(e.message).toContain("a memory");
  });

  it("checks memory limits by subtyping", () => {
    const memory = new MemoryInstance({ limits: { min: 2, max: 4 } });
    const env = { env: { m: memory } };
    expect(() => load(`(module (import "env" "m" (memory 1)))`, env)).not.toThrow();
    expect(() => load(`(module (import "env" "m" (memory 2 4)))`, env)).not.toThrow();
    expect(() => load(`(module (import "env" "m" (memory 1 8)))`, env)).not.toThrow();
    expect(linkError(() => load(`(module (import "env" "m" (memory 3)))`, env)).message).toContain(
      "(memory 3)",
    );
    expect(linkError(() => load(`(module (import "env" "m" (memory 1 3)))`, env)).message).toContain(
      "(memory 2 4)",
    );
    const unbounded = new MemoryInstance({ limits: { min: 1, max: null } });
    expect(() => load(`(module (import "env" "m" (memory 1 2)))`, { env: { m: unbounded } })).toThrow(
      LinkError,
    );
  });

  it("checks table element types and limits", () => {
    const table = new TableInstance({ elem: FuncRef, limits: { min: 10, max: 20 } });
    const env = { env: { t: table } };
    expect(() => load(`(module (import "env" "t" (table 10 funcref)))`, env)).not.toThrow();
    expect(() => load(`(module (import "env" "t" (table 11 funcref)))`, env)).toThrow(LinkError);
    expect(() => load(`(module (import "env" "t" (table 10 externref)))`, env)).toThrow(LinkError);
    expect(() => load(`(module (import "env" "t" (table 10 15 funcref)))`, env)).toThrow(LinkError);
  });

  it("checks global types and mutability", () => {
    const g = new GlobalInstance({ type: I32, mutable: true }, i32(5));
    const env = { env: { g } };
    expect(() => load(`(module (import "env" "g" (global (mut i32))))`, env)).not.toThrow();
    expect(linkError(() => load(`(module (import "env" "g" (global i32)))`, env)).message).toContain(
      "(global (mut i32))",
    );
    expect(() => load(`(module (import "env" "g" (global (mut i64))))`, env)).toThrow(LinkError);
  });
});

describe("instantiation", () => {
  it("shares mutable globals between instances", () => {
    const g = new GlobalInstance({ type: I64, mutable: true }, { type: "i64", lo: 1, hi: 0 });
    const text = `(module (import "env" "g" (global $g (mut i64)))
      (func (export "inc") (global.set $g (i64.add (global.get $g) (i64.const 1))))
      (func (export "get") (result i64) (global.get $g)))`;
    const a = load(text, { env: { g } });
    const b = load(text, { env: { g } });
    call(a, "inc");
    call(b, "inc");
    expect(call(a, "get")).toEqual([{ type: "i64", lo: 3, hi: 0 }]);
    expect(g.read()).toEqual({ type: "i64", lo: 3, hi: 0 });
  });

  it("keeps segment writes made before a failing segment", () => {
    const memory = new MemoryInstance({ limits: { min: 1, max: null } });
    const table = new TableInstance({ elem: FuncRef, limits: { min: 2, max: null } });
    const env = { env: { memory, table } };
    expect(() =>
      load(
        `(module (import "env" "memory" (memory 1)) (import "env" "table" (table 2 funcref))
           (func $f) (elem (i32.const 0) $f) (elem (i32.const 1) $f $f)
           (data (i32.const 0) "x"))`,
        env,
      ),
    ).toThrow("out of bounds table access");
    expect(table.elements[0]).not.toBeNull();
    expect(table.elements[1]).toBeNull();
    expect(memory.bytes[0]).toBe(0);

    expect(() =>
      load(
        `(module (import "env" "memory" (memory 1))
           (data (i32.const 5) "ab") (data (i32.const 65535) "cd"))`,
        env,
      ),
    ).toThrow("out of bounds memory access");
    expect(memory.bytes[5]).toBe(0x61);
    expect(memory.bytes[65535]).toBe(0);
  });

  it("runs the start function, and reports its trap", () => {
    const log: number[] = [];
    const print = new HostFunction({ params: [I32], results: [] }, (x) => {
      log.push(x as number);
    });
    load(
      `(module (import "env" "print" (func $p (param i32))) (func $s (call $p (i32.const 7))) (start $s))`,
      {
        env: { print },
      },
    );
    expect(log).toEqual([7]);
    expect(() => load(`(module (func $s unreachable) (start $s))`)).toThrow(RuntimeError);
  });

  it("calls a funcref of one instance through another instance's table", () => {
    const a = load(`(module (func (export "seven") (result i32) (i32.const 7))
      (func (export "id64") (param i64) (result i64) (local.get 0)))`);
    const table = new TableInstance({ elem: FuncRef, limits: { min: 2, max: null } });
    table.elements[0] = a.getExport("seven");
    table.elements[1] = a.getExport("id64");
    const b = load(
      `(module (import "env" "t" (table 2 funcref)) (type $r (func (result i32)))
         (func (export "call") (param i32) (result i32) (call_indirect (type $r) (local.get 0))))`,
      { env: { t: table } },
    );
    expect(call(b, "call", i32(0))).toEqual([i32(7)]);
    expect(() => call(b, "call", i32(1))).toThrow("indirect call type mismatch");
    expect(() => call(b, "call", i32(2))).toThrow("undefined element");
  });

  it("switches memories and globals when calls cross instances of one interpreter", () => {
    const interp = newInterp();
    const a = load(
      `(module (memory 1) (data (i32.const 0) "\\0a") (global $g (mut i32) (i32.const 100))
         (func (export "readA") (result i32) (i32.add (i32.load8_u (i32.const 0)) (global.get $g))))`,
      {},
      interp,
    );
    const b = load(
      `(module (import "a" "readA" (func $readA (result i32))) (memory 1) (data (i32.const 0) "\\14")
         (global $g (mut i32) (i32.const 1000)) (table 1 funcref) (elem (i32.const 0) $readA)
         (type $r (func (result i32)))
         (func (export "f") (result i32)
           (i32.add (i32.add (call $readA) (call_indirect (type $r) (i32.const 0)))
             (i32.add (i32.load8_u (i32.const 0)) (global.get $g)))))`,
      { a: { readA: a.getExport("readA") as WasmFunction } },
      interp,
    );
    expect(call(b, "f")).toEqual([i32(110 + 110 + 20 + 1000)]);
  });

  it("provides the spectest module", () => {
    const spectest = createSpectest();
    const inst = load(
      `(module (import "spectest" "global_i32" (global i32)) (import "spectest" "global_f64" (global f64))
         (import "spectest" "table" (table 10 20 funcref)) (import "spectest" "memory" (memory 1 2))
         (import "spectest" "print_i32" (func (param i32)))
         (func (export "g") (result i32) (global.get 0))
         (func (export "size") (result i32) (memory.grow (i32.const 1)) (memory.grow (i32.const 1)) (i32.add))
         (func (export "f") (result f64) (global.get 1)))`,
      { spectest: Object.fromEntries(spectest) },
    );
    expect(call(inst, "g")).toEqual([i32(666)]);
    expect(call(inst, "size")).toEqual([i32(0)]);
    const f = call(inst, "f")[0];
    expect(f.type === "f64" && new Float64Array(new Int32Array([f.lo, f.hi]).buffer)[0]).toBe(666.6);
  });
});
