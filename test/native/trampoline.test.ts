import { afterEach, describe, expect, it } from "vitest";
import { ContextOffset, ExitCode } from "../../src/native/abi.js";
import { ContextFields } from "../../src/native/fields.js";
import type { NativeCodeRegion, NativeContext } from "../../src/native/types.js";
import { recursionFrames, type TestCode, testCode } from "./code.js";
import { addon, mappingPermissions } from "./helpers.js";

const IN = ContextOffset.runtimeArea;
const OUT = ContextOffset.runtimeArea + 8;
const SEEN_RDI = ContextOffset.runtimeArea + 0x10;
const SEEN_RSP = ContextOffset.runtimeArea + 0x18;

const regions: NativeCodeRegion[] = [];
const contexts: NativeContext[] = [];
function code(bytes: Uint8Array): NativeCodeRegion {
  const region = new (addon().CodeRegion)(bytes);
  regions.push(region);
  return region;
}
function context(stackSize?: number): [NativeContext, ContextFields] {
  const ctx = new (addon().Context)(stackSize);
  contexts.push(ctx);
  return [ctx, new ContextFields(ctx.buffer)];
}
afterEach(() => {
  // Contexts first: they pin the code regions their suspended activations run in.
  for (const ctx of contexts.splice(0)) ctx.close();
  for (const region of regions.splice(0)) region.free();
});

