/**
 * Differential test: random modules from binaryen's `wasm-opt -ttf` run on every available
 * engine (Kiln's interpreter, Kiln's compiler once registered, V8); results, traps, log calls,
 * final memory and globals must agree (see `src/difftest/`). The saved regressions in
 * `regressions/` are replayed first. `npm run diff -- --count N` runs more.
 */
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { availableEngines, loadEngine } from "../../src/difftest/engines.js";
import { generateModule, requireWasmOpt } from "../../src/difftest/generate.js";
import { loadRegressions } from "../../src/difftest/regressions.js";
import { type HelperModules, helperModules } from "../../src/difftest/run.js";
import { checkModule } from "../../src/difftest/session.js";
import type { Engine } from "../../src/spec/engine.js";
import { loadWatToBinary } from "../../src/spec/wat.js";

const COUNT = Number(process.env.KILN_DIFF_COUNT ?? 120);
const FIRST_SEED = 1;

let engines: Engine[] = [];
let helpers: HelperModules;

beforeAll(async () => {
  const wat = await loadWatToBinary();
  engines = await Promise.all(availableEngines().map((n) => loadEngine(n, wat)));
  helpers = helperModules(wat);
});

describe("differential testing", () => {
  it("has binaryen's wasm-opt (apt package binaryen)", () => {
    expect(requireWasmOpt).not.toThrow();
  });

  it("compares at least Kiln's interpreter and V8", () => {
    expect(engines.map((e) => e.name)).toEqual(expect.arrayContaining(["interp", "v8"]));
  });

  it("replays every saved regression without divergence", () => {
    const regs = loadRegressions(join(import.meta.dirname, "regressions"));
    for (const r of regs)
      expect(checkModule(engines, helpers, r.bytes, r.seed).divergences, r.name).toEqual([]);
  });

  it(`agrees on ${COUNT} generated modules`, () => {
    requireWasmOpt();
    const failures: string[] = [];
    for (let seed = FIRST_SEED; seed < FIRST_SEED + COUNT; seed++) {
      const v = checkModule(engines, helpers, generateModule(seed), seed);
      if (v.divergences.length > 0) failures.push(`seed ${seed}: ${v.divergences.join("; ")}`);
    }
    expect(failures).toEqual([]);
  });
});
