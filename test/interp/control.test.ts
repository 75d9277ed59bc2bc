import { describe, expect, it } from "vitest";
import { RuntimeError, StackExhaustedError } from "../../src/errors.js";
import { ValType } from "../../src/frontend/types.js";
import { HostFunction, invokeFunction, type WasmFunction } from "../../src/runtime/function.js";
import { call, i32, load, newInterp } from "../runtime/helpers.js";

const { I32 } = ValType;

describe("interruption", () => {
  it("polls at loop back edges and lets the hook stop the code", () => {
    let polls = 0;
    const interp = newInterp({
      interrupt: {
        interval: 1000,
        poll: () => {
          if (++polls > 5) throw new RuntimeError("deadline exceeded");
        },
      },
    });
    const inst = load(`(module (func (export "spin") (loop $l (br $l))))`, {}, interp);
    expect(() => call(inst, "spin")).toThrow("deadline exceeded");
    expect(polls).toBe(6);
  });

  it("polls at calls", () => {
    let polls = 0;
    const interp = newInterp({
      maxCallDepth: 100_000,
      interrupt: { interval: 10, poll: () => void polls++ },
    });
    const inst = load(
      `(module (func $f (export "f") (param i32) (result i32)
         (if (result i32) (local.get 0) (then (call $f (i32.sub (local.get 0) (i32.const 1)))) (else (i32.const 0)))))`,
      {},
      interp,
    );
    expect(call(inst, "f", i32(1000))).toEqual([i32(0)]);
    expect(polls).toBe(100);
  });

  it("stops when the flag is raised and clears it", () => {
    const flag = new Int32Array(new SharedArrayBuffer(4));
    let n = 0;
    const tick = new HostFunction({ params: [], results: [] }, () => {
      if (++n === 50) Atomics.store(flag, 0, 1);
    });
    const interp = newInterp({ interrupt: { interval: 16, flag } });
    const inst = load(
      `(module (import "env" "tick" (func $t)) (func (export "spin") (loop $l (call $t) (br $l))))`,
      { env: { tick } },
      interp,
    );
    expect(() => call(inst, "spin")).toThrow("interrupted");
    expect(Atomics.load(flag, 0)).toBe(0);
    expect(n).toBeGreaterThanOrEqual(50);
    expect(n).toBeLessThan(50 + 16);
  });
});

describe("call stack exhaustion", () => {
  it("stops unbounded wasm recursion at the depth limit", () => {
    const interp = newInterp({ maxCallDepth: 5000 });
    const inst = load(`(module (func $f (export "f") (call $f)))`, {}, interp);
    expect(() => call(inst, "f")).toThrow(StackExhaustedError);
  });

  it("stops recursion that grows the register file past its limit", () => {
    const interp = newInterp({ maxCallDepth: 1_000_000, maxStackSlots: 1 << 18 });
    const inst = load(
      `(module (func $f (export "f") (param i64 i64 i64 i64) (call $f (local.get 0) (local.get 1) (local.get 2) (local.get 3))))`,
      {},
      interp,
    );
    const z = { type: "i64", lo: 0, hi: 0 } as const;
    expect(() => call(inst, "f", z, z, z, z)).toThrow(StackExhaustedError);
  });

  it("turns JS stack overflow through host functions into exhaustion", () => {
    let wasmF: WasmFunction | null = null;
    const host = new HostFunction({ params: [I32], results: [] }, (n) => {
      invokeFunction(wasmF as WasmFunction, [i32((n as number) + 1)]);
    });
    const inst = load(
      `(module (import "env" "h" (func $h (param i32))) (func (export "f") (param i32) (call $h (local.get 0))))`,
      {
        env: { h: host },
      },
    );
    wasmF = inst.getExport("f") as WasmFunction;
    let err: unknown;
    try {
      call(inst, "f", i32(0));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StackExhaustedError);
    expect((err as RuntimeError).message).toBe("call stack exhausted");
    // Still usable afterwards.
    const ok = load(`(module (func (export "g") (result i32) (i32.const 1)))`);
    expect(call(ok, "g")).toEqual([i32(1)]);
  });
});

describe("traps", () => {
  it("carry a wasm stack trace with names and offsets", () => {
    const inst = load(`(module
      (func $inner (param i32) (result i32) (i32.div_s (i32.const 1) (local.get 0)))
      (func $outer (export "outer") (param i32) (result i32) (call $inner (local.get 0))))`);
    let err: unknown;
    try {
      call(inst, "outer", i32(0));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RuntimeError);
    const re = err as RuntimeError;
    expect(re.message).toBe("integer divide by zero");
    expect(re.wasmStack.map((f) => f.name)).toEqual(["inner", "outer"]);
    expect(re.wasmStack[0].offset).toBeGreaterThan(0);
    expect(re.wasmStack[1].offset).toBeGreaterThan(re.wasmStack[0].offset);
    expect(re.stack).toContain("at inner (wasm-function[0]:0x");
  });

  it("report indirect call failures with the spec messages", () => {
    const inst = load(`(module (table 3 funcref) (elem (i32.const 0) $a $b)
      (type $v (func)) (func $a) (func $b (param i32))
      (func (export "ci") (param i32) (call_indirect (type $v) (local.get 0))))`);
    expect(call(inst, "ci", i32(0))).toEqual([]);
    expect(() => call(inst, "ci", i32(1))).toThrow("indirect call type mismatch");
    expect(() => call(inst, "ci", i32(2))).toThrow("uninitialized element");
    expect(() => call(inst, "ci", i32(3))).toThrow("undefined element");
    expect(() => call(inst, "ci", i32(-1))).toThrow("undefined element");
  });
});
