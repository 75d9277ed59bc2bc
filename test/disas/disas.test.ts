/**
 * Golden disassembly tests for the explorer: every `amd64/*.wat` is rendered with
 * `--emit asm` and compared exactly with the `.out` next to it. `BLESS=1 npx vitest run test/disas`
 * rewrites the expected files from the current output.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CompileError } from "../../src/errors.js";
import { loadCapstoneDisassembler } from "../../src/explorer/capstone.js";
import { explore } from "../../src/explorer/explore.js";
import { loadWatToBinary } from "../../src/spec/wat.js";

const dir = join(import.meta.dirname, "amd64");
const cases = readdirSync(dir)
  .filter((f) => f.endsWith(".wat"))
  .sort();
const bless = process.env.BLESS === "1";

async function binary(file: string): Promise<Uint8Array> {
  return (await loadWatToBinary())(new Uint8Array(readFileSync(join(dir, file))));
}

describe("explorer goldens (amd64)", () => {
  it("has between 5 and 8 cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(5);
    expect(cases.length).toBeLessThanOrEqual(8);
  });

  for (const file of cases) {
    it(file, async () => {
      const actual = explore(await binary(file), { emit: "asm", func: null });
      const outPath = join(dir, file.replace(/\.wat$/, ".out"));
      if (bless) writeFileSync(outPath, actual);
      expect(existsSync(outPath), `${outPath} is missing: run with BLESS=1`).toBe(true);
      expect(actual).toBe(readFileSync(outPath, "utf8"));
    });
  }
});

describe("explorer", () => {
  it("selects one function by export name, name-section name or index", async () => {
    const bytes = await binary("call_indirect.wat");
    const byExport = explore(bytes, { emit: "ir", func: "apply" });
    expect(byExport).toBe(explore(bytes, { emit: "ir", func: "2" }));
    expect(byExport).toMatch(/^;;; function 2 "apply"\n/);
    expect(byExport).not.toContain(";;; function 0");
    expect(explore(bytes, { emit: "ir", func: "sub" })).toMatch(/^;;; function 1 "sub"\n/);
  });

  it("ir output has no machine code; asm output groups code under IR operations", async () => {
    const bytes = await binary("add.wat");
    const ir = explore(bytes, { emit: "ir", func: null });
    expect(ir).toContain("0x0027  i32.add");
    expect(ir).toContain("v2:i32 = i32.add v0, v1 ; @0x27");
    expect(ir).not.toContain("machine code");
    const asm = explore(bytes, { emit: "asm", func: null });
    expect(asm).toMatch(/ {2}v2:i32 = i32\.add v0, v1 ; @0x27 \(i32\.add\)\n {4}\+0x[0-9a-f]{4} {2}/);
  });

  it("rejects an unknown function and a malformed module with CompileError", async () => {
    const bytes = await binary("add.wat");
    expect(() => explore(bytes, { emit: "ir", func: "nope" })).toThrow(CompileError);
    expect(() => explore(bytes, { emit: "ir", func: "7" })).toThrow(CompileError);
    expect(() => explore(new Uint8Array([0, 0x61, 0x73]), { emit: "ir", func: null })).toThrow(CompileError);
  });

  it("agrees with capstone on every instruction of the goldens (when capstone-wasm is installed)", async () => {
    const disassembler = await loadCapstoneDisassembler();
    if (disassembler === null) return;
    for (const file of cases) {
      const text = explore(await binary(file), { emit: "asm", func: null, disassembler });
      expect(text.split("\n").filter((l) => l.includes("; capstone:"))).toEqual([]);
    }
  });
});
