import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";

function installed(tool: string): boolean {
  try {
    execFileSync("sh", ["-c", `command -v ${tool}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

function run(script: string, ...args: string[]): string {
  return execFileSync("bash", [`native/tools/${script}`, ...args], { encoding: "utf8", stdio: "pipe" });
}

const crossCompiler = installed("aarch64-linux-gnu-g++");
const qemu = installed("qemu-aarch64");

describe("trampoline harness (no Node: protocol, nesting, stack limit, callee-saved registers)", () => {
  it.runIf(process.arch === "x64" || process.arch === "arm64")("passes natively", () => {
    expect(run("run-harness.sh", "native")).toMatch(/^[1-9]\d* passed, 0 failed$/m);
  });

  it.runIf(crossCompiler && qemu)("passes for aarch64 under qemu-aarch64", () => {
    expect(run("run-harness.sh", "aarch64")).toMatch(/^[1-9]\d* passed, 0 failed$/m);
  });

  it.runIf(crossCompiler)("compiles every native source for aarch64", () => {
    expect(run("check-aarch64.sh")).toContain("all native sources compile");
  });
});
