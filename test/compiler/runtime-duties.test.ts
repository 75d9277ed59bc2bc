/**
 * The compiled code's runtime duties: resumable interrupts that preserve every register, the
 * call-depth budget, wasm stack traces from the frame-pointer walk, and value and global slots
 * beyond the context (overflow areas).
 */
import { describe, expect, it } from "vitest";
import { GLOBAL_SLOTS, VALUE_SLOTS } from "../../src/backend/abi.js";
import {
  CallBudget,
  type CompiledExecutor,
  type ExecutorHooks,
  instantiateCompiled,
} from "../../src/compiler/instance.js";
import { backendFor } from "../../src/compiler/native-backend.js";
import { RefTable } from "../../src/compiler/refs.js";
import { RuntimeError, StackExhaustedError } from "../../src/errors.js";
import { compileModule } from "../../src/frontend/index.js";
import { Interpreter } from "../../src/interp/interpreter.js";
import { requireNative } from "../../src/native/addon.js";
import { HostFunction, invokeFunction, isFunctionInstance } from "../../src/runtime/function.js";
import { type Instance, instantiate } from "../../src/runtime/instance.js";
import type { ExternVal } from "../../src/runtime/link.js";
import type { Value } from "../../src/runtime/values.js";
import { wat } from "../ir/helpers.js";

const native = process.platform === "linux" && (process.arch === "x64" || process.arch === "arm64");

interface Compiled {
  readonly instance: Instance;
  readonly executor: CompiledExecutor;
}

function compile(
  text: string,
  options: { budget?: CallBudget; hooks?: ExecutorHooks; imports?: Record<string, ExternVal> } = {},
): Compiled {
  const { module, funcs } = compileModule(wat(text));
  let executor: CompiledExecutor | null = null;
  const instance = instantiateCompiled(
    requireNative(),
    backendFor(requireNative().cpuFeatures()),
    module,
    funcs,
    (_m, name) => options.imports?.[name],
    new RefTable(),
    {
      budget: options.budget,
      hooks: options.hooks,
      allocated: (_i, e) => {
        executor = e;
      },
    },
  );
  return { instance, executor: executor as unknown as CompiledExecutor };
}

function call(instance: Instance, name: string, args: readonly Value[]): Value[] {
  const f = instance.getExport(name);
  if (!isFunctionInstance(f)) throw new Error(`no export ${name}`);
  return invokeFunction(f, args);
}

function caught(f: () => unknown): RuntimeError {
  try {
    f();
  } catch (e) {
    if (e instanceof RuntimeError) return e;
    throw e;
  }
  throw new Error("expected a RuntimeError");
}

const i32 = (value: number): Value => ({ type: "i32", value });
const i64 = (v: bigint): Value => ({
  type: "i64",
  lo: Number(BigInt.asIntN(32, v)),
  hi: Number(BigInt.asIntN(32, v >> 32n)),
});

/** A loop that keeps integer, float and vector values live in registers across its header. */
const MIX = `(module
  (func (export "mix") (param $n i64) (result i64)
    (local $a i32) (local $b i64) (local $c f64) (local $d v128) (local $e f32) (local $f i64)
    (local.set $d (v128.const i32x4 1 2 3 4))
    (loop $l
      (local.set $a (i32.add (local.get $a) (i32.const 3)))
      (local.set $b (i64.add (local.get $b) (i64.extend_i32_u (local.get $a))))
      (local.set $c (f64.add (local.get $c) (f64.const 1.5)))
      (local.set $d (i32x4.add (local.get $d) (i32x4.splat (local.get $a))))
      (local.set $e (f32.add (local.get $e) (f32.const 0.25)))
      (local.set $f (i64.xor (i64.rotl (local.get $f) (i64.const 5)) (local.get $b)))
      (br_if $l (i64.ne (local.tee $n (i64.sub (local.get $n) (i64.const 1))) (i64.const 0))))
    (i64.add (i64.add (local.get $b) (local.get $f))
      (i64.add (i64.trunc_f64_s (local.get $c))
        (i64.add (i64.trunc_f32_s (local.get $e))
          (i64.extend_i32_u (i32x4.extract_lane 3 (local.get $d))))))))`;

