import { describe, expect, it } from "vitest";
import { CompileError, WebAssembly as K, LinkError, RuntimeError } from "../../src/index.js";
import { wat, withCustom } from "./helpers.js";

const bytes = withCustom(
  wat(`(module (import "env" "f" (func $f (param i32) (result i32))) (import "env" "mem" (memory 1))
    (func (export "callF") (param i32) (result i32) (call $f (local.get 0)))
    (func (export "three") (param i32 i64 f32))
    (global (export "g") i32 (i32.const 4))
    (table (export "t") 1 funcref))`),
  "sec",
  "xyz",
);

describe("kiln.WebAssembly", () => {
  it("validate, Module and its static reflection", () => {
    expect(K.validate(bytes)).toBe(true);
    expect(K.validate(new Uint8Array([1, 2, 3]))).toBe(false);
    expect(() => K.validate("x" as never)).toThrow(TypeError);
    const m = new K.Module(bytes);
    expect(K.Module.imports(m)).toEqual([
      { module: "env", name: "f", kind: "function" },
      { module: "env", name: "mem", kind: "memory" },
    ]);
    expect(K.Module.exports(m).map((e) => `${e.kind}:${e.name}`)).toEqual([
      "function:callF",
      "function:three",
      "global:g",
      "table:t",
    ]);
    const [sec] = K.Module.customSections(m, "sec");
    expect(sec).toBeInstanceOf(ArrayBuffer);
    expect(new TextDecoder().decode(sec)).toBe("xyz");
    expect(() => K.Module.imports({} as never)).toThrow(TypeError);
    expect(() => new K.Module(new Uint8Array([0]))).toThrow(K.CompileError);
    expect(K.CompileError).toBe(CompileError);
    expect(K.LinkError).toBe(LinkError);
    expect(K.RuntimeError).toBe(RuntimeError);
  });

  it("both instantiate overloads, compile, and exports", async () => {
    const memory = new K.Memory({ initial: 1 });
    let self: unknown = "unset";
    const imports = {
      env: {
        f(this: unknown, x: number) {
          self = this;
          return x * 2;
        },
        mem: memory,
      },
    };
    const { module, instance } = await K.instantiate(bytes, imports);
    expect(module).toBeInstanceOf(K.Module);
    expect(instance).toBeInstanceOf(K.Instance);
    const callF = instance.exports.callF as (x: number) => number;
    expect(callF(21)).toBe(42);
    expect(self).toBeUndefined();
    expect(callF.name).toBe("1");
    expect(callF.length).toBe(1);
    expect((instance.exports.three as () => void).length).toBe(3);
    expect(Object.isFrozen(instance.exports)).toBe(true);
    expect(instance.exports.g).toBeInstanceOf(K.Global);
    expect((instance.exports.g as InstanceType<typeof K.Global>).value).toBe(4);
    expect(instance.exports.t).toBeInstanceOf(K.Table);
    const again = await K.instantiate(await K.compile(bytes), imports);
    expect(again).toBeInstanceOf(K.Instance);
    expect(instance.exports.callF).not.toBe(again.exports.callF);
    const sync = new K.Instance(module, imports);
    expect((sync.exports.callF as (x: number) => number)(5)).toBe(10);
  });

  it("reports link errors like the standard API", async () => {
    const m = new K.Module(bytes);
    expect(() => new K.Instance(m)).toThrow(TypeError);
    expect(() => new K.Instance(m, { env: { f: () => 0 } })).toThrow(LinkError);
    expect(() => new K.Instance(m, { env: { f: 1, mem: new K.Memory({ initial: 1 }) } })).toThrow(LinkError);
    await expect(K.instantiate(bytes, {})).rejects.toThrow(TypeError);
    await expect(K.compile(new Uint8Array([0, 1]))).rejects.toThrow(CompileError);
  });

  it("re-imports exported functions as themselves", async () => {
    const { instance: a } = await K.instantiate(
      wat(`(module (func (export "seven") (result i32) (i32.const 7)))`),
    );
    const { instance: b } = await K.instantiate(
      wat(`(module (import "a" "seven" (func $s (result i32))) (export "again" (func $s)))`),
      { a: { seven: a.exports.seven } },
    );
    expect(b.exports.again).toBe(a.exports.seven);
    await expect(
      K.instantiate(wat(`(module (import "a" "seven" (func (param i32))))`), {
        a: { seven: a.exports.seven },
      }),
    ).rejects.toThrow(LinkError);
  });

  it("streaming variants read a Response", async () => {
    const response = new Response(wat(`(module (func (export "f") (result i32) (i32.const 1)))`));
    const { instance } = await K.instantiateStreaming(Promise.resolve(response));
    expect((instance.exports.f as () => number)()).toBe(1);
    const m = await K.compileStreaming(new Response(bytes));
    expect(m).toBeInstanceOf(K.Module);
  });
});
