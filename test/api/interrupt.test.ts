import { describe, expect, it } from "vitest";
import { hostFunction, InterruptedError, Runtime, RuntimeError } from "../../src/index.js";
import { wat } from "./helpers.js";

const spin = wat(`(module
  (import "env" "tick" (func $tick))
  (func (export "spin") (loop $l (br $l)))
  (func (export "spinTicking") (loop $l (call $tick) (br $l)))
  (func $rec (export "rec") (param i32) (result i32) (i32.add (i32.const 1) (call $rec (local.get 0)))))`);

function setup(options = {}, tick: () => void = () => {}) {
  const rt = new Runtime(options);
  return { rt, inst: rt.instantiate(spin, { imports: { env: { tick } } }) };
}

describe("interruption", () => {
  it("stops an infinite loop at a 50 ms deadline well within 150 ms", () => {
    const { inst } = setup();
    const start = performance.now();
    expect(() => inst.call("spin", [], { deadlineMs: 50 })).toThrow(RuntimeError);
    const elapsed = performance.now() - start;
    // Real latency is about 50-52 ms (see the report); 150 ms leaves room for a loaded CI machine.
    expect(elapsed).toBeGreaterThanOrEqual(50);
    expect(elapsed).toBeLessThan(150);
    let err: unknown;
    try {
      inst.call("spin", [], { deadlineMs: 5 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InterruptedError);
    expect((err as InterruptedError).reason).toBe("deadline");
    expect((err as Error).message).toBe("interrupted: deadline of 5 ms exceeded");
  });

  it("applies the runtime's default call options to outermost calls", () => {
    const { inst } = setup({ defaultCallOptions: { deadlineMs: 20 } });
    expect(() => inst.call("spin")).toThrow(/deadline of 20 ms exceeded/);
    expect(() => (inst.exports.spin as () => void)()).toThrow(/interrupted/);
  });

  it("refuses to start with an already aborted signal", () => {
    const { inst } = setup();
    const controller = new AbortController();
    controller.abort(new Error("user gave up"));
    expect(() => inst.call("spin", [], { signal: controller.signal })).toThrow(
      "interrupted: aborted (user gave up)",
    );
  });

  it("stops when a host function aborts the signal mid-run", () => {
    const controller = new AbortController();
    let ticks = 0;
    const { inst } = setup({}, () => {
      if (++ticks === 1000) controller.abort();
    });
    let err: unknown;
    try {
      inst.call("spinTicking", [], { signal: controller.signal });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InterruptedError);
    expect((err as InterruptedError).reason).toBe("aborted");
    expect(ticks).toBeGreaterThanOrEqual(1000);
    expect(ticks).toBeLessThan(1000 + 8192);
  });

  it("stops when the shared interrupt flag is set", () => {
    const flag = new Int32Array(new SharedArrayBuffer(4));
    let ticks = 0;
    const { inst } = setup({ interruptFlag: flag, pollInterval: 100 }, () => {
      if (++ticks === 500) Atomics.store(flag, 0, 1);
    });
    expect(() => inst.call("spinTicking")).toThrow("interrupted: the interrupt flag was set");
    expect(Atomics.load(flag, 0)).toBe(0);
  });

  it("a deadline covers re-entrant calls from host functions", () => {
    const rt = new Runtime();
    const reenter = hostFunction({ params: [], results: [] }, (ctx) => {
      (ctx.exports.spin as () => void)();
    });
    const inst = rt.instantiate(
      wat(`(module (import "env" "re" (func $re)) (func (export "spin") (loop $l (br $l)))
        (func (export "outer") (call $re)))`),
      { imports: { env: { re: reenter } } },
    );
    expect(() => inst.call("outer", [], { deadlineMs: 10 })).toThrow(/deadline/);
    expect(() => inst.call("outer", [], { deadlineMs: -1 })).toThrow(TypeError);
    expect(() => inst.call("outer", [], { signal: {} as AbortSignal })).toThrow(TypeError);
  });
});

describe("stack limit", () => {
  it("exhaustion is a RuntimeError, at the configured depth", () => {
    const { inst } = setup({ maxCallDepth: 100 });
    expect(() => inst.call("rec", [0])).toThrow(RuntimeError);
    expect(() => inst.call("rec", [0])).toThrow("call stack exhausted");
    const deep = setup().inst;
    expect(() => deep.call("rec", [0])).toThrow("call stack exhausted");
  });

  it("limits the depth of a host/wasm recursion", () => {
    const rt = new Runtime({ maxCallDepth: 50 });
    const back = hostFunction({ params: ["i32"], results: ["i32"] }, (ctx, n) =>
      (ctx.exports.down as (x: number) => number)(n + 1),
    );
    const inst = rt.instantiate(
      wat(`(module (import "env" "back" (func $back (param i32) (result i32)))
        (func (export "down") (param i32) (result i32) (call $back (local.get 0))))`),
      { imports: { env: { back } } },
    );
    expect(() => inst.call("down", [0])).toThrow("call stack exhausted");
  });
});
