/**
 * Runner of the WebAssembly wasi-testsuite (`c/`, `rust/`, `assemblyscript/` folders of
 * `X.wasm` programs with optional `X.json` specs: `args`, `env`, `dirs`, `exit_code`,
 * `stdout`, `stderr`). Each program runs in-process on a temporary copy of its directories
 * (leftover `*.cleanup` entries removed), with standard input empty and its output captured.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { packageRoot } from "../spec/paths.js";
import { type EngineName, instantiateWasi } from "./kiln.js";
import { WASI } from "./wasi.js";

/** How to point Kiln at the wasi-testsuite, for error messages. */
export const WASI_SUITE_HINT =
  "set KILN_WASI_TESTSUITE to the wasi-testsuite directory (holding c/, rust/ and assemblyscript/); " +
  "by default Kiln looks in ../shared/wasi-testsuite relative to the kiln package";

/** The folders of the suite that are run. */
export const SUITE_FOLDERS = ["c", "rust", "assemblyscript"] as const;

/** The suite directory: `$KILN_WASI_TESTSUITE` if set, else `../shared/wasi-testsuite` from the package root. */
export function defaultWasiSuitePath(): string {
  const env = process.env.KILN_WASI_TESTSUITE;
  if (env !== undefined && env !== "") return path.resolve(env);
  return path.resolve(packageRoot(), "../shared/wasi-testsuite");
}

/** The outcome of one program. */
export interface WasiTestResult {
  /** `folder/name`. */
  readonly name: string;
  /** Null when it passed, else what went wrong. */
  readonly failure: string | null;
}

interface Spec {
  args?: string[];
  env?: Record<string, string>;
  dirs?: string[];
  exit_code?: number;
  stdout?: string;
  stderr?: string;
}

/** Every program of the suite at `root`, as paths of `.wasm` files; throws when a folder is missing. */
export function listWasiTests(root: string): string[] {
  const out: string[] = [];
  for (const folder of SUITE_FOLDERS) {
    const dir = path.join(root, folder);
    if (!fs.existsSync(dir)) throw new Error(`wasi-testsuite folder ${dir} not found: ${WASI_SUITE_HINT}`);
    for (const f of fs.readdirSync(dir).sort()) if (f.endsWith(".wasm")) out.push(path.join(dir, f));
  }
  return out;
}

function removeCleanups(dir: string): void {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.name.endsWith(".cleanup")) fs.rmSync(p, { recursive: true, force: true });
    else if (e.isDirectory()) removeCleanups(p);
  }
}

function makeWritable(dir: string): void {
  fs.chmodSync(dir, 0o755);
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) makeWritable(p);
    else if (e.isFile()) fs.chmodSync(p, 0o644);
  }
}

/** A writer that collects bytes. */
class Collector {
  private readonly chunks: Uint8Array[] = [];
  write(chunk: Uint8Array): void {
    this.chunks.push(chunk);
  }
  text(): string {
    return Buffer.concat(this.chunks).toString("utf8");
  }
}

/** Runs one program of the suite (its `.wasm` path) on `engine`. */
export function runWasiTest(wasmPath: string, engine: EngineName): WasiTestResult {
  const folder = path.basename(path.dirname(wasmPath));
  const base = path.basename(wasmPath, ".wasm");
  const name = `${folder}/${base}`;
  const specPath = path.join(path.dirname(wasmPath), `${base}.json`);
  const spec: Spec = fs.existsSync(specPath) ? (JSON.parse(fs.readFileSync(specPath, "utf8")) as Spec) : {};
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kiln-wasi-"));
  try {
    const preopens: Record<string, string> = {};
    for (const d of spec.dirs ?? []) {
      const copy = path.join(tmp, d);
      fs.cpSync(path.join(path.dirname(wasmPath), d), copy, { recursive: true });
      makeWritable(copy);
      removeCleanups(copy);
      preopens[d] = copy;
    }
    const stdout = new Collector();
    const stderr = new Collector();
    const wasi = new WASI({
      version: "preview1",
      args: [`${base}.wasm`, ...(spec.args ?? [])],
      env: spec.env ?? {},
      preopens,
      stdin: new Uint8Array(0),
      stdout,
      stderr,
    });
    let code: number;
    try {
      code = wasi.start(instantiateWasi(fs.readFileSync(wasmPath), wasi, engine));
    } catch (e) {
      return { name, failure: `${e instanceof Error ? e.message : String(e)}\n${stderr.text()}` };
    }
    const problems: string[] = [];
    const want = spec.exit_code ?? 0;
    if (code !== want) problems.push(`exit code ${code}, expected ${want}`);
    if (spec.stdout !== undefined && stdout.text() !== spec.stdout) {
      problems.push(`stdout ${JSON.stringify(stdout.text())}, expected ${JSON.stringify(spec.stdout)}`);
    }
    if (spec.stderr !== undefined && stderr.text() !== spec.stderr) {
      problems.push(`stderr ${JSON.stringify(stderr.text())}, expected ${JSON.stringify(spec.stderr)}`);
    }
    if (problems.length > 0 && stderr.text() !== "") problems.push(`guest stderr: ${stderr.text()}`);
    return { name, failure: problems.length === 0 ? null : problems.join("; ") };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
