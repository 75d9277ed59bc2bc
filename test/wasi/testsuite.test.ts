/**
 * The WebAssembly wasi-testsuite (c, rust, assemblyscript) on the interpreter and on the native
 * compiler (where it runs), in-process: every program must pass. A missing suite fails with a
 * message saying where to put it.
 */
import { afterAll, describe, expect, it } from "vitest";
import { compilerUnavailableReason } from "../../src/api/compiled.js";
import { defaultWasiSuitePath, listWasiTests, runWasiTest } from "../../src/wasi/testsuite.js";

const engines =
  compilerUnavailableReason() === null ? (["interpreter", "compiler"] as const) : (["interpreter"] as const);

describe.each(engines)("wasi-testsuite (%s)", (engine) => {
  const started = performance.now();
  let passed = 0;
  let failed = 0;
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
      const r = runWasiTest(wasm, engine);
      if (r.failure === null) passed++;
      else failed++;
      expect(r.failure).toBeNull();
    });
  }

  afterAll(() => {
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`wasi-testsuite (${engine}): ${passed} passed, ${failed} failed in ${seconds}s`);
  });
});
