import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { compilerUnavailableReason } from "../../src/api/compiled.js";
import { inspectCommand } from "../../src/cli/inspect.js";
import { invokeCommand } from "../../src/cli/invoke.js";
import { wat, withCustom } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "kiln-cli-"));
const app = join(dir, "app.wasm");
writeFileSync(
  app,
  withCustom(
    wat(`(module (memory (export "mem") 1)
      (func (export "add") (param i32 i64) (result i64) (i64.add (i64.extend_i32_s (local.get 0)) (local.get 1)))
      (func (export "div") (param f64 f32) (result f64 f32) (f64.div (local.get 0) (f64.promote_f32 (local.get 1))) (local.get 1))
      (func (export "trap") unreachable)
      (func (export "spin") (loop $l (br $l)))
      (func (export "vec") (param v128)))`),
    "meta",
    "x",
  ),
);
const imports = join(dir, "imports.wasm");
writeFileSync(imports, wat(`(module (import "env" "f" (func)) (func (export "g")))`));
const garbage = join(dir, "garbage.wasm");
writeFileSync(garbage, new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5]));

async function run(command: (args: string[]) => Promise<number>, args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, "log").mockImplementation((s: unknown) => void out.push(String(s)));
  vi.spyOn(console, "error").mockImplementation((s: unknown) => void err.push(String(s)));
  const status = await command(args);
  return { status, out: out.join("\n"), err: err.join("\n") };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("kiln inspect", () => {
  it("lists sections, imports, exports and custom sections", async () => {
    const r = await run(inspectCommand, [app]);
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/^.*app\.wasm: \d+ bytes, \d+ sections/);
    expect(r.out).toMatch(/ {2}type +\d+ bytes {2}at 0x/);
    expect(r.out).toContain(`"add" (func (param i32 i64) (result i64))`);
    expect(r.out).toContain(`"mem" (memory 1)`);
    expect(r.out).toContain(`custom "meta"`);
    expect(r.out).toMatch(/custom sections \(2\):\n {2}"name" \d+ bytes\n {2}"meta" 6 bytes/);
    const i = await run(inspectCommand, [imports]);
    expect(i.out).toContain(`"env" "f" (func)`);
    const j = await run(inspectCommand, [app, "--json"]);
    const parsed = JSON.parse(j.out);
    expect(parsed.exports[0]).toEqual({ name: "mem", kind: "memory", type: { minimum: 1, maximum: null } });
  });

  it("gives one-line errors and non-zero status", async () => {
    for (const args of [[garbage], [join(dir, "missing.wasm")], [dir]]) {
      const r = await run(inspectCommand, args);
      expect(r.status).toBe(1);
      expect(r.err.split("\n")).toHaveLength(1);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
    expect((await run(inspectCommand, [garbage])).err).toMatch(/^kiln inspect: CompileError: /);
    expect((await run(inspectCommand, [join(dir, "missing.wasm")])).err).toMatch(/no such file/);
    expect((await run(inspectCommand, [])).status).toBe(2);
    expect((await run(inspectCommand, [app, "--bogus"])).status).toBe(2);
  });
});

describe("kiln invoke", () => {
  it("parses arguments by parameter type and prints results", async () => {
    const r = await run(invokeCommand, [app, "add", "-5", "9007199254740993"]);
    expect(r).toEqual({ status: 0, out: "9007199254740988", err: "" });
    const d = await run(invokeCommand, [app, "div", "1", "-inf", "--engine", "interpreter"]);
    expect(d.out).toBe("-0\n-Infinity");
    expect((await run(invokeCommand, [app, "add", "0xffffffff", "1"])).out).toBe("0");
    expect((await run(invokeCommand, [app, "trap"])).out).toBe("");
  });

  it("gives one-line errors and non-zero status", async () => {
    const cases: [string[], number, RegExp][] = [
      [[app, "add", "x", "1"], 2, /argument 1 \('x'\) is not an i32 integer/],
      [[app, "add", "4294967296", "1"], 2, /not in the i32 range/],
      [[app, "add", "1"], 2, /takes 2 arguments/],
      [[app, "div", "one", "2"], 2, /not an f64 number/],
      [[app, "vec", "1"], 2, /type v128/],
      [[app, "nope"], 1, /no exported function "nope" \(exported functions: add, div, trap, spin, vec\)/],
      [[app, "trap"], 1, /^kiln invoke: RuntimeError: /],
      [[app, "spin", "--deadline-ms", "20"], 1, /interrupted: deadline of 20 ms exceeded/],
      compilerUnavailableReason() === null
        ? [[app, "spin", "--deadline-ms", "20", "--engine", "compiler"], 1, /interrupted: deadline of 20 ms/]
        : [[app, "add", "1", "2", "--engine", "compiler"], 1, /engine "compiler" is unavailable/],
      [[app, "add", "1", "2", "--engine", "fast"], 2, /unknown engine/],
      [[imports, "g"], 1, /^kiln invoke: LinkError: unknown import "env" "f"/],
      [[garbage, "f"], 1, /CompileError/],
      [[join(dir, "missing.wasm"), "f"], 1, /no such file/],
      [[app], 2, /expected a module file and a function name/],
    ];
    for (const [args, status, message] of cases) {
      const r = await run(invokeCommand, args);
      expect(r.status, args.join(" ")).toBe(status);
      expect(r.err.split("\n")[0], args.join(" ")).toMatch(message);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
  });
});
