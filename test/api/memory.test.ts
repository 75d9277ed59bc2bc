import { describe, expect, it } from "vitest";
import { Global, Memory, Runtime, RuntimeError, Table } from "../../src/index.js";
import { wat } from "./helpers.js";

describe("Memory", () => {
  it("reads and writes typed values little-endian", () => {
    const m = new Memory({ initial: 1 });
    m.writeU8(0, 0xff);
    expect(m.readU8(0)).toBe(255);
    expect(m.readI8(0)).toBe(-1);
    m.writeU16(2, 0xfffe);
    expect(m.readU16(2)).toBe(0xfffe);
    expect(m.readI16(2)).toBe(-2);
    m.writeU32(4, 0xdeadbeef);
    expect(m.readU32(4)).toBe(0xdeadbeef);
    expect(m.readI32(4)).toBe(0xdeadbeef | 0);
    expect(new Uint8Array(m.buffer, 4, 4)).toEqual(new Uint8Array([0xef, 0xbe, 0xad, 0xde]));
    m.writeI64(8, -5n);
    expect(m.readI64(8)).toBe(-5n);
    expect(m.readU64(8)).toBe((1n << 64n) - 5n);
    m.writeU64(8, 1n << 63n);
    expect(m.readI64(8)).toBe(-(1n << 63n));
    m.writeI8(1, -3);
    m.writeI16(16, -300);
    m.writeI32(20, -70000);
    expect([m.readI8(1), m.readI16(16), m.readI32(20)]).toEqual([-3, -300, -70000]);
    m.writeF32(24, 1.5);
    m.writeF64(32, Math.PI);
    expect([m.readF32(24), m.readF64(32)]).toEqual([1.5, Math.PI]);
    m.writeBytes(100, new Uint8Array([1, 2, 3]));
    expect(m.readBytes(99, 5)).toEqual(new Uint8Array([0, 1, 2, 3, 0]));
  });

  it("handles UTF-8 strings and C strings", () => {
    const m = new Memory({ initial: 1 });
    const n = m.writeString(10, "héllo ✓");
    expect(n).toBe(new TextEncoder().encode("héllo ✓").length);
    expect(m.readString(10, n)).toBe("héllo ✓");
    expect(m.readCString(10)).toBe("héllo ✓");
    m.writeU8(65535, 65);
    expect(() => m.readCString(65535)).toThrow(/no NUL terminator after address 65535/);
  });

  it("bounds-checks every access with a RangeError naming address, length and size", () => {
    const m = new Memory({ initial: 1 });
    expect(() => m.readU32(65533)).toThrow(RangeError);
    expect(() => m.readU32(65533)).toThrow("address 65533, length 4, memory size 65536 bytes");
    expect(() => m.writeU8(-1, 0)).toThrow(RangeError);
    expect(() => m.readF64(1.5)).toThrow(RangeError);
    expect(() => m.readBytes(65530, 10)).toThrow(RangeError);
    expect(() => m.writeString(65534, "abc")).toThrow(RangeError);
    expect(() => m.readString(70000, 0)).toThrow(RangeError);
    expect(m.readBytes(65536, 0)).toEqual(new Uint8Array(0));
  });

  it("keeps buffer identity until growth, then detaches the old buffer", () => {
    const m = new Memory({ initial: 1, maximum: 3 });
    const b = m.buffer;
    expect(m.buffer).toBe(b);
    m.writeU8(7, 9);
    expect(m.grow(1)).toBe(1);
    expect(b.byteLength).toBe(0);
    expect(m.buffer).not.toBe(b);
    expect(m.buffer.byteLength).toBe(131072);
    expect(m.readU8(7)).toBe(9);
    expect(() => m.grow(2)).toThrow(RangeError);
    expect(() => new Memory({ initial: 2, maximum: 1 })).toThrow(RangeError);
    expect(() => new Memory({ initial: 70000 })).toThrow(RangeError);
    expect(() => new Memory({} as never)).toThrow(TypeError);
    expect(() => new Memory({ initial: 1, shared: true })).toThrow(/shared/);
  });

  it("sees growth done by wasm", () => {
    const rt = new Runtime();
    const inst = rt.instantiate(
      wat(
        `(module (memory (export "mem") 1) (func (export "grow") (result i32) (memory.grow (i32.const 2))))`,
      ),
    );
    const mem = inst.exports.mem as Memory;
    expect(mem).toBe(inst.memory);
    const old = mem.buffer;
    expect(inst.call("grow")).toBe(1);
    expect(old.byteLength).toBe(0);
    expect(mem.buffer.byteLength).toBe(3 * 65536);
    expect(mem.pages).toBe(3);
  });
});