describe.runIf(native)("resumable interrupts", () => {
  it("continue after the hook returns, with every register intact", () => {
    const plain = compile(MIX).instance;
    const n = i64(30_000_000n);
    const expected = call(plain, "mix", [n]);
    let interrupts = 0;
    let executor: CompiledExecutor | null = null;
    const hooks: ExecutorHooks = {
      onInterrupt: () => {
        interrupts++;
        if (interrupts < 20) executor?.interruptAfter(1);
      },
    };
    const c = compile(MIX, { hooks });
    executor = c.executor;
    c.executor.interruptAfter(1);
    expect(call(c.instance, "mix", [n])).toEqual(expected);
    expect(interrupts).toBeGreaterThanOrEqual(2);
  });

  it("continue memory accesses correctly after a resume (the memory base is reloaded)", () => {
    const text = `(module (memory 1)
      (func (export "walk") (param $n i32) (result i32) (local $i i32) (local $s i32)
        (loop $l
          (i32.store (i32.and (i32.mul (local.get $i) (i32.const 4)) (i32.const 0xfffc))
            (i32.add (local.get $i) (local.get $s)))
          (local.set $s (i32.add (local.get $s)
            (i32.load (i32.and (i32.mul (local.get $i) (i32.const 12)) (i32.const 0xfffc)))))
          (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
        (local.get $s)))`;
    const n = i32(40_000_000);
    const expected = call(compile(text).instance, "walk", [n]);
    let interrupts = 0;
    let executor: CompiledExecutor | null = null;
    const c = compile(text, {
      hooks: {
        onInterrupt: () => {
          interrupts++;
          if (interrupts < 20) executor?.interruptAfter(1);
        },
      },
    });
    executor = c.executor;
    c.executor.interruptAfter(1);
    expect(call(c.instance, "walk", [n])).toEqual(expected);
    expect(interrupts).toBeGreaterThanOrEqual(2);
  });

  it("stop the call when the hook throws, with the loop's frame in the trace", () => {
    let executor: CompiledExecutor | null = null;
    // Armed from inside `spin`, so only its loop can see the interrupt.
    const arm = new HostFunction({ params: [], results: [] }, () => executor?.interruptAfter(5));
    const c = compile(
      `(module (import "env" "arm" (func $arm))
        (func $spin (export "spin") (call $arm) (loop $l (br $l)))
        (func (export "outer") (call $spin)))`,
      {
        imports: { arm },
        hooks: {
          onInterrupt: () => {
            throw new RuntimeError("stopped by the hook");
          },
        },
      },
    );
    executor = c.executor;
    const err = caught(() => call(c.instance, "outer", []));
    expect(err.message).toBe("stopped by the hook");
    expect(err.wasmStack.map((f) => f.name)).toEqual(["spin", "func[2]"]);
  });
});

describe.runIf(native)("call-depth budget", () => {
  const REC = `(module
    (func $rec (export "rec") (param i32) (result i32)
      (if (result i32) (i32.eqz (local.get 0))
        (then (i32.const 0))
        (else (i32.add (i32.const 1) (call $rec (i32.sub (local.get 0) (i32.const 1))))))))`;

  it("allows exactly `limit` nested functions, like the interpreter, and recovers after exhaustion", () => {
    const c = compile(REC, { budget: new CallBudget(100) });
    expect(call(c.instance, "rec", [i32(99)])).toEqual([i32(99)]);
    expect(() => call(c.instance, "rec", [i32(100)])).toThrow(StackExhaustedError);
    expect(call(c.instance, "rec", [i32(99)])).toEqual([i32(99)]);
    const interp = new Interpreter({ lower: () => compileModule(wat(REC)).funcs[0], maxCallDepth: 100 });
    const ii = instantiate(compileModule(wat(REC)).module, () => undefined, interp);
    expect(call(ii, "rec", [i32(99)])).toEqual([i32(99)]);
    expect(() => call(ii, "rec", [i32(100)])).toThrow(StackExhaustedError);
  });

  it("hands the remaining budget on through host functions", () => {
    const budget = new CallBudget(50);
    let down: ((n: number) => Value[]) | null = null;
    const back = new HostFunction({ params: [0x7f], results: [0x7f] }, (n) =>
      (down as (n: number) => Value[])((n as number) + 1)[0].type === "i32" ? 0 : 0,
    );
    const c = compile(
      `(module (import "env" "back" (func $back (param i32) (result i32)))
        (func (export "down") (param i32) (result i32) (call $back (local.get 0))))`,
      { budget, imports: { back } },
    );
    let deepest = 0;
    down = (n) => {
      deepest = Math.max(deepest, n);
      return call(c.instance, "down", [i32(n)]);
    };
    expect(() => down?.(1)).toThrow(StackExhaustedError);
    // Each level is one wasm function (host functions do not count).
    expect(deepest).toBe(51);
    expect(budget.remaining).toBe(50);
  });
});

