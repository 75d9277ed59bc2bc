/**
 * Test helpers for the IR: wasm text to binary through wabt's parser only (no wabt validation;
 * Kiln's own validator decides), and compiling text straight to verified IR.
 */
import wabtInit from "wabt";
import { compileModule } from "../../src/frontend/lower-module.js";
import type { Module } from "../../src/frontend/types.js";
import { moduleEnv } from "../../src/ir/ops.js";
import type { Func } from "../../src/ir/types.js";
import { verifyFunc } from "../../src/ir/verifier.js";

const FEATURES = {
  mutable_globals: true,
  sat_float_to_int: true,
  sign_extension: true,
  simd: true,
  multi_value: true,
  bulk_memory: true,
  reference_types: true,
} as const;

const wabt = await wabtInit();

/** Converts module text to a binary with a `name` section. */
export function wat(text: string): Uint8Array {
  const m = wabt.parseWat("test.wat", text, FEATURES);
  try {
    return m.toBinary({ write_debug_names: true }).buffer;
  } finally {
    m.destroy();
  }
}

/** Compiles module text to IR, asserting that every function passes the verifier. */
export function compileWat(text: string): { module: Module; funcs: readonly Func[] } {
  const c = compileModule(wat(text));
  const env = moduleEnv(c.module);
  for (const f of c.funcs) {
    const problems = verifyFunc(f, env);
    if (problems.length > 0) throw new Error(`IR of function ${f.index} is invalid:\n${problems.join("\n")}`);
  }
  return c;
}
