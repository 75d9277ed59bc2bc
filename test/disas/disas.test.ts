/**
 * Golden disassembly tests for the explorer: every `amd64/*.wat` is rendered with
 * `--emit asm` and compared exactly with the `.out` next to it. `BLESS=1 npx vitest run test/disas`
 * rewrites the expected files from the current output.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { compileCommand } from "../../src/cli/compile.js";
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

describe("kiln compile", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  async function run(args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    vi.spyOn(process.stdout, "write").mockImplementation((s: string | Uint8Array) => {
      out.push(String(s));
      return true;
    });
    vi.spyOn(console, "error").mockImplementation((s: unknown) => void err.push(String(s)));
    const status = await compileCommand(args);
    return { status, out: out.join(""), err: err.join("\n") };
  }

  it("prints a .wat file's function and a .wasm file's function alike", async () => {
    const tmp = mkdtempSync(join(tmpdir(), "kiln-disas-"));
    const wasm = join(tmp, "fac.wasm");
    writeFileSync(wasm, await binary("fac.wat"));
    const fromWat = await run(["--emit", "asm", join(dir, "fac.wat"), "--func", "fac", "--arch", "x64"]);
    expect(fromWat.status).toBe(0);
    expect(fromWat.out).toBe(readFileSync(join(dir, "fac.out"), "utf8"));
    const fromWasm = await run(["--emit", "ir", wasm, "--func", "0"]);
    expect(fromWasm.status).toBe(0);
    expect(fromWasm.out).toContain("v4:i64 = i64.sub v0, v3 ; @0x30");
    expect(fromWasm.out).not.toContain("machine code");
  });

  it("reports bad input on one line with a non-zero status", async () => {
    const tmp = mkdtempSync(join(tmpdir(), "kiln-disas-"));
    const garbage = join(tmp, "garbage.wasm");
    writeFileSync(garbage, new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5]));
    const badWat = join(tmp, "bad.wat");
    writeFileSync(badWat, "(module (func i32.frob))");
    for (const args of [
      ["--emit", "asm", garbage],
      ["--emit", "ir", badWat],
      ["--emit", "ir", join(tmp, "missing.wasm")],
      ["--emit", "ir", join(dir, "add.wat"), "--func", "nope"],
    ]) {
      const r = await run(args);
      expect(r.status, args.join(" ")).toBe(1);
      expect(r.out).toBe("");
      expect(r.err).toMatch(/^kiln: [^\n]+$/);
    }
    const usage = await run(["--emit", "bytes", garbage]);
    expect(usage.status).toBe(2);
    expect(usage.err).toMatch(/^kiln: --emit must be ir or asm/);
    expect((await run(["--emit", "ir", garbage, "--arch", "mips"])).status).toBe(2);
  });
});
