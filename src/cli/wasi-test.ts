/**
 * `kiln wasi-test [SUITE] [--engine auto|compiler|interpreter]`: runs the wasi-testsuite
 * (default `$KILN_WASI_TESTSUITE`, else `../shared/wasi-testsuite`) and prints each failure,
 * the time taken and an `N passed, N failed` line; non-zero when any program failed.
 */
import { parseArgs } from "node:util";
import type { EngineName } from "../wasi/kiln.js";
import { defaultWasiSuitePath, listWasiTests, runWasiTest } from "../wasi/testsuite.js";

/** Runs the `wasi-test` subcommand; returns the exit status. */
export async function wasiTestCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { engine: { type: "string" } },
  });
  const engine = (values.engine ?? "interpreter") as EngineName;
  const programs = listWasiTests(positionals[0] ?? defaultWasiSuitePath());
  const start = performance.now();
  let passed = 0;
  let failed = 0;
  for (const p of programs) {
    const r = runWasiTest(p, engine);
    if (r.failure === null) passed++;
    else {
      failed++;
      console.log(`FAIL ${r.name}: ${r.failure}`);
    }
  }
  console.log(`wasi-testsuite (${engine}): ${((performance.now() - start) / 1000).toFixed(1)}s`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}
