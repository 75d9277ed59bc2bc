/**
 * Sandbox escapes: a hostile C guest tries `..`, absolute paths, symbolic links pointing out
 * (intermediate, final, absolute, chained, looping), renames, links, unlinks and directories
 * out of its preopened directory, and a bad pointer; every attempt must fail and the files
 * outside must be untouched.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { instantiateWasi } from "../../src/wasi/kiln.js";
import { WASI } from "../../src/wasi/wasi.js";
import { buildGuest } from "./clang.js";

describe("WASI sandbox", () => {
  let tmp = "";
  let wasm = "";

  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kiln-sandbox-"));
    wasm = buildGuest("escape", tmp);
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("refuses every escape from the preopened directory", () => {
    const root = path.join(tmp, "root");
    const box = path.join(root, "sandbox");
    const outside = path.join(root, "outside");
    fs.mkdirSync(path.join(box, "sub"), { recursive: true });
    fs.mkdirSync(outside);
    const secret = path.join(outside, "secret.txt");
    fs.writeFileSync(secret, "TOPSECRET");
    fs.writeFileSync(path.join(box, "inside.txt"), "inside");
    fs.symlinkSync("../outside", path.join(box, "link_out"));
    fs.symlinkSync("../outside/secret.txt", path.join(box, "file_link"));
    fs.symlinkSync(secret, path.join(box, "abs_link"));
    fs.symlinkSync("sub/../link_out/secret.txt", path.join(box, "chain"));
    fs.symlinkSync("loop2", path.join(box, "loop1"));
    fs.symlinkSync("loop1", path.join(box, "loop2"));

    const out: Uint8Array[] = [];
    const wasi = new WASI({
      version: "preview1",
      args: ["escape.wasm"],
      preopens: { "/sandbox": box },
      stdin: new Uint8Array(0),
      stdout: { write: (b: Uint8Array) => out.push(b) },
      stderr: { write: (b: Uint8Array) => out.push(b) },
    });
    const code = wasi.start(instantiateWasi(fs.readFileSync(wasm), wasi, "interpreter"));
    const text = Buffer.concat(out).toString();
    expect(text).not.toContain("ESCAPED");
    expect(text).not.toContain("TOPSECRET");
    expect(text.match(/^ok /gm)?.length).toBeGreaterThanOrEqual(24);
    expect(code).toBe(0);
    expect(fs.readFileSync(secret, "utf8")).toBe("TOPSECRET");
    expect(fs.readdirSync(outside)).toEqual(["secret.txt"]);
    expect(fs.readdirSync(root).sort()).toEqual(["outside", "sandbox"]);
    expect(fs.existsSync(path.join(box, "inside.txt"))).toBe(true);
    expect(fs.existsSync(path.join(box, "stolen.txt"))).toBe(false);
    expect(fs.existsSync(path.join(box, "stolen2.txt"))).toBe(false);
  });
});
