/**
 * The embedding API on both engines: every feature runs on the interpreter and on the native
 * compiler (where it can run here; elsewhere `engine: "compiler"` must fail with the reason).
 */
import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { compilerUnavailableReason } from "../../src/api/compiled.js";
import {
  type CallerContext,
  Global,
  hostFunction,
  InterruptedError,
  Memory,
  Runtime,
  RuntimeError,
  Table,
} from "../../src/index.js";
import { wat } from "./helpers.js";

const compilerReason = compilerUnavailableReason();
const engines = compilerReason === null ? (["interpreter", "compiler"] as const) : (["interpreter"] as const);

describe("engine selection", () => {
  it("auto runs the compiler on x64 where it can, else the interpreter; compiler is the native compiler or a clear error", () => {
    expect(new Runtime().engine).toBe(
      compilerReason === null && process.arch === "x64" ? "compiler" : "interpreter",
    );
    if (compilerReason === null) {
      expect(new Runtime({ engine: "compiler" }).engine).toBe("compiler");
    } else {
      expect(() => new Runtime({ engine: "compiler" })).toThrow(compilerReason);
    }
  });

  it.runIf(compilerReason === null)("compiler accepts every option the interpreter does", () => {
    const rt = new Runtime({
      engine: "compiler",
      maxCallDepth: 10,
      interruptFlag: new Int32Array(new SharedArrayBuffer(4)),
      pollInterval: 5,
    });
    expect(rt.engine).toBe("compiler");
    rt.close();
  });
});

describe.runIf(compilerReason === null)("compiler-only behaviour", () => {
  it("imports memories made from JS or by other runtimes; refuses an interpreter instance's own memory", () => {
    const importer = wat(`(module (import "env" "mem" (memory 1))
      (func (export "load") (param i32) (result i32) (i32.load (local.get 0))))`);
    const rt = new Runtime({ engine: "compiler" });
    const js = new Memory({ initial: 1, maximum: 3 });
    js.writeI32(8, 1234);
    const a = rt.instantiate(importer, { imports: { env: { mem: js } } });
    expect(a.call("load", [8])).toBe(1234);
    const buffer = js.buffer;
    expect(js.grow(1)).toBe(1);
    expect(buffer.byteLength).toBe(0);
    js.writeI32(65536 + 4, 77);
    expect(a.call("load", [65536 + 4])).toBe(77);
    const other = new Runtime({ engine: "interpreter" });
    const fromOther = other.createMemory({ initial: 1 });
    fromOther.writeI32(0, 5);
    expect(rt.instantiate(importer, { imports: { env: { mem: fromOther } } }).call("load", [0])).toBe(5);
    const own = other.instantiate(wat(`(module (memory (export "mem") 1))`)).exports.mem;
    expect(() => rt.instantiate(importer, { imports: { env: { mem: own } } })).toThrow(/native memories/);
    rt.close();
    // The runtime frees only what it made: the JS memory stays usable.
    expect(js.readI32(8)).toBe(1234);
  });

  it("calls through a funcref table made from JS without leaving native code", () => {
    const rt = new Runtime({ engine: "compiler", maxCallDepth: 200_000 });
    const table = new Table({ element: "anyfunc", initial: 1 });
    const inst = rt.instantiate(
      wat(`(module (import "env" "t" (table 1 funcref))
        (type $t (func (param i32) (result i32)))
        (elem (i32.const 0) func $count)
        (func $count (export "count") (param i32) (result i32)
          (if (result i32) (i32.eqz (local.get 0))
            (then (i32.const 0))
            (else (i32.add (i32.const 1)
              (call_indirect (type $t) (i32.sub (local.get 0) (i32.const 1)) (i32.const 0)))))))`),
      { imports: { env: { t: table } } },
    );
    // As runtime-helper exits, each level would be a nested JS activation and overflow the JS stack.
    expect(inst.call("count", [100_000])).toBe(100_000);
    expect(table.get(0)).toBe(inst.exports.count);
    rt.close();
  });

  it("close() releases native memory at once (its buffer is detached)", () => {
    const rt = new Runtime({ engine: "compiler" });
    const inst = rt.instantiate(wat(`(module (memory (export "mem") 1))`));
    const buffer = (inst.exports.mem as Memory).buffer;
    expect(buffer.byteLength).toBe(65536);
    rt.close();
    expect(buffer.byteLength).toBe(0);
  });
});

