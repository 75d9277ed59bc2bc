/**
 * Golden tests of the lowering and the printer: each `golden/*.wat` is compiled to IR (every
 * function verified) and printed; the text must equal `golden/*.ir`. Run with `BLESS=1` to
 * regenerate the expected files after an intended change, then review the diff.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { printFunc } from "../../src/ir/printer.js";
import { compileWat } from "./helpers.js";

const dir = join(dirname(fileURLToPath(import.meta.url)), "golden");
const bless = process.env.BLESS === "1";
const cases = readdirSync(dir)
  .filter((f) => f.endsWith(".wat"))
  .sort();

describe("IR golden files", () => {
  it("has cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(7);
  });

  for (const file of cases) {
    it(file, () => {
      const { funcs } = compileWat(readFileSync(join(dir, file), "utf8"));
      const actual = funcs.map((f) => printFunc(f)).join("\n");
      const expectedPath = join(dir, file.replace(/\.wat$/, ".ir"));
      if (bless) writeFileSync(expectedPath, actual);
      if (!existsSync(expectedPath))
        throw new Error(`${expectedPath} is missing: run with BLESS=1 to create it`);
      expect(actual).toBe(readFileSync(expectedPath, "utf8"));
    });
  }
});
