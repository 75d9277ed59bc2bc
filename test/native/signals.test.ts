import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { packageRoot } from "../../src/native/addon.js";
import { testCode } from "./code.js";

// A child Node process runs generated code for a while under the CPU profiler, whose SIGPROF
// samples land while the thread is on the execution stack (deep inside it, for RECURSE).
const script = `
const override = process.env.KILN_NATIVE_ADDON;
const addon = override
  ? require(override)
  : require(${JSON.stringify(join(packageRoot(), "node_modules", "node-gyp-build"))})(${JSON.stringify(packageRoot())});
const spin = new addon.CodeRegion(Uint8Array.from(${JSON.stringify([...(testCode?.SPIN ?? [])])}));
const recurse = new addon.CodeRegion(Uint8Array.from(${JSON.stringify([...(testCode?.RECURSE ?? [])])}));
const ctx = new addon.Context();
const view = new DataView(ctx.buffer);
let exits = 0;
for (let i = 0; i < 5; i++) {
  view.setUint32(0x50, 0, true);
  ctx.setInterruptTimer(60);
  if (ctx.enter(spin, 0) !== 6) throw new Error("expected INTERRUPTED");
  view.setUint32(0x50, 0, true);
  if (ctx.resume() !== 1) throw new Error("expected RETURN");
  view.setBigUint64(0x100, 0n, true);
  if (ctx.enter(recurse, 0) !== 5) throw new Error("expected STACK_EXHAUSTED");
  ctx.abandon();
  exits++;
}
console.log("rounds", exits);
`;

describe.runIf(testCode !== null)("signals while generated code runs", () => {
  it("survives the CPU profiler's SIGPROF samples on the execution stack", () => {
    const dir = mkdtempSync(join(tmpdir(), "kiln-prof-"));
    try {
      const out = execFileSync(
        process.execPath,
        ["--cpu-prof", "--cpu-prof-interval", "100", "--cpu-prof-dir", dir, "-e", script],
        { encoding: "utf8" },
      );
      expect(out.trim()).toBe("rounds 5");
      expect(readdirSync(dir).some((f) => f.endsWith(".cpuprofile"))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});