describe.runIf(native)("stack traces", () => {
  it("names every wasm frame with its call's offset, like the interpreter", () => {
    const text = `(module
      (func $inner (param i32) (result i32) (i32.div_s (i32.const 1) (local.get 0)))
      (func $middle (param i32) (result i32) (i32.add (i32.const 2) (call $inner (local.get 0))))
      (func (export "outer") (param i32) (result i32) (call $middle (local.get 0))))`;
    const c = compile(text);
    const compiled = caught(() => call(c.instance, "outer", [i32(0)]));
    expect(compiled.message).toBe("integer divide by zero");
    const { module, funcs } = compileModule(wat(text));
    const interp = new Interpreter({ lower: (_m, i) => funcs[i] });
    const interpreted = caught(() =>
      call(
        instantiate(module, () => undefined, interp),
        "outer",
        [i32(0)],
      ),
    );
    expect(compiled.wasmStack).toEqual(interpreted.wasmStack);
    expect(compiled.wasmStack.map((f) => f.name)).toEqual(["inner", "middle", "func[2]"]);
    expect(compiled.stack).toContain("at middle (wasm-function[1]:0x");
  });

  it("follows calls through host functions into outer activations", () => {
    let inner: (() => Value[]) | null = null;
    const host = new HostFunction({ params: [], results: [] }, () => {
      (inner as () => Value[])();
    });
    const c = compile(
      `(module (import "env" "host" (func $host))
        (func $boom (export "boom") unreachable)
        (func $via (export "via") (call $host)))`,
      { imports: { host } },
    );
    inner = () => call(c.instance, "boom", []);
    const err = caught(() => call(c.instance, "via", []));
    expect(err.message).toBe("unreachable");
    expect(err.wasmStack.map((f) => f.name)).toEqual(["boom", "via"]);
  });
});

describe.runIf(native)("overflow areas", () => {
  it("passes more values than the context's value area holds, through entries, calls, call_indirect and host calls", () => {
    const n = VALUE_SLOTS + 38;
    const params = Array.from({ length: n }, () => "i64").join(" ");
    const sum = Array.from({ length: n }, (_, i) => `(local.get ${i})`).reduce(
      (acc, x) => `(i64.add ${acc} ${x})`,
    );
    const args = Array.from({ length: n }, (_, i) => `(i64.const ${i + 1})`).join(" ");
    const host = new HostFunction(
      { params: Array.from({ length: n }, () => 0x7e), results: Array.from({ length: n }, () => 0x7e) },
      (...xs) => xs.map((x) => (x as bigint) * 2n),
    );
    const c = compile(
      `(module
        (import "env" "host" (func $host (param ${params}) (result ${params})))
        (type $t (func (param ${params}) (result i64)))
        (table 1 funcref) (elem (i32.const 0) $sum)
        (func $sum (export "sum") (param ${params}) (result i64) ${sum})
        (func (export "direct") (result i64) (call $sum ${args}))
        (func (export "indirect") (result i64) (call_indirect (type $t) ${args} (i32.const 0)))
        (func (export "viaHost") (result i64) (call $sum (call $host ${args}))))`,
      { imports: { host } },
    );
    const total = BigInt((n * (n + 1)) / 2);
    const argValues = Array.from({ length: n }, (_, i) => i64(BigInt(i + 1)));
    expect(call(c.instance, "sum", argValues)).toEqual([i64(total)]);
    expect(call(c.instance, "direct", [])).toEqual([i64(total)]);
    expect(call(c.instance, "indirect", [])).toEqual([i64(total)]);
    expect(call(c.instance, "viaHost", [])).toEqual([i64(2n * total)]);
  });

  it("keeps globals beyond the context's global slots, shared ones in step with their cells", () => {
    const n = GLOBAL_SLOTS + 30;
    const globals = Array.from({ length: n }, (_, i) => `(global $g${i} (mut i64) (i64.const ${i}))`).join(
      " ",
    );
    const last = `$g${n - 1}`;
    const c = compile(`(module ${globals} (export "last" (global ${last}))
      (func (export "bump") (result i64)
        (global.set ${last} (i64.add (global.get ${last}) (global.get $g${n - 2})))
        (global.get ${last})))`);
    expect(call(c.instance, "bump", [])).toEqual([i64(BigInt(2 * n - 3))]);
    const g = c.instance.getExport("last");
    if (g === undefined || !("bits" in g)) throw new Error("no global");
    expect(g.read()).toEqual(i64(BigInt(2 * n - 3)));
    g.write(i64(1000n));
    expect(call(c.instance, "bump", [])).toEqual([i64(BigInt(1000 + n - 2))]);
  });
});
