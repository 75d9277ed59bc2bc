/**
 * Lowers every function of every module the Wasm 2.0 spec suite expects to be valid (modules,
 * `assert_trap`/`assert_unlinkable`/`assert_uninstantiable` modules) and runs the IR verifier
 * over each one, checked against the module's types.
 */
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileModule } from "../../src/frontend/lower-module.js";
import { OPCODES, opcodeName } from "../../src/frontend/opcodes.js";
import { moduleEnv } from "../../src/ir/ops.js";
import { verifyFunc } from "../../src/ir/verifier.js";
import { collectScripts, defaultSuitePath, SUITE_HINT } from "../../src/spec/paths.js";
import { type ModuleDef, parseScript } from "../../src/spec/script.js";
import { loadWatToBinary } from "../../src/spec/wat.js";

/** The modules of a script that must be valid. */
function validModules(source: string): ModuleDef[] {
  const out: ModuleDef[] = [];
  for (const c of parseScript(source)) {
    if (c.kind === "module") out.push(c.module);
    else if (c.kind === "assert_trap" && c.target.kind === "module") out.push(c.target);
    else if (c.kind === "assert_unlinkable" || c.kind === "assert_uninstantiable") out.push(c.module);
  }
  return out;
}

describe("IR of the Wasm 2.0 spec suite", () => {
  it("lowers every function of every valid module to verified IR", async () => {
    const suite = defaultSuitePath();
    if (!existsSync(suite)) throw new Error(`spec suite not found at ${suite}: ${SUITE_HINT}`);
    const files = collectScripts([suite]);
    expect(files.length).toBeGreaterThan(100);
    const toBinary = await loadWatToBinary();
    let modules = 0;
    let funcs = 0;
    const seen = new Set<number>();
    const failures: string[] = [];
    for (const file of files) {
      for (const def of validModules(readFileSync(file.path, "utf8"))) {
        const where = `${file.display}:${def.line}`;
        const bytes = def.source.kind === "binary" ? def.source.bytes : toBinary(def.source.text);
        try {
          const c = compileModule(bytes);
          const env = moduleEnv(c.module);
          modules++;
          for (const f of c.funcs) {
            funcs++;
            for (const b of f.blocks) for (const i of b.insts) seen.add(i.op);
            const problems = verifyFunc(f, env);
            if (problems.length > 0)
              failures.push(`${where} func ${f.index}: ${problems.slice(0, 5).join("; ")}`);
          }
        } catch (e) {
          failures.push(`${where}: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
    }
    console.log(`spec suite IR: ${modules} modules, ${funcs} functions lowered and verified`);
    expect(failures.slice(0, 20)).toEqual([]);
    // Every wasm instruction that is an IR operation occurs in the suite's lowered code.
    const notOps = new Set([
      0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x1a, 0x1c, 0x20, 0x21, 0x22,
    ]);
    const missing = OPCODES.filter((o) => !notOps.has(o.code) && !seen.has(o.code)).map((o) =>
      opcodeName(o.code),
    );
    expect(missing).toEqual([]);
    const unexpected = [...seen].filter((op) => notOps.has(op)).map(opcodeName);
    expect(unexpected).toEqual([]);
    expect(modules).toBeGreaterThan(1500);
    expect(funcs).toBeGreaterThan(6000);
  });
});