const REC = wat(`(module
  (func $rec (export "rec") (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0))
      (then (i32.const 0))
      (else (i32.add (i32.const 1) (call $rec (i32.sub (local.get 0) (i32.const 1))))))))`);

const TRAPPING = wat(`(module
  (func $inner (param i32) (result i32) (i32.div_u (i32.const 7) (local.get 0)))
  (func $outer (export "outer") (param i32) (result i32) (i32.add (i32.const 1) (call $inner (local.get 0)))))`);

function trapOf(engine: "interpreter" | "compiler"): RuntimeError {
  const rt = new Runtime({ engine });
  try {
    rt.instantiate(TRAPPING).call("outer", [0]);
  } catch (e) {
    if (e instanceof RuntimeError) return e;
    throw e;
  } finally {
    rt.close();
  }
  throw new Error("expected a trap");
}

describe.runIf(compilerReason === null)("both engines agree", () => {
  it("on traps: message, wasm stack frames and their stack lines", () => {
    const [i, c] = [trapOf("interpreter"), trapOf("compiler")];
    expect(c.message).toBe(i.message);
    expect(c.wasmStack).toEqual(i.wasmStack);
    expect(c.wasmStack.map((f) => f.name)).toEqual(["inner", "outer"]);
    const frames = (e: RuntimeError) =>
      (e.stack ?? "").split("\n").filter((l) => l.includes("wasm-function"));
    expect(frames(c)).toEqual(frames(i));
  });
});

