/**
 * Interpreter speed: each workload of `interp-workloads.ts` runs on Kiln's interpreter and on
 * V8 (default tiering) in the same process; the table gives milliseconds per run and the ratio.
 * Build and run with `npm run bench:interp`.
 */
import { compileModule } from "../src/frontend/index.js";
import { Interpreter } from "../src/interp/interpreter.js";
import { invokeFunction, WasmFunction } from "../src/runtime/function.js";
import { instantiate } from "../src/runtime/instance.js";
import { loadWatToBinary } from "../src/spec/wat.js";
import { workloads } from "./interp-workloads.js";

/** The part of the WebAssembly JS API used here (the project's `lib` has no DOM types). */
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
};

/** Runs `f` until `ms` milliseconds have passed (at least twice); returns the best ms per call. */
function best(f: () => number, ms: number): number {
  let bestMs = Number.POSITIVE_INFINITY;
  const start = performance.now();
  let runs = 0;
  while (runs < 2 || performance.now() - start < ms) {
    const t0 = performance.now();
    f();
    bestMs = Math.min(bestMs, performance.now() - t0);
    runs++;
  }
  return bestMs;
}

async function main(): Promise<void> {
  const wat = await loadWatToBinary();
  const encoder = new TextEncoder();
  const rows: string[][] = [["workload", "exercises", "interp ms", "V8 ms", "interp / V8"]];
  for (const w of workloads) {
    const bytes = wat(encoder.encode(w.wat));
    const { module, funcs } = compileModule(bytes);
    const interp = new Interpreter({ lower: (m, i) => funcs[i - m.numImportedFuncs] });
    const instance = instantiate(module, () => undefined, interp);
    const run = instance.getExport("run");
    if (!(run instanceof WasmFunction)) throw new Error(`${w.name}: no exported run function`);
    const arg = [{ type: "i32", value: w.n } as const];
    const onInterp = (): number => {
      const [r] = invokeFunction(run, arg);
      return r.type === "i32" ? r.value : Number.NaN;
    };
    const v8Run = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports.run as (
      n: number,
    ) => number;
    const onV8 = (): number => v8Run(w.n);
    const expected = onV8();
    const got = onInterp();
    if (got !== expected) throw new Error(`${w.name}: interpreter returned ${got}, V8 ${expected}`);
    const interpMs = best(onInterp, 2000);
    const v8Ms = best(onV8, 1000);
    rows.push([w.name, w.what, interpMs.toFixed(2), v8Ms.toFixed(3), `${(interpMs / v8Ms).toFixed(1)}x`]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const r of rows) console.log(r.map((cell, c) => cell.padEnd(widths[c])).join("  "));
}

await main();