describe("memory limits", () => {
  const growable = wat(`(module (memory (export "mem") 1)
    (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))`);

  it("memory.grow past memoryLimitPages returns -1", () => {
    const rt = new Runtime({ memoryLimitPages: 4 });
    const inst = rt.instantiate(growable);
    expect(inst.call("grow", [3])).toBe(1);
    expect(inst.call("grow", [1])).toBe(-1);
    expect((inst.exports.mem as Memory).pages).toBe(4);
    expect(() => rt.createMemory({ initial: 5 })).toThrow(/exceeds the limit of 4 pages/);
  });

  it("a module whose minimum exceeds the limit fails to instantiate", () => {
    const rt = new Runtime({ memoryLimitPages: 4 });
    expect(() => rt.instantiate(wat(`(module (memory 5))`))).toThrow(RuntimeError);
    expect(() => rt.instantiate(wat(`(module (memory 5))`))).toThrow(
      "memory of 5 pages exceeds the limit of 4 pages",
    );
  });
});

describe("Global and Table", () => {
  it("globals get and set values with a mutability check", () => {
    const g = new Global({ value: "i64", mutable: true }, 5n);
    expect(g.value).toBe(5n);
    g.value = -1n;
    expect(g.value).toBe(-1n);
    expect(() => {
      g.value = 1;
    }).toThrow(TypeError);
    const c = new Global({ value: "f32" }, 1.1);
    expect(c.value).toBe(Math.fround(1.1));
    expect(c.valueOf()).toBe(Math.fround(1.1));
    expect(() => {
      c.value = 2;
    }).toThrow(/immutable/);
    expect(new Global({ value: "i32" }).value).toBe(0);
    expect(() => new Global({ value: "i8" as "i32" })).toThrow(TypeError);
    const rt = new Runtime();
    const inst = rt.instantiate(
      wat(`(module (import "env" "g" (global $g (mut i64))) (import "env" "k" (global $k i32))
        (func (export "bump") (global.set $g (i64.add (global.get $g) (i64.extend_i32_s (global.get $k))))))`),
      { imports: { env: { g, k: 10 } } },
    );
    inst.call("bump");
    expect(g.value).toBe(9n);
    expect(() =>
      rt.instantiate(wat(`(module (import "env" "k" (global i64)))`), { imports: { env: { k: 1 } } }),
    ).toThrow(/needs a bigint/);
    expect(() =>
      rt.instantiate(wat(`(module (import "env" "k" (global (mut i32))))`), { imports: { env: { k: 1 } } }),
    ).toThrow(/mutable global/);
  });

  it("tables get, set and grow", () => {
    const rt = new Runtime();
    const inst = rt.instantiate(
      wat(`(module (table (export "t") 2 4 funcref) (func $f (export "f") (result i32) (i32.const 3))
        (elem (i32.const 0) $f)
        (func (export "callAt") (param i32) (result i32) (call_indirect (result i32) (local.get 0))))`),
    );
    const t = inst.exports.t as Table;
    expect(t.length).toBe(2);
    expect(t.get(0)).toBe(inst.exports.f);
    expect(t.get(1)).toBe(null);
    t.set(1, inst.exports.f);
    expect(inst.call("callAt", [1])).toBe(3);
    expect(t.grow(2)).toBe(2);
    expect(t.length).toBe(4);
    expect(() => t.grow(1)).toThrow(RangeError);
    expect(() => t.get(4)).toThrow(RangeError);
    expect(() => t.set(0, () => 1)).toThrow(TypeError);
    const e = new Table({ element: "externref", initial: 1 }, "x");
    expect(e.get(0)).toBe("x");
    expect(e.type()).toEqual({ element: "externref", minimum: 1, maximum: null });
    expect(() => new Table({ element: "i32" as "funcref", initial: 1 })).toThrow(TypeError);
  });
});
