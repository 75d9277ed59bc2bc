import { describe, expect, it } from "vitest";
import { CONTEXT_SIZE, ExitCode } from "../../src/native/abi.js";
import { ContextFields } from "../../src/native/fields.js";
import { testCode } from "./code.js";
import { addon } from "./helpers.js";

describe("bad arguments throw and never crash", () => {
  const { CodeRegion, Context, LinearMemory } = addon();

  it("CodeRegion", () => {
    const Unsafe = CodeRegion as unknown as new (...args: unknown[]) => unknown;
    expect(() => new Unsafe()).toThrow(TypeError);
    expect(() => new Unsafe("c3")).toThrow(TypeError);
    expect(() => new Unsafe([0xc3])).toThrow(TypeError);
    expect(() => new Unsafe(new Uint16Array(2))).toThrow(TypeError);
    expect(() => new Unsafe(new ArrayBuffer(4))).toThrow(TypeError);
    expect(() => new CodeRegion(new Uint8Array(0))).toThrow(RangeError);
    expect(() => (CodeRegion as unknown as (b: Uint8Array) => unknown)(Uint8Array.of(0xc3))).toThrow(
      TypeError,
    );
  });

  it("Context construction and entry", () => {
    const Unsafe = Context as unknown as new (...args: unknown[]) => unknown;
    expect(() => new Unsafe("big")).toThrow(TypeError);
    expect(() => new Context(1024)).toThrow(RangeError);
    expect(() => new Context(2 ** 40)).toThrow(RangeError);
    expect(() => new Context(65536.5)).toThrow(RangeError);
    expect(() => new Context(Number.NaN)).toThrow(RangeError);

    const ctx = new Context(65536);
    const region = new CodeRegion(testCode?.ADD_ONE ?? Uint8Array.of(0xc3));
    const mem = new LinearMemory(1, 1);
    const enter = ctx.enter.bind(ctx) as (...args: unknown[]) => number;
    try {
      expect(() => enter()).toThrow(TypeError);
      expect(() => enter({}, 0)).toThrow(TypeError);
      expect(() => enter(region.address, 0)).toThrow(TypeError);
      // Another addon class, or an impostor with CodeRegion's prototype, is not a code region.
      expect(() => enter(mem, 0)).toThrow(TypeError);
      expect(() => enter(Object.create(CodeRegion.prototype), 0)).toThrow(TypeError);
      const disguised = new LinearMemory(0, 0);
      Object.setPrototypeOf(disguised, CodeRegion.prototype);
      expect(() => enter(disguised, 0)).toThrow(TypeError);
      expect(() => enter(region)).toThrow(TypeError);
      expect(() => enter(region, "0")).toThrow(TypeError);
      expect(() => enter(region, -1)).toThrow(RangeError);
      expect(() => enter(region, region.size)).toThrow(RangeError);
      expect(() => enter(region, 0.5)).toThrow(RangeError);
      expect(() => enter(region, Number.POSITIVE_INFINITY)).toThrow(RangeError);
      expect(() => ctx.resume()).toThrow(/no suspended activation/);
      expect(() => ctx.abandon()).toThrow(/no suspended activation/);
      expect(() => ctx.setInterruptTimer(-1)).toThrow(RangeError);
      expect(() => (ctx.setInterruptTimer as (ms?: unknown) => void).call(ctx)).toThrow(TypeError);
      // Methods called on the wrong receiver.
      expect(() => Reflect.apply(ctx.enter, {}, [region, 0])).toThrow(TypeError);
      expect(() => Reflect.apply(region.free, mem, [])).toThrow(TypeError);
      expect(() => Reflect.apply(mem.grow, ctx, [1])).toThrow(TypeError);
      // A freed region cannot be entered; after all that the context still works.
      const freed = new CodeRegion(Uint8Array.of(0xc3));
      freed.free();
      expect(() => enter(freed, 0)).toThrow(/freed/);
      if (testCode !== null) expect(ctx.enter(region, 0)).toBe(ExitCode.return);
    } finally {
      ctx.close();
      region.free();
      mem.free();
    }
  });

  it("a closed context refuses everything and close() is idempotent", () => {
    const ctx = new Context(65536);
    const buffer = ctx.buffer;
    const region = new CodeRegion(Uint8Array.of(0xc3));
    ctx.close();
    ctx.close();
    expect(ctx.closed).toBe(true);
    expect(buffer.byteLength).toBe(0);
    expect(() => ctx.buffer).toThrow(/closed/);
    expect(() => ctx.address).toThrow(/closed/);
    expect(() => ctx.enter(region, 0)).toThrow(/closed/);
    expect(() => ctx.resume()).toThrow(/closed/);
    expect(() => ctx.abandon()).toThrow(/closed/);
    expect(() => ctx.setInterruptTimer(1)).toThrow(/closed/);
    region.free();
  });

  it("LinearMemory", () => {
    const Unsafe = LinearMemory as unknown as new (...args: unknown[]) => unknown;
    expect(() => new Unsafe()).toThrow(TypeError);
    expect(() => new Unsafe(1)).toThrow(TypeError);
    expect(() => new LinearMemory(-1, 1)).toThrow(RangeError);
    expect(() => new LinearMemory(2, 1)).toThrow(RangeError);
    expect(() => new LinearMemory(1.5, 2)).toThrow(RangeError);
    expect(() => new LinearMemory(0, 2 ** 33)).toThrow(RangeError);
    expect(() => new LinearMemory(0, 1, 3)).toThrow(RangeError);
    expect(() => new LinearMemory(0, 1, 0)).toThrow(RangeError);
    expect(() => new LinearMemory(0, 2, 65536, 65536)).toThrow(/exceeds the reservation/);
    expect(() => new LinearMemory(0, 1, 65536, 0)).toThrow(RangeError);
    const mem = new LinearMemory(0, 1);
    try {
      expect(() => mem.grow(-1)).toThrow(RangeError);
      expect(() => mem.grow(0.5)).toThrow(RangeError);
      expect(() => (mem.grow as (d?: unknown) => number).call(mem, "1")).toThrow(TypeError);
      expect(mem.pages).toBe(0);
    } finally {
      mem.free();
    }
  });

  it("ContextFields", () => {
    expect(() => new ContextFields(new ArrayBuffer(8))).toThrow(TypeError);
    const f = new ContextFields(new ArrayBuffer(CONTEXT_SIZE));
    expect(() => f.readU64(CONTEXT_SIZE)).toThrow(RangeError);
    expect(() => f.readU64(4)).toThrow(RangeError);
    expect(() => f.readU32(-4)).toThrow(RangeError);
    expect(() => f.writeU32(0, 2 ** 32)).toThrow(RangeError);
    expect(() => f.writeAddress(0, -1)).toThrow(RangeError);
    expect(() => f.writeAddress(0, 2 ** 53)).toThrow(RangeError);
    expect(() => f.exitArg(4)).toThrow(RangeError);
    f.writeU64(8, 2n ** 60n);
    expect(() => f.readAddress(8)).toThrow(RangeError);
    f.writeAddress(16, 2 ** 47 + 5);
    expect(f.readAddress(16)).toBe(2 ** 47 + 5);
    expect(f.readU64(16)).toBe(2n ** 47n + 5n);
    f.writeU64(24, -1n);
    expect(f.readU64(24)).toBe(2n ** 64n - 1n);
  });
});
