/**
 * The context's bound region (`bind`/`call`), the frame-pointer backtrace of a suspended
 * activation, and the external interrupt word, with hand-encoded x86-64 functions (disassembly
 * beside the bytes).
 */
import { Worker } from "node:worker_threads";
import { afterEach, describe, expect, it } from "vitest";
import { ContextOffset, ExitCode } from "../../src/native/abi.js";
import { ContextFields } from "../../src/native/fields.js";
import type { NativeCodeRegion, NativeContext } from "../../src/native/types.js";
import { testCode } from "./code.js";
import { addon } from "./helpers.js";

/** `outer` (at 0) calls `inner` (at 0x10); both keep frame pointers; `inner` exits with TRAP. */
const NESTED = Uint8Array.from([
  0x55, //                                             0: push   rbp
  ...[0x48, 0x89, 0xe5], //                            1: mov    rbp,rsp
  ...[0xe8, 0x07, 0x00, 0x00, 0x00], //                4: call   0x10
  0x5d, //                                             9: pop    rbp
  0xc3, //                                             a: ret
  ...[0xcc, 0xcc, 0xcc, 0xcc, 0xcc], //                b: int3 (padding)
  0x55, //                                            10: push   rbp
  ...[0x48, 0x89, 0xe5], //                           11: mov    rbp,rsp
  ...[0x41, 0xc7, 0x07, 0x02, 0x00, 0x00, 0x00], //   14: mov    DWORD PTR [r15],0x2
  ...[0x41, 0xff, 0x57, 0x60], //                     1b: call   QWORD PTR [r15+0x60]
  ...[0x0f, 0x0b], //                                 1f: ud2
]);

/** Spins until the context's interrupt flag or the word at [ctx+0x80] is non-zero, exits with INTERRUPTED, returns. */
const SPIN_BOTH = Uint8Array.from([
  ...[0x41, 0x83, 0x7f, 0x50, 0x00], //               0: cmp    DWORD PTR [r15+0x50],0x0
  ...[0x75, 0x0c], //                                 5: jne    0x13
  ...[0x49, 0x8b, 0x87, 0x80, 0x00, 0x00, 0x00], //   7: mov    rax,QWORD PTR [r15+0x80]
  ...[0x83, 0x38, 0x00], //                           e: cmp    DWORD PTR [rax],0x0
  ...[0x74, 0xed], //                                11: je     0x0
  ...[0x41, 0xc7, 0x07, 0x06, 0x00, 0x00, 0x00], //  13: mov    DWORD PTR [r15],0x6
  ...[0x41, 0xff, 0x57, 0x60], //                    1a: call   QWORD PTR [r15+0x60]
  0xc3, //                                           1e: ret
]);

const regions: NativeCodeRegion[] = [];
const contexts: NativeContext[] = [];
function code(bytes: Uint8Array): NativeCodeRegion {
  const region = new (addon().CodeRegion)(bytes);
  regions.push(region);
  return region;
}
function context(): [NativeContext, ContextFields] {
  const ctx = new (addon().Context)();
  contexts.push(ctx);
  return [ctx, new ContextFields(ctx.buffer)];
}
afterEach(() => {
  for (const ctx of contexts.splice(0)) ctx.close();
  for (const region of regions.splice(0)) if (!region.freed) region.free();
});

