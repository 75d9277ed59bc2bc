/**
 * Golden disassembly tests of the explorer for arm64 (cross-compiled: nothing runs): every
 * `arm64/*.wat` is rendered with `--emit asm --arch arm64` and compared exactly with the `.out`
 * next to it. `BLESS=1 npx vitest run test/disas` rewrites the expected files from the current
 * output. Every instruction must also decode in capstone to the printed text.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { compileCommand } from "../../src/cli/compile.js";
import { loadCapstoneDisassembler } from "../../src/explorer/capstone.js";
import { explore } from "../../src/explorer/explore.js";
import { loadWatToBinary } from "../../src/spec/wat.js";

const dir = join(import.meta.dirname, "arm64");
const cases = readdirSync(dir)
  .filter((f) => f.endsWith(".wat"))
  .sort();
const bless = process.env.BLESS === "1";

async function binary(file: string): Promise<Uint8Array> {
  return (await loadWatToBinary())(new Uint8Array(readFileSync(join(dir, file))));
}

describe("explorer goldens (arm64)", () => {
  it("has between 5 and 8 cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(5);
    expect(cases.length).toBeLessThanOrEqual(8);
  });

  for (const file of cases) {
    it(file, async () => {
      const actual = explore(await binary(file), { emit: "asm", func: null, arch: "arm64" });
      const outPath = join(dir, file.replace(/\.wat$/, ".out"));
      if (bless) writeFileSync(outPath, actual);
      expect(existsSync(outPath), `${outPath} is missing: run with BLESS=1`).toBe(true);
      expect(actual).toBe(readFileSync(outPath, "utf8"));
    });
  }

  it("agrees with capstone on every instruction of the goldens (when capstone-wasm is installed)", async () => {
    const disassembler = await loadCapstoneDisassembler("arm64");
    if (disassembler === null) return;
    for (const file of cases) {
      const text = explore(await binary(file), { emit: "asm", func: null, disassembler, arch: "arm64" });
      expect(text).toContain(";; arm64 machine code");
      expect(text.split("\n").filter((l) => l.includes("; capstone:"))).toEqual([]);
    }
  });

  it("shows calls by function and branches relative to the function", async () => {
    const text = explore(await binary("fac.wat"), { emit: "asm", func: "fac", arch: "arm64" });
    expect(text).toMatch(/ bl <func 0>\n/);
    expect(text).toMatch(/ b\.lo \+0x[0-9a-f]{4}\n/);
    expect(text).toMatch(/ ldp x29, x30, \[sp\], #0x10\n/);
  });
});

describe("kiln compile --arch arm64", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("prints the arm64 golden of a function", async () => {
    const out: string[] = [];
    vi.spyOn(process.stdout, "write").mockImplementation((s: string | Uint8Array) => {
      out.push(String(s));
      return true;
    });
    const status = await compileCommand(["--emit", "asm", "--arch", "arm64", join(dir, "sum.wat")]);
    expect(status).toBe(0);
    expect(out.join("")).toBe(readFileSync(join(dir, "sum.out"), "utf8"));
  });
});
