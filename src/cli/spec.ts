/**
 * `kiln spec [paths...] [--engine interp|compiler] [--validate-only] [--json] [--verbose]`:
 * runs WebAssembly spec scripts (`.wast` files, or directories of them).
 */
import { parseArgs } from "node:util";
import type { Engine } from "../spec/engine.js";
import { defaultEngine, engines } from "../spec/engines.js";
import { collectScripts, defaultSuitePath, SUITE_HINT, SuitePathError } from "../spec/paths.js";
import { formatJson, formatText } from "../spec/report.js";
import { runSpec } from "../spec/runner.js";

const USAGE = `usage: kiln spec [paths...] [--engine ${Object.keys(engines).join("|")}] [--validate-only] [--json] [--verbose]

Runs .wast spec scripts (files, or directories searched for *.wast). With no path, runs the
suite in $KILN_TESTSUITE, else ../shared/wasm-testsuite/2.0 next to the kiln package.
  --engine NAME     engine that runs the modules (default ${defaultEngine})
  --validate-only   only check module validity (assert_invalid, assert_malformed, and every
                    module expected to be valid); other commands are skipped
  --json            print the results as JSON
  --verbose         also list commands decided by the text parser and message mismatches`;

/** Runs the `spec` subcommand; returns the exit status (non-zero on any failure). */
export async function specCommand(args: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (err) {
    console.error(`kiln spec: ${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help === true) {
    console.log(USAGE);
    return 0;
  }
  const engineName = values.engine ?? defaultEngine;
  const entry = engines[engineName];
  if (entry === undefined) {
    console.error(`kiln spec: unknown engine '${engineName}' (engines: ${Object.keys(engines).join(", ")})`);
    return 2;
  }
  let engine: Engine | null = null;
  if (values["validate-only"] !== true) {
    if (entry.load === null) {
      console.error(
        `kiln spec: the '${engineName}' engine (${entry.summary}) is not available yet; ` +
          "use --validate-only to check module validation only",
      );
      return 1;
    }
    engine = await entry.load();
  }

  let files: ReturnType<typeof collectScripts>;
  if (positionals.length === 0) {
    const suite = defaultSuitePath();
    try {
      files = collectScripts([suite]);
    } catch (err) {
      if (!(err instanceof SuitePathError)) throw err;
      console.error(`kiln spec: cannot find the spec suite at ${suite} (${err.message});\n${SUITE_HINT}`);
      return 1;
    }
  } else {
    try {
      files = collectScripts(positionals);
    } catch (err) {
      if (!(err instanceof SuitePathError)) throw err;
      console.error(`kiln spec: ${err.message}`);
      return 1;
    }
  }

  const report = await runSpec(files, engine);
  const verbose = values.verbose === true;
  console.log(values.json === true ? formatJson(report, verbose) : formatText(report, verbose));
  return report.failed > 0 ? 1 : 0;
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      engine: { type: "string" },
      "validate-only": { type: "boolean" },
      json: { type: "boolean" },
      verbose: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
}