describe.runIf(testCode !== null)("bound code region", () => {
  const { ADD_ONE, TRAP } = testCode ?? { ADD_ONE: new Uint8Array(), TRAP: new Uint8Array() };

  it("bind(region) returns call(offset), which enters the region like enter(region, offset)", () => {
    const [ctx, f] = context();
    const { call } = ctx.bind(code(ADD_ONE));
    for (let i = 0n; i < 100n; i++) {
      f.writeU64(ContextOffset.runtimeArea, i);
      expect(call(0)).toBe(ExitCode.return);
      expect(f.readU64(ContextOffset.runtimeArea + 8)).toBe(i + 1n);
    }
    expect(() => call(ADD_ONE.length)).toThrow(RangeError);
    expect(() => call(Number.NaN)).toThrow(RangeError);
    expect(() => call(0.5)).toThrow(RangeError);
    expect(() => (call as (x: unknown) => number)("0")).toThrow(TypeError);
    expect(() => (call as () => number)()).toThrow(TypeError);
    // The function needs no receiver.
    expect(call.call(undefined, 0)).toBe(ExitCode.return);
  });

  it("pins the bound region while an activation is suspended; refuses to rebind then", () => {
    const [ctx] = context();
    const trap = code(TRAP);
    const { call, resume } = ctx.bind(trap);
    expect(call(0)).toBe(ExitCode.trap);
    expect(() => trap.free()).toThrow(/suspended activation/);
    expect(() => ctx.bind(code(ADD_ONE))).toThrow(/suspended/);
    ctx.abandon();
    expect(() => resume()).toThrow(/no suspended activation/);
    trap.free();
    expect(() => call(0)).toThrow(/freed/);
    expect(() => ctx.bind({} as NativeCodeRegion)).toThrow(TypeError);
    ctx.close();
    expect(() => call(0)).toThrow(/closed/);
    expect(() => resume()).toThrow(/closed/);
  });
});

describe.runIf(process.arch === "x64")("backtrace and external interrupt word (x86-64)", () => {
  it("walks the frame-pointer chain of the suspended activation", () => {
    const [ctx, f] = context();
    const region = code(NESTED);
    expect(ctx.backtrace(8)).toEqual(new Float64Array(0));
    expect(ctx.enter(region, 0)).toBe(ExitCode.trap);
    const trace = [...ctx.backtrace(8)];
    // The exit's return address in `inner`, the return address in `outer`, then the trampoline's
    // landing (outside the region); the entry's frame pointer is not on the execution stack.
    expect(trace.length).toBe(3);
    expect(trace.slice(0, 2)).toEqual([region.address + 0x1f, region.address + 9]);
    expect(trace[2] < region.address || trace[2] >= region.address + region.size).toBe(true);
    // `inner` exits right after its prologue: its frame pointer is the saved stack pointer.
    expect(f.readAddress(ContextOffset.savedFp)).toBe(f.savedSp);
    expect([...ctx.backtrace(2)]).toEqual(trace.slice(0, 2));
    expect(ctx.backtrace(0).length).toBe(0);
    expect(() => ctx.backtrace(-1)).toThrow(RangeError);
    ctx.abandon();
    expect(ctx.backtrace(8).length).toBe(0);
  });

  it("polls a SharedArrayBuffer word set from another thread", async () => {
    const [ctx, f] = context();
    const region = code(SPIN_BOTH);
    expect(f.readAddress(ContextOffset.interruptWord)).toBe(ctx.address + ContextOffset.interrupt);
    const flag = new Int32Array(new SharedArrayBuffer(8), 4, 1);
    ctx.setInterruptWord(flag);
    expect(f.readAddress(ContextOffset.interruptWord)).not.toBe(ctx.address + ContextOffset.interrupt);
    const worker = new Worker(
      `const { workerData } = require("node:worker_threads");
       setTimeout(() => Atomics.store(workerData, 0, 7), 20);`,
      { eval: true, workerData: flag },
    );
    // A safety net: the context's own flag stops the spin if the worker never stores.
    ctx.setInterruptTimer(10_000);
    expect(ctx.enter(region, 0)).toBe(ExitCode.interrupted);
    ctx.clearInterruptTimer();
    expect(f.interrupt).toBe(0);
    expect(Atomics.load(flag, 0)).toBe(7);
    ctx.abandon();
    await worker.terminate();
    ctx.setInterruptWord(null);
    expect(f.readAddress(ContextOffset.interruptWord)).toBe(ctx.address + ContextOffset.interrupt);
  });

  it("accepts only Int32Arrays over SharedArrayBuffers as interrupt words", () => {
    const [ctx] = context();
    expect(() => ctx.setInterruptWord(new Int32Array(1))).toThrow(TypeError);
    expect(() => ctx.setInterruptWord(new Uint32Array(new SharedArrayBuffer(4)) as never)).toThrow(TypeError);
    expect(() => ctx.setInterruptWord(new Int32Array(new SharedArrayBuffer(4), 4, 0))).toThrow(TypeError);
    expect(() => ctx.setInterruptWord({} as Int32Array)).toThrow(TypeError);
  });
});
