/**
 * The whole Wasm 2.0 spec suite in validation-only mode: every assert_invalid and
 * assert_malformed must be rejected by Kiln (unless the text parser already rejected the text,
 * which is counted separately) and every module the suite expects to be valid must validate.
 */
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { collectScripts, defaultSuitePath, SUITE_HINT } from "../../src/spec/paths.js";
import { formatText } from "../../src/spec/report.js";
import { runSpec, VALIDATION_COMMANDS } from "../../src/spec/runner.js";

describe("Wasm 2.0 spec suite, --validate-only", () => {
  it("validates and rejects every module as the suite expects", async () => {
    const suite = defaultSuitePath();
    if (!existsSync(suite)) throw new Error(`spec suite not found at ${suite}: ${SUITE_HINT}`);
    const files = collectScripts([suite]);
    expect(files.length).toBeGreaterThan(100);

    const report = await runSpec(files, null);
    const failing = report.files.filter((f) => f.failed > 0);
    if (failing.length > 0) console.log(formatText({ ...report, files: failing }, false));
    console.log(
      `spec suite (validate-only): ${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped ` +
        `(actions), ${report.text} decided by the text parser, ${report.messageMismatches} message mismatches`,
    );

    expect(report.failed).toBe(0);
    for (const label of VALIDATION_COMMANDS) {
      expect(report.byCommand[label]?.skipped ?? 0, `${label} commands skipped`).toBe(0);
    }
    // Every category of validity check occurs in the 2.0 suite and was decided.
    for (const label of [
      "module",
      "assert_invalid",
      "assert_malformed",
      "assert_unlinkable",
      "assert_trap module",
    ]) {
      expect(report.byCommand[label]?.passed ?? 0, `${label} commands passed`).toBeGreaterThan(0);
    }
  });
});