describe.each(engines)("the embedding API on the %s", (engine) => {
  it("maxCallDepth counts nested wasm functions, and the runtime recovers from exhaustion", () => {
    const rt = new Runtime({ engine, maxCallDepth: 30 });
    const inst = rt.instantiate(REC);
    expect(inst.call("rec", [29])).toBe(29);
    expect(() => inst.call("rec", [30])).toThrow("call stack exhausted");
    expect(inst.call("rec", [29])).toBe(29);
    rt.close();
  });

  it("the shared interrupt flag stops a running loop from another thread", async () => {
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const rt = new Runtime({ engine, interruptFlag: flag, pollInterval: 1000 });
    const inst = rt.instantiate(wat(`(module (func (export "spin") (loop $l (br $l))))`));
    const worker = new Worker(
      `const { workerData } = require("node:worker_threads");
       setTimeout(() => Atomics.store(workerData, 0, 1), 30);`,
      { eval: true, workerData: flag },
    );
    // The deadline is only a safety net should the worker never store.
    expect(() => inst.call("spin", [], { deadlineMs: 20_000 })).toThrow(
      "interrupted: the interrupt flag was set",
    );
    expect(Atomics.load(flag, 0)).toBe(0);
    await worker.terminate();
    rt.close();
  });

  it("exports are JS functions with converted values", () => {
    const rt = new Runtime({ engine });
    const inst = rt.instantiate(
      wat(`(module
        (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
        (func (export "wide") (param i64) (result i64 f64) (i64.mul (local.get 0) (i64.const 3)) (f64.const 1.5)))`),
    );
    const add = inst.exports.add as (a: number, b: number) => number;
    expect(add(2, 40)).toBe(42);
    expect(inst.call("wide", [1n << 40n])).toEqual([3n << 40n, 1.5]);
    rt.close();
  });

  it("host functions get their caller's memory; host exceptions propagate unchanged", () => {
    const rt = new Runtime({ engine });
    let seen: CallerContext | null = null;
    const boom = new Error("from the host");
    const peek = hostFunction({ params: ["i32"], results: ["i32"] }, (ctx, addr) => {
      seen = ctx;
      return (ctx.memory as Memory).readU8(addr) * 2;
    });
    const fail = hostFunction({ params: [], results: [] }, () => {
      throw boom;
    });
    const inst = rt.instantiate(
      wat(`(module
        (import "env" "peek" (func $peek (param i32) (result i32)))
        (import "env" "fail" (func $fail))
        (memory (export "mem") 1)
        (data (i32.const 7) "\\15")
        (func (export "run") (result i32) (call $peek (i32.const 7)))
        (func (export "fail") (call $fail)))`),
      { imports: { env: { peek, fail } } },
    );
    expect(inst.call("run")).toBe(42);
    expect((seen as unknown as CallerContext).instance).toBe(inst);
    let caught: unknown = null;
    try {
      inst.call("fail");
    } catch (e) {
      caught = e;
    }
    expect(caught).toBe(boom);
    expect(inst.call("run")).toBe(42);
    rt.close();
  });

  it("is re-entrant: wasm calls a host function that calls wasm", () => {
    const rt = new Runtime({ engine });
    let fact: ((n: number) => number) | null = null;
    const back = hostFunction({ params: ["i32"], results: ["i32"] }, (_ctx, n) =>
      (fact as (n: number) => number)(n),
    );
    const inst = rt.instantiate(
      wat(`(module
        (import "env" "back" (func $back (param i32) (result i32)))
        (func (export "fact") (param i32) (result i32)
          (if (result i32) (i32.le_s (local.get 0) (i32.const 1))
            (then (i32.const 1))
            (else (i32.mul (local.get 0) (call $back (i32.sub (local.get 0) (i32.const 1))))))))`),
      { imports: { env: { back } } },
    );
    fact = inst.exports.fact as (n: number) => number;
    expect(fact(10)).toBe(3628800);
    rt.close();
  });

  it("Memory helpers see the engine's memory, across growth by wasm and by JS", () => {
    const rt = new Runtime({ engine });
    const inst = rt.instantiate(
      wat(`(module (memory (export "mem") 1 4)
        (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
        (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
        (func (export "store") (param i32 i32) (i32.store (local.get 0) (local.get 1))))`),
    );
    const mem = inst.exports.mem as Memory;
    expect(mem).toBe(inst.memory);
    mem.writeU32(100, 0xdeadbeef);
    expect((inst.call("load", [100]) as number) >>> 0).toBe(0xdeadbeef);
    inst.call("store", [8, 12345]);
    expect(mem.readI32(8)).toBe(12345);
    expect(inst.call("grow", [1])).toBe(1);
    expect(mem.pages).toBe(2);
    mem.writeString(70000, "hi");
    expect((inst.call("load", [70000]) as number) & 0xffff).toBe(0x6968);
    expect(mem.grow(1)).toBe(2);
    inst.call("store", [3 * 65536 - 4, 7]);
    expect(mem.readI32(3 * 65536 - 4)).toBe(7);
    rt.close();
  });

  it("imports a memory created by the runtime", () => {
    const rt = new Runtime({ engine });
    const mem = rt.createMemory({ initial: 1, maximum: 2 });
    mem.writeI32(16, 99);
    const inst = rt.instantiate(
      wat(`(module (import "env" "mem" (memory 1 2))
        (func (export "load") (param i32) (result i32) (i32.load (local.get 0))))`),
      { imports: { env: { mem } } },
    );
    expect(inst.call("load", [16])).toBe(99);
    rt.close();
  });

  it("links instances by registered name and shares their memory and functions", () => {
    const rt = new Runtime({ engine });
    rt.instantiate(
      wat(`(module (memory (export "mem") 1)
        (func (export "put") (param i32 i32) (i32.store (local.get 0) (local.get 1))))`),
      { name: "lib" },
    );
    const app = rt.instantiate(
      wat(`(module (import "lib" "mem" (memory 1)) (import "lib" "put" (func $put (param i32 i32)))
        (func (export "run") (result i32) (call $put (i32.const 4) (i32.const 77)) (i32.load (i32.const 4))))`),
    );
    expect(app.call("run")).toBe(77);
    expect(app.memory?.readI32(4)).toBe(77);
    rt.close();
  });

  it("imports JS globals and tables, and exports its own", () => {
    const rt = new Runtime({ engine });
    const counter = new Global({ value: "i32", mutable: true }, 5);
    const table = new Table({ element: "anyfunc", initial: 2 });
    const lib = rt.instantiate(wat(`(module (func (export "seven") (result i32) (i32.const 7)))`));
    table.set(1, lib.exports.seven);
    const inst = rt.instantiate(
      wat(`(module (import "env" "g" (global $g (mut i32))) (import "env" "t" (table 2 funcref))
        (type $r (func (result i32)))
        (global (export "own") (mut i64) (i64.const 9))
        (func (export "bump") (result i32) (global.set $g (i32.add (global.get $g) (i32.const 1))) (global.get $g))
        (func (export "callAt") (param i32) (result i32) (call_indirect (type $r) (local.get 0))))`),
      { imports: { env: { g: counter, t: table } } },
    );
    expect(inst.call("bump")).toBe(6);
    expect(counter.value).toBe(6);
    counter.value = 41;
    expect(inst.call("bump")).toBe(42);
    expect(inst.call("callAt", [1])).toBe(7);
    expect(() => inst.call("callAt", [0])).toThrow(RuntimeError);
    expect((inst.exports.own as Global).value).toBe(9n);
    rt.close();
  });

  it("memoryLimitPages caps memory.grow and refuses larger memories", () => {
    const rt = new Runtime({ engine, memoryLimitPages: 2 });
    const inst = rt.instantiate(
      wat(`(module (memory 1)
        (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))`),
    );
    expect(inst.call("grow", [1])).toBe(1);
    expect(inst.call("grow", [1])).toBe(-1);
    expect(() => rt.instantiate(wat(`(module (memory 3))`))).toThrow(RuntimeError);
    rt.close();
  });

  it("stack exhaustion is a RuntimeError and the runtime stays usable", () => {
    const rt = new Runtime({ engine });
    const inst = rt.instantiate(
      wat(`(module
        (func $f (export "loop") (param i32) (result i32) (call $f (i32.add (local.get 0) (i32.const 1))))
        (func (export "ok") (result i32) (i32.const 5)))`),
    );
    expect(() => inst.call("loop", [0])).toThrow(RuntimeError);
    expect(inst.call("ok")).toBe(5);
    rt.close();
  });

  it("a deadline stops an infinite loop, also in re-entrant calls", () => {
    const rt = new Runtime({ engine });
    const spin = `(loop $l (br $l))`;
    let inner: (() => void) | null = null;
    const reenter = hostFunction({ params: [], results: [] }, () => (inner as () => void)());
    const inst = rt.instantiate(
      wat(`(module (import "env" "reenter" (func $reenter))
        (func (export "spin") ${spin})
        (func (export "outer") (call $reenter))
        (func (export "ok") (result i32) (i32.const 1)))`),
      { imports: { env: { reenter } } },
    );
    inner = inst.exports.spin as () => void;
    const t0 = performance.now();
    expect(() => inst.call("spin", [], { deadlineMs: 50 })).toThrow(/deadline of 50 ms exceeded/);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(() => inst.call("outer", [], { deadlineMs: 30 })).toThrow(/deadline/);
    expect(inst.call("ok")).toBe(1);
    rt.close();
  });

  it("stops when a host function aborts the signal mid-run", () => {
    const controller = new AbortController();
    let ticks = 0;
    const tick = hostFunction({ params: [], results: [] }, () => {
      if (++ticks === 1000) controller.abort();
    });
    const rt = new Runtime({ engine });
    const inst = rt.instantiate(
      wat(`(module (import "env" "tick" (func $tick))
        (func (export "spin") (loop $l (call $tick) (br $l)))
        (func (export "ok") (result i32) (i32.const 2)))`),
      { imports: { env: { tick } } },
    );
    let err: unknown;
    try {
      inst.call("spin", [], { signal: controller.signal });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InterruptedError);
    expect((err as InterruptedError).reason).toBe("aborted");
    expect(ticks).toBeGreaterThanOrEqual(1000);
    expect(ticks).toBeLessThan(1000 + 8192);
    expect(inst.call("ok", [], { signal: new AbortController().signal })).toBe(2);
    rt.close();
  });

  it("refuses a call with an already aborted signal", () => {
    const rt = new Runtime({ engine });
    const inst = rt.instantiate(wat(`(module (func (export "f")))`));
    const c = new AbortController();
    c.abort("stop");
    expect(() => inst.call("f", [], { signal: c.signal })).toThrow(RuntimeError);
    rt.close();
  });

  it("close() frees the engine: later calls throw", () => {
    const rt = new Runtime({ engine });
    const inst = rt.instantiate(
      wat(`(module (memory (export "mem") 1) (func (export "f") (result i32) (i32.const 3)))`),
    );
    expect(inst.call("f")).toBe(3);
    rt.close();
    expect(rt.closed).toBe(true);
    expect(() => inst.call("f")).toThrow(/closed/);
    expect(() => rt.instantiate(wat(`(module)`))).toThrow(/closed/);
  });
});
