/**
 * The amd64 assembler end to end: functions built with `Assembler` (no hand-written bytes) are
 * mapped, entered through the trampoline, and exit with a trap or a host call that TypeScript
 * services and resumes.
 */
import { afterEach, describe, expect, it } from "vitest";
import { Assembler, Cond, mem, r15, rax, rcx, rdx, rsp, S32, S64 } from "../../src/backend-amd64/index.js";
import { ContextOffset, ExitCode } from "../../src/native/abi.js";
import { ContextFields } from "../../src/native/fields.js";
import type { NativeCodeRegion, NativeContext } from "../../src/native/types.js";
import { addon } from "./helpers.js";

const IN = ContextOffset.runtimeArea;
const OUT = ContextOffset.runtimeArea + 8;

const regions: NativeCodeRegion[] = [];
const contexts: NativeContext[] = [];
function map(a: Assembler): NativeCodeRegion {
  const region = new (addon().CodeRegion)(a.finish());
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
  for (const region of regions.splice(0)) region.free();
});

/** Emits `exit(code)` with exit argument 0 = `arg0`: the documented x86-64 exit sequence. */
function emitExit(a: Assembler, code: number, arg0: number): void {
  a.mov(S32, mem(r15, ContextOffset.exitCode), code);
  a.mov(S64, mem(r15, ContextOffset.exitArgs), arg0);
  a.call(mem(r15, ContextOffset.exitStub));
}

describe.runIf(process.arch === "x64")("assembler-built code through the trampoline", () => {
  it("computes a result: the sum 1..n with a loop", () => {
    const a = new Assembler();
    const loop = a.newLabel();
    const done = a.newLabel();
    a.mov(S64, rcx, mem(r15, IN));
    a.xor(S32, rax, rax);
    a.bind(loop);
    a.test(S64, rcx, rcx);
    a.jcc(Cond.E, done);
    a.add(S64, rax, rcx);
    a.dec(S64, rcx);
    a.jmp(loop);
    a.bind(done);
    a.mov(S64, mem(r15, OUT), rax);
    a.ret();
    const region = map(a);
    const [ctx, f] = context();
    for (const n of [0n, 1n, 10n, 100000n]) {
      f.writeU64(IN, n);
      expect(ctx.enter(region, 0)).toBe(ExitCode.return);
      expect(f.readU64(OUT)).toBe((n * (n + 1n)) / 2n);
    }
  });

  it("enters at a label's offset inside a multi-function region", () => {
    const a = new Assembler();
    a.mov(S64, mem(r15, OUT), 1);
    a.ret();
    a.align(16);
    const second = a.finish().length;
    a.mov(S64, rax, mem(r15, IN));
    a.imul3(S64, rax, rax, 3);
    a.mov(S64, mem(r15, OUT), rax);
    a.ret();
    const region = map(a);
    const [ctx, f] = context();
    f.writeU64(IN, 14n);
    expect(ctx.enter(region, second)).toBe(ExitCode.return);
    expect(f.readU64(OUT)).toBe(42n);
    expect(ctx.enter(region, 0)).toBe(ExitCode.return);
    expect(f.readU64(OUT)).toBe(1n);
  });

  it("round-trips a trap exit: the code and its argument reach TypeScript, the activation is abandoned", () => {
    const a = new Assembler();
    const trap = a.newLabel();
    a.mov(S64, rax, mem(r15, IN));
    a.test(S64, rax, rax);
    a.jcc(Cond.E, trap);
    a.mov(S64, mem(r15, OUT), rax);
    a.ret();
    a.bind(trap);
    emitExit(a, ExitCode.trap, 77);
    a.ud2();
    const region = map(a);
    const [ctx, f] = context();
    f.writeU64(IN, 5n);
    expect(ctx.enter(region, 0)).toBe(ExitCode.return);
    expect(f.readU64(OUT)).toBe(5n);
    f.writeU64(IN, 0n);
    expect(ctx.enter(region, 0)).toBe(ExitCode.trap);
    expect(f.exitArg(0)).toBe(77n);
    expect(ctx.depth).toBe(1);
    ctx.abandon();
    expect(ctx.depth).toBe(0);
    f.writeU64(IN, 9n);
    expect(ctx.enter(region, 0)).toBe(ExitCode.return);
    expect(f.readU64(OUT)).toBe(9n);
  });

  it("round-trips host calls: values kept on the stack survive, the host's answer flows back", () => {
    // out = sum over i in [0, n) of host(i), where the host call passes i in exit argument 0 and
    // the host writes its answer into exit argument 1. The loop state lives on the stack,
    // because every register but rsp and r15 is undefined after a resume.
    const a = new Assembler();
    const loop = a.newLabel();
    const done = a.newLabel();
    a.push(0); // [rsp+8]: i
    a.push(0); // [rsp]: sum
    a.bind(loop);
    a.mov(S64, rax, mem(r15, IN));
    a.cmp(S64, rax, mem(rsp, 8));
    a.jcc(Cond.BE, done);
    a.mov(S64, rdx, mem(rsp, 8));
    a.mov(S32, mem(r15, ContextOffset.exitCode), ExitCode.hostCall);
    a.mov(S64, mem(r15, ContextOffset.exitArgs), rdx);
    a.sub(S64, rsp, 8);
    a.call(mem(r15, ContextOffset.exitStub));
    a.add(S64, rsp, 8);
    a.mov(S64, rax, mem(r15, ContextOffset.exitArgs + 8));
    a.add(S64, mem(rsp, 0), rax);
    a.inc(S64, mem(rsp, 8));
    a.jmp(loop);
    a.bind(done);
    a.pop(rax);
    a.pop(rcx);
    a.mov(S64, mem(r15, OUT), rax);
    a.ret();
    const region = map(a);
    const [ctx, f] = context();
    f.writeU64(IN, 20n);
    let code = ctx.enter(region, 0);
    const seen: bigint[] = [];
    while (code === ExitCode.hostCall) {
      const i = f.exitArg(0);
      seen.push(i);
      f.setExitArg(1, i * i);
      code = ctx.resume();
    }
    expect(code).toBe(ExitCode.return);
    expect(seen).toEqual(Array.from({ length: 20 }, (_, i) => BigInt(i)));
    expect(f.readU64(OUT)).toBe(2470n);
    expect(ctx.depth).toBe(0);
  });
});
