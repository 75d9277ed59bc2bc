/**
 * A real-world module: every function of `capstone.wasm` (the Capstone disassembler compiled by
 * Emscripten, from the `capstone-wasm` devDependency) lowers to IR that passes the verifier.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileModule } from "../../src/frontend/lower-module.js";
import { moduleEnv } from "../../src/ir/ops.js";
import { verifyFunc } from "../../src/ir/verifier.js";

describe("IR of capstone.wasm", () => {
  it("lowers every function to verified IR", () => {
    const path = join(dirname(createRequire(import.meta.url).resolve("capstone-wasm")), "capstone.wasm");
    const { module, funcs } = compileModule(new Uint8Array(readFileSync(path)));
    expect(funcs.length).toBe(module.codes.length);
    expect(funcs.length).toBeGreaterThan(300);
    const env = moduleEnv(module);
    const failures: string[] = [];
    let loops = 0;
    for (const f of funcs) {
      const problems = verifyFunc(f, env);
      if (problems.length > 0) failures.push(`func ${f.index}: ${problems.slice(0, 3).join("; ")}`);
      loops += f.blocks.filter((b) => b.loopHeader).length;
    }
    expect(failures).toEqual([]);
    expect(loops).toBeGreaterThan(100);
  });
});
