/**
 * `kiln run` end to end: the CLI (built to a temporary directory with tsc) runs a C program
 * compiled with clang, in a child process: printf, args, env, file I/O in a preopened
 * directory, exit codes (exit and trap), MiBs of stdout, piped stdin, and one-line errors.
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildGuest } from "./clang.js";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

describe("kiln run", () => {
  let tmp = "";
  let cli = "";
  let app = "";

  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kiln-run-"));
    app = buildGuest("app", tmp);
    const tsc = path.join(repo, "node_modules/typescript/bin/tsc");
    try {
      execFileSync(
        process.execPath,
        [tsc, "-p", path.join(repo, "tsconfig.build.json"), "--outDir", path.join(tmp, "dist")],
        {
          stdio: "pipe",
        },
      );
    } catch {
      // Type errors elsewhere in the tree still emit JavaScript; the check below decides.
    }
    cli = path.join(tmp, "dist/src/cli/main.js");
    expect(fs.existsSync(cli), "tsc did not emit the CLI").toBe(true);
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  function kiln(args: string[], input?: Buffer) {
    return spawnSync(process.execPath, [cli, "run", ...args], {
      input,
      maxBuffer: 64 << 20,
      encoding: "buffer",
    });
  }

  it("runs a C program: printf, args, env, files in a preopened directory, exit code", () => {
    const data = path.join(tmp, "data");
    fs.mkdirSync(data);
    fs.writeFileSync(path.join(data, "in.txt"), "hello from host\n");
    const r = kiln([app, "--dir", `${data}::data`, "--env", "GREETING=hi there", "--", "app", "data", "x y"]);
    const out = r.stdout.toString();
    expect(r.stderr.toString()).toBe("to stderr\n");
    expect(out).toContain("argc=4\n");
    expect(out).toContain("argv[0]=app.wasm\n");
    expect(out).toContain("argv[3]=x y\n");
    expect(out).toContain("GREETING=hi there\n");
    expect(out).toContain("in.txt: hello from host\n");
    expect(fs.readFileSync(path.join(data, "out.txt"), "utf8")).toBe("written by wasm\n");
    expect(r.status).toBe(7);
  });

  it("streams MiBs of stdout", () => {
    const r = kiln([app, "--", "big", "8"]);
    expect(r.status).toBe(0);
    expect(r.stdout.length).toBe(8 << 20);
    expect(r.stdout.subarray(0, 26).toString()).toBe("abcdefghijklmnopqrstuvwxyz");
  });

  it("writes stdout redirected to a file at the file's offset, after what the shell wrote", () => {
    const file = path.join(tmp, "redirected.txt");
    const fd = fs.openSync(file, "w");
    try {
      fs.writeSync(fd, "before\n");
      const r = spawnSync(process.execPath, [cli, "run", app, "--", "big", "1"], {
        stdio: ["ignore", fd, "pipe"],
      });
      expect(r.status).toBe(0);
      fs.writeSync(fd, "after\n");
    } finally {
      fs.closeSync(fd);
    }
    const out = fs.readFileSync(file);
    expect(out.length).toBe(7 + (1 << 20) + 6);
    expect(out.subarray(0, 7 + 26).toString()).toBe("before\nabcdefghijklmnopqrstuvwxyz");
    expect(out.subarray(out.length - 6).toString()).toBe("after\n");
  });

  it("reads piped stdin", () => {
    const input = Buffer.alloc(1 << 20, "0123456789\n");
    const r = kiln([app, "--", "cat"], input);
    expect(r.status).toBe(0);
    expect(r.stdout.equals(input)).toBe(true);
  });

  it("exits with the guest's exit code", () => {
    expect(kiln([app, "--", "exit", "42"]).status).toBe(42);
    expect(kiln([app, "--", "exit", "0"]).status).toBe(0);
  });

  it("reports a trap in one line with a non-zero status", () => {
    const r = kiln([app, "--", "trap"]);
    expect(r.status).toBe(134);
    const err = r.stderr.toString().trimEnd();
    expect(err).toMatch(/^kiln: .*trap: unreachable/);
    expect(err.split("\n")).toHaveLength(1);
  });

  it("reports a missing file or a bad module in one line", () => {
    const missing = kiln([path.join(tmp, "nope.wasm")]);
    expect(missing.status).toBe(1);
    expect(missing.stderr.toString()).toMatch(/^kiln: cannot read .*nope\.wasm.*\n$/);
    const bad = path.join(tmp, "bad.wasm");
    fs.writeFileSync(bad, "not wasm");
    const r = kiln([bad]);
    expect(r.status).toBe(1);
    expect(r.stderr.toString()).toMatch(/^kiln: .*bad\.wasm: invalid module: .*\n$/);
  });
});
