/**
 * The WebAssembly wasi-testsuite (c, rust, assemblyscript) on the interpreter, in-process:
 * every program must pass. A missing suite fails with a message saying where to put it.
 */
import { afterAll, describe, expect, it } from "vitest";
import { defaultWasiSuitePath, listWasiTests, runWasiTest } from "../../src/wasi/testsuite.js";

const started = performance.now();
let passed = 0;
let failed = 0;

describe("wasi-testsuite (interpreter)", () => {
  let programs: string[] = [];
  let missing: string | null = null;
  try {
    programs = listWasiTests(defaultWasiSuitePath());
  } catch (e) {
    missing = e instanceof Error ? e.message : String(e);
  }

  it("finds the suite", () => {
    expect(missing, missing ?? "").toBeNull();
    expect(programs.length).toBeGreaterThanOrEqual(72);
  });

  for (const wasm of programs) {
    const name = wasm.split("/").slice(-2).join("/");
    it(name, () => {
      const r = runWasiTest(wasm, "interpreter");
      if (r.failure === null) passed++;
      else failed++;
      expect(r.failure).toBeNull();
    });
  }

  afterAll(() => {
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`wasi-testsuite: ${passed} passed, ${failed} failed in ${seconds}s`);
  });
});