describe.runIf(testCode !== null)(`trampoline (${process.arch})`, () => {
  const { ADD_ONE, BAD_SP, HOST_CALL, NO_CODE, RECURSE, SPIN, TRAP } = testCode as TestCode;
  const arch = testCode as TestCode;

  it("enters code with the context register and first argument = context, on a stack of its own", () => {
    const [ctx, f] = context();
    f.writeU64(IN, 41n);
    expect(ctx.enter(code(ADD_ONE), 0)).toBe(ExitCode.return);
    expect(f.exitCode).toBe(ExitCode.return);
    expect(f.readU64(OUT)).toBe(42n);
    expect(f.readAddress(SEEN_RDI)).toBe(ctx.address);
    const rsp = f.readAddress(SEEN_RSP);
    // Entered like a called function: on x86-64 the landing address occupies the top 8 bytes (so
    // rsp = 8 mod 16); on aarch64 it is in x30 and sp = stack top (16-byte aligned).
    expect(rsp).toBe(f.stackTop - arch.entrySpOffset);
    expect((rsp + arch.entrySpOffset) % 16).toBe(0);
    expect(rsp).toBeGreaterThan(f.stackLimit);
    expect(ctx.depth).toBe(0);
    expect(f.savedSp).toBe(0);
  });

  it("enters at an offset inside a region and runs a region many times", () => {
    const bytes = new Uint8Array(16 + ADD_ONE.length).fill(0xcc);
    bytes.set(ADD_ONE, 16);
    const region = code(bytes);
    const [ctx, f] = context();
    for (let i = 0n; i < 1000n; i++) {
      f.writeU64(IN, i);
      expect(ctx.enter(region, 16)).toBe(ExitCode.return);
      expect(f.readU64(OUT)).toBe(i + 1n);
    }
  });

  it("reports a trap exit with its kind, suspends the activation until it is abandoned", () => {
    const [ctx, f] = context();
    const region = code(TRAP);
    expect(ctx.enter(region, 0)).toBe(ExitCode.trap);
    expect(f.exitArg(0)).toBe(42n);
    expect(ctx.depth).toBe(1);
    expect(f.resumeAddress).toBe(region.address + arch.trapResumeOffset);
    expect(f.savedSp).toBe(f.stackTop - arch.entrySpOffset);
    expect(() => region.free()).toThrow(/suspended activation/);
    ctx.abandon();
    expect(ctx.depth).toBe(0);
    expect(f.savedSp).toBe(0);
    expect(() => ctx.resume()).toThrow(/no suspended activation/);
    f.writeU64(IN, 1n);
    expect(ctx.enter(code(ADD_ONE), 0)).toBe(ExitCode.return);
    expect(f.readU64(OUT)).toBe(2n);
  });

  it("round-trips a host call: exit, service, resume, and the code uses the result", () => {
    const [ctx, f] = context();
    f.writeU64(IN, 1234n);
    expect(ctx.enter(code(HOST_CALL), 0)).toBe(ExitCode.hostCall);
    expect(f.exitArg(0)).toBe(7n);
    expect(f.exitArg(1)).toBe(1234n);
    expect(ctx.depth).toBe(1);
    // The saved stack pointer is the code's own (after its push), before the exit call.
    expect(f.savedSp).toBe(f.readAddress(SEEN_RSP));
    f.writeU64(IN, 1000n);
    expect(ctx.resume()).toBe(ExitCode.return);
    // 0x5a survived on the execution stack across the exit.
    expect(f.readU64(OUT)).toBe(1000n + 0x5an);
    expect(ctx.depth).toBe(0);
  });

  it("runs a nested entry from a host call below the suspended frames on the same stack", () => {
    const [ctx, f] = context();
    const region = code(HOST_CALL);
    f.writeU64(IN, 1n);
    expect(ctx.enter(region, 0)).toBe(ExitCode.hostCall);
    const outerSp = f.savedSp;
    const outerResume = f.resumeAddress;

    // The "host function" calls back into native code, which itself makes a host call.
    f.writeU64(IN, 2n);
    expect(ctx.enter(region, 0)).toBe(ExitCode.hostCall);
    expect(ctx.depth).toBe(2);
    expect(f.exitArg(1)).toBe(2n);
    const innerSp = f.savedSp;
    expect(innerSp).toBeLessThan(outerSp - 128);
    expect(innerSp).toBeGreaterThan(f.stackLimit);

    // A third level: enter plain code while two activations are suspended.
    f.writeU64(IN, 99n);
    expect(ctx.enter(code(ADD_ONE), 0)).toBe(ExitCode.return);
    expect(f.readU64(OUT)).toBe(100n);
    expect(f.readAddress(SEEN_RSP)).toBeLessThan(innerSp);
    expect(ctx.depth).toBe(2);

    f.writeU64(IN, 20n);
    expect(ctx.resume()).toBe(ExitCode.return);
    expect(f.readU64(OUT)).toBe(20n + 0x5an);
    expect(ctx.depth).toBe(1);
    // The context shows the outer activation's state again.
    expect(f.savedSp).toBe(outerSp);
    expect(f.resumeAddress).toBe(outerResume);

    f.writeU64(IN, 10n);
    expect(ctx.resume()).toBe(ExitCode.return);
    expect(f.readU64(OUT)).toBe(10n + 0x5an);
    expect(ctx.depth).toBe(0);
  });

  it("lets a host function abandon a trapped nested activation and the outer one still resume", () => {
    const [ctx, f] = context();
    f.writeU64(IN, 5n);
    expect(ctx.enter(code(HOST_CALL), 0)).toBe(ExitCode.hostCall);
    expect(ctx.enter(code(TRAP), 0)).toBe(ExitCode.trap);
    expect(ctx.depth).toBe(2);
    ctx.abandon();
    f.writeU64(IN, 7n);
    expect(ctx.resume()).toBe(ExitCode.return);
    expect(f.readU64(OUT)).toBe(7n + 0x5an);
  });

  it("turns unbounded recursion into a STACK_EXHAUSTED exit, deeper than Node's own stack allows", () => {
    const [ctx, f] = context();
    const top = f.stackTop;
    expect(ctx.enter(code(RECURSE), 0)).toBe(ExitCode.stackExhausted);
    const frames = Number(f.readU64(IN));
    // The count is fixed by the stack geometry.
    expect(frames).toBe(recursionFrames(arch, top, f.stackLimit));
    expect(frames).toBeGreaterThan(1_000_000 / 8);
    expect(f.savedSp).toBeLessThan(f.stackLimit);
    expect(f.savedSp).toBeGreaterThanOrEqual(f.stackBottom);
    ctx.abandon();
    expect(ctx.depth).toBe(0);
    f.writeU64(IN, 1n);
    expect(ctx.enter(code(ADD_ONE), 0)).toBe(ExitCode.return);
    expect(f.readU64(OUT)).toBe(2n);
  });

  it("honours a small stack size and refuses a nested entry below the limit without running it", () => {
    const [ctx, f] = context(64 * 1024);
    expect(f.stackTop - f.stackBottom).toBe(64 * 1024);
    expect(ctx.enter(code(RECURSE), 0)).toBe(ExitCode.stackExhausted);
    expect(Number(f.readU64(IN))).toBe(recursionFrames(arch, f.stackTop, f.stackLimit));
    f.writeU64(OUT, 0n);
    expect(ctx.enter(code(ADD_ONE), 0)).toBe(ExitCode.stackExhausted);
    expect(f.readU64(OUT)).toBe(0n);
    expect(ctx.depth).toBe(2);
    expect(() => ctx.resume()).toThrow(/never started/);
    ctx.abandon();
    ctx.abandon();
    expect(ctx.depth).toBe(0);
  });

  it("exits with INTERRUPTED when the interrupt timer fires, and resumes afterwards", () => {
    const [ctx, f] = context();
    ctx.setInterruptTimer(20);
    const start = Date.now();
    expect(ctx.enter(code(SPIN), 0)).toBe(ExitCode.interrupted);
    expect(Date.now() - start).toBeGreaterThanOrEqual(15);
    expect(f.interrupt).toBe(1);
    f.interrupt = 0;
    expect(ctx.resume()).toBe(ExitCode.return);
  });

  it("cancels a pending interrupt timer", async () => {
    const [ctx, f] = context();
    ctx.setInterruptTimer(30);
    ctx.clearInterruptTimer();
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(f.interrupt).toBe(0);
  });

  it("passes an exit without an exit code through as NONE", () => {
    const [ctx] = context();
    expect(ctx.enter(code(NO_CODE), 0)).toBe(ExitCode.none);
    expect(ctx.resume()).toBe(ExitCode.return);
  });

  it("drops an activation that exits with a stack pointer outside its stack, and stays usable", () => {
    const [ctx, f] = context();
    expect(() => ctx.enter(code(BAD_SP), 0)).toThrow(/outside its execution stack/);
    expect(ctx.depth).toBe(0);
    f.writeU64(IN, 3n);
    expect(ctx.enter(code(ADD_ONE), 0)).toBe(ExitCode.return);
    expect(f.readU64(OUT)).toBe(4n);
  });

  it("overwrites trampoline fields that TypeScript scribbled on before entering", () => {
    const [ctx, f] = context();
    f.writeU64(ContextOffset.hostSp, 0n);
    f.writeU64(ContextOffset.exitStub, 0xdeadn);
    f.writeU64(ContextOffset.stackLimit, 0n);
    expect(ctx.enter(code(TRAP), 0)).toBe(ExitCode.trap);
    ctx.abandon();
  });
});

describe("code regions", () => {
  it("are mapped read-execute, never writable, and unmapped by free()", () => {
    const region = code(Uint8Array.from([0xc3]));
    expect(mappingPermissions(region.address)).toBe("r-xp");
    expect(region.size).toBe(1);
    const address = region.address;
    region.free();
    expect(region.freed).toBe(true);
    expect(mappingPermissions(address)).not.toBe("r-xp");
    expect(() => region.address).toThrow(/freed/);
    region.free();
  });

  it("have a guard below the execution stack", () => {
    const [, f] = context(64 * 1024);
    expect(mappingPermissions(f.stackBottom)).toBe("rw-p");
    expect(mappingPermissions(f.stackBottom - 1)).toBe("---p");
    expect(f.stackLimit).toBe(f.stackBottom + 32 * 1024);
  });
});
