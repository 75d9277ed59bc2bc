/**
 * Locating `.wast` scripts: the default suite directory (from `$KILN_TESTSUITE`, else next to
 * the package) and the expansion of files and directories into a sorted list of scripts.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** How to point Kiln at the spec suite, for error messages. */
export const SUITE_HINT =
  "set KILN_TESTSUITE to the directory holding the Wasm 2.0 spec scripts (*.wast), " +
  "e.g. KILN_TESTSUITE=/path/to/wasm-testsuite/2.0; by default Kiln looks in " +
  "../shared/wasm-testsuite/2.0 relative to the kiln package";

/** A missing script path; the message says what was looked for. */
export class SuitePathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SuitePathError";
  }
}

/** The root directory of the kiln package, found by walking up from this module's own location. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest)) {
      const parsed: unknown = JSON.parse(readFileSync(manifest, "utf8"));
      if (typeof parsed === "object" && parsed !== null && "name" in parsed && parsed.name === "kiln")
        return dir;
    }
    const parent = dirname(dir);
    if (parent === dir)
      throw new SuitePathError("cannot find the kiln package root (no package.json named 'kiln')");
    dir = parent;
  }
}

/** The default suite directory: `$KILN_TESTSUITE` if set, else `../shared/wasm-testsuite/2.0` from the package root. */
export function defaultSuitePath(): string {
  const env = process.env.KILN_TESTSUITE;
  if (env !== undefined && env !== "") return resolve(env);
  return resolve(packageRoot(), "../shared/wasm-testsuite/2.0");
}

/** A script to run: its path and the name shown in reports. */
export interface ScriptFile {
  readonly path: string;
  readonly display: string;
}

function wastFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...wastFilesUnder(full));
    else if (entry.name.endsWith(".wast")) out.push(full);
  }
  return out;
}

/**
 * Expands files and directories (searched recursively for `*.wast`) into scripts, sorted within
 * each directory. Throws `SuitePathError` for a missing path or a directory without scripts.
 */
export function collectScripts(paths: readonly string[]): ScriptFile[] {
  const out: ScriptFile[] = [];
  for (const p of paths) {
    if (!existsSync(p)) throw new SuitePathError(`no such file or directory: ${p}`);
    if (statSync(p).isDirectory()) {
      const files = wastFilesUnder(p).sort();
      if (files.length === 0) throw new SuitePathError(`no .wast scripts under ${p}`);
      for (const f of files) out.push({ path: f, display: relative(p, f) });
    } else {
      out.push({ path: p, display: p });
    }
  }
  return out;
}
