/**
 * The whole Wasm 2.0 spec suite run by the compiler engine: every command must pass, none may be
 * skipped, and every kind of runtime assertion must occur and pass (as for the interpreter).
 */
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createCompilerEngine } from "../../src/compiler/spec-engine.js";
import { collectScripts, defaultSuitePath, SUITE_HINT } from "../../src/spec/paths.js";
import { formatText } from "../../src/spec/report.js";
import { runSpec } from "../../src/spec/runner.js";

describe.runIf(process.platform === "linux" && process.arch === "x64")(
  "Wasm 2.0 spec suite, --engine compiler",
  () => {
    it("passes every script", async () => {
      const suite = defaultSuitePath();
      if (!existsSync(suite)) throw new Error(`spec suite not found at ${suite}: ${SUITE_HINT}`);
      const files = collectScripts([suite]);
      expect(files.length).toBe(148);

      const report = await runSpec(files, createCompilerEngine());
      const failing = report.files.filter((f) => f.failed > 0 || f.skipped > 0);
      if (failing.length > 0) console.log(formatText({ ...report, files: failing }, false));

      expect(report.failed).toBe(0);
      expect(report.skipped).toBe(0);
      for (const label of [
        "assert_return",
        "assert_trap",
        "assert_exhaustion",
        "assert_unlinkable",
        "register",
      ]) {
        expect(report.byCommand[label]?.passed ?? 0, `${label} commands passed`).toBeGreaterThan(0);
      }
    }, 300_000);
  },
);
